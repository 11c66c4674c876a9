#include "db/pg_rates.h"

namespace opsdeck::pg {

std::optional<PgRates> ratesBetween(const PgServerSample &before, const PgServerSample &after)
{
    const qint64 intervalMs = after.serverTimeMs - before.serverTimeMs;
    if (intervalMs <= 0 || after.statsResetMs != before.statsResetMs || after.startedAtMs != before.startedAtMs)
        return std::nullopt;
    for (const auto member : {&PgServerSample::commits, &PgServerSample::rollbacks, &PgServerSample::blocksRead,
                              &PgServerSample::blocksHit, &PgServerSample::tuplesReturned, &PgServerSample::tuplesInserted,
                              &PgServerSample::tuplesUpdated, &PgServerSample::tuplesDeleted, &PgServerSample::deadlocks,
                              &PgServerSample::tempBytes}) {
        if (after.*member < before.*member)
            return std::nullopt;
    }
    const double seconds = double(intervalMs) / 1000.0;
    auto perSecond = [&](qint64 PgServerSample::*member) { return double(after.*member - before.*member) / seconds; };
    PgRates r;
    r.intervalMs = intervalMs;
    r.commitsPerS = perSecond(&PgServerSample::commits);
    r.rollbacksPerS = perSecond(&PgServerSample::rollbacks);
    r.tuplesReadPerS = perSecond(&PgServerSample::tuplesReturned);
    r.tuplesWrittenPerS = perSecond(&PgServerSample::tuplesInserted) + perSecond(&PgServerSample::tuplesUpdated)
                          + perSecond(&PgServerSample::tuplesDeleted);
    const qint64 hit = after.blocksHit - before.blocksHit;
    const qint64 read = after.blocksRead - before.blocksRead;
    r.cacheHitRatio = hit + read > 0 ? double(hit) / double(hit + read) : -1;
    r.deadlocks = after.deadlocks - before.deadlocks;
    r.tempBytesPerS = perSecond(&PgServerSample::tempBytes);
    // A standby that restarted replay from an earlier point can step back: no rate then.
    r.walBytesPerS = after.walPosition >= before.walPosition ? (after.walPosition - before.walPosition) / seconds : 0;
    return r;
}

} // namespace opsdeck::pg
