#include "metrics/exposition.h"

#include <unordered_set>

#include <algorithm>
#include <cctype>

namespace opsdeck {

std::string_view metricTypeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Histogram: return "histogram";
    case MetricType::Summary: return "summary";
    case MetricType::GaugeHistogram: return "gaugehistogram";
    case MetricType::Info: return "info";
    case MetricType::StateSet: return "stateset";
    case MetricType::Unknown: return "unknown";
    case MetricType::Untyped: break;
    }
    return "untyped";
}

ExpositionFormat formatFromContentType(std::string_view contentType)
{
    std::string lower(contentType);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return lower.find("application/openmetrics-text") != std::string::npos ? ExpositionFormat::OpenMetrics
                                                                            : ExpositionFormat::Text;
}

std::size_t ParsedExposition::sampleCount() const
{
    std::size_t n = 0;
    for (const ParsedFamily &f : families)
        n += f.samples.size();
    return n;
}

std::size_t ParsedExposition::seriesCount() const
{
    std::unordered_set<std::string> series;
    std::string key;
    for (const ParsedFamily &f : families) {
        for (const ParsedSample &s : f.samples) {
            key = s.name;
            for (const auto &[name, value] : s.labels)
                appendLabelToKey(key, name, value);
            series.insert(key);
        }
    }
    return series.size();
}

void ExpositionCollector::onSample(const FamilyInfo &family, const SampleView &sample)
{
    // The parser keeps one FamilyInfo per family at a stable address for the whole parse.
    auto [it, inserted] = m_index.try_emplace(&family, m_result.families.size());
    if (inserted)
        m_result.families.push_back({family, {}});
    ParsedFamily &target = m_result.families[it->second];
    if (!target.info.hasHelp && family.hasHelp) {  // HELP may follow a family's first samples
        target.info.help = family.help;
        target.info.hasHelp = true;
    }
    target.info.sampleCount = family.sampleCount;
    ParsedSample s;
    s.name = sample.name;
    s.labels.reserve(sample.labels.size());
    for (const LabelView &l : sample.labels)
        s.labels.emplace_back(l.name, l.value);
    s.value = sample.value;
    s.timestampMs = sample.timestampMs;
    target.samples.push_back(std::move(s));
}

ParsedExposition ExpositionCollector::take()
{
    m_index.clear();
    return std::move(m_result);
}

} // namespace opsdeck
