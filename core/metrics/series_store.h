#pragma once

#include "metrics/xor_chunk.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace opsdeck {

using Labels = std::vector<std::pair<std::string, std::string>>;  // sorted by name, metric name kept apart

// An in-memory time-series store: one series per metric name and label set,
// each a run of XorChunks, old chunks dropped past the retention. Producers
// (the scraper's worker) and readers (models on the GUI thread) may call it
// from any thread; a single mutex guards it, held for microseconds.
class SeriesStore
{
public:
    using SeriesId = std::uint32_t;

    struct Stats {
        std::size_t series = 0;
        std::size_t samples = 0;
        std::size_t chunkBytes = 0;   // compressed sample bytes
        std::size_t totalBytes = 0;   // with labels and bookkeeping, an estimate
    };

    explicit SeriesStore(std::int64_t retentionMs = 6LL * 3600 * 1000);

    void setRetention(std::int64_t retentionMs);
    std::int64_t retention() const;

    // The id of a series, created on first use. Labels need not be sorted.
    SeriesId seriesFor(std::string_view name, Labels labels);
    // Appends one sample; a timestamp not after the series' last is ignored
    // (returns false), as Prometheus ignores out-of-order samples.
    bool append(SeriesId id, std::int64_t timestampMs, double value);
    // Drops chunks that ended before now - retention.
    void evict(std::int64_t nowMs);

    // Every series whose name matches and whose labels satisfy the predicate.
    std::vector<SeriesId> select(std::string_view name,
                                 const std::function<bool(const Labels &)> &predicate = {}) const;
    Labels labels(SeriesId id) const;
    // The metric names of the series carrying label=value, with how many series each has.
    std::vector<std::pair<std::string, std::size_t>> namesWith(std::string_view label, std::string_view value) const;
    std::vector<SamplePoint> read(SeriesId id, std::int64_t fromMs, std::int64_t toMs) const;
    // The newest sample of a series, if any.
    bool last(SeriesId id, SamplePoint *point) const;
    Stats stats() const;

private:
    struct Series {
        std::string name;
        Labels labels;  // without __name__
        std::deque<XorChunk> chunks;
        std::int64_t lastT = INT64_MIN;
    };

    static std::string keyOf(std::string_view name, const Labels &sortedLabels);

    mutable std::mutex m_mutex;
    std::int64_t m_retentionMs;
    std::vector<Series> m_series;
    std::unordered_map<std::string, SeriesId> m_byKey;
    std::unordered_multimap<std::string, SeriesId> m_byName;
};

} // namespace opsdeck
