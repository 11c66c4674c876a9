// The chart and tile widgets and the Dashboards panel on the offscreen platform,
// fed by a local /metrics endpoint whose counters move on every scrape and by
// stand-ins for Prometheus's API.

#include "dashboards/dashboard_panel.h"
#include "dashboards/grafana_import.h"
#include "dashboards/variable_bar.h"
#include "local_http_server.h"
#include "profile_session.h"
#include "stat_tile.h"
#include "time_series_chart.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QUrlQuery>

#include <atomic>
#include <mutex>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

namespace {

// A service scraped every second.
ServiceConfig scrapedService(const QString &name, const std::string &metricsUrl)
{
    ServiceConfig s;
    s.name = name;
    s.metricsUrl = QUrl(QString::fromStdString(metricsUrl));
    s.intervalS = 1;
    return s;
}

// A profile's session and its Dashboards panel on screen, scraping.
struct DashboardOnScreen {
    ProfileSession session;
    DashboardPanel panel;  // destroyed first: it reads the session's store

    DashboardOnScreen(const Profile &profile, QSize size)
        : session(profile)
    {
        panel.resize(size);
        panel.setSession(&session);
        panel.show();
        session.start();
    }
};

// A dashboard of the profile's own: requests per second, one line per service.
DashboardSpec requestsByService()
{
    LocalQuery rate;
    rate.kind = LocalQuery::Kind::Rate;
    rate.metric = "http_requests_total";
    rate.by = {"service"};
    return DashboardSpec{QStringLiteral("Overview"),
                         {PanelSpec{QStringLiteral("Requests"), QStringLiteral("req/s"), {{QStringLiteral("{{service}}"), rate}}, {}}}};
}

} // namespace

class TestDashboards : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartDrawsAMillionPointsAsPixels();
    void chartTogglesLinesAndKeepsThemAcrossUpdates();
    void shiftDragPansTheWindow();
    void panelShowsSeriesFromScrapes();
    void zoomPausesLiveFollow();
    void promqlPanelsAskPrometheus();
    void failingServiceMarksOnlyItsOwnLines();
    void timeLabelsFitTheRange();
    void exporterGetsADashboardOfItsKind();
    void queryMatchingNothingSaysSo();
    void pastComesFromPrometheus();
    void grafanaVariablesArePickedOnTheDashboard();
    void tilesShowOneValuePerSeries();
    void severalValuesArePickedFromAMenu();
};

void TestDashboards::shiftDragPansTheWindow()
{
    TimeSeriesChart chart;
    chart.resize(900, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const qint64 from = 1'700'000'000'000, to = from + 3'600'000;
    std::vector<SamplePoint> points;
    for (qint64 t = from - 3'600'000; t <= to + 3'600'000; t += 10'000)
        points.push_back({t, double(t % 97)});
    chart.setTimeRange(from, to);
    chart.setLines({{QStringLiteral("a"), QStringLiteral("a"), points, {}}});
    const int before = chart.drawnPointCount(QStringLiteral("a"));
    QSignalSpy selected(&chart, &TimeSeriesChart::rangeSelected);

    // Drag right by a quarter of the chart with Shift held: the window moves back in time.
    const QPoint start(450, 150);
    QTest::mousePress(chart.viewport(), Qt::LeftButton, Qt::ShiftModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(200, 0)), chart.viewport()->mapToGlobal(QPointF(start + QPoint(200, 0))),
                     Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(chart.viewport(), &move);
    QTest::mouseRelease(chart.viewport(), Qt::LeftButton, Qt::ShiftModifier, start + QPoint(200, 0));
    QCOMPARE(selected.count(), 1);
    const qint64 newFrom = selected.first().at(0).toLongLong();
    const qint64 newTo = selected.first().at(1).toLongLong();
    QCOMPARE(newTo - newFrom, to - from);  // a pan keeps the width
    QVERIFY2(newFrom < from - 600'000 && newFrom > from - 1'800'000, qPrintable(QString::number(from - newFrom)));
    QVERIFY(chart.drawnPointCount(QStringLiteral("a")) > 0);
    QVERIFY(std::abs(chart.drawnPointCount(QStringLiteral("a")) - before) < before / 4);  // still drawn as pixels, now of the new window
}

void TestDashboards::chartDrawsAMillionPointsAsPixels()
{
    TimeSeriesChart chart;
    chart.resize(900, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    std::vector<SamplePoint> points;
    points.reserve(1000000);
    for (int i = 0; i < 1000000; ++i)
        points.push_back({std::int64_t(i) * 100, std::sin(i / 1000.0) * 100});
    chart.setTimeRange(0, 100'000'000);
    chart.setLines({{QStringLiteral("a"), QStringLiteral("sine"), std::move(points), {}}});
    const int drawn = chart.drawnPointCount(QStringLiteral("a"));
    QVERIFY2(drawn > 100 && drawn <= 4 * 900, qPrintable(QString::number(drawn)));
}

void TestDashboards::chartTogglesLinesAndKeepsThemAcrossUpdates()
{
    TimeSeriesChart chart;
    chart.resize(600, 300);
    auto line = [](const char *key, double v) {
        return TimeSeriesChart::Line{QString::fromLatin1(key), QString::fromLatin1(key),
                                     {{1000, v}, {2000, v}, {3000, v}}, {}};
    };
    chart.setTimeRange(0, 4000);
    chart.setLines({line("a", 1), line("b", 2)});
    QCOMPARE(chart.lineCount(), 2);
    chart.setLineVisible(QStringLiteral("b"), false);
    chart.setLines({line("a", 3), line("b", 4)});
    QVERIFY(!chart.isLineVisible(QStringLiteral("b")));  // the user's choice survives a refresh
    chart.setLines({line("a", 3)});
    QCOMPARE(chart.lineCount(), 1);
    QCOMPARE(formatValue(1536 * 1024, ValueUnit::Bytes), QStringLiteral("1.5 MiB"));
    QCOMPARE(formatValue(12.345, ValueUnit::Percent), QStringLiteral("12.35 %"));
}

void TestDashboards::panelShowsSeriesFromScrapes()
{
    LocalHttpServer server;
    std::atomic<int> scrapes{0};
    server.route("/metrics", [&scrapes](Connection &c, const RecordedRequest &) {
        const int n = ++scrapes;
        std::string page = "# TYPE http_request_duration_seconds histogram\n";
        const std::pair<const char *, int> buckets[] = {{"0.05", 40}, {"0.1", 90}, {"0.25", 100}, {"+Inf", 100}};
        for (const auto &[le, count] : buckets)
            page += "http_request_duration_seconds_bucket{method=\"GET\",endpoint=\"/x\",le=\"" + std::string(le)
                + "\"} " + std::to_string(count * n) + "\n";
        page += "http_request_duration_seconds_count{method=\"GET\",endpoint=\"/x\"} " + std::to_string(100 * n) + "\n";
        page += "# TYPE http_requests_total counter\n";
        page += "http_requests_total{method=\"GET\",endpoint=\"/x\",status=\"200\"} " + std::to_string(95 * n) + "\n";
        page += "http_requests_total{method=\"GET\",endpoint=\"/x\",status=\"500\"} " + std::to_string(5 * n) + "\n";
        page += "process_resident_memory_bytes 52428800\nprocess_cpu_seconds_total " + std::to_string(0.1 * n) + "\n";
        c.respond(200, "text/plain; version=0.0.4", page);
    });
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.services << scrapedService(QStringLiteral("api"), server.url("/metrics"));
    profile.dashboards << requestsByService();

    DashboardOnScreen shown(profile, QSize(1000, 900));
    DashboardPanel &panel = shown.panel;
    // The profile's own dashboards come first in the picker.
    QVERIFY(panel.currentService().isEmpty());
    QCOMPARE(panel.charts().size(), 1);
    panel.setCurrentService(QStringLiteral("api"));
    QCOMPARE(panel.currentService(), QStringLiteral("api"));
    // The service's dashboard is chosen from what it exposes: after its first scrape.
    QTRY_COMPARE_WITH_TIMEOUT(panel.charts().size(), 6, 10000);
    QCOMPARE(panel.charts()[0]->objectName(), QStringLiteral("chart0"));

    // Rates need two scrapes in their window; give it a few.
    TimeSeriesChart *latency = panel.charts()[0];
    QTRY_COMPARE_WITH_TIMEOUT(latency->lineCount(), 3, 15000);  // p50, p95, p99
    QTRY_VERIFY_WITH_TIMEOUT(latency->drawnPointCount(QStringLiteral("1")) > 0, 15000);
    TimeSeriesChart *byStatus = panel.charts()[1];
    QCOMPARE(byStatus->lineCount(), 2);
    TimeSeriesChart *memory = panel.charts()[5];
    QCOMPARE(memory->lineCount(), 1);

    // A dashboard of the profile's own, over every service.
    panel.setCurrentDashboard(QStringLiteral("Overview"));
    QVERIFY(panel.currentService().isEmpty());
    QCOMPARE(panel.charts().size(), 1);
    QCOMPARE(panel.charts()[0]->objectName(), QStringLiteral("chart0"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.charts()[0]->lineCount(), 1, 10000);
    panel.setCurrentService(QStringLiteral("api"));
    QCOMPARE(panel.charts().size(), 6);
}

void TestDashboards::zoomPausesLiveFollow()
{
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.services << scrapedService(QStringLiteral("api"), "http://127.0.0.1:" + std::to_string(LocalHttpServer::unusedPort()) + "/metrics");
    LocalQuery rate;
    rate.metric = "http_requests_total";
    profile.dashboards << DashboardSpec{QStringLiteral("Overview"), {PanelSpec{QStringLiteral("Requests"), QString(), {{QString(), rate}}, {}}}};
    ProfileSession session(profile);
    DashboardPanel panel;
    panel.setSession(&session);
    QVERIFY(panel.isLive());
    QCOMPARE(panel.charts().size(), 1);
    Q_EMIT panel.charts()[0]->rangeSelected(1000, 2000);
    QVERIFY(!panel.isLive());
    auto *reset = panel.findChildren<QToolButton *>().at(1);
    QVERIFY(reset->isEnabled());
    reset->click();
    QVERIFY(panel.isLive());
    panel.showCustomRange(1'000'000, 2'000'000);
    QVERIFY(!panel.isLive());
    QVERIFY(reset->isEnabled());
    reset->click();
    QVERIFY(panel.isLive());
    // A failing target makes the charts say they are stale.
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(!session.lastScrapes().isEmpty(), 5000);
    QVERIFY(!session.lastScrapes().value(QStringLiteral("api")).ok);
    // A target that never answered has no dashboard of its kind yet, and says why.
    panel.setCurrentService(QStringLiteral("api"));
    QVERIFY(panel.charts().isEmpty());
    auto *status = panel.findChild<QLabel *>(QStringLiteral("dashboardStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("has not answered yet")), 5000);
    QVERIFY(status->text().contains(QLatin1String("cannot connect")));
}

void TestDashboards::promqlPanelsAskPrometheus()
{
    // A stand-in for Prometheus's query_range (the client itself is tested
    // against a real Prometheus in tst_prometheus_integration).
    LocalHttpServer prometheus;
    std::atomic<int> asked{0};
    prometheus.route("/api/v1/query_range", [&asked](Connection &c, const RecordedRequest &r) {
        ++asked;
        const bool good = r.target.find("step=") != std::string::npos && r.target.find("query=") != std::string::npos;
        const long long now = QDateTime::currentSecsSinceEpoch();
        c.respond(good ? 200 : 400, "application/json",
                  good ? R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"alertname":"HighLatency"},"values":[[)"
                             + std::to_string(now - 20) + R"(,"1"],[)" + std::to_string(now - 10) + R"(,"2"]]}]}})"
                       : R"({"status":"error","errorType":"bad_data","error":"no step"})");
    });
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.prometheus = PrometheusConfig{QUrl(QString::fromStdString(prometheus.url(""))), {}};
    PanelQuerySpec promql;
    promql.legend = QStringLiteral("{{alertname}}");
    promql.promql = QStringLiteral("count by (alertname) (count_over_time(ALERTS{alertstate=\"firing\"}[$__rate_interval]))");
    profile.dashboards << DashboardSpec{QStringLiteral("Alerts"), {PanelSpec{QStringLiteral("Firing"), QString(), {promql}, {}}}};

    ProfileSession session(profile);
    DashboardPanel panel;
    panel.resize(800, 500);
    panel.setSession(&session);
    QCOMPARE(panel.charts().size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(panel.charts()[0]->lineCount(), 1, 10000);
    QVERIFY(panel.charts()[0]->drawnPointCount(QStringLiteral("0\x1f" "alertname=HighLatency")) >= 2);
    QVERIFY(asked >= 1);
    // Grafana's interval variables were filled in before asking.
    for (const auto &r : prometheus.requests())
        QVERIFY2(r.target.find("__rate_interval") == std::string::npos, r.target.c_str());

    // An imported dashboard joins the picker.
    session.addDashboard(DashboardSpec{QStringLiteral("Imported"),
                                       {PanelSpec{QStringLiteral("a"), QString(), {promql}, {}},
                                        PanelSpec{QStringLiteral("b"), QString(), {promql}, {}}}});
    panel.reloadDashboardList();
    panel.setCurrentDashboard(QStringLiteral("Imported"));
    QCOMPARE(panel.charts().size(), 2);

    // Without a Prometheus in the profile the chart says so.
    Profile without = profile;
    without.prometheus.reset();
    ProfileSession other(without);
    panel.setSession(&other);
    QSignalSpy refreshed(&panel, &DashboardPanel::refreshed);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(panel.charts()[0]->lineCount(), 0);
}

void TestDashboards::failingServiceMarksOnlyItsOwnLines()
{
    // Two services on one chart; one stops answering. Its line is marked stale, dashed and
    // labelled; the healthy one is drawn as before and nothing is written over the chart.
    LocalHttpServer server;
    std::atomic<int> scrapes{0};
    std::atomic<bool> brokenDown{false};
    auto page = [&scrapes] {
        const int n = ++scrapes;
        return "# TYPE http_requests_total counter\nhttp_requests_total{status=\"200\"} " + std::to_string(10 * n) + "\n";
    };
    server.route("/up", [page](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain; version=0.0.4", page()); });
    server.route("/down", [page, &brokenDown](Connection &c, const RecordedRequest &) {
        if (brokenDown)
            c.respond(503, "text/plain", "unavailable");
        else
            c.respond(200, "text/plain; version=0.0.4", page());
    });
    Profile profile;
    profile.name = QStringLiteral("test");
    for (const char *name : {"up", "down"})
        profile.services << scrapedService(QString::fromLatin1(name), server.url(std::string("/") + name));
    profile.dashboards << requestsByService();
    DashboardOnScreen shown(profile, QSize(900, 500));
    DashboardPanel &panel = shown.panel;
    TimeSeriesChart *chart = panel.charts()[0];
    const QString up = QStringLiteral("0\x1f" "service=up"), down = QStringLiteral("0\x1f" "service=down");
    QTRY_VERIFY_WITH_TIMEOUT(chart->drawnPointCount(up) > 0 && chart->drawnPointCount(down) > 0, 15000);
    QVERIFY(!chart->isLineStale(up) && !chart->isLineStale(down));

    brokenDown = true;
    QTRY_VERIFY_WITH_TIMEOUT(chart->isLineStale(down), 10000);
    QVERIFY(!chart->isLineStale(up));
    QCOMPARE(chart->legendText(down), QStringLiteral("down (stale)"));
    QCOMPARE(chart->legendText(up), QStringLiteral("up"));
    QVERIFY(chart->noticeText().isEmpty());  // nothing written across the healthy line

    brokenDown = false;
    QTRY_VERIFY_WITH_TIMEOUT(!chart->isLineStale(down), 10000);
}

void TestDashboards::timeLabelsFitTheRange()
{
    TimeSeriesChart chart;
    chart.resize(600, 300);
    chart.show();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    chart.setTimeRange(now - 15 * 60000, now);
    QCOMPARE(chart.timeFormat(), QStringLiteral("HH:mm"));  // 15 minutes: no seconds
    chart.setTimeRange(now - 2 * 60000, now);
    QCOMPARE(chart.timeFormat(), QStringLiteral("HH:mm:ss"));  // ticks under a minute apart
    chart.setTimeRange(now - 3 * 86400000LL, now);
    QCOMPARE(chart.timeFormat(), QStringLiteral("MM-dd HH:mm"));
}

void TestDashboards::exporterGetsADashboardOfItsKind()
{
    // A node_exporter is no HTTP service: it gets CPU, load and memory, not six empty latency charts.
    LocalHttpServer server;
    std::atomic<int> scrapes{0};
    server.route("/metrics", [&scrapes](Connection &c, const RecordedRequest &) {
        const int n = ++scrapes;
        std::string page = "# TYPE node_cpu_seconds_total counter\n";
        for (const char *mode : {"idle", "user", "system"})
            page += "node_cpu_seconds_total{cpu=\"0\",mode=\"" + std::string(mode) + "\"} "
                + std::to_string(std::string(mode) == "idle" ? 3 * n : n) + "\n";
        page += "# TYPE node_load1 gauge\nnode_load1 0.5\nnode_load5 0.4\nnode_load15 0.3\n"
                "node_memory_MemTotal_bytes 8e9\nnode_memory_MemAvailable_bytes 5e9\n";
        c.respond(200, "text/plain; version=0.0.4", page);
    });
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.services << scrapedService(QStringLiteral("node"), server.url("/metrics"));
    DashboardOnScreen shown(profile, QSize(900, 700));
    DashboardPanel &panel = shown.panel;
    QCOMPARE(panel.currentService(), QStringLiteral("node"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.charts().isEmpty(), 10000);
    QCOMPARE(panel.charts()[0]->chart()->title(), QStringLiteral("CPU busy"));
    QCOMPARE(panel.charts()[1]->chart()->title(), QStringLiteral("Load average"));
    // Three scrapes: the CPU ratio (2 of every 5 seconds busy) is drawn.
    QTRY_VERIFY_WITH_TIMEOUT(panel.charts()[0]->drawnPointCount(QStringLiteral("0")) > 0, 15000);
}

void TestDashboards::queryMatchingNothingSaysSo()
{
    // A Grafana variable resolved to nothing, a label that does not exist: Prometheus answers
    // with no series, and waiting will not change it.
    LocalHttpServer prometheus;
    prometheus.route("/api/v1/query_range", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"success","data":{"resultType":"matrix","result":[]}})");
    });
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.prometheus = PrometheusConfig{QUrl(QString::fromStdString(prometheus.url(""))), {}};
    PanelQuerySpec promql;
    promql.promql = QStringLiteral(R"(node_load1{instance="nowhere"})");
    profile.dashboards << DashboardSpec{QStringLiteral("Hosts"), {PanelSpec{QStringLiteral("Load"), QString(), {promql}, {}}}};
    ProfileSession session(profile);
    DashboardPanel panel;
    panel.resize(800, 500);
    panel.setSession(&session);
    QSignalSpy refreshed(&panel, &DashboardPanel::refreshed);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(panel.charts()[0]->emptyText(), QStringLiteral("No series match the query"));
    QVERIFY(!panel.charts()[0]->hasPoints());
}

void TestDashboards::pastComesFromPrometheus()
{
    // One server is the service (its /metrics) and a Prometheus that has scraped it for
    // hours under its own labels (job, instance): the chart's past comes from there.
    LocalHttpServer server;
    std::atomic<int> scrapes{0};
    std::mutex mutex;
    std::string asked;
    server.route("/metrics", [&scrapes](Connection &c, const RecordedRequest &) {
        c.respond(200, "text/plain; version=0.0.4",
                  "# TYPE http_requests_total counter\nhttp_requests_total{status=\"200\"} " + std::to_string(10 * ++scrapes) + "\n");
    });
    const std::string metricsUrl = server.url("/metrics");
    server.route("/api/v1/targets", [metricsUrl](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"success","data":{"activeTargets":[{"labels":{"job":"api-job","instance":"host:1"},"scrapeUrl":")"
                                               + metricsUrl + R"(","health":"up","lastError":"","lastScrapeDuration":0.01}],"droppedTargets":[]}})");
    });
    server.route("/api/v1/query_range", [&mutex, &asked](Connection &c, const RecordedRequest &r) {
        {
            std::lock_guard lock(mutex);
            asked = QUrl::fromPercentEncoding(QByteArray::fromStdString(r.target)).toStdString();
        }
        // A steady 5 requests a second over the range asked for.
        const QUrlQuery query(QUrl(QString::fromStdString("http://x" + r.target)));
        const long long start = query.queryItemValue(QStringLiteral("start")).toDouble();
        const long long end = query.queryItemValue(QStringLiteral("end")).toDouble();
        const long long step = std::max(1LL, query.queryItemValue(QStringLiteral("step")).toLongLong());
        std::string values;
        for (long long t = start; t <= end; t += step)
            values += (values.empty() ? "" : ",") + ("[" + std::to_string(t) + ",\"5\"]");
        c.respond(200, "application/json",
                  R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"api"},"values":[)" + values + "]}]}}");
    });
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.services << scrapedService(QStringLiteral("api"), metricsUrl);
    profile.prometheus = PrometheusConfig{QUrl(QString::fromStdString(server.url(""))), {}};
    profile.dashboards << requestsByService();
    DashboardOnScreen shown(profile, QSize(900, 500));
    DashboardPanel &panel = shown.panel;
    TimeSeriesChart *chart = panel.charts()[0];
    const QString line = QStringLiteral("0\x1f" "service=api");
    // 15 minutes of past at 10 s or finer steps: 90 points or more, where a few seconds of
    // our own scrapes give a handful.
    QTRY_VERIFY_WITH_TIMEOUT(chart->drawnPointCount(line) >= 60, 5000);
    std::lock_guard lock(mutex);
    QVERIFY2(asked.find("job=\"api-job\"") != std::string::npos && asked.find("instance=\"host:1\"") != std::string::npos, asked.c_str());
    QVERIFY2(asked.find("label_replace(") != std::string::npos, asked.c_str());
}

namespace {

// A stand-in for Prometheus over two node_exporters of job "node" and one of job
// "edge": label values narrowed by match[], and query_range answers that echo,
// in a label, the query they were asked (so a test sees what was written).
struct NodePrometheus {
    LocalHttpServer server;
    std::mutex mutex;
    std::vector<std::string> queries;

    NodePrometheus()
    {
        server.route("/api/v1/label/job/values", [](Connection &c, const RecordedRequest &) {
            c.respond(200, "application/json", R"({"status":"success","data":["node","edge"]})");
        });
        server.route("/api/v1/label/instance/values", [](Connection &c, const RecordedRequest &r) {
            const bool edge = r.target.find("job%3D%22edge%22") != std::string::npos;
            c.respond(200, "application/json", edge ? R"({"status":"success","data":["10.9.0.1:9100"]})"
                                                    : R"({"status":"success","data":["10.0.0.2:9100","10.0.0.1:9100"]})");
        });
        server.route("/api/v1/query_range", [this](Connection &c, const RecordedRequest &r) {
            const QUrlQuery q(QUrl(QString::fromStdString("http://x" + r.target)));
            const std::string query = q.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded).toStdString();
            {
                std::lock_guard lock(mutex);
                queries.push_back(query);
            }
            const long long now = QDateTime::currentSecsSinceEpoch();
            // Two mountpoints for the bar gauge, one series for the rest; values rise to 42.5.
            const bool perMount = query.find("node_filesystem") != std::string::npos;
            std::string result;
            for (const char *mount : perMount ? std::vector<const char *>{"/", "/data"} : std::vector<const char *>{""}) {
                result += std::string(result.empty() ? "" : ",") + R"({"metric":{"mountpoint":")" + mount + R"("},"values":[[)"
                    + std::to_string(now - 20) + R"(,"40"],[)" + std::to_string(now - 10) + R"(,"42.5"]]})";
            }
            c.respond(200, "application/json", R"({"status":"success","data":{"resultType":"matrix","result":[)" + result + "]}}");
        });
    }
    bool asked(const std::string &part)
    {
        std::lock_guard lock(mutex);
        return std::any_of(queries.begin(), queries.end(), [&](const std::string &q) { return q.find(part) != std::string::npos; });
    }
    void forget()
    {
        std::lock_guard lock(mutex);
        queries.clear();
    }
};

GrafanaImport importNodeHost()
{
    QFile f(QStringLiteral(OPSDECK_SOURCE_DIR "/demo/grafana/host.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return importGrafanaDashboard(f.readAll());
}

} // namespace

void TestDashboards::grafanaVariablesArePickedOnTheDashboard()
{
    NodePrometheus prometheus;
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.prometheus = PrometheusConfig{QUrl(QString::fromStdString(prometheus.server.url(""))), {}};
    const GrafanaImport imported = importNodeHost();
    QVERIFY2(imported.ok() && !imported.dashboard.panels.isEmpty(), qPrintable(imported.error));
    profile.dashboards << imported.dashboard;
    DashboardOnScreen screen(profile, QSize(1200, 800));
    DashboardPanel &panel = screen.panel;

    // The pickers, as Grafana shows them: Job and Host, not the hidden one nor the data source.
    QVERIFY(panel.variableBar()->isVisible());
    auto *job = qobject_cast<QComboBox *>(panel.variableBar()->picker(QStringLiteral("job")));
    auto *host = qobject_cast<QComboBox *>(panel.variableBar()->picker(QStringLiteral("node")));
    QVERIFY(job && host);
    QVERIFY(!panel.variableBar()->picker(QStringLiteral("diskdevices")));
    QVERIFY(!panel.variableBar()->picker(QStringLiteral("datasource")));
    QTRY_COMPARE_WITH_TIMEOUT(job->count(), 2, 10000);
    QCOMPARE(job->itemText(0), QStringLiteral("edge"));  // sorted, as the dashboard asks
    QTRY_COMPARE_WITH_TIMEOUT(host->currentText(), QStringLiteral("10.9.0.1:9100"), 10000);

    // The queries carry the picked values in their equality matchers, never .*
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"(instance="10.9.0.1:9100",job="edge")"), 10000);
    QVERIFY(!prometheus.asked(".*\""));
    QVERIFY(!prometheus.asked("$node"));
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"(device=~"[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+")"), 5000);

    // The user picks the other job: its hosts are fetched, the first is taken, the charts ask again.
    prometheus.forget();
    job->setCurrentIndex(1);
    Q_EMIT job->activated(1);
    QTRY_COMPARE_WITH_TIMEOUT(host->count(), 2, 10000);
    QCOMPARE(host->currentText(), QStringLiteral("10.0.0.1:9100"));  // sorted: .1 before .2
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"(instance="10.0.0.1:9100",job="node")"), 10000);
    // Then a host: only that host's series are asked for.
    prometheus.forget();
    host->setCurrentIndex(1);
    Q_EMIT host->activated(1);
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"(instance="10.0.0.2:9100",job="node")"), 10000);
    // Questions sent before the pick may still be on their way: from the next refresh on, only the new host.
    QSignalSpy refreshed(&panel, &DashboardPanel::refreshed);
    QVERIFY(refreshed.wait(5000));
    prometheus.forget();
    QVERIFY(refreshed.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"(instance="10.0.0.2:9100",job="node")"), 10000);
    QVERIFY(!prometheus.asked("10.0.0.1:9100"));
    // Titles follow the variables.
    const auto chart = std::find_if(panel.charts().cbegin(), panel.charts().cend(), [](TimeSeriesChart *c) {
        return c->chart()->title().startsWith(QLatin1String("Memory Basic"));
    });
    QVERIFY(chart != panel.charts().cend());
    QCOMPARE((*chart)->chart()->title(), QStringLiteral("Memory Basic on 10.0.0.2:9100"));
}

void TestDashboards::tilesShowOneValuePerSeries()
{
    NodePrometheus prometheus;
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.prometheus = PrometheusConfig{QUrl(QString::fromStdString(prometheus.server.url(""))), {}};
    profile.dashboards << importNodeHost().dashboard;
    DashboardOnScreen screen(profile, QSize(1366, 900));
    DashboardPanel &panel = screen.panel;

    // Five stat and gauge tiles and a bar gauge: one row of six, above the charts.
    QCOMPARE(panel.tiles().size(), 6);
    QCOMPARE(panel.charts().size(), 4);
    auto tileTitled = [&](const QString &title) -> StatTile * {
        for (StatTile *t : panel.tiles()) {
            if (t->title() == title)
                return t;
        }
        return nullptr;
    };
    StatTile *cpu = tileTitled(QStringLiteral("CPU Busy"));
    StatTile *load = tileTitled(QStringLiteral("Load (1m)"));
    StatTile *disks = tileTitled(QStringLiteral("Filesystems used"));
    QVERIFY(cpu && load && disks);
    QCOMPARE(cpu->style(), StatTile::Style::Gauge);
    QCOMPARE(disks->style(), StatTile::Style::Bar);
    QCOMPARE(cpu->scale(), (std::pair<double, double>(0, 100)));
    QVERIFY(cpu->geometry().bottom() < panel.charts().first()->geometry().top() || cpu->mapTo(&panel, QPoint(0, 0)).y()
            < panel.charts().first()->mapTo(&panel, QPoint(0, 0)).y());

    // The last value of each series, with the unit and the dashboard's decimals.
    QTRY_COMPARE_WITH_TIMEOUT(cpu->itemCount(), 1, 10000);
    QCOMPARE(cpu->valueText(0), QStringLiteral("42.5 %"));
    QTRY_COMPARE_WITH_TIMEOUT(load->itemCount(), 1, 10000);
    QCOMPARE(load->valueText(0), QStringLiteral("42.50"));
    // 42.5 is at or above the 8 of the dark-red step.
    QCOMPARE(load->valueColor(0), QColor(QStringLiteral("#c4162a")));
    QCOMPARE(cpu->valueColor(0), QColor(QStringLiteral("#32ac2d")));  // below 85: the base colour
    // A bar per filesystem, labelled by its legend.
    QTRY_COMPARE_WITH_TIMEOUT(disks->itemCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(disks->height() >= disks->sizeHint().height(), 5000);  // as tall as its bars, once laid out again

    // A tile says so when its query matches nothing.
    StatTile tile;
    tile.setItems({});
    tile.setEmptyText(QStringLiteral("No series match the query"));
    QCOMPARE(tile.emptyText(), QStringLiteral("No series match the query"));
    QCOMPARE(tile.valueText(0), QString());
}

void TestDashboards::severalValuesArePickedFromAMenu()
{
    // A multi-value variable with "All": a menu of check boxes, as Grafana's dropdown.
    NodePrometheus prometheus;
    Profile profile;
    profile.name = QStringLiteral("test");
    profile.prometheus = PrometheusConfig{QUrl(QString::fromStdString(prometheus.server.url(""))), {}};
    DashboardVariable env;
    env.name = QStringLiteral("env");
    env.kind = DashboardVariable::Kind::Custom;
    env.query = QStringLiteral("prod,staging,dev");
    env.multi = true;
    env.includeAll = true;
    PanelQuerySpec q;
    q.promql = QStringLiteral("up{env=~\"$env\"}");
    DashboardSpec dashboard{QStringLiteral("Envs"), {PanelSpec{QStringLiteral("Up in $env"), QString(), {q}, {}}}};
    dashboard.variables = {env};
    profile.dashboards << dashboard;
    DashboardOnScreen screen(profile, QSize(900, 600));

    auto *button = qobject_cast<QToolButton *>(screen.panel.variableBar()->picker(QStringLiteral("env")));
    QVERIFY(button);
    QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("All"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"q(up{env=~"(prod|staging|dev)"})q"), 5000);
    auto actionNamed = [&](const QString &text) -> QAction * {
        for (QAction *a : button->menu()->actions()) {
            if (a->text() == text)
                return a;
        }
        return nullptr;
    };
    // Tick staging: only staging; then tick dev too.
    QVERIFY(actionNamed(QStringLiteral("staging")));
    actionNamed(QStringLiteral("staging"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("staging"), 5000);
    actionNamed(QStringLiteral("dev"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("staging + dev"), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(prometheus.asked(R"q(up{env=~"(staging|dev)"})q"), 5000);
    QCOMPARE(screen.panel.charts().first()->chart()->title(), QStringLiteral("Up in staging + dev"));
    // Unticking both leaves one: a variable always has a value.
    actionNamed(QStringLiteral("staging"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("dev"), 5000);
    actionNamed(QStringLiteral("dev"))->trigger();
    QTest::qWait(100);
    QCOMPARE(button->text(), QStringLiteral("dev"));
    QVERIFY(actionNamed(QStringLiteral("dev"))->isChecked());
    // All again.
    actionNamed(QStringLiteral("All"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(button->text(), QStringLiteral("All"), 5000);
}

QTEST_MAIN(TestDashboards)
#include "tst_dashboards.moc"
