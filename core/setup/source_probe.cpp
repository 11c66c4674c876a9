#include "setup/source_probe.h"

#include "config/secrets.h"
#include "db/pg_worker.h"
#include "deploy/docker_endpoint.h"
#include "health/health_interpreter.h"
#include "kube/kube_api.h"
#include "kube/kubeconfig.h"
#include "metrics/exposition_summary.h"
#include "metrics/openmetrics_parser.h"
#include "net/http_calls.h"
#include "net/http_client.h"
#include "prometheus/prometheus_api.h"

#include <QHash>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>
#include <QFutureWatcher>

#include <nlohmann/json.hpp>

#include <pqxx/pqxx>

using json = nlohmann::json;

namespace opsdeck {

namespace {

constexpr int probeTimeoutMs = 8000;

std::string labelValue(const Labels &labels, std::string_view name)
{
    for (const auto &[key, value] : labels) {
        if (key == name)
            return value;
    }
    return {};
}

json parseJson(const QByteArray &body)
{
    return json::parse(body.constBegin(), body.constEnd(), nullptr, false);
}

QString jsonString(const json &o, const char *key)
{
    if (!o.is_object())
        return {};
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QString failureText(const HttpResponse &r)
{
    if (!r.transportOk())
        return r.errorMessage;
    return QStringLiteral("HTTP %1").arg(r.status);
}

// Counts down the answers of a probe made of several requests; the last one reports.
struct Gather {
    ProbeResult result;
    int waiting = 0;
    SourceProbe::Done done;
    void finishOne()
    {
        if (--waiting == 0)
            done(result);
    }
};

} // namespace

SourceProbe::SourceProbe(QObject *parent) : QObject(parent), m_http(new HttpCalls(this))
{
}

SourceProbe::~SourceProbe() = default;

namespace {

// The request for a configured endpoint, its secret looked up (env or keychain) on a pool thread.
void withCredentials(QObject *context, HttpRequest request, const EndpointSecurity &security,
                     std::function<void(HttpRequest, QString error)> send)
{
    if (!security.bearerToken.isSet() && !security.basicPassword.isSet()) {
        send(std::move(request), {});
        return;
    }
    auto *watcher = new QFutureWatcher<SecretLookup>(context);
    QObject::connect(watcher, &QFutureWatcher<SecretLookup>::finished, context, [watcher, request, security, send]() mutable {
        watcher->deleteLater();
        const SecretLookup found = watcher->result();
        if (!found.ok()) {
            send(request, found.error);
            return;
        }
        if (security.bearerToken.isSet())
            request.auth = {HttpAuth::Kind::Bearer, {}, found.value};
        else
            request.auth = {HttpAuth::Kind::Basic, security.basicUser, found.value};
        send(request, {});
    });
    const SecretRef ref = security.bearerToken.isSet() ? security.bearerToken : security.basicPassword;
    watcher->setFuture(QtConcurrent::run([ref] { return resolveSecret(ref); }));
}

QString healthLine(const QString &kind, const HttpResponse &response)
{
    const HealthVerdict v = interpretHealthResponse(response);
    QString line = QStringLiteral("%1: %2").arg(kind, healthStatusKey(v.status));
    QStringList facts;
    if (v.shape != HealthVerdict::Shape::None)
        facts << QStringLiteral("shape %1").arg(healthShapeName(v.shape));
    if (!v.version.isEmpty())
        facts << QStringLiteral("version %1").arg(v.version);
    if (!v.components.isEmpty()) {
        QStringList parts;
        for (const HealthComponent &c : v.components)
            parts << QStringLiteral("%1 %2").arg(c.name, healthStatusKey(c.status));
        facts << parts.join(QStringLiteral(", "));
    }
    if (!response.isSuccess() || v.status != HealthStatus::Healthy)
        facts << v.reason;
    if (!facts.isEmpty())
        line += QStringLiteral(" (%1)").arg(facts.join(QStringLiteral("; ")));
    return line;
}

} // namespace

void SourceProbe::testService(const ServiceConfig &service, Done done)
{
    auto gather = std::make_shared<Gather>();
    gather->done = std::move(done);
    gather->result.ok = true;
    const QList<std::pair<QString, QUrl>> healthUrls = {{QStringLiteral("health"), service.healthUrl},
                                                        {QStringLiteral("live"), service.livenessUrl},
                                                        {QStringLiteral("ready"), service.readinessUrl}};
    QPointer<SourceProbe> self(this);
    for (const auto &endpoint : healthUrls) {
        // Named copies: lambdas below capture them (clang refuses to capture a structured binding).
        const QString kind = endpoint.first;
        const QUrl url = endpoint.second;
        if (url.isEmpty())
            continue;
        ++gather->waiting;
        withCredentials(this, endpointRequest(url, service.security, service.timeoutS * 1000, 1024 * 1024), service.security,
                        [self, gather, kind](HttpRequest request, const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty()) {
                gather->result.ok = false;
                gather->result.details << QStringLiteral("%1: %2").arg(kind, error);
                gather->finishOne();
                return;
            }
            self->m_http->send(request, [gather, kind](const HttpResponse &response) {
                const HealthVerdict v = interpretHealthResponse(response);
                if (!response.transportOk())
                    gather->result.ok = false;
                gather->result.details << healthLine(kind, response);
                if (kind == u"health" || gather->result.summary.isEmpty()) {
                    gather->result.summary = response.transportOk()
                        ? QStringLiteral("%1%2").arg(healthStatusKey(v.status),
                                                     v.version.isEmpty() ? QString() : QStringLiteral(" · version %1").arg(v.version))
                        : response.errorMessage;
                }
                gather->finishOne();
            });
        });
    }
    if (!service.metricsUrl.isEmpty()) {
        ++gather->waiting;
        withCredentials(this, endpointRequest(service.metricsUrl, service.security, service.timeoutS * 1000, 64 * 1024 * 1024),
                        service.security, [self, gather](HttpRequest request, const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty()) {
                gather->result.ok = false;
                gather->result.details << QStringLiteral("metrics: %1").arg(error);
                gather->finishOne();
                return;
            }
            request.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4")));
            self->m_http->send(request, [gather](const HttpResponse &response) {
                if (!response.isSuccess()) {
                    gather->result.ok = false;
                    gather->result.details << QStringLiteral("metrics: %1").arg(failureText(response));
                } else {
                    const std::string_view bytes(response.body.constData(), size_t(response.body.size()));
                    ExpositionSummary summary(bytes);
                    const ExpositionFormat format = formatFromContentType(response.contentType.toStdString());
                    if (const ParseError e = parseExposition(format, bytes, summary)) {
                        gather->result.ok = false;
                        gather->result.details << QStringLiteral("metrics: not an exposition: %1").arg(QString::fromStdString(e.message));
                    } else {
                        QStringList names;
                        for (const ExpositionSummary::Family &f : summary.families())
                            names << QString::fromStdString(f.name);
                        QStringList shown = names.mid(0, 6);
                        if (names.size() > shown.size())
                            shown << QStringLiteral("…");
                        gather->result.details << QStringLiteral("metrics: %1 families, %2 series (%3)")
                                                      .arg(names.size()).arg(summary.seriesCount()).arg(shown.join(QStringLiteral(", ")));
                        if (gather->result.summary.isEmpty())
                            gather->result.summary = QStringLiteral("%1 metric families").arg(names.size());
                    }
                }
                gather->finishOne();
            });
        });
    }
    if (gather->waiting == 0)
        gather->done({false, tr("no URL to test"), {}});
}

void SourceProbe::testPrometheus(const PrometheusConfig &prometheus, Done done)
{
    auto gather = std::make_shared<Gather>();
    gather->done = std::move(done);
    gather->result.ok = true;
    gather->waiting = 2;
    QPointer<SourceProbe> self(this);
    const auto ask = [this, self, gather, &prometheus](const QString &path, std::function<void(const HttpResponse &)> read) {
        QUrl url = apiUrl(prometheus.url, path.section(u'?', 0, 0));
        url.setQuery(path.section(u'?', 1));
        withCredentials(this, endpointRequest(url, prometheus.security, probeTimeoutMs, 32 * 1024 * 1024),
                        prometheus.security, [self, gather, read](HttpRequest request, const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty()) {
                gather->result.ok = false;
                gather->result.summary = error;
                gather->finishOne();
                return;
            }
            self->m_http->send(request, [gather, read](const HttpResponse &response) {
                if (!response.isSuccess()) {
                    gather->result.ok = false;
                    gather->result.summary = failureText(response);
                } else {
                    read(response);
                }
                gather->finishOne();
            });
        });
    };
    ask(QStringLiteral("/api/v1/status/buildinfo"), [gather](const HttpResponse &r) {
        const json doc = parseJson(r.body);
        const QString version = doc.is_object() ? jsonString(doc.value("data", json::object()), "version") : QString();
        gather->result.details.prepend(version.isEmpty() ? QStringLiteral("version: not said")
                                                         : QStringLiteral("version: %1").arg(version));
    });
    ask(QStringLiteral("/api/v1/targets?state=active"), [gather](const HttpResponse &r) {
        const PromApiResult decoded = decodePrometheusResponse(r.status, r.body);
        if (!decoded.ok) {
            gather->result.ok = false;
            gather->result.summary = decoded.error;
            return;
        }
        int up = 0;
        QSet<QString> jobs;
        for (const PromTarget &t : decoded.targets) {
            up += t.health == u"up";
            jobs.insert(QString::fromStdString(labelValue(t.labels, "job")));
        }
        gather->result.details << QStringLiteral("targets: %1 (%2 up) in %3 jobs").arg(decoded.targets.size()).arg(up).arg(jobs.size());
    });
    // Both answers in: the summary is the version and the targets.
    auto finalDone = gather->done;
    gather->done = [finalDone](const ProbeResult &result) {
        ProbeResult r = result;
        if (r.ok)
            r.summary = r.details.join(QStringLiteral(" · "));
        finalDone(r);
    };
}

void SourceProbe::testAlertmanager(const AlertmanagerConfig &alertmanager, Done done)
{
    auto gather = std::make_shared<Gather>();
    gather->done = std::move(done);
    gather->result.ok = true;
    gather->waiting = int(alertmanager.urls.size());
    if (gather->waiting == 0) {
        gather->done({false, tr("no URL to test"), {}});
        return;
    }
    QPointer<SourceProbe> self(this);
    for (const QUrl &url : alertmanager.urls) {
        withCredentials(this, endpointRequest(apiUrl(url, QStringLiteral("/api/v2/status")), alertmanager.security, probeTimeoutMs, 1024 * 1024),
                        alertmanager.security, [self, gather, url](HttpRequest request, const QString &error) {
            if (!self)
                return;
            if (!error.isEmpty()) {
                gather->result.ok = false;
                gather->result.details << QStringLiteral("%1: %2").arg(url.toString(), error);
                gather->finishOne();
                return;
            }
            self->m_http->send(request, [gather, url](const HttpResponse &response) {
                const json doc = parseJson(response.body);
                if (!response.isSuccess() || !doc.is_object()) {
                    gather->result.ok = false;
                    gather->result.details << QStringLiteral("%1: %2").arg(url.toString(),
                        response.isSuccess() ? QStringLiteral("not an Alertmanager's /api/v2/status") : failureText(response));
                } else {
                    const QString version = jsonString(doc.value("versionInfo", json::object()), "version");
                    const json cluster = doc.value("cluster", json::object());
                    const auto peers = cluster.value("peers", json::array());
                    gather->result.details << QStringLiteral("%1: version %2, cluster %3, %4 peers")
                                                  .arg(url.toString(), version.isEmpty() ? QStringLiteral("?") : version,
                                                       jsonString(cluster, "status").isEmpty() ? QStringLiteral("disabled") : jsonString(cluster, "status"))
                                                  .arg(peers.is_array() ? peers.size() : 0);
                }
                gather->finishOne();
            });
        });
    }
    auto finalDone = gather->done;
    gather->done = [finalDone](const ProbeResult &result) {
        ProbeResult r = result;
        r.summary = r.details.size() == 1 ? r.details.first().section(QStringLiteral(": "), 1)
                                          : QStringLiteral("%1 members").arg(r.details.size());
        finalDone(r);
    };
}

void SourceProbe::testDatabase(const DatabaseConfig &database, Done done)
{
    // One short-lived connection on its own thread; the answer comes back here if the probe still exists.
    auto owned = std::make_unique<PgWorker>(database, probeTimeoutMs, QStringLiteral("setup"));
    PgWorker *worker = owned.get();
    m_databases.push_back(std::move(owned));
    QPointer<SourceProbe> self(this);
    // The worker is destroyed here, on the main thread, once it answered: never on its own thread.
    auto report = [self, worker, done](const ProbeResult &result) {
        deliverToOwner(self, [result, done, worker](SourceProbe *probe) {
            std::erase_if(probe->m_databases, [worker](const auto &w) { return w.get() == worker; });
            done(result);
        });
    };
    worker->submit({[report](pqxx::connection &c) {
                        pqxx::nontransaction tx(c);
                        ProbeResult r;
                        const pqxx::result answer = tx.exec("SELECT current_setting('server_version'), "
                                                      "pg_has_role(current_user, 'pg_monitor', 'MEMBER'), "
                                                      "pg_has_role(current_user, 'pg_signal_backend', 'MEMBER'), "
                                                      "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user), current_user");
                        const pqxx::row version = answer.at(0);
                        const QString server = QString::fromStdString(version[0].as<std::string>());
                        const bool superuser = version[3].as<bool>();
                        const bool monitor = superuser || version[1].as<bool>();
                        const bool signal = superuser || version[2].as<bool>();
                        const QString role = QString::fromStdString(version[4].as<std::string>());
                        const auto statements = tx.exec("SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements'");
                        const QString preload = QString::fromStdString(
                            tx.exec("SELECT current_setting('shared_preload_libraries')").at(0).at(0).as<std::string>());
                        r.ok = true;
                        r.summary = QStringLiteral("PostgreSQL %1").arg(server.section(u' ', 0, 0));
                        r.details << QStringLiteral("server: PostgreSQL %1").arg(server)
                                  << QStringLiteral("role %1: %2").arg(role, superuser ? QStringLiteral("superuser") : QStringLiteral("not a superuser"))
                                  << QStringLiteral("pg_monitor: %1").arg(monitor ? QStringLiteral("yes, every session and query is visible")
                                                                                  : QStringLiteral("no: other roles' queries are hidden (GRANT pg_monitor TO %1)").arg(role))
                                  << QStringLiteral("pg_signal_backend: %1").arg(signal ? QStringLiteral("yes, cancel and terminate work")
                                                                                         : QStringLiteral("no: cancel and terminate are refused (GRANT pg_signal_backend TO %1)").arg(role));
                        if (!statements.empty())
                            r.details << QStringLiteral("pg_stat_statements: %1").arg(QString::fromStdString(statements[0][0].as<std::string>()));
                        else if (preload.contains(QLatin1String("pg_stat_statements")))
                            r.details << QStringLiteral("pg_stat_statements: loaded, not created in this database (CREATE EXTENSION pg_stat_statements)");
                        else
                            r.details << QStringLiteral("pg_stat_statements: not installed (the Queries page stays empty)");
                        report(r);
                    },
                    [report](const QString &error) { report({false, error, {}}); }});
}

void SourceProbe::testDocker(const std::optional<DockerConfig> &docker, Done done)
{
    QString error;
    const std::optional<DockerEndpoint> endpoint = dockerEndpoint(docker, QProcessEnvironment::systemEnvironment(), &error);
    if (!endpoint) {
        done({false, error, {}});
        return;
    }
    auto result = std::make_shared<ProbeResult>();
    QPointer<SourceProbe> self(this);
    const DockerEndpoint ep = *endpoint;
    m_http->send(dockerRequest(ep, {}, QStringLiteral("/version")), [self, ep, result, done](const HttpResponse &response) {
        const json doc = parseJson(response.body);
        if (!response.isSuccess() || !doc.is_object()) {
            done({false, QStringLiteral("%1: %2").arg(ep.host, response.isSuccess() ? QStringLiteral("not a Docker engine") : failureText(response)), {}});
            return;
        }
        const QString version = jsonString(doc, "Version");
        const QString api = jsonString(doc, "ApiVersion");
        result->details << QStringLiteral("engine: Docker %1 (API %2) at %3").arg(version, api, ep.host);
        result->summary = QStringLiteral("Docker %1").arg(version);
        if (!self)
            return;
        self->m_http->send(dockerRequest(ep, api, QStringLiteral("/containers/json?all=1")), [result, done](const HttpResponse &list) {
            const json containers = parseJson(list.body);
            QSet<QString> projects;
            int running = 0;
            if (containers.is_array()) {
                for (const json &c : containers) {
                    running += c.value("State", std::string()) == "running";
                    const QString project = jsonString(c.value("Labels", json::object()), "com.docker.compose.project");
                    if (!project.isEmpty())
                        projects.insert(project);
                }
                result->details << QStringLiteral("containers: %1 (%2 running)").arg(containers.size()).arg(running);
                QStringList names(projects.begin(), projects.end());
                names.sort();
                result->details << QStringLiteral("Compose projects: %1").arg(names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
            }
            result->ok = true;
            done(*result);
        });
    });
}

void SourceProbe::testKubernetes(const KubernetesConfig &kubernetes, Done done)
{
    const KubeConfigLoad loaded = loadKubeconfig(kubeconfigPaths(kubernetes.kubeconfig), !kubernetes.kubeconfig.isEmpty());
    if (!loaded.ok()) {
        done({false, loaded.errors.join(QStringLiteral("; ")), {}});
        return;
    }
    QString error;
    const std::optional<KubeTarget> target = resolveKubeContext(*loaded.config, kubernetes.context, &error);
    if (!target) {
        done({false, error, {}});
        return;
    }
    auto result = std::make_shared<ProbeResult>();
    result->details << QStringLiteral("contexts: %1").arg(loaded.config->contexts.keys().join(QStringLiteral(", ")))
                    << QStringLiteral("context %1: cluster %2 at %3").arg(target->contextName, target->clusterName, target->server.toString());
    auto *api = new KubeApi(m_http->client(), *target, this);
    api->call({HttpRequest::Method::Get, QStringLiteral("/version"), {}, {}, {}, probeTimeoutMs}, [api, result, done](const HttpResponse &response) {
        const json doc = parseJson(response.body);
        if (!response.isSuccess() || !doc.is_object()) {
            api->deleteLater();
            done({false, QStringLiteral("%1: %2").arg(api->serverText(), kubeErrorText(response)), result->details});
            return;
        }
        result->summary = QStringLiteral("Kubernetes %1").arg(jsonString(doc, "gitVersion"));
        result->details << QStringLiteral("server: Kubernetes %1").arg(jsonString(doc, "gitVersion"));
        api->call({HttpRequest::Method::Get, QStringLiteral("/api/v1/namespaces"), {}, {}, {}, probeTimeoutMs}, [api, result, done](const HttpResponse &list) {
            api->deleteLater();
            const json namespaces = parseJson(list.body);
            if (list.isSuccess() && namespaces.is_object()) {
                QStringList names;
                for (const json &item : namespaces.value("items", json::array()))
                    names << jsonString(item.value("metadata", json::object()), "name");
                result->details << QStringLiteral("namespaces: %1").arg(names.join(QStringLiteral(", ")));
            } else {
                // Many roles may not list namespaces; the Deployments of the named ones are still readable.
                result->details << QStringLiteral("namespaces: not listed (%1)").arg(kubeErrorText(list));
            }
            result->ok = true;
            done(*result);
        });
    });
}

} // namespace opsdeck
