#pragma once

// Verifies a backup: every checksum recomputed, pg_restore --list reading the
// whole table of contents, and optionally a test restore into a scratch
// database that is checked and dropped. The catalogue records when and how
// (verifications.json); the audit log has an intent and an outcome line.

#include "backup_catalogue.h"
#include "backup_job_common.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace opsdeck {

class RestoreJob;

struct VerifyResult {
    bool ok = false;
    bool cancelled = false;
    QString message;
    QString method;  // toc, test-restore
    qint64 elapsedMs = 0;
};

class VerifyJob : public QObject
{
    Q_OBJECT
public:
    // database: the profile's database a test restore goes to the server of
    // (default: the one the backup was taken of).
    VerifyJob(BackupContext context, QString backupId, bool testRestore, QString database = {}, QObject *parent = nullptr);
    ~VerifyJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const QString &backupId() const { return m_backupId; }

Q_SIGNALS:
    void progress(const opsdeck::JobProgress &progress);
    void finished(const opsdeck::VerifyResult &result);

private:
    void checked(const QString &error, int entries);
    void finish(VerifyResult result);
    void report();

    BackupContext m_context;
    QString m_backupId;
    bool m_testRestore;
    QString m_database;
    BackupEntry m_entry;
    std::shared_ptr<AuditTrail> m_audit;
    RestoreJob *m_restore = nullptr;
    bool m_running = false;
    QTimer m_ticker;
    QElapsedTimer m_clock;
    std::shared_ptr<std::atomic<qint64>> m_hashed;
    std::shared_ptr<std::atomic<bool>> m_stop;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::VerifyResult)
