#pragma once

// Restores a backup, the one action that can destroy data, so it is the most
// careful one. Every restore first checks the backup (checksums, pg_restore
// version, its table of contents) and the target (exists, sessions, room),
// then takes a verified safety backup of the target, then:
//  - swap (default): restores into <db>__restore_<time>, checks it, ends the
//    target's sessions and swaps the names in one transaction; the replaced
//    database stays as <db>__pre_<time>. The target is unavailable only for
//    the swap itself.
//  - in place: pg_restore --single-transaction --exit-on-error --clean, all
//    or nothing, for when a second copy does not fit.
//  - scratch: into a new <db>__restore_<time> beside the target, kept for
//    the operator (e.g. a few tables to copy back by hand).
//  - test: into <db>__verify_<time>, checked, dropped (verify --test-restore).
// A failure or a cancel at any step before the swap leaves the target as it
// was and says so; the scratch database is dropped. One restore per target
// at a time, across consoles and the CLI (a lock file in the backup folder).

#include "backup_catalogue.h"
#include "backup_job_common.h"
#include "pg_admin.h"
#include "pg_tools.h"
#include "toc.h"

#include <QLockFile>
#include <QObject>
#include <QTemporaryFile>
#include <QTimer>

#include <memory>

namespace opsdeck {

class BackupJob;
class PgToolProcess;

enum class RestoreMode { Swap, InPlace, Scratch, Test };
QString restoreModeName(RestoreMode mode);
std::optional<RestoreMode> restoreModeFromName(const QString &name);

struct RestoreRequest {
    QString backupId;
    QString target;        // the profile's name of the target database
    QString confirmation;  // must equal the target's database name (swap, in place)
    RestoreMode mode = RestoreMode::Swap;
    TocSelection selection;    // empty: everything
    bool endSessions = false;  // the operator agreed to end the target's sessions
    bool safetyBackup = true;  // swap and in place: back up the target first
    bool preflightOnly = false;
};

struct RestorePreflight {
    BackupEntry backup;
    QString pgRestore;        // "15.18 (/usr/lib/postgresql/15/bin/pg_restore)"
    int tocEntries = 0;       // selected
    bool targetExists = false;
    QString targetDbname;
    pgadmin::DatabaseFacts target;
    QList<pgadmin::Session> sessions;
    QString freeSpace;        // for people: "42 GB free, the restore needs about 3 GB", or why unknown
    QStringList extensionsLeftOut;  // in the backup, but the role may not create them
    QStringList problems;     // any of these stops the restore
    QStringList warnings;
    bool ok() const { return problems.isEmpty(); }
};

struct RestoreResult {
    bool ok = false;
    bool cancelled = false;
    bool targetUnchanged = true;  // a failed or cancelled restore: the target is as it was
    QString message;
    RestorePreflight preflight;
    QString safetyBackupId;
    QString scratchDatabase;   // scratch mode: where it went
    QString previousDatabase;  // swap: the replaced database, kept for a while
    qint64 unavailableMs = -1; // swap: how long the target could not be connected to
    qint64 elapsedMs = 0;
};

class RestoreJob : public QObject
{
    Q_OBJECT
public:
    RestoreJob(BackupContext context, RestoreRequest request, QObject *parent = nullptr);
    ~RestoreJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const RestoreRequest &request() const { return m_request; }

    // The folder of lock files beside the catalogue, and a target's lock in it.
    static QString lockPath(const QString &backupRoot, const DatabaseConfig &target);

Q_SIGNALS:
    void progress(const opsdeck::JobProgress &progress);
    void preflightDone(const opsdeck::RestorePreflight &preflight);
    void finished(const opsdeck::RestoreResult &result);

private:
    struct Checked;
    void checked(const Checked &c);
    void targetInspected(const RestorePreflight &report, const QString &error, const pgadmin::ServerFacts &server);
    void startSafetyBackup();
    void startRestore();
    void scratchCreated(const QString &error);
    void runPgRestore(const DatabaseConfig &into);
    void onRestoreLine(const QString &line);
    void onRestoreFinished(bool ok, const QString &error);
    void checkAndFinish();
    void fail(const QString &message, bool cancelled = false);
    void finish(RestoreResult result);
    void report();
    // Runs f on the admin connection (the server's "postgres" database).
    void admin(std::function<void(pqxx::connection &)> f, std::function<void(const QString &)> onError);

    BackupContext m_context;
    RestoreRequest m_request;
    DatabaseConfig m_target;
    DatabaseConfig m_adminDatabase;
    std::unique_ptr<PgWorker> m_admin;
    std::unique_ptr<PgWorker> m_checker;  // connected to the restored scratch database
    std::unique_ptr<QLockFile> m_lock;
    std::shared_ptr<AuditTrail> m_audit;
    RestorePreflight m_preflight;
    PgTool m_pgRestore;
    QString m_password;
    Toc m_toc;
    QList<TocEntry> m_selected;
    std::unique_ptr<QTemporaryFile> m_useList;
    BackupJob *m_safety = nullptr;
    PgToolProcess *m_process = nullptr;
    QString m_scratch;
    bool m_scratchCreated = false;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_failing = false;
    QString m_phase;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    RestoreResult m_result;
    std::shared_ptr<std::atomic<qint64>> m_hashed;
    std::shared_ptr<std::atomic<bool>> m_stopHashing;
    // Progress through the archive.
    QHash<QString, qint64> m_tableBytes;
    qint64 m_totalBytes = 0;
    qint64 m_doneBytes = 0;
    QString m_currentTable;
    int m_objectsDone = 0;
    JobProgress m_safetyProgress;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::RestorePreflight)
Q_DECLARE_METATYPE(opsdeck::RestoreResult)
