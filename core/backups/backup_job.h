#pragma once

// Takes one backup: preflight (a pg_dump new enough for the server, room for
// the dump), pg_dump into <id>.partial with progress parsed from its verbose
// output and the bytes it has written, then every file fsynced and hashed,
// the manifest written and the folder renamed into place. Cancel stops the
// child and removes the partial folder. Nothing here blocks the thread that
// owns the job: the server is asked on a PgWorker, files are hashed on a
// thread of their own, pg_dump runs as a child process.

#include "backup_catalogue.h"
#include "backup_job_common.h"
#include "pg_tools.h"

#include <QObject>
#include <QTimer>

#include <future>
#include <memory>

namespace opsdeck {

class PgToolProcess;

struct BackupRequest {
    QString database;   // the profile's name for it
    QString label;
    QString safetyFor;  // set by a restore taking its safety backup
};

struct BackupResult {
    bool ok = false;
    bool cancelled = false;
    QString message;  // one line for people
    BackupEntry entry;
    qint64 elapsedMs = 0;
};

class BackupJob : public QObject
{
    Q_OBJECT
public:
    BackupJob(BackupContext context, BackupRequest request, QObject *parent = nullptr);
    ~BackupJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const BackupRequest &request() const { return m_request; }

Q_SIGNALS:
    void progress(const opsdeck::JobProgress &progress);
    void finished(const opsdeck::BackupResult &result);

private:
    struct Inspection;
    struct Preparation;
    struct Finalization;
    void inspected(const Inspection &inspection);
    void prepared(const Preparation &preparation);
    void onDumpLine(const QString &line);
    void onDumpFinished(bool ok, const QString &error);
    void finalized(const Finalization &finalization);
    void fail(const QString &message, bool cancelled = false);
    void report();
    QString reportPhase() const;

    BackupContext m_context;
    BackupRequest m_request;
    DatabaseConfig m_database;
    std::unique_ptr<PgWorker> m_worker;
    std::shared_future<QList<PgTool>> m_tools;  // found while the server is inspected
    PgToolProcess *m_process = nullptr;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    bool m_running = false;
    bool m_cancelled = false;
    QString m_phase;

    // What the dump is of and where it goes.
    BackupManifest m_manifest;
    QString m_partialFolder;
    QString m_finalFolder;
    std::shared_ptr<class AuditTrail> m_audit;
    // Progress through the tables, weighted by their size.
    QHash<QString, int> m_tableIndex;  // "schema.name"
    QList<bool> m_tableDone;
    int m_currentTable = -1;
    qint64 m_totalTableBytes = 0;
    qint64 m_doneTableBytes = 0;
    int m_tablesDone = 0;
    qint64 m_bytesWritten = 0;
    std::shared_ptr<std::atomic<qint64>> m_hashedBytes;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::BackupResult)
