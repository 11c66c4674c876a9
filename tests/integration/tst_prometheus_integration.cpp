// Against a real Prometheus scraping the demo services: the API client (every
// endpoint, errors included), and our PromQL arithmetic fed with Prometheus's
// own raw samples must give Prometheus's own answers.

#include "config/config.h"
#include "demo_environment.h"
#include "metrics/local_query.h"
#include "metrics/promql_functions.h"
#include "net/http_client.h"
#include "prometheus/metrics_scraper.h"
#include "prometheus/prometheus_api.h"
#include "prometheus_answers.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <map>

using namespace opsdeck;

class TestPrometheusIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsTargetsLabelsAndSeries();
    void reportsPromqlErrorsAsPrometheusSaysThem();
    void runsRangeQueries();
    void localRateMatchesPrometheus();
    void localQuantileMatchesPrometheus();
    void reportsUnreachablePrometheus();
    void ourScrapesAgreeWithPrometheus();

private:
    PromApiResult wait(quint64 id) { return m_answers->wait(id); }

    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), false};
    HttpClient m_http;
    std::unique_ptr<PrometheusClient> m_prometheus;
    std::unique_ptr<testsupport::PrometheusAnswers> m_answers;
    SeriesStore m_store;
    std::unique_ptr<MetricsScraper> m_scraper;
};

void TestPrometheusIntegration::initTestCase()
{
    QVERIFY2(m_demo.start(), "the demo environment did not start");
    m_prometheus = std::make_unique<PrometheusClient>(&m_http, QUrl(m_demo.prometheusUrl()));
    m_answers = std::make_unique<testsupport::PrometheusAnswers>(m_prometheus.get());
    // Our own scraper on the same services, at Prometheus's interval.
    const auto loaded = loadConfigFile(m_demo.configPath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    m_scraper = std::make_unique<MetricsScraper>(&m_http, &m_store);
    m_scraper->setServices(loaded.config->profiles.first().services);
    m_scraper->start();
    // Wait until every demo service has been scraped for a while (2 s interval).
    bool ready = false;
    for (int i = 0; i < 60 && !ready; ++i) {
        const auto r = wait(m_prometheus->query(QStringLiteral("count(count_over_time(up{job=\"demo-services\"}[1m]) >= 8)")));
        ready = r.ok && !r.series.empty() && !r.series[0].points.empty() && r.series[0].points[0].value == 3;
        if (!ready)
            QTest::qWait(1000);
    }
    QVERIFY2(ready, "Prometheus did not collect 8 scrapes of each demo service in time");
}

void TestPrometheusIntegration::listsTargetsLabelsAndSeries()
{
    const auto targets = wait(m_prometheus->targets());
    QVERIFY2(targets.ok, qPrintable(targets.error));
    int upServices = 0;
    for (const PromTarget &t : targets.targets) {
        for (const auto &[k, v] : t.labels) {
            if (k == "job" && v == "demo-services" && t.health == u"up")
                ++upServices;
        }
    }
    QCOMPARE(upServices, 3);

    const auto labels = wait(m_prometheus->labels());
    QVERIFY(labels.ok);
    QVERIFY(labels.names.contains(QStringLiteral("__name__")));
    QVERIFY(labels.names.contains(QStringLiteral("endpoint")));

    const auto services = wait(m_prometheus->labelValues(QStringLiteral("service")));
    QVERIFY(services.ok);
    QCOMPARE(services.names, (QStringList{QStringLiteral("api-gateway"), QStringLiteral("market-data"),
                                          QStringLiteral("trading-engine")}));

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto series = wait(m_prometheus->series({QStringLiteral("build_info")}, now - 60000, now));
    QVERIFY(series.ok);
    QCOMPARE(series.seriesSets.size(), size_t(3));
}

void TestPrometheusIntegration::reportsPromqlErrorsAsPrometheusSaysThem()
{
    const auto bad = wait(m_prometheus->query(QStringLiteral("rate(http_requests_total[5m")));
    QVERIFY(!bad.ok);
    QCOMPARE(bad.httpStatus, 400);
    QCOMPARE(bad.errorType, QStringLiteral("bad_data"));
    QVERIFY2(bad.error.contains(QLatin1String("parse error")), qPrintable(bad.error));

    const auto wrongType = wait(m_prometheus->query(QStringLiteral("rate(up)")));
    QVERIFY(!wrongType.ok);
    QCOMPARE(wrongType.errorType, QStringLiteral("bad_data"));

    // Values travel as strings: NaN and ±Inf survive.
    const auto special = wait(m_prometheus->query(QStringLiteral("vector(+Inf) or label_replace(vector(NaN), \"x\", \"1\", \"\", \"\")")));
    QVERIFY(special.ok);
    QCOMPARE(special.series.size(), size_t(2));
    bool sawInf = false, sawNaN = false;
    for (const PromSeries &s : special.series) {
        sawInf |= std::isinf(s.points[0].value);
        sawNaN |= std::isnan(s.points[0].value);
    }
    QVERIFY(sawInf && sawNaN);
    const auto scalar = wait(m_prometheus->query(QStringLiteral("scalar(vector(1.5)) * 2")));
    QCOMPARE(scalar.resultType, QStringLiteral("scalar"));
    QCOMPARE(scalar.series[0].points[0].value, 3.0);
}

void TestPrometheusIntegration::runsRangeQueries()
{
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const auto r = wait(m_prometheus->queryRange(QStringLiteral("sum by (service) (rate(http_requests_total[20s]))"),
                                                 end - 60000, end, 2));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.resultType, QStringLiteral("matrix"));
    QCOMPARE(r.series.size(), size_t(3));
    for (const PromSeries &s : r.series) {
        QVERIFY2(s.points.size() >= 5, qPrintable(QString::number(s.points.size())));  // data for ~16 s so far
        for (size_t i = 1; i < s.points.size(); ++i)
            QCOMPARE(s.points[i].timestampMs - s.points[i - 1].timestampMs, qint64(2000));
        // The demo services simulate 30, 60 and 90 requests a second, give or take 30 %.
        QVERIFY2(s.points.back().value > 15 && s.points.back().value < 150, qPrintable(QString::number(s.points.back().value)));
    }
}

void TestPrometheusIntegration::localRateMatchesPrometheus()
{
    // One evaluation time for both, slightly in the past so every sample is in.
    const qint64 at = QDateTime::currentMSecsSinceEpoch() - 3000;
    const QString selector = QStringLiteral("http_requests_total{service=\"api-gateway\"}");
    const auto raw = wait(m_prometheus->query(selector + QStringLiteral("[20s]"), at));
    QVERIFY2(raw.ok, qPrintable(raw.error));
    QCOMPARE(raw.resultType, QStringLiteral("matrix"));
    const auto expected = wait(m_prometheus->query(QStringLiteral("rate(%1[20s])").arg(selector), at));
    QVERIFY(expected.ok);
    QVERIFY(!expected.series.empty());

    std::map<Labels, double> theirs;
    for (const PromSeries &s : expected.series) {
        Labels key = s.metric;  // rate() drops __name__
        theirs[key] = s.points[0].value;
    }
    int compared = 0;
    for (PromSeries s : raw.series) {
        const auto ours = promql::rate(s.points, at - 20000, at);
        s.metric.erase(std::remove_if(s.metric.begin(), s.metric.end(), [](const auto &l) { return l.first == "__name__"; }),
                       s.metric.end());
        const auto it = theirs.find(s.metric);
        if (!ours) {
            QVERIFY(it == theirs.end());
            continue;
        }
        QVERIFY(it != theirs.end());
        QVERIFY2(std::abs(*ours - it->second) <= 1e-9 * std::max(1.0, std::abs(it->second)),
                 qPrintable(QStringLiteral("ours %1, Prometheus %2").arg(*ours, 0, 'g', 17).arg(it->second, 0, 'g', 17)));
        ++compared;
    }
    QVERIFY2(compared >= 4, qPrintable(QString::number(compared)));
}

void TestPrometheusIntegration::localQuantileMatchesPrometheus()
{
    const qint64 at = QDateTime::currentMSecsSinceEpoch() - 3000;
    const QString buckets = QStringLiteral("rate(http_request_duration_seconds_bucket{service=\"trading-engine\"}[20s])");
    const auto rates = wait(m_prometheus->query(QStringLiteral("sum by (le) (%1)").arg(buckets), at));
    QVERIFY2(rates.ok, qPrintable(rates.error));
    std::vector<promql::Bucket> bucketRates;
    for (const PromSeries &s : rates.series) {
        for (const auto &[k, v] : s.metric) {
            if (k == "le") {
                double bound;
                QVERIFY(v == "+Inf" ? (bound = std::numeric_limits<double>::infinity(), true) : (bound = std::stod(v), true));
                bucketRates.push_back({bound, s.points[0].value});
            }
        }
    }
    QVERIFY(bucketRates.size() >= 10);
    for (double q : {0.5, 0.9, 0.95, 0.99}) {
        const auto theirs = wait(m_prometheus->query(
            QStringLiteral("histogram_quantile(%1, sum by (le) (%2))").arg(q).arg(buckets), at));
        QVERIFY(theirs.ok);
        QCOMPARE(theirs.series.size(), size_t(1));
        const double expected = theirs.series[0].points[0].value;
        const double ours = promql::bucketQuantile(q, bucketRates);
        QVERIFY2(std::abs(ours - expected) <= 1e-12 * std::max(1.0, std::abs(expected)),
                 qPrintable(QStringLiteral("q=%1 ours %2, Prometheus %3").arg(q).arg(ours, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }
}

void TestPrometheusIntegration::reportsUnreachablePrometheus()
{
    PrometheusClient nowhere(&m_http, QUrl(QStringLiteral("http://127.0.0.1:1")));
    QSignalSpy spy(&nowhere, &PrometheusClient::finished);
    nowhere.query(QStringLiteral("up"));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 1, 10000);
    const auto r = spy.at(0).at(1).value<PromApiResult>();
    QVERIFY(!r.ok);
    QCOMPARE(r.errorType, QStringLiteral("transport"));
    QVERIFY(r.error.contains(QLatin1String("cannot connect")));
}

void TestPrometheusIntegration::ourScrapesAgreeWithPrometheus()
{
    // Same services, same interval, but scrapes at other instants: the rates
    // agree closely, not exactly (the traffic changes between the two scrapes).
    const qint64 at = QDateTime::currentMSecsSinceEpoch() - 2500;
    LocalQuery q;
    q.kind = LocalQuery::Kind::Rate;
    q.metric = "http_requests_total";
    q.by = {"service"};
    q.windowMs = 12000;
    const auto ours = evaluateRange(m_store, q, at, at, 1000);
    const auto theirs = wait(m_prometheus->query(QStringLiteral("sum by (service) (rate(http_requests_total[12s]))"), at));
    QVERIFY(theirs.ok);
    QCOMPARE(ours.size(), theirs.series.size());
    for (const PromSeries &t : theirs.series) {
        const auto match = std::find_if(ours.begin(), ours.end(), [&](const EvaluatedSeries &o) { return o.labels == t.metric; });
        QVERIFY(match != ours.end());
        const double expected = t.points[0].value;
        const double got = match->points.at(0).value;
        QVERIFY2(std::abs(got - expected) <= 0.2 * expected,
                 qPrintable(QStringLiteral("ours %1, Prometheus %2").arg(got).arg(expected)));
    }
    // Our up series says every scrape worked: the three services and the host's node_exporter.
    const auto up = m_store.select("up");
    QCOMPARE(up.size(), size_t(4));
    for (const auto id : up) {
        SamplePoint last;
        QVERIFY(m_store.last(id, &last));
        QCOMPARE(last.value, 1.0);
    }
}

QTEST_GUILESS_MAIN(TestPrometheusIntegration)
#include "tst_prometheus_integration.moc"
