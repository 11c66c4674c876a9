// The Sessions table: merged by backend (a reused pid is a new row), ages by
// the server's clock, thresholds that flag long queries and idle
// transactions, safe text, and the filter's words and switches. Under
// QAbstractItemModelTester throughout.

#include "session_filter.h"
#include "session_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace opsdeck;

class TestSessionModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesByBackendAndKeepsRows();
    void reusedPidIsANewRow();
    void agesAndThresholds();
    void serverTextIsShownSafely();
    void hiddenQueryIsSaid();
    void filterWordsAndSwitches();
    void tenThousandSessionsMerge();
};

namespace {

constexpr qint64 now = 1'700'000'000'000;

PgSession session(int pid, const QString &state = QStringLiteral("active"), const QString &user = QStringLiteral("app"))
{
    PgSession s;
    s.pid = pid;
    s.backendStartMs = now - 3600'000;
    s.backendType = QStringLiteral("client backend");
    s.state = state;
    s.user = user;
    s.database = QStringLiteral("shop");
    s.application = QStringLiteral("api");
    s.query = QStringLiteral("SELECT %1").arg(pid);
    s.queryStartMs = now - 1000;
    s.stateChangeMs = now - 1000;
    return s;
}

} // namespace

void TestSessionModel::mergesByBackendAndKeepsRows()
{
    SessionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSessions({session(1), session(2), session(3), session(4)}, now);
    QCOMPARE(model.rowCount(), 4);
    QPersistentModelIndex kept = model.index(2, 0);  // pid 3
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSessions({session(3), session(5), session(1)}, now + 2000);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(removed.count(), 2);  // pid 2 and pid 4: two ranges
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(SessionModel::PidRole).toInt(), 3);
    QCOMPARE(model.index(2, SessionModel::PidColumn).data().toInt(), 5);
    QCOMPARE(model.rowOf({5, now - 3600'000}), 2);
}

void TestSessionModel::reusedPidIsANewRow()
{
    SessionModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSessions({session(7)}, now);
    QPersistentModelIndex old = model.index(0, 0);
    PgSession reborn = session(7);
    reborn.backendStartMs = now;
    model.setSessions({reborn}, now + 2000);
    QVERIFY(!old.isValid());
    QCOMPARE(model.rowCount(), 1);
}

void TestSessionModel::agesAndThresholds()
{
    SessionModel model;
    PgSession slow = session(1);
    slow.queryStartMs = now - 90'000;
    slow.xactStartMs = now - 95'000;
    PgSession idleTx = session(2, QStringLiteral("idle in transaction"));
    idleTx.stateChangeMs = now - 45'000;
    PgSession waiting = session(3);
    waiting.waitEventType = QStringLiteral("Lock");
    waiting.waitEvent = QStringLiteral("relation");
    waiting.blockedBy = {1};
    waiting.lockMode = QStringLiteral("AccessShareLock");
    waiting.lockRelation = QStringLiteral("orders");
    PgSession quick = session(4);
    model.setSessions({slow, idleTx, waiting, quick}, now);
    QCOMPARE(model.index(0, SessionModel::QueryAgeColumn).data().toString(), QStringLiteral("90s"));
    QCOMPARE(model.index(0, SessionModel::QueryAgeColumn).data(SessionModel::SortRole).toLongLong(), 90'000);
    QCOMPARE(model.index(0, SessionModel::TransactionAgeColumn).data().toString(), QStringLiteral("95s"));
    QCOMPARE(model.index(0, 0).data(SessionModel::AttentionRole).toInt(), int(SessionModel::Attention::LongRunning));
    QCOMPARE(model.index(1, 0).data(SessionModel::AttentionRole).toInt(), int(SessionModel::Attention::IdleInTransaction));
    QCOMPARE(model.index(1, SessionModel::QueryAgeColumn).data().toString(), QStringLiteral("45s"));  // idle for
    QCOMPARE(model.index(2, 0).data(SessionModel::AttentionRole).toInt(), int(SessionModel::Attention::WaitingOnLock));
    QVERIFY(model.index(2, SessionModel::WaitColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("AccessShareLock on orders, held by 1")));
    QCOMPARE(model.index(3, 0).data(SessionModel::AttentionRole).toInt(), int(SessionModel::Attention::None));
    QVERIFY(model.index(0, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(3, 0).data(Qt::ForegroundRole).isValid());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setThresholds(120'000, 60'000);  // the user raises both
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, 0).data(SessionModel::AttentionRole).toInt(), int(SessionModel::Attention::None));
    QCOMPARE(model.index(1, 0).data(SessionModel::AttentionRole).toInt(), int(SessionModel::Attention::None));
}

void TestSessionModel::serverTextIsShownSafely()
{
    SessionModel model;
    PgSession evil = session(1);
    evil.application = QStringLiteral("evil\x1b[31m\x07");
    evil.query = QStringLiteral("SELECT '<b>bold</b>'\n  FROM t /* ") + QStringLiteral("x").repeated(1024 * 1024) + QStringLiteral(" */");
    evil.queryTruncated = true;
    model.setSessions({evil}, now);
    const QString app = model.index(0, SessionModel::ApplicationColumn).data().toString();
    QVERIFY(!app.contains(QChar(0x1b)) && !app.contains(QChar(0x07)));
    const QString query = model.index(0, SessionModel::QueryColumn).data().toString();
    QVERIFY(query.size() <= 300);
    QVERIFY(query.startsWith(QStringLiteral("SELECT '<b>bold</b>' FROM t")));
    const QString tip = model.index(0, SessionModel::QueryColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(tip.size() < 6000);
    QVERIFY(tip.contains(QStringLiteral("&lt;b&gt;bold")));  // shown as text, not rendered
    QVERIFY(tip.contains(QStringLiteral("cut")));
}

void TestSessionModel::hiddenQueryIsSaid()
{
    SessionModel model;
    PgSession other = session(1);
    other.query = QStringLiteral("<insufficient privilege>");
    other.queryHidden = true;
    model.setSessions({other}, now);
    QCOMPARE(model.index(0, SessionModel::QueryColumn).data().toString(), QStringLiteral("(hidden from this role)"));
    QVERIFY(model.index(0, SessionModel::QueryColumn).data(Qt::ToolTipRole).toString().contains(QStringLiteral("pg_read_all_stats")));
}

void TestSessionModel::filterWordsAndSwitches()
{
    SessionModel model;
    SessionFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    PgSession checkpointer;
    checkpointer.pid = 9;
    checkpointer.backendType = QStringLiteral("checkpointer");
    PgSession batch = session(2, QStringLiteral("idle"), QStringLiteral("batch"));
    batch.application = QStringLiteral("nightly");
    PgSession report = session(3, QStringLiteral("active"), QStringLiteral("alice"));
    report.query = QStringLiteral("SELECT * FROM invoices");
    PgSession otherConsole = session(8, QStringLiteral("idle"));
    otherConsole.application = QStringLiteral("opsdeck/monitor:4242");
    model.setSessions({session(1), batch, report, checkpointer, otherConsole}, now);
    QCOMPARE(filter.rowCount(), 3);  // the checkpointer and another console's monitor are background
    filter.setShowBackground(true);
    QCOMPARE(filter.rowCount(), 5);
    filter.setShowBackground(false);
    filter.setShowIdle(false);
    QCOMPARE(filter.rowCount(), 2);
    filter.setShowIdle(true);
    filter.setActiveOnly(true);
    QCOMPARE(filter.rowCount(), 2);
    filter.setActiveOnly(false);
    filter.setWords(QStringLiteral("invoices"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data(SessionModel::PidRole).toInt(), 3);
    filter.setWords(QStringLiteral("user:batch"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setWords(QStringLiteral("app:nightly user:alice"));
    QCOMPARE(filter.rowCount(), 0);
    filter.setWords(QStringLiteral("db:shop 3"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setWords({});
    filter.sort(SessionModel::PidColumn, Qt::DescendingOrder);
    QCOMPARE(filter.index(0, 0).data(SessionModel::PidRole).toInt(), 3);
}

void TestSessionModel::tenThousandSessionsMerge()
{
    // Correctness at the benchmark's size (bench/ measures its time): a churn of
    // a tenth of the sessions between two polls.
    SessionModel model;
    std::vector<PgSession> first, second;
    for (int pid = 1; pid <= 10000; ++pid)
        first.push_back(session(pid));
    for (int pid = 1001; pid <= 11000; ++pid)
        second.push_back(session(pid));
    model.setSessions(first, now);
    QPersistentModelIndex kept = model.index(5000, 0);
    model.setSessions(second, now + 2000);
    QCOMPARE(model.rowCount(), 10000);
    QCOMPARE(kept.data(SessionModel::PidRole).toInt(), 5001);
    QCOMPARE(model.index(9999, 0).data(SessionModel::PidRole).toInt(), 11000);
}

QTEST_MAIN(TestSessionModel)
#include "tst_session_model.moc"
