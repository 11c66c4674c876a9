#include "setup/discovery.h"

#include "config/secrets.h"
#include "health/health_interpreter.h"
#include "kube/kubeconfig.h"
#include "net/http_calls.h"
#include "net/http_client.h"
#include "prometheus/prometheus_api.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QPointer>

#include <nlohmann/json.hpp>

namespace opsdeck {

namespace {

constexpr int healthProbeTimeoutMs = 3000;
constexpr int maxProbesInFlight = 64;

QString label(const Labels &labels, std::string_view name)
{
    for (const auto &[key, value] : labels) {
        if (key == name)
            return QString::fromStdString(value);
    }
    return {};
}

// An answer that is a health report: JSON of a known shape, or a word such as
// "ok". A 404, a login page or a landing page is not, even with 200.
bool isHealthReport(const HttpResponse &response)
{
    if (!response.transportOk() || response.status == 404 || response.status == 405)
        return false;
    const HealthVerdict v = interpretHealthResponse(response);
    switch (v.shape) {
    case HealthVerdict::Shape::OpsDeckJson:
    case HealthVerdict::Shape::SpringActuator:
    case HealthVerdict::Shape::HealthJson:
        return true;
    case HealthVerdict::Shape::PlainText:
        return v.status != HealthStatus::Unknown;
    default:
        return false;
    }
}

} // namespace

struct ServiceDiscovery::Run {
    PrometheusDiscovery found;
    Done done;
    int waiting = 0;
    qsizetype next = 0;  // the next probe to send
    QSet<int> unreachable;  // targets whose /health could not even be connected to
    QList<std::tuple<int, QString, QUrl>> probes;  // service index, which, URL
};

QString serviceNameForTarget(const QString &job, const QString &serviceLabel, const QString &instance, int targetsInJob)
{
    if (!serviceLabel.isEmpty())
        return serviceLabel;
    if (targetsInJob <= 1)
        return job;
    return QStringLiteral("%1-%2").arg(job, instance);
}

ServiceDiscovery::ServiceDiscovery(QObject *parent) : QObject(parent), m_http(new HttpCalls(this))
{
}

ServiceDiscovery::~ServiceDiscovery() = default;

void ServiceDiscovery::fromPrometheus(const QUrl &prometheus, const EndpointSecurity &security, Done done)
{
    auto run = std::make_shared<Run>();
    run->done = std::move(done);
    HttpRequest targets = endpointRequest(apiUrl(prometheus, QStringLiteral("/api/v1/targets")), security, 10000, 64 * 1024 * 1024);
    QUrl url = targets.url;
    url.setQuery(QStringLiteral("state=active"));
    targets.url = url;
    m_http->send(targets, [this, run, prometheus, security](const HttpResponse &response) {
        const PromApiResult decoded = decodePrometheusResponse(response.status, response.body);
        if (!response.transportOk() || !decoded.ok) {
            run->found.error = QStringLiteral("%1: %2").arg(prometheus.toString(),
                response.transportOk() ? decoded.error : response.errorMessage);
            run->done(run->found);
            return;
        }
        QHash<QString, int> perJob;
        for (const PromTarget &t : decoded.targets)
            ++perJob[label(t.labels, "job")];
        // Grouped by job, the jobs in the order Prometheus first names them.
        QStringList jobs;
        for (const PromTarget &t : decoded.targets) {
            if (!jobs.contains(label(t.labels, "job")))
                jobs << label(t.labels, "job");
        }
        for (const QString &job : std::as_const(jobs)) {
            QList<DiscoveredService> group;
            for (const PromTarget &t : decoded.targets) {
                if (label(t.labels, "job") != job)
                    continue;
                DiscoveredService d;
                d.job = job;
                d.targetHealth = t.health;
                d.service.name = serviceNameForTarget(job, label(t.labels, "service"), label(t.labels, "instance"), perJob.value(job));
                d.service.metricsUrl = QUrl(t.scrapeUrl);
                group << d;
            }
            // By name within a job: the same list each time, whatever order Prometheus answers in.
            std::sort(group.begin(), group.end(), [](const DiscoveredService &a, const DiscoveredService &b) {
                return a.service.name < b.service.name;
            });
            run->found.services << group;
        }
        // The Alertmanagers Prometheus sends to, as one cluster.
        HttpRequest ams = endpointRequest(apiUrl(prometheus, QStringLiteral("/api/v1/alertmanagers")), security, 10000, 1024 * 1024);
        m_http->send(ams, [this, run](const HttpResponse &answer) {
            const auto doc = nlohmann::json::parse(answer.body.constBegin(), answer.body.constEnd(), nullptr, false);
            if (answer.isSuccess() && doc.is_object()) {
                AlertmanagerConfig cluster;
                cluster.name = QStringLiteral("main");
                for (const auto &am : doc.value("data", nlohmann::json::object()).value("activeAlertmanagers", nlohmann::json::array())) {
                    // http://host:9093/api/v2/alerts: the server is what comes before /api/.
                    QUrl u(QString::fromStdString(am.value("url", std::string())));
                    const QString path = u.path();
                    u.setPath(path.left(std::max<qsizetype>(path.indexOf(QLatin1String("/api/")), 0)));
                    if (u.isValid() && !u.host().isEmpty() && !cluster.urls.contains(u))
                        cluster.urls << u;
                }
                if (!cluster.urls.isEmpty())
                    run->found.alertmanagers << cluster;
            }
            probeHealth(run);
        });
    });
}

void ServiceDiscovery::probeHealth(const std::shared_ptr<Run> &run)
{
    // Every target's /health first: a target that cannot be reached there (a pod IP seen
    // only inside its cluster) is not asked twice more.
    for (const QString &path : {QStringLiteral("/health"), QStringLiteral("/health/live"), QStringLiteral("/health/ready")}) {
        for (int i = 0; i < run->found.services.size(); ++i) {
            const QUrl metrics = run->found.services[i].service.metricsUrl;
            if (!metrics.isValid() || metrics.host().isEmpty())
                continue;
            QUrl u = metrics;
            u.setPath(path);
            u.setQuery(QString());
            run->probes.append({i, path, u});
        }
    }
    if (run->probes.isEmpty()) {
        run->done(run->found);
        return;
    }
    run->waiting = int(run->probes.size());
    // A few at a time: a Prometheus of a thousand targets must not become three thousand
    // requests at once, most of them timing out in a queue rather than on the wire.
    for (int i = 0; i < maxProbesInFlight && run->next < run->probes.size(); ++i)
        probeNext(run);
}

void ServiceDiscovery::probeNext(const std::shared_ptr<Run> &run)
{
    // The probes of a target already found unreachable end at once, unsent.
    while (run->next < run->probes.size() && run->unreachable.contains(std::get<0>(run->probes.at(run->next)))) {
        ++run->next;
        if (--run->waiting == 0) {
            run->done(run->found);
            return;
        }
    }
    if (run->next >= run->probes.size())
        return;
    const auto [index, path, url] = run->probes.at(run->next++);
    HttpRequest r;
    r.url = url;
    r.connectTimeoutMs = 2000;
    r.totalTimeoutMs = healthProbeTimeoutMs;
    r.maxBodyBytes = 256 * 1024;
    m_http->send(r, [this, run, index = index, path = path, url = url](const HttpResponse &response) {
        if (!response.transportOk() && response.status == 0)
            run->unreachable.insert(index);
        if (isHealthReport(response)) {
            DiscoveredService &d = run->found.services[index];
            d.answersHealth = true;
            if (path == u"/health")
                d.service.healthUrl = url;
            else if (path == u"/health/live")
                d.service.livenessUrl = url;
            else
                d.service.readinessUrl = url;
        }
        // Counted before the next is sent: skipping probes may finish the run inside probeNext.
        if (--run->waiting == 0) {
            run->done(run->found);
            return;
        }
        probeNext(run);
    });
}

QList<DatabaseConfig> databasesFromPgpass(const QString &file)
{
    QList<DatabaseConfig> out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList fields = splitPgpassLine(line);
        if (fields.size() < 5 || fields[2] == u"*" || fields[3] == u"*")
            continue;
        DatabaseConfig d;
        d.host = fields[0] == u"*" ? QStringLiteral("localhost") : fields[0];
        d.port = fields[1] == u"*" ? 5432 : fields[1].toInt();
        d.dbname = fields[2];
        d.user = fields[3];
        d.password = {SecretRef::Kind::Pgpass, {}};
        d.name = d.host == u"localhost" || d.host.startsWith(QLatin1String("127.")) ? d.dbname : QStringLiteral("%1@%2").arg(d.dbname, d.host);
        if (d.port <= 0)
            continue;
        bool seen = false;
        for (const DatabaseConfig &o : std::as_const(out))
            seen = seen || (o.host == d.host && o.port == d.port && o.dbname == d.dbname && o.user == d.user);
        if (!seen)
            out << d;
    }
    return out;
}

QList<KubernetesConfig> clustersFromKubeconfig(const QString &explicitPath, QString *error)
{
    const KubeConfigLoad loaded = loadKubeconfig(kubeconfigPaths(explicitPath), !explicitPath.isEmpty());
    if (!loaded.ok()) {
        *error = loaded.errors.join(QStringLiteral("; "));
        return {};
    }
    QList<KubernetesConfig> out;
    for (auto it = loaded.config->contexts.cbegin(); it != loaded.config->contexts.cend(); ++it) {
        KubernetesConfig k;
        k.kubeconfig = explicitPath;
        k.context = it.key();
        if (!it->nameSpace.isEmpty())
            k.namespaces << it->nameSpace;
        if (it.key() == loaded.config->currentContext)
            out.prepend(k);
        else
            out.append(k);
    }
    if (out.isEmpty())
        *error = QStringLiteral("%1: no context").arg(loaded.config->files.join(QStringLiteral(", ")));
    return out;
}

} // namespace opsdeck
