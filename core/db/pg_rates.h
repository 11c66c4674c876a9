#pragma once

// Rates from two samples of cumulative counters, per second over the real
// interval between them as the server's clock measured it (pgAdmin divides by
// its refresh period instead, and is off whenever a poll is late).

#include "db/pg_snapshot.h"

namespace opsdeck::pg {

// Empty when there is nothing to divide: no interval, or the statistics were
// reset in between (a counter went down), which would give negative rates.
std::optional<PgRates> ratesBetween(const PgServerSample &before, const PgServerSample &after);

} // namespace opsdeck::pg
