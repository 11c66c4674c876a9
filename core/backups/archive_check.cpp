#include "archive_check.h"

#include "pg_tool_process.h"
#include "sha256.h"

#include <QProcess>

namespace opsdeck {

QString verifyChecksums(const BackupEntry &entry, std::atomic<qint64> *hashedBytes, const std::atomic<bool> *cancelled)
{
    qint64 before = 0;
    for (const BackupFile &f : entry.manifest.files) {
        const QString path = entry.filePath(f.path);
        const FileDigest digest = sha256OfFile(path, [&](qint64 n) {
            if (hashedBytes)
                hashedBytes->store(before + n);
            return !(cancelled && cancelled->load());
        });
        if (!digest.ok())
            return digest.error;
        if (digest.bytes != f.bytes)
            return QStringLiteral("%1: %2 bytes, the manifest says %3").arg(f.path).arg(digest.bytes).arg(f.bytes);
        if (digest.sha256 != f.sha256)
            return QStringLiteral("%1: checksum differs from the manifest (the file is damaged)").arg(f.path);
        before += digest.bytes;
        if (hashedBytes)
            hashedBytes->store(before);
    }
    return {};
}

std::optional<PgTool> pgRestoreFor(const BackupManifest &manifest, const QString &configuredDirs, QString *error)
{
    const QList<PgTool> tools = findPgTools(QStringLiteral("pg_restore"), configuredDirs);
    const int needed = std::max(manifest.pgDumpMajor, 10);
    std::optional<PgTool> tool = choosePgTool(tools, needed);
    if (!tool && error)
        *error = missingPgToolMessage(QStringLiteral("pg_restore"), tools, needed);
    return tool;
}

QString readArchiveToc(const PgTool &pgRestore, const BackupEntry &entry, Toc *toc)
{
    QProcess p;
    p.setProcessEnvironment(toolEnvironment({}));
    p.start(pgRestore.path, {QStringLiteral("--list"), entry.filePath(entry.manifest.dumpPath())});
    if (!p.waitForFinished(10 * 60 * 1000)) {
        p.kill();
        p.waitForFinished(1000);
        return QStringLiteral("pg_restore --list did not finish");
    }
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("pg_restore --list cannot read the archive: %1").arg(err.isEmpty() ? QStringLiteral("exit status %1").arg(p.exitCode()) : err.section(u'\n', 0, 0));
    *toc = parseToc(out);
    if (toc->entries.isEmpty())
        return QStringLiteral("pg_restore --list found no entries in the archive");
    return {};
}

} // namespace opsdeck
