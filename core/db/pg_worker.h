#pragma once

// One PostgreSQL connection on its own thread (libpqxx blocks). Jobs run one
// after another; the connection opens on the first job, carries a
// statement_timeout, and after a drop reopens on a later job with a backoff.
// A job's result goes back to its owner through whatever the job captures
// (QMetaObject::invokeMethod on a QPointer); errors go to its onError.
//
// Teardown never waits on the server: the destructor asks the server to
// cancel the statement in flight (PQcancel, from a helper thread, since
// PQcancel itself talks to the server), waits a few milliseconds for the
// thread to finish, and otherwise cuts the connection's socket and leaves the
// thread to end by itself. The thread shares only its own state, so nothing
// it touches later belongs to the worker's owner.

#include "config/config.h"

#include <QString>

// pqxx::connection is a class in libpqxx 7 and a typedef of a template in 6,
// so it cannot be declared ahead the same way for both: the header is included.
#include <pqxx/connection>

#include <QCoreApplication>
#include <QPointer>

#include <functional>
#include <memory>

namespace opsdeck {

// Runs f(owner) on the main thread later, if the owner still exists then. The
// event goes to the application object, never to the owner: the worker thread
// must not touch an object the main thread may be destroying, so the owner is
// looked up only on the main thread, where it lives.
template<typename Owner, typename F>
void deliverToOwner(const QPointer<Owner> &owner, F &&f)
{
    QMetaObject::invokeMethod(QCoreApplication::instance(), [owner, f = std::forward<F>(f)]() mutable {
        if (Owner *o = owner.data())
            f(o);
    }, Qt::QueuedConnection);
}

struct PgJob {
    std::function<void(pqxx::connection &)> run;
    std::function<void(const QString &error)> onError;  // called on the worker thread
};

class PgWorker
{
public:
    // role names the connection for people and for the server
    // (application_name "opsdeck/<role>:<our process id>"): "monitor", "actions", "alerts".
    explicit PgWorker(DatabaseConfig config, int statementTimeoutMs = 10000, QString role = QStringLiteral("monitor"));
    ~PgWorker();  // returns within milliseconds, whatever the server does

    const DatabaseConfig &config() const;
    void submit(PgJob job);

    // Asks the server to cancel the statement running now, if any; returns at once.
    void cancelRunning();

    // When the next connection attempt may be made after a failure (ms since
    // the epoch), 0 while connected or never failed. Any thread.
    qint64 retryAtMs() const;

    // "opsdeck/monitor:4242": the role, and which process, so that a poll can
    // leave this console's own connections out of what it shows.
    static QString applicationName(const QString &role);
    static bool isOwnApplication(const QString &applicationName);

    // libpq's keyword=value string, password excluded; values quoted as libpq wants.
    static QString conninfo(const DatabaseConfig &config, int statementTimeoutMs,
                            const QString &role = QStringLiteral("monitor"));

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace opsdeck
