#include "pg_tools.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QProcess>

#include <memory>
#include <vector>
#include <QRegularExpression>

#include <algorithm>
#include <mutex>

namespace opsdeck {

std::optional<PgTool> parseToolVersion(const QString &versionOutput)
{
    static const QRegularExpression re(QStringLiteral(R"(\(PostgreSQL\)\s+((\d+)(?:\.(\d+))?\S*))"));
    const QRegularExpressionMatch m = re.match(versionOutput);
    if (!m.hasMatch())
        return std::nullopt;
    PgTool tool;
    tool.version = m.captured(1);
    tool.major = m.captured(2).toInt();
    // Before 10 the major version had two parts (9.6): too old to matter here, but not a "9".
    if (tool.major < 10)
        tool.major = 0;
    return tool;
}

QStringList pgToolSearchDirs(const QString &configuredDirs)
{
    QStringList dirs;
    for (const QString &d : configuredDirs.split(QDir::listSeparator(), Qt::SkipEmptyParts))
        dirs << QDir::cleanPath(d.trimmed());
    // Per-version folders, newest first: Debian/Ubuntu, RHEL (PGDG), Homebrew, Windows installers.
    const QList<QPair<QString, QString>> families = {
        {QStringLiteral("/usr/lib/postgresql"), QStringLiteral("%1/bin")},
        {QStringLiteral("/usr"), QStringLiteral("%1/bin")},  // pgsql-16
        {QStringLiteral("/opt/homebrew/opt"), QStringLiteral("%1/bin")},
        {QStringLiteral("/usr/local/opt"), QStringLiteral("%1/bin")},
        {QStringLiteral("C:/Program Files/PostgreSQL"), QStringLiteral("%1/bin")},
    };
    static const QRegularExpression versionedName(QStringLiteral(R"(^(\d+|pgsql-\d+|postgresql@\d+|postgresql)$)"));
    static const QRegularExpression digits(QStringLiteral(R"(\d+)"));
    for (const auto &[root, pattern] : families) {
        QStringList names = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        names.erase(std::remove_if(names.begin(), names.end(),
                                   [](const QString &n) { return !versionedName.match(n).hasMatch(); }),
                    names.end());
        std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
            return digits.match(a).captured().toInt() > digits.match(b).captured().toInt();
        });
        for (const QString &n : names)
            dirs << QDir(root).filePath(pattern.arg(n));
    }
    for (const QString &d : qEnvironmentVariable("PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts))
        dirs << QDir::cleanPath(d);
    dirs.removeDuplicates();
    return dirs;
}

namespace {

// Every candidate asked its version at once: a few milliseconds each, in parallel.
QList<PgTool> askVersions(const QStringList &paths)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QString &path : paths) {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(path, {QStringLiteral("--version")});
        processes.push_back(std::move(p));
    }
    QList<PgTool> tools;
    for (size_t i = 0; i < processes.size(); ++i) {
        QProcess &p = *processes[i];
        if (!p.waitForFinished(5000)) {
            p.kill();
            p.waitForFinished(1000);
            continue;
        }
        std::optional<PgTool> tool = parseToolVersion(QString::fromLocal8Bit(p.readAll()));
        if (tool && tool->major > 0) {
            tool->path = paths[int(i)];
            tools << *tool;
        }
    }
    return tools;
}

struct CachedTools {
    qint64 at = 0;
    QList<PgTool> tools;
};

} // namespace

QList<PgTool> findPgTools(const QString &name, const QString &configuredDirs)
{
    static std::mutex mutex;
    static QHash<QString, CachedTools> cache;
    const QString key = name + u'\n' + configuredDirs;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        std::lock_guard lock(mutex);
        const auto it = cache.constFind(key);
        if (it != cache.constEnd() && now - it->at < 60000)
            return it->tools;
    }
#ifdef Q_OS_WIN
    const QString fileName = name + QStringLiteral(".exe");
#else
    const QString fileName = name;
#endif
    QStringList candidates;
    QStringList seen;
    for (const QString &dir : pgToolSearchDirs(configuredDirs)) {
        const QFileInfo info(QDir(dir).filePath(fileName));
        if (!info.isFile() || !info.isExecutable())
            continue;
        // Each real binary once. Debian's /usr/bin/pg_dump is pg_wrapper, a Perl script that
        // runs one of /usr/lib/postgresql/N/bin's, which are searched anyway: asking it would
        // only cost the start of a Perl interpreter.
        const QString real = info.canonicalFilePath();
        if (seen.contains(real) || real.endsWith(QLatin1String("/pg_wrapper")))
            continue;
        seen << real;
        candidates << info.absoluteFilePath();
    }
    const QList<PgTool> tools = askVersions(candidates);
    std::lock_guard lock(mutex);
    cache.insert(key, {now, tools});
    return tools;
}

std::optional<PgTool> choosePgTool(const QList<PgTool> &tools, int minMajor)
{
    std::optional<PgTool> best;
    for (const PgTool &t : tools) {
        if (t.major >= minMajor && (!best || t.major < best->major))
            best = t;
    }
    return best;
}

QString missingPgToolMessage(const QString &name, const QList<PgTool> &found, int minMajor)
{
    QStringList have;
    for (const PgTool &t : found)
        have << QStringLiteral("%1 in %2").arg(t.version, QFileInfo(t.path).absolutePath());
    return QStringLiteral("no %1 of PostgreSQL %2 or newer (found: %3); install postgresql-client-%2 or name its folder in backups.pg_bin_dir")
        .arg(name).arg(minMajor).arg(have.isEmpty() ? QStringLiteral("none") : have.join(QStringLiteral(", ")));
}

} // namespace opsdeck
