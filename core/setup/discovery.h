#pragma once

// Finding the user's systems for them: a Prometheus knows every target it
// scrapes and the Alertmanagers it sends to; a pgpass file lists databases; a
// kubeconfig lists clusters. Everything found is a proposal: the user ticks
// what to keep, nothing is added silently.

#include "config/config.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace opsdeck {

class HttpCalls;

struct DiscoveredService {
    ServiceConfig service;  // name, metrics_url and the health URLs that answered
    QString job;            // Prometheus's job: the group shown
    QString targetHealth;   // up, down, unknown: Prometheus's word for the scrape
    bool answersHealth = false;  // /health, /health/live or /health/ready answered as a health endpoint: ticked
};

struct PrometheusDiscovery {
    QString error;  // empty when Prometheus answered
    QList<DiscoveredService> services;  // grouped by job, in Prometheus's order
    QList<AlertmanagerConfig> alertmanagers;  // the ones Prometheus sends its alerts to
    bool ok() const { return error.isEmpty(); }
};

// Asks a Prometheus for its active targets and Alertmanagers, then probes
// /health, /health/live and /health/ready on each target's host and port.
class ServiceDiscovery : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const PrometheusDiscovery &found)>;
    explicit ServiceDiscovery(QObject *parent = nullptr);
    ~ServiceDiscovery() override;

    void fromPrometheus(const QUrl &prometheus, const EndpointSecurity &security, Done done);

private:
    struct Run;
    void probeHealth(const std::shared_ptr<Run> &run);
    void probeNext(const std::shared_ptr<Run> &run);
    HttpCalls *m_http;
};

// The name a target gets as a service: its "service" label, else its job when
// the job has one target, else job-host:port.
QString serviceNameForTarget(const QString &job, const QString &serviceLabel, const QString &instance, int targetsInJob);

// The databases of a pgpass file, one per line that names a database (not '*'):
// password {"pgpass": true}.
QList<DatabaseConfig> databasesFromPgpass(const QString &file);

// The contexts of the kubeconfig files kubectl would read (or of that file),
// the current one first; empty with error set when none can be read.
QList<KubernetesConfig> clustersFromKubeconfig(const QString &explicitPath, QString *error);

} // namespace opsdeck
