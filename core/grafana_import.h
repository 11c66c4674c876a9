#pragma once

#include "dashboard_spec.h"

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
// API's {"dashboard": ...} wrapper). Graph and timeseries panels with
// Prometheus targets become PromQL panels (rows are flattened); legendFormat
// becomes the legend, the unit and absolute thresholds are kept; template
// variables are replaced by their current value (or .* for "All");
// $__rate_interval and $__interval stay for the dashboard to fill in per query.
GrafanaImport importGrafanaDashboard(const QByteArray &json);

// Fills $__rate_interval, $__interval and $__range in a PromQL expression.
QString expandGrafanaIntervals(QString promql, qint64 rateWindowMs, qint64 stepMs, qint64 rangeMs);

} // namespace opsdeck
