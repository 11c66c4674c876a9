// The operator's actions on a Compose service against a real engine (a
// private dockerd, busybox images): a restart replica by replica, each healthy
// before the next; a rollback from a version whose health check fails to the
// one before; a rollback to a version that never becomes healthy, put back as
// it was (the same containers, names and image); a read-only profile refused.
// Each with its audit lines. Skipped where dockerd cannot run.

#include "audit_lines.h"
#include "deploy/docker_rollout.h"
#include "deploy/docker_watcher.h"
#include "docker_daemon.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestDockerRollout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void restartGoesReplicaByReplica();
    void rollbackFromAFailingVersion();
    void rollbackToAFailingVersionIsPutBack();
    void readOnlyProfileIsRefused();
    void cleanupTestCase();

private:
    void runService(const QString &image);
    QStringList replicaIds() const;
    QString inspect(const QString &name, const QString &format);
    DockerRolloutResult runRollout(DockerRolloutRequest request, bool readOnly = false);
    static DockerRolloutRequest rollbackOfApi(const QStringList &replicas, const QString &from, const QString &to);

    testsupport::DockerDaemon m_docker;
    HttpClient m_http;
    std::unique_ptr<DockerWatcher> m_watcher;
    std::optional<DockerEndpoint> m_endpoint;
    QTemporaryDir m_dir;
    QString m_auditPath;
};

void TestDockerRollout::initTestCase()
{
    if (!m_docker.start())
        QSKIP(qPrintable(QStringLiteral("no private Docker engine here: %1").arg(m_docker.lastError())));
    QVERIFY2(m_docker.importBusybox(QStringLiteral("shop/api:1.0")), qPrintable(m_docker.lastError()));
    // 2.0 differs by one file, which its health check below fails on.
    QVERIFY(!m_docker.docker({QStringLiteral("run"), QStringLiteral("--name"), QStringLiteral("make-broken"), QStringLiteral("--network"),
                              QStringLiteral("host"), QStringLiteral("shop/api:1.0"), QStringLiteral("sh"), QStringLiteral("-c"),
                              QStringLiteral("echo > /broken")})
                 .isNull());
    QVERIFY(!m_docker.docker({QStringLiteral("commit"), QStringLiteral("make-broken"), QStringLiteral("shop/api:2.0")}).isNull());
    QVERIFY(!m_docker.docker({QStringLiteral("rm"), QStringLiteral("make-broken")}).isNull());
    DockerConfig config;
    config.host = m_docker.host();
    QString error;
    m_endpoint = dockerEndpoint(config, QProcessEnvironment(), &error);
    QVERIFY2(m_endpoint, qPrintable(error));
    m_watcher = std::make_unique<DockerWatcher>(&m_http, *m_endpoint, QStringLiteral("staging"));
    m_watcher->start();
    QVERIFY2(QTest::qWaitFor([this] { return m_watcher->settled(); }, 20000), qPrintable(m_watcher->snapshot().error));
    m_auditPath = m_dir.filePath(QStringLiteral("audit.jsonl"));
}

void TestDockerRollout::init()
{
    QFile::remove(m_auditPath);
}

void TestDockerRollout::runService(const QString &image)
{
    const QString ids = m_docker.docker({QStringLiteral("ps"), QStringLiteral("-aq")});
    for (const QString &id : ids.split(u'\n', Qt::SkipEmptyParts))
        m_docker.docker({QStringLiteral("rm"), QStringLiteral("-f"), id});
    for (int n = 1; n <= 2; ++n) {
        const QString id = m_docker.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"),
                                            QStringLiteral("--name"), QStringLiteral("shop-api-%1").arg(n),
                                            QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=shop"),
                                            QStringLiteral("--label"), QStringLiteral("com.docker.compose.service=api"),
                                            QStringLiteral("--label"), QStringLiteral("com.docker.compose.container-number=%1").arg(n),
                                            QStringLiteral("--env"), QStringLiteral("REPLICA=%1").arg(n),
                                            // sleep as pid 1 ignores SIGTERM: each stop would wait the default 10 s
                                            QStringLiteral("--stop-timeout"), QStringLiteral("1"),
                                            QStringLiteral("--health-cmd"), QStringLiteral("test ! -f /broken || (echo 'broken build'; exit 1)"),
                                            QStringLiteral("--health-interval"), QStringLiteral("1s"), QStringLiteral("--health-retries"), QStringLiteral("2"),
                                            QStringLiteral("--health-timeout"), QStringLiteral("2s"), image, QStringLiteral("sleep"), QStringLiteral("600")})
                               .trimmed();
        QVERIFY2(!id.isEmpty(), qPrintable(m_docker.lastError()));
    }
    QVERIFY(QTest::qWaitFor([this] {
        for (const Deployment &d : m_watcher->snapshot().deployments) {
            if (d.name == u"shop/api" && d.desired == 2 && d.status != DeploymentStatus::Rolling)
                return true;
        }
        return false;
    }, 20000));
}

QStringList TestDockerRollout::replicaIds() const
{
    for (const Deployment &d : m_watcher->snapshot().deployments) {
        if (d.name == u"shop/api") {
            QStringList ids = d.containerIds;
            std::sort(ids.begin(), ids.end());
            return ids;
        }
    }
    return {};
}

QString TestDockerRollout::inspect(const QString &name, const QString &format)
{
    return m_docker.docker({QStringLiteral("inspect"), QStringLiteral("--format"), format, name}).trimmed();
}

DockerRolloutResult TestDockerRollout::runRollout(DockerRolloutRequest request, bool readOnly)
{
    DockerRollout rollout(&m_http, *m_endpoint, m_watcher->snapshot().apiVersion, AuditLog(m_auditPath),
                          AuditActor{QStringLiteral("alice"), QStringLiteral("staging"), QStringLiteral("cli")}, readOnly, std::move(request));
    std::optional<DockerRolloutResult> result;
    connect(&rollout, &DockerRollout::finished, this, [&](const DockerRolloutResult &r) { result = r; });
    rollout.start();
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 120000))
        return {false, QStringLiteral("no result in 120 s"), false};
    return *result;
}

DockerRolloutRequest TestDockerRollout::rollbackOfApi(const QStringList &replicas, const QString &from, const QString &to)
{
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Rollback;
    request.environment = QStringLiteral("staging");
    request.deployment = QStringLiteral("shop/api");
    request.replicas = replicas;
    request.fromImage = from;
    request.toImage = to;
    return request;
}

void TestDockerRollout::restartGoesReplicaByReplica()
{
    runService(QStringLiteral("shop/api:1.0"));
    const QString startedBefore1 = inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.State.StartedAt}}"));
    const QString startedBefore2 = inspect(QStringLiteral("shop-api-2"), QStringLiteral("{{.State.StartedAt}}"));
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Restart;
    request.environment = QStringLiteral("staging");
    request.deployment = QStringLiteral("shop/api");
    request.replicas = {inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.Id}}")), inspect(QStringLiteral("shop-api-2"), QStringLiteral("{{.Id}}"))};
    const DockerRolloutResult result = runRollout(request);
    QVERIFY2(result.ok, qPrintable(result.message));
    // Each restarted, the second only once the first was healthy again.
    const QString started1 = inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.State.StartedAt}}"));
    const QString started2 = inspect(QStringLiteral("shop-api-2"), QStringLiteral("{{.State.StartedAt}}"));
    QVERIFY(started1 != startedBefore1);
    QVERIFY(started2 != startedBefore2);
    QVERIFY2(started2 > started1, qPrintable(started1 + u' ' + started2));
    QCOMPARE(inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.State.Health.Status}}")), QStringLiteral("healthy"));

    const QList<QJsonObject> audit = testsupport::readAuditLines(m_auditPath);
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].value(QStringLiteral("action")).toString(), QStringLiteral("deploy-restart"));
    QCOMPARE(audit[0].value(QStringLiteral("phase")).toString(), QStringLiteral("intent"));
    QCOMPARE(audit[0].value(QStringLiteral("target")).toString(), QStringLiteral("staging:shop/api"));
    QCOMPARE(audit[0].value(QStringLiteral("operator")).toString(), QStringLiteral("alice"));
    QCOMPARE(audit[1].value(QStringLiteral("phase")).toString(), QStringLiteral("outcome"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestDockerRollout::rollbackFromAFailingVersion()
{
    runService(QStringLiteral("shop/api:2.0"));
    QVERIFY(QTest::qWaitFor([this] {
        return inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.State.Health.Status}}")) == u"unhealthy";
    }, 20000));
    const QStringList before = replicaIds();
    const DockerRolloutResult result = runRollout(rollbackOfApi(before, QStringLiteral("shop/api:2.0"), QStringLiteral("shop/api:1.0")));
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY(!result.putBack);
    for (const QString &name : {QStringLiteral("shop-api-1"), QStringLiteral("shop-api-2")}) {
        QCOMPARE(inspect(name, QStringLiteral("{{.Config.Image}}")), QStringLiteral("shop/api:1.0"));
        QCOMPARE(inspect(name, QStringLiteral("{{.State.Health.Status}}")), QStringLiteral("healthy"));
        // The same configuration: labels, environment, health check, network.
        QCOMPARE(inspect(name, QStringLiteral("{{index .Config.Labels \"com.docker.compose.service\"}}")), QStringLiteral("api"));
        QVERIFY(inspect(name, QStringLiteral("{{json .Config.Env}}")).contains(QStringLiteral("REPLICA=") + name.right(1)));
        QCOMPARE(inspect(name, QStringLiteral("{{.HostConfig.NetworkMode}}")), QStringLiteral("host"));
        QVERIFY(inspect(name, QStringLiteral("{{json .Config.Healthcheck.Test}}")).contains(QLatin1String("/broken")));
    }
    // The old containers are gone: two containers in all.
    QCOMPARE(m_docker.docker({QStringLiteral("ps"), QStringLiteral("-aq")}).split(u'\n', Qt::SkipEmptyParts).size(), 2);

    const QList<QJsonObject> audit = testsupport::readAuditLines(m_auditPath);
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[0].value(QStringLiteral("action")).toString(), QStringLiteral("deploy-rollback"));
    const QJsonObject parameters = audit[0].value(QStringLiteral("parameters")).toObject();
    QCOMPARE(parameters.value(QStringLiteral("from")).toString(), QStringLiteral("shop/api:2.0"));
    QCOMPARE(parameters.value(QStringLiteral("to")).toString(), QStringLiteral("shop/api:1.0"));
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestDockerRollout::rollbackToAFailingVersionIsPutBack()
{
    runService(QStringLiteral("shop/api:1.0"));
    QVERIFY(QTest::qWaitFor([this] {
        return inspect(QStringLiteral("shop-api-2"), QStringLiteral("{{.State.Health.Status}}")) == u"healthy";
    }, 20000));
    const QStringList before = replicaIds();
    const DockerRolloutResult result = runRollout(rollbackOfApi(before, QStringLiteral("shop/api:1.0"), QStringLiteral("shop/api:2.0")));
    QVERIFY(!result.ok);
    QVERIFY(result.putBack);
    QVERIFY2(result.message.contains(QLatin1String("broken build")) && result.message.contains(QLatin1String("put back shop/api:1.0")),
             qPrintable(result.message));
    // The very containers that ran before, under their names, running and healthy again.
    QCOMPARE(inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.Id}}")), [&] {
        for (const QString &id : before) {
            if (inspect(id, QStringLiteral("{{.Name}}")) == u"/shop-api-1")
                return id;
        }
        return QString();
    }());
    const QStringList all = m_docker.docker({QStringLiteral("ps"), QStringLiteral("-aq"), QStringLiteral("--no-trunc")}).split(u'\n', Qt::SkipEmptyParts);
    QStringList sortedAll = all;
    std::sort(sortedAll.begin(), sortedAll.end());
    QCOMPARE(sortedAll, before);
    QVERIFY(QTest::qWaitFor([this] {
        return inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.State.Health.Status}}")) == u"healthy";
    }, 20000));
    QCOMPARE(inspect(QStringLiteral("shop-api-1"), QStringLiteral("{{.Config.Image}}")), QStringLiteral("shop/api:1.0"));

    const QList<QJsonObject> audit = testsupport::readAuditLines(m_auditPath);
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit[1].value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
    QVERIFY(audit[1].value(QStringLiteral("parameters")).toObject().value(QStringLiteral("put_back")).toBool());
    QVERIFY(audit[1].value(QStringLiteral("error")).toString().contains(QLatin1String("broken build")));
}

void TestDockerRollout::readOnlyProfileIsRefused()
{
    const QStringList before = replicaIds();
    DockerRolloutRequest request;
    request.kind = DockerRolloutRequest::Kind::Restart;
    request.environment = QStringLiteral("prod");
    request.deployment = QStringLiteral("shop/api");
    request.replicas = before;
    const DockerRolloutResult result = runRollout(request, true);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(QLatin1String("read-only")), qPrintable(result.message));
    QVERIFY(testsupport::readAuditLines(m_auditPath).isEmpty());  // refused before anything was sent
    QCOMPARE(replicaIds(), before);
}

void TestDockerRollout::cleanupTestCase()
{
    m_watcher.reset();
    m_docker.stop();
}

QTEST_GUILESS_MAIN(TestDockerRollout)
#include "tst_docker_rollout.moc"
