#include "metrics/text_exposition_parser.h"

#include "common/string_hash.h"
#include "metrics/exposition_lexing.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace opsdeck {

namespace {

using lexing::isBlank;

class TextParser
{
public:
    TextParser(std::string_view input, ExpositionHandler &handler, const ParseLimits &limits)
        : m_input(input), m_handler(handler), m_limits(limits)
    {
    }

    ParseError run();

private:
    bool parseLine(std::string_view line);
    bool parseComment(std::string_view line, std::size_t pos);
    bool parseSample(std::string_view line, std::size_t pos);
    bool takeKnownSeries(std::string_view line, std::size_t pos);
    FamilyInfo *familyFor(std::string_view sampleName);
    FamilyInfo *findFamily(std::string_view name);
    FamilyInfo *createFamily(std::string_view name);
    bool checkSpecialLabels(const FamilyInfo &family, std::string_view sampleName);

    bool fail(std::size_t column, std::string message) { return m_position.fail(column, std::move(message)); }

    std::string_view m_input;
    ExpositionHandler &m_handler;
    const ParseLimits &m_limits;
    lexing::Position m_position;

    std::unordered_map<std::string, std::unique_ptr<FamilyInfo>, TransparentStringHash, std::equal_to<>> m_families;
    std::vector<LabelView> m_labels;
    lexing::Scratch m_scratch;
    const bool m_seriesCache = m_handler.usesSeriesCache();
    const bool m_rawSeries = m_handler.wantsRawSeries();
};

// expfmt reads the type word case-insensitively ("Counter" is a counter) and knows
// gauge histograms by both spellings: "gaugehistogram" (as OpenMetrics writes it)
// and "gauge_histogram" (the protobuf enum's name).
std::optional<MetricType> typeFromWord(std::string_view word)
{
    static const std::pair<std::string_view, MetricType> types[] = {
        {"counter", MetricType::Counter},     {"gauge", MetricType::Gauge},
        {"histogram", MetricType::Histogram}, {"gaugehistogram", MetricType::GaugeHistogram},
        {"gauge_histogram", MetricType::GaugeHistogram}, {"summary", MetricType::Summary},
        {"untyped", MetricType::Untyped},
    };
    for (const auto &[name, type] : types) {
        if (word.size() == name.size()
            && std::equal(word.begin(), word.end(), name.begin(), [](char a, char b) { return (a >= 'A' && a <= 'Z' ? char(a + ('a' - 'A')) : a) == b; }))
            return type;
    }
    return std::nullopt;
}

bool isHistogramLike(MetricType type)
{
    return type == MetricType::Histogram || type == MetricType::GaugeHistogram;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Where the series part of a sample line ends (after the name, or after the
// closing brace of its labels, quotes and escapes respected), or npos when the
// line is not plainly shaped: then the full parser decides.
std::size_t seriesEnd(std::string_view line, std::size_t pos)
{
    std::size_t i = pos;
    const std::size_t n = line.size();
    while (i < n && line[i] != '{' && !isBlank(line[i]))
        ++i;
    if (i == n || line[i] != '{')
        return i == pos ? std::string_view::npos : i;
    for (++i; i < n; ++i) {
        const char ch = line[i];
        if (ch == '}')
            return i + 1;
        if (ch != '"')
            continue;
        for (++i; i < n && line[i] != '"'; ++i) {
            if (line[i] == '\\')
                ++i;
        }
        if (i >= n)
            return std::string_view::npos;
    }
    return std::string_view::npos;
}

ParseError TextParser::run()
{
    std::size_t start = 0;
    while (start < m_input.size()) {
        ++m_position.line;
        const std::size_t newline = m_input.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? m_input.size() : newline;
        const std::string_view line = m_input.substr(start, end - start);
        if (line.size() > m_limits.maxLineBytes) {
            fail(m_limits.maxLineBytes, "line longer than " + std::to_string(m_limits.maxLineBytes) + " bytes");
            return m_position.error;
        }
        if (newline == std::string_view::npos) {
            // The last line must end in a newline; trailing blanks are harmless.
            std::size_t pos = 0;
            while (pos < line.size() && isBlank(line[pos]))
                ++pos;
            if (pos < line.size()) {
                fail(line.size(), "unexpected end of input: the last line does not end with a newline");
                return m_position.error;
            }
            break;
        }
        if (!parseLine(line))
            return m_position.error;
        start = end + 1;
    }
    return m_position.error;
}

bool TextParser::parseLine(std::string_view line)
{
    // A NUL byte is valid UTF-8 and expfmt takes it in HELP texts and label values;
    // anywhere else the lexers refuse it as they refuse any stray byte.
    std::size_t pos = 0;
    while (pos < line.size() && isBlank(line[pos]))
        ++pos;
    if (pos == line.size())
        return true;
    if (line[pos] == '#')
        return parseComment(line, pos + 1);
    return parseSample(line, pos);
}

bool TextParser::parseComment(std::string_view line, std::size_t pos)
{
    lexing::Cursor c{line, pos};
    c.skipBlanks();
    const std::size_t keywordStart = c.pos;
    const std::string_view keyword = c.word();
    const bool help = keyword == "HELP";
    if (!help && keyword != "TYPE")
        return true;  // an ordinary comment
    if (c.pos == keywordStart + keyword.size() && !c.atEnd() && !isBlank(c.peek()))
        return true;
    c.skipBlanks();
    const std::size_t nameColumn = c.pos;
    std::string name;
    std::string error;
    if (!lexing::readMetricName(c, &name, &error))
        return fail(c.pos, error.empty() ? "invalid metric name in " + std::string(keyword) + " line" : error);
    if (!c.atEnd() && !isBlank(c.peek()))
        return fail(c.pos, "invalid character in metric name");
    // "# HELP" or "# HELP name" with nothing after: a comment, as expfmt reads it.
    if (name.empty() || c.atEnd())
        return true;

    FamilyInfo *family = findFamily(name);
    if (!family) {
        if (m_families.size() >= m_limits.maxFamilies)
            return fail(nameColumn, "more than " + std::to_string(m_limits.maxFamilies) + " metric families");
        family = createFamily(name);
    }

    if (help) {
        if (family->hasHelp)
            return fail(keywordStart, "second HELP line for metric \"" + name + "\"");
        // One separating blank, then the docstring to the end of the line.
        if (!c.atEnd())
            ++c.pos;
        std::string text;
        if (!lexing::unescapeHelp(line.substr(c.pos), &text, &error))
            return fail(c.pos, error);
        family->help = std::move(text);
        family->hasHelp = true;
        return true;
    }

    c.skipBlanks();
    const std::size_t typeColumn = c.pos;
    const std::string_view typeWord = c.word();
    c.skipBlanks();
    if (!c.atEnd())
        return fail(c.pos, "unexpected text after the type");
    const std::optional<MetricType> type = typeFromWord(typeWord);
    if (!type)
        return fail(typeColumn, "unknown metric type \"" + std::string(typeWord) + "\"");
    if (family->hasType || family->sampleCount > 0)
        return fail(keywordStart, "second TYPE line for metric \"" + name + "\", or TYPE after its samples");
    family->type = *type;
    family->hasType = true;
    return true;
}

FamilyInfo *TextParser::findFamily(std::string_view name)
{
    auto it = m_families.find(name);
    return it == m_families.end() ? nullptr : it->second.get();
}

FamilyInfo *TextParser::createFamily(std::string_view name)
{
    auto family = std::make_unique<FamilyInfo>();
    family->name = std::string(name);
    FamilyInfo *raw = family.get();
    m_families.emplace(family->name, std::move(family));
    return raw;
}

// The family a sample belongs to, by expfmt's rules: its own name, or the base
// name of a summary (_sum, _count) or histogram (_sum, _count, _bucket).
FamilyInfo *TextParser::familyFor(std::string_view name)
{
    if (FamilyInfo *f = findFamily(name))
        return f;
    for (std::string_view suffix : {std::string_view("_sum"), std::string_view("_count"), std::string_view("_bucket")}) {
        if (!endsWith(name, suffix))
            continue;
        FamilyInfo *base = findFamily(name.substr(0, name.size() - suffix.size()));
        if (!base)
            continue;
        if (isHistogramLike(base->type) || (base->type == MetricType::Summary && suffix != "_bucket"))
            return base;
    }
    if (m_families.size() >= m_limits.maxFamilies)
        return nullptr;
    return createFamily(name);
}

// A sample whose series the handler has seen: only the value and the
// timestamp are read. Anything unusual falls back to the full parser.
bool TextParser::takeKnownSeries(std::string_view line, std::size_t pos)
{
    // The same bytes as the series expected here, followed by a blank, end
    // where the scan would: identical bytes scan identically.
    const std::string_view expected = m_handler.expectedSeries();
    const bool asExpected = !expected.empty() && line.size() - pos > expected.size()
        && std::memcmp(line.data() + pos, expected.data(), expected.size()) == 0 && isBlank(line[pos + expected.size()]);
    const std::size_t end = asExpected ? pos + expected.size() : seriesEnd(line, pos);
    if (end == std::string_view::npos)
        return false;
    lexing::Cursor c{line, end};
    c.skipBlanks();
    if (c.atEnd() || c.pos == end)
        return false;
    double value;
    if (!lexing::parseValue(c.word(), &value))
        return false;
    c.skipBlanks();
    std::optional<std::int64_t> timestamp;
    if (!c.atEnd()) {
        std::int64_t ts;
        if (!lexing::parseTimestampMs(c.word(), &ts))
            return false;
        timestamp = ts;
        c.skipBlanks();
        if (!c.atEnd())
            return false;
    }
    return m_handler.onKnownSeries(line.substr(pos, end - pos), asExpected, value, timestamp);
}

bool TextParser::parseSample(std::string_view line, std::size_t pos)
{
    if (m_seriesCache && takeKnownSeries(line, pos))
        return true;
    lexing::Cursor c{line, pos};
    m_labels.clear();
    m_scratch.reset();
    std::string error;

    std::string_view name;
    const std::size_t nameColumn = c.pos;
    std::size_t nameEnd = nameColumn;
    std::size_t seriesStop = std::string_view::npos;
    if (c.peek() != '{') {
        if (!lexing::readBareName(c, &name))
            return fail(c.pos, "invalid metric name");
        nameEnd = seriesStop = c.pos;
        c.skipBlanks();
    }
    if (!c.atEnd() && c.peek() == '{') {
        const bool adjacent = c.pos == nameEnd;
        if (!lexing::readLabels(c, m_labels, m_scratch, m_limits.maxLabelsPerSample, name.empty() ? &name : nullptr,
                                &error))
            return fail(c.pos, error);
        seriesStop = adjacent ? c.pos : std::string_view::npos;
    }
    if (name.empty())
        return fail(nameColumn, "missing metric name");
    // Only a series whose extent the cache's quick scan finds the same way may
    // be known by its bytes (not `name {a="b"}`, with a blank before the brace).
    std::string_view rawSeries;
    // (A handler that only counts series takes the extent the full parse found.)
    if (m_rawSeries && seriesStop != std::string_view::npos && (!m_seriesCache || seriesEnd(line, nameColumn) == seriesStop))
        rawSeries = line.substr(nameColumn, seriesStop - nameColumn);

    c.skipBlanks();
    if (c.atEnd())
        return fail(c.pos, "missing value");
    const std::size_t valueColumn = c.pos;
    double value;
    if (!lexing::parseValue(c.word(), &value))
        return fail(valueColumn, "invalid value \"" + std::string(line.substr(valueColumn, c.pos - valueColumn)) + "\"");
    c.skipBlanks();
    std::optional<std::int64_t> timestamp;
    if (!c.atEnd()) {
        const std::size_t tsColumn = c.pos;
        std::int64_t ts;
        if (!lexing::parseTimestampMs(c.word(), &ts))
            return fail(tsColumn, "invalid timestamp \"" + std::string(line.substr(tsColumn, c.pos - tsColumn))
                                      + "\" (whole milliseconds)");
        timestamp = ts;
        c.skipBlanks();
        if (!c.atEnd())
            return fail(c.pos, "unexpected text after the timestamp");
    }

    FamilyInfo *family = familyFor(name);
    if (!family)
        return fail(nameColumn, "more than " + std::to_string(m_limits.maxFamilies) + " metric families");
    if (!checkSpecialLabels(*family, name))
        return fail(nameColumn, m_position.error.message);
    // Counts may be fractional (float histograms) but never negative.
    if (isHistogramLike(family->type) && value < 0 && (endsWith(name, "_bucket") || endsWith(name, "_count")))
        return fail(valueColumn, "negative count in " + std::string(metricTypeName(family->type)) + " \"" + family->name + "\"");
    ++family->sampleCount;

    SampleView sample;
    sample.name = name;
    sample.labels = m_labels;
    sample.value = value;
    sample.timestampMs = timestamp;
    sample.rawSeries = rawSeries;
    m_handler.onSample(*family, sample);
    return true;
}

bool TextParser::checkSpecialLabels(const FamilyInfo &family, std::string_view sampleName)
{
    std::string_view required;
    if (isHistogramLike(family.type) && endsWith(sampleName, "_bucket"))
        required = "le";
    else if (family.type == MetricType::Summary && sampleName == family.name)
        required = "quantile";
    if (required.empty())
        return true;
    for (const LabelView &l : m_labels) {
        if (l.name != required)
            continue;
        double bound;
        if (!lexing::parseValue(l.value, &bound)) {
            m_position.error.message = "label " + std::string(required) + "=\"" + std::string(l.value) + "\" is not a number";
            return false;
        }
        return true;
    }
    m_position.error.message = "sample of " + std::string(metricTypeName(family.type)) + " \"" + family.name + "\" lacks the "
        + std::string(required) + " label";
    return false;
}

} // namespace

ParseError parseTextExposition(std::string_view input, ExpositionHandler &handler, const ParseLimits &limits)
{
    TextParser parser(input, handler, limits);
    return parser.run();
}

} // namespace opsdeck
