// From a container event to the Deployments panel's model: a private dockerd
// (tests/support/docker_daemon.h) with a Compose service of 20 replicas;
// each replica is killed and started again, and the time from the engine's
// own timestamp of the event to the moment the model shows it is taken, 40
// times. Target: < 200 ms (issue #12). Prints the median, p95 and worst.
//   build/bench/bench/opsdeck_bench_docker_events

#include "deploy/docker_streams.h"
#include "deploy/docker_watcher.h"
#include "deployment_model.h"
#include "docker_daemon.h"
#include "net/http_client.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>

using namespace opsdeck;

namespace {

bool waitFor(const std::function<bool()> &condition, int ms)
{
    const qint64 end = QDateTime::currentMSecsSinceEpoch() + ms;
    while (!condition()) {
        if (QDateTime::currentMSecsSinceEpoch() > end)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

int runningOf(const DeploymentModel &model)
{
    for (const Deployment &d : model.rows()) {
        if (d.name == u"shop/api")
            return d.running;
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    testsupport::DockerDaemon docker;
    if (!docker.start()) {
        std::fprintf(stderr, "no private Docker engine: %s\n", qPrintable(docker.lastError()));
        return 1;
    }
    constexpr int replicas = 20;
    docker.importBusybox(QStringLiteral("shop/api:1.0"));
    for (int n = 1; n <= replicas; ++n)
        docker.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("host"), QStringLiteral("--name"),
                       QStringLiteral("shop-api-%1").arg(n), QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=shop"),
                       QStringLiteral("--label"), QStringLiteral("com.docker.compose.service=api"), QStringLiteral("shop/api:1.0"),
                       QStringLiteral("sleep"), QStringLiteral("600")});
    DockerConfig config;
    config.host = docker.host();
    QString error;
    const DockerEndpoint endpoint = *dockerEndpoint(config, QProcessEnvironment(), &error);
    HttpClient http;
    DockerWatcher watcher(&http, endpoint, QStringLiteral("bench"));
    DeploymentModel model;
    QObject::connect(&watcher, &DockerWatcher::changed, &model, [&] { model.setDeployments(watcher.snapshot().deployments); });
    watcher.start();
    if (!waitFor([&] { return watcher.settled() && runningOf(model) == replicas; }, 30000)) {
        std::fprintf(stderr, "the watcher did not settle: %s\n", qPrintable(watcher.snapshot().error));
        return 1;
    }

    // The engine's own time of each die and start, from a stream of our own.
    HttpClient observer;
    QList<qint64> eventMs;
    LineSplitter lines;
    HttpRequest events = dockerRequest(endpoint, watcher.snapshot().apiVersion,
                                       QStringLiteral("/events?filters=%1").arg(QString::fromUtf8(QUrl::toPercentEncoding(QStringLiteral(R"({"type":["container"],"event":["die","start"]})")))));
    events.stream = true;
    QObject::connect(&observer, &HttpClient::received, &app, [&](quint64, const QByteArray &bytes) {
        for (const QByteArray &line : lines.feed(bytes)) {
            if (const auto e = parseDockerEvent(line))
                eventMs.append(e->timeNano / 1000000);
        }
    });
    observer.send(events);
    QCoreApplication::processEvents(QEventLoop::AllEvents, 200);

    QList<qint64> latencies;
    for (int round = 0; round < 2; ++round) {
        for (int n = 1; n <= replicas; ++n) {
            for (const bool kill : {true, false}) {
                const int expected = kill ? replicas - 1 : replicas;
                const qsizetype seen = eventMs.size();
                docker.docker({kill ? QStringLiteral("kill") : QStringLiteral("start"), QStringLiteral("shop-api-%1").arg(n)});
                if (!waitFor([&] { return runningOf(model) == expected; }, 10000) || !waitFor([&] { return eventMs.size() > seen; }, 5000)) {
                    std::fprintf(stderr, "no update for shop-api-%d\n", n);
                    return 1;
                }
                // The model changed at most a few ms ago: the loop polls every 5 ms.
                const qint64 shownMs = QDateTime::currentMSecsSinceEpoch();
                if (!kill)
                    latencies.append(shownMs - eventMs.last());
            }
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double q) { return latencies.at(std::min<qsizetype>(latencies.size() - 1, qsizetype(q * double(latencies.size())))); };
    std::printf("event to model, %lld starts of a replica among %d: median %lld ms, p95 %lld ms, worst %lld ms\n",
                static_cast<long long>(latencies.size()), replicas, static_cast<long long>(at(0.5)), static_cast<long long>(at(0.95)),
                static_cast<long long>(latencies.last()));
    watcher.stop();
    docker.stop();
    return 0;
}
