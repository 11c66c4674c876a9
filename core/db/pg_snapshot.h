#pragma once

// What one poll of a PostgreSQL server reads, as plain values: they are made
// on the database worker and handed to the GUI thread whole. Times are ms
// since the epoch (0: unknown or NULL); ages are derived from them and the
// sample's server time, so a slow poll does not age anything.

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace opsdeck {

// The server and this database's cumulative counters (pg_stat_database),
// sampled at serverTimeMs by the server's own clock.
struct PgServerSample {
    qint64 serverTimeMs = 0;
    double pingMs = 0;        // a SELECT 1 round trip, as the console measured it
    int versionNum = 0;       // server_version_num, e.g. 150008
    QString version;          // server_version, e.g. "15.8 (Debian 15.8-0+deb12u1)"
    int maxConnections = 0;
    qint64 startedAtMs = 0;   // pg_postmaster_start_time()
    bool inRecovery = false;  // a standby
    bool readOnly = false;    // default_transaction_read_only
    qint64 commits = 0, rollbacks = 0;
    qint64 blocksRead = 0, blocksHit = 0;
    qint64 tuplesReturned = 0, tuplesFetched = 0;
    qint64 tuplesInserted = 0, tuplesUpdated = 0, tuplesDeleted = 0;
    qint64 deadlocks = 0, tempFiles = 0, tempBytes = 0;
    qint64 statsResetMs = 0;  // pg_stat_database.stats_reset
    qint64 databaseBytes = 0;
    double walPosition = 0;   // bytes since 0/0: the current LSN (replayed LSN on a standby)
    qint64 checkpointsTimed = 0, checkpointsRequested = 0;
    qint64 oldestXminAge = 0;      // transactions behind, of the oldest backend_xmin (from the sessions)
    qint64 frozenXidAge = 0;       // max(age(datfrozenxid)): how near wraparound
};

// Per-second rates between two samples, over the real interval between them.
struct PgRates {
    qint64 intervalMs = 0;
    double commitsPerS = 0, rollbacksPerS = 0;
    double tuplesReadPerS = 0, tuplesWrittenPerS = 0;
    double cacheHitRatio = -1;  // of the blocks asked for in the interval; -1: none asked
    qint64 deadlocks = 0;       // new in the interval
    double tempBytesPerS = 0;
    double walBytesPerS = 0;
};

struct PgSession {
    int pid = 0;
    QString database, user, application, client, backendType;
    QString state;  // active, idle, idle in transaction, ...; empty for background workers
    QString waitEventType, waitEvent;
    QString query;
    bool queryTruncated = false;
    bool queryHidden = false;  // "<insufficient privilege>": the role may not see it
    qint64 xminAge = 0;        // age(backend_xmin): how far back its snapshot holds vacuum; 0 none
    qint64 backendStartMs = 0, xactStartMs = 0, queryStartMs = 0, stateChangeMs = 0;
    std::vector<int> blockedBy;  // pg_blocking_pids, for sessions waiting on a lock
    QString lockMode, lockType, lockRelation;  // the lock it waits for
};

struct PgReplica {
    int pid = 0;     // the WAL sender's
    QString name;    // application_name
    QString client;  // client address
    QString state, syncState;
    double writeLagS = -1, flushLagS = -1, replayLagS = -1;  // -1: not reported (idle standby)
    double replayBytesBehind = 0;
};

struct PgSlot {
    QString name, type, walStatus;  // walStatus: PostgreSQL 13 and later
    bool active = false;
    double retainedBytes = 0;  // WAL kept for it
};

// One pg_stat_statements entry's cumulative counters.
struct PgStatementCounters {
    qint64 calls = 0;
    double totalMs = 0;
    qint64 rows = 0;
    qint64 sharedHit = 0, sharedRead = 0;

    PgStatementCounters operator-(const PgStatementCounters &o) const
    {
        return {calls - o.calls, totalMs - o.totalMs, rows - o.rows, sharedHit - o.sharedHit, sharedRead - o.sharedRead};
    }
};

// (userid, dbid, queryid, toplevel): what makes an entry one in pg_stat_statements.
using PgStatementKey = std::tuple<quint32, quint32, qint64, bool>;

struct PgStatementSample {
    qint64 serverTimeMs = 0;
    qint64 resetMs = 0;      // pg_stat_statements_info.stats_reset (14+), 0 when unknown
    qint64 deallocations = 0;
    std::map<PgStatementKey, PgStatementCounters> entries;
};

// What the panel can say about pg_stat_statements on this database.
enum class PgStatementsState { Unknown, Available, NotInstalled, NotLoaded, Failed };

struct PgTable {
    QString schema, name;
    qint64 totalBytes = 0, tableBytes = 0, indexBytes = 0, toastBytes = 0;
    qint64 liveTuples = 0, deadTuples = 0;
    qint64 bloatBytes = -1;  // estimated from the rows' widths; -1: no statistics yet
    qint64 seqScans = 0, indexScans = 0;
    qint64 lastVacuumMs = 0, lastAutovacuumMs = 0, lastAnalyzeMs = 0, lastAutoanalyzeMs = 0;
};

// A line of a monitoring database's logs table at level ERROR or worse.
struct PgLogEntry {
    qint64 id = 0;
    qint64 atMs = 0;
    QString level, service, message;
};

// The latest result of one data quality check.
struct PgQualityCheck {
    QString name, table;
    bool passed = false;
    qint64 atMs = 0;
    QString details;
};

// The result of one poll, as the worker read it.
struct PgPollResult {
    PgServerSample server;
    std::vector<PgSession> sessions;
    std::vector<PgReplica> replicas;
    std::vector<PgSlot> replicationSlots;
    // Filled on the polls that read them (statements and tables are read less often).
    std::optional<PgStatementSample> statements;
    std::map<PgStatementKey, QString> statementTexts;  // new entries' texts
    std::map<PgStatementKey, std::pair<QString, QString>> statementOwners;  // user, database
    PgStatementsState statementsState = PgStatementsState::Unknown;
    QString statementsMessage;  // why not, with the fix
    std::optional<std::vector<PgTable>> tables;
    std::optional<std::vector<PgLogEntry>> errorLogs;        // when the plan named a logs table
    std::optional<std::vector<PgQualityCheck>> qualityChecks;  // when it named a quality table
    QStringList warnings;  // a part that failed; the rest is still good
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::PgPollResult)
