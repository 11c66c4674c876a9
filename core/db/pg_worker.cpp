#include "db/pg_worker.h"

#include "common/logging.h"
#include "config/secrets.h"

#include <QDateTime>

#include <pqxx/pqxx>

namespace opsdeck {

namespace {

QString quoted(const QString &value)
{
    QString v = value;
    v.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("\\'"));
    return QStringLiteral("'%1'").arg(v);
}

} // namespace

PgWorker::PgWorker(DatabaseConfig config, int statementTimeoutMs)
    : m_config(std::move(config)),
      m_statementTimeoutMs(statementTimeoutMs),
      m_thread([this] { loop(); })
{
}

PgWorker::~PgWorker()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    m_thread.join();
}

void PgWorker::submit(PgJob job)
{
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

QString PgWorker::conninfo(const DatabaseConfig &c, int statementTimeoutMs)
{
    QStringList parts{
        QStringLiteral("host=%1").arg(quoted(c.host)),
        QStringLiteral("port=%1").arg(c.port),
        QStringLiteral("dbname=%1").arg(quoted(c.dbname)),
        QStringLiteral("connect_timeout=5"),
        QStringLiteral("application_name='opsdeck'"),
        QStringLiteral("options=%1").arg(quoted(QStringLiteral("-c statement_timeout=%1").arg(statementTimeoutMs))),
    };
    if (!c.user.isEmpty())
        parts << QStringLiteral("user=%1").arg(quoted(c.user));
    if (!c.sslmode.isEmpty())
        parts << QStringLiteral("sslmode=%1").arg(quoted(c.sslmode));
    return parts.join(u' ');
}

bool PgWorker::ensureConnected(QString *error)
{
    if (m_connection && m_connection->is_open())
        return true;
    m_connection.reset();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now < m_nextAttemptMs) {
        *error = QStringLiteral("database %1 unreachable; next attempt in %2 s")
                     .arg(m_config.name).arg((m_nextAttemptMs - now + 999) / 1000);
        return false;
    }
    QString info = conninfo(m_config, m_statementTimeoutMs);
    if (m_config.password.kind == SecretRef::Kind::Env || m_config.password.kind == SecretRef::Kind::Keychain) {
        const SecretLookup secret = resolveSecret(m_config.password);
        if (!secret.ok()) {
            *error = QStringLiteral("database %1: password: %2").arg(m_config.name, secret.error);
            return false;
        }
        info += QStringLiteral(" password=%1").arg(quoted(secret.value));
    }
    // pgpass (and no password at all) is libpq's own business.
    const QString target = QStringLiteral("%1@%2:%3/%4").arg(m_config.user, m_config.host).arg(m_config.port).arg(m_config.dbname);
    logDebug(QStringLiteral("database %1: connecting to %2").arg(m_config.name, target));
    try {
        m_connection = std::make_unique<pqxx::connection>(info.toStdString());
        logInfo(QStringLiteral("database %1: connected to %2%3")
                    .arg(m_config.name, target, m_backoffMs ? QStringLiteral(" again") : QString()));
        m_backoffMs = 0;
        m_nextAttemptMs = 0;
        return true;
    } catch (const std::exception &e) {
        m_backoffMs = m_backoffMs == 0 ? 1000 : std::min(m_backoffMs * 2, 30000);
        m_nextAttemptMs = now + m_backoffMs;
        *error = QStringLiteral("database %1: %2").arg(m_config.name, QString::fromUtf8(e.what()).trimmed());
        logWarn(QStringLiteral("%1; next attempt in %2 s").arg(*error).arg(m_backoffMs / 1000));
        return false;
    }
}

void PgWorker::loop()
{
    while (true) {
        PgJob job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        QString error;
        if (!ensureConnected(&error)) {
            if (job.onError)
                job.onError(error);
            continue;
        }
        try {
            job.run(*m_connection);
        } catch (const pqxx::broken_connection &e) {
            m_connection.reset();
            if (job.onError)
                job.onError(QStringLiteral("database %1: connection lost: %2").arg(m_config.name, QString::fromUtf8(e.what()).trimmed()));
        } catch (const std::exception &e) {
            if (m_connection && !m_connection->is_open())
                m_connection.reset();
            if (job.onError)
                job.onError(QStringLiteral("database %1: %2").arg(m_config.name, QString::fromUtf8(e.what()).trimmed()));
        }
    }
    m_connection.reset();
}

} // namespace opsdeck
