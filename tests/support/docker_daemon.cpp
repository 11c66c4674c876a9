#include "docker_daemon.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <QMap>

#include <csignal>
#include <sys/mount.h>
#include <unistd.h>

#include <algorithm>

namespace testsupport {

DockerDaemon::DockerDaemon() = default;

DockerDaemon::~DockerDaemon()
{
    stop();
}

bool DockerDaemon::start(int timeoutMs)
{
    const QString dockerd = QStandardPaths::findExecutable(QStringLiteral("dockerd"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    if (dockerd.isEmpty()) {
        m_error = QStringLiteral("dockerd is not installed (docker.io, scripts/install-deps.sh)");
        return false;
    }
    if (::geteuid() != 0) {
        m_error = QStringLiteral("dockerd needs root");
        return false;
    }
    const QString root = m_dir.path();
    // A daemon killed before (kill()) leaves its pid file; the next one refuses to start beside it.
    QFile::remove(root + QStringLiteral("/dockerd.pid"));
    m_daemon.setProcessChannelMode(QProcess::MergedChannels);
    m_daemon.setStandardOutputFile(QDir(root).filePath(QStringLiteral("dockerd.log")));
    m_daemon.start(dockerd, {QStringLiteral("--host"), host(), QStringLiteral("--data-root"), root + QStringLiteral("/data"),
                             QStringLiteral("--exec-root"), root + QStringLiteral("/exec"), QStringLiteral("--pidfile"),
                             root + QStringLiteral("/dockerd.pid"), QStringLiteral("--bridge=none"), QStringLiteral("--iptables=false"),
                             QStringLiteral("--ip-masq=false")});
    if (!m_daemon.waitForStarted(5000)) {
        m_error = QStringLiteral("dockerd did not start: %1").arg(m_daemon.errorString());
        return false;
    }
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        if (m_daemon.state() == QProcess::NotRunning) {
            QFile log(QDir(root).filePath(QStringLiteral("dockerd.log")));
            log.open(QIODevice::ReadOnly);
            m_error = QStringLiteral("dockerd exited: %1").arg(QString::fromUtf8(log.readAll().right(600)).trimmed());
            return false;
        }
        if (QFileInfo::exists(socketPath()) && !docker({QStringLiteral("version"), QStringLiteral("--format"), QStringLiteral("{{.Server.Version}}")}, 5000).isNull())
            return true;
        QThread::msleep(200);
    }
    QFile log(QDir(root).filePath(QStringLiteral("dockerd.log")));
    log.open(QIODevice::ReadOnly);
    m_error = QStringLiteral("dockerd did not answer within %1 ms: %2").arg(timeoutMs).arg(QString::fromUtf8(log.readAll().right(800)).trimmed());
    return false;
}

namespace {

// dockerd leaves mounts under its roots (the host network namespace's nsfs, an overlay
// of a container it did not clean up): detached, or the temporary folder cannot go.
void unmountUnder(const QString &root)
{
    QFile mounts(QStringLiteral("/proc/self/mounts"));
    if (!mounts.open(QIODevice::ReadOnly))
        return;
    QStringList points;
    for (const QByteArray &line : mounts.readAll().split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() > 1 && QString::fromUtf8(fields[1]).startsWith(root))
            points << QString::fromUtf8(fields[1]);
    }
    // Deepest first.
    std::sort(points.begin(), points.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &point : points)
        ::umount2(QFile::encodeName(point).constData(), MNT_DETACH);
}

// What a daemon that did not shut down in order leaves running: its containerd,
// the shims, and the containers' processes under them. Found by the root in
// their command lines, then their descendants; killed, so that no test leaves
// a process behind holding the temporary folder.
void killLeftovers(const QString &root)
{
    QMap<qint64, QList<qint64>> children;
    QList<qint64> marked;
    const QByteArray needle = QFile::encodeName(root);
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid || pid == ::getpid())
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (stat.open(QIODevice::ReadOnly)) {
            const QByteArray line = stat.readAll();
            const QList<QByteArray> afterName = line.mid(line.lastIndexOf(')') + 2).split(' ');
            if (afterName.size() > 1)
                children[afterName[1].toLongLong()].append(pid);
        }
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle))
            marked.append(pid);
    }
    for (qsizetype i = 0; i < marked.size(); ++i) {
        for (qint64 child : children.value(marked[i])) {
            if (!marked.contains(child))
                marked.append(child);
        }
    }
    for (qint64 pid : std::as_const(marked))
        ::kill(pid_t(pid), SIGKILL);
}

} // namespace

void DockerDaemon::stop()
{
    if (m_daemon.state() != QProcess::NotRunning) {
        m_daemon.terminate();
        if (!m_daemon.waitForFinished(15000)) {
            m_daemon.kill();
            m_daemon.waitForFinished(5000);
        }
    }
    killLeftovers(m_dir.path());
    unmountUnder(m_dir.path());
}

void DockerDaemon::kill()
{
    if (m_daemon.state() == QProcess::NotRunning)
        return;
    m_daemon.kill();
    m_daemon.waitForFinished(5000);
    killLeftovers(m_dir.path());
    // The killed containerd may linger as a zombie nobody reaps here, and its pid
    // file would make the next dockerd wait for it forever.
    QFile::remove(m_dir.filePath(QStringLiteral("exec/containerd/containerd.pid")));
}

QString DockerDaemon::docker(const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.start(QStringLiteral("docker"), QStringList{QStringLiteral("--host"), host()} + args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("docker %1: %2").arg(args.join(u' '), QString::fromUtf8(p.readAllStandardError()).trimmed());
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(2000);
        }
        return {};
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    return out.isNull() ? QStringLiteral("") : out;
}

bool DockerDaemon::importBusybox(const QString &image)
{
    const QString busybox = QStandardPaths::findExecutable(QStringLiteral("busybox"));
    if (busybox.isEmpty()) {
        m_error = QStringLiteral("busybox is not installed (busybox-static)");
        return false;
    }
    const QString rootfs = m_dir.filePath(QStringLiteral("rootfs-") + QString(image).replace(u'/', u'_').replace(u':', u'_'));
    QDir().mkpath(rootfs + QStringLiteral("/bin"));
    QFile::copy(busybox, rootfs + QStringLiteral("/bin/busybox"));
    QFile::setPermissions(rootfs + QStringLiteral("/bin/busybox"), QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                                      QFileDevice::ExeOther);
    for (const char *applet : {"sh", "sleep", "true", "false", "echo", "wget", "cat", "ls"})
        QFile::link(QStringLiteral("busybox"), rootfs + QStringLiteral("/bin/") + QLatin1String(applet));
    // docker import reads a tarball: tar's stdout piped into it.
    QProcess tar;
    QProcess import;
    tar.setStandardOutputProcess(&import);
    tar.start(QStringLiteral("tar"), {QStringLiteral("-C"), rootfs, QStringLiteral("-cf"), QStringLiteral("-"), QStringLiteral(".")});
    import.start(QStringLiteral("docker"), {QStringLiteral("--host"), host(), QStringLiteral("import"), QStringLiteral("-"), image});
    tar.waitForFinished(30000);
    if (!import.waitForFinished(60000) || import.exitCode() != 0) {
        m_error = QStringLiteral("docker import: %1").arg(QString::fromUtf8(import.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

} // namespace testsupport
