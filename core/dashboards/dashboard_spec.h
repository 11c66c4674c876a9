#pragma once

#include "dashboards/dashboard_variables.h"
#include "metrics/local_query.h"

#include <QList>
#include <QString>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace opsdeck {

// What a dashboard panel draws: queries over the local series store, a unit
// and threshold lines. The default dashboard of a service follows the users'
// own conventions (p95 latency under 100 ms, errors under 5 %).
struct PanelQuerySpec {
    QString legend;  // text, with {{label}} replaced by the series' label value
    LocalQuery query;
    QString promql = {};  // when set: asked of the profile's Prometheus instead (query_range)
};

struct PanelThreshold {
    double value = 0;
    QString label;
    QString color = {};  // "#rrggbb" or "#aarrggbb"; empty: the chart's own
};

// How a panel shows its series: lines over time, or one value per series.
enum class PanelKind {
    TimeSeries,
    Stat,      // the value, coloured by the thresholds, over a sparkline
    Gauge,     // the value on an arc from min to max
    BarGauge,  // one bar per series from min to max
};

// How a tile turns a series into its one value (Grafana's reduceOptions.calcs).
enum class ValueReducer { LastNotNull, Last, FirstNotNull, First, Mean, Min, Max, Sum, Count, Delta, Range, Diff };
std::optional<ValueReducer> reducerFromName(const QString &name);
// NaN when there is nothing to reduce.
double reduceValues(const std::vector<SamplePoint> &points, ValueReducer reducer);

struct TileSpec {
    ValueReducer reducer = ValueReducer::LastNotNull;
    std::optional<double> min;  // gauge and bar range; unset: 0 and the largest value (or 100 for %)
    std::optional<double> max;
    int decimals = -1;          // -1: by magnitude
    QString baseColor;          // the colour below the first threshold ("" for the palette's)
    bool sparkline = true;      // stat: the series under the value
};

struct PanelSpec {
    QString title;
    QString unit;  // ms, s, req/s, %, bytes, or empty
    QList<PanelQuerySpec> queries;
    QList<PanelThreshold> thresholds;
    PanelKind kind = PanelKind::TimeSeries;
    TileSpec tile = {};
};

// A dashboard of the profile's own (the "dashboards" key), over any services.
struct DashboardSpec {
    QString title;
    QList<PanelSpec> panels;
    // $name in titles, legends and PromQL, picked on the dashboard (see dashboard_variables.h).
    QList<DashboardVariable> variables = {};
};

QList<PanelSpec> defaultServiceDashboard(const QString &service);

// What a scrape target is, from the metric families it exposes.
enum class TargetKind {
    Unknown,      // nothing scraped yet
    HttpService,  // http_request_duration_seconds / http_requests_total: the service dashboard
    Host,         // node_exporter: CPU, load, memory, network, disks, filesystems
    Postgres,     // postgres_exporter: connections, transactions, rows, sizes
    Other,        // anything else: its busiest families
};
// families: metric names with their series counts, as SeriesStore::namesWith gives them.
TargetKind classifyTarget(const std::vector<std::pair<std::string, std::size_t>> &families);
// The default dashboard of a scraped target, chosen by what it exposes.
QList<PanelSpec> defaultDashboardFor(const QString &service, const std::vector<std::pair<std::string, std::size_t>> &families);

// A chart line's identity: the query's position in its panel and the line's labels.
QString lineKeyOf(int query, const Labels &labels);

// {{label}} placeholders filled from the labels; an empty result falls back to the labels.
QString legendFor(const QString &legendTemplate, const Labels &labels);

} // namespace opsdeck
