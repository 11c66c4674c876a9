#pragma once

// Finding pg_dump and pg_restore. A server is dumped by a pg_dump of its own
// major version or newer (an older one refuses), and an archive is read by a
// pg_restore at least as new as the pg_dump that wrote it. Systems keep one
// set of binaries per major version (/usr/lib/postgresql/15/bin,
// /usr/pgsql-16/bin, Homebrew's postgresql@17), so every candidate is asked
// its version and the closest one that can do the job is taken.

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace opsdeck {

struct PgTool {
    QString path;
    int major = 0;    // 15
    QString version;  // "15.18"
};

// Reads "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)" or "pg_restore (PostgreSQL) 17beta1".
std::optional<PgTool> parseToolVersion(const QString &versionOutput);

// Where to look, in order: the configured folders (':'-separated, ';' on
// Windows), the per-version folders of the usual packages, then PATH.
QStringList pgToolSearchDirs(const QString &configuredDirs);

// Every distinct binary of that name (pg_dump, pg_restore) in those folders,
// each asked its version. Runs processes and waits for them: never call it on
// the GUI thread. Results are cached per process for a minute.
QList<PgTool> findPgTools(const QString &name, const QString &configuredDirs);

// The lowest major version that is at least minMajor: the closest tool is
// the most faithful one. Nothing when none is new enough.
std::optional<PgTool> choosePgTool(const QList<PgTool> &tools, int minMajor);

// "no pg_dump of PostgreSQL 16 or newer (found: 15.18 in /usr/lib/postgresql/15/bin);
// install postgresql-client-16 or set backups.pg_bin_dir"
QString missingPgToolMessage(const QString &name, const QList<PgTool> &found, int minMajor);

} // namespace opsdeck
