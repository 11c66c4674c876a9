#include "dashboards/dashboard_panel.h"

#include "dashboards/grafana_import.h"
#include "dashboards/history_backfill.h"
#include "dashboards/time_range_dialog.h"
#include "dashboards/variable_bar.h"
#include "metrics/series_store.h"
#include "profile_session.h"
#include "prometheus/prometheus_api.h"
#include "prometheus/variable_resolver.h"
#include "stat_tile.h"
#include "time_series_chart.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QtConcurrent/QtConcurrentRun>

#include <climits>

namespace opsdeck {

namespace {

ValueUnit unitOf(const QString &unit)
{
    if (unit == u"ms") return ValueUnit::Milliseconds;
    if (unit == u"s") return ValueUnit::Seconds;
    if (unit == u"req/s") return ValueUnit::PerSecond;
    if (unit == u"%") return ValueUnit::Percent;
    if (unit == u"bytes") return ValueUnit::Bytes;
    return ValueUnit::None;
}

StatTile::Style tileStyleOf(PanelKind kind)
{
    switch (kind) {
    case PanelKind::Gauge: return StatTile::Style::Gauge;
    case PanelKind::BarGauge: return StatTile::Style::Bar;
    default: return StatTile::Style::Stat;
    }
}

constexpr int tilesPerRow = 6;


} // namespace

// One evaluation of every panel: built on the thread pool, read on the GUI thread.
struct DashboardPanel::Evaluation {
    quint64 generation = 0;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 stepMs = 0;
    std::vector<std::vector<TimeSeriesChart::Line>> panels;  // written by the pool thread
    std::vector<std::vector<QString>> lineServices;           // the service label of each local line, if any
    // GUI thread only: PromQL answers and errors per panel, merged at the end.
    std::vector<std::vector<TimeSeriesChart::Line>> promLines;
    std::vector<QString> promErrors;
    std::vector<bool> promMatched;  // some PromQL query of the panel returned a series
    std::vector<bool> promWaiting;  // a query of the panel waits for the dashboard's variables
    int promOutstanding = 0;
    bool localDone = false;
};

DashboardPanel::DashboardPanel(QWidget *parent)
    : QWidget(parent),
      m_service(new QComboBox(this)),
      m_range(new QComboBox(this)),
      m_live(new QToolButton(this)),
      m_reset(new QToolButton(this)),
      m_status(new QLabel(this)),
      m_grid(new QGridLayout),
      m_timer(new QTimer(this)),
      m_backfill(new HistoryBackfill(this)),
      m_variableBar(new VariableBar(this))
{
    m_service->setObjectName(QStringLiteral("dashboardService"));
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_range->setObjectName(QStringLiteral("dashboardRange"));
    for (const auto &[label, seconds] : rangePresets())
        m_range->addItem(label, seconds);
    m_range->addItem(tr("Custom…"), qint64(0));
    m_range->setCurrentIndex(1);
    m_live->setText(tr("Live"));
    m_live->setCheckable(true);
    m_live->setChecked(true);
    m_live->setToolTip(tr("Follow new data; off: the charts stay where they are"));
    m_reset->setText(tr("Reset zoom"));
    m_reset->setEnabled(false);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Dashboard:"), this));
    bar->addWidget(m_service);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Range:"), this));
    bar->addWidget(m_range);
    bar->addWidget(m_live);
    bar->addWidget(m_reset);
    bar->addStretch(1);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    // A long error must not widen the dock: the label takes the room left, clipped.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    bar->addWidget(m_status);

    auto *canvas = new QWidget(this);
    canvas->setLayout(m_grid);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(canvas);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_variableBar);
    layout->addWidget(scroll, 1);

    connect(m_service, &QComboBox::currentIndexChanged, this, [this] { rebuildCharts(); });
    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        if (m_range->currentData().toLongLong() == 0) {
            // Custom: ask, then show that range paused; Cancel goes back to the last preset.
            TimeRangeDialog dialog(m_fromMs, m_toMs, this);
            if (dialog.exec() == QDialog::Accepted) {
                showCustomRange(dialog.fromMs(), dialog.toMs());
            } else {
                const QSignalBlocker blocker(m_range);
                m_range->setCurrentIndex(m_lastPreset);
            }
            return;
        }
        m_lastPreset = m_range->currentIndex();
        m_reset->setEnabled(false);
        setLive(true);
    });
    connect(m_live, &QToolButton::toggled, this, [this](bool live) {
        if (live)
            m_reset->setEnabled(false);
        refresh();
    });
    connect(m_reset, &QToolButton::clicked, this, [this] {
        m_reset->setEnabled(false);
        if (m_range->currentIndex() != m_lastPreset) {
            const QSignalBlocker blocker(m_range);
            m_range->setCurrentIndex(m_lastPreset);
        }
        setLive(true);
    });
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Evaluation>>::finished, this, &DashboardPanel::applyResults);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isLive())
            refresh();
    });
    m_timer->start();
    // The charts' past came from Prometheus: draw again with it.
    connect(m_backfill, &HistoryBackfill::arrived, this, [this] {
        m_pendingRefresh = true;
        refresh();
    });
}

DashboardPanel::~DashboardPanel()
{
    // The evaluation holds the store through a shared pointer; only wait for it to end.
    m_watcher.waitForFinished();
}

QList<std::pair<QString, qint64>> DashboardPanel::rangePresets()
{
    return {{tr("5 minutes"), 300}, {tr("15 minutes"), 900}, {tr("1 hour"), 3600},
            {tr("6 hours"), 21600}, {tr("24 hours"), 86400}, {tr("7 days"), 604800}};
}

void DashboardPanel::setRangeSeconds(qint64 seconds)
{
    const int index = m_range->findData(seconds);
    if (index >= 0)
        m_range->setCurrentIndex(index);
}

void DashboardPanel::setSession(ProfileSession *session)
{
    m_session = session;
    ++m_generation;  // answers computed for the previous profile are dropped
    m_promConnected = nullptr;
    m_backfill->setClient(session ? session->prometheus() : nullptr);
    abandonEvaluation();
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    if (session) {
        // The profile's own dashboards first, then one per scraped service.
        const QList<DashboardSpec> &dashboards = session->profile().dashboards;
        for (int i = 0; i < dashboards.size(); ++i)
            m_service->addItem(dashboards[i].title, i);
        for (const ServiceConfig &s : session->scrapedServices())
            m_service->addItem(s.name, s.name);
        connect(session, &ProfileSession::scrapesChanged, this, [this] {
            // A target's dashboard depends on what it exposes: build it once that is known.
            if (m_awaitingTarget.isEmpty()) {
                m_status->setText(anyScrapeFailing() ? tr("last scrape failed") : tr("scrapes OK"));
                return;
            }
            const auto awaited = m_session->lastScrapes().constFind(m_awaitingTarget);
            if (awaited == m_session->lastScrapes().constEnd())
                return;
            if (awaited->ok)
                rebuildCharts();
            else
                m_status->setText(tr("%1 has not answered yet: %2").arg(m_awaitingTarget, awaited->error));
        });
    }
    rebuildCharts();
}

QString DashboardPanel::currentService() const
{
    const QVariant choice = m_service->currentData();
    return choice.typeId() == QMetaType::QString ? choice.toString() : QString();
}

void DashboardPanel::setCurrentService(const QString &service)
{
    const int index = m_service->findData(service);
    if (index >= 0)
        m_service->setCurrentIndex(index);
}

void DashboardPanel::reloadDashboardList()
{
    const QString current = m_service->currentText();
    setSession(m_session);
    setCurrentDashboard(current);
}

void DashboardPanel::setCurrentDashboard(const QString &title)
{
    const int index = m_service->findText(title);
    if (index >= 0)
        m_service->setCurrentIndex(index);
}

void DashboardPanel::setMarkerSource(MarkerSource source)
{
    m_markerSource = std::move(source);
    refreshMarkers();
}

void DashboardPanel::refreshMarkers()
{
    QStringList services;
    for (const ServiceConfig &s : shownServices())
        services << s.name;
    if (!currentService().isEmpty() && !services.contains(currentService()))
        services << currentService();
    const QList<TimeSeriesChart::Marker> markers = m_markerSource ? m_markerSource(services) : QList<TimeSeriesChart::Marker>();
    for (TimeSeriesChart *chart : std::as_const(m_charts))
        chart->setMarkers(markers);
}

QList<ServiceConfig> DashboardPanel::shownServices() const
{
    QList<ServiceConfig> out;
    if (!m_session)
        return out;
    const QString service = currentService();
    for (const ServiceConfig &s : m_session->scrapedServices()) {
        if (service.isEmpty() || s.name == service)
            out << s;
    }
    return out;
}

bool DashboardPanel::isLive() const
{
    return m_live->isChecked();
}

void DashboardPanel::setLive(bool live)
{
    if (m_live->isChecked() == live)
        refresh();
    else
        m_live->setChecked(live);
}

// Stops waiting for an evaluation whose charts are gone: its PromQL answers are
// forgotten, and its local part, when it ends, is dropped by its generation.
void DashboardPanel::abandonEvaluation()
{
    m_promPending.clear();
    if (!m_current)
        return;
    m_current->promOutstanding = 0;
    if (!m_watcher.isRunning())
        m_current.reset();
    m_pendingRefresh = true;
}

void DashboardPanel::rebuildCharts()
{
    ++m_generation;
    abandonEvaluation();
    qDeleteAll(m_charts);
    m_charts.clear();
    qDeleteAll(m_tileRows);  // the tiles go with their rows
    m_tileRows.clear();
    m_tiles.clear();
    m_views.clear();
    m_variableBar->setResolver(nullptr);
    delete m_variables;
    m_variables = nullptr;
    m_backfill->reset();
    m_localStartMs = LLONG_MAX;
    const QVariant choice = m_service->currentData();
    m_awaitingTarget.clear();
    if (choice.typeId() == QMetaType::QString && m_session) {
        const QString service = choice.toString();
        m_specs = defaultDashboardFor(service, m_session->seriesStore()->namesWith("service", service.toStdString()));
        if (m_specs.isEmpty()) {
            m_awaitingTarget = service;
            m_status->setText(tr("waiting for the first scrape of %1").arg(service));
        }
    } else if (choice.isValid() && m_session) {
        const DashboardSpec dashboard = m_session->profile().dashboards.value(choice.toInt());
        m_specs = dashboard.panels;
        if (!dashboard.variables.isEmpty()) {
            // The variables are found first; the queries that use them wait (see refresh()).
            m_variables = new VariableResolver(dashboard.variables, this);
            m_variables->setClient(m_session->prometheus());
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            m_variables->setTimeRange(now - m_range->currentData().toLongLong() * 1000, now);
            connect(m_variables, &VariableResolver::valuesChanged, this, [this] {
                updateTitles();
                m_pendingRefresh = true;
                refresh();
            });
            m_variableBar->setResolver(m_variables);
            m_variables->resolveAll();
        }
    } else {
        m_specs.clear();
    }
    buildViews();
    refreshMarkers();
    updateTitles();
    refresh();
}

// Charts two by two; tiles side by side in rows of their own, as Grafana puts
// its stats above the graphs.
void DashboardPanel::buildViews()
{
    int row = 0;
    int column = 0;
    QHBoxLayout *tileRow = nullptr;
    int tilesInRow = 0;
    for (int i = 0; i < m_specs.size(); ++i) {
        const PanelSpec &spec = m_specs[i];
        PanelView view;
        if (spec.kind == PanelKind::TimeSeries) {
            tileRow = nullptr;
            auto *chart = new TimeSeriesChart(this);
            chart->setObjectName(QStringLiteral("chart%1").arg(i));
            chart->setUnit(unitOf(spec.unit));
            QList<TimeSeriesChart::Threshold> thresholds;
            for (const PanelThreshold &t : spec.thresholds)
                thresholds.append({t.value, t.label});
            chart->setThresholds(thresholds);
            // A zoom pauses live follow, so the chosen moment stays on screen.
            connect(chart, &TimeSeriesChart::rangeSelected, this, &DashboardPanel::showCustomRange);
            m_grid->addWidget(chart, row, column);
            if (++column == 2) {
                column = 0;
                ++row;
            }
            m_charts.append(chart);
            view.chart = chart;
        } else {
            if (!tileRow || tilesInRow == tilesPerRow) {
                if (column != 0) {
                    column = 0;
                    ++row;
                }
                auto *holder = new QWidget(this);
                holder->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
                tileRow = new QHBoxLayout(holder);
                tileRow->setContentsMargins(0, 0, 0, 0);
                tileRow->setSpacing(6);
                m_grid->addWidget(holder, row++, 0, 1, 2);
                m_tileRows.append(holder);
                tilesInRow = 0;
            }
            auto *tile = new StatTile(m_tileRows.last());
            tile->setObjectName(QStringLiteral("tile%1").arg(i));
            tile->setStyle(tileStyleOf(spec.kind));
            tile->setUnit(unitOf(spec.unit), spec.tile.decimals);
            tile->setRange(spec.tile.min, spec.tile.max);
            tile->setSparkline(spec.tile.sparkline);
            QList<StatTile::Threshold> thresholds;
            for (const PanelThreshold &t : spec.thresholds)
                thresholds.append({t.value, QColor::fromString(t.color)});
            tile->setThresholds(QColor::fromString(spec.tile.baseColor), thresholds);
            tileRow->addWidget(tile, 1);
            ++tilesInRow;
            m_tiles.append(tile);
            view.tile = tile;
        }
        m_views.append(view);
    }
}

void DashboardPanel::updateTitles()
{
    const QList<DashboardVariable> variables = m_variables ? m_variables->variables() : QList<DashboardVariable>();
    const VariableValues values = m_variables ? m_variables->values() : VariableValues();
    for (int i = 0; i < m_views.size() && i < m_specs.size(); ++i) {
        const QString title = interpolateVariablesAsText(m_specs[i].title, variables, values);
        if (m_views[i].chart)
            m_views[i].chart->setTitle(title);
        else if (m_views[i].tile)
            m_views[i].tile->setTitle(title);
    }
}

void DashboardPanel::showCustomRange(qint64 fromMs, qint64 toMs)
{
    m_live->setChecked(false);
    m_reset->setEnabled(true);
    showRange(fromMs, toMs);
}

void DashboardPanel::showRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_pendingRefresh = true;
    refresh();
}

bool DashboardPanel::anyScrapeFailing() const
{
    for (const ServiceConfig &s : shownServices()) {
        const auto it = m_session->lastScrapes().constFind(s.name);
        if (it != m_session->lastScrapes().constEnd() && !it->ok)
            return true;
    }
    return false;
}

QString DashboardPanel::scrapeFailureNote(const QString &lineService) const
{
    if (!m_session)
        return {};
    // A line without a service label belongs to the service shown, or sums several.
    QStringList services;
    if (!lineService.isEmpty())
        services << lineService;
    else if (!currentService().isEmpty())
        services << currentService();
    else
        for (const ServiceConfig &s : shownServices())
            services << s.name;
    QStringList notes;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &service : std::as_const(services)) {
        const auto it = m_session->lastScrapes().constFind(service);
        if (it == m_session->lastScrapes().constEnd() || it->ok)
            continue;
        const QString at = QDateTime::fromMSecsSinceEpoch(it->timestampMs).toString(QStringLiteral("HH:mm:ss"));
        notes << tr("%1: last scrape failed at %2 (%3 s ago): %4")
                     .arg(service, at).arg(std::max<qint64>(0, (now - it->timestampMs) / 1000)).arg(it->error);
    }
    return notes.join(QStringLiteral("; "));
}

void DashboardPanel::refresh()
{
    if (!m_session || m_specs.isEmpty())
        return;
    if (m_current) {
        m_pendingRefresh = true;  // coalesce: one evaluation at a time, the latest wins
        return;
    }
    m_pendingRefresh = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (isLive()) {
        const qint64 range = m_range->currentData().toLongLong() * 1000;
        m_toMs = now;
        m_fromMs = now - range;
    }
    if (m_variables)
        m_variables->setTimeRange(m_fromMs, m_toMs);  // the next time they are asked, over what is shown
    const int width = m_charts.isEmpty() ? 600 : std::max(100, m_charts.first()->width() - 80);
    // The finest interval among the services shown.
    qint64 interval = 0;
    for (const ServiceConfig &s : shownServices())
        interval = interval == 0 ? s.intervalS : std::min<qint64>(interval, s.intervalS);
    if (interval == 0)
        interval = 10;
    // A point every pixel or two, never finer than the scrape interval.
    const qint64 stepMs = std::max<qint64>(chooseStepSeconds((m_toMs - m_fromMs) / 1000, width / 2), interval) * 1000;
    // Like Grafana's $__rate_interval: at least four scrapes, at least two steps.
    const qint64 windowMs = std::max<qint64>(4 * interval * 1000, 2 * stepMs);

    auto evaluation = std::make_shared<Evaluation>();
    evaluation->generation = m_generation;
    evaluation->fromMs = m_fromMs;
    evaluation->toMs = m_toMs;
    evaluation->stepMs = stepMs;
    QList<PanelSpec> specs = m_specs;
    for (PanelSpec &spec : specs) {
        for (PanelQuerySpec &q : spec.queries)
            q.query.windowMs = windowMs;
    }
    // The charts' past, from a Prometheus that scrapes the same targets (asked once, then when the range grows).
    m_backfill->request(specs, shownServices(), m_fromMs, m_toMs, stepMs, windowMs, m_localStartMs);
    std::shared_ptr<const SeriesStore> store = m_session->seriesStore();
    // Align steps to the step so that consecutive refreshes reuse the same instants.
    const qint64 start = m_fromMs - m_fromMs % stepMs;
    evaluation->promLines.resize(size_t(specs.size()));
    evaluation->promErrors.resize(size_t(specs.size()));
    evaluation->promMatched.resize(size_t(specs.size()), false);
    evaluation->promWaiting.resize(size_t(specs.size()), false);
    m_current = evaluation;
    // PromQL queries go to Prometheus; their answers arrive on the GUI thread.
    for (int pi = 0; pi < specs.size(); ++pi) {
        for (int qi = 0; qi < specs[pi].queries.size(); ++qi) {
            const QString &promql = specs[pi].queries[qi].promql;
            if (promql.isEmpty())
                continue;
            PrometheusClient *prometheus = m_session->prometheus();
            if (!prometheus) {
                evaluation->promErrors[size_t(pi)] = tr("this profile has no Prometheus for the PromQL queries");
                continue;
            }
            if (!m_promConnected) {
                connect(prometheus, &PrometheusClient::finished, this, &DashboardPanel::onPrometheusAnswer);
                m_promConnected = prometheus;
            }
            QString written = promql;
            if (m_variables) {
                // A query that names a variable waits until the variables are known.
                if (!m_variables->isReady() && !variablesReferencedBy(promql, m_variables->variables()).isEmpty()) {
                    evaluation->promWaiting[size_t(pi)] = true;
                    continue;
                }
                written = interpolateVariables(promql, m_variables->variables(), m_variables->values());
            }
            // Grafana's $__rate_interval and friends take this refresh's values.
            const QString expanded = expandGrafanaIntervals(written, windowMs, stepMs, evaluation->toMs - start);
            m_promPending.insert(prometheus->queryRange(expanded, start, evaluation->toMs, stepMs / 1000), {pi, qi});
            ++evaluation->promOutstanding;
        }
    }
    m_watcher.setFuture(QtConcurrent::run([evaluation, specs, store, start] {
        for (const PanelSpec &spec : specs) {
            std::vector<TimeSeriesChart::Line> lines;
            std::vector<QString> services;
            for (int qi = 0; qi < spec.queries.size(); ++qi) {
                const PanelQuerySpec &q = spec.queries[qi];
                if (!q.promql.isEmpty())
                    continue;
                for (EvaluatedSeries &s : evaluateRange(*store, q.query, start, evaluation->toMs, evaluation->stepMs)) {
                    QString service;
                    for (const auto &[name, value] : s.labels) {
                        if (name == "service")
                            service = QString::fromStdString(value);
                    }
                    services.push_back(service);
                    lines.push_back({lineKeyOf(qi, s.labels), legendFor(q.legend, s.labels), std::move(s.points), {}});
                }
            }
            evaluation->panels.push_back(std::move(lines));
            evaluation->lineServices.push_back(std::move(services));
        }
        return evaluation;
    }));
}

void DashboardPanel::applyResults()
{
    if (!m_current)
        return;
    m_current->localDone = true;
    finishIfComplete();
}

void DashboardPanel::onPrometheusAnswer(quint64 id, const PromApiResult &result)
{
    const auto it = m_promPending.find(id);
    if (it == m_promPending.end())
        return;
    const PendingQuery where = it.value();
    m_promPending.erase(it);
    if (!m_current)
        return;
    Evaluation &e = *m_current;
    if (!result.ok) {
        e.promErrors[size_t(where.panel)] = tr("Prometheus: %1: %2").arg(result.errorType, result.error);
    } else if (where.panel < m_specs.size() && where.query < m_specs[where.panel].queries.size()) {
        QString legend = m_specs[where.panel].queries[where.query].legend;
        if (m_variables)
            legend = interpolateVariablesAsText(legend, m_variables->variables(), m_variables->values());
        if (!result.series.empty())
            e.promMatched[size_t(where.panel)] = true;
        for (const PromSeries &s : result.series) {
            Labels labels;
            for (const auto &label : s.metric) {
                if (label.first != "__name__")
                    labels.push_back(label);
            }
            e.promLines[size_t(where.panel)].push_back(
                {lineKeyOf(where.query, labels), legendFor(legend, labels), s.points, {}});
        }
    }
    --e.promOutstanding;
    finishIfComplete();
}

void DashboardPanel::finishIfComplete()
{
    if (!m_current || !m_current->localDone || m_current->promOutstanding > 0)
        return;
    const std::shared_ptr<Evaluation> evaluation = std::move(m_current);
    m_current.reset();
    if (evaluation->generation == m_generation && size_t(m_views.size()) == evaluation->panels.size()) {
        qint64 localStart = LLONG_MAX;
        for (int i = 0; i < m_views.size(); ++i) {
            auto lines = std::move(evaluation->panels[size_t(i)]);
            // A failing service marks its own lines; the healthy ones are drawn as usual.
            const std::vector<QString> &services = evaluation->lineServices[size_t(i)];
            for (std::size_t li = 0; li < lines.size(); ++li) {
                lines[li].staleNote = scrapeFailureNote(services[li]);
                if (!lines[li].points.empty())
                    localStart = std::min<qint64>(localStart, lines[li].points.front().timestampMs);
            }
            m_backfill->merge(i, m_specs[i], lines, evaluation->fromMs, evaluation->stepMs);
            for (auto &line : evaluation->promLines[size_t(i)])
                lines.push_back(std::move(line));
            // A query that matched nothing will not fill in by waiting: say so, not "No data yet".
            const bool asksPrometheus = std::any_of(m_specs[i].queries.cbegin(), m_specs[i].queries.cend(),
                                                    [](const PanelQuerySpec &q) { return !q.promql.isEmpty(); });
            QString emptyText;
            if (evaluation->promWaiting[size_t(i)])
                emptyText = tr("Waiting for the dashboard's variables");
            else if (asksPrometheus && !evaluation->promMatched[size_t(i)])
                emptyText = tr("No series match the query");
            const QString &error = evaluation->promErrors[size_t(i)];
            if (TimeSeriesChart *chart = m_views[i].chart) {
                chart->setGapMs(evaluation->stepMs * 3);
                chart->setTimeRange(evaluation->fromMs, evaluation->toMs);
                chart->setLines(std::move(lines));
                chart->setStaleText(error);
                chart->setEmptyText(emptyText);
            } else if (StatTile *tile = m_views[i].tile) {
                QList<StatTile::Item> items;
                for (TimeSeriesChart::Line &line : lines) {
                    const double value = reduceValues(line.points, m_specs[i].tile.reducer);
                    items.append({line.label, value, std::move(line.points), line.staleNote});
                }
                tile->setTimeRange(evaluation->fromMs, evaluation->toMs);
                // A failed refresh keeps the last values on screen, marked stale.
                if (error.isEmpty() || !items.isEmpty())
                    tile->setItems(std::move(items));
                tile->setNoticeText(error);
                tile->setEmptyText(emptyText);
            }
        }
        m_localStartMs = localStart;
        Q_EMIT refreshed();
    }
    if (m_pendingRefresh)
        refresh();
}

} // namespace opsdeck
