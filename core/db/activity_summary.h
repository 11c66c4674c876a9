#pragma once

// What the sessions of one poll add up to: client connections by state, who
// waits on a lock, and the oldest transaction and query, by the server's clock.
// Shared by the overview's charts, its figures and `opsdeck-cli db overview`.

#include "db/pg_snapshot.h"

namespace opsdeck::pg {

struct ActivitySummary {
    int total = 0;  // client backends
    int active = 0, idle = 0, idleInTransaction = 0, waitingOnLock = 0;
    int longestTransactionPid = 0;
    qint64 longestTransactionMs = 0;  // 0: no transaction open
    int longestQueryPid = 0;
    qint64 longestQueryMs = 0;        // the active query running longest
};

bool isClientBackend(const PgSession &session);
ActivitySummary summarizeActivity(const std::vector<PgSession> &sessions, qint64 serverNowMs);

} // namespace opsdeck::pg
