#pragma once

// Watches one configured database: polls it on its monitoring connection
// (every 2 s by default; pg_stat_statements every 5th poll, the tables every
// 15th), turns counters into rates over the real interval, keeps the
// statement history, and keeps the last good data when a poll fails, saying
// why and when it tries again.

#include "db/activity_summary.h"
#include "db/pg_snapshot.h"
#include "db/statement_history.h"
#include "config/config.h"

#include <QObject>

#include <deque>
#include <set>
#include <memory>

class QTimer;

namespace opsdeck {

class PgWorker;

// A point of the overview's small charts.
struct DatabaseTrendPoint {
    qint64 atMs = 0;  // server time
    std::optional<PgRates> rates;  // none across a reset, a restart or an outage
    pg::ActivitySummary activity;
};

struct DatabaseSnapshot {
    QString database;          // the configured name
    qint64 attemptedAtMs = 0;  // local clock: the last poll, good or not
    qint64 lastGoodAtMs = 0;   // local clock: the last poll that worked; 0 never
    QString error;             // of the last poll; empty when it worked
    bool restored = false;     // the data is the last known state of an earlier run, not yet polled
    qint64 retryAtMs = 0;      // local clock: the next connection attempt, after a failure
    bool hasData() const { return lastGoodAtMs > 0; }

    PgServerSample server;
    std::optional<PgRates> rates;
    std::vector<PgSession> sessions;
    std::vector<PgReplica> replicas;
    std::vector<PgSlot> replicationSlots;
    std::vector<PgTable> tables;
    qint64 tablesAtMs = 0;
    PgStatementsState statementsState = PgStatementsState::Unknown;
    QString statementsMessage;
    std::vector<PgLogEntry> errorLogs;          // the profile named a logs table
    std::vector<PgQualityCheck> qualityChecks;  // the profile named a quality table
    QStringList warnings;

    // The newest data is older than twice the interval.
    bool isStale(qint64 nowMs, int intervalMs) const { return !hasData() || nowMs - lastGoodAtMs > 2 * intervalMs; }
};

class DatabaseMonitor : public QObject
{
    Q_OBJECT
public:
    explicit DatabaseMonitor(DatabaseConfig config, int intervalMs = 2000, QObject *parent = nullptr);
    ~DatabaseMonitor() override;  // returns at once, whatever the server does

    const DatabaseConfig &config() const { return m_config; }
    int intervalMs() const { return m_intervalMs; }
    void setIntervalMs(int ms);
    void start();
    // Unless one is in flight. full: pg_stat_statements and the tables too, whatever their turn.
    void pollNow(bool full = false);

    const DatabaseSnapshot &snapshot() const { return m_snapshot; }
    // Shows an earlier run's last known snapshot until the first poll answers
    // (ignored once one has); its age makes it stale. No rate spans the gap.
    void restore(const DatabaseSnapshot &snapshot);
    const pg::StatementHistory &statementHistory() const { return m_statements; }
    QString statementText(const PgStatementKey &key) const;
    // user, database of an entry
    std::pair<QString, QString> statementOwner(const PgStatementKey &key) const;
    const std::deque<DatabaseTrendPoint> &trend() const { return m_trend; }

Q_SIGNALS:
    void updated();  // the snapshot changed (new data or a new error)

private:
    void acceptPoll(PgPollResult result);
    void acceptError(const QString &error);

    DatabaseConfig m_config;
    int m_intervalMs;
    std::unique_ptr<PgWorker> m_worker;
    QTimer *m_timer;
    bool m_inFlight = false;
    quint64 m_polls = 0;
    DatabaseSnapshot m_snapshot;
    pg::StatementHistory m_statements;
    std::map<PgStatementKey, QString> m_texts;
    std::set<PgStatementKey> m_ownStatements;  // OpsDeck's own (ownQueryMarker): left out
    std::map<PgStatementKey, std::pair<QString, QString>> m_owners;
    std::deque<DatabaseTrendPoint> m_trend;
};

} // namespace opsdeck
