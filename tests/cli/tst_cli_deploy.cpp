// opsdeck-cli deploy as a script runs it, against a private dockerd with a
// Compose-labelled service: list (the --json contract of ARCHITECTURE.md),
// logs of every replica, the history of a new image, a rollback to the image
// before (found in that history) with its audit lines and its operator in the
// history after, a read-only profile refused, an engine that is not there and
// a name that is not there said plainly. Skipped where dockerd cannot run.

#include "audit_lines.h"
#include "cli_run.h"
#include "docker_daemon.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliDeploy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listJsonKeepsTheContract();
    void listTextNamesEachDeployment();
    void logsOfEveryReplica();
    void historyShowsANewImage();
    void rollbackGoesToTheImageBefore();
    void readOnlyProfileIsRefused();
    void missingEngineAndNameAreSaid();
    void cleanupTestCase();

private:
    void runReplica(int n, const QString &image);
    QJsonObject deployment(const QString &name);

    testsupport::DockerDaemon m_docker;
    QTemporaryDir m_dir;
    testsupport::CliRun cli;
};

void TestCliDeploy::runReplica(int n, const QString &image)
{
    const QString id = m_docker.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"),
                                        QStringLiteral("--name"), QStringLiteral("shop-api-%1").arg(n), QStringLiteral("--stop-timeout"), QStringLiteral("1"),
                                        QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=shop"),
                                        QStringLiteral("--label"), QStringLiteral("com.docker.compose.service=api"),
                                        QStringLiteral("--label"), QStringLiteral("com.docker.compose.container-number=%1").arg(n), image,
                                        QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("echo replica %1 up; echo 'warn: cold cache' >&2; exec sleep 600").arg(n)})
                           .trimmed();
    QVERIFY2(!id.isEmpty(), qPrintable(m_docker.lastError()));
}

QJsonObject TestCliDeploy::deployment(const QString &name)
{
    QByteArray out;
    if (cli({QStringLiteral("deploy"), QStringLiteral("list"), QStringLiteral("--json")}, &out) != 0)
        return {};
    for (const QJsonValue &v : QJsonDocument::fromJson(out).array()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    }
    return {};
}

void TestCliDeploy::initTestCase()
{
    if (!m_docker.start())
        QSKIP(qPrintable(QStringLiteral("no private Docker engine here: %1").arg(m_docker.lastError())));
    QVERIFY2(m_docker.importBusybox(QStringLiteral("shop/api:1.0")), qPrintable(m_docker.lastError()));
    QVERIFY2(m_docker.importBusybox(QStringLiteral("shop/api:1.1")), qPrintable(m_docker.lastError()));
    runReplica(1, QStringLiteral("shop/api:1.0"));
    runReplica(2, QStringLiteral("shop/api:1.0"));
    QVERIFY(!m_docker.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"), QStringLiteral("--name"),
                              QStringLiteral("cache"), QStringLiteral("shop/api:1.0"), QStringLiteral("sleep"), QStringLiteral("600")})
                 .isNull());

    const QString config = m_dir.filePath(QStringLiteral("config.json"));
    QFile f(config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"profiles": [
        {"name": "staging", "operator": "alice", "docker": {"host": "%1"}},
        {"name": "ro", "read_only": true, "docker": {"host": "%1"}},
        {"name": "nowhere", "docker": {"host": "unix://%2"}}
    ]})").arg(m_docker.host(), m_dir.filePath(QStringLiteral("no-such.sock"))).toUtf8());
    f.close();
    cli.program = QStringLiteral(OPSDECK_CLI);
    cli.config = config;
    cli.auditLog = m_dir.filePath(QStringLiteral("audit.jsonl"));
}

void TestCliDeploy::listJsonKeepsTheContract()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("list"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonArray rows = QJsonDocument::fromJson(out).array();
    QCOMPARE(rows.size(), 2);
    const QJsonObject api = rows.at(1).toObject();  // sorted by name: cache, shop/api
    QStringList keys = api.keys();
    std::sort(keys.begin(), keys.end());
    QCOMPARE(keys, QStringList({QStringLiteral("changed_at"), QStringLiteral("environment"), QStringLiteral("images"), QStringLiteral("name"),
                                QStringLiteral("project"), QStringLiteral("reason"), QStringLiteral("replicas"), QStringLiteral("source"),
                                QStringLiteral("status"), QStringLiteral("version")}));
    QCOMPARE(api.value(QStringLiteral("name")).toString(), QStringLiteral("shop/api"));
    QCOMPARE(api.value(QStringLiteral("environment")).toString(), QStringLiteral("staging"));
    QCOMPARE(api.value(QStringLiteral("source")).toString(), QStringLiteral("docker"));
    QCOMPARE(api.value(QStringLiteral("project")).toString(), QStringLiteral("shop"));
    QCOMPARE(api.value(QStringLiteral("images")).toArray(), QJsonArray({QStringLiteral("shop/api:1.0")}));
    QCOMPARE(api.value(QStringLiteral("version")).toString(), QStringLiteral("1.0"));
    const QJsonObject replicas = api.value(QStringLiteral("replicas")).toObject();
    QCOMPARE(replicas.value(QStringLiteral("desired")).toInt(), 2);
    QCOMPARE(replicas.value(QStringLiteral("running")).toInt(), 2);
    QCOMPARE(replicas.value(QStringLiteral("healthy")).toInt(), 2);
    QCOMPARE(api.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    QVERIFY(api.value(QStringLiteral("changed_at")).toString().endsWith(u'Z'));
    QVERIFY(rows.at(0).toObject().value(QStringLiteral("project")).isNull());
}

void TestCliDeploy::listTextNamesEachDeployment()
{
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("list")}, &out), 0);
    QVERIFY2(out.contains("shop/api") && out.contains("cache") && out.contains("running") && out.contains("2 deployment(s)"), out.constData());
}

void TestCliDeploy::logsOfEveryReplica()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("logs"), QStringLiteral("shop/api"), QStringLiteral("--tail"), QStringLiteral("5")}, &out, &err), 0);
    QVERIFY2(out.contains("shop-api-1 | replica 1 up") && out.contains("shop-api-2 | replica 2 up"), out.constData());
    QVERIFY2(err.contains("shop-api-1 | warn: cold cache"), err.constData());  // stderr stays stderr
}

void TestCliDeploy::historyShowsANewImage()
{
    // Replica 2 moves to 1.1, as a rolling `compose up` would start.
    QVERIFY(!m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("shop-api-2")}).isNull());
    runReplica(2, QStringLiteral("shop/api:1.1"));
    QVERIFY(!m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("shop-api-1")}).isNull());
    runReplica(1, QStringLiteral("shop/api:1.1"));
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api"), QStringLiteral("--json")}, &out), 0);
    const QJsonArray changes = QJsonDocument::fromJson(out).array();
    // The first image seen starts the history; then the change.
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(0).toObject().value(QStringLiteral("from")).toString(), QString());
    QCOMPARE(changes.at(0).toObject().value(QStringLiteral("to")).toString(), QStringLiteral("shop/api:1.0"));
    QCOMPARE(changes.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("deploy"));
    QCOMPARE(changes.at(1).toObject().value(QStringLiteral("from")).toString(), QStringLiteral("shop/api:1.0"));
    QCOMPARE(changes.at(1).toObject().value(QStringLiteral("to")).toString(), QStringLiteral("shop/api:1.1"));
    QVERIFY(changes.at(1).toObject().value(QStringLiteral("actor")).isNull());
    // Kept on disk: the next run, after the engine's own events are gone, still knows it.
    QVERIFY(QFile::exists(cli.auditLog + QStringLiteral(".deploy-history.jsonl")));
    QCOMPARE(deployment(QStringLiteral("shop/api")).value(QStringLiteral("version")).toString(), QStringLiteral("1.1"));
}

void TestCliDeploy::rollbackGoesToTheImageBefore()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("rollback"), QStringLiteral("shop/api"), QStringLiteral("--reason"),
                  QStringLiteral("p95 doubled after 1.1")}, &out, &err), 0);
    QVERIFY2(err.contains("plan: re-create shop-api-1 from shop/api:1.0 (now shop/api:1.1)"), err.constData());
    QVERIFY2(out.contains("rolled back to shop/api:1.0"), out.constData());
    QCOMPARE(deployment(QStringLiteral("shop/api")).value(QStringLiteral("version")).toString(), QStringLiteral("1.0"));

    const QList<QJsonObject> audit = testsupport::readAuditLines(cli.auditLog);
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].value(QStringLiteral("action")).toString(), QStringLiteral("deploy-rollback"));
    QCOMPARE(audit[0].value(QStringLiteral("client")).toString(), QStringLiteral("cli"));
    QCOMPARE(audit[0].value(QStringLiteral("parameters")).toObject().value(QStringLiteral("reason")).toString(), QStringLiteral("p95 doubled after 1.1"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));

    // The history names who rolled back.
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api"), QStringLiteral("--json")}, &out), 0);
    const QJsonArray changes = QJsonDocument::fromJson(out).array();
    QVERIFY2(changes.size() == 3, out.constData());
    QCOMPARE(changes.at(2).toObject().value(QStringLiteral("from")).toString(), QStringLiteral("shop/api:1.1"));
    QCOMPARE(changes.at(2).toObject().value(QStringLiteral("to")).toString(), QStringLiteral("shop/api:1.0"));
    QCOMPARE(changes.at(2).toObject().value(QStringLiteral("actor")).toString(), QStringLiteral("alice"));
}

void TestCliDeploy::readOnlyProfileIsRefused()
{
    QFile::remove(cli.auditLog);
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("restart"), QStringLiteral("shop/api")}, &out, &err, QStringLiteral("ro")), 1);
    QVERIFY2(err.contains("read-only"), err.constData());
    QVERIFY(testsupport::readAuditLines(cli.auditLog).isEmpty());
}

void TestCliDeploy::missingEngineAndNameAreSaid()
{
    QByteArray out, err;
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("list")}, &out, &err, QStringLiteral("nowhere")), 1);
    QVERIFY2(err.startsWith("error: Docker is not available at unix://") && err.count('\n') == 1, err.constData());
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("logs"), QStringLiteral("shop/nothing")}, &out, &err), 2);
    QVERIFY2(err.contains("no deployment or container named \"shop/nothing\""), err.constData());
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("rollback")}, &out, &err), 2);
    QCOMPARE(cli({QStringLiteral("deploy"), QStringLiteral("dance")}, &out, &err), 2);
}

void TestCliDeploy::cleanupTestCase()
{
    m_docker.stop();
}

QTEST_GUILESS_MAIN(TestCliDeploy)
#include "tst_cli_deploy.moc"
