#include "metrics/exposition_lexing.h"

#include <cstring>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace opsdeck::lexing {

namespace {

// One table lookup a byte: names are most of a page's bytes.
struct NameTable {
    bool start[256] = {};
    bool rest[256] = {};
    constexpr NameTable()
    {
        for (int c = 0; c < 256; ++c) {
            start[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            rest[c] = start[c] || (c >= '0' && c <= '9');
        }
    }
};
constexpr NameTable nameTable;

bool isNameStart(char c)
{
    return nameTable.start[static_cast<unsigned char>(c)];
}

bool isNameChar(char c)
{
    return nameTable.rest[static_cast<unsigned char>(c)];
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

bool readLabelName(Cursor &c, Scratch &scratch, std::string_view *name, bool *quoted, std::string *error)
{
    *quoted = false;
    if (!c.atEnd() && c.peek() == '"') {
        *quoted = true;
        return readQuoted(c, scratch, name, error);
    }
    const std::size_t start = c.pos;
    if (c.atEnd() || !isNameStart(c.peek()) || c.peek() == ':') {
        *error = "invalid label name";
        return false;
    }
    while (!c.atEnd() && isNameChar(c.peek()) && c.peek() != ':')
        ++c.pos;
    *name = c.line.substr(start, c.pos - start);
    return true;
}

// Adds one label after the checks both label-set grammars share.
bool addLabel(Cursor &c, std::vector<LabelView> &labels, std::size_t maxLabels, std::size_t nameStart,
              std::string_view name, std::string_view value, std::string *error)
{
    for (const LabelView &l : labels) {
        if (l.name == name) {
            c.pos = nameStart;
            *error = "duplicate label name \"" + std::string(name) + "\"";
            return false;
        }
    }
    if (labels.size() >= maxLabels) {
        c.pos = nameStart;
        *error = "more than " + std::to_string(maxLabels) + " labels";
        return false;
    }
    labels.push_back({name, value});
    return true;
}

} // namespace

bool isValidUtf8(std::string_view s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        // ASCII, eight bytes at a time: the common case by far.
        while (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        int extra;
        std::uint32_t cp;
        if ((b & 0xE0) == 0xC0) { extra = 1; cp = b & 0x1F; }
        else if ((b & 0xF0) == 0xE0) { extra = 2; cp = b & 0x0F; }
        else if ((b & 0xF8) == 0xF0) { extra = 3; cp = b & 0x07; }
        else return false;
        if (i + std::size_t(extra) >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            const auto cb = static_cast<unsigned char>(s[i + std::size_t(k)]);
            if ((cb & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cb & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += std::size_t(extra) + 1;
    }
    return true;
}

bool readBareName(Cursor &c, std::string_view *name)
{
    const std::size_t start = c.pos;
    if (c.atEnd() || !isNameStart(c.peek()))
        return false;
    while (!c.atEnd() && isNameChar(c.peek()))
        ++c.pos;
    *name = c.line.substr(start, c.pos - start);
    return true;
}

bool readMetricName(Cursor &c, std::string *name, std::string *error)
{
    if (!c.atEnd() && c.peek() == '"') {
        Scratch scratch;
        std::string_view view;
        if (!readQuoted(c, scratch, &view, error))
            return false;
        *name = std::string(view);
        return true;
    }
    std::string_view view;
    if (!readBareName(c, &view))
        return c.atEnd() || isBlank(c.peek());  // empty: the caller reports "missing"
    *name = std::string(view);
    return true;
}

bool readQuoted(Cursor &c, Scratch &scratch, std::string_view *out, std::string *error, bool keepUnknownEscapes)
{
    // At the opening quote.
    ++c.pos;
    const std::size_t start = c.pos;
    bool escaped = false;
    std::size_t end = start;
    for (; end < c.line.size(); ++end) {
        const char ch = c.line[end];
        if (ch == '\\') {
            escaped = true;
            ++end;  // skip the escaped character
            continue;
        }
        if (ch == '"')
            break;
    }
    if (end >= c.line.size()) {
        c.pos = c.line.size();
        *error = "unterminated quoted string";
        return false;
    }
    const std::string_view raw = c.line.substr(start, end - start);
    if (!escaped) {
        *out = raw;
    } else {
        std::string &buffer = scratch.next();
        buffer.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\') {
                buffer += raw[i];
                continue;
            }
            const char e = raw[++i];
            if (e == '\\') buffer += '\\';
            else if (e == '"') buffer += '"';
            else if (e == 'n') buffer += '\n';
            else if (keepUnknownEscapes) {
                buffer += '\\';
                buffer += e;
            } else {
                c.pos = start + i;
                *error = std::string("invalid escape sequence \\") + e;
                return false;
            }
        }
        *out = buffer;
    }
    if (!isValidUtf8(*out)) {
        c.pos = start;
        *error = "invalid UTF-8 in quoted string";
        return false;
    }
    c.pos = end + 1;
    return true;
}

bool readLabels(Cursor &c, std::vector<LabelView> &labels, Scratch &scratch, std::size_t maxLabels,
                std::string_view *metricName, std::string *error)
{
    ++c.pos;  // '{'
    while (true) {
        c.skipBlanks();
        if (c.atEnd()) {
            *error = "unterminated label set";
            return false;
        }
        if (c.peek() == '}') {
            ++c.pos;
            return true;
        }
        std::string_view name;
        bool quoted;
        const std::size_t nameStart = c.pos;
        if (!readLabelName(c, scratch, &name, &quoted, error))
            return false;
        c.skipBlanks();
        if (quoted && !c.atEnd() && (c.peek() == ',' || c.peek() == '}')) {
            if (!metricName || !metricName->empty()) {
                c.pos = nameStart;
                *error = "a quoted metric name inside the braces, but the metric already has a name";
                return false;
            }
            *metricName = name;
        } else {
            if (c.atEnd() || c.peek() != '=') {
                *error = "expected '=' after the label name";
                return false;
            }
            ++c.pos;
            c.skipBlanks();
            if (c.atEnd() || c.peek() != '"') {
                *error = "expected a quoted label value";
                return false;
            }
            std::string_view value;
            if (!readQuoted(c, scratch, &value, error))
                return false;
            if (name == "__name__") {
                c.pos = nameStart;
                *error = "label name __name__ is reserved";
                return false;
            }
            if (!addLabel(c, labels, maxLabels, nameStart, name, value, error))
                return false;
        }
        c.skipBlanks();
        if (c.atEnd()) {
            *error = "unterminated label set";
            return false;
        }
        if (c.peek() == ',') {
            ++c.pos;
            continue;
        }
        if (c.peek() != '}') {
            *error = std::string("unexpected '") + c.peek() + "' in label set";
            return false;
        }
    }
}

bool readStrictLabels(Cursor &c, std::vector<LabelView> &labels, Scratch &scratch, std::size_t maxLabels,
                      std::string *error)
{
    ++c.pos;  // '{'
    if (!c.atEnd() && c.peek() == '}') {
        ++c.pos;
        return true;
    }
    while (true) {
        const std::size_t nameStart = c.pos;
        if (c.atEnd() || !isNameStart(c.peek()) || c.peek() == ':') {
            *error = "invalid label name";
            return false;
        }
        while (!c.atEnd() && isNameChar(c.peek()) && c.peek() != ':')
            ++c.pos;
        const std::string_view name = c.line.substr(nameStart, c.pos - nameStart);
        if (c.atEnd() || c.peek() != '=') {
            *error = "expected '=' after the label name";
            return false;
        }
        ++c.pos;
        if (c.atEnd() || c.peek() != '"') {
            *error = "expected a quoted label value";
            return false;
        }
        std::string_view value;
        if (!readQuoted(c, scratch, &value, error, true))
            return false;
        if (!addLabel(c, labels, maxLabels, nameStart, name, value, error))
            return false;
        if (c.atEnd()) {
            *error = "unterminated label set";
            return false;
        }
        if (c.peek() == '}') {
            ++c.pos;
            return true;
        }
        if (c.peek() != ',') {
            *error = std::string("unexpected '") + c.peek() + "' in label set";
            return false;
        }
        ++c.pos;
        if (!c.atEnd() && c.peek() == '}') {
            // The OpenMetrics grammar has no trailing comma.
            *error = "trailing comma in label set";
            return false;
        }
    }
}

bool parseValue(std::string_view text, double *value)
{
    if (text.empty())
        return false;
    bool negative = false;
    std::string_view body = text;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (equalsIgnoreCase(body, "inf") || equalsIgnoreCase(body, "infinity")) {
        *value = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (equalsIgnoreCase(body, "nan")) {
        *value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    // Decimal only: digits, one point, an exponent. from_chars would also take "1e", "inf"...
    std::size_t i = 0, digits = 0;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') { ++i; ++digits; }
    if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') { ++i; ++digits; }
    }
    if (digits == 0)
        return false;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            ++i;
        std::size_t expDigits = 0;
        while (i < body.size() && body[i] >= '0' && body[i] <= '9') { ++i; ++expDigits; }
        if (expDigits == 0)
            return false;
    }
    if (i != body.size())
        return false;
    double parsed = 0;
    const auto result = std::from_chars(body.data(), body.data() + body.size(), parsed);
    if (result.ptr != body.data() + body.size()) {
        if (result.ec != std::errc::result_out_of_range)
            return false;
        // Out of range: Go gives ±Inf for huge values and 0 for tiny ones.
        parsed = std::strtod(std::string(body).c_str(), nullptr);
    }
    *value = negative ? -parsed : parsed;
    return true;
}

bool parseTimestampMs(std::string_view text, std::int64_t *ms)
{
    if (text.empty())
        return false;
    std::string_view body = text;
    if (body.front() == '+')
        body.remove_prefix(1);
    if (body.empty() || body.front() == '+')
        return false;
    const auto result = std::from_chars(body.data(), body.data() + body.size(), *ms);
    return result.ec == std::errc() && result.ptr == body.data() + body.size();
}

bool unescapeHelp(std::string_view text, std::string *out, std::string *error)
{
    out->clear();
    if (text.find('\\') == std::string_view::npos) {
        out->assign(text);  // nothing to unescape: most HELP texts
    } else {
        out->reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '\\') {
                *out += text[i];
                continue;
            }
            if (i + 1 == text.size()) {
                *error = "backslash at the end of the HELP text";
                return false;
            }
            // \\ and \n are the escapes; expfmt keeps any other backslash as it is.
            const char e = text[++i];
            if (e == '\\') *out += '\\';
            else if (e == 'n') *out += '\n';
            else if (e == '"') *out += '"';
            else {
                *out += '\\';
                *out += e;
            }
        }
    }
    if (!isValidUtf8(*out)) {
        *error = "invalid UTF-8 in HELP text";
        return false;
    }
    return true;
}

} // namespace opsdeck::lexing
