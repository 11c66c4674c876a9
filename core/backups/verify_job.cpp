#include "verify_job.h"

#include "backups/archive_check.h"
#include "backups/restore_job.h"
#include "common/compact_units.h"

namespace opsdeck {

VerifyJob::VerifyJob(BackupContext context, QString backupId, bool testRestore, QString database, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_backupId(std::move(backupId))
    , m_testRestore(testRestore)
    , m_database(std::move(database))
    , m_hashed(std::make_shared<std::atomic<qint64>>(0))
    , m_stop(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<VerifyResult>();
    m_ticker.setInterval(250);
    connect(&m_ticker, &QTimer::timeout, this, &VerifyJob::report);
}

VerifyJob::~VerifyJob()
{
    m_stop->store(true);
}

void VerifyJob::start()
{
    m_running = true;
    m_clock.start();
    QString error;
    const std::optional<BackupEntry> entry = catalogue::find(m_context.backupRoot(), m_backupId, &error);
    if (m_context.backupRoot().isEmpty())
        error = QStringLiteral("profile \"%1\" has no backup folder (backups.directory)").arg(m_context.profile.name);
    if (!entry || !error.isEmpty())
        return finish({false, false, error, {}, 0});
    m_entry = *entry;
    if (m_database.isEmpty())
        m_database = m_entry.manifest.database;
    if (m_testRestore && m_context.profile.readOnly)
        return finish({false, false, QStringLiteral("profile \"%1\" is read-only: a test restore writes to the server, refused")
                                         .arg(m_context.profile.name), {}, 0});
    m_audit = std::make_shared<AuditTrail>(m_context.audit, m_context.actor(), QStringLiteral("verify"), m_entry.manifest.id);
    m_audit->parameters() = {{QStringLiteral("backup_id"), m_entry.manifest.id},
                             {QStringLiteral("sha256"), m_entry.manifest.files.value(0).sha256},
                             {QStringLiteral("test_restore"), m_testRestore}};
    if (const QString e = m_audit->intent(); !e.isEmpty()) {
        m_audit.reset();
        return finish({false, false, QStringLiteral("verify not started: %1").arg(e), {}, 0});
    }
    report();
    m_ticker.start();
    const BackupEntry backup = m_entry;
    const QString binDirs = m_context.profile.backups ? m_context.profile.backups->pgBinDir : QString();
    auto hashed = m_hashed;
    auto stop = m_stop;
    runInBackground<VerifyJob, std::pair<QString, int>>(this, [=]() -> std::pair<QString, int> {
        if (QString e = verifyChecksums(backup, hashed.get(), stop.get()); !e.isEmpty())
            return {e, 0};
        QString e;
        const std::optional<PgTool> tool = pgRestoreFor(backup.manifest, binDirs, &e);
        if (!tool)
            return {e, 0};
        Toc toc;
        e = readArchiveToc(*tool, backup, &toc);
        return {e, int(toc.entries.size())};
    }, [](VerifyJob *job, std::pair<QString, int> r) { job->checked(r.first, r.second); });
}

void VerifyJob::checked(const QString &error, int entries)
{
    const BackupVerification v{QDateTime::currentDateTimeUtc(), QStringLiteral("toc"), error.isEmpty(),
                               error.isEmpty() ? QStringLiteral("checksums of %1 file(s) match; %2 entries in the table of contents")
                                                     .arg(m_entry.manifest.files.size()).arg(entries)
                                               : error,
                               m_context.profile.operatorName};
    QString recordError = catalogue::recordVerification(m_entry, v);
    if (!error.isEmpty() || !m_testRestore) {
        VerifyResult r{error.isEmpty(), m_stop->load(), error.isEmpty() ? QStringLiteral("backup %1 verified: %2").arg(m_backupId, v.detail)
                                                                       : QStringLiteral("backup %1 fails verification: %2").arg(m_backupId, error),
                       QStringLiteral("toc"), 0};
        if (!recordError.isEmpty())
            r.message += QStringLiteral(" (not recorded in the catalogue: %1)").arg(recordError);
        return finish(r);
    }
    RestoreRequest request;
    request.backupId = m_backupId;
    request.target = m_database;
    request.mode = RestoreMode::Test;
    m_restore = new RestoreJob(m_context, request, this);
    connect(m_restore, &RestoreJob::progress, this, [this](const JobProgress &p) {
        JobProgress q = p;
        q.phase = QStringLiteral("test restore: %1").arg(p.phase);
        q.elapsedMs = m_clock.elapsed();
        Q_EMIT progress(q);
    });
    connect(m_restore, &RestoreJob::finished, this, [this](const RestoreResult &r) {
        m_restore->deleteLater();
        m_restore = nullptr;
        finish({r.ok, r.cancelled, r.message, QStringLiteral("test-restore"), 0});
    });
    m_ticker.stop();
    m_restore->start();
}

void VerifyJob::cancel()
{
    m_stop->store(true);
    if (m_restore)
        m_restore->cancel();
}

void VerifyJob::finish(VerifyResult result)
{
    if (!m_running)
        return;
    m_running = false;
    m_ticker.stop();
    result.elapsedMs = m_clock.elapsed();
    if (m_audit) {
        const QString outcome = result.ok ? QStringLiteral("ok") : result.cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed");
        if (const QString e = m_audit->outcome(outcome, result.ok ? QString() : result.message, {{QStringLiteral("method"), result.method}});
            !e.isEmpty())
            result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(e);
    }
    QMetaObject::invokeMethod(this, [this, result] { Q_EMIT finished(result); }, Qt::QueuedConnection);
}

void VerifyJob::report()
{
    JobProgress p;
    p.phase = QStringLiteral("checksumming");
    p.elapsedMs = m_clock.elapsed();
    p.bytes = m_hashed->load();
    const qint64 total = m_entry.manifest.sizeBytes();
    p.fraction = total > 0 ? double(p.bytes) / double(total) : -1;
    p.remainingMs = remainingEstimateMs(p.fraction, p.elapsedMs);
    Q_EMIT progress(p);
}

} // namespace opsdeck
