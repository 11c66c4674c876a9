// The Deployments panel's list: 500 containers (100 Compose services of five
// replicas, with their labels, ports and status) parsed from the engine's
// answer, folded into deployments and merged into the panel's model, as a
// relist does it. Target: < 100 ms (issue #12). Both the API 1.41 shape
// (health in the Status text) and today's (a Health object).

#include "deploy/deployment.h"
#include "deploy/docker_containers.h"
#include "deployment_model.h"

#include <benchmark/benchmark.h>

#include <QByteArray>

using namespace opsdeck;

namespace {

QByteArray containerList(int services, int replicas, bool healthObject)
{
    QByteArray json = "[";
    for (int s = 0; s < services; ++s) {
        for (int r = 1; r <= replicas; ++r) {
            if (json.size() > 1)
                json += ',';
            const QByteArray service = "svc" + QByteArray::number(s);
            const QByteArray id = QByteArray::number(s * 1000 + r).rightJustified(64, 'a');
            json += "{\"Id\":\"" + id + "\",\"Names\":[\"/shop-" + service + "-" + QByteArray::number(r) + "\"],"
                    "\"Image\":\"registry.example.com:5000/shop/" + service + ":1." + QByteArray::number(s % 7) + ".2\","
                    "\"ImageID\":\"sha256:d74508fb6632491cea586a1fd7d748dfc5274cd6fdfedee309ecdcbc2bf5cb82\","
                    "\"Command\":\"/app/server --port 8080\",\"Created\":1764950400,\"State\":\"running\","
                    "\"Status\":\"Up 2 hours (healthy)\","
                    + (healthObject ? QByteArray("\"Health\":{\"Status\":\"healthy\",\"FailingStreak\":0},") : QByteArray()) +
                    "\"Ports\":[{\"IP\":\"0.0.0.0\",\"PrivatePort\":8080,\"PublicPort\":" + QByteArray::number(20000 + s * 10 + r) + ",\"Type\":\"tcp\"}],"
                    "\"Labels\":{\"com.docker.compose.project\":\"shop\",\"com.docker.compose.service\":\"" + service + "\","
                    "\"com.docker.compose.container-number\":\"" + QByteArray::number(r) + "\",\"com.docker.compose.oneoff\":\"False\","
                    "\"com.docker.compose.version\":\"2.24.5\",\"com.docker.compose.config-hash\":\"0123456789abcdef0123456789abcdef\","
                    "\"com.docker.compose.project.working_dir\":\"/srv/shop\",\"org.opencontainers.image.version\":\"1.0\","
                    "\"maintainer\":\"ops@example.com\"},"
                    "\"SizeRw\":12288,\"HostConfig\":{\"NetworkMode\":\"shop_default\"},"
                    "\"NetworkSettings\":{\"Networks\":{\"shop_default\":{\"NetworkID\":\"7ea29fc1412292a2d7bba362f9253545\","
                    "\"IPAddress\":\"172.18.0." + QByteArray::number(r + 1) + "\"}}},\"Mounts\":[]}";
        }
    }
    return json + "]";
}

void listParseGroupMerge(benchmark::State &state, bool healthObject)
{
    const QByteArray body = containerList(int(state.range(0)) / 5, 5, healthObject);
    DeploymentModel model;
    for (auto _ : state) {
        DockerContainerList list = parseDockerContainerList(body);
        QList<Deployment> rows = groupDockerDeployments(list.containers, QStringLiteral("prod"));
        model.setDeployments(std::move(rows));
        benchmark::DoNotOptimize(model.rowCount());
    }
    state.counters["containers"] = double(state.range(0));
    state.SetBytesProcessed(state.iterations() * body.size());
}

void BM_DockerListApi141(benchmark::State &state)
{
    listParseGroupMerge(state, false);
}

void BM_DockerListApi152(benchmark::State &state)
{
    listParseGroupMerge(state, true);
}

} // namespace

BENCHMARK(BM_DockerListApi141)->Arg(500)->Arg(5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DockerListApi152)->Arg(500)->Unit(benchmark::kMillisecond);
