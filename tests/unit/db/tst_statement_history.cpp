// pg_stat_statements is cumulative since its reset: the history turns it into
// "what ran in the last 5/15/60 minutes" from differences between samples,
// and a reset (said by pg_stat_statements_info from 14, inferred before) is
// counted from zero instead of giving negative numbers.

#include "db/statement_history.h"

#include <QTest>

using namespace opsdeck;

class TestStatementHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowIsTheDifferenceSinceItsStart();
    void sinceResetIsTheCumulativeCounters();
    void resetSaidByTheServerCountsFromZero();
    void resetBefore14IsInferred();
    void evictedEntryCountsFromZero();
    void historyShorterThanTheWindowIsSaid();
    void keepsAboutOneSampleAMinuteForAnHour();
};

namespace {

constexpr qint64 minute = 60 * 1000;
const PgStatementKey slow{10, 1, 111, true};
const PgStatementKey fast{10, 1, 222, true};

PgStatementSample at(qint64 ms, std::map<PgStatementKey, PgStatementCounters> entries, qint64 resetMs = 5)
{
    PgStatementSample s;
    s.serverTimeMs = ms;
    s.resetMs = resetMs;
    s.entries = std::move(entries);
    return s;
}

PgStatementCounters calls(qint64 n, double totalMs)
{
    PgStatementCounters c;
    c.calls = n;
    c.totalMs = totalMs;
    return c;
}

} // namespace

void TestStatementHistory::windowIsTheDifferenceSinceItsStart()
{
    pg::StatementHistory h;
    // For an hour `fast` dominated; in the last five minutes `slow` took over.
    h.add(at(0, {{fast, calls(1000, 90000)}, {slow, calls(10, 100)}}));
    for (int m = 1; m <= 55; ++m)
        h.add(at(m * minute, {{fast, calls(1000 + m, 90000 + m)}, {slow, calls(10, 100)}}));
    h.add(at(60 * minute, {{fast, calls(1060, 90060)}, {slow, calls(30, 20100)}}));
    const auto five = h.window(5 * minute);
    QCOMPARE(five.toMs, 60 * minute);
    QCOMPARE(five.fromMs, 55 * minute);
    QVERIFY(!five.shorterThanAsked);
    QCOMPARE(five.rows.size(), size_t(2));
    QCOMPARE(five.rows[0].key, slow);
    QCOMPARE(five.rows[0].counters.calls, 20);
    QCOMPARE(five.rows[0].counters.totalMs, 20000.0);
    QCOMPARE(five.rows[1].counters.calls, 5);
    const auto all = h.window(0);
    QCOMPARE(all.rows[0].key, fast);  // since the reset, the old picture
    QCOMPARE(all.rows[0].counters.calls, 1060);
}

void TestStatementHistory::sinceResetIsTheCumulativeCounters()
{
    pg::StatementHistory h;
    h.add(at(10 * minute, {{slow, calls(7, 70)}}, 3 * minute));
    const auto all = h.window(0, 10);
    QCOMPARE(all.fromMs, 3 * minute);
    QCOMPARE(all.rows.size(), size_t(1));
    QCOMPARE(all.rows[0].counters.calls, 7);
    // One sample: a window has nothing to subtract and says so.
    const auto five = h.window(5 * minute);
    QVERIFY(five.shorterThanAsked);
    QVERIFY(five.rows.empty());
}

void TestStatementHistory::resetSaidByTheServerCountsFromZero()
{
    pg::StatementHistory h;
    h.add(at(0, {{slow, calls(500, 5000)}, {fast, calls(50, 5)}}, 1));
    h.add(at(minute, {{slow, calls(600, 6000)}, {fast, calls(60, 6)}}, 1));
    // pg_stat_statements_reset() at 90 s; at 2 min fresh counters, one entry not yet back.
    h.add(at(2 * minute, {{fast, calls(3, 1)}}, 90 * 1000));
    QVERIFY(h.sawReset());
    QCOMPARE(h.lastResetMs(), 90 * 1000);
    const auto w = h.window(5 * minute);
    QCOMPARE(w.rows.size(), size_t(1));
    QCOMPARE(w.rows[0].key, fast);
    QCOMPARE(w.rows[0].counters.calls, 3);  // never 3 - 60
    QCOMPARE(w.fromMs, 90 * 1000);
    QVERIFY(w.shorterThanAsked);
    for (const auto &row : h.window(0).rows)
        QVERIFY(row.counters.calls >= 0 && row.counters.totalMs >= 0);
}

void TestStatementHistory::resetBefore14IsInferred()
{
    pg::StatementHistory h;  // 12 and 13: no stats_reset to read (0)
    h.add(at(0, {{slow, calls(500, 5000)}, {fast, calls(50, 5)}}, 0));
    h.add(at(2 * minute, {{slow, calls(4, 40)}, {fast, calls(2, 1)}}, 0));
    QVERIFY(h.sawReset());
    const auto w = h.window(5 * minute);
    QCOMPARE(w.rows.size(), size_t(2));
    QCOMPARE(w.rows[0].counters.calls, 4);
    QCOMPARE(w.rows[1].counters.calls, 2);
}

void TestStatementHistory::evictedEntryCountsFromZero()
{
    pg::StatementHistory h;
    h.add(at(0, {{slow, calls(500, 5000)}, {fast, calls(50, 5)}}));
    // `slow` was evicted (pg_stat_statements.max) and made again; `fast` carried on: no reset.
    h.add(at(2 * minute, {{slow, calls(2, 20)}, {fast, calls(80, 8)}}));
    QVERIFY(!h.sawReset());
    const auto w = h.window(5 * minute);
    QCOMPARE(w.rows.size(), size_t(2));
    for (const auto &row : w.rows) {
        if (row.key == slow)
            QCOMPARE(row.counters.calls, 2);
        else
            QCOMPARE(row.counters.calls, 30);
    }
}

void TestStatementHistory::historyShorterThanTheWindowIsSaid()
{
    pg::StatementHistory h;
    h.add(at(0, {{slow, calls(1, 1)}}));
    h.add(at(2 * minute, {{slow, calls(3, 3)}}));
    const auto w = h.window(15 * minute);
    QVERIFY(w.shorterThanAsked);
    QCOMPARE(w.fromMs, 0);
    QCOMPARE(w.rows[0].counters.calls, 2);
}

void TestStatementHistory::keepsAboutOneSampleAMinuteForAnHour()
{
    pg::StatementHistory h;
    for (qint64 t = 0; t <= 3 * 60 * minute; t += 2000)  // three hours of 2 s polls
        h.add(at(t, {{slow, calls(t / 1000, double(t))}}));
    QVERIFY2(h.sampleCount() <= 66, qPrintable(QString::number(h.sampleCount())));
    const auto hour = h.window(60 * minute);
    QVERIFY(!hour.shorterThanAsked);
    QVERIFY(hour.toMs - hour.fromMs >= 60 * minute);
    QVERIFY(hour.toMs - hour.fromMs <= 61 * minute);
    const auto five = h.window(5 * minute);
    QVERIFY(five.toMs - five.fromMs >= 5 * minute && five.toMs - five.fromMs <= 6 * minute);
}

QTEST_GUILESS_MAIN(TestStatementHistory)
#include "tst_statement_history.moc"
