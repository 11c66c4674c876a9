#include "common/display_text.h"

namespace opsdeck {

namespace {

constexpr char16_t replacement = 0xFFFD;
constexpr char16_t ellipsis = 0x2026;

} // namespace

QString singleLine(const QString &text, int maxChars)
{
    QString line;
    line.reserve(std::min<int>(int(text.size()), maxChars + 1));
    bool pendingSpace = false;
    for (const QChar c : text) {
        if (line.size() > maxChars)
            break;
        if (c.isSpace()) {
            pendingSpace = !line.isEmpty();
            continue;
        }
        if (pendingSpace)
            line += u' ';
        pendingSpace = false;
        line += c.isPrint() || c.isSurrogate() ? c : QChar(replacement);
    }
    if (line.size() > maxChars) {
        line.truncate(std::max(0, maxChars - 1));
        line += QChar(ellipsis);
    }
    return line;
}

QString multiLine(const QString &text, int maxChars)
{
    QString out;
    out.reserve(std::min<int>(int(text.size()), maxChars + 1));
    for (const QChar c : text) {
        if (out.size() >= maxChars) {
            out += QChar(ellipsis);
            break;
        }
        out += c == u'\n' || c == u'\t' || c.isPrint() || c.isSurrogate() ? c : (c == u'\r' ? QChar() : QChar(replacement));
    }
    out.remove(QChar());
    return out;
}

} // namespace opsdeck
