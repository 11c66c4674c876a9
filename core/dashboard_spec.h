#pragma once

#include "local_query.h"

#include <QList>
#include <QString>

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
};

struct PanelSpec {
    QString title;
    QString unit;  // ms, s, req/s, %, bytes, or empty
    QList<PanelQuerySpec> queries;
    QList<PanelThreshold> thresholds;
};

// A dashboard of the profile's own (the "dashboards" key), over any services.
struct DashboardSpec {
    QString title;
    QList<PanelSpec> panels;
};

QList<PanelSpec> defaultServiceDashboard(const QString &service);

// {{label}} placeholders filled from the labels; an empty result falls back to the labels.
QString legendFor(const QString &legendTemplate, const Labels &labels);

} // namespace opsdeck
