#pragma once

// Cancel a backend's query or terminate the backend, the same for the GUI
// and the CLI. Each goes through the database's own action connection (never
// behind a slow poll), binds the pid as a parameter, is refused in a
// read-only profile, writes an intent line to the audit log before anything
// is sent and an outcome line after, and answers in plain words: done, not
// permitted, already gone.

#include "audit/audit_log.h"
#include "config/config.h"

#include <QHash>
#include <QMetaType>
#include <QObject>

#include <memory>

namespace opsdeck {

class PgWorker;

enum class BackendSignal { Cancel, Terminate };

struct BackendActionResult {
    enum class Outcome { Done, StillRunning, AlreadyGone, NotPermitted, Refused, Failed };
    Outcome outcome = Outcome::Failed;
    QString message;  // for people, one line
    int pid = 0;
    QString user, application, query;  // the backend as it was when the request went
    bool ok() const { return outcome == Outcome::Done || outcome == Outcome::StillRunning; }
};

class BackendActions : public QObject
{
    Q_OBJECT
public:
    BackendActions(Profile profile, AuditLog audit, QString client, QObject *parent = nullptr);
    ~BackendActions() override;

    // Answered by finished(operation, result), always queued, refusals too.
    quint64 signalBackend(const QString &database, int pid, BackendSignal what);

    static QString actionName(BackendSignal what);

Q_SIGNALS:
    void finished(quint64 operation, const opsdeck::BackendActionResult &result);

private:
    quint64 refuse(BackendActionResult::Outcome outcome, const QString &why, int pid);
    PgWorker *workerFor(const DatabaseConfig &database);

    Profile m_profile;
    AuditLog m_audit;
    QString m_client;
    std::map<QString, std::unique_ptr<PgWorker>> m_workers;  // one action connection per database
    quint64 m_nextOperation = 1;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::BackendActionResult)
