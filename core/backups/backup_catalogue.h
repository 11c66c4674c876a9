#pragma once

// The backup catalogue: a folder per database under the profile's backup
// folder, a folder per backup under that, each holding the dump and its
// manifest.json. A backup is written as <id>.partial, fsynced, and renamed
// into place (the folder fsynced too), so a folder without ".partial" is
// always whole; a backup is never overwritten. How and when each backup was
// verified is kept beside the manifest in verifications.json, so the
// manifest stays exactly what was written when the dump ended.

#include "common/durable_file.h"
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace opsdeck {

struct BackupFile {
    QString path;  // relative to the backup's folder, '/'-separated
    qint64 bytes = 0;
    QString sha256;
};

// A table as it was when it was dumped: what progress estimates and the
// sanity check of a test restore go by.
struct BackupTable {
    QString schema;
    QString name;
    qint64 bytes = 0;
    qint64 rowsEstimate = 0;  // pg_class.reltuples; -1 when never analysed
};

struct BackupManifest {
    QString id;
    QString database;  // the profile's name for it
    QString dbname;    // the server's
    QString host;
    int port = 0;
    QString label;
    QString operatorName;
    QString profile;
    QString serverVersion;  // "15.18"
    int serverVersionNum = 0;
    QString pgDumpVersion;
    int pgDumpMajor = 0;
    QString format;  // custom, directory
    QDateTime startedAt;
    QDateTime finishedAt;
    qint64 databaseSizeBytes = 0;
    QList<BackupFile> files;
    QList<BackupTable> tables;
    QString safetyFor;  // set when taken by a restore before it replaced this database

    qint64 sizeBytes() const;
    QString dumpPath() const;  // relative: the file (custom) or the folder (directory) pg_restore reads
    QJsonObject toJson() const;
    static std::optional<BackupManifest> fromJson(const QJsonObject &json, QString *error);
};

struct BackupVerification {
    QDateTime at;
    QString method;  // checksums, toc (checksums and pg_restore --list), test-restore
    bool ok = false;
    QString detail;
    QString operatorName;
    QJsonObject toJson() const;
    static BackupVerification fromJson(const QJsonObject &json);
};

struct BackupEntry {
    QString folder;  // absolute
    BackupManifest manifest;
    QList<BackupVerification> verifications;  // oldest first

    const BackupVerification *lastVerification() const;
    bool verified() const;  // the last verification passed
    QString filePath(const QString &relative) const;
};

// A folder an interrupted backup or deletion left (catalogue::abandoned).
struct AbandonedFolder {
    QString path;
    qint64 bytes = 0;
    QDateTime lastWrite;
};

namespace catalogue {

// The folder name of a database: its name where that is a plain file name,
// otherwise the plain characters and a short hash (quotes, slashes, spaces,
// non-ASCII), so two names never share a folder.
QString databaseFolderName(const QString &database);
QString databaseFolder(const QString &root, const QString &database);

// "app-20261207-071500": unique within the root because the caller creates
// its folder exclusively (see reserveBackupFolder).
QString backupIdFor(const QString &database, const QDateTime &utc);

// Creates <root>/<database>/<id>.partial for a new backup, the id made unique
// by a suffix if a backup of the same second exists. Error message on failure.
QString reserveBackupFolder(const QString &root, const QString &database, const QDateTime &utc, QString *id,
                            QString *partialFolder);

// Every whole backup (partial folders are not backups), newest first;
// database empty: of every database. Unreadable manifests are reported in
// problems and left out.
QList<BackupEntry> list(const QString &root, const QString &database = {}, QStringList *problems = nullptr);
std::optional<BackupEntry> find(const QString &root, const QString &id, QString *error = nullptr);

// Folders a backup or a deletion left when its process died (<id>.partial,
// <id>.deleting) and that nothing has written to for minIdleSeconds: not
// backups, but disk space. A backup still running keeps writing its dump,
// so a young folder is never one of these.
QList<AbandonedFolder> abandoned(const QString &root, qint64 minIdleSeconds, const QDateTime &now);

QString recordVerification(const BackupEntry &entry, const BackupVerification &verification);
// Removes a backup's folder (renamed to .deleting first, so a crash halfway
// never leaves something that looks like a backup).
QString remove(const BackupEntry &entry);

} // namespace catalogue

} // namespace opsdeck
