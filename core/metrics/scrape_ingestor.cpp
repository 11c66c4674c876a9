#include "metrics/scrape_ingestor.h"

#include "metrics/openmetrics_parser.h"

namespace opsdeck {

class ScrapeIngestor::Handler : public ExpositionHandler
{
public:
    Handler(ScrapeIngestor &owner, std::int64_t timestampMs) : m_owner(owner), m_timestampMs(timestampMs) {}

    bool usesSeriesCache() const override { return true; }
    std::string_view expectedSeries() override { return m_owner.m_cache.expected(); }

    bool onKnownSeries(std::string_view rawSeries, bool expected, double value, std::optional<std::int64_t> timestampMs) override
    {
        std::optional<SeriesStore::SeriesId> id;
        if (expected)
            id = m_owner.m_cache.takeExpected();
        else
            id = m_owner.m_cache.find(rawSeries);
        if (!id)
            return false;
        // A timestamp in the exposition is honoured, as Prometheus does.
        m_owner.m_store.append(*id, timestampMs.value_or(m_timestampMs), value);
        ++result.samples;
        return true;
    }

    void onSample(const FamilyInfo &, const SampleView &sample) override
    {
        SeriesStore::SeriesId id;
        if (!sample.rawSeries.empty()) {
            if (const auto known = m_owner.m_cache.find(sample.rawSeries)) {
                id = *known;  // known, but written so that the quick scan could not take it
            } else {
                id = create(sample);
                m_owner.m_cache.insert(sample.rawSeries, id);
            }
        } else {
            std::string key(sample.name);
            for (const LabelView &l : sample.labels)
                appendLabelToKey(key, l.name, l.value);
            auto it = m_owner.m_parsedKeys.find(key);
            if (it == m_owner.m_parsedKeys.end())
                it = m_owner.m_parsedKeys.emplace(std::move(key), create(sample)).first;
            id = it->second;
        }
        m_owner.m_store.append(id, sample.timestampMs.value_or(m_timestampMs), sample.value);
        ++result.samples;
    }

    Result result;

private:
    SeriesStore::SeriesId create(const SampleView &sample)
    {
        Labels labels;
        labels.reserve(sample.labels.size() + 1);
        for (const LabelView &l : sample.labels) {
            if (l.name != "service")  // the target's label wins, as honor_labels: false does
                labels.emplace_back(std::string(l.name), std::string(l.value));
        }
        labels.emplace_back("service", m_owner.m_service);
        ++result.newSeries;
        return m_owner.m_store.seriesFor(sample.name, std::move(labels));
    }

    ScrapeIngestor &m_owner;
    std::int64_t m_timestampMs;
};

ScrapeIngestor::ScrapeIngestor(SeriesStore &store, std::string service) : m_store(store), m_service(std::move(service)) {}

ScrapeIngestor::~ScrapeIngestor() = default;

ScrapeIngestor::Result ScrapeIngestor::ingest(ExpositionFormat format, std::string_view page, std::int64_t timestampMs)
{
    Handler handler(*this, timestampMs);
    m_cache.beginScrape();
    handler.result.error = parseExposition(format, page, handler);
    m_cache.endScrape(!handler.result.error);
    // OpenMetrics keys are few in practice (OpenMetrics pages are small); bound them anyway.
    if (m_parsedKeys.size() > 4 * handler.result.samples + 4096)
        m_parsedKeys.clear();
    return handler.result;
}

} // namespace opsdeck
