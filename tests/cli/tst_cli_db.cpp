// opsdeck-cli db, run as a process against a private PostgreSQL: the JSON of
// the contract (ARCHITECTURE.md), the blocking tree and top queries as text,
// cancel and terminate with their exit codes and audit lines, and the
// refusals (read-only profile, no --database, unknown database).

#include "audit_lines.h"
#include "cli_run.h"
#include "postgres_server.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliDb : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void activityJsonIsTheContract();
    void overviewSaysVersionConnectionsAndRates();
    void blockingShowsTheRootBlocker();
    void queriesRankByTotalTime();
    void cancelAndTerminate();
    void refusalsAndUsage();
    void unreachableDatabaseFails();

private:
    int cli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr, const QString &profile = {});
    QList<QJsonObject> auditLines() const;

    testsupport::PostgresServer m_server;
    QTemporaryDir m_dir;
    QString m_config;
};

int TestCliDb::cli(const QStringList &args, QByteArray *out, QByteArray *err, const QString &profile)
{
    const testsupport::CliRun run{QStringLiteral(OPSDECK_CLI), m_config, m_dir.filePath(QStringLiteral("audit.jsonl")), 60000};
    return run(args, out, err, profile);
}

QList<QJsonObject> TestCliDb::auditLines() const
{
    return testsupport::readAuditLines(m_dir.filePath(QStringLiteral("audit.jsonl")));
}

void TestCliDb::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.lastError()));
    QVERIFY(!m_server.psql(QStringLiteral("postgres"), QStringLiteral("CREATE DATABASE app")).isNull());
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("CREATE EXTENSION pg_stat_statements; CREATE TABLE t (id int); "
                                                                 "CREATE TABLE u (id int)")).isNull());
    m_config = m_dir.filePath(QStringLiteral("config.json"));
    QFile f(m_config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QString db = QStringLiteral(R"({"name": "app", "host": "127.0.0.1", "port": %1, "dbname": "app", "user": "postgres"})")
                           .arg(m_server.port());
    f.write(QStringLiteral(R"({"profiles": [
        {"name": "main", "operator": "dave", "databases": [%1]},
        {"name": "ro", "read_only": true, "databases": [%1]},
        {"name": "gone", "databases": [{"name": "app", "host": "127.0.0.1", "port": 1, "dbname": "app", "user": "postgres"}]}
    ]})").arg(db).toUtf8());
}

void TestCliDb::activityJsonIsTheContract()
{
    auto sleeper = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("cli-sleeper"));
    const int pid = m_server.pidOf(QStringLiteral("cli-sleeper"));
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("activity"), QStringLiteral("--json")}, &out), 0);
    const QJsonArray sessions = QJsonDocument::fromJson(out).array();
    QVERIFY(!sessions.isEmpty());
    QJsonObject found;
    for (const QJsonValue &v : sessions) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.keys().size(), 13);
        for (const char *key : {"pid", "database", "user", "application", "client", "state", "wait_event_type", "wait_event",
                                "query", "query_start", "xact_start", "duration_ms", "blocked_by"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QVERIFY(!o[QStringLiteral("application")].toString().startsWith(QStringLiteral("opsdeck/")));
        if (o[QStringLiteral("pid")].toInt() == pid)
            found = o;
    }
    QCOMPARE(found[QStringLiteral("application")].toString(), QStringLiteral("cli-sleeper"));
    QCOMPARE(found[QStringLiteral("state")].toString(), QStringLiteral("active"));
    QCOMPARE(found[QStringLiteral("wait_event")].toString(), QStringLiteral("PgSleep"));
    QCOMPARE(found[QStringLiteral("query")].toString(), QStringLiteral("SELECT pg_sleep(60)"));
    QVERIFY(found[QStringLiteral("duration_ms")].toDouble() >= 0);
    QVERIFY(found[QStringLiteral("query_start")].toString().endsWith(u'Z'));
    QVERIFY(found[QStringLiteral("blocked_by")].isArray());

    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("activity")}, &out), 0);
    QVERIFY(out.contains("cli-sleeper"));
    QVERIFY(out.contains("SELECT pg_sleep(60)"));
}

void TestCliDb::overviewSaysVersionConnectionsAndRates()
{
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("overview")}, &out), 0);
    QVERIFY2(out.contains("app: PostgreSQL 15"), out.constData());
    QVERIFY(out.contains("primary"));
    QVERIFY(out.contains("commits/s"));
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("overview"), QStringLiteral("--json")}, &out), 0);
    const QJsonObject o = QJsonDocument::fromJson(out).array().first().toObject();
    QCOMPARE(o[QStringLiteral("database")].toString(), QStringLiteral("app"));
    QVERIFY(o[QStringLiteral("server_version_num")].toInt() >= 150000);
    QCOMPARE(o[QStringLiteral("max_connections")].toInt(), 120);
    QVERIFY(o[QStringLiteral("commits_per_s")].isDouble());
    QVERIFY(o[QStringLiteral("size_bytes")].toDouble() > 0);
    QCOMPARE(o[QStringLiteral("pg_stat_statements")].toString(), QStringLiteral("available"));
}

void TestCliDb::blockingShowsTheRootBlocker()
{
    auto a = m_server.startSession(QStringLiteral("app"), QStringLiteral("BEGIN; LOCK TABLE t; SELECT pg_sleep(60); COMMIT;"),
                                   QStringLiteral("holder"));
    const int holder = m_server.pidOf(QStringLiteral("holder"));
    auto b = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT * FROM t"), QStringLiteral("waiter"));
    const int waiter = m_server.pidOf(QStringLiteral("waiter"));
    QVERIFY(holder && waiter);
    QByteArray out;
    for (int i = 0; i < 50 && !out.contains("waiter"); ++i)
        QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("blocking")}, &out), 0);
    QVERIFY2(out.contains(QStringLiteral("pid %1 postgres/holder").arg(holder).toUtf8()), out.constData());
    QVERIFY(out.contains("root blocker: 1 session(s) wait behind it"));
    QVERIFY(out.contains(QStringLiteral("  pid %1 postgres/waiter").arg(waiter).toUtf8()));
    QVERIFY(out.contains("AccessShareLock on t"));
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("blocking"), QStringLiteral("--json")}, &out), 0);
    const QJsonArray nodes = QJsonDocument::fromJson(out).array();
    QCOMPARE(nodes.size(), 2);
    QCOMPARE(nodes[0].toObject()[QStringLiteral("pid")].toInt(), holder);
    QVERIFY(nodes[0].toObject()[QStringLiteral("root")].toBool());
    QCOMPARE(nodes[1].toObject()[QStringLiteral("blocked_by")].toInt(), holder);
    m_server.psql(QStringLiteral("postgres"), QStringLiteral("SELECT pg_terminate_backend(%1)").arg(holder));
}

void TestCliDb::queriesRankByTotalTime()
{
    QVERIFY(!m_server.psql(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(0.2); SELECT pg_sleep(0.2);")).isNull());
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("queries"), QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--json")}, &out), 0);
    const QJsonArray rows = QJsonDocument::fromJson(out).array();
    QVERIFY(!rows.isEmpty() && rows.size() <= 3);
    // pg_sleep(60) of the earlier tests was cancelled or terminated: it did not finish, so it is not counted.
    bool sawSleep = false;
    for (const QJsonValue &row : rows)
        sawSleep |= row.toObject()[QStringLiteral("query")].toString().contains(QStringLiteral("pg_sleep"));
    QVERIFY2(sawSleep, out.constData());
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("queries"), QStringLiteral("--window"), QStringLiteral("2s")}, &out), 0);
    QVERIFY2(out.contains("app: the last"), out.constData());
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("queries"), QStringLiteral("--window"), QStringLiteral("soon")}), 2);
}

void TestCliDb::cancelAndTerminate()
{
    auto first = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("cli-cancel"));
    auto second = m_server.startSession(QStringLiteral("app"), QStringLiteral("SELECT pg_sleep(60)"), QStringLiteral("cli-term"));
    const int cancelPid = m_server.pidOf(QStringLiteral("cli-cancel"));
    const int termPid = m_server.pidOf(QStringLiteral("cli-term"));
    const int before = auditLines().size();
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("cancel"), QString::number(cancelPid), QStringLiteral("--database"), QStringLiteral("app")},
                 &out, &err), 0);
    QVERIFY2(out.contains("cancelled"), QByteArray(out + err).constData());
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("terminate"), QString::number(termPid), QStringLiteral("--database"),
                  QStringLiteral("app"), QStringLiteral("--json")}, &out), 0);
    QCOMPARE(QJsonDocument::fromJson(out).object()[QStringLiteral("outcome")].toString(), QStringLiteral("done"));
    QCOMPARE(QJsonDocument::fromJson(out).object()[QStringLiteral("application")].toString(), QStringLiteral("cli-term"));
    QVERIFY(first->state() == QProcess::NotRunning || first->waitForFinished(10000));
    QVERIFY(second->state() == QProcess::NotRunning || second->waitForFinished(10000));
    const QList<QJsonObject> lines = auditLines().mid(before);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0][QStringLiteral("client")].toString(), QStringLiteral("cli"));
    QCOMPARE(lines[0][QStringLiteral("operator")].toString(), QStringLiteral("dave"));
    QCOMPARE(lines[1][QStringLiteral("result")].toString(), QStringLiteral("ok"));
    QCOMPARE(lines[3][QStringLiteral("action")].toString(), QStringLiteral("db-terminate"));

    // Already gone: said, and not a success.
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("terminate"), QString::number(termPid), QStringLiteral("--database"), QStringLiteral("app")},
                 &out, &err), 1);
    QVERIFY(err.contains("already gone"));
}

void TestCliDb::refusalsAndUsage()
{
    QByteArray err;
    const int before = auditLines().size();
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("terminate"), QStringLiteral("123"), QStringLiteral("--database"), QStringLiteral("app")},
                 nullptr, &err, QStringLiteral("ro")), 1);
    QVERIFY(err.contains("read-only"));
    QCOMPARE(auditLines().size(), before);
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("cancel"), QStringLiteral("123")}, nullptr, &err), 2);
    QVERIFY(err.contains("--database NAME is required"));
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("cancel"), QStringLiteral("abc"), QStringLiteral("--database"), QStringLiteral("app")}), 2);
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("activity"), QStringLiteral("--database"), QStringLiteral("nope")}, nullptr, &err), 2);
    QVERIFY(err.contains("no database named \"nope\""));
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("vacuum")}), 2);
}

void TestCliDb::unreachableDatabaseFails()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("activity")}, &out, &err, QStringLiteral("gone")), 1);
    QVERIFY2(err.contains("database app"), err.constData());
}

QTEST_GUILESS_MAIN(TestCliDb)
#include "tst_cli_db.moc"
