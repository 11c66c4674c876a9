#pragma once

#include "local_query.h"

#include <QList>
#include <QString>

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
