#include "dashboards/dashboard_variables.h"

#include "metrics/label_matcher.h"

#include <QCollator>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace opsdeck {

VariableQuery parseVariableQuery(const QString &text)
{
    static const QRegularExpression labelNames(QStringLiteral("^label_names\\((.*)\\)\\s*$"));
    static const QRegularExpression labelValues(QStringLiteral("^label_values\\((?:(.+),\\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\\)\\s*$"));
    static const QRegularExpression metrics(QStringLiteral("^metrics\\((.+)\\)\\s*$"));
    static const QRegularExpression queryResult(QStringLiteral("^query_result\\((.+)\\)\\s*$"));
    const QString query = text.trimmed();
    VariableQuery q;
    if (query.isEmpty())
        return q;
    if (const auto m = labelNames.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::LabelNames;
        q.match = m.captured(1).trimmed();
    } else if (const auto m = labelValues.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::LabelValues;
        q.match = m.captured(1).trimmed();
        q.label = m.captured(2);
    } else if (const auto m = metrics.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::Metrics;
        q.match = m.captured(1).trimmed();
    } else if (const auto m = queryResult.match(query); m.hasMatch()) {
        q.kind = VariableQuery::Kind::QueryResult;
        q.match = m.captured(1).trimmed();
    } else {
        // Anything else is a series selector whose series are listed (Grafana's metricNameAndLabelsQuery).
        q.kind = VariableQuery::Kind::Series;
        q.match = query;
    }
    return q;
}

QStringList variableValuesFromNames(const VariableQuery &query, const QStringList &names)
{
    if (query.kind != VariableQuery::Kind::Metrics)
        return names;
    // metrics(regex) keeps the names the pattern finds anywhere in them, as Grafana's RegExp.test does.
    const QRegularExpression pattern(query.match);
    if (!pattern.isValid())
        return {};
    QStringList out;
    for (const QString &name : names) {
        if (pattern.match(name).hasMatch())
            out << name;
    }
    return out;
}

QStringList variableValuesFromSeries(const std::vector<std::pair<Labels, std::pair<double, qint64>>> &samples)
{
    QStringList out;
    for (const auto &[labels, sample] : samples)
        out << QStringLiteral("%1 %2 %3").arg(seriesText(labels), QString::number(sample.first, 'g', QLocale::FloatingPointShortest)).arg(sample.second);
    return out;
}

QStringList variableValuesFromSeriesSets(const std::vector<Labels> &sets)
{
    QStringList out;
    for (const Labels &labels : sets)
        out << seriesText(labels);
    return out;
}

QStringList customVariableOptions(const QString &list)
{
    // Split on commas that are not escaped with a backslash.
    QStringList out;
    QString current;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QChar c = list[i];
        if (c == u'\\' && i + 1 < list.size() && list[i + 1] == u',') {
            current += u',';
            ++i;
        } else if (c == u',') {
            out << current;
            current.clear();
        } else {
            current += c;
        }
    }
    out << current;
    QStringList options;
    for (QString option : std::as_const(out)) {
        // "text : value" gives the value.
        const qsizetype colon = option.indexOf(QStringLiteral(" : "));
        if (colon >= 0)
            option = option.mid(colon + 3);
        option = option.trimmed();
        if (!option.isEmpty() && !options.contains(option))
            options << option;
    }
    return options;
}

QStringList filterVariableOptions(const QStringList &options, const QString &regexText, QString *error)
{
    QStringList unique;
    QSet<QString> seen;
    auto keep = [&](const QString &value) {
        if (!seen.contains(value)) {
            seen.insert(value);
            unique << value;
        }
    };
    QString source = regexText.trimmed();
    if (source.isEmpty()) {
        for (const QString &o : options)
            keep(o);
        return unique;
    }
    QRegularExpression::PatternOptions flags;
    // "/pattern/flags" as Grafana writes it; a bare pattern is taken as it is.
    if (source.startsWith(u'/') && source.lastIndexOf(u'/') > 0) {
        const qsizetype end = source.lastIndexOf(u'/');
        const QString modifiers = source.mid(end + 1);
        if (modifiers.contains(u'i'))
            flags |= QRegularExpression::CaseInsensitiveOption;
        if (modifiers.contains(u'm'))
            flags |= QRegularExpression::MultilineOption;
        if (modifiers.contains(u's'))
            flags |= QRegularExpression::DotMatchesEverythingOption;
        source = source.mid(1, end - 1);
    }
    const QRegularExpression pattern(source, flags);
    if (!pattern.isValid()) {
        if (error)
            *error = QStringLiteral("regex %1: %2").arg(regexText, pattern.errorString());
        for (const QString &o : options)
            keep(o);
        return unique;
    }
    const bool named = pattern.namedCaptureGroups().contains(QStringLiteral("value"));
    for (const QString &option : options) {
        const QRegularExpressionMatch m = pattern.match(option);
        if (!m.hasMatch())
            continue;
        QString value = option;
        if (named && m.hasCaptured(QStringLiteral("value")))
            value = m.captured(QStringLiteral("value"));
        else if (pattern.captureCount() >= 1 && m.hasCaptured(1))
            value = m.captured(1);
        if (!value.isEmpty())
            keep(value);
    }
    return unique;
}

QStringList sortVariableOptions(QStringList options, DashboardVariable::Sort sort)
{
    using Sort = DashboardVariable::Sort;
    auto numberIn = [](const QString &s) {
        static const QRegularExpression firstNumber(QStringLiteral("-?\\d+(\\.\\d+)?"));
        const auto m = firstNumber.match(s);
        return m.hasMatch() ? m.captured(0).toDouble() : -std::numeric_limits<double>::infinity();
    };
    switch (sort) {
    case Sort::None:
        break;
    case Sort::AlphaAsc:
    case Sort::AlphaDesc:
        std::sort(options.begin(), options.end());
        if (sort == Sort::AlphaDesc)
            std::reverse(options.begin(), options.end());
        break;
    case Sort::AlphaCiAsc:
    case Sort::AlphaCiDesc:
        std::sort(options.begin(), options.end(), [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
        if (sort == Sort::AlphaCiDesc)
            std::reverse(options.begin(), options.end());
        break;
    case Sort::NumericAsc:
    case Sort::NumericDesc:
        std::stable_sort(options.begin(), options.end(), [&](const QString &a, const QString &b) { return numberIn(a) < numberIn(b); });
        if (sort == Sort::NumericDesc)
            std::reverse(options.begin(), options.end());
        break;
    case Sort::NaturalAsc:
    case Sort::NaturalDesc: {
        QCollator collator;
        collator.setNumericMode(true);
        std::sort(options.begin(), options.end(), [&](const QString &a, const QString &b) { return collator.compare(a, b) < 0; });
        if (sort == Sort::NaturalDesc)
            std::reverse(options.begin(), options.end());
        break;
    }
    }
    return options;
}

QString promqlRegularEscape(const QString &value)
{
    QString out = value;
    out.replace(u'\\', QStringLiteral("\\\\"));
    out.replace(u'\'', QStringLiteral("\\\\'"));
    return out;
}

QString promqlRegexEscape(const QString &value)
{
    // Two backslashes: one for the PromQL string, one for the regex it holds.
    static const QString special = QStringLiteral("$^*{}[]'+?.()|");
    QString out;
    out.reserve(value.size() * 2);
    for (const QChar c : value) {
        if (c == u'\\')
            out += QStringLiteral("\\\\\\\\");
        else if (special.contains(c))
            out += QStringLiteral("\\\\") + c;
        else
            out += c;
    }
    return out;
}

namespace {

enum class Mode { PromQL, Text };

QString formatValue(const DashboardVariable &variable, const VariableValue &value, const QString &format, Mode mode)
{
    const QStringList &values = value.values;
    if (mode == Mode::Text && format.isEmpty())
        return value.all ? QStringLiteral("All") : values.join(QStringLiteral(" + "));
    if (value.all && !variable.allValue.isEmpty() && format.isEmpty())
        return variable.allValue;
    if (format == u"raw" || format == u"text" || format == u"csv")
        return values.join(u',');
    if (format == u"pipe")
        return values.join(u'|');
    if (format == u"doublequote" || format == u"singlequote") {
        const QChar quote = format == u"doublequote" ? u'"' : u'\'';
        QStringList quoted;
        for (const QString &v : values)
            quoted << quote + v + quote;
        return quoted.join(u',');
    }
    if (format == u"regex") {
        // Grafana's regexEscape: the regex metacharacters and the slash, nothing else.
        static const QString special = QStringLiteral("\\^$*+?.()|[]{}/");
        QStringList escaped;
        for (const QString &v : values) {
            QString e;
            for (const QChar c : v)
                e += special.contains(c) ? QString(u'\\') + c : QString(c);
            escaped << e;
        }
        return escaped.size() == 1 ? escaped.first() : u'(' + escaped.join(u'|') + u')';
    }
    // Grafana's Prometheus default: a plain value where only one can be chosen,
    // a regex alternation where several can.
    if (!variable.multi && !variable.includeAll)
        return promqlRegularEscape(values.value(0));
    QStringList escaped;
    for (const QString &v : values)
        escaped << promqlRegexEscape(v);
    return escaped.size() == 1 ? escaped.first() : u'(' + escaped.join(u'|') + u')';
}

// $name, ${name}, ${name:format}, [[name]], [[name:format]]: the name is one
// whole word, so "$node" in "$node:$port" is the variable node, and
// "$node_name" is node_name or nothing, as in Grafana.
const QRegularExpression &referencePattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\$\\{(\\w+)(?::(\\w+))?\\}|\\[\\[(\\w+)(?::(\\w+))?\\]\\]|\\$(\\w+)"));
    return pattern;
}

struct Reference {
    QString name;
    QString format;
};

Reference referenceOf(const QRegularExpressionMatch &m)
{
    if (m.hasCaptured(1))
        return {m.captured(1), m.captured(2)};
    if (m.hasCaptured(3))
        return {m.captured(3), m.captured(4)};
    return {m.captured(5), {}};
}

const DashboardVariable *find(const QList<DashboardVariable> &variables, const QString &name)
{
    for (const DashboardVariable &v : variables) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

QString interpolate(const QString &text, const QList<DashboardVariable> &variables, const VariableValues &values, Mode mode)
{
    if (!text.contains(u'$') && !text.contains(QStringLiteral("[[")))
        return text;
    // One pass over the text, so a value that itself holds "$x" is never replaced again.
    QString out;
    qsizetype last = 0;
    auto it = referencePattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const Reference ref = referenceOf(m);
        const DashboardVariable *variable = find(variables, ref.name);
        if (!variable)
            continue;  // $__rate_interval and other names that are not ours stay as they are
        out += QStringView(text).mid(last, m.capturedStart(0) - last);
        out += formatValue(*variable, values.value(variable->name), ref.format, mode);
        last = m.capturedEnd(0);
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace

QString interpolateVariables(const QString &text, const QList<DashboardVariable> &variables, const VariableValues &values)
{
    return interpolate(text, variables, values, Mode::PromQL);
}

QString interpolateVariablesAsText(const QString &text, const QList<DashboardVariable> &variables, const VariableValues &values)
{
    return interpolate(text, variables, values, Mode::Text);
}

QStringList variablesReferencedBy(const QString &text, const QList<DashboardVariable> &variables)
{
    QStringList out;
    auto it = referencePattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = referenceOf(it.next()).name;
        if (find(variables, name) && !out.contains(name))
            out << name;
    }
    return out;
}

} // namespace opsdeck
