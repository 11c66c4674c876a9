#pragma once

// What backup, verify and restore jobs share: who acts (profile, operator,
// audit log, gui or cli), how progress is reported, and how work that blocks
// (hashing gigabytes, asking binaries their version, fsync) leaves the
// thread that owns the job and comes back to it.

#include "audit/audit_log.h"
#include "config/config.h"
#include "db/pg_worker.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMetaType>
#include <QPointer>
#include <QString>

#include <functional>
#include <thread>

namespace opsdeck {

struct BackupContext {
    Profile profile;
    AuditLog audit{AuditLog::defaultPath()};
    QString client = QStringLiteral("gui");  // gui or cli

    const DatabaseConfig *database(const QString &name) const;
    AuditActor actor() const { return {profile.operatorName, profile.name, client}; }
    QString backupRoot() const { return profile.backups ? profile.backups->directory : QString(); }
};

struct JobProgress {
    QString phase;            // "dumping", "hashing", "restoring into app__restore_…", "swapping"…
    int objectsDone = 0;      // of the table of contents
    int objectsTotal = 0;
    qint64 bytes = 0;         // written (backup) or read so far
    double fraction = -1;     // 0..1 when known, -1 when not
    qint64 elapsedMs = 0;
    qint64 remainingMs = -1;  // estimate, -1 when unknown
    QString detail;           // the object being worked on
};

// The estimate of time left from the fraction done and the time it took.
qint64 remainingEstimateMs(double fraction, qint64 elapsedMs);

// One line for people: "dumping, 12/40 objects, 1.2 GB, 31 %, 42 s, about 1 min left, public.orders".
QString describeProgress(const JobProgress &progress);

// Runs work on a thread of its own and hands its result to done on the
// owner's thread, if the owner still exists then.
template<typename Owner, typename Result>
void runInBackground(Owner *owner, std::function<Result()> work, std::function<void(Owner *, Result)> done)
{
    QPointer<Owner> guard(owner);
    std::thread([guard, work = std::move(work), done = std::move(done)]() mutable {
        Result result = work();
        deliverToOwner(guard, [done = std::move(done), result = std::move(result)](Owner *o) mutable { done(o, std::move(result)); });
    }).detach();
}

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::JobProgress)
