#include "db/database_monitor.h"

#include "db/pg_poll.h"
#include "db/pg_queries.h"
#include "db/pg_rates.h"
#include "db/pg_worker.h"

#include <QDateTime>
#include <QPointer>
#include <QThread>
#include <QTimer>

namespace opsdeck {

namespace {

constexpr int statementsEvery = 5;   // polls: about 10 s at the default interval
constexpr int tablesEvery = 15;      // about 30 s: sizes stat every file of the database
constexpr qint64 trendKeepMs = 30LL * 60 * 1000;

} // namespace

DatabaseMonitor::DatabaseMonitor(DatabaseConfig config, int intervalMs, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_intervalMs(intervalMs),
      // Statements stop after 5 s: a poll must never hold the monitoring connection long.
      m_worker(std::make_unique<PgWorker>(m_config, 5000, QStringLiteral("monitor"))),
      m_timer(new QTimer(this))
{
    qRegisterMetaType<PgPollResult>();
    m_snapshot.database = m_config.name;
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] { pollNow(); });
}

DatabaseMonitor::~DatabaseMonitor() = default;

void DatabaseMonitor::setIntervalMs(int ms)
{
    m_intervalMs = ms;
    m_timer->setInterval(ms);
}

void DatabaseMonitor::start()
{
    m_timer->start();
    pollNow();
}

void DatabaseMonitor::pollNow(bool full)
{
    if (m_inFlight)
        return;  // a slow server gets one poll at a time, not a queue of them
    m_inFlight = true;
    pg::PollPlan plan;
    plan.statements = full || m_polls % statementsEvery == 0;
    plan.tables = full || m_polls % tablesEvery == 0;
    for (const auto &entry : m_texts)
        plan.knownTexts.insert(entry.first);
    plan.knownTexts.insert(m_ownStatements.begin(), m_ownStatements.end());
    plan.logsTable = m_config.logsTable.toStdString();
    plan.qualityTable = m_config.qualityTable.toStdString();
    ++m_polls;
    QPointer<DatabaseMonitor> self(this);
    PgJob job;
    job.run = [self, plan](pqxx::connection &connection) {
        deliverToOwner(self, [result = pg::poll(connection, plan)](DatabaseMonitor *m) mutable { m->acceptPoll(std::move(result)); });
    };
    job.onError = [self](const QString &error) {
        deliverToOwner(self, [error](DatabaseMonitor *m) { m->acceptError(error); });
    };
    m_worker->submit(std::move(job));
}

void DatabaseMonitor::acceptPoll(PgPollResult result)
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_inFlight = false;
    DatabaseSnapshot &s = m_snapshot;
    const qint64 previousBytes = s.server.databaseBytes;
    if (s.hasData() && !s.restored)
        s.rates = pg::ratesBetween(s.server, result.server);
    else
        s.rates.reset();  // a restored sample is hours old: no rate spans the gap
    s.restored = false;
    s.server = result.server;
    if (s.server.databaseBytes == 0)
        s.server.databaseBytes = previousBytes;  // read with the tables, less often
    s.sessions = std::move(result.sessions);
    s.replicas = std::move(result.replicas);
    s.replicationSlots = std::move(result.replicationSlots);
    if (result.tables) {
        s.tables = std::move(*result.tables);
        s.tablesAtMs = QDateTime::currentMSecsSinceEpoch();
    }
    if (result.errorLogs)
        s.errorLogs = std::move(*result.errorLogs);
    if (result.qualityChecks)
        s.qualityChecks = std::move(*result.qualityChecks);
    if (result.statementsState != PgStatementsState::Unknown) {
        s.statementsState = result.statementsState;
        s.statementsMessage = result.statementsMessage;
    }
    for (auto &[key, text] : result.statementTexts) {
        if (text.startsWith(QLatin1String(pg::ownQueryMarker.data(), qsizetype(pg::ownQueryMarker.size()))))
            m_ownStatements.insert(key);
        else
            m_texts[key] = std::move(text);
    }
    if (result.statements) {
        // The console's own statements are the observer, not the observed.
        for (const PgStatementKey &key : m_ownStatements)
            result.statements->entries.erase(key);
        m_statements.add(std::move(*result.statements));
    }
    for (auto &[key, owner] : result.statementOwners)
        m_owners[key] = std::move(owner);
    s.warnings = result.warnings;
    s.error.clear();
    s.retryAtMs = 0;
    s.attemptedAtMs = s.lastGoodAtMs = QDateTime::currentMSecsSinceEpoch();

    DatabaseTrendPoint point;
    point.atMs = s.server.serverTimeMs;
    point.rates = s.rates;
    point.activity = pg::summarizeActivity(s.sessions, s.server.serverTimeMs);
    m_trend.push_back(point);
    while (!m_trend.empty() && m_trend.front().atMs < point.atMs - trendKeepMs)
        m_trend.pop_front();
    Q_EMIT updated();
}

void DatabaseMonitor::restore(const DatabaseSnapshot &snapshot)
{
    if (m_snapshot.hasData() || m_snapshot.attemptedAtMs > 0)
        return;  // the live poll has spoken
    m_snapshot = snapshot;
    m_snapshot.database = m_config.name;
    m_snapshot.restored = true;
    m_snapshot.error.clear();
    Q_EMIT updated();
}

void DatabaseMonitor::acceptError(const QString &error)
{
    m_inFlight = false;
    m_snapshot.error = error;
    m_snapshot.attemptedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_snapshot.retryAtMs = m_worker->retryAtMs();
    // The next rate must not span the outage as if it were one interval.
    m_snapshot.rates.reset();
    Q_EMIT updated();
}

QString DatabaseMonitor::statementText(const PgStatementKey &key) const
{
    const auto it = m_texts.find(key);
    return it == m_texts.end() ? QString() : it->second;
}

std::pair<QString, QString> DatabaseMonitor::statementOwner(const PgStatementKey &key) const
{
    const auto it = m_owners.find(key);
    return it == m_owners.end() ? std::pair<QString, QString>() : it->second;
}

} // namespace opsdeck
