#pragma once

// The lexical pieces the Prometheus text and OpenMetrics parsers share: names,
// quoted strings with their escapes, label sets, numbers. Internal to core.

#include "metrics/exposition.h"

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace opsdeck::lexing {

inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// A position in one line.
struct Cursor {
    std::string_view line;
    std::size_t pos = 0;

    bool atEnd() const { return pos >= line.size(); }
    char peek() const { return line[pos]; }
    void skipBlanks()
    {
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
    }
    // The text up to the next blank (or the end), consumed.
    std::string_view word()
    {
        const std::size_t start = pos;
        while (pos < line.size() && !isBlank(line[pos]))
            ++pos;
        return line.substr(start, pos - start);
    }
};

// Where a parser is (its line) and the first error it found.
struct Position {
    int line = 0;
    ParseError error;

    bool fail(std::size_t column, std::string message)
    {
        error.line = line;
        error.column = int(column) + 1;
        error.message = std::move(message);
        return false;
    }
};

// Unescaped strings live here while a line's sample is handed on; the
// references stay valid until reset().
class Scratch
{
public:
    std::string &next()
    {
        if (m_used == m_buffers.size())
            m_buffers.emplace_back();
        std::string &s = m_buffers[m_used++];
        s.clear();
        return s;
    }
    void reset() { m_used = 0; }

private:
    std::deque<std::string> m_buffers;
    std::size_t m_used = 0;
};

bool isValidUtf8(std::string_view text);

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool readBareName(Cursor &c, std::string_view *name);
// A bare name, or a quoted UTF-8 name ("my.metric"), for HELP, TYPE and UNIT lines.
bool readMetricName(Cursor &c, std::string *name, std::string *error);
// A double-quoted string at the cursor with the escapes \\ \" \n; must be valid UTF-8.
// keepUnknownEscapes: OpenMetrics keeps any other backslash as it is; the text format rejects it.
bool readQuoted(Cursor &c, Scratch &scratch, std::string_view *out, std::string *error,
                bool keepUnknownEscapes = false);
// A label set at '{' up to and including '}'. A quoted string standing alone is
// the metric name (the newer format's {"my.metric", ...}); it is only accepted
// when metricName is given and still empty.
bool readLabels(Cursor &c, std::vector<LabelView> &labels, Scratch &scratch, std::size_t maxLabels,
                std::string_view *metricName, std::string *error);

// OpenMetrics' stricter label set: no blanks, no trailing comma, no quoted names.
bool readStrictLabels(Cursor &c, std::vector<LabelView> &labels, Scratch &scratch, std::size_t maxLabels,
                      std::string *error);

// A decimal float, or NaN / Inf / +Inf / -Inf (any case, as Go's ParseFloat);
// no hex, no underscores, nothing left over.
bool parseValue(std::string_view text, double *value);
// Whole milliseconds (text format).
bool parseTimestampMs(std::string_view text, std::int64_t *ms);
// HELP text: the escapes \\ and \n (and \" as expfmt reads it); other backslashes stay.
bool unescapeHelp(std::string_view text, std::string *out, std::string *error);

} // namespace opsdeck::lexing
