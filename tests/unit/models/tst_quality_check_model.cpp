// A monitoring database's quality checks and error lines as tables: merged by
// identity, failing checks counted and marked, levels coloured, text safe.
// Under QAbstractItemModelTester.

#include "log_entry_model.h"
#include "quality_check_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace opsdeck;

class TestQualityCheckModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksCountFailures();
    void logLinesMergeById();
};

void TestQualityCheckModel::checksCountFailures()
{
    QualityCheckModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock([] { return qint64(7200'000); });
    model.setChecks({{QStringLiteral("quotes_fresh"), QStringLiteral("quotes"), false, 3600'000, QStringLiteral("14 minutes\x1b old")},
                     {QStringLiteral("no_null_prices"), QStringLiteral("orders"), true, 0, {}}});
    QCOMPARE(model.failingCount(), 1);
    QCOMPARE(model.index(0, QualityCheckModel::ResultColumn).data().toString(), QStringLiteral("failed"));
    QVERIFY(model.index(0, QualityCheckModel::ResultColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.index(0, QualityCheckModel::WhenColumn).data().toString(), QStringLiteral("60m ago"));
    QVERIFY(!model.index(0, QualityCheckModel::DetailsColumn).data().toString().contains(QChar(0x1b)));
    QCOMPARE(model.index(1, QualityCheckModel::ResultColumn).data(QualityCheckModel::SortRole).toInt(), 1);
    QPersistentModelIndex kept = model.index(1, 0);
    model.setChecks({{QStringLiteral("no_null_prices"), QStringLiteral("orders"), true, 100, {}},
                     {QStringLiteral("quotes_fresh"), QStringLiteral("quotes"), true, 7000'000, {}}});
    QCOMPARE(model.failingCount(), 0);
    QVERIFY(kept.isValid());
}

void TestQualityCheckModel::logLinesMergeById()
{
    LogEntryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setClock([] { return qint64(100'000); });
    model.setEntries({{3, 90'000, QStringLiteral("ERROR"), QStringLiteral("api"), QStringLiteral("database timeout")},
                      {2, 80'000, QStringLiteral("CRITICAL"), QStringLiteral("api"), QStringLiteral("out of memory")}});
    QCOMPARE(model.index(0, LogEntryModel::TimeColumn).data().toString(), QStringLiteral("10s ago"));
    QCOMPARE(model.index(0, LogEntryModel::TimeColumn).data(LogEntryModel::SortRole).toLongLong(), 90'000);
    QVERIFY(model.index(1, LogEntryModel::LevelColumn).data(Qt::ForegroundRole).isValid());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setEntries({{4, 95'000, QStringLiteral("ERROR"), QStringLiteral("web"), QStringLiteral("502")},
                      {3, 90'000, QStringLiteral("ERROR"), QStringLiteral("api"), QStringLiteral("database timeout")}});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(4), 1);
}

QTEST_MAIN(TestQualityCheckModel)
#include "tst_quality_check_model.moc"
