// Top queries and tables as tables: merged by identity, raw values to sort
// by, units people read, and the hints in tooltips. Under QAbstractItemModelTester.

#include "statement_model.h"
#include "table_stats_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace opsdeck;

class TestStatementModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statementsMergeAndSortByTime();
    void tablesSayBloatDeadRowsAndVacuum();
};

namespace {

StatementEntry entry(qint64 queryId, qint64 calls, double totalMs, const QString &text)
{
    StatementEntry e;
    e.key = {10, 1, queryId, true};
    e.counters.calls = calls;
    e.counters.totalMs = totalMs;
    e.counters.sharedHit = 90;
    e.counters.sharedRead = 10;
    e.text = text;
    e.user = QStringLiteral("app");
    e.database = QStringLiteral("shop");
    return e;
}

} // namespace

void TestStatementModel::statementsMergeAndSortByTime()
{
    StatementModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(StatementModel::SortRole);
    model.setEntries({entry(1, 1000, 900, QStringLiteral("SELECT $1")), entry(2, 3, 12000, QStringLiteral("SELECT pg_sleep($1)"))});
    QPersistentModelIndex slow = model.index(1, 0);
    sorted.sort(StatementModel::TotalColumn, Qt::DescendingOrder);
    QCOMPARE(sorted.index(0, StatementModel::QueryColumn).data().toString(), QStringLiteral("SELECT pg_sleep($1)"));
    QCOMPARE(sorted.index(0, StatementModel::TotalColumn).data().toString(), QStringLiteral("12.0 s"));
    QCOMPARE(sorted.index(0, StatementModel::MeanColumn).data().toString(), QStringLiteral("4000 ms"));
    QCOMPARE(sorted.index(1, StatementModel::MeanColumn).data().toString(), QStringLiteral("0.90 ms"));
    QCOMPARE(sorted.index(0, StatementModel::HitColumn).data().toString(), QStringLiteral("90.0 %"));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setEntries({entry(2, 5, 20000, QStringLiteral("SELECT pg_sleep($1)")), entry(3, 1, 1, QString())});
    QCOMPARE(reset.count(), 0);
    QVERIFY(slow.isValid());
    QCOMPARE(model.index(slow.row(), StatementModel::CallsColumn).data().toLongLong(), 5);
    QCOMPARE(model.index(1, StatementModel::QueryColumn).data().toString(), QStringLiteral("(text not read yet)"));
}

void TestStatementModel::tablesSayBloatDeadRowsAndVacuum()
{
    TableStatsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock([] { return qint64(10 * 3600 * 1000); });
    PgTable orders;
    orders.schema = QStringLiteral("public");
    orders.name = QStringLiteral("orders");
    orders.totalBytes = 300 * 1024 * 1024;
    orders.liveTuples = 60000;
    orders.deadTuples = 40000;
    orders.bloatBytes = 80 * 1024 * 1024;
    orders.lastAutovacuumMs = 7 * 3600 * 1000;
    orders.seqScans = 12;
    PgTable fresh;
    fresh.schema = QStringLiteral("audit");
    fresh.name = QStringLiteral("events");
    fresh.liveTuples = 20000;
    fresh.seqScans = 40;
    model.setTables({orders, fresh});
    QCOMPARE(model.index(0, TableStatsModel::NameColumn).data().toString(), QStringLiteral("orders"));
    QCOMPARE(model.index(1, TableStatsModel::NameColumn).data().toString(), QStringLiteral("audit.events"));
    QCOMPARE(model.index(0, TableStatsModel::TotalColumn).data().toString(), QStringLiteral("300.0 MiB"));
    QCOMPARE(model.index(0, TableStatsModel::DeadColumn).data().toString(), QStringLiteral("40000 (40 %)"));
    QVERIFY(model.index(0, TableStatsModel::DeadColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(0, TableStatsModel::BloatColumn).data().toString(), QStringLiteral("80.0 MiB"));
    QCOMPARE(model.index(0, TableStatsModel::VacuumColumn).data().toString(), QStringLiteral("3h ago"));
    QCOMPARE(model.index(1, TableStatsModel::VacuumColumn).data().toString(), QStringLiteral("never"));
    QVERIFY(model.index(1, TableStatsModel::BloatColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("ANALYZE")));
    QVERIFY(model.index(1, TableStatsModel::SeqScanColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("missing index")));
}

QTEST_MAIN(TestStatementModel)
#include "tst_statement_model.moc"
