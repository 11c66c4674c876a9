#include "metrics/promql_functions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace opsdeck::promql {

std::optional<double> extrapolatedDelta(std::span<const SamplePoint> samples, std::int64_t rangeStartMs,
                                        std::int64_t rangeEndMs, bool isCounter, bool isRate)
{
    if (samples.size() < 2)
        return std::nullopt;
    const SamplePoint &first = samples.front();
    const SamplePoint &last = samples.back();

    double result = last.value - first.value;
    if (isCounter) {
        double previous = first.value;
        for (const SamplePoint &p : samples.subspan(1)) {
            if (p.value < previous)
                result += previous;  // a reset: the counter restarted from zero
            previous = p.value;
        }
    }

    double durationToStart = double(first.timestampMs - rangeStartMs) / 1000.0;
    double durationToEnd = double(rangeEndMs - last.timestampMs) / 1000.0;
    const double sampledInterval = double(last.timestampMs - first.timestampMs) / 1000.0;
    const double averageBetweenSamples = sampledInterval / double(samples.size() - 1);

    if (isCounter && result > 0 && first.value >= 0) {
        // A counter does not go below zero: do not extrapolate past the time it was zero.
        const double durationToZero = sampledInterval * (first.value / result);
        if (durationToZero < durationToStart)
            durationToStart = durationToZero;
    }

    // Extrapolate to a window edge when the gap to it is close to the usual
    // spacing; otherwise assume the series starts or ends half a step away.
    const double threshold = averageBetweenSamples * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;

    result *= extrapolateTo / sampledInterval;
    if (isRate)
        result /= double(rangeEndMs - rangeStartMs) / 1000.0;
    return result;
}

double bucketQuantile(double q, std::vector<Bucket> buckets)
{
    if (std::isnan(q))
        return std::numeric_limits<double>::quiet_NaN();
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    std::sort(buckets.begin(), buckets.end(), [](const Bucket &a, const Bucket &b) { return a.upperBound < b.upperBound; });
    if (buckets.empty() || !std::isinf(buckets.back().upperBound) || buckets.back().upperBound < 0)
        return std::numeric_limits<double>::quiet_NaN();

    // Buckets with the same bound (from different series) add up.
    std::vector<Bucket> merged;
    for (const Bucket &b : buckets) {
        if (!merged.empty() && merged.back().upperBound == b.upperBound)
            merged.back().count += b.count;
        else
            merged.push_back(b);
    }
    // Cumulative counts never decrease; a scrape that raced an update can make them.
    double maximum = -std::numeric_limits<double>::infinity();
    for (Bucket &b : merged) {
        if (b.count > maximum)
            maximum = b.count;
        else
            b.count = maximum;
    }
    if (merged.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();
    const double observations = merged.back().count;
    if (observations == 0)
        return std::numeric_limits<double>::quiet_NaN();

    double rank = q * observations;
    const auto it = std::lower_bound(merged.begin(), merged.end(), rank,
                                     [](const Bucket &b, double r) { return b.count < r; });
    const std::size_t b = std::size_t(it - merged.begin());
    if (b == merged.size() - 1)
        return merged[merged.size() - 2].upperBound;
    if (b == 0 && merged[0].upperBound <= 0)
        return merged[0].upperBound;

    double bucketStart = 0;
    const double bucketEnd = merged[b].upperBound;
    double count = merged[b].count;
    if (b > 0) {
        bucketStart = merged[b - 1].upperBound;
        count -= merged[b - 1].count;
        rank -= merged[b - 1].count;
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

} // namespace opsdeck::promql
