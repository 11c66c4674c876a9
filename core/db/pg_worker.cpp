#include "db/pg_worker.h"

#include "common/logging.h"
#include "config/secrets.h"

#include <QCoreApplication>
#include <QDateTime>

#include <pqxx/pqxx>

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>

namespace opsdeck {

namespace {

QString quoted(const QString &value)
{
    QString v = value;
    v.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'"));
    return QStringLiteral("'%1'").arg(v);
}

// How long the destructor gives an idle or cut thread to close its connection
// cleanly. A profile with a few databases tears down well under 100 ms.
constexpr auto closeWait = std::chrono::milliseconds(10);

} // namespace

struct PgWorker::State {
    DatabaseConfig config;
    int statementTimeoutMs;
    QString role;

    std::mutex mutex;  // jobs, stopping, finished
    std::condition_variable wake;
    std::condition_variable done;
    std::deque<PgJob> jobs;
    bool stopping = false;
    bool finished = false;

    // The connection is replaced only by the worker thread, under an exclusive
    // lock; cancellers and the destructor read it under a shared one.
    std::shared_timed_mutex connectionLock;
    std::unique_ptr<pqxx::connection> connection;
    std::atomic<bool> busy{false};
    std::atomic<bool> connecting{false};
    std::atomic<qint64> retryAtMs{0};
    int backoffMs = 0;

    bool isStopping()
    {
        std::lock_guard lock(mutex);
        return stopping;
    }

    void replaceConnection(std::unique_ptr<pqxx::connection> next)
    {
        std::unique_ptr<pqxx::connection> old;
        {
            std::unique_lock lock(connectionLock);
            old = std::move(connection);
            connection = std::move(next);
        }
        old.reset();  // PQfinish outside the lock: it may write to the socket
    }

    bool ensureConnected(QString *error);
    void loop();
};

PgWorker::PgWorker(DatabaseConfig config, int statementTimeoutMs, QString role)
    : m_state(std::make_shared<State>())
{
    m_state->config = std::move(config);
    m_state->statementTimeoutMs = statementTimeoutMs;
    m_state->role = std::move(role);
    // The thread holds the state too: if it outlives the worker, it ends on its own.
    std::thread([state = m_state] { state->loop(); }).detach();
}

PgWorker::~PgWorker()
{
    std::unique_lock lock(m_state->mutex);
    m_state->stopping = true;
    m_state->jobs.clear();
    m_state->wake.notify_all();
    if (m_state->busy) {
        // In a statement: the server is asked to cancel it (for its own sake),
        // and the socket is cut so that libpq returns now, whatever the server does.
        cancelRunning();
        std::shared_lock connectionLock(m_state->connectionLock, std::defer_lock);
        if (connectionLock.try_lock_for(std::chrono::milliseconds(5)) && m_state->connection) {
            const int fd = m_state->connection->sock();
            if (fd >= 0)
                ::shutdown(fd, SHUT_RDWR);
        }
    }
    // A thread still connecting has no socket to cut yet: it ends by itself
    // after connect_timeout, holding only its own state. The others close now.
    if (!m_state->connecting)
        m_state->done.wait_for(lock, closeWait, [this] { return m_state->finished; });
}

const DatabaseConfig &PgWorker::config() const
{
    return m_state->config;
}

void PgWorker::submit(PgJob job)
{
    {
        std::lock_guard lock(m_state->mutex);
        if (m_state->stopping)
            return;
        m_state->jobs.push_back(std::move(job));
    }
    m_state->wake.notify_one();
}

void PgWorker::cancelRunning()
{
    // PQcancel opens its own connection to the server and waits for it to
    // close: on a server that stopped answering it would hang, so never here.
    std::thread([state = m_state] {
        std::shared_lock lock(state->connectionLock);
        if (!state->connection || !state->busy)
            return;
        try {
            state->connection->cancel_query();
        } catch (const std::exception &) {
            // Nothing to cancel, or the server is gone: the statement ends either way.
        }
    }).detach();
}

qint64 PgWorker::retryAtMs() const
{
    return m_state->retryAtMs;
}

QString PgWorker::applicationName(const QString &role)
{
    return QStringLiteral("opsdeck/%1:%2").arg(role).arg(QCoreApplication::applicationPid());
}

bool PgWorker::isOwnApplication(const QString &applicationName)
{
    static const QString suffix = QStringLiteral(":%1").arg(QCoreApplication::applicationPid());
    return applicationName.startsWith(QLatin1String("opsdeck/")) && applicationName.endsWith(suffix);
}

QString PgWorker::conninfo(const DatabaseConfig &c, int statementTimeoutMs, const QString &role)
{
    QStringList parts{
        QStringLiteral("host=%1").arg(quoted(c.host)),
        QStringLiteral("port=%1").arg(c.port),
        QStringLiteral("dbname=%1").arg(quoted(c.dbname)),
        QStringLiteral("connect_timeout=5"),
        QStringLiteral("application_name=%1").arg(quoted(applicationName(role))),
        QStringLiteral("options=%1").arg(quoted(QStringLiteral("-c statement_timeout=%1").arg(statementTimeoutMs))),
        // A connection whose peer vanished (a cable, a failover) is noticed in
        // about a minute instead of the kernel's two hours.
        QStringLiteral("keepalives=1 keepalives_idle=30 keepalives_interval=10 keepalives_count=3"),
    };
    if (!c.user.isEmpty())
        parts << QStringLiteral("user=%1").arg(quoted(c.user));
    if (!c.sslmode.isEmpty())
        parts << QStringLiteral("sslmode=%1").arg(quoted(c.sslmode));
    if (!c.sslrootcert.isEmpty())
        parts << QStringLiteral("sslrootcert=%1").arg(quoted(c.sslrootcert));
    return parts.join(u' ');
}

bool PgWorker::State::ensureConnected(QString *error)
{
    if (connection && connection->is_open())
        return true;
    if (connection)
        replaceConnection(nullptr);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < retryAtMs) {
        *error = QStringLiteral("database %1 unreachable; next attempt in %2 s")
                     .arg(config.name).arg((retryAtMs - now + 999) / 1000);
        return false;
    }
    QString info = conninfo(config, statementTimeoutMs, role);
    if (config.password.kind == SecretRef::Kind::Env || config.password.kind == SecretRef::Kind::Keychain) {
        const SecretLookup secret = resolveSecret(config.password);
        if (!secret.ok()) {
            *error = QStringLiteral("database %1: password: %2").arg(config.name, secret.error);
            return false;
        }
        info += QStringLiteral(" password=%1").arg(quoted(secret.value));
    }
    // pgpass (and no password at all) is libpq's own business.
    const QString target = QStringLiteral("%1@%2:%3/%4").arg(config.user, config.host).arg(config.port).arg(config.dbname);
    logDebug(QStringLiteral("database %1 (%2): connecting to %3").arg(config.name, role, target));
    // Raised while libpq connects: the destructor has no socket to cut then, and does not wait.
    struct ConnectingFlag {
        std::atomic<bool> &flag;
        explicit ConnectingFlag(std::atomic<bool> &f) : flag(f) { flag = true; }
        ~ConnectingFlag() { flag = false; }
    } raised(connecting);
    try {
        auto opened = std::make_unique<pqxx::connection>(info.toStdString());
        if (isStopping())
            return false;  // the owner left while we connected: not worth a log line
        replaceConnection(std::move(opened));
        logInfo(QStringLiteral("database %1 (%2): connected to %3%4")
                    .arg(config.name, role, target, backoffMs ? QStringLiteral(" again") : QString()));
        backoffMs = 0;
        retryAtMs = 0;
        return true;
    } catch (const std::exception &e) {
        if (isStopping())
            return false;
        backoffMs = backoffMs == 0 ? 1000 : std::min(backoffMs * 2, 30000);
        retryAtMs = now + backoffMs;
        *error = QStringLiteral("database %1: %2").arg(config.name, QString::fromUtf8(e.what()).trimmed());
        logWarn(QStringLiteral("%1; next attempt in %2 s").arg(*error).arg(backoffMs / 1000));
        return false;
    }
}

void PgWorker::State::loop()
{
    while (true) {
        PgJob job;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return stopping || !jobs.empty(); });
            if (stopping)
                break;
            job = std::move(jobs.front());
            jobs.pop_front();
        }
        QString error;
        if (!ensureConnected(&error)) {
            if (job.onError && !isStopping())
                job.onError(error);
            continue;
        }
        busy = true;
        try {
            job.run(*connection);
            busy = false;
        } catch (const pqxx::broken_connection &e) {
            busy = false;
            replaceConnection(nullptr);
            if (job.onError && !isStopping())
                job.onError(QStringLiteral("database %1: connection lost: %2").arg(config.name, QString::fromUtf8(e.what()).trimmed()));
        } catch (const std::exception &e) {
            busy = false;
            if (!connection->is_open())
                replaceConnection(nullptr);
            if (job.onError && !isStopping())
                job.onError(QStringLiteral("database %1: %2").arg(config.name, QString::fromUtf8(e.what()).trimmed()));
        }
    }
    replaceConnection(nullptr);
    std::lock_guard lock(mutex);
    finished = true;
    done.notify_all();
}

} // namespace opsdeck
