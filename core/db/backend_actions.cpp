#include "db/backend_actions.h"

#include "db/pg_compat.h"
#include "db/pg_queries.h"
#include "db/pg_worker.h"

#include <QDateTime>
#include <QJsonObject>
#include <QPointer>
#include <QUuid>

#include <pqxx/pqxx>

#include <chrono>
#include <thread>

namespace opsdeck {

namespace {

using Outcome = BackendActionResult::Outcome;

constexpr int followUpMs = 2000;  // how long we watch for the backend to stop, after the signal

struct BackendRow {
    bool found = false;
    QString user, application, database, state, query;
    qint64 xactStartMs = 0, queryStartMs = 0, nowMs = 0;
};

BackendRow readBackend(pqxx::work &tx, int pid)
{
    BackendRow b;
    const pqxx::result r = pg::execParams(tx, pg::sessionByPidSql(), pid);
    if (r.empty())
        return b;
    const pqxx::row row = r[0];
    auto text = [&](int i) { return QString::fromUtf8(row[i].c_str()); };
    b.found = true;
    b.user = text(1);
    b.application = text(2);
    b.database = text(3);
    b.state = text(4);
    b.query = text(5);
    b.xactStartMs = row[6].as<qint64>();
    b.queryStartMs = row[7].as<qint64>();
    b.nowMs = row[8].as<qint64>();
    return b;
}

// Each check in its own transaction: a snapshot of pg_stat_activity is taken
// once per transaction, so a loop inside one would never see the change.
BackendRow readBackendNow(pqxx::connection &connection, int pid)
{
    pqxx::work tx(connection);
    BackendRow b = readBackend(tx, pid);
    tx.commit();
    return b;
}

} // namespace

BackendActions::BackendActions(Profile profile, AuditLog audit, QString client, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_audit(std::move(audit)), m_client(std::move(client))
{
    qRegisterMetaType<BackendActionResult>();
}

BackendActions::~BackendActions() = default;

QString BackendActions::actionName(BackendSignal what)
{
    return what == BackendSignal::Cancel ? QStringLiteral("db-cancel") : QStringLiteral("db-terminate");
}

quint64 BackendActions::refuse(Outcome outcome, const QString &why, int pid)
{
    const quint64 operation = m_nextOperation++;
    BackendActionResult result;
    result.outcome = outcome;
    result.message = why;
    result.pid = pid;
    QMetaObject::invokeMethod(this, [this, operation, result] { Q_EMIT finished(operation, result); }, Qt::QueuedConnection);
    return operation;
}

PgWorker *BackendActions::workerFor(const DatabaseConfig &database)
{
    auto &worker = m_workers[database.name];
    if (!worker)
        worker = std::make_unique<PgWorker>(database, 10000, QStringLiteral("actions"));
    return worker.get();
}

quint64 BackendActions::signalBackend(const QString &databaseName, int pid, BackendSignal what)
{
    const QString action = actionName(what);
    if (m_profile.readOnly)
        return refuse(Outcome::Refused, QStringLiteral("profile \"%1\" is read-only: %2 refused").arg(m_profile.name, action), pid);
    if (pid <= 0)
        return refuse(Outcome::Refused, QStringLiteral("%1 is not a backend pid").arg(pid), pid);
    const DatabaseConfig *database = nullptr;
    for (const DatabaseConfig &d : m_profile.databases) {
        if (d.name == databaseName)
            database = &d;
    }
    if (!database)
        return refuse(Outcome::Refused, QStringLiteral("no database named \"%1\" in profile \"%2\"").arg(databaseName, m_profile.name), pid);

    const quint64 operation = m_nextOperation++;
    QPointer<BackendActions> self(this);
    auto deliver = [self, operation](BackendActionResult result) {
        deliverToOwner(self, [operation, result](BackendActions *a) { Q_EMIT a->finished(operation, result); });
    };

    AuditEntry intent;
    intent.operatorName = m_profile.operatorName;
    intent.profile = m_profile.name;
    intent.action = action;
    intent.target = QStringLiteral("%1 pid %2").arg(database->name).arg(pid);
    intent.client = m_client;
    intent.phase = QStringLiteral("intent");
    intent.correlation = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const AuditLog audit = m_audit;
    const QString databaseLabel = database->name;

    PgJob job;
    job.run = [=](pqxx::connection &connection) {
        BackendActionResult result;
        result.pid = pid;
        AuditEntry entry = intent;
        auto finish = [&](Outcome outcome, const QString &message) {
            result.outcome = outcome;
            result.message = message;
            AuditEntry outcomeEntry = entry;
            outcomeEntry.phase = QStringLiteral("outcome");
            outcomeEntry.result = result.ok() ? QStringLiteral("ok") : QStringLiteral("failed");
            if (!result.ok())
                outcomeEntry.error = message;
            outcomeEntry.parameters.insert(QStringLiteral("outcome"), message);
            if (const QString error = audit.append(outcomeEntry); !error.isEmpty())
                result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(error);
            deliver(result);
        };
        try {
            const BackendRow before = readBackendNow(connection, pid);
            entry.parameters = {{QStringLiteral("pid"), pid},
                                {QStringLiteral("database"), databaseLabel},
                                {QStringLiteral("backend_user"), before.user},
                                {QStringLiteral("backend_application"), before.application},
                                {QStringLiteral("backend_database"), before.database},
                                {QStringLiteral("backend_state"), before.state},
                                {QStringLiteral("query"), before.query.left(1000)}};
            result.user = before.user;
            result.application = before.application;
            result.query = before.query;
            if (const QString error = audit.append(entry); !error.isEmpty()) {
                result.outcome = Outcome::Refused;
                result.message = QStringLiteral("%1 not sent: %2").arg(action, error);
                deliver(result);
                return;
            }
            if (!before.found) {
                finish(Outcome::AlreadyGone, QStringLiteral("backend %1 is already gone").arg(pid));
                return;
            }
            bool signalled = false;
            {
                pqxx::work tx(connection);
                const pqxx::result r = pg::execParams(tx, what == BackendSignal::Cancel ? pg::cancelSql() : pg::terminateSql(), pid);
                signalled = !r.empty() && !r[0][0].is_null() && r[0][0].as<bool>();
                tx.commit();
            }
            if (!signalled) {
                finish(Outcome::AlreadyGone, QStringLiteral("backend %1 ended before the signal reached it").arg(pid));
                return;
            }
            // The signal is asynchronous: watch until the backend has done what was asked.
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(followUpMs);
            while (true) {
                const BackendRow now = readBackendNow(connection, pid);
                const bool done = what == BackendSignal::Terminate
                    ? !now.found
                    : (!now.found || now.state != QLatin1String("active") || now.queryStartMs != before.queryStartMs);
                if (done) {
                    finish(Outcome::Done, what == BackendSignal::Terminate
                                              ? QStringLiteral("backend %1 terminated").arg(pid)
                                              : QStringLiteral("query of backend %1 cancelled").arg(pid));
                    return;
                }
                if (std::chrono::steady_clock::now() >= deadline)
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            finish(Outcome::StillRunning,
                   what == BackendSignal::Terminate
                       ? QStringLiteral("terminate sent to backend %1; it has not exited yet").arg(pid)
                       : QStringLiteral("cancel sent to backend %1; its query is still running (it may be in a step that cannot be interrupted)").arg(pid));
        } catch (const pqxx::insufficient_privilege &e) {
            finish(Outcome::NotPermitted,
                   QStringLiteral("not permitted: %1 (the role needs pg_signal_backend, or to be the backend's own role)")
                       .arg(QString::fromUtf8(e.what()).trimmed()));
        } catch (const pqxx::broken_connection &) {
            throw;  // the worker reports it through onError
        } catch (const std::exception &e) {
            finish(Outcome::Failed, QString::fromUtf8(e.what()).trimmed());
        }
    };
    job.onError = [=](const QString &error) {
        BackendActionResult result;
        result.pid = pid;
        result.outcome = Outcome::Failed;
        result.message = error;
        AuditEntry outcomeEntry = intent;
        outcomeEntry.phase = QStringLiteral("outcome");
        outcomeEntry.result = QStringLiteral("failed");
        outcomeEntry.error = error;
        audit.append(outcomeEntry);
        deliver(result);
    };
    workerFor(*database)->submit(std::move(job));
    return operation;
}

} // namespace opsdeck
