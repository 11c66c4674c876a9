#include "db/pg_queries.h"

namespace opsdeck::pg {

namespace {

// A timestamptz as ms since the epoch, 0 for NULL.
std::string ms(const std::string &expression)
{
    return "COALESCE((extract(epoch FROM " + expression + ") * 1000)::bigint, 0)";
}

// The WAL position this server is at: written on a primary, received on a standby.
const char *currentLsn = "(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END)";

// Every statement OpsDeck sends starts with this comment, which pg_stat_statements
// keeps in its text: the console's own queries are told apart and left out of
// "top queries", and the cost of a poll can be measured on them alone.
std::string tagged(const std::string &sql)
{
    return std::string(ownQueryMarker) + ' ' + sql;
}

int effective(int versionNum)
{
    return versionNum > newestKnownVersion + 9999 ? newestKnownVersion : versionNum;
}

} // namespace

std::string unsupportedReason(int versionNum)
{
    if (versionNum < oldestSupportedVersion)
        return "PostgreSQL " + std::to_string(versionNum / 10000) + " is not supported: OpsDeck reads PostgreSQL 12 to 17";
    return {};
}

std::string serverSql(int versionNum)
{
    // 17 moved the checkpoint counters out of pg_stat_bgwriter into pg_stat_checkpointer.
    const std::string checkpoints = effective(versionNum) >= 170000
        ? "(SELECT num_timed AS timed, num_requested AS requested FROM pg_stat_checkpointer)"
        : "(SELECT checkpoints_timed AS timed, checkpoints_req AS requested FROM pg_stat_bgwriter)";
    return tagged("SELECT " + ms("clock_timestamp()") + ", current_setting('server_version_num')::int, "
           "current_setting('server_version'), current_setting('max_connections')::int, "
           + ms("pg_postmaster_start_time()") + ", pg_is_in_recovery(), "
           "current_setting('default_transaction_read_only') = 'on', "
           "d.xact_commit, d.xact_rollback, d.blks_read, d.blks_hit, d.tup_returned, d.tup_fetched, "
           "d.tup_inserted, d.tup_updated, d.tup_deleted, d.deadlocks, d.temp_files, d.temp_bytes, "
           + ms("d.stats_reset") + ", "
           "COALESCE((CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END"
           " - '0/0'::pg_lsn)::float8, 0), "
           "c.timed, c.requested, "
           "(SELECT max(age(datfrozenxid)) FROM pg_database) "
           "FROM pg_stat_database d, " + checkpoints + " c WHERE d.datname = current_database()");
}

std::string sessionsSql(int /*versionNum: the same from 12 to 17*/, int maxQueryChars)
{
    const std::string n = std::to_string(maxQueryChars);
    // The locks waited for, read once (pg_locks is a scan of the lock table).
    return tagged("WITH waiting AS (SELECT DISTINCT ON (pid) pid, mode, locktype, "
           "CASE WHEN relation IS NOT NULL THEN relation::regclass::text END AS rel "
           "FROM pg_locks WHERE NOT granted ORDER BY pid) "
           "SELECT a.pid, COALESCE(a.datname, ''), COALESCE(a.usename, ''), COALESCE(a.application_name, ''), "
           "COALESCE(host(a.client_addr) || ':' || a.client_port, CASE WHEN a.client_port = -1 THEN 'local' ELSE '' END), "
           "COALESCE(a.backend_type, ''), COALESCE(a.state, ''), COALESCE(a.wait_event_type, ''), "
           "COALESCE(a.wait_event, ''), left(COALESCE(a.query, ''), " + n + "), COALESCE(length(a.query) > " + n + ", false), "
           "COALESCE(age(a.backend_xmin), 0), "
           + ms("a.backend_start") + ", " + ms("a.xact_start") + ", " + ms("a.query_start") + ", " + ms("a.state_change") + ", "
           "CASE WHEN a.wait_event_type = 'Lock' THEN array_to_string(pg_blocking_pids(a.pid), ',') ELSE '' END, "
           "COALESCE(w.mode, ''), COALESCE(w.locktype, ''), COALESCE(w.rel, '') "
           "FROM pg_stat_activity a LEFT JOIN waiting w ON w.pid = a.pid "
           "WHERE a.pid <> pg_backend_pid() ORDER BY a.pid");
}

std::string replicasSql(int /*versionNum: the same from 12 to 17*/)
{
    // The WAL senders themselves, not pg_stat_replication: that view reads every
    // backend's activity again, which the sessions query has just read (the
    // caller takes each sender's name and address from there, by pid).
    return tagged(std::string("SELECT w.pid, COALESCE(w.state, ''), COALESCE(w.sync_state, ''), "
                              "COALESCE(extract(epoch FROM w.write_lag)::float8, -1), "
                              "COALESCE(extract(epoch FROM w.flush_lag)::float8, -1), "
                              "COALESCE(extract(epoch FROM w.replay_lag)::float8, -1), "
                              "COALESCE((") + currentLsn + " - w.replay_lsn)::float8, 0) "
                  "FROM pg_stat_get_wal_senders() w ORDER BY w.pid");
}

std::string slotsSql(int versionNum)
{
    // wal_status came in 13.
    const std::string walStatus = effective(versionNum) >= 130000 ? "COALESCE(wal_status, '')" : "''";
    return tagged("SELECT slot_name, slot_type, active, " + walStatus + ", "
           "COALESCE((" + currentLsn + " - restart_lsn)::float8, 0) FROM pg_replication_slots ORDER BY slot_name");
}

std::string statementsSchemaSql()
{
    return tagged("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
           "WHERE e.extname = 'pg_stat_statements'");
}

namespace {

std::string toplevel(int versionNum)
{
    return effective(versionNum) >= 140000 ? "s.toplevel" : "true";
}

std::string totalTime(int versionNum)
{
    // 13 split planning from execution; planning is counted only with track_planning.
    return effective(versionNum) >= 130000 ? "(s.total_plan_time + s.total_exec_time)" : "s.total_time";
}

} // namespace

std::string statementsSql(int versionNum, const std::string &quotedSchema)
{
    return tagged("SELECT s.userid::bigint, s.dbid::bigint, s.queryid, " + toplevel(versionNum) + ", s.calls, "
           + totalTime(versionNum) + "::float8, s.rows, s.shared_blks_hit, s.shared_blks_read "
           "FROM " + quotedSchema + ".pg_stat_statements(false) s WHERE s.queryid IS NOT NULL "
           "AND s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
}

std::string statementTextsSql(int versionNum, const std::string &quotedSchema)
{
    const std::string key = "s.userid::text || ':' || s.dbid::text || ':' || s.queryid::text || ':' || ("
                            + toplevel(versionNum) + ")::text";
    return tagged("SELECT s.userid::bigint, s.dbid::bigint, s.queryid, " + toplevel(versionNum) + ", left(s.query, 8192), "
           "COALESCE(r.rolname, s.userid::text), COALESCE(d.datname, s.dbid::text) "
           "FROM " + quotedSchema + ".pg_stat_statements(true) s "
           "LEFT JOIN pg_roles r ON r.oid = s.userid LEFT JOIN pg_database d ON d.oid = s.dbid "
           "WHERE s.queryid IS NOT NULL AND " + key + " = ANY($1::text[])");
}

std::string statementsInfoSql(int versionNum, const std::string &quotedSchema)
{
    if (effective(versionNum) < 140000)
        return {};
    return tagged("SELECT " + ms("stats_reset") + ", dealloc FROM " + quotedSchema + ".pg_stat_statements_info");
}

std::string tablesSql(int /*versionNum: the same from 12 to 17*/, int limit)
{
    // Bloat, estimated as the check_postgres and pgsql-bloat-estimation queries
    // do, simplified: the pages the live rows need (header 24 bytes, item
    // pointer 4, the columns' average widths) against the pages there are.
    return tagged("SELECT s.schemaname, s.relname, pg_total_relation_size(s.relid), pg_relation_size(s.relid), "
           "pg_indexes_size(s.relid), COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0), "
           "s.n_live_tup, s.n_dead_tup, COALESCE(b.bloat, -1), s.seq_scan, COALESCE(s.idx_scan, 0), "
           + ms("s.last_vacuum") + ", " + ms("s.last_autovacuum") + ", " + ms("s.last_analyze") + ", "
           + ms("s.last_autoanalyze") + " "
           "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
           "LEFT JOIN LATERAL (SELECT CASE WHEN c.reltuples <= 0 OR count(*) = 0 THEN NULL ELSE "
           "GREATEST(pg_relation_size(s.relid) - ceil(c.reltuples * (28 + sum((1 - st.null_frac) * st.avg_width)) "
           "/ (current_setting('block_size')::int - 24)) * current_setting('block_size')::int, 0)::bigint END AS bloat "
           "FROM pg_stats st WHERE st.schemaname = s.schemaname AND st.tablename = s.relname AND NOT st.inherited) b ON true "
           "ORDER BY pg_total_relation_size(s.relid) DESC LIMIT " + std::to_string(limit));
}

std::string databaseSizeSql()
{
    return tagged("SELECT pg_database_size(current_database())");
}

std::string recentErrorsSql(const std::string &quotedTable, int limit)
{
    // Levels as the services write them: Python's CRITICAL, syslog's ALERT and EMERG, PostgreSQL's FATAL and PANIC.
    return tagged("SELECT id, " + ms("timestamp") + ", level, service, left(message, 4096) FROM " + quotedTable
                  + " WHERE upper(level) IN ('ERROR', 'CRITICAL', 'FATAL', 'PANIC', 'ALERT', 'EMERG', 'EMERGENCY') "
                    "ORDER BY timestamp DESC LIMIT " + std::to_string(limit));
}

std::string latestQualityChecksSql(const std::string &quotedTable)
{
    return tagged("SELECT DISTINCT ON (check_name) check_name, table_name, passed, " + ms("timestamp")
                  + ", COALESCE(details, '') FROM " + quotedTable + " ORDER BY check_name, timestamp DESC");
}

std::string pingSql()
{
    return tagged("SELECT 1");
}

std::string cancelSql()
{
    return tagged("SELECT pg_cancel_backend($1::int)");
}

std::string terminateSql()
{
    return tagged("SELECT pg_terminate_backend($1::int)");
}

std::string sessionByPidSql()
{
    return tagged("SELECT pid, COALESCE(usename, ''), COALESCE(application_name, ''), COALESCE(datname, ''), "
           "COALESCE(state, ''), left(COALESCE(query, ''), 4096), " + ms("xact_start") + ", " + ms("query_start") + ", "
           + ms("clock_timestamp()") + " FROM pg_stat_activity WHERE pid = $1::int");
}

} // namespace opsdeck::pg
