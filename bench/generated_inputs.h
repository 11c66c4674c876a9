#pragma once

// Inputs the benchmarks generate for themselves, deterministic from a seed.

#include <QByteArray>

#include <cstddef>

namespace opsdeck::bench {

// A Prometheus text page of at least minBytes: histograms and counters with 5
// to 7 labels, escapes in label values, timestamps on some samples, NaN and Inf.
// openMetrics: the same page as valid OpenMetrics (counter samples end in
// _total, timestamps in seconds, NaN and Inf only on gauges, # EOF at the end).
QByteArray generateExposition(std::size_t minBytes, bool openMetrics = false);

// A /api/v1/query_range answer: `series` series of `points` points each.
QByteArray generateQueryRange(int series, int points);

} // namespace opsdeck::bench
