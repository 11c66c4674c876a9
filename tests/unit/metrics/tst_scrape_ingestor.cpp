// Scrapes into the store through the raw-series cache: a known page costs a
// lookup a sample, and the cache never confuses two series or grows forever.

#include "metrics/scrape_ingestor.h"

#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace opsdeck;

class TestScrapeIngestor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondScrapeFindsEverySeries();
    void bytesThatDifferAreDifferentSeries();
    void quotedBracesAndEscapesStayInside();
    void brokenLineOfAKnownSeriesIsStillAnError();
    void churningSeriesDoNotGrowTheCache();
    void openMetricsUsesParsedLabels();
    void timestampsOfThePageAreHonoured();
    void reorderedAndChangedPagesKeepTheirSeries();
};

namespace {

double lastValue(const SeriesStore &store, std::string_view name, const Labels &labels)
{
    for (const SeriesStore::SeriesId id : store.select(name)) {
        if (store.labels(id) == labels) {
            SamplePoint p;
            if (store.last(id, &p))
                return p.value;
        }
    }
    return -1;
}

constexpr std::string_view page = "# HELP http_requests_total Requests.\n"
                                  "# TYPE http_requests_total counter\n"
                                  "http_requests_total{method=\"GET\",status=\"200\"} 10\n"
                                  "http_requests_total{method=\"GET\",status=\"500\"} 2\n"
                                  "# TYPE process_open_fds gauge\n"
                                  "process_open_fds 17\n";

} // namespace

void TestScrapeIngestor::secondScrapeFindsEverySeries()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    const auto first = ingestor.ingest(ExpositionFormat::Text, page, 1000);
    QVERIFY(!first.error);
    QCOMPARE(first.samples, size_t(3));
    QCOMPARE(first.newSeries, size_t(3));
    QCOMPARE(ingestor.cachedSeries(), size_t(3));

    std::string next(page);
    next.replace(next.find("} 10"), 4, "} 15");
    const auto second = ingestor.ingest(ExpositionFormat::Text, next, 3000);
    QVERIFY(!second.error);
    QCOMPARE(second.samples, size_t(3));
    QCOMPARE(second.newSeries, size_t(0));
    QCOMPARE(lastValue(store, "http_requests_total", {{"method", "GET"}, {"service", "api"}, {"status", "200"}}), 15.0);
    QCOMPARE(lastValue(store, "process_open_fds", {{"service", "api"}}), 17.0);
}

void TestScrapeIngestor::bytesThatDifferAreDifferentSeries()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    QVERIFY(!ingestor.ingest(ExpositionFormat::Text, "m{a=\"b\"} 1\nm 2\n", 1000).error);
    // A blank before the brace: the same labelled series, never the bare one.
    const auto r = ingestor.ingest(ExpositionFormat::Text, "m {a=\"b\"} 3\nm 4\nm{a=\"c\"} 5\n", 2000);
    QVERIFY(!r.error);
    QCOMPARE(lastValue(store, "m", {{"a", "b"}, {"service", "api"}}), 3.0);
    QCOMPARE(lastValue(store, "m", {{"service", "api"}}), 4.0);
    QCOMPARE(lastValue(store, "m", {{"a", "c"}, {"service", "api"}}), 5.0);
    // The page's own service label loses to the target's, as in Prometheus.
    QVERIFY(!ingestor.ingest(ExpositionFormat::Text, "n{service=\"other\"} 6\n", 3000).error);
    QCOMPARE(lastValue(store, "n", {{"service", "api"}}), 6.0);
}

void TestScrapeIngestor::quotedBracesAndEscapesStayInside()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    const std::string_view tricky = "m{path=\"/a}b\",q=\"say \\\"hi\\\" \\\\ }\"} 1\n";
    QVERIFY(!ingestor.ingest(ExpositionFormat::Text, tricky, 1000).error);
    const auto again = ingestor.ingest(ExpositionFormat::Text, "m{path=\"/a}b\",q=\"say \\\"hi\\\" \\\\ }\"} 7\n", 2000);
    QVERIFY(!again.error);
    QCOMPARE(again.newSeries, size_t(0));
    QCOMPARE(lastValue(store, "m", {{"path", "/a}b"}, {"q", "say \"hi\" \\ }"}, {"service", "api"}}), 7.0);
}

void TestScrapeIngestor::brokenLineOfAKnownSeriesIsStillAnError()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    QVERIFY(!ingestor.ingest(ExpositionFormat::Text, page, 1000).error);
    for (const std::string_view broken : {std::string_view("process_open_fds 17 12 junk\n"), std::string_view("process_open_fds seventeen\n"),
                                          std::string_view("process_open_fds 17")}) {
        const auto r = ingestor.ingest(ExpositionFormat::Text, broken, 2000);
        QVERIFY2(r.error, broken.data());
        QCOMPARE(r.error.line, 1);
    }
}

void TestScrapeIngestor::churningSeriesDoNotGrowTheCache()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    for (int scrape = 0; scrape < 50; ++scrape) {
        std::string churn = "steady 1\n";
        for (int i = 0; i < 100; ++i)
            churn += "req{id=\"" + std::to_string(scrape * 100 + i) + "\"} 1\n";
        QVERIFY(!ingestor.ingest(ExpositionFormat::Text, churn, 1000 * (scrape + 1)).error);
    }
    QVERIFY2(ingestor.cachedSeries() <= 2 * 101 + 1024, qPrintable(QString::number(ingestor.cachedSeries())));
    QCOMPARE(lastValue(store, "steady", {{"service", "api"}}), 1.0);
}

void TestScrapeIngestor::openMetricsUsesParsedLabels()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    const std::string_view om = "# TYPE jobs counter\njobs_total{queue=\"a\"} 1\n# EOF\n";
    QVERIFY(!ingestor.ingest(ExpositionFormat::OpenMetrics, om, 1000).error);
    const auto again = ingestor.ingest(ExpositionFormat::OpenMetrics, "# TYPE jobs counter\njobs_total{queue=\"a\"} 4\n# EOF\n", 2000);
    QVERIFY(!again.error);
    QCOMPARE(again.newSeries, size_t(0));
    QCOMPARE(lastValue(store, "jobs_total", {{"queue", "a"}, {"service", "api"}}), 4.0);
}

void TestScrapeIngestor::timestampsOfThePageAreHonoured()
{
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    QVERIFY(!ingestor.ingest(ExpositionFormat::Text, "m 1 500\n", 1000).error);
    QVERIFY(!ingestor.ingest(ExpositionFormat::Text, "m 2 1500\n", 2000).error);  // known series, own timestamp
    const auto series = store.select("m");
    QCOMPARE(series.size(), size_t(1));
    const auto points = store.read(series.front(), 0, 10000);
    QCOMPARE(points.size(), size_t(2));
    QCOMPARE(points[0].timestampMs, std::int64_t(500));
    QCOMPARE(points[1].timestampMs, std::int64_t(1500));
}

void TestScrapeIngestor::reorderedAndChangedPagesKeepTheirSeries()
{
    // Pages in other orders, with series dropped and added: every value must
    // land on its own series, whichever way the cache found it.
    SeriesStore store;
    ScrapeIngestor ingestor(store, "api");
    std::mt19937 random(7);
    std::vector<int> present(60);
    std::iota(present.begin(), present.end(), 0);
    for (int round = 0; round < 40; ++round) {
        std::vector<int> page = present;
        if (round % 3 == 1)
            std::shuffle(page.begin(), page.end(), random);
        if (round % 4 == 2)
            page.erase(page.begin() + int(random() % page.size()));
        if (round % 5 == 3)
            page.insert(page.begin() + int(random() % page.size()), 1000 + round);
        std::string text;
        for (const int series : page)
            text += "s{n=\"" + std::to_string(series) + "\"} " + std::to_string(series * 1000 + round) + "\n";
        const auto r = ingestor.ingest(ExpositionFormat::Text, text, 1000 * (round + 1));
        QVERIFY(!r.error);
        QCOMPARE(r.samples, page.size());
        for (const int series : page)
            QCOMPARE(lastValue(store, "s", {{"n", std::to_string(series)}, {"service", "api"}}), double(series * 1000 + round));
    }
}

QTEST_GUILESS_MAIN(TestScrapeIngestor)
#include "tst_scrape_ingestor.moc"
