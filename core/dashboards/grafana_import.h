#pragma once

#include "dashboards/dashboard_spec.h"

#include <QByteArray>
#include <QStringList>

namespace opsdeck {

// The result of importing a Grafana dashboard: the panels OpsDeck can draw,
// and, by name and reason, every panel it could not, so nothing is dropped
// silently.
struct GrafanaImport {
    DashboardSpec dashboard;
    QStringList skipped;   // "Panel title: reason"
    QString error;         // the file as a whole could not be read
    bool ok() const { return error.isEmpty(); }
};

// Reads a Grafana dashboard JSON (the "Export > Save to file" format, or the
// API's {"dashboard": ...} wrapper). Rows are flattened; panels with
// Prometheus targets become PromQL panels: graph and timeseries as charts,
// stat, singlestat, gauge and bargauge as tiles. legendFormat, unit, decimals,
// min/max, thresholds with their colours and the value reducer are kept.
// Template variables (query, custom, constant, interval, textbox) are kept as
// variables with their saved selection, and stay as $name in the queries: the
// dashboard resolves and substitutes them (see VariableResolver).
// $__rate_interval and $__interval stay for the dashboard to fill in per query.
GrafanaImport importGrafanaDashboard(const QByteArray &json);

// Fills $__rate_interval, $__interval and $__range in a PromQL expression.
QString expandGrafanaIntervals(QString promql, qint64 rateWindowMs, qint64 stepMs, qint64 rangeMs);

// A Grafana colour ("green", "dark-red", "#FF9830", "rgba(50, 172, 45, 0.97)")
// as "#rrggbb"; "" for what is not a colour.
QString grafanaColor(const QString &color);

} // namespace opsdeck
