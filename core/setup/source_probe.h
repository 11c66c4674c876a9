#pragma once

// The profile editor's "Test" buttons: each source is asked what an operator
// wants to know before trusting it (is it there, what is it, what can I do
// with it), in the background, answered once with a verdict and its lines.

#include "config/config.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

namespace opsdeck {

class HttpCalls;
class PgWorker;

struct ProbeResult {
    bool ok = false;
    QString summary;     // one line: what it is, or why it failed
    QStringList details; // one fact a line: "health: healthy (json, version 1.4.2)"
};

class SourceProbe : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const ProbeResult &result)>;

    explicit SourceProbe(QObject *parent = nullptr);
    ~SourceProbe() override;

    // Each calls done exactly once, on this object's thread, unless the probe is destroyed first.
    // A service: each health URL (shape, status, version) and the metric families of its /metrics.
    void testService(const ServiceConfig &service, Done done);
    // Prometheus: version, targets (and how many are up).
    void testPrometheus(const PrometheusConfig &prometheus, Done done);
    // An Alertmanager cluster: each member's version and cluster status with its peers.
    void testAlertmanager(const AlertmanagerConfig &alertmanager, Done done);
    // PostgreSQL: the server's version, whether the role has pg_monitor and
    // pg_signal_backend (or is a superuser), and pg_stat_statements.
    void testDatabase(const DatabaseConfig &database, Done done);
    // Docker: the engine's version and how many containers and Compose projects run.
    void testDocker(const std::optional<DockerConfig> &docker, Done done);
    // Kubernetes: the kubeconfig's contexts, the chosen one's server, version and namespaces.
    void testKubernetes(const KubernetesConfig &kubernetes, Done done);

private:
    HttpCalls *m_http;
    std::vector<std::unique_ptr<PgWorker>> m_databases;  // one connection per database test, closed when it answered
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::ProbeResult)
