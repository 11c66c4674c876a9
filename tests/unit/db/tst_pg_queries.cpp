// The SQL of every supported server version, as text: each version gets the
// columns and views it has (the one that runs here, 15, is also run against a
// real server by tst_postgres_integration). A rename that one version lacks is
// caught here before a user's server refuses it.

#include "db/pg_queries.h"
#include "db/pg_worker.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTest>

using namespace opsdeck;

class TestPgQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionsOutsideTheRangeAreSaid();
    void checkpointsComeFromTheirViewPerVersion_data();
    void checkpointsComeFromTheirViewPerVersion();
    void statementsColumnsPerVersion_data();
    void statementsColumnsPerVersion();
    void walStatusOnlyFrom13();
    void actionsBindThePid();
    void sessionsCutLongQueriesAndSkipOurOwn();
    void conninfoQuotesAndNamesTheRole();
    void everyStatementIsMarkedAsOurs();
};

void TestPgQueries::versionsOutsideTheRangeAreSaid()
{
    QVERIFY(!pg::unsupportedReason(110022).empty());
    QVERIFY(QString::fromStdString(pg::unsupportedReason(110022)).contains(QStringLiteral("PostgreSQL 11")));
    QVERIFY(pg::unsupportedReason(120000).empty());
    QVERIFY(pg::unsupportedReason(170002).empty());
    QVERIFY(pg::unsupportedReason(180000).empty());  // newer: 17's queries, no refusal
}

void TestPgQueries::checkpointsComeFromTheirViewPerVersion_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("column");
    QTest::newRow("12") << 120017 << QStringLiteral("pg_stat_bgwriter") << QStringLiteral("checkpoints_timed");
    QTest::newRow("13") << 130013 << QStringLiteral("pg_stat_bgwriter") << QStringLiteral("checkpoints_timed");
    QTest::newRow("14") << 140010 << QStringLiteral("pg_stat_bgwriter") << QStringLiteral("checkpoints_timed");
    QTest::newRow("15") << 150008 << QStringLiteral("pg_stat_bgwriter") << QStringLiteral("checkpoints_timed");
    QTest::newRow("16") << 160004 << QStringLiteral("pg_stat_bgwriter") << QStringLiteral("checkpoints_timed");
    QTest::newRow("17") << 170002 << QStringLiteral("pg_stat_checkpointer") << QStringLiteral("num_timed");
    QTest::newRow("18") << 180000 << QStringLiteral("pg_stat_checkpointer") << QStringLiteral("num_timed");
}

void TestPgQueries::checkpointsComeFromTheirViewPerVersion()
{
    QFETCH(int, version);
    QFETCH(QString, view);
    QFETCH(QString, column);
    const QString sql = QString::fromStdString(pg::serverSql(version));
    QVERIFY2(sql.contains(view), qPrintable(sql));
    QVERIFY(sql.contains(column));
    // 17 has no checkpoint columns in pg_stat_bgwriter any more, and older ones have no checkpointer view.
    QCOMPARE(sql.contains(QStringLiteral("pg_stat_bgwriter")), version < 170000);
    QVERIFY(sql.contains(QStringLiteral("pg_stat_database")));
    QVERIFY(sql.contains(QStringLiteral("max_connections")));
}

void TestPgQueries::statementsColumnsPerVersion_data()
{
    QTest::addColumn<int>("version");
    QTest::addColumn<QString>("time");
    QTest::addColumn<bool>("toplevel");
    QTest::addColumn<bool>("info");
    QTest::newRow("12") << 120017 << QStringLiteral("s.total_time") << false << false;
    QTest::newRow("13") << 130013 << QStringLiteral("s.total_exec_time") << false << false;
    QTest::newRow("14") << 140010 << QStringLiteral("s.total_exec_time") << true << true;
    QTest::newRow("15") << 150008 << QStringLiteral("s.total_exec_time") << true << true;
    QTest::newRow("16") << 160004 << QStringLiteral("s.total_exec_time") << true << true;
    QTest::newRow("17") << 170002 << QStringLiteral("s.total_exec_time") << true << true;
}

void TestPgQueries::statementsColumnsPerVersion()
{
    QFETCH(int, version);
    QFETCH(QString, time);
    QFETCH(bool, toplevel);
    QFETCH(bool, info);
    const QString counters = QString::fromStdString(pg::statementsSql(version, "\"public\""));
    QVERIFY2(counters.contains(time), qPrintable(counters));
    QCOMPARE(counters.contains(QRegularExpression(QStringLiteral("\\bs\\.total_time\\b"))), version < 130000);
    QCOMPARE(counters.contains(QStringLiteral("s.toplevel")), toplevel);
    // The counters are read without the texts: pg_stat_statements(false) skips the text file.
    QVERIFY(counters.contains(QStringLiteral("\"public\".pg_stat_statements(false)")));
    const QString texts = QString::fromStdString(pg::statementTextsSql(version, "\"public\""));
    QVERIFY(texts.contains(QStringLiteral("pg_stat_statements(true)")));
    QVERIFY(texts.contains(QStringLiteral("$1::text[]")));
    QCOMPARE(!pg::statementsInfoSql(version, "\"public\"").empty(), info);
}

void TestPgQueries::walStatusOnlyFrom13()
{
    QVERIFY(!QString::fromStdString(pg::slotsSql(120017)).contains(QStringLiteral("wal_status")));
    QVERIFY(QString::fromStdString(pg::slotsSql(130013)).contains(QStringLiteral("wal_status")));
    QVERIFY(QString::fromStdString(pg::slotsSql(170002)).contains(QStringLiteral("wal_status")));
}

void TestPgQueries::actionsBindThePid()
{
    QCOMPARE(QString::fromStdString(pg::cancelSql()), QStringLiteral("/* opsdeck */ SELECT pg_cancel_backend($1::int)"));
    QCOMPARE(QString::fromStdString(pg::terminateSql()), QStringLiteral("/* opsdeck */ SELECT pg_terminate_backend($1::int)"));
    QVERIFY(QString::fromStdString(pg::sessionByPidSql()).contains(QStringLiteral("WHERE pid = $1::int")));
}

void TestPgQueries::sessionsCutLongQueriesAndSkipOurOwn()
{
    for (const int version : {120017, 130013, 140010, 150008, 160004, 170002}) {
        const QString sql = QString::fromStdString(pg::sessionsSql(version, 4096));
        QVERIFY(sql.contains(QStringLiteral("left(COALESCE(a.query, ''), 4096)")));
        QVERIFY(sql.contains(QStringLiteral("length(a.query) > 4096")));
        QVERIFY(sql.contains(QStringLiteral("pg_blocking_pids")));
        QVERIFY(sql.contains(QStringLiteral("a.pid <> pg_backend_pid()")));
    }
}

void TestPgQueries::conninfoQuotesAndNamesTheRole()
{
    DatabaseConfig d;
    d.host = QStringLiteral("db.example");
    d.port = 6543;
    d.dbname = QStringLiteral("it's");
    d.user = QStringLiteral("ops");
    d.sslmode = QStringLiteral("verify-full");
    d.sslrootcert = QStringLiteral("/etc/ssl/ca dir/root.crt");
    const QString info = PgWorker::conninfo(d, 5000, QStringLiteral("actions"));
    QVERIFY2(info.contains(QStringLiteral("dbname='it\\'s'")), qPrintable(info));
    QVERIFY(info.contains(QStringLiteral("application_name='opsdeck/actions:%1'").arg(QCoreApplication::applicationPid())));
    QVERIFY(PgWorker::isOwnApplication(PgWorker::applicationName(QStringLiteral("monitor"))));
    QVERIFY(!PgWorker::isOwnApplication(QStringLiteral("opsdeck/monitor:1")));  // another console
    QVERIFY(!PgWorker::isOwnApplication(QStringLiteral("psql")));
    QVERIFY(info.contains(QStringLiteral("-c statement_timeout=5000")));
    QVERIFY(info.contains(QStringLiteral("sslmode='verify-full'")));
    QVERIFY(info.contains(QStringLiteral("sslrootcert='/etc/ssl/ca dir/root.crt'")));
    QVERIFY(info.contains(QStringLiteral("keepalives=1")));
    QVERIFY(!info.contains(QStringLiteral("password")));
    QVERIFY(d.verifiesServer());
    d.sslmode = QStringLiteral("require");
    QVERIFY(!d.verifiesServer());
}

void TestPgQueries::everyStatementIsMarkedAsOurs()
{
    // pg_stat_statements keeps the comment: top queries leave these out.
    for (const int v : {120017, 150008, 170002}) {
        for (const std::string &sql : {pg::serverSql(v), pg::sessionsSql(v), pg::replicasSql(v), pg::slotsSql(v), pg::statementsSchemaSql(),
                                       pg::statementsSql(v, "s"), pg::statementTextsSql(v, "s"), pg::tablesSql(v), pg::databaseSizeSql(), pg::pingSql(),
                                       pg::cancelSql(), pg::terminateSql(), pg::sessionByPidSql()})
            QVERIFY2(sql.rfind("/* opsdeck */ ", 0) == 0, sql.c_str());
    }
    QVERIFY(QString::fromStdString(pg::statementsSql(150008, "s")).contains(QStringLiteral("current_database()")));
}

QTEST_GUILESS_MAIN(TestPgQueries)
#include "tst_pg_queries.moc"
