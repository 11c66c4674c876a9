#include "metrics/series_store.h"
#include "metrics/xor_chunk.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

using namespace opsdeck;

namespace {

// Bit for bit: NaN payloads and the sign of zero must survive.
void compareExactly(const std::vector<SamplePoint> &decoded, const std::vector<SamplePoint> &expected)
{
    QCOMPARE(decoded.size(), expected.size());
    for (std::size_t i = 0; i < decoded.size(); ++i) {
        QCOMPARE(decoded[i].timestampMs, expected[i].timestampMs);
        QCOMPARE(std::bit_cast<std::uint64_t>(decoded[i].value), std::bit_cast<std::uint64_t>(expected[i].value));
    }
}

} // namespace

class TestXorChunk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsAwkwardValues();
    void roundTripsRandomTimestampsAndValues();
    void staysSmallForScrapedCounters();
    void decodesOnlyTheAskedRange();
    void refusesOutOfOrderAndOverflow();
    void storeKeepsSeriesApartAndEvicts();
    void storeSelectsByNameAndLabels();
    void storeTakesConcurrentWriters();
};

void TestXorChunk::roundTripsAwkwardValues()
{
    const double values[] = {0.0, -0.0, 1.0, std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(),
                             -1e-300, 42.5, 42.5, 1e15 + 1, 3.14159};
    XorChunk chunk;
    std::int64_t t = 1'700'000'000'000;
    const std::int64_t steps[] = {1, 15000, 15000, 15001, 8191, 8192, -0, 70000, 600000, 1'000'000'000, 1, 2, 5000};
    std::vector<SamplePoint> expected;
    for (std::size_t i = 0; i < std::size(values); ++i) {
        t += std::max<std::int64_t>(1, steps[i]);
        QVERIFY(chunk.append(t, values[i]));
        expected.push_back({t, values[i]});
    }
    std::vector<SamplePoint> decoded;
    chunk.decode(INT64_MIN, INT64_MAX, decoded);
    compareExactly(decoded, expected);
}

void TestXorChunk::roundTripsRandomTimestampsAndValues()
{
    std::mt19937_64 rng(7);
    for (int round = 0; round < 200; ++round) {
        XorChunk chunk;
        std::vector<SamplePoint> expected;
        std::int64_t t = std::int64_t(rng() % 1'000'000'000'000ULL);
        double v = 0;
        for (int i = 0; i < XorChunk::maxSamples; ++i) {
            const int kind = int(rng() % 4);
            t += kind == 0 ? 15000 : std::int64_t(1 + rng() % (kind == 3 ? 100'000'000ULL : 40000ULL));
            v = kind == 1 ? v : kind == 2 ? v + double(rng() % 100) : std::bit_cast<double>(rng());
            QVERIFY(chunk.append(t, v));
            expected.push_back({t, v});
        }
        QVERIFY(chunk.isFull());
        std::vector<SamplePoint> decoded;
        chunk.decode(INT64_MIN, INT64_MAX, decoded);
        compareExactly(decoded, expected);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestXorChunk::staysSmallForScrapedCounters()
{
    // A request counter scraped every 5 s on schedule, growing by a few dozen each time.
    XorChunk counter;
    std::mt19937_64 rng(1);
    double v = 10'000;
    for (int i = 0; i < XorChunk::maxSamples; ++i) {
        v += double(20 + rng() % 40);
        QVERIFY(counter.append(1'700'000'000'000 + i * 5000, v));
    }
    QVERIFY2(double(counter.byteSize()) / XorChunk::maxSamples <= 2.5,
             qPrintable(QString::number(double(counter.byteSize()) / XorChunk::maxSamples)));
    // A bucket that never moves costs almost nothing.
    XorChunk constant;
    for (int i = 0; i < XorChunk::maxSamples; ++i)
        constant.append(1'700'000'000'000 + i * 5000, 7.0);
    QVERIFY(constant.byteSize() < 60);
}

void TestXorChunk::decodesOnlyTheAskedRange()
{
    XorChunk chunk;
    for (int i = 0; i < 100; ++i)
        chunk.append(i * 1000, i);
    std::vector<SamplePoint> out;
    chunk.decode(10'000, 19'500, out);
    QCOMPARE(out.size(), size_t(10));
    QCOMPARE(out.front().value, 10.0);
    QCOMPARE(out.back().timestampMs, std::int64_t(19'000));
    out.clear();
    chunk.decode(200'000, 300'000, out);
    QVERIFY(out.empty());
}

void TestXorChunk::refusesOutOfOrderAndOverflow()
{
    XorChunk chunk;
    QVERIFY(chunk.append(1000, 1));
    QVERIFY(!chunk.append(1000, 2));
    QVERIFY(!chunk.append(999, 2));
    for (int i = 1; i < XorChunk::maxSamples; ++i)
        QVERIFY(chunk.append(1000 + i, i));
    QVERIFY(!chunk.append(100'000, 1));
}

void TestXorChunk::storeKeepsSeriesApartAndEvicts()
{
    SeriesStore store(60'000);
    const auto a = store.seriesFor("http_requests_total", {{"status", "200"}, {"method", "GET"}});
    const auto b = store.seriesFor("http_requests_total", {{"method", "GET"}, {"status", "500"}});
    QCOMPARE(store.seriesFor("http_requests_total", {{"method", "GET"}, {"status", "200"}}), a);
    QVERIFY(a != b);
    for (int i = 0; i < 1000; ++i) {
        store.append(a, i * 1000, i);
        store.append(b, i * 1000, 2 * i);
    }
    QVERIFY(!store.append(a, 5, 1));  // out of order: ignored
    auto points = store.read(b, 100'000, 102'000);
    QCOMPARE(points.size(), size_t(3));
    QCOMPARE(points[2].value, 204.0);
    SamplePoint last;
    QVERIFY(store.last(a, &last));
    QCOMPARE(last.value, 999.0);
    QCOMPARE(store.labels(a).front().first, std::string("method"));

    store.evict(1'000'000);
    const auto kept = store.read(a, 0, 2'000'000);
    QVERIFY(!kept.empty());
    QVERIFY(kept.front().timestampMs >= 1'000'000 - 60'000 - XorChunk::maxSamples * 1000);
    QCOMPARE(kept.back().value, 999.0);
    const auto st = store.stats();
    QCOMPARE(st.series, size_t(2));
    QVERIFY(st.samples < 400);
    store.evict(10'000'000);
    QVERIFY(store.read(a, 0, INT64_MAX).empty());
}

void TestXorChunk::storeSelectsByNameAndLabels()
{
    SeriesStore store;
    store.seriesFor("up", {{"job", "a"}});
    const auto b = store.seriesFor("up", {{"job", "b"}});
    store.seriesFor("other", {{"job", "b"}});
    QCOMPARE(store.select("up").size(), size_t(2));
    const auto onlyB = store.select("up", [](const Labels &l) { return l.front().second == "b"; });
    QCOMPARE(onlyB.size(), size_t(1));
    QCOMPARE(onlyB.front(), b);
    QVERIFY(store.select("missing").empty());
}

void TestXorChunk::storeTakesConcurrentWriters()
{
    SeriesStore store;
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&store, w] {
            for (int i = 0; i < 2000; ++i) {
                const auto id = store.seriesFor("m", {{"w", std::to_string(w)}, {"i", std::to_string(i % 10)}});
                store.append(id, i + 1, i);
            }
        });
    }
    for (auto &t : writers)
        t.join();
    QCOMPARE(store.stats().series, size_t(40));
    QCOMPARE(store.stats().samples, size_t(8000));
}

QTEST_GUILESS_MAIN(TestXorChunk)
#include "tst_xor_chunk.moc"
