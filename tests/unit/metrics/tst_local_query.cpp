// Derived series from the store: rate sums, quantiles, ratios, gauges, gaps,
// and the matcher syntax they use.

#include "metrics/label_matcher.h"
#include "metrics/local_query.h"

#include <QTest>

#include <cmath>

using namespace opsdeck;

namespace {

std::vector<LabelMatcher> matchers(const char *text)
{
    auto parsed = parseMatchers(QString::fromUtf8(text));
    if (!parsed.error.isEmpty())
        qFatal("%s", qPrintable(parsed.error));
    return parsed.matchers;
}

const EvaluatedSeries *group(const std::vector<EvaluatedSeries> &all, const std::string &label, const std::string &value)
{
    for (const auto &s : all) {
        for (const auto &[k, v] : s.labels) {
            if (k == label && v == value)
                return &s;
        }
    }
    return nullptr;
}

} // namespace

class TestLocalQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void parsesMatchers();
    void sumsRatesByLabel();
    void computesQuantilesPerGroup();
    void computesErrorRatioWithZeroForNoErrors();
    void gaugeLooksBackFiveMinutesAndLeavesGaps();
    void writesItsPromQLTwin();

private:
    std::unique_ptr<SeriesStore> m_store;
};

void TestLocalQuery::init()
{
    m_store = std::make_unique<SeriesStore>();
    // Two services scraped every 5 s for 10 minutes.
    // api: 200s grow 10/s, 500s 1/s; db: 200s 5/s, no errors.
    const auto api200 = m_store->seriesFor("http_requests_total", {{"service", "api"}, {"status", "200"}});
    const auto api500 = m_store->seriesFor("http_requests_total", {{"service", "api"}, {"status", "500"}});
    const auto db200 = m_store->seriesFor("http_requests_total", {{"service", "db"}, {"status", "200"}});
    // Histogram of api: 40% under 0.05 s, 90% under 0.1 s, all under 0.25 s; 10 observations/s.
    const std::pair<const char *, double> buckets[] = {{"0.05", 4}, {"0.1", 9}, {"0.25", 10}, {"+Inf", 10}};
    for (int i = 0; i <= 120; ++i) {
        const std::int64_t t = 1'000'000 + i * 5000;
        m_store->append(api200, t, 50.0 * i);
        m_store->append(api500, t, 5.0 * i);
        m_store->append(db200, t, 25.0 * i);
        for (const auto &[le, perSecond] : buckets) {
            const auto id = m_store->seriesFor("http_request_duration_seconds_bucket", {{"service", "api"}, {"le", le}});
            m_store->append(id, t, perSecond * 5 * i);
        }
    }
    const auto memory = m_store->seriesFor("process_resident_memory_bytes", {{"service", "api"}});
    m_store->append(memory, 1'000'000, 100e6);
    m_store->append(memory, 1'300'000, 120e6);
}

void TestLocalQuery::parsesMatchers()
{
    auto m = parseMatchers(QStringLiteral("{severity=\"critical\", team=~\"ops|db\", env!='dev', x!~\"a.*\", bare=value}"));
    QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
    QCOMPARE(m.matchers.size(), size_t(5));
    QVERIFY(m.matchers[1].matches({{"team", "db"}}));
    QVERIFY(!m.matchers[1].matches({{"team", "dbx"}}));  // anchored
    QVERIFY(m.matchers[2].matches({}));                  // missing label is ""
    QCOMPARE(m.matchers[4].value, std::string("value"));
    QVERIFY(!parseMatchers(QStringLiteral("a=~\"(\"")).error.isEmpty());
    QVERIFY(parseMatchers(QStringLiteral("a ~ \"b\"")).error.contains(QLatin1String("column 3")));
    QVERIFY(!parseMatchers(QStringLiteral("a=\"b")).error.isEmpty());
}

void TestLocalQuery::sumsRatesByLabel()
{
    LocalQuery q;
    q.kind = LocalQuery::Kind::Rate;
    q.metric = "http_requests_total";
    q.by = {"service"};
    q.windowMs = 60000;
    const auto result = evaluateRange(*m_store, q, 1'100'000, 1'500'000, 10000);
    QCOMPARE(result.size(), size_t(2));
    const auto *api = group(result, "service", "api");
    QVERIFY(api);
    QCOMPARE(api->points.size(), size_t(41));
    for (const auto &p : api->points)
        QVERIFY2(std::abs(p.value - 11.0) < 1e-9, qPrintable(QString::number(p.value)));
    QVERIFY(std::abs(group(result, "service", "db")->points.back().value - 5.0) < 1e-9);

    q.matchers = matchers("status=~\"5..\"");
    const auto errors = evaluateRange(*m_store, q, 1'100'000, 1'100'000, 10000);
    QCOMPARE(errors.size(), size_t(1));
    QVERIFY(std::abs(errors[0].points[0].value - 1.0) < 1e-9);
}

void TestLocalQuery::computesQuantilesPerGroup()
{
    LocalQuery q;
    q.kind = LocalQuery::Kind::Quantile;
    q.metric = "http_request_duration_seconds";
    q.by = {"service"};
    q.quantile = 0.95;
    q.scale = 1000;  // milliseconds
    const auto result = evaluateRange(*m_store, q, 1'200'000, 1'200'000, 1000);
    QCOMPARE(result.size(), size_t(1));
    // rank 9.5 of 10: in (0.1, 0.25] holding 1, halfway: 0.175 s.
    QVERIFY2(std::abs(result[0].points[0].value - 175.0) < 1e-6, qPrintable(QString::number(result[0].points[0].value)));
    q.quantile = 0.5;  // rank 5: (0.05, 0.1] holds 5, 1 into it: 0.06 s
    QVERIFY(std::abs(evaluateRange(*m_store, q, 1'200'000, 1'200'000, 1000)[0].points[0].value - 60.0) < 1e-6);
}

void TestLocalQuery::computesErrorRatioWithZeroForNoErrors()
{
    LocalQuery q;
    q.kind = LocalQuery::Kind::Ratio;
    q.metric = "http_requests_total";
    q.by = {"service"};
    q.numerator = matchers("status=~\"5..\"");
    q.scale = 100;
    const auto result = evaluateRange(*m_store, q, 1'300'000, 1'300'000, 1000);
    QCOMPARE(result.size(), size_t(2));
    QVERIFY(std::abs(group(result, "service", "api")->points[0].value - 100.0 / 11.0) < 1e-9);
    QCOMPARE(group(result, "service", "db")->points[0].value, 0.0);
}

void TestLocalQuery::gaugeLooksBackFiveMinutesAndLeavesGaps()
{
    LocalQuery q;
    q.kind = LocalQuery::Kind::Gauge;
    q.metric = "process_resident_memory_bytes";
    const auto result = evaluateRange(*m_store, q, 900'000, 1'700'000, 100'000);
    QCOMPARE(result.size(), size_t(1));
    // 900 s: before the first sample (gap); 1000-1200: 100e6; 1300-1500: 120e6; 1600+: past 5 min lookback (gap).
    const auto &points = result[0].points;
    QCOMPARE(points.front().timestampMs, std::int64_t(1'000'000));
    QCOMPARE(points.front().value, 100e6);
    QCOMPARE(points.back().timestampMs, std::int64_t(1'500'000));
    QCOMPARE(points.back().value, 120e6);
    QCOMPARE(points.size(), size_t(6));
}

void TestLocalQuery::writesItsPromQLTwin()
{
    // What a dashboard asks a Prometheus for the past of a local chart.
    QString error;
    LocalQuery rate;
    rate.kind = LocalQuery::Kind::Rate;
    rate.metric = "http_requests_total";
    rate.matchers = {*makeMatcher("job", LabelMatcher::Op::Equal, "api \"x\"", &error)};
    rate.by = {"status"};
    rate.windowMs = 20000;
    QCOMPARE(toPromQL(rate), QStringLiteral(R"(sum by (status) (rate(http_requests_total{job="api \"x\""}[20000ms])))"));

    LocalQuery quantile = rate;
    quantile.kind = LocalQuery::Kind::Quantile;
    quantile.metric = "http_request_duration_seconds";
    quantile.quantile = 0.95;
    quantile.scale = 1000;
    quantile.by = {};
    QCOMPARE(toPromQL(quantile), QStringLiteral(R"((histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="api \"x\""}[20000ms])))) * 1000)"));

    LocalQuery ratio = rate;
    ratio.kind = LocalQuery::Kind::Ratio;
    ratio.by = {};
    ratio.numerator = {*makeMatcher("status", LabelMatcher::Op::Regex, "5..", &error)};
    // No 5xx series is a ratio of 0, as the local evaluation says, not nothing.
    QCOMPARE(toPromQL(ratio), QStringLiteral(R"((sum by () (rate(http_requests_total{job="api \"x\"",status=~"5.."}[20000ms])) or sum by () (rate(http_requests_total{job="api \"x\""}[20000ms])) * 0) / sum by () (rate(http_requests_total{job="api \"x\""}[20000ms])))"));

    LocalQuery gauge;
    gauge.kind = LocalQuery::Kind::Gauge;
    gauge.metric = "process_resident_memory_bytes";
    QCOMPARE(toPromQL(gauge), QStringLiteral("sum by () (process_resident_memory_bytes{})"));
}

QTEST_GUILESS_MAIN(TestLocalQuery)
#include "tst_local_query.moc"
