#include "backup_job.h"

#include "common/logging.h"

#include <future>
#include <thread>

#include "backups/pg_admin.h"
#include "backups/pg_tool_process.h"
#include "backups/sha256.h"
#include "common/compact_units.h"
#include "config/secrets.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStorageInfo>

#include <pqxx/pqxx>

namespace opsdeck {

namespace {

constexpr int tickMs = 250;
constexpr double dumpShare = 0.95;  // of the whole: the rest is fsync, hashing and the manifest

// Every file under a folder, relative, sorted: the manifest lists them in a stable order.
QStringList filesUnder(const QString &folder)
{
    QStringList out;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(folder).relativeFilePath(it.next());
    out.sort();
    return out;
}

qint64 bytesUnder(const QString &path)
{
    const QFileInfo info(path);
    if (info.isFile())
        return info.size();
    qint64 total = 0;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

} // namespace

struct BackupJob::Inspection {
    QString error;
    pgadmin::ServerFacts server;
    pgadmin::DatabaseFacts database;
    QList<BackupTable> tables;
};

struct BackupJob::Preparation {
    QString error;
    PgTool tool;
    QString password;
    QString id;
    QString partialFolder;
};

struct BackupJob::Finalization {
    QString error;
    BackupEntry entry;
};

BackupJob::BackupJob(BackupContext context, BackupRequest request, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_request(std::move(request))
    , m_hashedBytes(std::make_shared<std::atomic<qint64>>(0))
{
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<BackupResult>();
    m_ticker.setInterval(tickMs);
    connect(&m_ticker, &QTimer::timeout, this, &BackupJob::report);
}

BackupJob::~BackupJob()
{
    // A job destroyed while its dump runs takes the child with it (PgToolProcess
    // kills it); the partial folder stays and is never mistaken for a backup.
}

void BackupJob::start()
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_clock.start();
    const DatabaseConfig *database = m_context.database(m_request.database);
    if (m_context.profile.readOnly)
        return fail(QStringLiteral("profile \"%1\" is read-only: backup refused").arg(m_context.profile.name));
    if (!database)
        return fail(QStringLiteral("no database named \"%1\" in profile \"%2\"").arg(m_request.database, m_context.profile.name));
    if (m_context.backupRoot().isEmpty())
        return fail(QStringLiteral("profile \"%1\" has no backup folder (backups.directory)").arg(m_context.profile.name));
    m_database = *database;
    m_phase = QStringLiteral("connecting to %1").arg(m_database.name);
    report();
    m_ticker.start();

    // Which pg_dump binaries there are does not depend on the server: asked while it is inspected.
    auto tools = std::make_shared<std::promise<QList<PgTool>>>();
    m_tools = tools->get_future().share();
    std::thread([tools, dirs = m_context.profile.backups->pgBinDir] {
        tools->set_value(findPgTools(QStringLiteral("pg_dump"), dirs));
    }).detach();

    m_worker = std::make_unique<PgWorker>(m_database, 60000, QStringLiteral("backup"));
    QPointer<BackupJob> self(this);
    const QString dbname = m_database.dbname;
    m_worker->submit({[self, dbname](pqxx::connection &c) {
                          Inspection in;
                          try {
                              in.server = pgadmin::serverFacts(c);
                              in.database = pgadmin::databaseFacts(c, dbname);
                              in.tables = pgadmin::tables(c);
                          } catch (const std::exception &e) {
                              in.error = QString::fromUtf8(e.what()).trimmed();
                          }
                          deliverToOwner(self, [in](BackupJob *job) { job->inspected(in); });
                      },
                      [self](const QString &error) {
                          Inspection in;
                          in.error = error;
                          deliverToOwner(self, [in](BackupJob *job) { job->inspected(in); });
                      }});
}

void BackupJob::inspected(const Inspection &in)
{
    logDebug(QStringLiteral("backup of %1: %2 after %3 ms").arg(m_request.database, QStringLiteral("inspected")).arg(m_clock.elapsed()));
    if (m_cancelled)
        return fail(QStringLiteral("cancelled"), true);
    if (!in.error.isEmpty())
        return fail(QStringLiteral("database %1: %2").arg(m_database.name, in.error));

    m_manifest.database = m_database.name;
    m_manifest.dbname = m_database.dbname;
    m_manifest.host = m_database.host;
    m_manifest.port = m_database.port;
    m_manifest.label = m_request.label;
    m_manifest.operatorName = m_context.profile.operatorName;
    m_manifest.profile = m_context.profile.name;
    m_manifest.serverVersion = in.server.version;
    m_manifest.serverVersionNum = in.server.versionNum;
    m_manifest.format = m_context.profile.backups->format;
    m_manifest.databaseSizeBytes = in.database.sizeBytes;
    m_manifest.tables = in.tables;
    m_manifest.safetyFor = m_request.safetyFor;
    for (int i = 0; i < in.tables.size(); ++i) {
        m_tableIndex.insert(in.tables[i].schema + u'.' + in.tables[i].name, i);
        m_totalTableBytes += in.tables[i].bytes;
    }
    m_tableDone = QList<bool>(in.tables.size(), false);
    m_phase = QStringLiteral("preparing");
    report();

    const BackupContext context = m_context;
    const DatabaseConfig database = m_database;
    const BackupsConfig backups = *m_context.profile.backups;
    const int serverMajor = in.server.versionNum / 10000;
    const qint64 databaseSize = in.database.sizeBytes;
    auto audit = std::make_shared<AuditTrail>(m_context.audit, m_context.actor(), QStringLiteral("backup"), m_database.name);
    audit->parameters() = {{QStringLiteral("database"), m_database.name}, {QStringLiteral("label"), m_request.label},
                           {QStringLiteral("server_version"), in.server.version}};
    if (!m_request.safetyFor.isEmpty())
        audit->parameters().insert(QStringLiteral("safety_for"), m_request.safetyFor);
    m_audit = audit;
    const std::shared_future<QList<PgTool>> found = m_tools;
    runInBackground<BackupJob, Preparation>(this, [=]() {
        Preparation p;
        const QList<PgTool> tools = found.get();
        const std::optional<PgTool> tool = choosePgTool(tools, serverMajor);
        if (!tool) {
            p.error = missingPgToolMessage(QStringLiteral("pg_dump"), tools, serverMajor);
            return p;
        }
        p.tool = *tool;
        if (!QDir().mkpath(backups.directory)) {
            p.error = QStringLiteral("cannot create the backup folder %1").arg(backups.directory);
            return p;
        }
        const QStorageInfo storage(backups.directory);
        // The dump is compressed and usually much smaller than the database, but
        // a database of incompressible data is not: refuse rather than fill the disk.
        if (storage.isValid() && storage.bytesAvailable() < databaseSize) {
            p.error = QStringLiteral("not enough free space in %1: %2 free, the database is %3")
                          .arg(backups.directory, compactBytes(storage.bytesAvailable()), compactBytes(databaseSize));
            return p;
        }
        if (database.password.kind == SecretRef::Kind::Env || database.password.kind == SecretRef::Kind::Keychain) {
            const SecretLookup secret = resolveSecret(database.password);
            if (!secret.ok()) {
                p.error = QStringLiteral("database %1: password: %2").arg(database.name, secret.error);
                return p;
            }
            p.password = secret.value;
        }
        if (const QString e = audit->intent(); !e.isEmpty()) {
            p.error = QStringLiteral("backup not started: %1").arg(e);
            return p;
        }
        p.error = catalogue::reserveBackupFolder(backups.directory, database.name, QDateTime::currentDateTimeUtc(), &p.id,
                                                 &p.partialFolder);
        if (!p.error.isEmpty())
            audit->outcome(QStringLiteral("failed"), p.error);
        return p;
    }, [](BackupJob *job, Preparation p) { job->prepared(p); });
}

void BackupJob::prepared(const Preparation &p)
{
    logDebug(QStringLiteral("backup of %1: %2 after %3 ms").arg(m_request.database, QStringLiteral("prepared")).arg(m_clock.elapsed()));
    if (!p.error.isEmpty()) {
        m_audit.reset();  // refused before the intent, or its outcome is written
        return fail(p.error);
    }
    m_partialFolder = p.partialFolder;
    m_finalFolder = p.partialFolder.chopped(QStringLiteral(".partial").size());
    m_manifest.id = p.id;
    m_manifest.pgDumpVersion = p.tool.version;
    m_manifest.pgDumpMajor = p.tool.major;
    m_audit->parameters().insert(QStringLiteral("backup_id"), p.id);
    if (m_cancelled)
        return fail(QStringLiteral("cancelled"), true);

    const BackupsConfig &backups = *m_context.profile.backups;
    // A table held exclusively (a migration) would keep pg_dump waiting, and every session that
    // queues behind it: two minutes, then it fails and says which lock.
    QStringList args{QStringLiteral("--verbose"), QStringLiteral("--no-password"), QStringLiteral("--lock-wait-timeout=120s"),
                     QStringLiteral("--file=%1").arg(QDir(m_partialFolder).filePath(m_manifest.dumpPath()))};
    if (m_manifest.format == QLatin1String("directory")) {
        args << QStringLiteral("--format=directory") << QStringLiteral("--jobs=%1").arg(backups.jobs);
    } else {
        args << QStringLiteral("--format=custom");
    }
    args << QStringLiteral("--dbname=%1").arg(toolConninfo(m_database, QStringLiteral("backup")));
    m_manifest.startedAt = QDateTime::currentDateTimeUtc();
    m_phase = QStringLiteral("dumping");
    m_process = new PgToolProcess(this);
    connect(m_process, &PgToolProcess::stderrLine, this, &BackupJob::onDumpLine);
    connect(m_process, &PgToolProcess::finished, this, &BackupJob::onDumpFinished);
    if (const QString e = m_process->start(p.tool.path, args, p.password); !e.isEmpty())
        onDumpFinished(false, e);
    report();
}

void BackupJob::onDumpLine(const QString &line)
{
    static const QRegularExpression started(QStringLiteral(R"re(dumping contents of table "(.+)"$)re"));
    static const QRegularExpression finishedItem(QStringLiteral(R"re(finished item \d+ TABLE DATA (\S+) (.+)$)re"));
    auto markDone = [this](int index) {
        if (index < 0 || m_tableDone[index])
            return;
        m_tableDone[index] = true;
        m_doneTableBytes += m_manifest.tables[index].bytes;
        ++m_tablesDone;
    };
    if (const QRegularExpressionMatch m = started.match(line); m.hasMatch()) {
        // One table at a time (custom format): the one before this is done.
        if (m_manifest.format != QLatin1String("directory"))
            markDone(m_currentTable);
        m_currentTable = m_tableIndex.value(m.captured(1), -1);
    } else if (const QRegularExpressionMatch f = finishedItem.match(line); f.hasMatch()) {
        markDone(m_tableIndex.value(f.captured(1) + u'.' + f.captured(2), -1));
    }
}

void BackupJob::onDumpFinished(bool ok, const QString &error)
{
    logDebug(QStringLiteral("backup of %1: %2 after %3 ms").arg(m_request.database, QStringLiteral("pg_dump ended")).arg(m_clock.elapsed()));
    if (!ok)
        return fail(m_cancelled ? QStringLiteral("cancelled") : QStringLiteral("pg_dump failed: %1").arg(error), m_cancelled);
    for (int i = 0; i < m_tableDone.size(); ++i)
        m_tableDone[i] = true;
    m_tablesDone = m_tableDone.size();
    m_doneTableBytes = m_totalTableBytes;
    m_phase = QStringLiteral("checksumming");
    report();

    BackupManifest manifest = m_manifest;
    manifest.finishedAt = QDateTime::currentDateTimeUtc();
    const QString partial = m_partialFolder;
    const QString finalFolder = m_finalFolder;
    auto hashed = m_hashedBytes;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    runInBackground<BackupJob, Finalization>(this, [=]() mutable {
        Finalization fin;
        for (const QString &relative : filesUnder(partial)) {
            const QString path = QDir(partial).filePath(relative);
            // fsync first: the hash is then of what is on the disk, read back from the page cache.
            if (QString e = fsyncFile(path); !e.isEmpty()) {
                fin.error = e;
                return fin;
            }
            const qint64 before = hashed->load();
            const FileDigest digest = sha256OfFile(path, [&](qint64 n) {
                hashed->store(before + n);
                return !cancelled->load();
            });
            if (!digest.ok()) {
                fin.error = digest.error;
                return fin;
            }
            hashed->store(before + digest.bytes);
            manifest.files << BackupFile{relative, digest.bytes, digest.sha256};
        }
        for (const QString &folder : {QDir(partial).filePath(QStringLiteral("dump")), partial}) {
            if (QFileInfo(folder).isDir())
                fsyncFolder(folder);
        }
        const QByteArray json = QJsonDocument(manifest.toJson()).toJson();
        if (QString e = writeFileDurably(QDir(partial).filePath(QStringLiteral("manifest.json")), json); !e.isEmpty()) {
            fin.error = e;
            return fin;
        }
        if (QString e = renameNoReplace(partial, finalFolder); !e.isEmpty()) {
            fin.error = e;
            return fin;
        }
        fsyncFolder(QFileInfo(finalFolder).absolutePath());
        fin.entry.folder = finalFolder;
        fin.entry.manifest = manifest;
        return fin;
    }, [](BackupJob *job, Finalization f) { job->finalized(f); });
}

void BackupJob::finalized(const Finalization &fin)
{
    logDebug(QStringLiteral("backup of %1: %2 after %3 ms").arg(m_request.database, QStringLiteral("sealed")).arg(m_clock.elapsed()));
    if (!fin.error.isEmpty())
        return fail(QStringLiteral("backup not written: %1").arg(fin.error));
    m_ticker.stop();
    m_running = false;
    BackupResult result;
    result.ok = true;
    result.entry = fin.entry;
    result.elapsedMs = m_clock.elapsed();
    const BackupManifest &m = fin.entry.manifest;
    result.message = QStringLiteral("backup %1 of %2 written: %3 in %4")
                         .arg(m.id, m.database, compactBytes(m.sizeBytes()), compactDuration(result.elapsedMs));
    QJsonObject extra{{QStringLiteral("size_bytes"), m.sizeBytes()}, {QStringLiteral("folder"), fin.entry.folder}};
    if (!m.files.isEmpty())
        extra.insert(QStringLiteral("sha256"), m.files.first().sha256);
    if (const QString e = m_audit->outcome(QStringLiteral("ok"), {}, extra); !e.isEmpty())
        result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(e);
    JobProgress done;
    done.phase = QStringLiteral("done");
    done.fraction = 1;
    done.objectsDone = done.objectsTotal = m_tableDone.size();
    done.bytes = m.sizeBytes();
    done.elapsedMs = result.elapsedMs;
    done.remainingMs = 0;
    Q_EMIT progress(done);
    Q_EMIT finished(result);
}

void BackupJob::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    if (m_process && m_process->isRunning())
        m_process->stop();  // its finished() fails the job and removes the folder
}

void BackupJob::fail(const QString &message, bool cancelled)
{
    if (!m_running)
        return;
    m_ticker.stop();
    m_running = false;
    BackupResult result;
    result.cancelled = cancelled;
    result.message = message;
    result.elapsedMs = m_clock.elapsed();
    QString cleanup;
    // Nothing of a failed backup may remain that could be taken for one.
    if (!m_partialFolder.isEmpty() && QFileInfo::exists(m_partialFolder) && !QDir(m_partialFolder).removeRecursively())
        cleanup = QStringLiteral("; the partial folder %1 could not be removed").arg(m_partialFolder);
    result.message += cleanup;
    if (m_audit) {
        if (const QString e = m_audit->outcome(cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"), result.message);
            !e.isEmpty())
            result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(e);
    }
    QMetaObject::invokeMethod(this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

QString BackupJob::reportPhase() const
{
    return m_phase;
}

void BackupJob::report()
{
    JobProgress p;
    p.phase = m_phase;
    p.elapsedMs = m_clock.elapsed();
    p.objectsTotal = m_tableDone.size();
    p.objectsDone = m_tablesDone;
    if (m_process && m_process->isRunning())
        m_bytesWritten = bytesUnder(QDir(m_partialFolder).filePath(m_manifest.dumpPath()));
    p.bytes = m_bytesWritten;
    if (m_phase == QLatin1String("dumping")) {
        p.fraction = m_totalTableBytes > 0 ? dumpShare * double(m_doneTableBytes) / double(m_totalTableBytes) : -1;
        if (m_currentTable >= 0 && m_currentTable < m_manifest.tables.size() && !m_tableDone[m_currentTable])
            p.detail = m_manifest.tables[m_currentTable].schema + u'.' + m_manifest.tables[m_currentTable].name;
    } else if (m_phase == QLatin1String("checksumming")) {
        const double hashed = m_bytesWritten > 0 ? double(m_hashedBytes->load()) / double(m_bytesWritten) : 0;
        p.fraction = dumpShare + (1 - dumpShare) * std::min(1.0, hashed);
    }
    p.remainingMs = remainingEstimateMs(p.fraction, p.elapsedMs);
    Q_EMIT progress(p);
}

} // namespace opsdeck
