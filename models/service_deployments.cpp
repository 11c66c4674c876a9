#include "service_deployments.h"

#include "metrics/series_store.h"

namespace opsdeck {

namespace {

QString buildInfoVersion(const SeriesStore &store, const std::string &service)
{
    for (const auto &[name, count] : store.namesWith("service", service)) {
        if (name.size() < 11 || name.compare(name.size() - 11, 11, "_build_info") != 0)
            continue;
        for (SeriesStore::SeriesId id : store.select(name, [&](const Labels &labels) {
                 return std::any_of(labels.begin(), labels.end(), [&](const auto &l) { return l.first == "service" && l.second == service; });
             })) {
            for (const auto &[label, value] : store.labels(id)) {
                if (label == "version" && !value.empty())
                    return QString::fromStdString(value);
            }
        }
    }
    return {};
}

qint64 processStartMs(const SeriesStore &store, const std::string &service)
{
    for (SeriesStore::SeriesId id : store.select("process_start_time_seconds", [&](const Labels &labels) {
             return std::any_of(labels.begin(), labels.end(), [&](const auto &l) { return l.first == "service" && l.second == service; });
         })) {
        SamplePoint point;
        if (store.last(id, &point) && point.value > 0)
            return qint64(point.value * 1000.0);
    }
    return 0;
}

} // namespace

Deployment serviceDeployment(const QString &service, const std::optional<ServiceHealth> &health, const SeriesStore *store,
                             const QString &environment)
{
    Deployment d;
    d.name = service;
    d.service = service;
    d.environment = environment;
    d.source = QStringLiteral("health");
    d.desired = 1;
    const std::string key = service.toStdString();
    d.version = health ? health->version : QString();
    if (d.version.isEmpty() && store)
        d.version = buildInfoVersion(*store, key);
    d.changedMs = store ? processStartMs(*store, key) : 0;
    if (!health) {
        d.status = DeploymentStatus::Stopped;
        d.reason = QStringLiteral("not checked yet");
        return d;
    }
    switch (health->status) {
    case HealthStatus::Healthy:
        d.status = DeploymentStatus::Running;
        d.running = d.healthy = 1;
        break;
    case HealthStatus::Degraded:
    case HealthStatus::Unknown:
        d.status = DeploymentStatus::Degraded;
        d.running = 1;
        d.reason = health->reason;
        break;
    case HealthStatus::Down:
    case HealthStatus::Unreachable:
        d.status = DeploymentStatus::Failed;
        d.reason = health->reason;
        break;
    }
    return d;
}

} // namespace opsdeck
