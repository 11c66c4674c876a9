#pragma once

#include "metrics/series_store.h"

#include <QRegularExpression>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace opsdeck {

// One matcher in Prometheus/Alertmanager syntax: name="v", name!="v",
// name=~"regex", name!~"regex". Regexes are anchored, as in PromQL.
struct LabelMatcher {
    enum class Op { Equal, NotEqual, Regex, NotRegex };
    std::string name;
    Op op = Op::Equal;
    std::string value;
    QRegularExpression regex;  // for Regex and NotRegex

    bool matchesValue(std::string_view v) const;
    bool matches(const Labels &labels) const;  // a missing label has the value ""
};

struct MatcherParse {
    std::vector<LabelMatcher> matchers;
    QString error;  // empty when the text parsed
};

// Parses `a="b", c=~"x|y"` (braces optional). Errors name the position.
MatcherParse parseMatchers(const QString &text);

std::optional<LabelMatcher> makeMatcher(std::string name, LabelMatcher::Op op, std::string value, QString *error);

// A series as PromQL writes it: name{a="b",c="d"} (values as they are, unescaped), as
// Prometheus's console and Grafana's query_result show them.
QString seriesText(const Labels &labels);

} // namespace opsdeck
