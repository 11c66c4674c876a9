// OpsDeck's Kubernetes actions held up against kubectl's. No API server runs
// here, so both talk to the fake one (tests/support/fake_kube_apiserver.h),
// which records every request: for rollout restart, scale, rollout undo, pause
// and resume, OpsDeck must send what kubectl sends (the method, the path, the
// patch's content type, the body; the restart's time aside), after a dry run
// of the same request. And OpsDeck's reading of a rollout must be kubectl's
// `rollout status`, word for word, in each of its states.

#include "audit_lines.h"
#include "kube/kube_rollout.h"
#include "kube_test_cluster.h"

#include <QJsonObject>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTimer>
#include <QTest>

using namespace opsdeck;
using testsupport::KubeRecordedRequest;
using nlohmann::json;

namespace {

// A rollback keeps the Deployment's own revision annotation, whatever it is at the time.
json withoutRevision(json body)
{
    body[1]["value"]["deployment.kubernetes.io/revision"] = "<the Deployment's revision>";
    return body;
}

} // namespace

class TestKubeKubectl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void restartMatchesKubectl();
    void scaleMatchesKubectl();
    void undoMatchesKubectl();
    void undoToRevisionMatchesKubectl();
    void pauseAndResumeMatchKubectl();
    void rolloutStatusReadsAsKubectl();
    void conflictIsShownNotOverwritten();
    void nothingToDoWhenTheRevisionRuns();
    void pausedDeploymentRefusesRestartAndUndo();
    void readOnlyIsRefused();
    void restartFollowsItsRollout();
    void rollbackWhoseRolloutFailsSaysSo();

private:
    KubeActionResult run(const KubeActionRequest &request, bool readOnly = false);
    KubeActionRequest action(KubeActionRequest::Kind kind) const;
    std::vector<KubeRecordedRequest> writes() const;
    // kubectl's one write and OpsDeck's two (the dry run, then the same for real), compared.
    void compareWrites(const std::vector<KubeRecordedRequest> &kubectl, const std::vector<KubeRecordedRequest> &opsdeck,
                       const std::function<json(json)> &normalise = {});
    void runKubectl(const QStringList &args);

    std::unique_ptr<testsupport::KubeTestCluster> m_cluster;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<KubeApi> m_api;
    QTemporaryDir m_auditDir;
    int m_name = 0;
    QString m_deployment;
};

void TestKubeKubectl::initTestCase()
{
    qRegisterMetaType<KubeActionResult>();
    if (!testsupport::KubeTestCluster::haveKubectl())
        QSKIP("kubectl is not installed (scripts/install-deps.sh installs it)");
    m_cluster = std::make_unique<testsupport::KubeTestCluster>();
    QVERIFY2(m_cluster->ok(), qPrintable(m_cluster->error()));
    QString error;
    const auto target = m_cluster->target(&error);
    QVERIFY2(target, qPrintable(error));
    m_http = std::make_unique<HttpClient>();
    m_api = std::make_unique<KubeApi>(m_http.get(), *target);
    // kubectl answers at all: discovery and a list, through the CA and the token.
    QString out, err;
    QCOMPARE(m_cluster->kubectl({QStringLiteral("get"), QStringLiteral("deployments")}, &out, &err), 0);
}

void TestKubeKubectl::init()
{
    // Each test its own Deployment, so no test sees another's revisions.
    m_deployment = QStringLiteral("api%1").arg(++m_name);
    m_cluster->server().addDeployment("shop", m_deployment.toStdString(), "registry.example/shop/api:1.4.2", 3);
    m_cluster->server().clearRequests();
}

KubeActionResult TestKubeKubectl::run(const KubeActionRequest &request, bool readOnly)
{
    KubeRollout rollout(m_api.get(), AuditLog(m_auditDir.filePath(QStringLiteral("audit.jsonl"))),
                        AuditActor{QStringLiteral("alice"), QStringLiteral("prod"), QStringLiteral("cli")}, readOnly, request);
    QSignalSpy finished(&rollout, &KubeRollout::finished);
    rollout.start();
    if (finished.isEmpty())
        finished.wait(20000);
    return finished.isEmpty() ? KubeActionResult{false, false, false, QStringLiteral("no answer")}
                              : finished.first().first().value<KubeActionResult>();
}

KubeActionRequest TestKubeKubectl::action(KubeActionRequest::Kind kind) const
{
    KubeActionRequest request;
    request.kind = kind;
    request.environment = QStringLiteral("prod");
    request.nameSpace = QStringLiteral("shop");
    request.name = m_deployment;
    return request;
}

std::vector<KubeRecordedRequest> TestKubeKubectl::writes() const
{
    std::vector<KubeRecordedRequest> out;
    for (const KubeRecordedRequest &r : m_cluster->server().requests()) {
        if (r.method == "PATCH" || r.method == "PUT" || r.method == "POST")
            out.push_back(r);
    }
    return out;
}

void TestKubeKubectl::runKubectl(const QStringList &args)
{
    QString out, err;
    const int code = m_cluster->kubectl(args, &out, &err);
    QVERIFY2(code == 0, qPrintable(QStringLiteral("kubectl %1: %2 %3").arg(args.join(u' '), out, err)));
}

void TestKubeKubectl::compareWrites(const std::vector<KubeRecordedRequest> &kubectl, const std::vector<KubeRecordedRequest> &opsdeck,
                                    const std::function<json(json)> &normalise)
{
    QCOMPARE(kubectl.size(), size_t(1));
    QCOMPARE(opsdeck.size(), size_t(2));
    const KubeRecordedRequest &dryRun = opsdeck[0];
    const KubeRecordedRequest &real = opsdeck[1];
    QVERIFY(dryRun.has("dryRun", "All"));
    QVERIFY(!real.has("dryRun", "All"));
    QCOMPARE(dryRun.body, real.body);
    const KubeRecordedRequest &theirs = kubectl[0];
    QCOMPARE(QString::fromStdString(real.method), QString::fromStdString(theirs.method));
    QCOMPARE(QString::fromStdString(real.path), QString::fromStdString(theirs.path));
    QCOMPARE(QString::fromStdString(real.contentType), QString::fromStdString(theirs.contentType));
    json ours = json::parse(real.body);
    json kubectlBody = json::parse(theirs.body);
    if (normalise) {
        ours = normalise(ours);
        kubectlBody = normalise(kubectlBody);
    }
    QVERIFY2(ours == kubectlBody, qPrintable(QStringLiteral("OpsDeck's body differs from kubectl's:\n%1")
                                                 .arg(QString::fromStdString(json::diff(kubectlBody, ours).dump(1)))));
}

void TestKubeKubectl::restartMatchesKubectl()
{
    runKubectl({QStringLiteral("rollout"), QStringLiteral("restart"), QStringLiteral("deployment/") + m_deployment});
    const auto theirs = writes();
    m_cluster->server().clearRequests();
    const KubeActionResult result = run(action(KubeActionRequest::Kind::Restart));
    QVERIFY2(result.ok, qPrintable(result.message));
    compareWrites(theirs, writes(), [](json body) {
        json &at = body["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"];
        // Both an RFC 3339 time to the second; the times themselves differ.
        const std::string text = at.get<std::string>();
        at = text.size() >= 20 && text[10] == 'T' ? "<time>" : text;
        return body;
    });
}

void TestKubeKubectl::scaleMatchesKubectl()
{
    runKubectl({QStringLiteral("scale"), QStringLiteral("deployment/") + m_deployment, QStringLiteral("--replicas=5")});
    const auto theirs = writes();
    QCOMPARE(m_cluster->server().deployment("shop", m_deployment.toStdString())["spec"]["replicas"].get<int>(), 5);
    m_cluster->server().clearRequests();
    KubeActionRequest request = action(KubeActionRequest::Kind::Scale);
    request.replicas = 2;
    const KubeActionResult result = run(request);
    QVERIFY2(result.ok, qPrintable(result.message));
    QCOMPARE(m_cluster->server().deployment("shop", m_deployment.toStdString())["spec"]["replicas"].get<int>(), 2);
    compareWrites(theirs, writes(), [](json body) {
        body["spec"]["replicas"] = "<n>";
        return body;
    });
}

void TestKubeKubectl::undoMatchesKubectl()
{
    // Revision 2 from elsewhere (a CI's `kubectl set image`), then back to 1: kubectl's way, then OpsDeck's.
    auto &server = m_cluster->server();
    const std::string name = m_deployment.toStdString();
    server.setImage("shop", name, "registry.example/shop/api:1.4.3", "ci: deploy 1.4.3");
    server.clearRequests();
    runKubectl({QStringLiteral("rollout"), QStringLiteral("undo"), QStringLiteral("deployment/") + m_deployment});
    const auto theirs = writes();
    QCOMPARE(server.deployment("shop", name)["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>(),
             std::string("registry.example/shop/api:1.4.2"));
    // Forward again, and OpsDeck takes it back the same way.
    server.setImage("shop", name, "registry.example/shop/api:1.4.3", "ci: deploy 1.4.3 again");
    server.clearRequests();
    KubeActionRequest request = action(KubeActionRequest::Kind::Rollback);
    const KubeActionResult result = run(request);
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY(result.changed);
    QCOMPARE(server.deployment("shop", name)["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>(),
             std::string("registry.example/shop/api:1.4.2"));
    // Each keeps the revision the Deployment had when it acted (2 for kubectl's; 4 for OpsDeck's, as 1.4.3 came back).
    QCOMPARE(json::parse(writes().back().body)[1]["value"]["deployment.kubernetes.io/revision"].get<std::string>(), std::string("4"));
    compareWrites(theirs, writes(), withoutRevision);
}

void TestKubeKubectl::undoToRevisionMatchesKubectl()
{
    auto &server = m_cluster->server();
    const std::string name = m_deployment.toStdString();
    server.setImage("shop", name, "registry.example/shop/api:1.5.0");
    server.setImage("shop", name, "registry.example/shop/api:1.6.0");
    server.clearRequests();
    runKubectl({QStringLiteral("rollout"), QStringLiteral("undo"), QStringLiteral("deployment/") + m_deployment, QStringLiteral("--to-revision=1")});
    const auto theirs = writes();
    server.setImage("shop", name, "registry.example/shop/api:1.6.0");
    server.clearRequests();
    // The revisions now: 1.5.0 is 2, 1.4.2 is 4, 1.6.0 is 5. A reason is recorded as the change-cause.
    KubeActionRequest request = action(KubeActionRequest::Kind::Rollback);
    request.toRevision = 4;
    request.reason = QStringLiteral("1.6.0 leaks connections (INC-42)");
    const KubeActionResult result = run(request);
    QVERIFY2(result.ok, qPrintable(result.message));
    const json after = server.deployment("shop", name);
    QCOMPARE(after["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>(), std::string("registry.example/shop/api:1.4.2"));
    QCOMPARE(after["metadata"]["annotations"]["kubernetes.io/change-cause"].get<std::string>(), std::string("1.6.0 leaks connections (INC-42)"));
    // kubectl's body plus the reason's two annotations, nothing else.
    compareWrites(theirs, writes(), [](json body) {
        body[1]["value"].erase("kubernetes.io/change-cause");
        body[1]["value"].erase("opsdeck.io/rollback-reason");
        return withoutRevision(body);
    });
    // The audit has the intent (with the reason and both revisions) and the outcome.
    const auto lines = testsupport::readAuditLines(m_auditDir.filePath(QStringLiteral("audit.jsonl")));
    QVERIFY(lines.size() >= 2);
    const QJsonObject intent = lines[lines.size() - 2];
    QCOMPARE(intent.value(QStringLiteral("phase")).toString(), QStringLiteral("intent"));
    QCOMPARE(intent.value(QStringLiteral("action")).toString(), QStringLiteral("deploy-rollback"));
    const QJsonObject parameters = intent.value(QStringLiteral("parameters")).toObject();
    QCOMPARE(parameters.value(QStringLiteral("reason")).toString(), request.reason);
    QCOMPARE(parameters.value(QStringLiteral("to_revision")).toInteger(), 4);
    QCOMPARE(parameters.value(QStringLiteral("from_revision")).toInteger(), 5);
    QCOMPARE(lines.last().value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
}

void TestKubeKubectl::pauseAndResumeMatchKubectl()
{
    runKubectl({QStringLiteral("rollout"), QStringLiteral("pause"), QStringLiteral("deployment/") + m_deployment});
    auto theirs = writes();
    runKubectl({QStringLiteral("rollout"), QStringLiteral("resume"), QStringLiteral("deployment/") + m_deployment});
    m_cluster->server().clearRequests();
    KubeActionResult result = run(action(KubeActionRequest::Kind::Pause));
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY(m_cluster->server().deployment("shop", m_deployment.toStdString())["spec"]["paused"].get<bool>());
    compareWrites(theirs, writes());

    m_cluster->server().clearRequests();
    runKubectl({QStringLiteral("rollout"), QStringLiteral("resume"), QStringLiteral("deployment/") + m_deployment});
    theirs = writes();
    runKubectl({QStringLiteral("rollout"), QStringLiteral("pause"), QStringLiteral("deployment/") + m_deployment});
    m_cluster->server().clearRequests();
    result = run(action(KubeActionRequest::Kind::Resume));
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY(!m_cluster->server().deployment("shop", m_deployment.toStdString())["spec"].value("paused", false));
    compareWrites(theirs, writes());
}

void TestKubeKubectl::rolloutStatusReadsAsKubectl()
{
    auto &server = m_cluster->server();
    const std::string name = m_deployment.toStdString();
    auto compare = [&](KubeRolloutStatus::State expected) {
        QString error;
        const auto d = parseKubeDeployment(QByteArray::fromStdString(server.deployment("shop", name).dump()), &error);
        QVERIFY2(d, qPrintable(error));
        const KubeRolloutStatus ours = kubeRolloutStatus(*d);
        QCOMPARE(int(ours.state), int(expected));
        QString out, err;
        const int code = m_cluster->kubectl({QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("deployment/") + m_deployment,
                                             QStringLiteral("--watch=false")},
                                            &out, &err);
        const QString kubectlSays = QString(out + err).trimmed().remove(QStringLiteral("error: "));
        QCOMPARE(ours.message, kubectlSays);
        QCOMPARE(code == 0, expected != KubeRolloutStatus::State::Failed);
    };
    compare(KubeRolloutStatus::State::Complete);
    server.setRolloutDelayMs(60000);
    server.setImage("shop", name, "registry.example/shop/api:2.0.0");
    compare(KubeRolloutStatus::State::Progressing);
    server.exceedDeadline("shop", name);
    compare(KubeRolloutStatus::State::Failed);
    server.setRolloutDelayMs(0);
}

void TestKubeKubectl::conflictIsShownNotOverwritten()
{
    auto &server = m_cluster->server();
    const std::string message = "Operation cannot be fulfilled on deployments.apps \"" + m_deployment.toStdString()
                                + "\": the object has been modified; please apply your changes to the latest version and try again";
    // In the dry run: nothing is sent for real.
    server.failNextWrite(409, "Conflict", message);
    KubeActionRequest request = action(KubeActionRequest::Kind::Scale);
    request.replicas = 7;
    KubeActionResult result = run(request);
    QVERIFY(!result.ok);
    QVERIFY(result.conflict);
    QVERIFY2(result.message.contains(QStringLiteral("the object has been modified")), qPrintable(result.message));
    QCOMPARE(writes().size(), size_t(1));
    // In the real request, after a dry run that passed: shown, not retried.
    server.clearRequests();
    server.failNextWrite(200, "", "");  // lets the dry run through (a 200 Status)
    server.failNextWrite(409, "Conflict", message);
    result = run(request);
    QVERIFY(!result.ok);
    QVERIFY(result.conflict);
    QVERIFY2(result.message.contains(QStringLiteral("nothing was overwritten")), qPrintable(result.message));
    QCOMPARE(writes().size(), size_t(2));
    QCOMPARE(server.deployment("shop", m_deployment.toStdString())["spec"]["replicas"].get<int>(), 3);
    const auto lines = testsupport::readAuditLines(m_auditDir.filePath(QStringLiteral("audit.jsonl")));
    QCOMPARE(lines.last().value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
}

void TestKubeKubectl::nothingToDoWhenTheRevisionRuns()
{
    auto &server = m_cluster->server();
    server.setImage("shop", m_deployment.toStdString(), "registry.example/shop/api:1.5.0");
    server.clearRequests();
    KubeActionRequest request = action(KubeActionRequest::Kind::Rollback);
    request.toRevision = 2;
    const KubeActionResult result = run(request);
    QVERIFY(result.ok);
    QVERIFY(!result.changed);
    QVERIFY2(result.message.contains(QStringLiteral("already runs revision 2")), qPrintable(result.message));
    QCOMPARE(writes().size(), size_t(0));
    // A revision that does not exist is said so.
    request.toRevision = 99;
    const KubeActionResult missing = run(request);
    QVERIFY(!missing.ok);
    QVERIFY2(missing.message.contains(QStringLiteral("revision 99")), qPrintable(missing.message));
}

void TestKubeKubectl::pausedDeploymentRefusesRestartAndUndo()
{
    QVERIFY(run(action(KubeActionRequest::Kind::Pause)).ok);
    m_cluster->server().clearRequests();
    const KubeActionResult restart = run(action(KubeActionRequest::Kind::Restart));
    QVERIFY(!restart.ok);
    QVERIFY2(restart.message.contains(QStringLiteral("paused")), qPrintable(restart.message));
    const KubeActionResult undo = run(action(KubeActionRequest::Kind::Rollback));
    QVERIFY(!undo.ok);
    QCOMPARE(writes().size(), size_t(0));
    // kubectl refuses the restart too.
    QString out, err;
    QVERIFY(m_cluster->kubectl({QStringLiteral("rollout"), QStringLiteral("restart"), QStringLiteral("deployment/") + m_deployment}, &out, &err) != 0);
    QVERIFY2(err.contains(QStringLiteral("paused")), qPrintable(err));
}

void TestKubeKubectl::readOnlyIsRefused()
{
    const KubeActionResult result = run(action(KubeActionRequest::Kind::Restart), true);
    QVERIFY(!result.ok);
    QVERIFY2(result.message.contains(QStringLiteral("read-only")), qPrintable(result.message));
    QCOMPARE(m_cluster->server().requests().size(), size_t(0));
}

void TestKubeKubectl::restartFollowsItsRollout()
{
    m_cluster->server().setRolloutDelayMs(1500);
    KubeRollout rollout(m_api.get(), AuditLog(m_auditDir.filePath(QStringLiteral("audit.jsonl"))),
                        AuditActor{QStringLiteral("alice"), QStringLiteral("prod"), QStringLiteral("cli")}, false,
                        action(KubeActionRequest::Kind::Restart));
    QStringList steps;
    connect(&rollout, &KubeRollout::progress, this, [&](const QString &step) { steps << step; });
    QSignalSpy finished(&rollout, &KubeRollout::finished);
    QElapsedTimer clock;
    clock.start();
    rollout.start();
    QVERIFY(finished.wait(20000));
    m_cluster->server().setRolloutDelayMs(0);
    const auto result = finished.first().first().value<KubeActionResult>();
    QVERIFY2(result.ok, qPrintable(result.message));
    QVERIFY2(result.message.contains(QStringLiteral("rolled out")), qPrintable(result.message));
    QVERIFY(clock.elapsed() >= 1000);  // it waited for the rollout, not only for the patch
    // kubectl's words while it waits.
    QVERIFY2(steps.join(u'\n').contains(QStringLiteral("rollout to finish: 0 out of 3 new replicas have been updated")), qPrintable(steps.join(u'\n')));
}

void TestKubeKubectl::rollbackWhoseRolloutFailsSaysSo()
{
    auto &server = m_cluster->server();
    server.setImage("shop", m_deployment.toStdString(), "registry.example/shop/api:1.5.0");
    server.setRolloutDelayMs(60000);
    KubeActionRequest request = action(KubeActionRequest::Kind::Rollback);
    request.reason = QStringLiteral("test");
    KubeRollout rollout(m_api.get(), AuditLog(m_auditDir.filePath(QStringLiteral("audit.jsonl"))),
                        AuditActor{QStringLiteral("alice"), QStringLiteral("prod"), QStringLiteral("cli")}, false, request);
    QSignalSpy finished(&rollout, &KubeRollout::finished);
    rollout.start();
    QTimer::singleShot(800, this, [&] { server.exceedDeadline("shop", m_deployment.toStdString()); });
    QVERIFY(finished.wait(20000));
    server.setRolloutDelayMs(0);
    const auto result = finished.first().first().value<KubeActionResult>();
    QVERIFY(!result.ok);
    QVERIFY(result.changed);
    QVERIFY2(result.message.contains(QStringLiteral("exceeded its progress deadline")), qPrintable(result.message));
    const auto lines = testsupport::readAuditLines(m_auditDir.filePath(QStringLiteral("audit.jsonl")));
    QCOMPARE(lines.last().value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
}

QTEST_GUILESS_MAIN(TestKubeKubectl)
#include "tst_kube_kubectl.moc"
