#include "backup_catalogue.h"

#include "common/rfc3339.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
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

const QString manifestName = QStringLiteral("manifest.json");
const QString verificationsName = QStringLiteral("verifications.json");
const QString partialSuffix = QStringLiteral(".partial");

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toUTC();
}

QJsonObject readJsonObject(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2)").arg(path, pe.errorString());
        return {};
    }
    return doc.object();
}

} // namespace

qint64 BackupManifest::sizeBytes() const
{
    qint64 total = 0;
    for (const BackupFile &f : files)
        total += f.bytes;
    return total;
}

QString BackupManifest::dumpPath() const
{
    if (format == QLatin1String("directory"))
        return QStringLiteral("dump");
    return QStringLiteral("dump.pgdump");
}

QJsonObject BackupManifest::toJson() const
{
    QJsonArray fileArray;
    for (const BackupFile &f : files)
        fileArray.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("bytes"), f.bytes},
                                     {QStringLiteral("sha256"), f.sha256}});
    QJsonArray tableArray;
    for (const BackupTable &t : tables)
        tableArray.append(QJsonObject{{QStringLiteral("schema"), t.schema}, {QStringLiteral("name"), t.name},
                                      {QStringLiteral("bytes"), t.bytes}, {QStringLiteral("rows_estimate"), t.rowsEstimate}});
    QJsonObject o{
        {QStringLiteral("manifest_version"), 1},
        {QStringLiteral("id"), id},
        {QStringLiteral("database"), database},
        {QStringLiteral("dbname"), dbname},
        {QStringLiteral("host"), host},
        {QStringLiteral("port"), port},
        {QStringLiteral("label"), label},
        {QStringLiteral("operator"), operatorName},
        {QStringLiteral("profile"), profile},
        {QStringLiteral("server_version"), serverVersion},
        {QStringLiteral("server_version_num"), serverVersionNum},
        {QStringLiteral("pg_dump_version"), pgDumpVersion},
        {QStringLiteral("pg_dump_major"), pgDumpMajor},
        {QStringLiteral("format"), format},
        {QStringLiteral("started_at"), isoTime(startedAt)},
        {QStringLiteral("finished_at"), isoTime(finishedAt)},
        {QStringLiteral("size_bytes"), sizeBytes()},
        {QStringLiteral("database_size_bytes"), databaseSizeBytes},
        {QStringLiteral("files"), fileArray},
        {QStringLiteral("tables"), tableArray},
    };
    if (!safetyFor.isEmpty())
        o.insert(QStringLiteral("safety_for"), safetyFor);
    return o;
}

std::optional<BackupManifest> BackupManifest::fromJson(const QJsonObject &o, QString *error)
{
    BackupManifest m;
    m.id = o.value(QStringLiteral("id")).toString();
    m.database = o.value(QStringLiteral("database")).toString();
    m.dbname = o.value(QStringLiteral("dbname")).toString();
    m.host = o.value(QStringLiteral("host")).toString();
    m.port = o.value(QStringLiteral("port")).toInt();
    m.label = o.value(QStringLiteral("label")).toString();
    m.operatorName = o.value(QStringLiteral("operator")).toString();
    m.profile = o.value(QStringLiteral("profile")).toString();
    m.serverVersion = o.value(QStringLiteral("server_version")).toString();
    m.serverVersionNum = o.value(QStringLiteral("server_version_num")).toInt();
    m.pgDumpVersion = o.value(QStringLiteral("pg_dump_version")).toString();
    m.pgDumpMajor = o.value(QStringLiteral("pg_dump_major")).toInt();
    m.format = o.value(QStringLiteral("format")).toString(QStringLiteral("custom"));
    m.startedAt = parseTime(o.value(QStringLiteral("started_at")));
    m.finishedAt = parseTime(o.value(QStringLiteral("finished_at")));
    m.databaseSizeBytes = qint64(o.value(QStringLiteral("database_size_bytes")).toDouble());
    m.safetyFor = o.value(QStringLiteral("safety_for")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = v.toObject();
        m.files << BackupFile{f.value(QStringLiteral("path")).toString(), qint64(f.value(QStringLiteral("bytes")).toDouble()),
                              f.value(QStringLiteral("sha256")).toString()};
    }
    for (const QJsonValue &v : o.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject t = v.toObject();
        m.tables << BackupTable{t.value(QStringLiteral("schema")).toString(), t.value(QStringLiteral("name")).toString(),
                                qint64(t.value(QStringLiteral("bytes")).toDouble()),
                                qint64(t.value(QStringLiteral("rows_estimate")).toDouble())};
    }
    if (m.id.isEmpty() || m.dbname.isEmpty() || m.files.isEmpty()) {
        *error = QStringLiteral("manifest lacks its id, database or files");
        return std::nullopt;
    }
    for (const BackupFile &f : std::as_const(m.files)) {
        // A manifest names files inside its own folder, nowhere else.
        if (f.path.isEmpty() || f.path.startsWith(u'/') || f.path.contains(QLatin1String("..")) || f.sha256.size() != 64) {
            *error = QStringLiteral("manifest names a file it must not: \"%1\"").arg(f.path);
            return std::nullopt;
        }
    }
    return m;
}

QJsonObject BackupVerification::toJson() const
{
    return {{QStringLiteral("at"), isoTime(at)}, {QStringLiteral("method"), method}, {QStringLiteral("ok"), ok},
            {QStringLiteral("detail"), detail}, {QStringLiteral("operator"), operatorName}};
}

BackupVerification BackupVerification::fromJson(const QJsonObject &o)
{
    return {parseTime(o.value(QStringLiteral("at"))), o.value(QStringLiteral("method")).toString(),
            o.value(QStringLiteral("ok")).toBool(), o.value(QStringLiteral("detail")).toString(),
            o.value(QStringLiteral("operator")).toString()};
}

const BackupVerification *BackupEntry::lastVerification() const
{
    return verifications.isEmpty() ? nullptr : &verifications.last();
}

bool BackupEntry::verified() const
{
    const BackupVerification *v = lastVerification();
    return v && v->ok;
}

QString BackupEntry::filePath(const QString &relative) const
{
    return QDir(folder).filePath(relative);
}

namespace catalogue {

QString databaseFolderName(const QString &database)
{
    static const QRegularExpression plain(QStringLiteral(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$)"));
    if (plain.match(database).hasMatch() && !database.endsWith(partialSuffix))
        return database;
    QString safe;
    for (const QChar c : database) {
        if ((c.unicode() < 128 && c.isLetterOrNumber()) || c == u'_' || c == u'-')
            safe += c;
        else
            safe += u'_';
    }
    safe = safe.left(40);
    // A leading '-' would make the backup id read as an option on a command line.
    if (safe.startsWith(u'-'))
        safe[0] = u'_';
    const QByteArray hash = QCryptographicHash::hash(database.toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    return safe + u'~' + QString::fromLatin1(hash);
}

QString databaseFolder(const QString &root, const QString &database)
{
    return QDir(root).filePath(databaseFolderName(database));
}

QString backupIdFor(const QString &database, const QDateTime &utc)
{
    return databaseFolderName(database) + u'-' + utc.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

QString reserveBackupFolder(const QString &root, const QString &database, const QDateTime &utc, QString *id,
                            QString *partialFolder)
{
    const QString parent = databaseFolder(root, database);
    if (!QDir().mkpath(parent))
        return QStringLiteral("cannot create the backup folder %1").arg(parent);
    QFile::setPermissions(parent, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString base = backupIdFor(database, utc);
    for (int n = 1; n < 100; ++n) {
        const QString candidate = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        const QString whole = QDir(parent).filePath(candidate);
        const QString partial = whole + partialSuffix;
        if (QFileInfo::exists(whole))
            continue;
        // mkdir fails when the folder exists: two backups in the same second get different ids.
        if (QDir().mkdir(partial)) {
            // A dump holds every row of the database: for its owner's eyes only.
            QFile::setPermissions(partial, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            *id = candidate;
            *partialFolder = partial;
            return {};
        }
        if (!QFileInfo::exists(partial))
            return QStringLiteral("cannot create %1").arg(partial);
    }
    return QStringLiteral("cannot find a free name for a backup in %1").arg(parent);
}

QList<BackupEntry> list(const QString &root, const QString &database, QStringList *problems)
{
    QList<BackupEntry> entries;
    QStringList databaseFolders;
    if (database.isEmpty()) {
        for (const QString &d : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            databaseFolders << QDir(root).filePath(d);
    } else {
        databaseFolders << databaseFolder(root, database);
    }
    for (const QString &dbFolder : std::as_const(databaseFolders)) {
        for (const QFileInfo &info : QDir(dbFolder).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (info.fileName().contains(u'.'))
                continue;  // .partial, .deleting: not (or no longer) a backup
            const QString manifestPath = QDir(info.absoluteFilePath()).filePath(manifestName);
            if (!QFileInfo::exists(manifestPath))
                continue;
            QString error;
            const QJsonObject json = readJsonObject(manifestPath, &error);
            std::optional<BackupManifest> manifest;
            if (error.isEmpty())
                manifest = BackupManifest::fromJson(json, &error);
            if (!manifest) {
                if (problems)
                    *problems << QStringLiteral("%1: %2").arg(manifestPath, error);
                continue;
            }
            BackupEntry entry;
            entry.folder = info.absoluteFilePath();
            entry.manifest = *manifest;
            const QString verificationsPath = QDir(entry.folder).filePath(verificationsName);
            if (QFileInfo::exists(verificationsPath)) {
                QString verror;
                const QJsonObject v = readJsonObject(verificationsPath, &verror);
                for (const QJsonValue &item : v.value(QStringLiteral("verifications")).toArray())
                    entry.verifications << BackupVerification::fromJson(item.toObject());
                if (!verror.isEmpty() && problems)
                    *problems << verror;
            }
            entries << entry;
        }
    }
    std::sort(entries.begin(), entries.end(), [](const BackupEntry &a, const BackupEntry &b) {
        if (a.manifest.startedAt != b.manifest.startedAt)
            return a.manifest.startedAt > b.manifest.startedAt;
        return a.manifest.id > b.manifest.id;
    });
    return entries;
}

std::optional<BackupEntry> find(const QString &root, const QString &id, QString *error)
{
    for (const BackupEntry &e : list(root))
        if (e.manifest.id == id)
            return e;
    if (error)
        *error = QStringLiteral("no backup \"%1\" in %2").arg(id, root);
    return std::nullopt;
}

QList<AbandonedFolder> abandoned(const QString &root, qint64 minIdleSeconds, const QDateTime &now)
{
    QList<AbandonedFolder> out;
    for (const QFileInfo &db : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        for (const QFileInfo &info : QDir(db.absoluteFilePath()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!info.fileName().endsWith(partialSuffix) && !info.fileName().endsWith(QLatin1String(".deleting")))
                continue;
            // The last write into it: its files' (a running dump keeps touching them); the folder's own
            // time only when it holds none.
            AbandonedFolder f;
            f.path = info.absoluteFilePath();
            QDirIterator it(f.path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QFileInfo file(it.next());
                f.bytes += file.size();
                if (!f.lastWrite.isValid() || file.lastModified() > f.lastWrite)
                    f.lastWrite = file.lastModified();
            }
            if (!f.lastWrite.isValid())
                f.lastWrite = info.lastModified();
            if (f.lastWrite.secsTo(now) >= minIdleSeconds)
                out << f;
        }
    }
    return out;
}

QString recordVerification(const BackupEntry &entry, const BackupVerification &verification)
{
    QJsonArray all;
    for (const BackupVerification &v : entry.verifications)
        all.append(v.toJson());
    all.append(verification.toJson());
    const QByteArray bytes = QJsonDocument(QJsonObject{{QStringLiteral("verifications"), all}}).toJson();
    return writeFileDurably(QDir(entry.folder).filePath(verificationsName), bytes);
}

QString remove(const BackupEntry &entry)
{
    const QString doomed = entry.folder + QStringLiteral(".deleting");
    if (QString e = renameNoReplace(entry.folder, doomed); !e.isEmpty())
        return e;
    fsyncFolder(QFileInfo(entry.folder).absolutePath());
    if (!QDir(doomed).removeRecursively())
        return QStringLiteral("could not remove all of %1").arg(doomed);
    return {};
}

} // namespace catalogue

} // namespace opsdeck
