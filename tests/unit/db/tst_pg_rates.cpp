// Rates per second over the real interval between two samples, by the
// server's clock (pgAdmin divides by its refresh period: pgadmin4 #10273), and
// no rate at all across a statistics reset or a restart.

#include "db/pg_rates.h"

#include <QTest>

using namespace opsdeck;

class TestPgRates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dividesByTheRealInterval();
    void lateSampleGivesTheSameRate();
    void resetOrRestartGivesNoRate();
    void cacheHitRatioOfTheIntervalOnly();
    void noIntervalNoRate();
};

namespace {

PgServerSample sample(qint64 atMs, qint64 commits)
{
    PgServerSample s;
    s.serverTimeMs = atMs;
    s.startedAtMs = 1000;
    s.statsResetMs = 2000;
    s.commits = commits;
    return s;
}

} // namespace

void TestPgRates::dividesByTheRealInterval()
{
    PgServerSample a = sample(100000, 1000);
    PgServerSample b = sample(102500, 1500);  // 2.5 s later, 500 commits
    a.rollbacks = 10, b.rollbacks = 15;
    a.tuplesInserted = 0, b.tuplesInserted = 100;
    a.tuplesUpdated = 0, b.tuplesUpdated = 50;
    a.tuplesDeleted = 0, b.tuplesDeleted = 100;
    a.tuplesReturned = 0, b.tuplesReturned = 5000;
    a.walPosition = 1e6, b.walPosition = 1e6 + 250000;
    a.deadlocks = 1, b.deadlocks = 2;
    const auto r = pg::ratesBetween(a, b);
    QVERIFY(r);
    QCOMPARE(r->intervalMs, 2500);
    QCOMPARE(r->commitsPerS, 200.0);
    QCOMPARE(r->rollbacksPerS, 2.0);
    QCOMPARE(r->tuplesWrittenPerS, 100.0);
    QCOMPARE(r->tuplesReadPerS, 2000.0);
    QCOMPARE(r->walBytesPerS, 100000.0);
    QCOMPARE(r->deadlocks, 1);
}

void TestPgRates::lateSampleGivesTheSameRate()
{
    // A steady 100 commits a second, sampled 2 s and then 7 s apart (a late poll): the same rate.
    const auto onTime = pg::ratesBetween(sample(0 + 10000, 0), sample(12000, 200));
    const auto late = pg::ratesBetween(sample(12000, 200), sample(19000, 900));
    QVERIFY(onTime && late);
    QCOMPARE(onTime->commitsPerS, 100.0);
    QCOMPARE(late->commitsPerS, 100.0);
}

void TestPgRates::resetOrRestartGivesNoRate()
{
    PgServerSample a = sample(10000, 5000);
    PgServerSample reset = sample(12000, 20);
    reset.statsResetMs = 11000;
    QVERIFY(!pg::ratesBetween(a, reset));
    PgServerSample restarted = sample(12000, 6000);
    restarted.startedAtMs = 11500;
    QVERIFY(!pg::ratesBetween(a, restarted));
    // A counter that went down with the same reset time (pg_stat_reset_single_table_counters does not
    // move it): still no negative rate.
    PgServerSample down = sample(12000, 4000);
    QVERIFY(!pg::ratesBetween(a, down));
}

void TestPgRates::cacheHitRatioOfTheIntervalOnly()
{
    PgServerSample a = sample(10000, 0), b = sample(11000, 0);
    a.blocksHit = 1000000, a.blocksRead = 0;  // a warm history
    b.blocksHit = 1000090, b.blocksRead = 10;  // this second: 90 %
    QCOMPARE(pg::ratesBetween(a, b)->cacheHitRatio, 0.9);
    const PgServerSample c = b;
    PgServerSample d = b;
    d.serverTimeMs += 1000;
    QCOMPARE(pg::ratesBetween(c, d)->cacheHitRatio, -1.0);  // nothing asked for: no ratio, not 0 or 100 %
}

void TestPgRates::noIntervalNoRate()
{
    QVERIFY(!pg::ratesBetween(sample(10000, 1), sample(10000, 2)));
    QVERIFY(!pg::ratesBetween(sample(10000, 1), sample(9000, 2)));
}

QTEST_GUILESS_MAIN(TestPgRates)
#include "tst_pg_rates.moc"
