// The PostgreSQL layer against a real PostgreSQL on loopback (the newest
// installed, 15 here): what a poll reads, rates against pgbench's own count,
// cancel and terminate with their audit lines, a lock chain as a tree,
// pg_stat_statements absent and present, a server killed and restarted, a
// server that never answers, a role without pg_monitor, and a 1 MB query.

#include "audit/audit_log.h"
#include "db/backend_actions.h"
#include "db/blocking_tree.h"
#include "db/database_monitor.h"
#include "db/pg_worker.h"
#include "audit_lines.h"
#include "postgres_server.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace opsdeck;

class TestPostgresIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pollReadsTheServerAndItsSessions();
    void commitsPerSecondMatchPgbenchsCount();
    void cancelThenTerminateFromTheActionConnection();
    void actionsRefusedOrAlreadyGone();
    void lockChainOfThreeIsATreeWithTheRightRoot();
    void statementsHintWhenAbsentAndSlowestFirstWhenPresent();
    void serverKilledAndRestartedKeepsDataThenReconnects();
    void serverThatNeverAnswersDoesNotHoldTeardown();
    void statementInFlightOnAFrozenBackendDoesNotHoldTeardown();
    void roleWithoutPgMonitorSeesMaskedQueries();
    void megabyteQueryComesCut();
    void streamingStandbyIsSeenFromBothSides();
    void cleanupTestCase();

private:
    // Polls until the snapshot satisfies the predicate or the time runs out.
    template<typename Predicate>
    bool pollUntil(DatabaseMonitor &monitor, Predicate done, int timeoutMs = 15000);
    QList<QJsonObject> auditLines() const;

    testsupport::PostgresServer m_server{{QStringLiteral("track_activity_query_size = 1048576"),
                                          QStringLiteral("deadlock_timeout = 60s")}};
    QTemporaryDir m_dir;
    Profile m_profile;
};

template<typename Predicate>
bool TestPostgresIntegration::pollUntil(DatabaseMonitor &monitor, Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QSignalSpy updated(&monitor, &DatabaseMonitor::updated);
    while (timer.elapsed() < timeoutMs) {
        monitor.pollNow();
        if (!updated.wait(5000))
            continue;
        if (done(monitor.snapshot()))
            return true;
        QTest::qWait(100);
    }
    return false;
}

QList<QJsonObject> TestPostgresIntegration::auditLines() const
{
    return testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl")));
}

namespace {

const PgSession *sessionOf(const DatabaseSnapshot &s, const QString &application)
{
    for (const PgSession &session : s.sessions) {
        if (session.application == application)
            return &session;
    }
    return nullptr;
}

// waitForFinished() says false for a process that already ended while the loop ran.
bool ends(QProcess &process)
{
    return process.state() == QProcess::NotRunning || process.waitForFinished(10000);
}

BackendActionResult waitFor(BackendActions &actions, quint64 operation)
{
    BackendActionResult result;
    QSignalSpy spy(&actions, &BackendActions::finished);
    while (true) {
        if (spy.isEmpty() && !spy.wait(15000))
            return result;
        const QList<QVariant> args = spy.takeFirst();
        if (args.at(0).toULongLong() == operation)
            return args.at(1).value<BackendActionResult>();
    }
}

} // namespace

void TestPostgresIntegration::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE app")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE plain")).isNull());
    QVERIFY2(!m_server.psql(QStringLiteral("app"), QStringLiteral("CREATE EXTENSION pg_stat_statements; "
                                                                   "CREATE TABLE t (id int); CREATE TABLE u (id int); "
                                                                   "INSERT INTO t VALUES (1); INSERT INTO u VALUES (1)")).isNull(),
             qPrintable(m_server.lastError()));
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    m_profile.name = QStringLiteral("itest");
    m_profile.operatorName = QStringLiteral("carol");
    m_profile.databases << m_server.database(QStringLiteral("app")) << m_server.database(QStringLiteral("plain"));
}

void TestPostgresIntegration::pollReadsTheServerAndItsSessions()
{
    auto sleeper = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("itest-sleeper"));
    DatabaseMonitor monitor(m_server.database(QStringLiteral("app")));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return sessionOf(s, QStringLiteral("itest-sleeper")); }));
    const DatabaseSnapshot &s = monitor.snapshot();
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QVERIFY(s.server.versionNum >= 150000);
    QVERIFY(s.server.version.startsWith(QStringLiteral("15")));
    QCOMPARE(s.server.maxConnections, 120);
    QVERIFY(!s.server.inRecovery);
    QVERIFY(s.server.serverTimeMs > 0 && s.server.startedAtMs > 0 && s.server.startedAtMs <= s.server.serverTimeMs);
    QVERIFY(s.server.commits > 0);
    QVERIFY(s.server.walPosition > 0);
    QVERIFY(s.server.frozenXidAge > 0);
    const PgSession *sleeper1 = sessionOf(s, QStringLiteral("itest-sleeper"));
    QCOMPARE(sleeper1->state, QStringLiteral("active"));
    QCOMPARE(sleeper1->query, QStringLiteral("SELECT pg_sleep(60)"));
    QCOMPARE(sleeper1->waitEvent, QStringLiteral("PgSleep"));
    QCOMPARE(sleeper1->user, QStringLiteral("postgres"));
    QCOMPARE(sleeper1->database, QStringLiteral("app"));
    QVERIFY(sleeper1->client.startsWith(QStringLiteral("127.0.0.1:")));
    QVERIFY(sleeper1->queryStartMs > 0 && sleeper1->xactStartMs > 0);
    QVERIFY(sleeper1->blockedBy.empty());
    // This console's own connections are not listed (the monitor, the other database's monitor);
    // background processes are, by their type.
    DatabaseMonitor other(m_server.database(QStringLiteral("plain")));
    QVERIFY(pollUntil(other, [](const DatabaseSnapshot &x) { return x.hasData(); }));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &x) { return x.hasData(); }));
    for (const PgSession &session : s.sessions)
        QVERIFY(!session.application.startsWith(QStringLiteral("opsdeck/")));
    QVERIFY(std::any_of(s.sessions.begin(), s.sessions.end(),
                        [](const PgSession &x) { return x.backendType == QStringLiteral("checkpointer"); }));
    // The tables come with the first poll.
    QVERIFY(std::any_of(s.tables.begin(), s.tables.end(), [](const PgTable &t) { return t.name == QStringLiteral("t"); }));
    QVERIFY(s.server.databaseBytes > 1000000);
    QVERIFY2(s.warnings.isEmpty(), qPrintable(s.warnings.join(u'\n')));
}

void TestPostgresIntegration::commitsPerSecondMatchPgbenchsCount()
{
    QString out;
    QProcess init;
    init.start(m_server.binDir() + QStringLiteral("/pgbench"),
               {QStringLiteral("-i"), QStringLiteral("-q"), QStringLiteral("-s"), QStringLiteral("1"), QStringLiteral("-h"),
                QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_server.port()), QStringLiteral("-U"),
                QStringLiteral("postgres"), QStringLiteral("app")});
    QVERIFY(init.waitForFinished(60000));
    QCOMPARE(init.exitCode(), 0);

    DatabaseMonitor monitor(m_server.database(QStringLiteral("app")), 600000);
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.hasData(); }));
    QTest::qWait(1200);  // our own first poll's counters reach pg_stat_database (at most once a second)
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.rates.has_value(); }));
    const qint64 before = monitor.snapshot().server.commits;

    constexpr int clients = 2, perClient = 400;
    QProcess bench;
    bench.start(m_server.binDir() + QStringLiteral("/pgbench"),
                {QStringLiteral("-n"), QStringLiteral("-c"), QString::number(clients), QStringLiteral("-t"), QString::number(perClient),
                 QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_server.port()),
                 QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("app")});
    QVERIFY(bench.waitForFinished(120000));
    QCOMPARE(bench.exitCode(), 0);
    const QString report = QString::fromUtf8(bench.readAllStandardOutput());
    const QRegularExpressionMatch processed =
        QRegularExpression(QStringLiteral("actually processed: (\\d+)/")).match(report);
    QVERIFY2(processed.hasMatch(), qPrintable(report));
    const int transactions = processed.captured(1).toInt();
    QCOMPARE(transactions, clients * perClient);

    QTest::qWait(1500);  // pgbench's backends flushed their counters as they exited
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.rates.has_value(); }));
    const DatabaseSnapshot &s = monitor.snapshot();
    // The rate times the server's interval is the count in between: pgbench's
    // transactions, plus the few statements of one poll of ours and pgbench's own set-up.
    const double counted = s.rates->commitsPerS * double(s.rates->intervalMs) / 1000.0;
    QCOMPARE(qRound64(counted), s.server.commits - before);
    QVERIFY2(counted >= transactions && counted <= transactions + 60,
             qPrintable(QStringLiteral("%1 commits counted for %2 pgbench transactions").arg(counted).arg(transactions)));
    QVERIFY(s.rates->tuplesWrittenPerS > 0);
    QVERIFY(s.rates->walBytesPerS > 0);
    QVERIFY(s.rates->cacheHitRatio > 0.5 && s.rates->cacheHitRatio <= 1.0);
}

void TestPostgresIntegration::cancelThenTerminateFromTheActionConnection()
{
    auto first = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("itest-cancel"));
    auto second = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("itest-term"));
    const int cancelPid = m_server.pidOf(QStringLiteral("itest-cancel"));
    const int terminatePid = m_server.pidOf(QStringLiteral("itest-term"));
    QVERIFY(cancelPid > 0 && terminatePid > 0);

    // Found by the panel's own poll first, as a user finds it.
    DatabaseMonitor monitor(m_server.database(QStringLiteral("app")));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return sessionOf(s, QStringLiteral("itest-cancel")); }));
    QCOMPARE(sessionOf(monitor.snapshot(), QStringLiteral("itest-cancel"))->pid, cancelPid);

    BackendActions actions(m_profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("test"));
    const int linesBefore = auditLines().size();
    BackendActionResult cancelled = waitFor(actions, actions.signalBackend(QStringLiteral("app"), cancelPid, BackendSignal::Cancel));
    QVERIFY2(cancelled.outcome == BackendActionResult::Outcome::Done, qPrintable(cancelled.message));
    QCOMPARE(cancelled.user, QStringLiteral("postgres"));
    QCOMPARE(cancelled.application, QStringLiteral("itest-cancel"));
    QCOMPARE(cancelled.query, QStringLiteral("SELECT pg_sleep(60)"));
    QVERIFY(ends(*first));
    QVERIFY(QString::fromUtf8(first->readAllStandardError()).contains(QStringLiteral("canceling statement due to user request")));

    BackendActionResult terminated = waitFor(actions, actions.signalBackend(QStringLiteral("app"), terminatePid, BackendSignal::Terminate));
    QVERIFY2(terminated.outcome == BackendActionResult::Outcome::Done, qPrintable(terminated.message));
    QVERIFY(ends(*second));
    QVERIFY(m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1")
                                                          .arg(terminatePid)).trimmed() == QStringLiteral("0"));

    const QList<QJsonObject> lines = auditLines().mid(linesBefore);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0][QStringLiteral("action")].toString(), QStringLiteral("db-cancel"));
    QCOMPARE(lines[0][QStringLiteral("phase")].toString(), QStringLiteral("intent"));
    QCOMPARE(lines[0][QStringLiteral("operator")].toString(), QStringLiteral("carol"));
    QCOMPARE(lines[0][QStringLiteral("parameters")].toObject()[QStringLiteral("pid")].toInt(), cancelPid);
    QCOMPARE(lines[0][QStringLiteral("parameters")].toObject()[QStringLiteral("query")].toString(), QStringLiteral("SELECT pg_sleep(60)"));
    QCOMPARE(lines[1][QStringLiteral("phase")].toString(), QStringLiteral("outcome"));
    QCOMPARE(lines[1][QStringLiteral("result")].toString(), QStringLiteral("ok"));
    QCOMPARE(lines[1][QStringLiteral("correlation")], lines[0][QStringLiteral("correlation")]);
    QCOMPARE(lines[2][QStringLiteral("action")].toString(), QStringLiteral("db-terminate"));
    QCOMPARE(lines[3][QStringLiteral("result")].toString(), QStringLiteral("ok"));
}

void TestPostgresIntegration::actionsRefusedOrAlreadyGone()
{
    BackendActions actions(m_profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("test"));
    const BackendActionResult gone = waitFor(actions, actions.signalBackend(QStringLiteral("app"), 999999, BackendSignal::Terminate));
    QCOMPARE(gone.outcome, BackendActionResult::Outcome::AlreadyGone);
    QVERIFY(gone.message.contains(QStringLiteral("already gone")));
    const BackendActionResult unknown = waitFor(actions, actions.signalBackend(QStringLiteral("nope"), 42, BackendSignal::Cancel));
    QCOMPARE(unknown.outcome, BackendActionResult::Outcome::Refused);

    Profile readOnly = m_profile;
    readOnly.readOnly = true;
    BackendActions refused(readOnly, AuditLog(AuditLog::defaultPath()), QStringLiteral("test"));
    const int linesBefore = auditLines().size();
    const BackendActionResult r = waitFor(refused, refused.signalBackend(QStringLiteral("app"), 1234, BackendSignal::Terminate));
    QCOMPARE(r.outcome, BackendActionResult::Outcome::Refused);
    QVERIFY(r.message.contains(QStringLiteral("read-only")));
    QCOMPARE(auditLines().size(), linesBefore);  // nothing was attempted

    // A role that may not signal another role's backend is told so.
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE ROLE intern LOGIN")).isNull());
    auto victim = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("itest-protected"));
    const int pid = m_server.pidOf(QStringLiteral("itest-protected"));
    Profile asIntern = m_profile;
    asIntern.databases = {m_server.database(QStringLiteral("app"), QStringLiteral("intern"))};
    BackendActions intern(asIntern, AuditLog(AuditLog::defaultPath()), QStringLiteral("test"));
    const BackendActionResult denied = waitFor(intern, intern.signalBackend(QStringLiteral("app"), pid, BackendSignal::Terminate));
    QVERIFY2(denied.outcome == BackendActionResult::Outcome::NotPermitted, qPrintable(denied.message));
    QVERIFY(denied.message.contains(QStringLiteral("pg_signal_backend")));
    QCOMPARE(auditLines().last()[QStringLiteral("result")].toString(), QStringLiteral("failed"));
    QCOMPARE(victim->state(), QProcess::Running);
}

void TestPostgresIntegration::lockChainOfThreeIsATreeWithTheRightRoot()
{
    // a holds t; b holds u and waits for t; c waits for u: a is the one to act on.
    auto a = m_server.startSession(QStringLiteral("app"),
                                   QStringLiteral("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT;"),
                                   QStringLiteral("chain-a"));
    const int pidA = m_server.pidOf(QStringLiteral("chain-a"));
    auto b = m_server.startSession(QStringLiteral("app"),
                                   QStringLiteral("BEGIN; LOCK TABLE u IN ACCESS EXCLUSIVE MODE; SELECT * FROM t; COMMIT;"),
                                   QStringLiteral("chain-b"));
    const int pidB = m_server.pidOf(QStringLiteral("chain-b"));
    auto c = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT * FROM u"), QStringLiteral("chain-c"));
    const int pidC = m_server.pidOf(QStringLiteral("chain-c"));
    QVERIFY(pidA && pidB && pidC);

    DatabaseMonitor monitor(m_server.database(QStringLiteral("app")));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) {
        const PgSession *third = sessionOf(s, QStringLiteral("chain-c"));
        const PgSession *second = sessionOf(s, QStringLiteral("chain-b"));
        return third && second && !third->blockedBy.empty() && !second->blockedBy.empty();
    }));
    const DatabaseSnapshot &s = monitor.snapshot();
    const PgSession *waiterC = sessionOf(s, QStringLiteral("chain-c"));
    QCOMPARE(waiterC->blockedBy, std::vector<int>{pidB});
    QCOMPARE(waiterC->waitEventType, QStringLiteral("Lock"));
    QCOMPARE(waiterC->lockRelation, QStringLiteral("u"));
    QCOMPARE(waiterC->lockMode, QStringLiteral("AccessShareLock"));
    QCOMPARE(sessionOf(s, QStringLiteral("chain-b"))->blockedBy, std::vector<int>{pidA});

    const std::vector<pg::BlockingNode> tree = pg::blockingTree(s.sessions);
    QCOMPARE(tree.size(), size_t(3));
    QCOMPARE(tree[0].pid, pidA);
    QCOMPARE(tree[0].depth, 0);
    QCOMPARE(tree[0].blockedCount, 2);
    QCOMPARE(tree[1].pid, pidB);
    QCOMPARE(tree[1].parentPid, pidA);
    QCOMPARE(tree[2].pid, pidC);
    QCOMPARE(tree[2].depth, 2);
    m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pidA));
    QVERIFY(ends(*c));
}

void TestPostgresIntegration::statementsHintWhenAbsentAndSlowestFirstWhenPresent()
{
    DatabaseMonitor plain(m_server.database(QStringLiteral("plain")));
    QVERIFY(pollUntil(plain, [](const DatabaseSnapshot &s) { return s.statementsState != PgStatementsState::Unknown; }));
    QCOMPARE(plain.snapshot().statementsState, PgStatementsState::NotInstalled);
    QVERIFY(plain.snapshot().statementsMessage.contains(QStringLiteral("CREATE EXTENSION pg_stat_statements")));
    QVERIFY(plain.snapshot().error.isEmpty());

    DatabaseMonitor app(m_server.database(QStringLiteral("app")), 600000);
    QVERIFY(pollUntil(app, [](const DatabaseSnapshot &s) { return s.statementsState == PgStatementsState::Available; }));
    QCOMPARE(app.statementHistory().sampleCount(), size_t(1));
    // A known workload: many quick statements and a few slow ones.
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT count(*) FROM t; ").repeated(200)).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(0.3); SELECT pg_sleep(0.3); SELECT pg_sleep(0.3);")).isNull());
    // Statements are read every fifth poll.
    QVERIFY(pollUntil(app, [&app](const DatabaseSnapshot &) { return app.statementHistory().sampleCount() >= 2; }));
    const pg::StatementWindow five = app.statementHistory().window(5 * 60 * 1000, 10);
    QVERIFY(!five.rows.empty());
    QVERIFY2(app.statementText(five.rows[0].key).contains(QStringLiteral("pg_sleep")),
             qPrintable(app.statementText(five.rows[0].key)));
    QCOMPARE(five.rows[0].counters.calls, 3);
    QVERIFY(five.rows[0].counters.totalMs >= 900);
    QCOMPARE(app.statementOwner(five.rows[0].key).first, QStringLiteral("postgres"));
    QCOMPARE(app.statementOwner(five.rows[0].key).second, QStringLiteral("app"));
    // The quick one counted all its calls in the window.
    bool sawCount = false;
    for (const pg::StatementRow &row : five.rows) {
        if (app.statementText(row.key).contains(QStringLiteral("count(*) FROM t"))) {
            QCOMPARE(row.counters.calls, 200);
            sawCount = true;
        }
    }
    QVERIFY(sawCount);
}

void TestPostgresIntegration::serverKilledAndRestartedKeepsDataThenReconnects()
{
    DatabaseMonitor monitor(m_server.database(QStringLiteral("app")), 600000);
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.hasData(); }));
    const qint64 lastGood = monitor.snapshot().lastGoodAtMs;
    const int sessions = int(monitor.snapshot().sessions.size());
    QVERIFY(m_server.stop(QStringLiteral("immediate")));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return !s.error.isEmpty(); }));
    const DatabaseSnapshot &down = monitor.snapshot();
    QVERIFY(down.hasData());
    QCOMPARE(down.lastGoodAtMs, lastGood);
    QCOMPARE(int(down.sessions.size()), sessions);  // the last data is kept, marked by its age
    QVERIFY(!down.rates);
    // The next attempt is announced, then made after the backoff.
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.retryAtMs > 0; }));
    QVERIFY(monitor.snapshot().retryAtMs > monitor.snapshot().attemptedAtMs);
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.error.isEmpty(); }, 40000));
    QVERIFY(monitor.snapshot().lastGoodAtMs > lastGood);
    QCOMPARE(monitor.snapshot().retryAtMs, 0);
}

void TestPostgresIntegration::serverThatNeverAnswersDoesNotHoldTeardown()
{
    // A socket that listens and never accepts: the kernel completes the handshake, nobody answers.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(fd, 16), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    DatabaseConfig mute = m_server.database(QStringLiteral("app"));
    mute.port = ntohs(address.sin_port);

    auto monitor = std::make_unique<DatabaseMonitor>(mute);
    Profile muteProfile;
    muteProfile.name = QStringLiteral("mute");
    muteProfile.databases = {mute};
    auto actions = std::make_unique<BackendActions>(muteProfile, AuditLog(AuditLog::defaultPath()), QStringLiteral("test"));
    monitor->start();
    actions->signalBackend(mute.name, 4242, BackendSignal::Cancel);
    QTest::qWait(300);  // both are connecting now, waiting for an answer that never comes
    QElapsedTimer timer;
    timer.start();
    monitor.reset();
    actions.reset();
    QVERIFY2(timer.elapsed() < 100, qPrintable(QStringLiteral("teardown took %1 ms").arg(timer.elapsed())));
    ::close(fd);
}

void TestPostgresIntegration::statementInFlightOnAFrozenBackendDoesNotHoldTeardown()
{
    auto monitor = std::make_unique<DatabaseMonitor>(m_server.database(QStringLiteral("app")), 600000);
    QVERIFY(pollUntil(*monitor, [](const DatabaseSnapshot &s) { return s.hasData(); }));
    const int backend = m_server.psql(QStringLiteral("postgres"),
                                      QStringLiteral("SELECT pid FROM pg_stat_activity WHERE application_name = '%1'").arg(PgWorker::applicationName(QStringLiteral("monitor"))))
                            .trimmed().toInt();
    QVERIFY(backend > 0);
    ::kill(backend, SIGSTOP);  // the server accepted the connection and now never answers on it
    monitor->pollNow();
    QTest::qWait(300);
    QElapsedTimer timer;
    timer.start();
    monitor.reset();
    const qint64 took = timer.elapsed();
    ::kill(backend, SIGCONT);
    QVERIFY2(took < 100, qPrintable(QStringLiteral("teardown took %1 ms").arg(took)));
}

void TestPostgresIntegration::roleWithoutPgMonitorSeesMaskedQueries()
{
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE ROLE watcher LOGIN")).isNull());
    auto secret = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60) /* secret */"), QStringLiteral("itest-secret"));
    QVERIFY(m_server.pidOf(QStringLiteral("itest-secret")));
    {
        DatabaseMonitor monitor(m_server.database(QStringLiteral("app"), QStringLiteral("watcher")));
        QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return s.hasData(); }));
        const DatabaseSnapshot &s = monitor.snapshot();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        const PgSession *other = sessionOf(s, QStringLiteral("itest-secret"));
        // Without pg_read_all_stats even the application name is hidden: find it by its masked query.
        const auto masked = std::count_if(s.sessions.begin(), s.sessions.end(), [](const PgSession &x) { return x.queryHidden; });
        QVERIFY(masked >= 1);
        if (other)
            QVERIFY(other->queryHidden);
        for (const PgSession &x : s.sessions)
            QVERIFY(!x.query.contains(QStringLiteral("secret")));
    }
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("GRANT pg_monitor TO watcher")).isNull());
    DatabaseMonitor monitor(m_server.database(QStringLiteral("app"), QStringLiteral("watcher")));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return sessionOf(s, QStringLiteral("itest-secret")); }));
    QVERIFY(!sessionOf(monitor.snapshot(), QStringLiteral("itest-secret"))->queryHidden);
}

void TestPostgresIntegration::megabyteQueryComesCut()
{
    const QString comment = QStringLiteral("x").repeated(1024 * 1024);
    auto big = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60) /* %1 */").arg(comment),
                                     QStringLiteral("itest-big"));
    QVERIFY(m_server.pidOf(QStringLiteral("itest-big")));
    DatabaseMonitor monitor(m_server.database(QStringLiteral("app")));
    QVERIFY(pollUntil(monitor, [](const DatabaseSnapshot &s) { return sessionOf(s, QStringLiteral("itest-big")); }));
    const PgSession *s = sessionOf(monitor.snapshot(), QStringLiteral("itest-big"));
    QVERIFY(s->queryTruncated);
    QCOMPARE(s->query.size(), 65536);
    QVERIFY(s->query.startsWith(QStringLiteral("SELECT pg_sleep(60) /* xxx")));
}

void TestPostgresIntegration::streamingStandbyIsSeenFromBothSides()
{
    testsupport::PostgresServer standby;
    QVERIFY2(standby.startAsStandbyOf(m_server, QStringLiteral("standby_one")), qPrintable(standby.lastError()));
    m_server.psql(QStringLiteral("app"), QStringLiteral("CREATE TABLE replicated AS SELECT generate_series(1, 10000) AS n"));
    DatabaseMonitor primary(m_server.database(QStringLiteral("app")));
    QVERIFY(pollUntil(primary, [](const DatabaseSnapshot &s) {
        return !s.replicas.empty() && s.replicas.front().state == QStringLiteral("streaming");
    }, 30000));
    const PgReplica &replica = primary.snapshot().replicas.front();
    QVERIFY(replica.pid > 0);
    QVERIFY2(!replica.name.isEmpty(), "the WAL sender's application name, from the sessions");
    QCOMPARE(replica.client, QStringLiteral("127.0.0.1"));
    QCOMPARE(replica.syncState, QStringLiteral("async"));
    QVERIFY(replica.replayBytesBehind >= 0);
    QCOMPARE(primary.snapshot().replicationSlots.size(), size_t(1));
    QCOMPARE(primary.snapshot().replicationSlots.front().name, QStringLiteral("standby_one"));
    QVERIFY(primary.snapshot().replicationSlots.front().active);
    QCOMPARE(primary.snapshot().replicationSlots.front().type, QStringLiteral("physical"));
    QVERIFY(primary.snapshot().warnings.isEmpty());

    DatabaseMonitor secondary(standby.database(QStringLiteral("app")));
    QVERIFY(pollUntil(secondary, [](const DatabaseSnapshot &s) { return s.hasData(); }));
    QVERIFY(secondary.snapshot().server.inRecovery);
    QVERIFY(secondary.snapshot().server.walPosition > 0);
    QVERIFY2(secondary.snapshot().error.isEmpty(), qPrintable(secondary.snapshot().error));
    standby.stop(QStringLiteral("immediate"));
    m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT pg_drop_replication_slot('standby_one')"));
}

void TestPostgresIntegration::cleanupTestCase()
{
    m_server.stop(QStringLiteral("immediate"));
}

QTEST_GUILESS_MAIN(TestPostgresIntegration)
#include "tst_postgres_integration.moc"
