// The blocking tree as a view shows it: roots first, waiters under their
// blocker, the root marked; a poll with the same pile-up keeps the tree (no
// reset), a new shape resets it. Under QAbstractItemModelTester.

#include "blocking_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace opsdeck;

class TestBlockingModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void treeWithRootMarked();
    void samePileUpUpdatesInPlace();
};

namespace {

PgSession session(int pid, std::vector<int> blockedBy = {})
{
    PgSession s;
    s.pid = pid;
    s.backendType = QStringLiteral("client backend");
    s.state = blockedBy.empty() ? QStringLiteral("idle in transaction") : QStringLiteral("active");
    s.user = QStringLiteral("u%1").arg(pid);
    s.stateChangeMs = 1000;
    if (!blockedBy.empty()) {
        s.waitEventType = QStringLiteral("Lock");
        s.lockMode = QStringLiteral("RowExclusiveLock");
        s.lockRelation = QStringLiteral("orders");
    }
    s.blockedBy = std::move(blockedBy);
    return s;
}

} // namespace

void TestBlockingModel::treeWithRootMarked()
{
    BlockingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSessions({session(10), session(20, {10}), session(30, {20, 10}), session(40)}, 61000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rootCount(), 1);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(root.data(BlockingModel::PidRole).toInt(), 10);
    QVERIFY(root.data(BlockingModel::IsRootRole).toBool());
    QVERIFY(model.index(0, BlockingModel::StateColumn).data().toString().contains(QStringLiteral("root blocker")));
    QCOMPARE(model.index(0, BlockingModel::BehindColumn).data().toInt(), 2);
    QCOMPARE(model.rowCount(root), 1);
    const QModelIndex child = model.index(0, 0, root);
    QCOMPARE(child.data(BlockingModel::PidRole).toInt(), 20);
    QCOMPARE(model.index(0, BlockingModel::LockColumn, root).data().toString(), QStringLiteral("RowExclusiveLock on orders"));
    QCOMPARE(model.index(0, BlockingModel::WaitingColumn, root).data().toString(), QStringLiteral("60s"));
    QCOMPARE(model.rowCount(child), 1);
    QCOMPARE(model.index(0, 0, child).data(BlockingModel::PidRole).toInt(), 30);
    QCOMPARE(model.parent(model.index(0, 0, child)), child);
    QCOMPARE(model.indexOfPid(30).data(BlockingModel::PidRole).toInt(), 30);
}

void TestBlockingModel::samePileUpUpdatesInPlace()
{
    BlockingModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSessions({session(10), session(20, {10})}, 2000);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSessions({session(10), session(20, {10})}, 4000);
    QCOMPARE(reset.count(), 0);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.index(0, BlockingModel::WaitingColumn, model.index(0, 0)).data().toString(), QStringLiteral("3s"));
    model.setSessions({session(10), session(20, {10}), session(30, {10})}, 6000);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    model.setSessions({session(10), session(20)}, 8000);
    QCOMPARE(model.rowCount(), 0);  // resolved: nothing waits
}

QTEST_MAIN(TestBlockingModel)
#include "tst_blocking_model.moc"
