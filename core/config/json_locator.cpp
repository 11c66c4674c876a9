#include "config/json_locator.h"

#include <algorithm>

namespace opsdeck {

namespace {
// Deeper than any configuration; a hostile file cannot exhaust the stack.
constexpr int maxDepth = 64;
}

JsonLocator::JsonLocator(const QByteArray &text) : m_text(text)
{
    skipSpace();
    if (m_pos < m_text.size())
        scanValue(QString());
}

int JsonLocator::line(const QString &path) const
{
    QString p = path;
    while (true) {
        if (const auto it = m_offsets.constFind(p); it != m_offsets.constEnd())
            return lineAt(*it);
        if (p.isEmpty())
            return 0;
        // One step up: "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
        const qsizetype dot = p.lastIndexOf(u'.');
        const qsizetype bracket = p.endsWith(u']') ? p.lastIndexOf(u'[') : -1;
        p.truncate(std::max<qsizetype>(std::max(dot, bracket), 0));
    }
}

int JsonLocator::lineAt(qsizetype offset) const
{
    return int(std::count(m_text.constBegin(), m_text.constBegin() + std::min(offset, m_text.size()), '\n')) + 1;
}

void JsonLocator::skipSpace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            break;
        ++m_pos;
    }
}

void JsonLocator::scanValue(const QString &path)
{
    m_offsets.insert(path, m_pos);
    if (m_pos >= m_text.size() || m_depth > maxDepth)
        return;
    const char c = m_text.at(m_pos);
    if (c == '{') {
        ++m_depth;
        scanObject(path);
        --m_depth;
    } else if (c == '[') {
        ++m_depth;
        scanArray(path);
        --m_depth;
    } else if (c == '"') {
        scanString();
    } else {
        while (m_pos < m_text.size() && !QByteArrayView(",}] \n\r\t").contains(m_text.at(m_pos)))
            ++m_pos;
    }
}

void JsonLocator::scanObject(const QString &path)
{
    ++m_pos;  // {
    while (true) {
        skipSpace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) != '"') {
            if (m_pos < m_text.size())
                ++m_pos;  // }
            return;
        }
        const qsizetype keyStart = m_pos;
        scanString();
        const QString key = QString::fromUtf8(m_text.mid(keyStart + 1, m_pos - keyStart - 2));
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == ':')
            ++m_pos;
        skipSpace();
        const QString child = path.isEmpty() ? key : path + u'.' + key;
        scanValue(child);
        m_offsets.insert(child, keyStart);  // a key's line is where people look, not its value's
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == ',')
            ++m_pos;
    }
}

void JsonLocator::scanArray(const QString &path)
{
    ++m_pos;  // [
    for (int index = 0;; ++index) {
        skipSpace();
        if (m_pos >= m_text.size() || m_text.at(m_pos) == ']') {
            if (m_pos < m_text.size())
                ++m_pos;
            return;
        }
        const qsizetype before = m_pos;
        scanValue(QStringLiteral("%1[%2]").arg(path).arg(index));
        skipSpace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == ',')
            ++m_pos;
        else if (m_pos == before)
            ++m_pos;  // not JSON; never loop in place
    }
}

void JsonLocator::scanString()
{
    ++m_pos;  // opening quote
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos++);
        if (c == '\\')
            ++m_pos;
        else if (c == '"')
            return;
    }
}

} // namespace opsdeck
