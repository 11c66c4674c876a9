// Teams that outgrow one Prometheus keep its HTTP API on a compatible store.
// Against a real VictoriaMetrics (Debian's victoria-metrics, on loopback, its own
// scrape of the demo services): the API client on every endpoint OpsDeck uses,
// errors as that store says them, a PromQL dashboard panel and
// `opsdeck-cli metrics query`, all unchanged from Prometheus.

#include "config/config.h"
#include "dashboards/dashboard_panel.h"
#include "demo_environment.h"
#include "net/http_client.h"
#include "profile_session.h"
#include "prometheus/prometheus_api.h"
#include "prometheus_answers.h"
#include "time_series_chart.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestVictoriaMetricsIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void listsLabelsAndSeries();
    void runsInstantAndRangeQueries();
    void reportsErrorsAsTheStoreSaysThem();
    void dashboardPanelDrawsFromIt();
    void cliQueriesIt();

private:
    PromApiResult wait(quint64 id) { return m_answers->wait(id); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), false};
    QTemporaryDir m_dir;
    QProcess m_vm;
    int m_port = 0;
    HttpClient m_http;
    std::unique_ptr<PrometheusClient> m_client;
    std::unique_ptr<testsupport::PrometheusAnswers> m_answers;
};

void TestVictoriaMetricsIntegration::initTestCase()
{
    QVERIFY2(m_demo.start(), "the demo environment did not start");
    m_port = testsupport::freePorts(1).at(0);
    // Its own scrape of the three demo services, labelled as the demo's Prometheus labels them.
    QFile scrape(m_dir.filePath(QStringLiteral("scrape.yml")));
    QVERIFY(scrape.open(QIODevice::WriteOnly));
    QByteArray yaml = "scrape_configs:\n  - job_name: demo-services\n    scrape_interval: 2s\n    static_configs:\n";
    const char *names[] = {"api-gateway", "trading-engine", "market-data"};
    for (int i = 0; i < 3; ++i)
        yaml += "      - targets: [\"127.0.0.1:" + QByteArray::number(m_demo.ports().servicesBase + i) + "\"]\n        labels: {service: "
            + names[i] + "}\n";
    scrape.write(yaml);
    scrape.close();
    m_vm.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_vm.start(QStringLiteral("victoria-metrics"),
               {QStringLiteral("-httpListenAddr=127.0.0.1:%1").arg(m_port),
                QStringLiteral("-storageDataPath=%1").arg(m_dir.filePath(QStringLiteral("data"))),
                QStringLiteral("-promscrape.config=%1").arg(scrape.fileName()),
                // It hides the newest 30 s by default; a test wants what was just scraped.
                QStringLiteral("-search.latencyOffset=1s"), QStringLiteral("-loggerLevel=ERROR")});
    QVERIFY2(m_vm.waitForStarted(10000), "victoria-metrics did not start (is the package installed?)");
    m_client = std::make_unique<PrometheusClient>(&m_http, QUrl(url()));
    m_answers = std::make_unique<testsupport::PrometheusAnswers>(m_client.get());
    bool ready = false;
    for (int i = 0; i < 60 && !ready; ++i) {
        const auto r = wait(m_client->query(QStringLiteral("count(count_over_time(up{job=\"demo-services\"}[1m]) >= 6)")));
        ready = r.ok && !r.series.empty() && !r.series[0].points.empty() && r.series[0].points[0].value == 3;
        if (!ready)
            QTest::qWait(1000);
    }
    QVERIFY2(ready, "VictoriaMetrics did not collect 6 scrapes of each demo service in time");
}

void TestVictoriaMetricsIntegration::cleanupTestCase()
{
    m_vm.terminate();
    if (!m_vm.waitForFinished(10000))
        m_vm.kill();
}

void TestVictoriaMetricsIntegration::listsLabelsAndSeries()
{
    const auto labels = wait(m_client->labels());
    QVERIFY2(labels.ok, qPrintable(labels.error));
    QVERIFY(labels.names.contains(QStringLiteral("__name__")));
    QVERIFY(labels.names.contains(QStringLiteral("service")));
    const auto services = wait(m_client->labelValues(QStringLiteral("service")));
    QVERIFY(services.ok);
    QCOMPARE(services.names, (QStringList{QStringLiteral("api-gateway"), QStringLiteral("market-data"), QStringLiteral("trading-engine")}));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto series = wait(m_client->series({QStringLiteral("build_info")}, now - 60000, now));
    QVERIFY2(series.ok, qPrintable(series.error));
    QCOMPARE(series.seriesSets.size(), size_t(3));
}

void TestVictoriaMetricsIntegration::runsInstantAndRangeQueries()
{
    const auto up = wait(m_client->query(QStringLiteral("sum(up{job=\"demo-services\"})")));
    QVERIFY2(up.ok, qPrintable(up.error));
    QCOMPARE(up.resultType, QStringLiteral("vector"));
    QCOMPARE(up.series[0].points[0].value, 3.0);

    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const auto r = wait(m_client->queryRange(QStringLiteral("sum by (service) (rate(http_requests_total[20s]))"), end - 60000, end, 2));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.resultType, QStringLiteral("matrix"));
    QCOMPARE(r.series.size(), size_t(3));
    for (const PromSeries &s : r.series) {
        QVERIFY2(s.points.size() >= 4, qPrintable(QString::number(s.points.size())));
        for (size_t i = 1; i < s.points.size(); ++i)
            QCOMPARE(s.points[i].timestampMs - s.points[i - 1].timestampMs, qint64(2000));
        QVERIFY2(s.points.back().value > 15 && s.points.back().value < 150, qPrintable(QString::number(s.points.back().value)));
    }
    // The quantile the dashboards draw, as the store computes it.
    const auto p95 = wait(m_client->query(QStringLiteral(
        "histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket[20s])))")));
    QVERIFY2(p95.ok, qPrintable(p95.error));
    QCOMPARE(p95.series.size(), size_t(3));
}

void TestVictoriaMetricsIntegration::reportsErrorsAsTheStoreSaysThem()
{
    // VictoriaMetrics answers a bad query with 422 and errorType "422", not Prometheus's 400 bad_data.
    const auto bad = wait(m_client->query(QStringLiteral("rate(http_requests_total[5m")));
    QVERIFY(!bad.ok);
    QCOMPARE(bad.httpStatus, 422);
    QVERIFY(!bad.errorType.isEmpty());
    QVERIFY2(bad.error.contains(QLatin1String("rate(http_requests_total[5m")), qPrintable(bad.error));
}

void TestVictoriaMetricsIntegration::dashboardPanelDrawsFromIt()
{
    Profile profile;
    profile.name = QStringLiteral("vm");
    profile.prometheus = PrometheusConfig{QUrl(url()), {}};
    PanelQuerySpec q;
    q.legend = QStringLiteral("{{service}}");
    q.promql = QStringLiteral("sum by (service) (rate(http_requests_total[$__rate_interval]))");
    profile.dashboards << DashboardSpec{QStringLiteral("From VictoriaMetrics"), {PanelSpec{QStringLiteral("Requests"), QStringLiteral("req/s"), {q}, {}}}};
    ProfileSession session(profile);
    DashboardPanel panel;
    panel.resize(800, 500);
    panel.setSession(&session);
    QTRY_COMPARE_WITH_TIMEOUT(panel.charts()[0]->lineCount(), 3, 15000);
    QVERIFY(panel.charts()[0]->hasPoints());
    QVERIFY(panel.charts()[0]->noticeText().isEmpty());
}

void TestVictoriaMetricsIntegration::cliQueriesIt()
{
    QFile config(m_dir.filePath(QStringLiteral("vm.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral(R"({"profiles":[{"name":"vm","prometheus":{"url":"%1"}}]})").arg(url()).toUtf8());
    config.close();
    QProcess cli;
    cli.start(QStringLiteral(OPSDECK_CLI), {QStringLiteral("metrics"), QStringLiteral("query"), QStringLiteral("sum(up{job=\"demo-services\"})"),
                                            QStringLiteral("--config"), config.fileName(), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(30000));
    const QByteArray out = cli.readAllStandardOutput();
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    // [{"metric":{},"values":[[t,"3"]]}]
    const QJsonArray series = QJsonDocument::fromJson(out).array();
    QCOMPARE(series.size(), 1);
    const QJsonArray values = series.at(0).toObject().value(QStringLiteral("values")).toArray();
    QCOMPARE(values.size(), 1);
    QCOMPARE(values.at(0).toArray().at(1).toString(), QStringLiteral("3"));
}

QTEST_MAIN(TestVictoriaMetricsIntegration)
#include "tst_victoria_metrics_integration.moc"
