#include "db/pg_poll.h"

#include "db/pg_compat.h"
#include "db/pg_queries.h"
#include "db/pg_worker.h"

#include <QElapsedTimer>

#include <algorithm>

#include <pqxx/pqxx>

namespace opsdeck::pg {

namespace {

QString text(const pqxx::field &f)
{
    return f.is_null() ? QString() : QString::fromUtf8(f.c_str());
}

template<typename T>
T value(const pqxx::field &f, T fallback = T())
{
    return f.is_null() ? fallback : f.as<T>();
}

PgServerSample readServer(pqxx::nontransaction &tx, int versionNum)
{
    const pqxx::result r = tx.exec(serverSql(versionNum));
    PgServerSample s;
    if (r.empty())
        throw std::runtime_error("pg_stat_database has no row for this database");
    const pqxx::row row = r[0];
    int i = 0;
    s.serverTimeMs = value<qint64>(row[i++]);
    s.versionNum = value<int>(row[i++]);
    s.version = text(row[i++]);
    s.maxConnections = value<int>(row[i++]);
    s.startedAtMs = value<qint64>(row[i++]);
    s.inRecovery = value<bool>(row[i++]);
    s.readOnly = value<bool>(row[i++]);
    for (qint64 *counter : {&s.commits, &s.rollbacks, &s.blocksRead, &s.blocksHit, &s.tuplesReturned, &s.tuplesFetched,
                            &s.tuplesInserted, &s.tuplesUpdated, &s.tuplesDeleted, &s.deadlocks, &s.tempFiles,
                            &s.tempBytes, &s.statsResetMs})
        *counter = value<qint64>(row[i++]);
    s.walPosition = value<double>(row[i++]);
    s.checkpointsTimed = value<qint64>(row[i++]);
    s.checkpointsRequested = value<qint64>(row[i++]);
    s.frozenXidAge = value<qint64>(row[i++]);
    return s;
}

std::vector<PgSession> readSessions(pqxx::nontransaction &tx, int versionNum, int maxQueryChars)
{
    const pqxx::result r = tx.exec(sessionsSql(versionNum, maxQueryChars));
    std::vector<PgSession> out;
    out.reserve(size_t(r.size()));
    for (const pqxx::row &row : r) {
        PgSession s;
        int i = 0;
        s.pid = value<int>(row[i++]);
        for (QString *field : {&s.database, &s.user, &s.application, &s.client, &s.backendType, &s.state,
                               &s.waitEventType, &s.waitEvent, &s.query})
            *field = text(row[i++]);
        s.queryTruncated = value<bool>(row[i++]);
        s.xminAge = value<qint64>(row[i++]);
        s.queryHidden = s.query == QLatin1String("<insufficient privilege>");
        s.backendStartMs = value<qint64>(row[i++]);
        s.xactStartMs = value<qint64>(row[i++]);
        s.queryStartMs = value<qint64>(row[i++]);
        s.stateChangeMs = value<qint64>(row[i++]);
        s.blockedBy = parsePidList(row[i++].c_str());
        s.lockMode = text(row[i++]);
        s.lockType = text(row[i++]);
        s.lockRelation = text(row[i++]);
        if (PgWorker::isOwnApplication(s.application))
            continue;  // this console's other connections: the observer, not the observed
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<PgReplica> readReplicas(pqxx::nontransaction &tx, int versionNum, const std::vector<PgSession> &sessions)
{
    std::vector<PgReplica> out;
    for (const pqxx::row &row : tx.exec(replicasSql(versionNum))) {
        PgReplica r;
        r.pid = value<int>(row[0]);
        r.state = text(row[1]);
        r.syncState = text(row[2]);
        r.writeLagS = value<double>(row[3], -1);
        r.flushLagS = value<double>(row[4], -1);
        r.replayLagS = value<double>(row[5], -1);
        r.replayBytesBehind = value<double>(row[6]);
        // Its name and address are the WAL sender backend's, read with the sessions.
        const auto sender = std::find_if(sessions.begin(), sessions.end(), [&](const PgSession &s) { return s.pid == r.pid; });
        if (sender != sessions.end()) {
            r.name = sender->application;
            r.client = sender->client.section(u':', 0, -2);
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<PgSlot> readSlots(pqxx::nontransaction &tx, int versionNum)
{
    std::vector<PgSlot> out;
    for (const pqxx::row &row : tx.exec(slotsSql(versionNum))) {
        PgSlot s;
        s.name = text(row[0]);
        s.type = text(row[1]);
        s.active = value<bool>(row[2]);
        s.walStatus = text(row[3]);
        s.retainedBytes = value<double>(row[4]);
        out.push_back(std::move(s));
    }
    return out;
}

PgStatementKey keyOf(const pqxx::row &row)
{
    return {quint32(value<qint64>(row[0])), quint32(value<qint64>(row[1])), value<qint64>(row[2]), value<bool>(row[3])};
}

std::string keyText(const PgStatementKey &k)
{
    return std::to_string(std::get<0>(k)) + ':' + std::to_string(std::get<1>(k)) + ':' + std::to_string(std::get<2>(k))
           + ':' + (std::get<3>(k) ? "true" : "false");
}

void readStatements(pqxx::nontransaction &tx, int versionNum, const PollPlan &plan, PgPollResult &out)
{
    const pqxx::result schema = tx.exec(statementsSchemaSql());
    if (schema.empty()) {
        out.statementsState = PgStatementsState::NotInstalled;
        out.statementsMessage = QStringLiteral(
            "pg_stat_statements is not installed in this database. "
            "Fix: CREATE EXTENSION pg_stat_statements; (and shared_preload_libraries = 'pg_stat_statements', then a restart)");
        return;
    }
    const std::string quotedSchema = tx.quote_name(schema[0][0].c_str());
    PgStatementSample sample;
    sample.serverTimeMs = out.server.serverTimeMs;
    try {
        for (const pqxx::row &row : tx.exec(statementsSql(versionNum, quotedSchema))) {
            PgStatementCounters c;
            c.calls = value<qint64>(row[4]);
            c.totalMs = value<double>(row[5]);
            c.rows = value<qint64>(row[6]);
            c.sharedHit = value<qint64>(row[7]);
            c.sharedRead = value<qint64>(row[8]);
            sample.entries.emplace(keyOf(row), c);
        }
        const std::string infoSql = statementsInfoSql(versionNum, quotedSchema);
        if (!infoSql.empty()) {
            const pqxx::result info = tx.exec(infoSql);
            if (!info.empty()) {
                sample.resetMs = value<qint64>(info[0][0]);
                sample.deallocations = value<qint64>(info[0][1]);
            }
        }
    } catch (const pqxx::sql_error &e) {
        out.statementsState = classifyStatementsError(e.what(), &out.statementsMessage);
        return;
    }
    // Texts only for entries not seen before: reading them reads the whole text file.
    std::string wanted;
    int count = 0;
    for (const auto &entry : sample.entries) {
        if (plan.knownTexts.count(entry.first))
            continue;
        wanted += (wanted.empty() ? "" : ",") + keyText(entry.first);
        if (++count == 2000)
            break;
    }
    if (!wanted.empty()) {
        for (const pqxx::row &row : execParams(tx, statementTextsSql(versionNum, quotedSchema), "{" + wanted + "}")) {
            const PgStatementKey key = keyOf(row);
            out.statementTexts[key] = text(row[4]);
            out.statementOwners[key] = {text(row[5]), text(row[6])};
        }
    }
    out.statementsState = PgStatementsState::Available;
    out.statements = std::move(sample);
}

std::vector<PgTable> readTables(pqxx::nontransaction &tx, int versionNum)
{
    std::vector<PgTable> out;
    for (const pqxx::row &row : tx.exec(tablesSql(versionNum))) {
        PgTable t;
        int i = 0;
        t.schema = text(row[i++]);
        t.name = text(row[i++]);
        for (qint64 *field : {&t.totalBytes, &t.tableBytes, &t.indexBytes, &t.toastBytes, &t.liveTuples, &t.deadTuples,
                              &t.bloatBytes, &t.seqScans, &t.indexScans, &t.lastVacuumMs, &t.lastAutovacuumMs,
                              &t.lastAnalyzeMs, &t.lastAutoanalyzeMs})
            *field = value<qint64>(row[i++]);
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<PgLogEntry> readErrorLogs(pqxx::nontransaction &tx, const std::string &table)
{
    std::vector<PgLogEntry> out;
    for (const pqxx::row &row : tx.exec(recentErrorsSql(tx.quote_name(table)))) {
        PgLogEntry e;
        e.id = value<qint64>(row[0]);
        e.atMs = value<qint64>(row[1]);
        e.level = text(row[2]);
        e.service = text(row[3]);
        e.message = text(row[4]);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<PgQualityCheck> readQualityChecks(pqxx::nontransaction &tx, const std::string &table)
{
    std::vector<PgQualityCheck> out;
    for (const pqxx::row &row : tx.exec(latestQualityChecksSql(tx.quote_name(table)))) {
        PgQualityCheck c;
        c.name = text(row[0]);
        c.table = text(row[1]);
        c.passed = value<bool>(row[2]);
        c.atMs = value<qint64>(row[3]);
        c.details = text(row[4]);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

std::vector<int> parsePidList(const std::string &text)
{
    std::vector<int> out;
    int current = 0;
    bool inNumber = false;
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            current = current * 10 + (c - '0');
            inNumber = true;
        } else if (inNumber) {
            out.push_back(current);
            current = 0;
            inNumber = false;
        }
    }
    if (inNumber)
        out.push_back(current);
    return out;
}

PgStatementsState classifyStatementsError(const std::string &message, QString *explanation)
{
    if (message.find("shared_preload_libraries") != std::string::npos) {
        *explanation = QStringLiteral(
            "pg_stat_statements is installed but not loaded. Fix: shared_preload_libraries = 'pg_stat_statements' "
            "in postgresql.conf, then restart the server");
        return PgStatementsState::NotLoaded;
    }
    *explanation = QStringLiteral("pg_stat_statements cannot be read: %1").arg(QString::fromUtf8(message.c_str()).trimmed());
    return PgStatementsState::Failed;
}

PgPollResult poll(pqxx::connection &connection, const PollPlan &plan)
{
    // Autocommit, statement by statement: one part that fails (a view this
    // role may not read) does not abort the others.
    pqxx::nontransaction tx(connection);
    const int versionNum = connection.server_version();
    const std::string unsupported = unsupportedReason(versionNum);
    if (!unsupported.empty())
        throw std::runtime_error(unsupported);

    PgPollResult out;
    QElapsedTimer ping;
    ping.start();
    tx.exec(pingSql());
    const double pingMs = double(ping.nsecsElapsed()) / 1e6;
    out.server = readServer(tx, versionNum);
    out.server.pingMs = pingMs;
    out.sessions = readSessions(tx, versionNum, plan.maxQueryChars);
    for (const PgSession &session : out.sessions)
        out.server.oldestXminAge = std::max(out.server.oldestXminAge, session.xminAge);
    auto part = [&](const char *what, auto &&read) {
        try {
            read();
        } catch (const pqxx::broken_connection &) {
            throw;
        } catch (const std::exception &e) {
            out.warnings << QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(e.what()).trimmed());
        }
    };
    part("replication", [&] { out.replicas = readReplicas(tx, versionNum, out.sessions); });
    part("replication slots", [&] { out.replicationSlots = readSlots(tx, versionNum); });
    if (plan.statements)
        part("pg_stat_statements", [&] { readStatements(tx, versionNum, plan, out); });
    // A monitoring database's own tables, with the statements (their cadence is the same).
    if (plan.statements && !plan.logsTable.empty())
        part("logs", [&] { out.errorLogs = readErrorLogs(tx, plan.logsTable); });
    if (plan.statements && !plan.qualityTable.empty())
        part("data quality checks", [&] { out.qualityChecks = readQualityChecks(tx, plan.qualityTable); });
    if (plan.tables)
        part("tables", [&] {
            out.tables = readTables(tx, versionNum);
            out.server.databaseBytes = value<qint64>(tx.exec(databaseSizeSql())[0][0]);
        });
    return out;
}

} // namespace opsdeck::pg
