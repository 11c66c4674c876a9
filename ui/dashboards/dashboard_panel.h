#pragma once

#include "config/config.h"
#include "dashboards/dashboard_spec.h"
#include "prometheus/prometheus_api.h"
#include "time_series_chart.h"

#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QWidget>

#include <functional>

#include <climits>

#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QTimer;
class QToolButton;

namespace opsdeck {

class ProfileSession;
class HistoryBackfill;
class StatTile;
class TimeSeriesChart;
class VariableBar;
class VariableResolver;

// The Dashboards dock: a service's charts (latency percentiles, requests,
// errors, CPU, memory) from the console's own scrapes. A time range from 5
// minutes to 7 days; live follow or pause; drag on a chart to zoom, Reset to go
// back. Series are evaluated on the thread pool; the GUI thread only draws.
class DashboardPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardPanel(QWidget *parent = nullptr);
    ~DashboardPanel() override;

    void setSession(ProfileSession *session);
    // The service of a service dashboard; empty for one of the profile's dashboards.
    QString currentService() const;
    void setCurrentService(const QString &service);
    void setCurrentDashboard(const QString &title);
    // After the session's dashboards changed (an import).
    void reloadDashboardList();
    bool isLive() const;
    void setLive(bool live);
    // Range presets in seconds, as offered in the picker.
    static QList<std::pair<QString, qint64>> rangePresets();
    void setRangeSeconds(qint64 seconds);
    // Shows a fixed range, paused (a zoom or the Custom… range); Reset zoom returns to live.
    void showCustomRange(qint64 fromMs, qint64 toMs);
    const QList<TimeSeriesChart *> &charts() const { return m_charts; }
    const QList<StatTile *> &tiles() const { return m_tiles; }
    // The variables of the dashboard shown (null when it has none).
    VariableResolver *variables() const { return m_variables; }
    VariableBar *variableBar() const { return m_variableBar; }
    // Where the charts' markers come from (deploys and restarts of the services shown).
    using MarkerSource = std::function<QList<TimeSeriesChart::Marker>(const QStringList &services)>;
    void setMarkerSource(MarkerSource source);
    // Asks the source again (a change was seen).
    void refreshMarkers();

Q_SIGNALS:
    void refreshed();  // a new set of series reached the charts

private:
    void rebuildCharts();
    void buildViews();
    // Titles follow the variables ("CPU of $node").
    void updateTitles();
    void refresh();
    void applyResults();
    void onPrometheusAnswer(quint64 id, const PromApiResult &result);
    void finishIfComplete();
    void abandonEvaluation();
    void showRange(qint64 fromMs, qint64 toMs);
    bool anyScrapeFailing() const;  // some service shown failed its last scrape
    QList<ServiceConfig> shownServices() const;
    // Why a line's data stopped ("" while its service's scrapes succeed).
    QString scrapeFailureNote(const QString &lineService) const;

    ProfileSession *m_session = nullptr;
    MarkerSource m_markerSource;
    QComboBox *m_service;
    QComboBox *m_range;
    QToolButton *m_live;
    QToolButton *m_reset;
    QLabel *m_status;
    QString m_awaitingTarget;  // a service whose dashboard waits for its first scrape
    QGridLayout *m_grid;
    QTimer *m_timer;
    HistoryBackfill *m_backfill;
    qint64 m_localStartMs = LLONG_MAX;  // the first point of the charts' own lines, once drawn
    QList<PanelSpec> m_specs;
    QList<TimeSeriesChart *> m_charts;
    QList<StatTile *> m_tiles;
    // What draws each spec: a chart or a tile, by the spec's index.
    struct PanelView {
        TimeSeriesChart *chart = nullptr;
        StatTile *tile = nullptr;
    };
    QList<PanelView> m_views;
    QList<QWidget *> m_tileRows;  // the rows that hold the tiles, side by side
    VariableBar *m_variableBar;
    VariableResolver *m_variables = nullptr;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    quint64 m_generation = 0;
    struct Evaluation;
    QFutureWatcher<std::shared_ptr<Evaluation>> m_watcher;
    std::shared_ptr<Evaluation> m_current;  // the evaluation under way (local part and PromQL answers)
    struct PendingQuery {
        int panel;
        int query;
    };
    QHash<quint64, PendingQuery> m_promPending;
    QPointer<QObject> m_promConnected;  // the Prometheus client whose answers we listen to
    bool m_pendingRefresh = false;
    int m_lastPreset = 1;  // the range preset to go back to after a custom range
};

} // namespace opsdeck
