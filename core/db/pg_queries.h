#pragma once

// The SQL the Database panel runs, chosen by server_version_num: PostgreSQL
// renamed columns and moved views between 12 and 17 (pg_stat_statements'
// total_time became total_exec_time in 13, pg_stat_statements_info and the
// toplevel column came in 14, checkpoints moved to pg_stat_checkpointer in 17).
// Each text is unit-tested per version; the one of the server at hand is run
// against it by the integration tests.

#include <string>
#include <string_view>

namespace opsdeck::pg {

constexpr int oldestSupportedVersion = 120000;
// The comment every statement of OpsDeck's starts with.
constexpr std::string_view ownQueryMarker = "/* opsdeck */";
constexpr int newestKnownVersion = 170000;  // newer servers get 17's queries

// Empty when the server is supported, else why not, for people.
std::string unsupportedReason(int versionNum);

// One row: the server, and this database's counters (PgServerSample's order).
std::string serverSql(int versionNum);
// Every backend but our own, with what it waits for (PgSession's fields).
// Query texts longer than maxQueryChars come cut, with a flag.
std::string sessionsSql(int versionNum, int maxQueryChars = 65536);
std::string replicasSql(int versionNum);
std::string slotsSql(int versionNum);

// Which schema holds pg_stat_statements in this database (no row: not installed).
std::string statementsSchemaSql();
// This database's counters without their texts (pg_stat_statements(false) does
// not read the text file), from the extension in that schema.
std::string statementsSql(int versionNum, const std::string &quotedSchema);
// The texts, user and database of the entries given as a text array of "userid:dbid:queryid:toplevel" ($1).
std::string statementTextsSql(int versionNum, const std::string &quotedSchema);
// pg_stat_statements_info (14+): stats_reset and deallocations; empty before 14.
std::string statementsInfoSql(int versionNum, const std::string &quotedSchema);

// The largest user tables with sizes, tuples, scans, maintenance and a bloat estimate.
std::string tablesSql(int versionNum, int limit = 200);

std::string databaseSizeSql();

// A monitoring database's tables (docs/database.md), quoted by the caller:
// the newest lines at ERROR or worse, and the latest result of each check.
std::string recentErrorsSql(const std::string &quotedTable, int limit = 200);
std::string latestQualityChecksSql(const std::string &quotedTable);
// A round trip and nothing else: the latency the Health panel shows.
std::string pingSql();

// Cancel or terminate a backend, the pid bound as $1.
std::string cancelSql();
std::string terminateSql();
// The session as it is now, pid bound as $1 (for the confirmation and the audit log).
std::string sessionByPidSql();

} // namespace opsdeck::pg
