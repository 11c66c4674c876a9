// A watch of 2,000 Kubernetes Deployments (with their 4,000 ReplicaSets)
// taking 100 changes a second: one second's batch of 100 MODIFIED events
// (each a whole Deployment of about 2.5 KB, as the API server sends it) parsed,
// merged into the watcher's store, the rows of the Deployments touched
// recomputed, and merged into the panel's model. Target: < 5 ms a batch
// (issue #13). The events go through the same path a watch stream's lines
// take (KubeWatcher::applyLinesForTest); no network.

#include "deployment_model.h"
#include "kube/kube_watcher.h"

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <QByteArray>

using namespace opsdeck;
using nlohmann::json;

namespace {

json deploymentJson(int i, int generation, const std::string &image)
{
    const std::string name = "svc-" + std::to_string(i);
    const std::string ns = "team-" + std::to_string(i % 20);
    return {{"kind", "Deployment"},
            {"apiVersion", "apps/v1"},
            {"metadata",
             {{"name", name}, {"namespace", ns}, {"uid", "uid-" + std::to_string(i)}, {"resourceVersion", std::to_string(1000 + generation * 5000 + i)},
              {"generation", generation}, {"creationTimestamp", "2026-11-01T10:00:00Z"},
              {"labels", {{"app", name}, {"app.kubernetes.io/part-of", "shop"}, {"app.kubernetes.io/managed-by", "Helm"}}},
              {"annotations", {{"deployment.kubernetes.io/revision", std::to_string(generation)}, {"meta.helm.sh/release-name", name}}}}},
            {"spec",
             {{"replicas", 3},
              {"selector", {{"matchLabels", {{"app", name}}}}},
              {"template",
               {{"metadata", {{"creationTimestamp", nullptr}, {"labels", {{"app", name}}}}},
                {"spec",
                 {{"containers",
                   json::array({{{"name", name},
                                 {"image", image},
                                 {"ports", json::array({{{"containerPort", 8080}, {"protocol", "TCP"}}})},
                                 {"env", json::array({{{"name", "LOG_LEVEL"}, {"value", "info"}}, {{"name", "DB_HOST"}, {"value", "pg.shop.svc"}}})},
                                 {"resources", {{"limits", {{"cpu", "500m"}, {"memory", "512Mi"}}}, {"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}}},
                                 {"readinessProbe", {{"httpGet", {{"path", "/health/ready"}, {"port", 8080}}}, {"periodSeconds", 5}}},
                                 {"livenessProbe", {{"httpGet", {{"path", "/health/live"}, {"port", 8080}}}, {"periodSeconds", 10}}},
                                 {"terminationMessagePath", "/dev/termination-log"},
                                 {"imagePullPolicy", "IfNotPresent"}}})},
                  {"restartPolicy", "Always"},
                  {"terminationGracePeriodSeconds", 30},
                  {"dnsPolicy", "ClusterFirst"},
                  {"schedulerName", "default-scheduler"}}}}},
              {"strategy", {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxUnavailable", "25%"}, {"maxSurge", "25%"}}}}},
              {"revisionHistoryLimit", 10},
              {"progressDeadlineSeconds", 600}}},
            {"status",
             {{"observedGeneration", generation},
              {"replicas", 3},
              {"updatedReplicas", 3},
              {"readyReplicas", 3},
              {"availableReplicas", 3},
              {"conditions",
               json::array({{{"type", "Available"}, {"status", "True"}, {"lastUpdateTime", "2026-12-07T09:00:00Z"},
                             {"lastTransitionTime", "2026-12-07T09:00:00Z"}, {"reason", "MinimumReplicasAvailable"},
                             {"message", "Deployment has minimum availability."}},
                            {{"type", "Progressing"}, {"status", "True"}, {"lastUpdateTime", "2026-12-07T09:00:00Z"},
                             {"lastTransitionTime", "2026-12-07T09:00:00Z"}, {"reason", "NewReplicaSetAvailable"},
                             {"message", "ReplicaSet \"" + name + "-5d8f7c\" has successfully progressed."}}})}}}};
}

QByteArray event(const char *type, const json &object)
{
    return QByteArray::fromStdString(json{{"type", type}, {"object", object}}.dump());
}

struct Fixture {
    HttpClient http;
    KubeApi api;
    KubeWatcher watcher;
    DeploymentModel model;

    Fixture()
        : api(&http, target())
        , watcher(&api, QStringLiteral("prod"), {})
    {
        QList<QByteArray> initial;
        for (int i = 0; i < 2000; ++i)
            initial << event("ADDED", deploymentJson(i, 1, "registry.example/shop/svc:1.0." + std::to_string(i % 9)));
        watcher.applyLinesForTest(KubeKind::Deployment, initial);
        watcher.publishNow();
        model.setDeployments(watcher.snapshot().deployments);
    }

    static KubeTarget target()
    {
        KubeTarget t;
        t.server = QUrl(QStringLiteral("https://127.0.0.1:1"));
        t.contextName = QStringLiteral("bench");
        return t;
    }
};

void BM_KubeWatchBatchOf100(benchmark::State &state)
{
    Fixture f;
    // Batches prepared up front: the stream's bytes, not their making, are what a watch gets.
    std::vector<QList<QByteArray>> batches;
    for (int b = 0; b < 20; ++b) {
        QList<QByteArray> lines;
        for (int k = 0; k < 100; ++k) {
            const int i = (b * 100 + k * 17) % 2000;
            json d = deploymentJson(i, 2 + b, "registry.example/shop/svc:2." + std::to_string(b));
            if (k % 3 == 0)
                d["status"]["updatedReplicas"] = 1;  // some mid-rollout
            lines << event("MODIFIED", d);
        }
        batches.push_back(lines);
    }
    size_t next = 0;
    qint64 bytes = 0;
    for (auto _ : state) {
        const QList<QByteArray> &lines = batches[next++ % batches.size()];
        f.watcher.applyLinesForTest(KubeKind::Deployment, lines);
        benchmark::DoNotOptimize(f.watcher.publishNow());
        f.model.setDeployments(f.watcher.snapshot().deployments);
        for (const QByteArray &l : lines)
            bytes += l.size();
    }
    state.SetBytesProcessed(bytes);
    state.counters["rows"] = double(f.model.rowCount());
}
BENCHMARK(BM_KubeWatchBatchOf100)->Unit(benchmark::kMillisecond);

} // namespace

namespace {

// The parts of one batch, to see where its time goes.
void BM_KubeWatchBatchParseOnly(benchmark::State &state)
{
    QList<QByteArray> lines;
    for (int k = 0; k < 100; ++k)
        lines << event("MODIFIED", deploymentJson(k, 2, "registry.example/shop/svc:2.0"));
    for (auto _ : state) {
        for (const QByteArray &l : lines)
            benchmark::DoNotOptimize(parseKubeWatchEvent(l, KubeKind::Deployment));
    }
}
BENCHMARK(BM_KubeWatchBatchParseOnly)->Unit(benchmark::kMillisecond);

void BM_KubeRowsIntoModel(benchmark::State &state)
{
    Fixture f;
    for (auto _ : state) {
        f.watcher.publishNow();
        f.model.setDeployments(f.watcher.snapshot().deployments);
    }
}
BENCHMARK(BM_KubeRowsIntoModel)->Unit(benchmark::kMillisecond);

} // namespace

namespace {

void BM_KubeNlohmannParseOnly(benchmark::State &state)
{
    QList<QByteArray> lines;
    for (int k = 0; k < 100; ++k)
        lines << event("MODIFIED", deploymentJson(k, 2, "registry.example/shop/svc:2.0"));
    for (auto _ : state) {
        for (const QByteArray &l : lines)
            benchmark::DoNotOptimize(json::parse(l.constBegin(), l.constEnd()));
    }
}
BENCHMARK(BM_KubeNlohmannParseOnly)->Unit(benchmark::kMillisecond);

} // namespace
