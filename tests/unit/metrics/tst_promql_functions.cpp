// rate, increase and histogram_quantile against values worked out by hand from
// Prometheus 2.x's definitions; the integration test compares with a real Prometheus.

#include "metrics/promql_functions.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace opsdeck;
using namespace opsdeck::promql;

class TestPromqlFunctions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rateOfSteadyCounterExtrapolatesToEdges();
    void rateHandlesCounterReset();
    void rateDoesNotExtrapolateBelowZero();
    void rateLeavesHalfStepAtDistantEdges();
    void needsTwoSamples();
    void deltaOfGaugeMayBeNegative();
    void quantileInterpolatesInsideBucket();
    void quantileEdgeCases();
};

void TestPromqlFunctions::rateOfSteadyCounterExtrapolatesToEdges()
{
    // 10/s, sampled every 15 s at 5, 20, 35, 50 s; window [0, 60 s].
    const std::vector<SamplePoint> s = {{5000, 100}, {20000, 250}, {35000, 400}, {50000, 550}};
    // Increase 450 over 45 s sampled; both gaps (5 s and 10 s) are under 1.1 × 15 s, so extrapolate to 60 s.
    QCOMPARE(*increase(s, 0, 60000), 600.0);
    QCOMPARE(*rate(s, 0, 60000), 10.0);
}

void TestPromqlFunctions::rateHandlesCounterReset()
{
    const std::vector<SamplePoint> s = {{0, 100}, {10000, 200}, {20000, 50}, {30000, 150}};
    // 100 + (reset: 200 + 50 - 200 = +50) + 100 = 250 over 30 s, window exactly the samples.
    QCOMPARE(*increase(s, 0, 30000), 250.0);
    QVERIFY(std::abs(*rate(s, 0, 30000) - 250.0 / 30.0) < 1e-12);
}

void TestPromqlFunctions::rateDoesNotExtrapolateBelowZero()
{
    // The counter started at 0 one second before the first sample would extrapolate to.
    const std::vector<SamplePoint> s = {{10000, 10}, {20000, 110}, {30000, 210}};
    // durationToStart = 10 s but durationToZero = 20 s × 10/200 = 1 s; end gap 0.
    // extrapolated interval = 20 + 1 + 0 = 21 s → 200 × 21/20 = 210.
    QCOMPARE(*increase(s, 0, 30000), 210.0);
}

void TestPromqlFunctions::rateLeavesHalfStepAtDistantEdges()
{
    // Samples every 10 s, but the window extends 30 s past the last one (a series that stopped).
    const std::vector<SamplePoint> s = {{0, 0}, {10000, 10}, {20000, 20}};
    // start gap 0 (extrapolate 0), end gap 30 s > 11 s → add half a step (5 s): 20 × 25/20 = 25.
    QCOMPARE(*increase(s, 0, 50000), 25.0);
}

void TestPromqlFunctions::needsTwoSamples()
{
    const std::vector<SamplePoint> one = {{0, 5}};
    QVERIFY(!rate(one, 0, 60000));
    QVERIFY(!rate({}, 0, 60000));
}

void TestPromqlFunctions::deltaOfGaugeMayBeNegative()
{
    const std::vector<SamplePoint> s = {{0, 50}, {10000, 40}, {20000, 30}};
    QCOMPARE(*delta(s, 0, 20000), -20.0);
}

void TestPromqlFunctions::quantileInterpolatesInsideBucket()
{
    const std::vector<Bucket> b = {{0.05, 50}, {0.1, 80}, {0.25, 95}, {0.5, 99}, {std::numeric_limits<double>::infinity(), 100}};
    // p50: rank 50 lands at the top of the first bucket.
    QCOMPARE(bucketQuantile(0.5, b), 0.05);
    // p90: rank 90, bucket (0.1, 0.25] holds 15, 10 into it: 0.1 + 0.15 × 10/15 = 0.2.
    QVERIFY(std::abs(bucketQuantile(0.9, b) - 0.2) < 1e-12);
    // p99.5: rank 99.5 lands in +Inf: the highest finite bound.
    QCOMPARE(bucketQuantile(0.995, b), 0.5);
    // Order of input does not matter; duplicate bounds add up.
    std::vector<Bucket> shuffled = {b[4], b[2], b[0], b[3], b[1]};
    QVERIFY(std::abs(bucketQuantile(0.9, shuffled) - 0.2) < 1e-12);
}

void TestPromqlFunctions::quantileEdgeCases()
{
    const double inf = std::numeric_limits<double>::infinity();
    QVERIFY(std::isnan(bucketQuantile(0.5, {{0.1, 1}, {0.2, 2}})));                 // no +Inf bucket
    QVERIFY(std::isnan(bucketQuantile(0.5, {{inf, 0}, {0.1, 0}})));                  // no observations
    QVERIFY(std::isnan(bucketQuantile(0.5, {{inf, 4}})));                            // one bucket
    QCOMPARE(bucketQuantile(-1, {{0.1, 1}, {inf, 1}}), -inf);
    QCOMPARE(bucketQuantile(2, {{0.1, 1}, {inf, 1}}), inf);
    // Non-monotonic counts (a scrape raced the histogram) are flattened.
    QCOMPARE(bucketQuantile(0.5, {{0.1, 10}, {0.2, 8}, {inf, 10}}), 0.05);
    // A first bucket at or below zero returns its bound.
    QCOMPARE(bucketQuantile(0.1, {{-1, 5}, {0, 6}, {inf, 10}}), -1.0);
}

QTEST_GUILESS_MAIN(TestPromqlFunctions)
#include "tst_promql_functions.moc"
