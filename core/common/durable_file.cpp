#include "common/durable_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace opsdeck {

namespace {
const QString partialSuffix = QStringLiteral(".partial");
}

QString systemErrorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString fsyncFile(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return QStringLiteral("%1: %2").arg(path, systemErrorText(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return QStringLiteral("%1: fsync: %2").arg(path, systemErrorText(err));
#else
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.flush())
        return QStringLiteral("%1: %2").arg(path, f.errorString());
#endif
    return {};
}

QString fsyncFolder(const QString &path)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return QStringLiteral("%1: %2").arg(path, systemErrorText(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    // Some file systems (network shares) cannot fsync a folder; that is not a failure of ours.
    if (rc != 0 && err != EINVAL && err != ENOTSUP)
        return QStringLiteral("%1: fsync: %2").arg(path, systemErrorText(err));
#else
    Q_UNUSED(path)
#endif
    return {};
}

QString renameNoReplace(const QString &from, const QString &to)
{
#if defined(Q_OS_LINUX) && defined(SYS_renameat2)
    constexpr unsigned noReplace = 1;  // RENAME_NOREPLACE
    if (::syscall(SYS_renameat2, AT_FDCWD, QFile::encodeName(from).constData(), AT_FDCWD,
                  QFile::encodeName(to).constData(), noReplace) == 0)
        return {};
    // Some file systems (older NFS, some FUSE) do not know the flag: fall back below.
    if (errno != EINVAL && errno != ENOSYS)
        return QStringLiteral("cannot rename %1 to %2: %3").arg(from, to, systemErrorText(errno));
#endif
    if (QFileInfo::exists(to))
        return QStringLiteral("cannot rename %1 to %2: it exists").arg(from, to);
    if (!QDir().rename(from, to))
        return QStringLiteral("cannot rename %1 to %2").arg(from, to);
    return {};
}

QString writeFileDurably(const QString &path, const QByteArray &bytes)
{
    const QString partial = path + partialSuffix;
    {
        QFile f(partial);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return QStringLiteral("%1: %2").arg(partial, f.errorString());
        if (f.write(bytes) != bytes.size() || !f.flush()) {
            const QString why = QStringLiteral("%1: %2").arg(partial, f.errorString());
            f.close();
            QFile::remove(partial);
            return why;
        }
    }
    if (QFileInfo::exists(path))
        QFile::setPermissions(partial, QFile::permissions(path));
    if (QString e = fsyncFile(partial); !e.isEmpty())
        return e;
#ifdef Q_OS_UNIX
    if (::rename(QFile::encodeName(partial).constData(), QFile::encodeName(path).constData()) != 0)
        return QStringLiteral("cannot rename %1: %2").arg(partial, systemErrorText(errno));
#else
    QFile::remove(path);
    if (!QFile::rename(partial, path))
        return QStringLiteral("cannot rename %1").arg(partial);
#endif
    return fsyncFolder(QFileInfo(path).absolutePath());
}

} // namespace opsdeck
