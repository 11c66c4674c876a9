#pragma once

// The derived series a dashboard needs, computed from scraped samples in the
// SeriesStore with PromQL's semantics, for when there is no Prometheus (or to
// not depend on it): rates summed by labels, histogram quantiles, error ratios
// and plain gauges, over a time range at a step.

#include "metrics/label_matcher.h"
#include "metrics/series_store.h"

#include <QString>

#include <vector>

namespace opsdeck {

struct LocalQuery {
    enum class Kind {
        Gauge,     // sum by (by) (metric{matchers})
        Rate,      // sum by (by) (rate(metric{matchers}[window]))
        Quantile,  // histogram_quantile(q, sum by (le, by) (rate(metric_bucket{matchers}[window])))
        Ratio,     // sum by (by) (rate(metric{matchers, numerator}[w])) / sum by (by) (rate(metric{matchers}[w]))
    };
    Kind kind = Kind::Rate;
    std::string metric;
    std::vector<LabelMatcher> matchers;
    std::vector<std::string> by;
    double quantile = 0.95;
    std::int64_t windowMs = 60000;
    std::vector<LabelMatcher> numerator;  // Ratio only
    double scale = 1;                     // applied to every result (seconds to ms: 1000)
};

struct EvaluatedSeries {
    Labels labels;  // the "by" labels
    std::vector<SamplePoint> points;
};

// Evaluates at start, start + step, ..., end. A step where a group has no
// value is left out of that group's points (a gap, not a zero).
// Ratio: a group with traffic but no matching numerator series is 0.
std::vector<EvaluatedSeries> evaluateRange(const SeriesStore &store, const LocalQuery &query, std::int64_t startMs,
                                           std::int64_t endMs, std::int64_t stepMs);

// The same query in PromQL, for a Prometheus that holds the same series (the
// dashboards fill a chart's past from it). A Ratio whose group has traffic but no
// numerator series is 0 there too ("or ... * 0"), as evaluateRange computes it.
QString toPromQL(const LocalQuery &query);

// How far back an instant gauge looks for its last sample: Prometheus's 5 minutes.
constexpr std::int64_t gaugeLookbackMs = 5 * 60 * 1000;

} // namespace opsdeck
