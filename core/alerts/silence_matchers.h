#pragma once

// A silence's matchers (Alertmanager's name/value/isRegex/isEqual) as the
// label matchers of metrics/label_matcher.h, and back: to preview what a
// silence will silence, and to write one from a filter.

#include "alerts/alerts.h"
#include "metrics/label_matcher.h"

namespace opsdeck {

// The matchers of a silence as LabelMatchers, to preview what it will silence.
std::vector<LabelMatcher> toLabelMatchers(const std::vector<SilenceMatcher> &matchers, QString *error);
std::vector<SilenceMatcher> fromLabelMatchers(const std::vector<LabelMatcher> &matchers);
QString formatMatchers(const std::vector<SilenceMatcher> &matchers);  // a="b", c=~"d"
bool silenceMatches(const std::vector<LabelMatcher> &matchers, const Alert &alert);

} // namespace opsdeck
