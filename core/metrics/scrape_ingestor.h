#pragma once

// One scrape target's pages into the series store. Each series is found by its
// raw bytes as the page writes it (Prometheus's scrape cache): once a page is
// known, a sample costs a hash lookup and a value parse, and its labels are
// neither parsed nor built again. New series are created on first sight with
// the target's service label. Not thread-safe: one ingest at a time.

#include "common/string_hash.h"
#include "metrics/exposition.h"
#include "metrics/raw_series_cache.h"
#include "metrics/series_store.h"

#include <string>
#include <unordered_map>

namespace opsdeck {

class ScrapeIngestor
{
public:
    ScrapeIngestor(SeriesStore &store, std::string service);
    ~ScrapeIngestor();

    struct Result {
        std::size_t samples = 0;
        std::size_t newSeries = 0;  // not in the cache before this page
        ParseError error;
    };
    Result ingest(ExpositionFormat format, std::string_view page, std::int64_t timestampMs);
    std::size_t cachedSeries() const { return m_cache.size() + m_parsedKeys.size(); }

private:
    class Handler;

    SeriesStore &m_store;
    std::string m_service;
    RawSeriesCache m_cache;  // text pages: series by their raw bytes
    // OpenMetrics pages: series by a key built from the parsed labels.
    std::unordered_map<std::string, SeriesStore::SeriesId, TransparentStringHash, std::equal_to<>> m_parsedKeys;
};

} // namespace opsdeck
