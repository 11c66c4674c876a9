// Kubernetes objects as OpsDeck reads them (shapes after the apps/v1 API
// reference, written here): a Deployment's fields and defaults, a rollout's
// state in each of kubectl's cases, the row it becomes, GitOps owners, the
// revision a rollback picks, the patch it sends, and the template diff.

#include "kube/kube_objects.h"
#include "kube/kube_rollout.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace opsdeck;
using nlohmann::json;

class TestKubeObjects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsADeployment();
    void rolloutStatusCases();
    void rowStatuses();
    void gitOpsOwners();
    void revisionsAndTheOneBefore();
    void rollbackPatchKeepsWhatKubectlKeeps();
    void templateDiffShowsWhatChanged();
    void watchEvents();

private:
    static json deployment();
    static KubeDeployment parsed(const json &d);
};

json TestKubeObjects::deployment()
{
    return json::parse(R"({
      "kind": "Deployment", "apiVersion": "apps/v1",
      "metadata": {"name": "api", "namespace": "shop", "uid": "u-1", "resourceVersion": "812", "generation": 4,
                   "creationTimestamp": "2026-12-01T10:00:00Z", "labels": {"app": "api"},
                   "annotations": {"deployment.kubernetes.io/revision": "3"}},
      "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "api"}},
               "template": {"metadata": {"labels": {"app": "api"},
                                         "annotations": {"kubectl.kubernetes.io/restartedAt": "2026-12-07T09:00:00Z"}},
                            "spec": {"containers": [{"name": "api", "image": "registry.example/shop/api:1.4.2"},
                                                    {"name": "proxy", "image": "envoy:v1.30"}]}},
               "progressDeadlineSeconds": 600},
      "status": {"observedGeneration": 4, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
                 "conditions": [{"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
                                 "lastUpdateTime": "2026-12-07T09:01:00Z"}]}
    })");
}

KubeDeployment TestKubeObjects::parsed(const json &d)
{
    QString error;
    const auto out = parseKubeDeployment(QByteArray::fromStdString(d.dump()), &error);
    return out.value_or(KubeDeployment{});
}

void TestKubeObjects::readsADeployment()
{
    const KubeDeployment d = parsed(deployment());
    QCOMPARE(d.key(), QStringLiteral("shop/api"));
    QCOMPARE(d.revision, 3);
    QCOMPARE(d.images, (QStringList{QStringLiteral("registry.example/shop/api:1.4.2"), QStringLiteral("envoy:v1.30")}));
    QCOMPARE(d.restartedAt, QStringLiteral("2026-12-07T09:00:00Z"));
    QCOMPARE(d.selector.value(QStringLiteral("app")), QStringLiteral("api"));
    QCOMPARE(d.desired, 3);
    // spec.replicas absent: the API's default of 1.
    json noReplicas = deployment();
    noReplicas["spec"].erase("replicas");
    QCOMPARE(parsed(noReplicas).desired, 1);
    QString error;
    QVERIFY(!parseKubeDeployment("{\"kind\":\"Pod\"}", &error));
    QVERIFY(!parseKubeDeployment("not json", &error));
}

void TestKubeObjects::rolloutStatusCases()
{
    using State = KubeRolloutStatus::State;
    json d = deployment();
    QCOMPARE(kubeRolloutStatus(parsed(d)).message, QStringLiteral("deployment \"api\" successfully rolled out"));
    d["metadata"]["generation"] = 5;
    QCOMPARE(kubeRolloutStatus(parsed(d)).state, State::Waiting);
    QCOMPARE(kubeRolloutStatus(parsed(d)).message, QStringLiteral("Waiting for deployment spec update to be observed..."));
    d["status"]["observedGeneration"] = 5;
    d["status"]["updatedReplicas"] = 1;
    QCOMPARE(kubeRolloutStatus(parsed(d)).message,
             QStringLiteral("Waiting for deployment \"api\" rollout to finish: 1 out of 3 new replicas have been updated..."));
    d["status"]["updatedReplicas"] = 3;
    d["status"]["replicas"] = 4;
    QCOMPARE(kubeRolloutStatus(parsed(d)).message,
             QStringLiteral("Waiting for deployment \"api\" rollout to finish: 1 old replicas are pending termination..."));
    d["status"]["replicas"] = 3;
    d["status"]["availableReplicas"] = 2;
    QCOMPARE(kubeRolloutStatus(parsed(d)).message,
             QStringLiteral("Waiting for deployment \"api\" rollout to finish: 2 of 3 updated replicas are available..."));
    d["status"]["conditions"][0]["reason"] = "ProgressDeadlineExceeded";
    QCOMPARE(kubeRolloutStatus(parsed(d)).state, State::Failed);
    QCOMPARE(kubeRolloutStatus(parsed(d)).message, QStringLiteral("deployment \"api\" exceeded its progress deadline"));
}

void TestKubeObjects::rowStatuses()
{
    json d = deployment();
    Deployment row = kubeDeploymentRow(parsed(d), QStringLiteral("prod"));
    QCOMPARE(row.name, QStringLiteral("shop/api"));
    QCOMPARE(row.version, QStringLiteral("1.4.2"));
    QCOMPARE(row.status, DeploymentStatus::Running);
    QCOMPARE(row.revision, 3);
    QVERIFY(row.reason.isEmpty());
    d["status"]["availableReplicas"] = 1;
    d["status"]["updatedReplicas"] = 3;
    row = kubeDeploymentRow(parsed(d), QStringLiteral("prod"));
    QCOMPARE(row.status, DeploymentStatus::Rolling);  // available < updated is still a rollout, as kubectl says
    d["status"]["conditions"][0]["reason"] = "ProgressDeadlineExceeded";
    d["status"]["conditions"][0]["message"] = "ReplicaSet \"api-7d4\" has timed out progressing.";
    row = kubeDeploymentRow(parsed(d), QStringLiteral("prod"));
    QCOMPARE(row.status, DeploymentStatus::Degraded);
    QCOMPARE(row.reason, QStringLiteral("ReplicaSet \"api-7d4\" has timed out progressing."));
    d["status"]["availableReplicas"] = 0;
    QCOMPARE(kubeDeploymentRow(parsed(d), QStringLiteral("prod")).status, DeploymentStatus::Failed);
    json scaledDown = deployment();
    scaledDown["spec"]["replicas"] = 0;
    scaledDown["status"] = {{"observedGeneration", 4}};
    QCOMPARE(kubeDeploymentRow(parsed(scaledDown), QStringLiteral("prod")).status, DeploymentStatus::Stopped);
    json paused = deployment();
    paused["spec"]["paused"] = true;
    row = kubeDeploymentRow(parsed(paused), QStringLiteral("prod"));
    QVERIFY(row.paused);
    QCOMPARE(row.reason, QStringLiteral("rollout paused"));
}

void TestKubeObjects::gitOpsOwners()
{
    QCOMPARE(gitOpsManager({}, {{QStringLiteral("argocd.argoproj.io/tracking-id"), QStringLiteral("shop:apps/Deployment:shop/api")}}),
             QStringLiteral("Argo CD (application shop)"));
    QCOMPARE(gitOpsManager({{QStringLiteral("argocd.argoproj.io/instance"), QStringLiteral("shop-prod")}}, {}),
             QStringLiteral("Argo CD (application shop-prod)"));
    QCOMPARE(gitOpsManager({{QStringLiteral("kustomize.toolkit.fluxcd.io/name"), QStringLiteral("apps")},
                            {QStringLiteral("kustomize.toolkit.fluxcd.io/namespace"), QStringLiteral("flux-system")}},
                           {}),
             QStringLiteral("Flux (Kustomization flux-system/apps)"));
    QCOMPARE(gitOpsManager({{QStringLiteral("helm.toolkit.fluxcd.io/name"), QStringLiteral("api")}}, {}), QStringLiteral("Flux (HelmRelease api)"));
    // Helm alone (app.kubernetes.io/instance, managed-by Helm) is no controller that undoes a rollback.
    QVERIFY(gitOpsManager({{QStringLiteral("app.kubernetes.io/instance"), QStringLiteral("api")},
                           {QStringLiteral("app.kubernetes.io/managed-by"), QStringLiteral("Helm")}},
                          {})
                .isEmpty());
}

void TestKubeObjects::revisionsAndTheOneBefore()
{
    const KubeDeployment d = parsed(deployment());
    auto rs = [&](qint64 revision, const QString &owner) {
        KubeReplicaSet r;
        r.name = QStringLiteral("api-%1").arg(revision);
        r.ownerUid = owner;
        r.revision = revision;
        r.podTemplate = QByteArray::fromStdString(deployment()["spec"]["template"].dump());
        return r;
    };
    const QList<KubeReplicaSet> sets = {rs(3, QStringLiteral("u-1")), rs(1, QStringLiteral("u-1")), rs(2, QStringLiteral("u-1")),
                                        rs(9, QStringLiteral("someone-else"))};
    const auto revisions = kubeRevisions(d, sets);
    QCOMPARE(revisions.size(), 3);
    QCOMPARE(revisions.first().revision, 1);
    QVERIFY(revisions.last().current);
    QString error;
    QCOMPARE(kubeRevisionToRollBackTo(d, sets, 0, &error)->revision, 2);
    QCOMPARE(kubeRevisionToRollBackTo(d, sets, 1, &error)->revision, 1);
    QVERIFY(!kubeRevisionToRollBackTo(d, sets, 9, &error));  // not this Deployment's
    QVERIFY(!kubeRevisionToRollBackTo(d, {rs(3, QStringLiteral("u-1"))}, 0, &error));
    QVERIFY2(error.contains(QStringLiteral("no rollout history")), qPrintable(error));
}

void TestKubeObjects::rollbackPatchKeepsWhatKubectlKeeps()
{
    json dj = deployment();
    dj["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = "{...}";
    dj["metadata"]["annotations"]["team"] = "payments";  // the Deployment's own: replaced by the revision's
    const KubeDeployment d = parsed(dj);
    KubeReplicaSet target;
    target.podTemplate = R"({"metadata":{"labels":{"app":"api","pod-template-hash":"5d8f"}},"spec":{"containers":[{"name":"api","image":"api:1.4.1"}]}})";
    target.annotations = {{QStringLiteral("deployment.kubernetes.io/revision"), QStringLiteral("1")},
                          {QStringLiteral("kubernetes.io/change-cause"), QStringLiteral("deploy 1.4.1")}};
    const KubePatch patch = kubeRollbackPatch(d, target, {});
    QCOMPARE(patch.contentType, QByteArray("application/json-patch+json"));
    QCOMPARE(patch.path, QStringLiteral("/apis/apps/v1/namespaces/shop/deployments/api"));
    const json body = json::parse(patch.body.toStdString());
    QCOMPARE(body[0]["path"].get<std::string>(), std::string("/spec/template"));
    QVERIFY(!body[0]["value"]["metadata"]["labels"].contains("pod-template-hash"));
    const json annotations = body[1]["value"];
    QCOMPARE(annotations["deployment.kubernetes.io/revision"].get<std::string>(), std::string("3"));  // the Deployment's
    QCOMPARE(annotations["kubectl.kubernetes.io/last-applied-configuration"].get<std::string>(), std::string("{...}"));
    QCOMPARE(annotations["kubernetes.io/change-cause"].get<std::string>(), std::string("deploy 1.4.1"));
    QVERIFY(!annotations.contains("team"));
    const json withReason = json::parse(kubeRollbackPatch(d, target, QStringLiteral("INC-42: errors")).body.toStdString());
    QCOMPARE(withReason[1]["value"]["kubernetes.io/change-cause"].get<std::string>(), std::string("INC-42: errors"));
    QCOMPARE(withReason[1]["value"]["opsdeck.io/rollback-reason"].get<std::string>(), std::string("INC-42: errors"));
}

void TestKubeObjects::templateDiffShowsWhatChanged()
{
    const QByteArray from = R"({"metadata":{"labels":{"app":"api","pod-template-hash":"aaa"}},"spec":{"containers":[{"name":"api","image":"api:1.4.2","env":[{"name":"MODE","value":"fast"}]}]}})";
    const QByteArray to = R"({"metadata":{"labels":{"app":"api","pod-template-hash":"bbb"}},"spec":{"containers":[{"name":"api","image":"api:1.4.3","env":[{"name":"MODE","value":"fast"}]}]}})";
    QVERIFY(!templatesMatch(from, to));
    QVERIFY(templatesMatch(from, QByteArray(from).replace("aaa", "zzz")));  // the hash alone is no difference
    QStringList removed, added;
    int same = 0;
    for (const TemplateDiffLine &line : templateDiff(from, to)) {
        if (line.kind == TemplateDiffLine::Kind::Removed)
            removed << line.text.trimmed();
        else if (line.kind == TemplateDiffLine::Kind::Added)
            added << line.text.trimmed();
        else
            ++same;
    }
    QCOMPARE(removed, QStringList{QStringLiteral("image: api:1.4.2")});
    QCOMPARE(added, QStringList{QStringLiteral("image: api:1.4.3")});
    QVERIFY(same > 5);
    const QStringList lines = templateLines(from);
    QVERIFY2(lines.contains(QStringLiteral("    - name: api")) || lines.contains(QStringLiteral("  - name: api")), qPrintable(lines.join(u'\n')));
    QVERIFY(!lines.join(u'\n').contains(QStringLiteral("pod-template-hash")));
}

void TestKubeObjects::watchEvents()
{
    const QByteArray added = QByteArray(R"({"type":"ADDED","object":)") + QByteArray::fromStdString(deployment().dump()) + "}";
    KubeWatchEvent e = parseKubeWatchEvent(added, KubeKind::Deployment);
    QCOMPARE(e.type, KubeWatchEvent::Type::Added);
    QCOMPARE(e.resourceVersion, QStringLiteral("812"));
    QVERIFY(e.deployment);
    e = parseKubeWatchEvent(R"({"type":"BOOKMARK","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"resourceVersion":"900"}}})",
                            KubeKind::Deployment);
    QCOMPARE(e.type, KubeWatchEvent::Type::Bookmark);
    QCOMPARE(e.resourceVersion, QStringLiteral("900"));
    e = parseKubeWatchEvent(R"J({"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}})J",
                            KubeKind::Deployment);
    QCOMPARE(e.type, KubeWatchEvent::Type::Error);
    QCOMPARE(e.status.code, 410);
    QCOMPARE(parseKubeWatchEvent("{garbage", KubeKind::ReplicaSet).type, KubeWatchEvent::Type::Unknown);
    const KubeStatus conflict = parseKubeStatus(R"({"kind":"Status","code":409,"reason":"Conflict","message":"the object has been modified"})", 409);
    QCOMPARE(conflict.reason, QStringLiteral("Conflict"));
    QCOMPARE(parseKubeStatus("<html>bad gateway</html>", 502).message, QStringLiteral("HTTP 502"));
}

QTEST_GUILESS_MAIN(TestKubeObjects)
#include "tst_kube_objects.moc"
