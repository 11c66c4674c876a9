#include "metrics/label_matcher.h"

namespace opsdeck {

bool LabelMatcher::matchesValue(std::string_view v) const
{
    switch (op) {
    case Op::Equal: return v == value;
    case Op::NotEqual: return v != value;
    case Op::Regex: return regex.match(QString::fromUtf8(v.data(), qsizetype(v.size()))).hasMatch();
    case Op::NotRegex: return !regex.match(QString::fromUtf8(v.data(), qsizetype(v.size()))).hasMatch();
    }
    return false;
}

bool LabelMatcher::matches(const Labels &labels) const
{
    for (const auto &[k, v] : labels) {
        if (k == name)
            return matchesValue(v);
    }
    return matchesValue("");
}

std::optional<LabelMatcher> makeMatcher(std::string name, LabelMatcher::Op op, std::string value, QString *error)
{
    LabelMatcher m;
    m.name = std::move(name);
    m.op = op;
    m.value = std::move(value);
    if (op == LabelMatcher::Op::Regex || op == LabelMatcher::Op::NotRegex) {
        m.regex = QRegularExpression(QRegularExpression::anchoredPattern(QString::fromStdString(m.value)));
        if (!m.regex.isValid()) {
            *error = QStringLiteral("invalid regular expression \"%1\": %2")
                         .arg(QString::fromStdString(m.value), m.regex.errorString());
            return std::nullopt;
        }
        m.regex.optimize();
    }
    return m;
}

MatcherParse parseMatchers(const QString &input)
{
    MatcherParse result;
    QString text = input.trimmed();
    if (text.startsWith(u'{') && text.endsWith(u'}'))
        text = text.mid(1, text.size() - 2);
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto fail = [&](const QString &why) {
        result.matchers.clear();
        result.error = QStringLiteral("column %1: %2").arg(i + 1).arg(why);
        return result;
    };
    auto skipSpace = [&] {
        while (i < n && text[i].isSpace())
            ++i;
    };
    while (true) {
        skipSpace();
        if (i >= n)
            break;
        const qsizetype start = i;
        while (i < n && (text[i].isLetterOrNumber() || text[i] == u'_'))
            ++i;
        if (i == start || text[start].isDigit())
            return fail(QStringLiteral("expected a label name"));
        const std::string name = text.mid(start, i - start).toStdString();
        skipSpace();
        LabelMatcher::Op op;
        if (text.mid(i, 2) == u"=~") { op = LabelMatcher::Op::Regex; i += 2; }
        else if (text.mid(i, 2) == u"!~") { op = LabelMatcher::Op::NotRegex; i += 2; }
        else if (text.mid(i, 2) == u"!=") { op = LabelMatcher::Op::NotEqual; i += 2; }
        else if (i < n && text[i] == u'=') { op = LabelMatcher::Op::Equal; ++i; }
        else return fail(QStringLiteral("expected =, !=, =~ or !~ after \"%1\"").arg(QString::fromStdString(name)));
        skipSpace();
        QString value;
        if (i < n && (text[i] == u'"' || text[i] == u'\'')) {
            const QChar quote = text[i++];
            bool closed = false;
            while (i < n) {
                const QChar c = text[i++];
                if (c == u'\\' && i < n) {
                    const QChar e = text[i++];
                    value += e == u'n' ? QChar(u'\n') : e;
                } else if (c == quote) {
                    closed = true;
                    break;
                } else {
                    value += c;
                }
            }
            if (!closed)
                return fail(QStringLiteral("unterminated quoted value"));
        } else {
            // Alertmanager also takes unquoted values.
            const qsizetype vs = i;
            while (i < n && text[i] != u',' && !text[i].isSpace())
                ++i;
            value = text.mid(vs, i - vs);
        }
        QString error;
        auto m = makeMatcher(name, op, value.toStdString(), &error);
        if (!m)
            return fail(error);
        result.matchers.push_back(std::move(*m));
        skipSpace();
        if (i < n && text[i] == u',') {
            ++i;
            continue;
        }
        if (i < n)
            return fail(QStringLiteral("expected , between matchers"));
    }
    return result;
}

QString seriesText(const Labels &labels)
{
    QString name;
    QStringList pairs;
    for (const auto &[key, value] : labels) {
        if (key == "__name__")
            name = QString::fromStdString(value);
        else
            pairs << QStringLiteral("%1=\"%2\"").arg(QString::fromStdString(key), QString::fromStdString(value));
    }
    return name + u'{' + pairs.join(u',') + u'}';
}

} // namespace opsdeck
