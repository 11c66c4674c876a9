// libFuzzer target: the Prometheus text format parser must never crash, hang or
// read out of bounds, whatever the bytes; an error must name a line it saw.
// And the scrape cache must never change a valid page's samples: parsing the
// same page a second time through the raw-series cache (every series then
// known by its bytes) hands over the same samples of the same series, in the
// same order, as parsing it afresh.
#include "metrics/exposition.h"
#include "metrics/raw_series_cache.h"
#include "metrics/text_exposition_parser.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Seen {
    std::string series;  // name and labels as parsed
    double value;
    std::int64_t timestamp;
    bool operator==(const Seen &o) const
    {
        return series == o.series && timestamp == o.timestamp
            && (std::memcmp(&value, &o.value, sizeof value) == 0 || value == o.value || (std::isnan(value) && std::isnan(o.value)));
    }
};

std::string seriesOf(const opsdeck::SampleView &s)
{
    std::string key(s.name);
    for (const auto &l : s.labels)
        opsdeck::appendLabelToKey(key, l.name, l.value);
    return key;
}

struct Plain : opsdeck::ExpositionHandler {
    std::vector<Seen> seen;
    void onSample(const opsdeck::FamilyInfo &, const opsdeck::SampleView &s) override
    {
        seen.push_back({seriesOf(s), s.value, s.timestampMs.value_or(-1)});
    }
};

struct Cached : opsdeck::ExpositionHandler {
    opsdeck::RawSeriesCache cache;
    std::vector<std::string> byId;
    std::vector<Seen> seen;
    bool usesSeriesCache() const override { return true; }
    std::string_view expectedSeries() override { return cache.expected(); }
    bool onKnownSeries(std::string_view raw, bool expected, double value, std::optional<std::int64_t> ts) override
    {
        const auto id = expected ? std::optional(cache.takeExpected()) : cache.find(raw);
        if (!id)
            return false;
        seen.push_back({byId[*id], value, ts.value_or(-1)});
        return true;
    }
    void onSample(const opsdeck::FamilyInfo &, const opsdeck::SampleView &s) override
    {
        std::string series = seriesOf(s);
        if (!s.rawSeries.empty()) {
            if (const auto id = cache.find(s.rawSeries)) {
                if (byId[*id] != series)  // two spellings known as one series must be one series
                    std::abort();
            } else {
                cache.insert(s.rawSeries, opsdeck::RawSeriesCache::Id(byId.size()));
                byId.push_back(series);
            }
        }
        seen.push_back({std::move(series), s.value, s.timestampMs.value_or(-1)});
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    opsdeck::ParseLimits limits;
    limits.maxLineBytes = 64 * 1024;
    Plain plain;
    const auto error = opsdeck::parseTextExposition(input, plain, limits);
    if (error && (error.line < 1 || error.column < 1))
        std::abort();
    if (error)
        return 0;

    Cached cached;
    for (int scrape = 0; scrape < 2; ++scrape) {
        cached.seen.clear();
        cached.cache.beginScrape();
        const auto again = opsdeck::parseTextExposition(input, cached, limits);
        cached.cache.endScrape(!again);
        if (again || !(cached.seen == plain.seen))
            std::abort();
    }
    return 0;
}
