#include "alerts/silence_matchers.h"

namespace opsdeck {

std::vector<LabelMatcher> toLabelMatchers(const std::vector<SilenceMatcher> &matchers, QString *error)
{
    std::vector<LabelMatcher> out;
    out.reserve(matchers.size());
    for (const SilenceMatcher &m : matchers) {
        const auto op = m.isRegex ? (m.isEqual ? LabelMatcher::Op::Regex : LabelMatcher::Op::NotRegex)
                                  : (m.isEqual ? LabelMatcher::Op::Equal : LabelMatcher::Op::NotEqual);
        auto made = makeMatcher(m.name, op, m.value, error);
        if (!made)
            return {};
        out.push_back(std::move(*made));
    }
    return out;
}

std::vector<SilenceMatcher> fromLabelMatchers(const std::vector<LabelMatcher> &matchers)
{
    std::vector<SilenceMatcher> out;
    out.reserve(matchers.size());
    for (const LabelMatcher &m : matchers) {
        const bool regex = m.op == LabelMatcher::Op::Regex || m.op == LabelMatcher::Op::NotRegex;
        const bool equal = m.op == LabelMatcher::Op::Equal || m.op == LabelMatcher::Op::Regex;
        out.push_back({m.name, m.value, regex, equal});
    }
    return out;
}

QString formatMatchers(const std::vector<SilenceMatcher> &matchers)
{
    QStringList parts;
    for (const SilenceMatcher &m : matchers) {
        const char *op = m.isRegex ? (m.isEqual ? "=~" : "!~") : (m.isEqual ? "=" : "!=");
        QString value = QString::fromStdString(m.value);
        value.replace(u'\\', QLatin1String("\\\\")).replace(u'"', QLatin1String("\\\"")).replace(u'\n', QLatin1String("\\n"));
        parts << QStringLiteral("%1%2\"%3\"").arg(QString::fromStdString(m.name), QLatin1String(op), value);
    }
    return parts.join(QLatin1String(", "));
}

bool silenceMatches(const std::vector<LabelMatcher> &matchers, const Alert &alert)
{
    if (matchers.empty())
        return false;
    return std::all_of(matchers.begin(), matchers.end(), [&](const LabelMatcher &m) { return m.matches(alert.labels); });
}

} // namespace opsdeck
