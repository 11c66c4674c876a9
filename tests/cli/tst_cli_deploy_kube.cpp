// opsdeck-cli deploy on Kubernetes Deployments, as a script runs it, against
// the fake API server (tests/support/fake_kube_apiserver.h; no API server
// runs here): list (JSON and text), history with change-causes, scale,
// restart, pause and resume, rollback to a revision with its diff shown and
// its reason kept, the GitOps warning, a 409 shown, read-only refused, a
// missing kubeconfig said plainly; each with its audit lines.

#include "audit_lines.h"
#include "cli_run.h"
#include "kube_test_cluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestCliDeployKube : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsDeployments();
    void historyShowsRevisions();
    void scaleRestartPauseResume();
    void rollbackToARevisionWithItsReason();
    void gitOpsIsWarnedAbout();
    void conflictIsAnError();
    void readOnlyAndMissingConfig();
    void noCredentialInTheLogs();

private:
    QJsonObject row(const QString &name);

    std::unique_ptr<testsupport::KubeTestCluster> m_cluster;
    QTemporaryDir m_dir;
    testsupport::CliRun m_cli;
};

void TestCliDeployKube::initTestCase()
{
    m_cluster = std::make_unique<testsupport::KubeTestCluster>();
    QVERIFY2(m_cluster->ok(), qPrintable(m_cluster->error()));
    auto &server = m_cluster->server();
    server.addDeployment("shop", "api", "registry.example/shop/api:1.4.2", 3);
    server.setImage("shop", "api", "registry.example/shop/api:1.4.3", "ci: deploy 1.4.3");
    server.addDeployment("shop", "web", "registry.example/shop/web:3.1.0", 2, {{"argocd.argoproj.io/instance", "shop-prod"}});
    server.setImage("shop", "web", "registry.example/shop/web:3.2.0");
    server.addDeployment("other", "hidden", "registry.example/other/hidden:1", 1);

    const QString config = m_dir.filePath(QStringLiteral("config.json"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("profiles"),
                                          QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("k8s")},
                                                                 {QStringLiteral("operator"), QStringLiteral("alice")},
                                                                 {QStringLiteral("kubernetes"),
                                                                  QJsonObject{{QStringLiteral("kubeconfig"), m_cluster->kubeconfig()},
                                                                              {QStringLiteral("namespaces"), QJsonArray{QStringLiteral("shop")}}}}},
                                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("ro")},
                                                                 {QStringLiteral("read_only"), true},
                                                                 {QStringLiteral("kubernetes"),
                                                                  QJsonObject{{QStringLiteral("kubeconfig"), m_cluster->kubeconfig()}}}},
                                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("nowhere")},
                                                                 {QStringLiteral("kubernetes"),
                                                                  QJsonObject{{QStringLiteral("kubeconfig"), m_dir.filePath(QStringLiteral("missing"))}}}}}}})
                   .toJson());
    file.close();
    m_cli.program = QStringLiteral(OPSDECK_CLI);
    m_cli.config = config;
    m_cli.auditLog = m_dir.filePath(QStringLiteral("audit.jsonl"));
}

QJsonObject TestCliDeployKube::row(const QString &name)
{
    QByteArray out;
    if (m_cli({QStringLiteral("deploy"), QStringLiteral("list"), QStringLiteral("--json")}, &out) != 0)
        return {};
    for (const QJsonValue &v : QJsonDocument::fromJson(out).array()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == name)
            return v.toObject();
    }
    return {};
}

void TestCliDeployKube::listsDeployments()
{
    QByteArray out, err;
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("list"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonArray rows = QJsonDocument::fromJson(out).array();
    QCOMPARE(rows.size(), 2);  // "other" is not watched
    const QJsonObject api = row(QStringLiteral("shop/api"));
    QCOMPARE(api.value(QStringLiteral("source")).toString(), QStringLiteral("kubernetes"));
    QCOMPARE(api.value(QStringLiteral("version")).toString(), QStringLiteral("1.4.3"));
    QCOMPARE(api.value(QStringLiteral("revision")).toInt(), 2);
    QCOMPARE(api.value(QStringLiteral("status")).toString(), QStringLiteral("running"));
    QCOMPARE(api.value(QStringLiteral("replicas")).toObject().value(QStringLiteral("desired")).toInt(), 3);
    QCOMPARE(row(QStringLiteral("shop/web")).value(QStringLiteral("managed_by")).toString(), QStringLiteral("Argo CD (application shop-prod)"));

    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("list")}, &out, &err), 0);
    QVERIFY2(out.contains("shop/api") && out.contains("1.4.3") && out.contains("2 deployment(s) on Kubernetes fake (shop)"), out.constData());
}

void TestCliDeployKube::historyShowsRevisions()
{
    QByteArray out, err;
    // The name alone finds it in the context's namespace.
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("api"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonArray revisions = QJsonDocument::fromJson(out).array();
    QCOMPARE(revisions.size(), 2);
    QCOMPARE(revisions[1].toObject().value(QStringLiteral("change_cause")).toString(), QStringLiteral("ci: deploy 1.4.3"));
    QVERIFY(revisions[1].toObject().value(QStringLiteral("current")).toBool());
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api")}, &out, &err), 0);
    QVERIFY2(out.contains("ci: deploy 1.4.3") && out.contains("2 *"), out.constData());
    // What revision 2 changed, and the same asked as 1..2.
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api"), QStringLiteral("--diff"), QStringLiteral("2")}, &out, &err), 0);
    QVERIFY2(out.contains("--- revision 1") && out.contains("image: registry.example/shop/api:1.4.2") && out.contains("\n+ "), out.constData());
    QByteArray range;
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api"), QStringLiteral("--diff"), QStringLiteral("1..2")}, &range, &err), 0);
    QCOMPARE(range, out);
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api"), QStringLiteral("--diff"), QStringLiteral("7")}, &out, &err), 2);
}

void TestCliDeployKube::scaleRestartPauseResume()
{
    QByteArray out, err;
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("scale"), QStringLiteral("shop/api"), QStringLiteral("5")}, &out, &err), 0);
    QVERIFY2(out.contains("shop/api scaled to 5"), out.constData());
    QCOMPARE(m_cluster->server().deployment("shop", "api")["spec"]["replicas"].get<int>(), 5);
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("scale"), QStringLiteral("shop/api"), QStringLiteral("-1")}, &out, &err), 2);

    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("restart"), QStringLiteral("shop/api")}, &out, &err), 0);
    QVERIFY(m_cluster->server().deployment("shop", "api")["spec"]["template"]["metadata"]["annotations"].contains("kubectl.kubernetes.io/restartedAt"));
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("pause"), QStringLiteral("shop/api")}, &out, &err), 0);
    QVERIFY(m_cluster->server().deployment("shop", "api")["spec"]["paused"].get<bool>());
    // Paused: a restart is refused, as kubectl refuses it.
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("restart"), QStringLiteral("shop/api")}, &out, &err), 1);
    QVERIFY2(err.contains("paused"), err.constData());
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("resume"), QStringLiteral("shop/api"), QStringLiteral("--json")}, &out, &err), 0);
    QCOMPARE(QJsonDocument::fromJson(out).object().value(QStringLiteral("changed")).toBool(), true);
    // Docker's actions are not a Deployment's.
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("stop"), QStringLiteral("shop/api")}, &out, &err), 2);
    QVERIFY2(err.contains("scale shop/api 0"), err.constData());

    const auto audit = testsupport::readAuditLines(m_cli.auditLog);
    QVERIFY(audit.size() >= 8);
    QCOMPARE(audit[0].value(QStringLiteral("action")).toString(), QStringLiteral("deploy-scale"));
    QCOMPARE(audit[0].value(QStringLiteral("target")).toString(), QStringLiteral("k8s:shop/api"));
    QCOMPARE(audit[0].value(QStringLiteral("operator")).toString(), QStringLiteral("alice"));
    QCOMPARE(audit[0].value(QStringLiteral("client")).toString(), QStringLiteral("cli"));
}

void TestCliDeployKube::rollbackToARevisionWithItsReason()
{
    QByteArray out, err;
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("rollback"), QStringLiteral("shop/api"), QStringLiteral("--to-revision"),
                    QStringLiteral("1"), QStringLiteral("--reason"), QStringLiteral("INC-7: 1.4.3 times out")},
                   &out, &err),
             0);
    // The plan shows the template's change before it is made.
    QVERIFY2(err.contains("plan: shop/api from revision") && err.contains("plan: - ") && err.contains("image: registry.example/shop/api:1.4.2"),
             err.constData());
    const auto d = m_cluster->server().deployment("shop", "api");
    QCOMPARE(d["spec"]["template"]["spec"]["containers"][0]["image"].get<std::string>(), std::string("registry.example/shop/api:1.4.2"));
    QCOMPARE(d["metadata"]["annotations"]["kubernetes.io/change-cause"].get<std::string>(), std::string("INC-7: 1.4.3 times out"));
    // The new revision carries the reason in `deploy history`, as in kubectl rollout history.
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("history"), QStringLiteral("shop/api"), QStringLiteral("--json")}, &out, &err), 0);
    const QJsonArray revisions = QJsonDocument::fromJson(out).array();
    QCOMPARE(revisions.last().toObject().value(QStringLiteral("change_cause")).toString(), QStringLiteral("INC-7: 1.4.3 times out"));
    QVERIFY(revisions.last().toObject().value(QStringLiteral("current")).toBool());
    // Again: nothing to do, said, and nothing sent.
    m_cluster->server().clearRequests();
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("rollback"), QStringLiteral("shop/api"), QStringLiteral("--to-revision"),
                    QString::number(revisions.last().toObject().value(QStringLiteral("revision")).toInt())},
                   &out, &err),
             0);
    QVERIFY2(out.contains("nothing to roll back"), out.constData());
    for (const auto &r : m_cluster->server().requests())
        QVERIFY(r.method == "GET");
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("rollback"), QStringLiteral("shop/api"), QStringLiteral("--to-revision"),
                    QStringLiteral("42")},
                   &out, &err),
             1);
    QVERIFY2(err.contains("revision 42"), err.constData());
}

void TestCliDeployKube::gitOpsIsWarnedAbout()
{
    QByteArray out, err;
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("rollback"), QStringLiteral("shop/web"), QStringLiteral("--reason"),
                    QStringLiteral("3.2.0 breaks checkout")},
                   &out, &err),
             0);
    QVERIFY2(err.contains("warning: shop/web is managed by Argo CD (application shop-prod)"), err.constData());
}

void TestCliDeployKube::conflictIsAnError()
{
    QByteArray out, err;
    m_cluster->server().failNextWrite(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again");
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("scale"), QStringLiteral("shop/api"), QStringLiteral("1")}, &out, &err), 1);
    QVERIFY2(err.contains("409 Conflict") && err.contains("nothing was changed"), err.constData());
    QCOMPARE(m_cluster->server().deployment("shop", "api")["spec"]["replicas"].get<int>(), 5);
}

void TestCliDeployKube::readOnlyAndMissingConfig()
{
    QByteArray out, err;
    m_cluster->server().clearRequests();
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("scale"), QStringLiteral("shop/api"), QStringLiteral("0")}, &out, &err,
                   QStringLiteral("ro")),
             1);
    QVERIFY2(err.contains("read-only"), err.constData());
    for (const auto &r : m_cluster->server().requests())
        QVERIFY(r.method == "GET");
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("list")}, &out, &err, QStringLiteral("nowhere")), 1);
    QVERIFY2(err.contains("Kubernetes") && err.contains("no such file"), err.constData());
}

void TestCliDeployKube::noCredentialInTheLogs()
{
    // The most talkative log level, an action and a failure: the token never appears.
    QByteArray out, err;
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("list"), QStringLiteral("--log-level"), QStringLiteral("trace")}, &out, &err), 0);
    QCOMPARE(m_cli({QStringLiteral("deploy"), QStringLiteral("scale"), QStringLiteral("shop/api"), QStringLiteral("2"), QStringLiteral("--log-level"),
                    QStringLiteral("trace")},
                   &out, &err),
             0);
    const QByteArray all = out + err;
    QVERIFY(!all.isEmpty());
    QVERIFY2(!all.contains(testsupport::kubeTestToken), all.constData());
    QFile audit(m_cli.auditLog);
    QVERIFY(audit.open(QIODevice::ReadOnly));
    QVERIFY(!audit.readAll().contains(testsupport::kubeTestToken));
}

QTEST_GUILESS_MAIN(TestCliDeployKube)
#include "tst_cli_deploy_kube.moc"
