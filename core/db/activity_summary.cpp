#include "db/activity_summary.h"

namespace opsdeck::pg {

bool isClientBackend(const PgSession &session)
{
    // Before 10 there was no backend_type; from 12 on it is always set.
    return session.backendType == QLatin1String("client backend");
}

ActivitySummary summarizeActivity(const std::vector<PgSession> &sessions, qint64 serverNowMs)
{
    ActivitySummary a;
    for (const PgSession &s : sessions) {
        if (!isClientBackend(s))
            continue;
        ++a.total;
        if (s.waitEventType == QLatin1String("Lock"))
            ++a.waitingOnLock;
        if (s.state == QLatin1String("active"))
            ++a.active;
        else if (s.state == QLatin1String("idle"))
            ++a.idle;
        else if (s.state.startsWith(QLatin1String("idle in transaction")))
            ++a.idleInTransaction;
        if (s.xactStartMs > 0 && serverNowMs - s.xactStartMs > a.longestTransactionMs) {
            a.longestTransactionMs = serverNowMs - s.xactStartMs;
            a.longestTransactionPid = s.pid;
        }
        if (s.state == QLatin1String("active") && s.queryStartMs > 0 && serverNowMs - s.queryStartMs > a.longestQueryMs) {
            a.longestQueryMs = serverNowMs - s.queryStartMs;
            a.longestQueryPid = s.pid;
        }
    }
    return a;
}

} // namespace opsdeck::pg
