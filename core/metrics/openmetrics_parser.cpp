#include "metrics/openmetrics_parser.h"

#include "metrics/exposition_lexing.h"
#include "metrics/text_exposition_parser.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace opsdeck {

namespace {

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::size_t countRunes(std::string_view s)
{
    std::size_t n = 0;
    for (const char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// The sample-name suffixes each type may use ("" is the bare family name).
const std::vector<std::string_view> &suffixesOf(MetricType type)
{
    static const std::vector<std::string_view> counter{"_total", "_created"};
    static const std::vector<std::string_view> plain{""};
    static const std::vector<std::string_view> histogram{"_bucket", "_count", "_sum", "_created"};
    static const std::vector<std::string_view> gaugeHistogram{"_bucket", "_gcount", "_gsum"};
    static const std::vector<std::string_view> summary{"", "_count", "_sum", "_created"};
    static const std::vector<std::string_view> info{"_info"};
    switch (type) {
    case MetricType::Counter: return counter;
    case MetricType::Histogram: return histogram;
    case MetricType::GaugeHistogram: return gaugeHistogram;
    case MetricType::Summary: return summary;
    case MetricType::Info: return info;
    default: return plain;
    }
}

// One label set of one family ("a group"): what the histogram and ordering rules need.
struct GroupState {
    bool hasBuckets = false;
    bool sawInf = false;
    double lastLe = -INFINITY;
    double lastBucketValue = -INFINITY;
    double infValue = NAN;
    bool hasNegativeBucket = false;
    bool hasCount = false;
    double countValue = NAN;
    bool hasSum = false;
    double sumValue = NAN;
};

struct SeriesState {
    enum class Seen { Never, WithoutTimestamp, WithTimestamp };
    Seen seen = Seen::Never;
    double lastTimestamp = 0;
};

// Keys that live as long as the parse, copied into large blocks: a page of
// 300,000 series then costs a few dozen allocations, not 600,000.
class KeyArena
{
public:
    std::string_view keep(std::string_view key)
    {
        if (m_blocks.empty() || m_used + key.size() > m_blockSize) {
            m_blockSize = std::max<std::size_t>(64 * 1024, key.size());
            m_blocks.push_back(std::make_unique<char[]>(m_blockSize));
            m_used = 0;
        }
        char *at = m_blocks.back().get() + m_used;
        std::copy(key.begin(), key.end(), at);
        m_used += key.size();
        return {at, key.size()};
    }

private:
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockSize = 0;
    std::size_t m_used = 0;
};

struct Family {
    FamilyInfo info;
    bool sampleSeen = false;
    // Keys are views into the parser's arena.
    std::unordered_map<std::string_view, GroupState> groups;  // by labels without le/quantile
    std::string_view currentGroup;
    GroupState *current = nullptr;                             // groups[currentGroup]; nodes do not move
    std::unordered_set<std::string_view> finishedGroups;       // groups that must not come back
    std::unordered_map<std::string_view, SeriesState> series;
};

class OpenMetricsParser
{
public:
    OpenMetricsParser(std::string_view input, ExpositionHandler &handler, const ParseLimits &limits)
        : m_input(input), m_handler(handler), m_limits(limits)
    {
    }

    ParseError run();

private:
    bool parseLine(std::string_view line);
    bool parseMetadata(std::string_view line);
    bool parseSample(std::string_view line);
    Family *familyForSample(std::string_view name, std::string_view *suffix);
    Family *startFamily(std::string_view name, std::size_t column);
    bool finishFamily(Family *family);
    bool checkSample(Family &family, std::string_view suffix, const std::vector<LabelView> &labels, double value,
                     std::size_t column);
    bool checkExemplarAllowed(const Family &family, std::string_view suffix, std::size_t column);
    bool parseSampleTail(lexing::Cursor &c, std::optional<double> *timestampS, std::optional<ExemplarView> *exemplar);

    bool fail(std::size_t column, std::string message) { return m_position.fail(column, std::move(message)); }

    std::string_view m_input;
    ExpositionHandler &m_handler;
    const ParseLimits &m_limits;
    lexing::Position m_position;

    std::unordered_map<std::string, std::unique_ptr<Family>> m_families;
    std::unordered_map<std::string, Family *> m_claimedNames;  // every sample name a family may use
    Family *m_current = nullptr;
    std::vector<LabelView> m_labels;
    std::vector<LabelView> m_exemplarLabels;
    lexing::Scratch m_scratch;
    KeyArena m_keys;
    std::string m_groupKey;   // scratch, reused for every sample
    std::string m_seriesKey;  // likewise
};

ParseError OpenMetricsParser::run()
{
    std::size_t start = 0;
    bool sawEof = false;
    while (start < m_input.size()) {
        ++m_position.line;
        const std::size_t newline = m_input.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? m_input.size() : newline;
        const std::string_view line = m_input.substr(start, end - start);
        if (sawEof) {
            fail(0, "text after # EOF");
            return m_position.error;
        }
        if (line.size() > m_limits.maxLineBytes) {
            fail(m_limits.maxLineBytes, "line longer than " + std::to_string(m_limits.maxLineBytes) + " bytes");
            return m_position.error;
        }
        if (line == "# EOF") {
            sawEof = true;
            if (m_current && !finishFamily(m_current))
                return m_position.error;
            start = end + 1;
            continue;
        }
        if (newline == std::string_view::npos) {
            fail(line.size(), "the exposition does not end with \"# EOF\"");
            return m_position.error;
        }
        if (!parseLine(line))
            return m_position.error;
        start = end + 1;
    }
    if (!sawEof) {
        ++m_position.line;
        fail(0, "missing \"# EOF\" at the end");
    }
    return m_position.error;
}

bool OpenMetricsParser::parseLine(std::string_view line)
{
    // No blanket refusal of NUL: it is valid UTF-8, the reference suite accepts it in
    // HELP texts and label values, and everywhere else the lexers refuse it.
    if (line.empty())
        return fail(0, "blank line");
    if (line[0] == '#')
        return parseMetadata(line);
    return parseSample(line);
}

bool OpenMetricsParser::parseMetadata(std::string_view line)
{
    // "# HELP name text", "# TYPE name type", "# UNIT name unit": single spaces.
    if (line.size() < 2 || line[1] != ' ')
        return fail(1, "a comment line must be \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\"");
    lexing::Cursor c{line, 2};
    const std::size_t keywordStart = c.pos;
    std::string_view keyword;
    while (!c.atEnd() && c.peek() != ' ')
        ++c.pos;
    keyword = line.substr(keywordStart, c.pos - keywordStart);
    if (keyword != "HELP" && keyword != "TYPE" && keyword != "UNIT")
        return fail(keywordStart, "unknown metadata \"" + std::string(keyword) + "\"");
    if (c.atEnd() || c.peek() != ' ')
        return fail(c.pos, "missing metric name after " + std::string(keyword));
    ++c.pos;
    const std::size_t nameStart = c.pos;
    std::string_view name;
    if (!lexing::readBareName(c, &name))
        return fail(nameStart, "invalid metric name");
    if (c.atEnd() || c.peek() != ' ')
        return fail(c.pos, std::string(keyword) + " needs a value after the name");
    ++c.pos;
    const std::string_view rest = line.substr(c.pos);

    Family *family = nullptr;
    if (m_current && m_current->info.name == name) {
        family = m_current;
        if (family->sampleSeen)
            return fail(keywordStart, std::string(keyword) + " after the samples of \"" + std::string(name) + "\"");
    } else {
        family = startFamily(name, nameStart);
        if (!family)
            return false;
    }

    std::string error;
    if (keyword == "HELP") {
        if (family->info.hasHelp)
            return fail(keywordStart, "second HELP for \"" + std::string(name) + "\"");
        std::string text;
        if (!lexing::unescapeHelp(rest, &text, &error))
            return fail(c.pos, error);
        family->info.help = std::move(text);
        family->info.hasHelp = true;
        return true;
    }
    if (keyword == "UNIT") {
        if (!family->info.unit.empty())
            return fail(keywordStart, "second UNIT for \"" + std::string(name) + "\"");
        if (!rest.empty()) {
            std::string_view unit;
            lexing::Cursor u{rest, 0};
            if (!lexing::readBareName(u, &unit) || !u.atEnd())
                return fail(c.pos, "invalid unit");
            if (!endsWith(name, "_" + std::string(unit)))
                return fail(nameStart, "a family with UNIT " + std::string(unit) + " must be named ..._" + std::string(unit));
            if (family->info.type == MetricType::Info || family->info.type == MetricType::StateSet)
                return fail(keywordStart, "info and stateset families have no unit");
            family->info.unit = std::string(unit);
        }
        return true;
    }
    // TYPE
    if (family->info.hasType)
        return fail(keywordStart, "second TYPE for \"" + std::string(name) + "\"");
    static const std::pair<std::string_view, MetricType> types[] = {
        {"counter", MetricType::Counter}, {"gauge", MetricType::Gauge}, {"histogram", MetricType::Histogram},
        {"gaugehistogram", MetricType::GaugeHistogram}, {"summary", MetricType::Summary},
        {"info", MetricType::Info}, {"stateset", MetricType::StateSet}, {"unknown", MetricType::Unknown}};
    const auto it = std::find_if(std::begin(types), std::end(types), [&](const auto &t) { return t.first == rest; });
    if (it == std::end(types))
        return fail(c.pos, "unknown metric type \"" + std::string(rest) + "\"");
    if (!family->info.unit.empty() && (it->second == MetricType::Info || it->second == MetricType::StateSet))
        return fail(keywordStart, "info and stateset families have no unit");
    // The names this type claims must not belong to another family.
    for (std::string_view suffix : suffixesOf(it->second)) {
        const std::string claimed = std::string(name) + std::string(suffix);
        const auto owner = m_claimedNames.find(claimed);
        if (owner != m_claimedNames.end() && owner->second != family)
            return fail(nameStart, "\"" + claimed + "\" clashes with family \"" + owner->second->info.name + "\"");
    }
    m_claimedNames.erase(std::string(name));
    for (std::string_view suffix : suffixesOf(it->second))
        m_claimedNames[std::string(name) + std::string(suffix)] = family;
    family->info.type = it->second;
    family->info.hasType = true;
    return true;
}

Family *OpenMetricsParser::startFamily(std::string_view name, std::size_t column)
{
    if (m_current && !finishFamily(m_current))
        return nullptr;
    const std::string key(name);
    if (m_families.count(key) || m_claimedNames.count(key)) {
        fail(column, "metric family \"" + key + "\" appears again: families must be contiguous");
        return nullptr;
    }
    if (m_families.size() >= m_limits.maxFamilies) {
        fail(column, "more than " + std::to_string(m_limits.maxFamilies) + " metric families");
        return nullptr;
    }
    auto family = std::make_unique<Family>();
    family->info.name = key;
    family->info.type = MetricType::Unknown;
    Family *raw = family.get();
    m_families.emplace(key, std::move(family));
    m_claimedNames[key] = raw;
    m_current = raw;
    return raw;
}

// Rules that can only be checked once a family is complete.
bool OpenMetricsParser::finishFamily(Family *family)
{
    const MetricType type = family->info.type;
    if (type != MetricType::Histogram && type != MetricType::GaugeHistogram)
        return true;
    const bool gauge = type == MetricType::GaugeHistogram;
    for (const auto &[key, g] : family->groups) {
        if ((g.hasCount || g.hasSum) && !g.hasBuckets)
            return fail(0, "histogram \"" + family->info.name + "\" has a count or sum but no buckets");
        if (g.hasBuckets && !g.sawInf)
            return fail(0, "histogram \"" + family->info.name + "\" has no +Inf bucket");
        if (g.hasCount != g.hasSum)
            return fail(0, "\"" + family->info.name + "\" has " + (g.hasCount ? "a count without a sum" : "a sum without a count"));
        if (g.hasCount && g.countValue != g.infValue)
            return fail(0, std::string(gauge ? "_gcount" : "_count") + " of \"" + family->info.name
                               + "\" differs from its +Inf bucket");
        if (g.hasSum && g.hasNegativeBucket && !gauge)
            return fail(0, "histogram \"" + family->info.name + "\" has negative buckets and a _sum");
        if (g.hasSum && !g.hasNegativeBucket && g.sumValue < 0)
            return fail(0, "\"" + family->info.name + "\" has a negative sum without negative buckets");
    }
    return true;
}

Family *OpenMetricsParser::familyForSample(std::string_view name, std::string_view *suffix)
{
    // The current family, if the name is one of its sample names.
    if (m_current) {
        const std::string &base = m_current->info.name;
        if (name.substr(0, std::min(name.size(), base.size())) == base) {
            const std::string_view rest = name.substr(base.size());
            for (std::string_view s : suffixesOf(m_current->info.type)) {
                if (rest == s) {
                    *suffix = s;
                    return m_current;
                }
            }
        }
    }
    *suffix = {};
    return nullptr;
}

bool OpenMetricsParser::checkExemplarAllowed(const Family &family, std::string_view suffix, std::size_t column)
{
    const bool allowed = (family.info.type == MetricType::Counter && suffix == "_total")
        || ((family.info.type == MetricType::Histogram || family.info.type == MetricType::GaugeHistogram)
            && suffix == "_bucket");
    return allowed || fail(column, "exemplars are only allowed on counter _total and histogram _bucket samples");
}

bool OpenMetricsParser::checkSample(Family &family, std::string_view suffix, const std::vector<LabelView> &labels,
                                    double value, std::size_t column)
{
    const MetricType type = family.info.type;
    auto labelValue = [&labels](std::string_view name) -> const std::string_view * {
        for (const LabelView &l : labels) {
            if (l.name == name)
                return &l.value;
        }
        return nullptr;
    };
    // The group: the label set without le and quantile, as text.
    std::string &group = m_groupKey;
    group.clear();
    for (const LabelView &l : labels) {
        if (l.name == "le" || l.name == "quantile")
            continue;
        appendLabelToKey(group, l.name, l.value);
    }
    if (!family.current || group != family.currentGroup) {
        if (family.finishedGroups.count(group))
            return fail(column, "samples of one label set must be together");
        if (family.sampleSeen && family.current)
            family.finishedGroups.insert(family.currentGroup);
        auto it = family.groups.find(group);
        if (it == family.groups.end())
            it = family.groups.emplace(m_keys.keep(group), GroupState{}).first;
        family.currentGroup = it->first;
        family.current = &it->second;
    }
    GroupState &g = *family.current;

    const bool nonNegativeCounter = type == MetricType::Counter || type == MetricType::Histogram
        || (type == MetricType::GaugeHistogram && suffix != "_gsum") || type == MetricType::Summary;
    if (nonNegativeCounter && suffix != "_created" && !(type == MetricType::Summary && suffix == "")) {
        if (std::isnan(value) || value < 0)
            if (!(type == MetricType::GaugeHistogram && suffix == "_bucket" && g.hasNegativeBucket))
                return fail(column, "a " + std::string(metricTypeName(type)) + " value must be a number >= 0");
    }

    switch (type) {
    case MetricType::Histogram:
    case MetricType::GaugeHistogram:
        if (suffix == "_bucket") {
            const std::string_view *le = labelValue("le");
            double bound;
            if (!le || !lexing::parseValue(*le, &bound) || std::isnan(bound))
                return fail(column, "a bucket needs a numeric le label");
            // The reference parser wants the one canonical spelling of the last bound.
            if (std::isinf(bound) && bound > 0 && *le != "+Inf")
                return fail(column, "le=\"" + std::string(*le) + "\": the +Inf bucket's bound is written \"+Inf\"");
            if (g.sawInf || (g.hasBuckets && bound <= g.lastLe))  // a first bucket of -Inf is in order
                return fail(column, "buckets must be in increasing le order, +Inf last");
            if (value < g.lastBucketValue)
                return fail(column, "bucket counts must not decrease");
            if (bound < 0)
                g.hasNegativeBucket = true;
            if (std::isnan(value) || (value < 0 && type == MetricType::Histogram))
                return fail(column, "bucket counts must be numbers >= 0");
            g.hasBuckets = true;
            g.lastLe = bound;
            g.lastBucketValue = value;
            if (std::isinf(bound) && bound > 0) {
                g.sawInf = true;
                g.infValue = value;
            }
        } else if (suffix == "_count" || suffix == "_gcount") {
            if (!g.hasBuckets)
                return fail(column, "a count must follow its buckets");
            g.hasCount = true;
            g.countValue = value;
        } else if (suffix == "_sum" || suffix == "_gsum") {
            if (std::isnan(value))
                return fail(column, "a sum must be a number");
            if (!g.hasBuckets && suffix == "_gsum")
                return fail(column, "a gsum must follow its buckets");
            g.hasSum = true;
            g.sumValue = value;
        }
        break;
    case MetricType::Summary:
        if (suffix.empty()) {
            const std::string_view *q = labelValue("quantile");
            double quantile;
            if (!q || !lexing::parseValue(*q, &quantile) || std::isnan(quantile) || quantile < 0 || quantile > 1)
                return fail(column, "a summary quantile needs a quantile label between 0 and 1");
            if (value < 0)
                return fail(column, "quantile values must not be negative");
        } else if ((suffix == "_count" || suffix == "_sum") && (std::isnan(value) || value < 0)) {
            return fail(column, "a summary's count and sum must be numbers >= 0");
        }
        break;
    case MetricType::Info:
        if (value != 1)
            return fail(column, "an info value must be 1");
        break;
    case MetricType::StateSet:
        if (!labelValue(family.info.name))
            return fail(column, "a stateset sample needs a label named \"" + family.info.name + "\"");
        if (value != 0 && value != 1)
            return fail(column, "a stateset value must be 0 or 1");
        break;
    default:
        break;
    }
    return true;
}

// After the value: " timestamp", " # {labels} value [timestamp]", both, or nothing.
bool OpenMetricsParser::parseSampleTail(lexing::Cursor &c, std::optional<double> *timestampS,
                                        std::optional<ExemplarView> *exemplar)
{
    const std::string_view line = c.line;
    std::string error;
    auto readNumber = [&](double *out) {
        const std::size_t start = c.pos;
        while (!c.atEnd() && c.peek() != ' ')
            ++c.pos;
        return lexing::parseValue(line.substr(start, c.pos - start), out);
    };
    if (c.atEnd())
        return true;
    ++c.pos;  // the space after the value
    if (!c.atEnd() && c.peek() != '#') {
        const std::size_t tsColumn = c.pos;
        double ts;
        if (!readNumber(&ts) || !std::isfinite(ts))
            return fail(tsColumn, "invalid timestamp \"" + std::string(line.substr(tsColumn, c.pos - tsColumn)) + "\"");
        *timestampS = ts;
        if (c.atEnd())
            return true;
        ++c.pos;
    }
    if (c.atEnd() || line.substr(c.pos, 3) != "# {")
        return fail(c.pos, "unexpected text after the sample");
    c.pos += 2;
    const std::size_t labelsColumn = c.pos;
    if (!lexing::readStrictLabels(c, m_exemplarLabels, m_scratch, m_limits.maxLabelsPerSample, &error))
        return fail(c.pos, "exemplar: " + error);
    std::size_t runes = 0;
    for (const LabelView &l : m_exemplarLabels)
        runes += countRunes(l.name) + countRunes(l.value);
    if (runes > 128)
        return fail(labelsColumn, "exemplar labels longer than 128 characters");
    if (c.atEnd() || c.peek() != ' ')
        return fail(c.pos, "exemplar: expected one space before the value");
    ++c.pos;
    ExemplarView e;
    const std::size_t valueColumn = c.pos;
    if (!readNumber(&e.value))
        return fail(valueColumn, "exemplar: invalid value");
    if (!c.atEnd()) {
        ++c.pos;
        const std::size_t tsColumn = c.pos;
        double ts;
        if (!readNumber(&ts) || !std::isfinite(ts))
            return fail(tsColumn, "exemplar: invalid timestamp");
        if (!c.atEnd())
            return fail(c.pos, "unexpected text after the exemplar");
        e.timestamp = ts;
    }
    e.labels = m_exemplarLabels;
    *exemplar = e;
    return true;
}

bool OpenMetricsParser::parseSample(std::string_view line)
{
    lexing::Cursor c{line, 0};
    m_labels.clear();
    m_exemplarLabels.clear();
    m_scratch.reset();
    std::string error;

    std::string_view name;
    if (!lexing::readBareName(c, &name))
        return fail(0, "invalid metric name");
    if (!c.atEnd() && c.peek() == '{' && !lexing::readStrictLabels(c, m_labels, m_scratch, m_limits.maxLabelsPerSample, &error))
        return fail(c.pos, error);
    if (c.atEnd() || c.peek() != ' ')
        return fail(c.pos, "expected one space before the value");
    ++c.pos;
    const std::size_t valueColumn = c.pos;
    while (!c.atEnd() && c.peek() != ' ')
        ++c.pos;
    double value;
    const std::string_view valueText = line.substr(valueColumn, c.pos - valueColumn);
    if (!lexing::parseValue(valueText, &value))
        return fail(valueColumn, "invalid value \"" + std::string(valueText) + "\"");

    std::optional<double> timestampS;
    std::optional<ExemplarView> exemplar;
    if (!parseSampleTail(c, &timestampS, &exemplar))
        return false;

    std::string_view suffix;
    Family *family = familyForSample(name, &suffix);
    if (!family) {
        family = startFamily(name, 0);
        if (!family)
            return false;
        suffix = {};
    }
    if (exemplar && !checkExemplarAllowed(*family, suffix, 0))
        return false;
    if (!checkSample(*family, suffix, m_labels, value, valueColumn))
        return false;

    // Timestamps never go back within a series, and a series has them always or never.
    m_seriesKey.assign(name);
    for (const LabelView &l : m_labels)
        appendLabelToKey(m_seriesKey, l.name, l.value);
    auto found = family->series.find(m_seriesKey);
    if (found == family->series.end())
        found = family->series.emplace(m_keys.keep(m_seriesKey), SeriesState{}).first;
    SeriesState &series = found->second;
    using Seen = SeriesState::Seen;
    if (timestampS) {
        if (series.seen == Seen::WithoutTimestamp)
            return fail(valueColumn, "a series seen without a timestamp cannot get one");
        if (series.seen == Seen::WithTimestamp && *timestampS < series.lastTimestamp)
            return fail(valueColumn, "timestamps must not go back within a series");
        series.seen = Seen::WithTimestamp;
        series.lastTimestamp = *timestampS;
    } else {
        if (series.seen == Seen::WithTimestamp)
            return fail(valueColumn, "a series lost its timestamp");
        if (series.seen == Seen::WithoutTimestamp)
            return fail(valueColumn, "a series repeated without timestamps");
        series.seen = Seen::WithoutTimestamp;
    }

    family->sampleSeen = true;
    ++family->info.sampleCount;
    SampleView sample;
    sample.name = name;
    sample.labels = m_labels;
    sample.value = value;
    if (timestampS)
        sample.timestampMs = std::int64_t(std::llround(*timestampS * 1000.0));
    sample.exemplar = exemplar;
    m_handler.onSample(family->info, sample);
    return true;
}

} // namespace

ParseError parseOpenMetrics(std::string_view input, ExpositionHandler &handler, const ParseLimits &limits)
{
    OpenMetricsParser parser(input, handler, limits);
    return parser.run();
}

ParseError parseExposition(ExpositionFormat format, std::string_view input, ExpositionHandler &handler,
                           const ParseLimits &limits)
{
    return format == ExpositionFormat::OpenMetrics ? parseOpenMetrics(input, handler, limits)
                                                   : parseTextExposition(input, handler, limits);
}

} // namespace opsdeck
