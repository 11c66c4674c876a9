#pragma once

// Dashboard variables as Grafana has them ($job, $node, ...): what each one is,
// how its options are found (a Prometheus query, a fixed list), and how the
// selected values are written into a PromQL expression. Pure functions; the
// asking is done by VariableResolver.

#include "metrics/series_store.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace opsdeck {

struct DashboardVariable {
    enum class Kind {
        Query,     // options from Prometheus (label_values, query_result, ...)
        Custom,    // a fixed, comma-separated list
        Constant,  // one hidden value
        Interval,  // a list of durations; "auto" follows the step
        Textbox,   // what the user types
    };
    enum class Sort { None, AlphaAsc, AlphaDesc, NumericAsc, NumericDesc, AlphaCiAsc, AlphaCiDesc, NaturalAsc, NaturalDesc };

    QString name;
    QString label;  // shown beside the picker; the name when empty
    Kind kind = Kind::Query;
    QString query;  // Query: the variable query; Custom/Interval: the list; Constant/Textbox: the value
    QString regex;  // filters the options and, with a capture group, extracts the value
    Sort sort = Sort::None;
    bool multi = false;
    bool includeAll = false;
    QString allValue;     // what "All" stands for when set (used as written, not escaped)
    bool hidden = false;  // Grafana's hide = 2: no picker
    QStringList current;  // the selection saved with the dashboard, if any

    QString displayName() const { return label.isEmpty() ? name : label; }
};

// A variable query as Grafana's Prometheus data source reads it.
struct VariableQuery {
    enum class Kind { LabelNames, LabelValues, Metrics, QueryResult, Series, Invalid };
    Kind kind = Kind::Invalid;
    QString label;  // LabelValues
    QString match;  // LabelValues/LabelNames: the optional series selector; Metrics: the name regex;
                    // QueryResult: the expression; Series: the selector
};
VariableQuery parseVariableQuery(const QString &query);

// Values from an answer to a LabelValues/LabelNames/Metrics query (names) or a
// QueryResult query (series as "name{l="v",...} value timestamp_ms", as Grafana writes them).
QStringList variableValuesFromNames(const VariableQuery &query, const QStringList &names);
QStringList variableValuesFromSeries(const std::vector<std::pair<Labels, std::pair<double, qint64>>> &samples);
QStringList variableValuesFromSeriesSets(const std::vector<Labels> &sets);

// A Custom or Interval list: "a, b, c"; "\," is a comma inside a value; "key : value" keeps the value.
QStringList customVariableOptions(const QString &list);

// Grafana's variable regex ("/pattern/flags"): keeps the options it matches; a
// capture group (or a group named "value") is the value. Duplicates go.
// An invalid pattern gives an error and the options unfiltered.
QStringList filterVariableOptions(const QStringList &options, const QString &regex, QString *error = nullptr);
QStringList sortVariableOptions(QStringList options, DashboardVariable::Sort sort);

// What a variable stands for when a query is written: its selected values, or
// every option when "All" is selected (allValue, when set, instead).
struct VariableValue {
    QStringList values;
    bool all = false;
};
using VariableValues = QHash<QString, VariableValue>;

// Replaces $name, ${name}, ${name:format} and [[name]] of the given variables in
// a PromQL expression, as Grafana's Prometheus data source does: a single value
// of a variable that is neither multi nor "All" is written as it is (quotes and
// backslashes escaped); otherwise the values are regex-escaped and joined as
// (a|b). Formats: raw, regex, pipe, csv, text, doublequote, singlequote.
// A name is a whole word: "$node:$port" is node and port; unknown names stay.
QString interpolateVariables(const QString &text, const QList<DashboardVariable> &variables, const VariableValues &values);
// The same for titles and legends: values joined with " + " as Grafana shows them.
QString interpolateVariablesAsText(const QString &text, const QList<DashboardVariable> &variables, const VariableValues &values);

// The variables a text refers to, by name.
QStringList variablesReferencedBy(const QString &text, const QList<DashboardVariable> &variables);

// Escapes a value for a PromQL string ("a'b" → "a\\'b", "\" → "\\").
QString promqlRegularEscape(const QString &value);
// Escapes a value for a regex inside a PromQL string ("10.0.0.1" → "10\\.0\\.0\\.1").
QString promqlRegexEscape(const QString &value);

} // namespace opsdeck
