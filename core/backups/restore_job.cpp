#include "restore_job.h"

#include "backups/archive_check.h"
#include "backups/backup_job.h"
#include "backups/pg_tool_process.h"
#include "common/compact_units.h"
#include "config/secrets.h"
#include "db/pg_compat.h"

#include <QDir>
#include <QRegularExpression>
#include <QStorageInfo>

#include <pqxx/pqxx>

#include <chrono>
#include <thread>

namespace opsdeck {

namespace {

constexpr int tickMs = 250;
// The database an administrative connection uses: every server has it.
const QString maintenanceDatabase = QStringLiteral("postgres");

bool replacesTarget(RestoreMode mode)
{
    return mode == RestoreMode::Swap || mode == RestoreMode::InPlace;
}

} // namespace

QString restoreModeName(RestoreMode mode)
{
    switch (mode) {
    case RestoreMode::Swap: return QStringLiteral("swap");
    case RestoreMode::InPlace: return QStringLiteral("in-place");
    case RestoreMode::Scratch: return QStringLiteral("scratch");
    case RestoreMode::Test: return QStringLiteral("test");
    }
    return {};
}

std::optional<RestoreMode> restoreModeFromName(const QString &name)
{
    for (RestoreMode m : {RestoreMode::Swap, RestoreMode::InPlace, RestoreMode::Scratch, RestoreMode::Test})
        if (restoreModeName(m) == name)
            return m;
    return std::nullopt;
}

QString RestoreJob::lockPath(const QString &backupRoot, const DatabaseConfig &target)
{
    const QString key = QStringLiteral("%1_%2_%3").arg(target.host).arg(target.port).arg(target.dbname);
    return QDir(backupRoot).filePath(QStringLiteral(".locks/restore-%1.lock").arg(catalogue::databaseFolderName(key)));
}

struct RestoreJob::Checked {
    QString error;
    PgTool tool;
    Toc toc;
    QString password;
};

RestoreJob::RestoreJob(BackupContext context, RestoreRequest request, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_request(std::move(request))
    , m_hashed(std::make_shared<std::atomic<qint64>>(0))
    , m_stopHashing(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<RestorePreflight>();
    qRegisterMetaType<RestoreResult>();
    m_ticker.setInterval(tickMs);
    connect(&m_ticker, &QTimer::timeout, this, &RestoreJob::report);
}

RestoreJob::~RestoreJob()
{
    m_stopHashing->store(true);
}

void RestoreJob::start()
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_clock.start();
    const RestoreMode mode = m_request.mode;
    const DatabaseConfig *target = m_context.database(m_request.target);
    if (m_context.profile.readOnly && !m_request.preflightOnly)
        return fail(QStringLiteral("profile \"%1\" is read-only: restore refused").arg(m_context.profile.name));
    if (!target)
        return fail(QStringLiteral("no database named \"%1\" in profile \"%2\"").arg(m_request.target, m_context.profile.name));
    m_target = *target;
    m_adminDatabase = m_target;
    m_adminDatabase.dbname = maintenanceDatabase;
    if (m_context.backupRoot().isEmpty())
        return fail(QStringLiteral("profile \"%1\" has no backup folder (backups.directory)").arg(m_context.profile.name));
    if (mode != RestoreMode::Test && !m_request.preflightOnly && m_request.confirmation != m_target.dbname)
        return fail(QStringLiteral("confirmation \"%1\" does not match the target database \"%2\": restore refused")
                        .arg(m_request.confirmation, m_target.dbname));
    QString error;
    const std::optional<BackupEntry> entry = catalogue::find(m_context.backupRoot(), m_request.backupId, &error);
    if (!entry)
        return fail(error);
    m_preflight.backup = *entry;
    m_preflight.targetDbname = m_target.dbname;
    for (const BackupTable &t : entry->manifest.tables) {
        m_tableBytes.insert(t.schema + u'.' + t.name, t.bytes);
        m_totalBytes += t.bytes;
    }
    if (mode != RestoreMode::Test && !m_request.preflightOnly) {
        QDir().mkpath(QFileInfo(lockPath(m_context.backupRoot(), m_target)).absolutePath());
        m_lock = std::make_unique<QLockFile>(lockPath(m_context.backupRoot(), m_target));
        m_lock->setStaleLockTime(0);  // only a dead holder frees it, never age
        if (!m_lock->tryLock(0)) {
            qint64 pid = 0;
            QString host, app;
            m_lock->getLockInfo(&pid, &host, &app);
            m_lock.reset();
            return fail(QStringLiteral("a restore of %1 is already running (process %2 on %3): refused")
                            .arg(m_target.dbname).arg(pid).arg(host));
        }
    }

    m_phase = QStringLiteral("checking backup %1").arg(entry->manifest.id);
    report();
    m_ticker.start();
    const BackupEntry backup = *entry;
    const QString binDirs = m_context.profile.backups->pgBinDir;
    const DatabaseConfig database = m_target;
    const TocSelection selection = m_request.selection;
    auto hashed = m_hashed;
    auto stop = m_stopHashing;
    runInBackground<RestoreJob, Checked>(this, [=]() {
        Checked c;
        if (QString e = verifyChecksums(backup, hashed.get(), stop.get()); !e.isEmpty()) {
            c.error = QStringLiteral("backup %1 fails its checksums: %2").arg(backup.manifest.id, e);
            return c;
        }
        std::optional<PgTool> tool = pgRestoreFor(backup.manifest, binDirs, &c.error);
        if (!tool)
            return c;
        c.tool = *tool;
        if (QString e = readArchiveToc(c.tool, backup, &c.toc); !e.isEmpty()) {
            c.error = e;
            return c;
        }
        if (database.password.kind == SecretRef::Kind::Env || database.password.kind == SecretRef::Kind::Keychain) {
            const SecretLookup secret = resolveSecret(database.password);
            if (!secret.ok())
                c.error = QStringLiteral("database %1: password: %2").arg(database.name, secret.error);
            c.password = secret.value;
        }
        return c;
    }, [](RestoreJob *job, Checked c) { job->checked(c); });
}

void RestoreJob::checked(const Checked &c)
{
    if (m_cancelled)
        return fail(QStringLiteral("cancelled"), true);
    if (!c.error.isEmpty())
        return fail(c.error);
    m_pgRestore = c.tool;
    m_password = c.password;
    m_toc = c.toc;
    m_preflight.pgRestore = QStringLiteral("%1 (%2)").arg(c.tool.version, c.tool.path);
    if (m_request.selection.isEmpty()) {
        m_selected = m_toc.entries;
    } else {
        QStringList missing;
        m_selected = selectEntries(m_toc, m_request.selection, &missing);
        if (!missing.isEmpty())
            m_preflight.problems << QStringLiteral("the backup holds no %1").arg(missing.join(QStringLiteral(", ")));
        if (m_selected.isEmpty())
            m_preflight.problems << QStringLiteral("nothing selected to restore");
        if (m_request.mode == RestoreMode::Swap)
            m_preflight.problems << QStringLiteral("a selective restore goes into the target in place or into a scratch database "
                                                   "beside it: a swap would replace the whole database with the selection");
        if (m_request.mode == RestoreMode::Scratch) {
            // A single table's foreign keys point at tables the scratch database
            // may not have; pg_restore -t leaves them out for the same reason.
            QStringList leftOut;
            m_selected.removeIf([&](const TocEntry &e) {
                const bool drop = e.type == QLatin1String("FK CONSTRAINT") && !m_request.selection.schemas.contains(e.schema);
                if (drop)
                    leftOut << e.name.section(u' ', 1);
                return drop;
            });
            if (!leftOut.isEmpty())
                m_preflight.warnings << QStringLiteral("foreign keys left out of the scratch database: %1").arg(leftOut.join(QStringLiteral(", ")));
        }
    }
    m_preflight.tocEntries = m_selected.size();
    if (m_preflight.backup.manifest.dbname != m_target.dbname)
        m_preflight.warnings << QStringLiteral("the backup is of database %1, the target is %2")
                                    .arg(m_preflight.backup.manifest.dbname, m_target.dbname);

    m_phase = QStringLiteral("inspecting %1").arg(m_target.dbname);
    m_admin = std::make_unique<PgWorker>(m_adminDatabase, 30000, QStringLiteral("restore-admin"));
    QPointer<RestoreJob> self(this);
    const QString dbname = m_target.dbname;
    RestorePreflight report = m_preflight;
    QStringList extensions;
    for (const TocEntry &e : m_selected)
        if (e.type == QLatin1String("EXTENSION"))
            extensions << e.name;
    m_admin->submit({[self, dbname, report, extensions](pqxx::connection &conn) mutable {
                         QString error;
                         pgadmin::ServerFacts server;
                         try {
                             server = pgadmin::serverFacts(conn);
                             report.extensionsLeftOut = pgadmin::extensionsNotCreatable(conn, server, extensions);
                             report.target = pgadmin::databaseFacts(conn, dbname);
                             report.targetExists = report.target.exists;
                             if (report.targetExists)
                                 report.sessions = pgadmin::sessions(conn, dbname);
                         } catch (const std::exception &e) {
                             error = QString::fromUtf8(e.what()).trimmed();
                         }
                         deliverToOwner(self, [report, error, server](RestoreJob *j) { j->targetInspected(report, error, server); });
                     },
                     [self](const QString &error) {
                         deliverToOwner(self, [error](RestoreJob *j) { j->targetInspected({}, error, {}); });
                     }});
}

void RestoreJob::targetInspected(const RestorePreflight &inspected, const QString &error, const pgadmin::ServerFacts &server)
{
    if (m_cancelled)
        return fail(QStringLiteral("cancelled"), true);
    if (!error.isEmpty())
        return fail(QStringLiteral("database %1: %2").arg(m_target.name, error));
    m_preflight = inspected;
    const RestoreMode mode = m_request.mode;
    const BackupManifest &manifest = m_preflight.backup.manifest;
    if (!m_preflight.extensionsLeftOut.isEmpty()) {
        // pg_dump writes CREATE EXTENSION for pg_stat_statements and the like, which only a
        // superuser may run: the restore would stop there. Left out instead, and said; what
        // depends on them then fails the restore cleanly, so nothing half-done can come of it.
        const QStringList &names = m_preflight.extensionsLeftOut;
        m_selected.removeIf([&](const TocEntry &e) {
            if (e.type == QLatin1String("EXTENSION"))
                return names.contains(e.name);
            if (e.type == QLatin1String("COMMENT"))
                for (const QString &n : names)
                    if (e.line.endsWith(QStringLiteral(" EXTENSION ") + n) || e.line.contains(QStringLiteral(" EXTENSION %1 ").arg(n)))
                        return true;
            return false;
        });
        m_preflight.tocEntries = m_selected.size();
        m_preflight.warnings << QStringLiteral("extension(s) %1 left out: role %2 may not create them (not trusted); a superuser "
                                               "can add them afterwards with CREATE EXTENSION")
                                    .arg(names.join(QStringLiteral(", ")), server.currentUser);
    }
    if (!m_preflight.targetExists && mode == RestoreMode::InPlace)
        m_preflight.problems << QStringLiteral("database %1 does not exist: an in-place restore needs it").arg(m_target.dbname);
    if (!m_preflight.targetExists && mode == RestoreMode::Swap)
        m_preflight.warnings << QStringLiteral("database %1 does not exist: it will be created from the backup").arg(m_target.dbname);
    if (replacesTarget(mode) && !m_preflight.sessions.isEmpty() && !m_request.endSessions)
        m_preflight.problems << QStringLiteral("%1 session(s) are connected to %2: end them (the restore does it when told to) or wait")
                                    .arg(m_preflight.sessions.size()).arg(m_target.dbname);
    if (!server.superuser && !server.createdb && mode != RestoreMode::InPlace)
        m_preflight.warnings << QStringLiteral("role %1 has neither CREATEDB nor SUPERUSER: the server may refuse the scratch database")
                                    .arg(server.currentUser);
    if (server.versionNum / 10000 < manifest.serverVersionNum / 10000)
        m_preflight.warnings << QStringLiteral("the backup comes from PostgreSQL %1, the target server runs %2 (older)")
                                    .arg(manifest.serverVersion, server.version);
    // The data directory is known to superusers only, and its disk is ours to look at only on this machine.
    const qint64 needed = mode == RestoreMode::InPlace ? manifest.databaseSizeBytes / 2 : manifest.databaseSizeBytes;
    if (!server.dataDirectory.isEmpty() && m_target.isLocal() && QFileInfo(server.dataDirectory).exists()) {
        const QStorageInfo storage(server.dataDirectory);
        m_preflight.freeSpace = QStringLiteral("%1 free on the server's disk, the restore needs about %2")
                                    .arg(compactBytes(storage.bytesAvailable()), compactBytes(needed));
        if (storage.bytesAvailable() < needed)
            m_preflight.problems << QStringLiteral("not enough free space on the server: %1").arg(m_preflight.freeSpace);
    } else {
        m_preflight.freeSpace = QStringLiteral("unknown (the server is remote or the role is not a superuser); the restore needs about %1")
                                    .arg(compactBytes(needed));
    }
    Q_EMIT preflightDone(m_preflight);
    m_result.preflight = m_preflight;
    if (m_request.preflightOnly) {
        RestoreResult r = m_result;
        r.ok = m_preflight.ok();
        r.message = r.ok ? QStringLiteral("preflight passed") : m_preflight.problems.join(QStringLiteral("; "));
        return finish(r);
    }
    if (!m_preflight.ok())
        return fail(QStringLiteral("restore refused: %1").arg(m_preflight.problems.join(QStringLiteral("; "))));

    // A test restore touches only a scratch database of its own: audited under its own name, so
    // a reader of the log never takes a verification for a restore of the target.
    m_audit = std::make_shared<AuditTrail>(m_context.audit, m_context.actor(), mode == RestoreMode::Test ? QStringLiteral("test-restore") : QStringLiteral("restore"),
                                           m_target.name);
    m_audit->parameters() = {{QStringLiteral("backup_id"), manifest.id},
                             {QStringLiteral("sha256"), manifest.files.value(0).sha256},
                             {QStringLiteral("target"), m_target.dbname},
                             {QStringLiteral("mode"), restoreModeName(mode)},
                             {QStringLiteral("sessions_ended"), m_request.endSessions ? int(m_preflight.sessions.size()) : 0}};
    if (!m_request.selection.isEmpty())
        m_audit->parameters().insert(QStringLiteral("selection"),
                                     (m_request.selection.schemas + m_request.selection.tables).join(QStringLiteral(", ")));
    if (const QString e = m_audit->intent(); !e.isEmpty()) {
        m_audit.reset();
        return fail(QStringLiteral("restore not started: %1").arg(e));
    }
    if (replacesTarget(mode) && m_preflight.targetExists && m_request.safetyBackup)
        startSafetyBackup();
    else
        startRestore();
}

void RestoreJob::startSafetyBackup()
{
    m_phase = QStringLiteral("safety backup of %1").arg(m_target.dbname);
    BackupRequest request;
    request.database = m_target.name;
    request.label = QStringLiteral("safety copy before restoring %1").arg(m_request.backupId);
    request.safetyFor = m_request.backupId;
    m_safety = new BackupJob(m_context, request, this);
    connect(m_safety, &BackupJob::progress, this, [this](const JobProgress &p) { m_safetyProgress = p; });
    connect(m_safety, &BackupJob::finished, this, [this](const BackupResult &r) {
        m_safety->deleteLater();
        m_safety = nullptr;
        if (!r.ok)
            return fail(r.cancelled ? QStringLiteral("cancelled during the safety backup")
                                    : QStringLiteral("safety backup failed: %1").arg(r.message),
                        r.cancelled || m_cancelled);
        m_result.safetyBackupId = r.entry.manifest.id;
        if (m_audit)
            m_audit->parameters().insert(QStringLiteral("safety_backup_id"), r.entry.manifest.id);
        m_phase = QStringLiteral("verifying safety backup %1").arg(r.entry.manifest.id);
        const BackupEntry entry = r.entry;
        const PgTool tool = m_pgRestore;
        const QString operatorName = m_context.profile.operatorName;
        runInBackground<RestoreJob, QString>(this, [=]() {
            // Its checksums were computed as it was written; read its table of contents back.
            Toc toc;
            QString e = readArchiveToc(tool, entry, &toc);
            BackupVerification v{QDateTime::currentDateTimeUtc(), QStringLiteral("toc"), e.isEmpty(),
                                 e.isEmpty() ? QStringLiteral("%1 entries").arg(toc.entries.size()) : e, operatorName};
            catalogue::recordVerification(entry, v);
            return e;
        }, [](RestoreJob *job, QString e) {
            if (job->m_cancelled)
                return job->fail(QStringLiteral("cancelled"), true);
            if (!e.isEmpty())
                return job->fail(QStringLiteral("the safety backup does not read back: %1").arg(e));
            job->startRestore();
        });
    });
    m_safety->start();
}

void RestoreJob::startRestore()
{
    const RestoreMode mode = m_request.mode;
    if (m_selected.size() != m_toc.entries.size()) {
        m_useList = std::make_unique<QTemporaryFile>(QDir(QDir::tempPath()).filePath(QStringLiteral("opsdeck-use-list-XXXXXX")));
        if (!m_useList->open() || m_useList->write(useListText(m_selected).toUtf8()) < 0 || !m_useList->flush())
            return fail(QStringLiteral("cannot write the list of objects to restore: %1").arg(m_useList->errorString()));
    }
    if (mode == RestoreMode::InPlace)
        return runPgRestore(m_target);

    m_scratch = pgadmin::scratchName(m_target.dbname, mode == RestoreMode::Test ? QStringLiteral("verify") : QStringLiteral("restore"),
                                     QDateTime::currentDateTimeUtc());
    m_phase = QStringLiteral("creating %1").arg(m_scratch);
    if (m_audit)
        m_audit->parameters().insert(QStringLiteral("scratch_database"), m_scratch);
    const QString scratch = m_scratch;
    const QString like = m_preflight.targetExists ? m_target.dbname : QString();
    QPointer<RestoreJob> self(this);
    admin([self, scratch, like](pqxx::connection &c) {
              QString error;
              try {
                  if (like.isEmpty())
                      pgadmin::createDatabase(c, scratch, {});
                  else
                      pgadmin::createDatabaseLike(c, scratch, like);
              } catch (const std::exception &e) {
                  error = QString::fromUtf8(e.what()).trimmed();
              }
              deliverToOwner(self, [error](RestoreJob *j) { j->scratchCreated(error); });
          },
          [self](const QString &error) { deliverToOwner(self, [error](RestoreJob *j) { j->scratchCreated(error); }); });
}

void RestoreJob::scratchCreated(const QString &error)
{
    // The database may exist even when the answer was lost: drop it on failure either way.
    m_scratchCreated = true;
    if (m_cancelled)
        return fail(QStringLiteral("cancelled"), true);
    if (!error.isEmpty())
        return fail(QStringLiteral("cannot create %1: %2").arg(m_scratch, error));
    DatabaseConfig into = m_target;
    into.dbname = m_scratch;
    runPgRestore(into);
}

void RestoreJob::runPgRestore(const DatabaseConfig &into)
{
    const BackupManifest &manifest = m_preflight.backup.manifest;
    QStringList args{QStringLiteral("--verbose"), QStringLiteral("--no-password"), QStringLiteral("--exit-on-error")};
    if (m_request.mode == RestoreMode::InPlace) {
        args << QStringLiteral("--single-transaction") << QStringLiteral("--clean") << QStringLiteral("--if-exists");
    } else if (manifest.format == QLatin1String("directory") && m_context.profile.backups->jobs > 1) {
        args << QStringLiteral("--jobs=%1").arg(m_context.profile.backups->jobs);
    }
    if (m_useList)
        args << QStringLiteral("--use-list=%1").arg(m_useList->fileName());
    args << QStringLiteral("--dbname=%1").arg(toolConninfo(into, QStringLiteral("restore")))
         << m_preflight.backup.filePath(manifest.dumpPath());
    m_phase = QStringLiteral("restoring into %1").arg(into.dbname);
    m_process = new PgToolProcess(this);
    connect(m_process, &PgToolProcess::stderrLine, this, &RestoreJob::onRestoreLine);
    connect(m_process, &PgToolProcess::finished, this, &RestoreJob::onRestoreFinished);
    if (const QString e = m_process->start(m_pgRestore.path, args, m_password); !e.isEmpty())
        return fail(e);
    report();
}

void RestoreJob::onRestoreLine(const QString &line)
{
    static const QRegularExpression data(QStringLiteral(R"re(processing data for table "(.+)"$)re"));
    static const QRegularExpression object(QStringLiteral(R"(^pg_restore: (creating|processing|executing|dropping) )"));
    if (!object.match(line).hasMatch())
        return;
    if (line.contains(QLatin1String("dropping ")))
        return;  // --clean's drops are not the archive's objects
    ++m_objectsDone;
    if (const QRegularExpressionMatch m = data.match(line); m.hasMatch()) {
        m_doneBytes += m_tableBytes.value(m_currentTable);
        m_currentTable = m.captured(1);
    }
}

void RestoreJob::onRestoreFinished(bool ok, const QString &error)
{
    m_process->deleteLater();
    m_process = nullptr;
    if (!ok) {
        if (m_cancelled)
            return fail(QStringLiteral("cancelled"), true);
        QString message = QStringLiteral("pg_restore failed: %1").arg(error);
        if (m_request.mode == RestoreMode::InPlace && !m_request.selection.isEmpty()
            && error.contains(QLatin1String("other objects depend on it")))
            message += QStringLiteral(" (views or foreign keys outside the selection need it: restore the selection into a "
                                      "scratch database and copy the rows back)");
        return fail(message);
    }
    m_doneBytes = m_totalBytes;
    m_currentTable.clear();
    if (m_request.mode == RestoreMode::InPlace) {
        RestoreResult r = m_result;
        r.ok = true;
        r.targetUnchanged = false;
        r.message = QStringLiteral("backup %1 restored into %2 in place").arg(m_request.backupId, m_target.dbname);
        return finish(r);
    }
    checkAndFinish();
}

void RestoreJob::checkAndFinish()
{
    if (m_cancelled)
        return fail(QStringLiteral("cancelled"), true);
    m_phase = QStringLiteral("checking %1").arg(m_scratch);
    report();
    // The tables the archive creates, and those that held rows when it was taken.
    QStringList expected, expectRows;
    QHash<QString, qint64> rows;
    for (const BackupTable &t : m_preflight.backup.manifest.tables)
        rows.insert(t.schema + u'.' + t.name, t.rowsEstimate);
    for (const TocEntry &e : std::as_const(m_selected)) {
        if (e.type == QLatin1String("TABLE")) {
            const QString name = e.schema + u'.' + e.name;
            expected << name;
            if (rows.value(name) > 0)
                expectRows << name;
        }
    }
    DatabaseConfig scratchConfig = m_target;
    scratchConfig.dbname = m_scratch;
    m_checker = std::make_unique<PgWorker>(scratchConfig, 60000, QStringLiteral("restore-check"));
    const RestoreMode mode = m_request.mode;
    const QString target = m_target.dbname, scratch = m_scratch;
    const bool targetExists = m_preflight.targetExists;
    const QString previous = pgadmin::scratchName(target, QStringLiteral("pre"), QDateTime::currentDateTimeUtc());
    QPointer<RestoreJob> self(this);
    auto afterCheck = [self, mode, target, scratch, targetExists, previous](const QString &problem) {
        deliverToOwner(self, [=](RestoreJob *j) {
            if (!problem.isEmpty())
                return j->fail(QStringLiteral("the restored database %1 does not check out: %2").arg(scratch, problem));
            if (j->m_cancelled)
                return j->fail(QStringLiteral("cancelled"), true);
            RestoreResult r = j->m_result;
            if (mode == RestoreMode::Scratch) {
                r.ok = true;
                r.scratchDatabase = scratch;
                r.message = QStringLiteral("backup %1 restored into %2, beside %3").arg(j->m_request.backupId, scratch, target);
                j->m_scratchCreated = false;  // the operator's now
                return j->finish(r);
            }
            j->m_checker.reset();  // its connection to the scratch database would hold up the rename
            j->m_phase = mode == RestoreMode::Swap ? QStringLiteral("swapping %1 and %2").arg(target, scratch)
                                                   : QStringLiteral("dropping %1").arg(scratch);
            j->report();
            j->admin([self, mode, target, scratch, targetExists, previous, r](pqxx::connection &c) mutable {
                QString error;
                try {
                    if (mode == RestoreMode::Test) {
                        pgadmin::dropDatabase(c, scratch);
                        r.ok = true;
                        r.message = QStringLiteral("test restore of %1 passed (into %2, dropped)").arg(r.preflight.backup.manifest.id, scratch);
                    } else if (targetExists) {
                        r.unavailableMs = pgadmin::swapDatabases(c, target, scratch, previous);
                        r.previousDatabase = previous;
                        r.ok = true;
                        r.targetUnchanged = false;
                        r.message = QStringLiteral("backup %1 restored into %2; the database it replaced is kept as %3 (unavailable %4 ms)")
                                        .arg(r.preflight.backup.manifest.id, target, previous).arg(r.unavailableMs);
                    } else {
                        pqxx::nontransaction tx(c);
                        tx.exec("alter database " + c.quote_name(scratch.toStdString()) + " rename to " + c.quote_name(target.toStdString()));
                        r.ok = true;
                        r.targetUnchanged = false;
                        r.message = QStringLiteral("backup %1 restored as the new database %2").arg(r.preflight.backup.manifest.id, target);
                    }
                } catch (const std::exception &e) {
                    error = QString::fromUtf8(e.what()).trimmed();
                }
                deliverToOwner(self, [r, error](RestoreJob *job) {
                    if (!error.isEmpty())
                        return job->fail(QStringLiteral("the last step failed: %1").arg(error));
                    job->m_scratchCreated = false;
                    job->finish(r);
                });
            }, [self](const QString &error) {
                deliverToOwner(self, [error](RestoreJob *job) { job->fail(QStringLiteral("the last step failed: %1").arg(error)); });
            });
        });
    };
    m_checker->submit({[expected, expectRows, afterCheck](pqxx::connection &c) {
                         QString problem;
                         try {
                             QHash<QString, bool> present;
                             for (const pgadmin::TableCheck &t : pgadmin::checkTables(c))
                                 present.insert(t.name, t.hasRows);
                             QStringList missing, empty;
                             for (const QString &t : expected)
                                 if (!present.contains(t))
                                     missing << t;
                             for (const QString &t : expectRows)
                                 if (present.contains(t) && !present.value(t))
                                     empty << t;
                             if (!missing.isEmpty())
                                 problem = QStringLiteral("tables missing: %1").arg(missing.join(QStringLiteral(", ")));
                             else if (!empty.isEmpty())
                                 problem = QStringLiteral("tables empty that had rows: %1").arg(empty.join(QStringLiteral(", ")));
                         } catch (const std::exception &e) {
                             problem = QString::fromUtf8(e.what()).trimmed();
                         }
                         afterCheck(problem);
                     },
                     [afterCheck](const QString &error) { afterCheck(error); }});
}

void RestoreJob::admin(std::function<void(pqxx::connection &)> f, std::function<void(const QString &)> onError)
{
    if (!m_admin)
        m_admin = std::make_unique<PgWorker>(m_adminDatabase, 30000, QStringLiteral("restore-admin"));
    m_admin->submit({std::move(f), std::move(onError)});
}

void RestoreJob::cancel()
{
    if (!m_running || m_cancelled)
        return;
    m_cancelled = true;
    m_stopHashing->store(true);
    if (m_safety)
        m_safety->cancel();
    else if (m_process && m_process->isRunning())
        m_process->stop();
    // Otherwise the step in flight sees the flag when it answers.
}

void RestoreJob::fail(const QString &message, bool cancelled)
{
    if (!m_running || m_failing)
        return;
    m_failing = true;
    m_cancelled = m_cancelled || cancelled;
    if (m_safety)
        m_safety->cancel();
    if (m_process && m_process->isRunning()) {
        // Its end calls back here (guarded); the cleanup below waits for it through the server.
        m_process->stop();
    }
    RestoreResult r = m_result;
    r.ok = false;
    r.cancelled = m_cancelled;
    r.targetUnchanged = true;
    r.message = message;
    const bool inPlace = m_request.mode == RestoreMode::InPlace && m_objectsDone > 0;
    if (!m_scratchCreated && !inPlace) {
        // Nothing was created or touched yet; a restore that got as far as a target says so.
        if (!m_target.dbname.isEmpty() && m_request.mode != RestoreMode::Test && !m_request.preflightOnly)
            r.message += QStringLiteral("; %1 is unchanged").arg(m_target.dbname);
        return finish(r);
    }

    // Clean up through the server: a killed pg_restore's session must be gone
    // (its transaction rolled back) before the target is said to be unchanged,
    // and the scratch database dropped.
    m_phase = QStringLiteral("cleaning up");
    const QString scratch = m_scratchCreated ? m_scratch : QString();
    const QString restoreApp = PgWorker::applicationName(QStringLiteral("restore"));
    QPointer<RestoreJob> self(this);
    admin([self, scratch, restoreApp, r](pqxx::connection &c) mutable {
              try {
                  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
                  while (std::chrono::steady_clock::now() < deadline) {
                      pqxx::nontransaction tx(c);
                      const pqxx::result left = pg::execParams(
                          tx, "select count(*) from pg_stat_activity where application_name = $1", restoreApp.toStdString());
                      if (left[0][0].as<int>() == 0)
                          break;
                      std::this_thread::sleep_for(std::chrono::milliseconds(50));
                  }
                  if (!scratch.isEmpty())
                      pgadmin::dropDatabase(c, scratch);
                  r.message += scratch.isEmpty() ? QStringLiteral("; the target is unchanged")
                                                 : QStringLiteral("; %1 dropped, the target is unchanged").arg(scratch);
              } catch (const std::exception &e) {
                  r.message += QStringLiteral("; the target is unchanged, but %1 could not be dropped: %2")
                                   .arg(scratch, QString::fromUtf8(e.what()).trimmed());
              }
              deliverToOwner(self, [r](RestoreJob *j) { j->finish(r); });
          },
          [self, r, scratch](const QString &error) mutable {
              r.message += QStringLiteral("; the target is unchanged, but %1 could not be dropped: %2").arg(scratch, error);
              deliverToOwner(self, [r](RestoreJob *j) { j->finish(r); });
          });
}

void RestoreJob::finish(RestoreResult result)
{
    if (!m_running)
        return;
    m_ticker.stop();
    m_running = false;
    result.elapsedMs = m_clock.elapsed();
    result.preflight = m_preflight;
    if (!result.safetyBackupId.isEmpty() && result.ok && !result.message.contains(result.safetyBackupId))
        result.message += QStringLiteral("; safety backup %1").arg(result.safetyBackupId);
    if (m_request.mode == RestoreMode::Test && !m_request.preflightOnly && m_audit) {
        BackupVerification v{QDateTime::currentDateTimeUtc(), QStringLiteral("test-restore"), result.ok, result.message,
                             m_context.profile.operatorName};
        catalogue::recordVerification(m_preflight.backup, v);
    }
    if (m_audit) {
        QJsonObject extra{{QStringLiteral("target_unchanged"), result.targetUnchanged}};
        if (!result.previousDatabase.isEmpty())
            extra.insert(QStringLiteral("previous_database"), result.previousDatabase);
        if (result.unavailableMs >= 0)
            extra.insert(QStringLiteral("unavailable_ms"), result.unavailableMs);
        if (!result.safetyBackupId.isEmpty())
            extra.insert(QStringLiteral("safety_backup_id"), result.safetyBackupId);
        const QString outcome = result.ok ? QStringLiteral("ok") : result.cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
        if (const QString e = m_audit->outcome(outcome, result.ok ? QString() : result.message, extra); !e.isEmpty())
            result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(e);
    }
    m_lock.reset();  // unlocks
    QMetaObject::invokeMethod(this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void RestoreJob::report()
{
    JobProgress p;
    p.elapsedMs = m_clock.elapsed();
    if (m_safety) {
        p = m_safetyProgress;
        p.phase = QStringLiteral("safety backup: %1").arg(m_safetyProgress.phase);
        p.elapsedMs = m_clock.elapsed();
        Q_EMIT progress(p);
        return;
    }
    p.phase = m_phase;
    if (m_phase.startsWith(QLatin1String("checking backup"))) {
        const qint64 total = m_preflight.backup.manifest.sizeBytes();
        p.bytes = m_hashed->load();
        p.fraction = total > 0 ? 0.05 * double(p.bytes) / double(total) : -1;
    } else if (m_process) {
        p.objectsDone = m_objectsDone;
        p.objectsTotal = m_selected.size();
        p.detail = m_currentTable;
        const double byData = m_totalBytes > 0 ? double(m_doneBytes) / double(m_totalBytes) : -1;
        const double byObjects = p.objectsTotal > 0 ? double(p.objectsDone) / double(p.objectsTotal) : -1;
        p.fraction = std::max(byData, 0.0) * 0.9 + std::max(byObjects, 0.0) * 0.1;
    }
    p.remainingMs = remainingEstimateMs(p.fraction, p.elapsedMs);
    Q_EMIT progress(p);
}

} // namespace opsdeck
