// Who blocks whom: waiting sessions under their blockers, the root the one to
// act on, cycles marked, sessions that neither block nor wait left out.

#include "db/blocking_tree.h"

#include <QTest>

using namespace opsdeck;

class TestBlockingTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chainOfThreeHasOneRoot();
    void waiterOnTwoBlockersIsShownOnce();
    void cycleIsMarked();
    void blockerThatEndedIsIgnored();
    void nothingBlockedNoTree();
};

namespace {

PgSession session(int pid, std::vector<int> blockedBy = {})
{
    PgSession s;
    s.pid = pid;
    s.blockedBy = std::move(blockedBy);
    return s;
}

} // namespace

void TestBlockingTree::chainOfThreeHasOneRoot()
{
    // 300 waits on 200 and 100 (queued behind 200), 200 on 100; 400 is idle.
    const auto tree = pg::blockingTree({session(400), session(300, {200, 100}), session(200, {100}), session(100)});
    QCOMPARE(tree.size(), size_t(3));
    QCOMPARE(tree[0].pid, 100);
    QCOMPARE(tree[0].depth, 0);
    QCOMPARE(tree[0].blockedCount, 2);
    QCOMPARE(tree[1].parentPid, 100);
    QCOMPARE(tree[1].depth, 1);
    for (const auto &node : tree)
        QVERIFY(!node.inCycle);
    int roots = 0;
    for (const auto &node : tree)
        roots += node.depth == 0;
    QCOMPARE(roots, 1);
}

void TestBlockingTree::waiterOnTwoBlockersIsShownOnce()
{
    const auto tree = pg::blockingTree({session(1), session(2), session(3, {1, 2})});
    QCOMPARE(tree.size(), size_t(3));  // roots 1 and 2, and 3 under 1 only
    QCOMPARE(tree[0].pid, 1);
    QCOMPARE(tree[1].pid, 3);
    QCOMPARE(tree[1].parentPid, 1);
    QCOMPARE(tree[2].pid, 2);
    QCOMPARE(tree[2].blockedCount, 1);
}

void TestBlockingTree::cycleIsMarked()
{
    const auto tree = pg::blockingTree({session(10, {20}), session(20, {10}), session(30, {10})});
    QCOMPARE(tree.size(), size_t(3));
    QCOMPARE(tree[0].pid, 10);
    QVERIFY(tree[0].inCycle);
    for (const auto &node : tree) {
        if (node.pid == 20)
            QVERIFY(node.inCycle);
        if (node.pid == 30)
            QVERIFY(!node.inCycle);  // waits on the cycle, is not part of it
    }
}

void TestBlockingTree::blockerThatEndedIsIgnored()
{
    // 99 ended between pg_locks and pg_stat_activity: 5 is left waiting on no one present.
    QVERIFY(pg::blockingTree({session(5, {99})}).empty());
}

void TestBlockingTree::nothingBlockedNoTree()
{
    QVERIFY(pg::blockingTree({session(1), session(2)}).empty());
}

QTEST_GUILESS_MAIN(TestBlockingTree)
#include "tst_blocking_tree.moc"
