#pragma once

// Types shared by the parsers of the Prometheus text format (0.0.4) and
// OpenMetrics 1.0. Parsers hand samples to an ExpositionHandler as views into
// the input (or into the parser's scratch space for unescaped text), so a
// handler decides what to copy: the CLI builds a tree, a store appends values.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace opsdeck {

enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary, GaugeHistogram, Info, StateSet, Unknown };

std::string_view metricTypeName(MetricType type);

struct LabelView {
    std::string_view name;
    std::string_view value;
};

struct ExemplarView {
    std::span<const LabelView> labels;
    double value = 0;
    std::optional<double> timestamp;  // seconds, as OpenMetrics writes it
};

struct SampleView {
    std::string_view name;  // the sample's own name: http_request_duration_seconds_bucket
    std::span<const LabelView> labels;
    double value = 0;
    std::optional<std::int64_t> timestampMs;
    std::optional<ExemplarView> exemplar;  // OpenMetrics only
    // The series as written, from the metric name to the end of its label set
    // (text format only; empty otherwise): identical bytes, identical series.
    std::string_view rawSeries;
};

struct FamilyInfo {
    std::string name;
    std::string help;
    std::string unit;  // OpenMetrics only
    MetricType type = MetricType::Untyped;
    bool hasHelp = false;
    bool hasType = false;
    std::size_t sampleCount = 0;
};

class ExpositionHandler
{
public:
    virtual ~ExpositionHandler() = default;
    virtual void onSample(const FamilyInfo &family, const SampleView &sample) = 0;

    // Prometheus's scrape cache. A handler that returns true from
    // usesSeriesCache() is offered each text-format sample by its raw series
    // bytes first; when it knows them (it saw them in an earlier scrape) it
    // takes the value and returns true, and the parser neither parses nor
    // validates the labels again. Otherwise the sample goes through onSample.
    // expectedSeries() is the series the handler expects on this line (pages
    // keep their order); when the line starts with exactly those bytes the
    // parser skips even finding the series' end, and says so with expected.
    virtual bool usesSeriesCache() const { return false; }
    // A handler that wants SampleView::rawSeries filled without the cache (text format).
    virtual bool wantsRawSeries() const { return usesSeriesCache(); }
    virtual std::string_view expectedSeries() { return {}; }
    virtual bool onKnownSeries(std::string_view rawSeries, bool expected, double value, std::optional<std::int64_t> timestampMs)
    {
        (void)rawSeries;
        (void)expected;
        (void)value;
        (void)timestampMs;
        return false;
    }
};

struct ParseError {
    int line = 0;    // 1-based; 0 when there is no error
    int column = 0;  // 1-based byte column
    std::string message;
    explicit operator bool() const { return line != 0; }
};

// Bounds that keep hostile input from costing unbounded memory or time.
struct ParseLimits {
    std::size_t maxLineBytes = 1024 * 1024;
    std::size_t maxLabelsPerSample = 256;
    std::size_t maxFamilies = 200000;
};

enum class ExpositionFormat { Text, OpenMetrics };

// What a scraper asks for: OpenMetrics preferred, the text format accepted.
inline constexpr const char *expositionAcceptHeader =
    "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

// Appends one label to a series' identity key. The separators are bytes that
// valid UTF-8 never contains, so two different label sets never share a key.
inline void appendLabelToKey(std::string &key, std::string_view name, std::string_view value)
{
    key += '\xff';
    key.append(name);
    key += '\xfe';
    key.append(value);
}

// text/plain (version=0.0.4) or application/openmetrics-text, from a Content-Type header.
ExpositionFormat formatFromContentType(std::string_view contentType);

// A whole exposition in memory: what `opsdeck-cli metrics parse` and tests use.
struct ParsedSample {
    std::string name;
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
    std::optional<std::int64_t> timestampMs;
};
struct ParsedFamily {
    FamilyInfo info;
    std::vector<ParsedSample> samples;
};
struct ParsedExposition {
    std::vector<ParsedFamily> families;  // in order of first appearance
    std::size_t sampleCount() const;
    std::size_t seriesCount() const;  // distinct name and label sets
};

class ExpositionCollector : public ExpositionHandler
{
public:
    void onSample(const FamilyInfo &family, const SampleView &sample) override;
    ParsedExposition take();

private:
    ParsedExposition m_result;
    std::unordered_map<const FamilyInfo *, std::size_t> m_index;  // the parser's family -> position
};

} // namespace opsdeck
