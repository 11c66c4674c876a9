#pragma once

#include "dashboards/dashboard_spec.h"
#include "prometheus/prometheus_api.h"
#include "time_series_chart.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace opsdeck {

struct ServiceConfig;

// The past of a dashboard's local charts, from a Prometheus that scrapes the same
// targets: OpsDeck's own store starts with the console, so without it a 6-hour
// chart is empty for six hours. Each target is recognised in /api/v1/targets by
// its scrape URL; each local query is asked as its PromQL twin, with the target's
// own labels in place of `service` and the service put back (label_replace), so
// the answer lands on the same lines. merge() puts those points before the first
// point of OpsDeck's own, at the same steps: no seam.
class HistoryBackfill : public QObject
{
    Q_OBJECT
public:
    explicit HistoryBackfill(QObject *parent = nullptr);

    void setClient(PrometheusClient *client);  // nullptr: no Prometheus, no backfill
    // A new dashboard: forget what was fetched.
    void reset();
    // Asks for [fromMs, toMs] unless it has it already, or has the past up to where
    // the local lines begin (localStartMs, INT64_MAX while they have no point).
    void request(const QList<PanelSpec> &panels, const QList<ServiceConfig> &services, qint64 fromMs, qint64 toMs,
                 qint64 stepMs, qint64 windowMs, qint64 localStartMs);
    // Panel's lines with the fetched past put in front, and lines only the past has added.
    void merge(int panel, const PanelSpec &spec, std::vector<TimeSeriesChart::Line> &lines, qint64 fromMs, qint64 stepMs) const;

    // The PromQL a local query is asked as, for the services with a known target; empty when it cannot be.
    static QString promqlFor(const LocalQuery &query, const QList<ServiceConfig> &services, const QHash<QString, Labels> &targets);

Q_SIGNALS:
    void arrived();  // new past points: redraw

private:
    struct Fetched {
        int query;
        Labels labels;
        std::vector<SamplePoint> points;
    };
    struct Pending {
        int panel;
        int query;
    };
    void onAnswer(quint64 id, const PromApiResult &result);
    void send();

    QPointer<PrometheusClient> m_client;
    QHash<QString, Labels> m_targets;  // service -> its target's labels in Prometheus
    bool m_targetsKnown = false;
    quint64 m_targetsRequest = 0;
    qint64 m_targetsFailedAtMs = 0;  // asked again no sooner than 30 s later
    QHash<quint64, Pending> m_pending;
    QHash<QString, Fetched> m_fetched;  // "panel/line key" -> its past
    // The request waiting for the targets, and what is covered.
    QList<PanelSpec> m_panels;
    QList<ServiceConfig> m_services;
    qint64 m_fromMs = 0, m_toMs = 0, m_stepMs = 0, m_windowMs = 0;
    qint64 m_coveredFromMs = 0;  // 0: nothing fetched
    qint64 m_coveredToMs = 0;
    qint64 m_askedAtMs = 0;
};

} // namespace opsdeck
