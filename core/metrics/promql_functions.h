#pragma once

// PromQL's arithmetic, reimplemented with Prometheus 2.x's semantics so that
// what OpsDeck computes from its own scrapes matches what Prometheus answers:
// rate/increase/delta with counter resets and extrapolation to the window's
// edges, and histogram_quantile's linear interpolation inside a bucket.

#include "metrics/xor_chunk.h"

#include <optional>
#include <span>
#include <vector>

namespace opsdeck::promql {

// The samples of a range selector [endMs - windowMs, endMs], both ends included
// (Prometheus 2.x), already cut to that window by the caller.
// isCounter: counter resets (a drop) count as a restart from zero.
// isRate: per second over the window rather than the window's total.
// Fewer than two samples: no result, as in Prometheus.
std::optional<double> extrapolatedDelta(std::span<const SamplePoint> samples, std::int64_t rangeStartMs,
                                        std::int64_t rangeEndMs, bool isCounter, bool isRate);

inline std::optional<double> rate(std::span<const SamplePoint> s, std::int64_t startMs, std::int64_t endMs)
{
    return extrapolatedDelta(s, startMs, endMs, true, true);
}
inline std::optional<double> increase(std::span<const SamplePoint> s, std::int64_t startMs, std::int64_t endMs)
{
    return extrapolatedDelta(s, startMs, endMs, true, false);
}
inline std::optional<double> delta(std::span<const SamplePoint> s, std::int64_t startMs, std::int64_t endMs)
{
    return extrapolatedDelta(s, startMs, endMs, false, false);
}

struct Bucket {
    double upperBound = 0;  // the le label
    double count = 0;       // cumulative
};

// histogram_quantile(q, ...) over one set of classic buckets: NaN when there is
// no +Inf bucket, fewer than two buckets or no observations; -Inf/+Inf for q
// outside [0, 1]. Counts that decrease with le (scrape races) are made monotonic.
double bucketQuantile(double q, std::vector<Bucket> buckets);

} // namespace opsdeck::promql
