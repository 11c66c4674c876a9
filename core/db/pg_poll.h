#pragma once

// One poll of a PostgreSQL server, run on its monitoring connection (the
// database worker's thread): the server sample and sessions always, the
// replication views, and pg_stat_statements and the tables when asked. Each
// part that fails is a warning; the others are still read.

#include "db/pg_snapshot.h"

#include <pqxx/connection>

#include <set>

namespace opsdeck::pg {

struct PollPlan {
    bool statements = false;
    bool tables = false;
    std::set<PgStatementKey> knownTexts;  // entries whose text the caller has already
    std::string logsTable, qualityTable;   // a monitoring database's tables to read (empty: none)
    int maxQueryChars = 65536;
};

// Throws what libpqxx throws when the server sample itself cannot be read
// (the connection is gone, the server refuses): the caller's worker handles it.
PgPollResult poll(pqxx::connection &connection, const PollPlan &plan);

// "12,345" → {12, 345}
std::vector<int> parsePidList(const std::string &text);

// What pg_stat_statements' error means for people, with the one-line fix.
PgStatementsState classifyStatementsError(const std::string &message, QString *explanation);

} // namespace opsdeck::pg
