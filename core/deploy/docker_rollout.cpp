#include "deploy/docker_rollout.h"

#include "deploy/docker_containers.h"
#include "common/json_fields.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace opsdeck {

namespace {

constexpr int pollMs = 500;
// A stop or restart without ?t= waits the container's own stop timeout (Compose's
// stop_grace_period, 10 s by default); the request allows for a long one.
constexpr int stopRequestMs = 130000;

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString shortId(const QString &id)
{
    return id.left(12);
}

} // namespace

QString rolloutActionKey(DockerRolloutRequest::Kind kind)
{
    switch (kind) {
    case DockerRolloutRequest::Kind::Restart: return QStringLiteral("restart");
    case DockerRolloutRequest::Kind::Stop: return QStringLiteral("stop");
    case DockerRolloutRequest::Kind::Start: return QStringLiteral("start");
    case DockerRolloutRequest::Kind::Rollback: return QStringLiteral("rollback");
    }
    return QStringLiteral("restart");
}

namespace {

void dropImageDefaults(nlohmann::json &config, const nlohmann::json &image)
{
    using nlohmann::json;
    for (const char *key : {"Entrypoint", "Cmd", "WorkingDir", "User", "StopSignal", "Healthcheck", "ExposedPorts", "Volumes", "Shell"}) {
        const auto mine = config.find(key);
        const auto theirs = image.find(key);
        if (mine != config.end() && theirs != image.end() && *mine == *theirs)
            config.erase(mine);
    }
    // The image's environment entries go; the ones the container was given stay.
    for (const char *key : {"Env"}) {
        const auto mine = config.find(key);
        const auto theirs = image.find(key);
        if (mine == config.end() || theirs == image.end() || !mine->is_array() || !theirs->is_array())
            continue;
        json kept = json::array();
        for (const json &entry : *mine) {
            if (std::find(theirs->begin(), theirs->end(), entry) == theirs->end())
                kept.push_back(entry);
        }
        *mine = kept;
    }
    const auto labels = config.find("Labels");
    const auto imageLabels = image.find("Labels");
    if (labels != config.end() && labels->is_object() && imageLabels != image.end() && imageLabels->is_object()) {
        for (const auto &[key, value] : imageLabels->items()) {
            const auto it = labels->find(key);
            if (it != labels->end() && *it == value)
                labels->erase(it);
        }
    }
}

} // namespace

QByteArray dockerRecreateBody(const QByteArray &containerInspection, const QByteArray &imageInspection, const QString &image,
                              QString *error)
{
    using nlohmann::json;
    try {
        const json old = json::parse(containerInspection.constBegin(), containerInspection.constEnd());
        json config = old.value("Config", json::object());
        const json hostConfig = old.value("HostConfig", json::object());
        if (!config.is_object() || !hostConfig.is_object()) {
            *error = QStringLiteral("the container's inspection has no Config or HostConfig");
            return {};
        }
        // What the old image brought (its entrypoint, its environment, its labels
        // with its version among them) is the old image's, not the container's:
        // dropped, so that the new image brings its own, as `compose up` would.
        if (!imageInspection.isEmpty()) {
            const json oldImage = json::parse(imageInspection.constBegin(), imageInspection.constEnd());
            const json imageConfig = oldImage.value("Config", json::object());
            if (imageConfig.is_object())
                dropImageDefaults(config, imageConfig);
        }
        config["Image"] = image.toStdString();
        // On the host's network (or another container's) the engine refuses a hostname of the container's own.
        const std::string mode = hostConfig.value("NetworkMode", std::string());
        if (mode == "host" || mode.rfind("container:", 0) == 0) {
            config.erase("Hostname");
            config.erase("Domainname");
        }
        json body = config;
        body["HostConfig"] = hostConfig;
        json endpoints = json::object();
        const json networks = old.value("NetworkSettings", json::object()).value("Networks", json::object());
        if (networks.is_object()) {
            for (const auto &[name, settings] : networks.items()) {
                json endpoint = json::object();
                for (const char *key : {"IPAMConfig", "Links", "Aliases", "DriverOpts"}) {
                    if (settings.is_object() && settings.contains(key) && !settings[key].is_null())
                        endpoint[key] = settings[key];
                }
                endpoints[name] = endpoint;
            }
        }
        body["NetworkingConfig"] = json{{"EndpointsConfig", endpoints}};
        const std::string text = body.dump();
        return QByteArray(text.data(), qsizetype(text.size()));
    } catch (const json::exception &e) {
        *error = QStringLiteral("the container's inspection is not valid JSON: %1").arg(QString::fromUtf8(e.what()));
        return {};
    }
}

DockerRollout::DockerRollout(HttpClient *http, const DockerEndpoint &endpoint, const QString &apiVersion, AuditLog audit,
                             const AuditActor &actor, bool readOnly, DockerRolloutRequest request, QObject *parent)
    : QObject(parent),
      m_http(http),
      m_endpoint(endpoint),
      m_apiVersion(apiVersion),
      m_audit(std::move(audit), actor, QStringLiteral("deploy-") + rolloutActionKey(request.kind),
              request.environment + u':' + request.deployment),
      m_readOnly(readOnly),
      m_request(std::move(request))
{
    qRegisterMetaType<opsdeck::DockerRolloutResult>();
    connect(m_http, &HttpClient::finished, this, &DockerRollout::onFinished);
}

DockerRollout::~DockerRollout()
{
    if (m_http) {
        for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it)
            m_http->cancel(it.key());
    }
}

QStringList DockerRollout::plan(const DockerRolloutRequest &request, const QList<DockerContainer> &replicas)
{
    QStringList lines;
    for (const DockerContainer &c : replicas) {
        switch (request.kind) {
        case DockerRolloutRequest::Kind::Restart:
            lines << QStringLiteral("restart %1, then wait until it is healthy").arg(c.name);
            break;
        case DockerRolloutRequest::Kind::Stop:
            lines << QStringLiteral("stop %1").arg(c.name);
            break;
        case DockerRolloutRequest::Kind::Start:
            lines << QStringLiteral("start %1").arg(c.name);
            break;
        case DockerRolloutRequest::Kind::Rollback:
            lines << QStringLiteral("re-create %1 from %2 (now %3), same configuration; wait until it is healthy")
                         .arg(c.name, request.toImage, c.image);
            break;
        }
    }
    if (request.kind == DockerRolloutRequest::Kind::Rollback)
        lines << QStringLiteral("if a new replica is not healthy in time, every replaced one is put back on %1").arg(request.fromImage);
    return lines;
}

void DockerRollout::start()
{
    if (m_readOnly) {
        refuse(QStringLiteral("profile %1 is read-only: %2 refused").arg(m_request.environment, rolloutActionKey(m_request.kind)));
        return;
    }
    if (m_request.replicas.isEmpty()) {
        refuse(QStringLiteral("%1 has no container to %2").arg(m_request.deployment, rolloutActionKey(m_request.kind)));
        return;
    }
    if (m_request.kind == DockerRolloutRequest::Kind::Rollback && m_request.toImage.isEmpty()) {
        refuse(QStringLiteral("a rollback needs the image to go back to"));
        return;
    }
    QJsonObject &p = m_audit.parameters();
    p.insert(QStringLiteral("replicas"), QJsonArray::fromStringList(m_request.replicas));
    if (!m_request.reason.isEmpty())
        p.insert(QStringLiteral("reason"), m_request.reason);
    if (m_request.kind == DockerRolloutRequest::Kind::Rollback) {
        p.insert(QStringLiteral("from"), m_request.fromImage);
        p.insert(QStringLiteral("to"), m_request.toImage);
    }
    if (const QString error = m_audit.intent(); !error.isEmpty()) {
        refuse(QStringLiteral("not done: the audit log cannot be written (%1)").arg(error));
        return;
    }
    next();
}

void DockerRollout::refuse(const QString &message)
{
    m_done = true;  // nothing was sent: no intent, so no outcome either
    Q_EMIT finished({false, message, false});
}

void DockerRollout::call(HttpRequest::Method method, const QString &pathAndQuery, const QByteArray &body, int timeoutMs, Continuation then)
{
    if (!m_http) {
        finish(false, QStringLiteral("the HTTP client went away"));
        return;
    }
    HttpRequest r = dockerRequest(m_endpoint, m_apiVersion, pathAndQuery);
    r.method = method;
    r.body = body;
    if (method == HttpRequest::Method::Post)
        r.contentType = QByteArrayLiteral("application/json");
    r.totalTimeoutMs = timeoutMs;
    r.connectTimeoutMs = 3000;
    r.lowSpeedSeconds = timeoutMs / 1000;  // a stop answers only when the container stopped
    m_waiting.insert(m_http->send(r), std::move(then));
}

void DockerRollout::onFinished(quint64 id, const HttpResponse &response)
{
    const auto it = m_waiting.find(id);
    if (it == m_waiting.end())
        return;
    Continuation then = std::move(it.value());
    m_waiting.erase(it);
    then(response);
}

QString DockerRollout::failure(const QString &what, const HttpResponse &r) const
{
    const QString why = r.transportOk() ? QStringLiteral("HTTP %1: %2").arg(r.status).arg(dockerErrorMessage(r.body)) : r.errorMessage;
    return QStringLiteral("%1: %2").arg(what, why);
}

void DockerRollout::next()
{
    if (m_done)
        return;
    ++m_index;
    if (m_index >= m_request.replicas.size()) {
        if (m_request.kind == DockerRolloutRequest::Kind::Rollback)
            removeOldAndFinish();
        else
            finish(true, QStringLiteral("%1 of %2: %3 done").arg(m_request.replicas.size()).arg(m_request.deployment, rolloutActionKey(m_request.kind)));
        return;
    }
    const QString id = m_request.replicas.at(m_index);
    const QString step = QStringLiteral("%1/%2").arg(m_index + 1).arg(m_request.replicas.size());
    switch (m_request.kind) {
    case DockerRolloutRequest::Kind::Restart:
        Q_EMIT progress(QStringLiteral("%1: restarting %2").arg(step, shortId(id)));
        restartReplica(id);
        break;
    case DockerRolloutRequest::Kind::Stop:
        Q_EMIT progress(QStringLiteral("%1: stopping %2").arg(step, shortId(id)));
        call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/stop").arg(id), {}, stopRequestMs,
             [this, id](const HttpResponse &r) {
                 // 304: it was stopped already.
                 if (r.isSuccess() || r.status == 304)
                     next();
                 else
                     finish(false, failure(QStringLiteral("cannot stop %1").arg(shortId(id)), r));
             });
        break;
    case DockerRolloutRequest::Kind::Start:
        Q_EMIT progress(QStringLiteral("%1: starting %2").arg(step, shortId(id)));
        call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/start").arg(id), {}, 30000, [this, id](const HttpResponse &r) {
            if (!r.isSuccess() && r.status != 304) {
                finish(false, failure(QStringLiteral("cannot start %1").arg(shortId(id)), r));
                return;
            }
            waitHealthy(id, -1, [this, id](bool healthy, const QString &why) {
                if (healthy)
                    next();
                else
                    finish(false, QStringLiteral("%1 started but is not healthy: %2").arg(shortId(id), why));
            });
        });
        break;
    case DockerRolloutRequest::Kind::Rollback:
        Q_EMIT progress(QStringLiteral("%1: re-creating %2 from %3").arg(step, shortId(id), m_request.toImage));
        rollbackReplica(id);
        break;
    }
}

void DockerRollout::restartReplica(const QString &id)
{
    call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/restart").arg(id), {}, stopRequestMs,
         [this, id](const HttpResponse &r) {
             if (!r.isSuccess()) {
                 finish(false, failure(QStringLiteral("cannot restart %1").arg(shortId(id)), r));
                 return;
             }
             waitHealthy(id, -1, [this, id](bool healthy, const QString &why) {
                 if (healthy) {
                     next();
                     return;
                 }
                 const int left = int(m_request.replicas.size()) - m_index - 1;
                 finish(false, QStringLiteral("%1 is not healthy after its restart: %2%3")
                                   .arg(shortId(id), why,
                                        left > 0 ? QStringLiteral("; the %1 other replica(s) were not restarted").arg(left) : QString()));
             });
         });
}

void DockerRollout::waitHealthy(const QString &id, qint64 windowMs, std::function<void(bool, QString)> done)
{
    // The window comes from the container's own health check, read once it was (re)started.
    call(HttpRequest::Method::Get, QStringLiteral("/containers/%1/json").arg(id), {}, 10000, [this, id, windowMs, done](const HttpResponse &r) {
        const DockerContainerInspection i = parseDockerContainerInspection(r.body);
        if (!r.isSuccess() || !i.ok) {
            done(false, failure(QStringLiteral("cannot inspect %1").arg(shortId(id)), r));
            return;
        }
        const qint64 window = windowMs >= 0 ? windowMs : (i.container.healthWindowMs > 0 ? i.container.healthWindowMs : m_request.settleMs);
        pollHealth(id, now() + window + m_request.healthMarginMs, 0, done);
    });
}

void DockerRollout::pollHealth(const QString &id, qint64 deadline, qint64 runningSince, std::function<void(bool, QString)> done)
{
    call(HttpRequest::Method::Get, QStringLiteral("/containers/%1/json").arg(id), {}, 10000,
         [this, id, deadline, runningSince, done](const HttpResponse &r) {
             const DockerContainerInspection i = parseDockerContainerInspection(r.body);
             if (!r.isSuccess() || !i.ok) {
                 done(false, failure(QStringLiteral("cannot inspect %1").arg(shortId(id)), r));
                 return;
             }
             const DockerContainer &c = i.container;
             if (c.state == u"exited" || c.state == u"dead") {
                 done(false, QStringLiteral("it exited with code %1").arg(c.exitCode));
                 return;
             }
             if (c.health == u"unhealthy") {
                 done(false, c.healthOutput.isEmpty() ? QStringLiteral("its health check failed")
                                                      : QStringLiteral("its health check failed: %1").arg(c.healthOutput.section(u'\n', 0, 0)));
                 return;
             }
             const bool hasCheck = c.healthWindowMs > 0;
             qint64 since = runningSince;
             if (c.isRunning() && c.state != u"restarting") {
                 if (hasCheck && c.health == u"healthy") {
                     done(true, {});
                     return;
                 }
                 if (!since)
                     since = now();
                 if (!hasCheck && now() - since >= m_request.settleMs) {
                     done(true, {});
                     return;
                 }
             } else {
                 since = 0;  // a restart loop starts the count again
             }
             if (now() >= deadline) {
                 done(false, hasCheck ? QStringLiteral("not healthy in time (health: %1)").arg(c.health.isEmpty() ? c.state : c.health)
                                      : QStringLiteral("not running steadily in time (%1)").arg(c.state));
                 return;
             }
             QTimer::singleShot(pollMs, this, [this, id, deadline, since, done] { pollHealth(id, deadline, since, done); });
         });
}

// A rollback of one replica, step by step: read its configuration, keep the old
// container under another name, stop it, create and start the new one, wait
// for it to be healthy. A failure at any step puts back every replica replaced.
void DockerRollout::rollbackReplica(const QString &id)
{
    m_current = Replaced{};
    m_current.oldId = id;
    call(HttpRequest::Method::Get, QStringLiteral("/containers/%1/json").arg(id), {}, 10000, [this, id](const HttpResponse &inspected) {
        const DockerContainerInspection i = parseDockerContainerInspection(inspected.body);
        if (!inspected.isSuccess() || !i.ok) {
            putBack(failure(QStringLiteral("cannot inspect %1").arg(shortId(id)), inspected));
            return;
        }
        m_current.name = i.container.name;
        const QByteArray containerJson = inspected.body;
        call(HttpRequest::Method::Get, QStringLiteral("/images/%1/json").arg(i.container.imageId), {}, 10000,
             [this, containerJson](const HttpResponse &image) {
                 QString error;
                 // An image deleted since is no reason to stop: its labels are then left as they are.
                 const QByteArray body = dockerRecreateBody(containerJson, image.isSuccess() ? image.body : QByteArray(), m_request.toImage, &error);
                 if (body.isEmpty())
                     putBack(error);
                 else
                     keepOld(body);
             });
    });
}

void DockerRollout::keepOld(const QByteArray &createBody)
{
    const QString keptName = m_current.name + QStringLiteral("-opsdeck-previous");
    call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/rename?name=%2").arg(m_current.oldId, keptName), {}, 10000,
         [this, createBody](const HttpResponse &renamed) {
             if (!renamed.isSuccess()) {
                 putBack(failure(QStringLiteral("cannot rename %1").arg(m_current.name), renamed));
                 return;
             }
             m_replaced.append(m_current);  // from here on, putting back means renaming it back
             call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/stop").arg(m_current.oldId), {}, stopRequestMs, [this, createBody](const HttpResponse &stopped) {
                      if (!stopped.isSuccess() && stopped.status != 304)
                          putBack(failure(QStringLiteral("cannot stop %1").arg(m_current.name), stopped));
                      else
                          createNew(createBody);
                  });
         });
}

void DockerRollout::createNew(const QByteArray &createBody)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("name"), m_current.name);
    call(HttpRequest::Method::Post, QStringLiteral("/containers/create?") + query.toString(QUrl::FullyEncoded), createBody, 30000,
         [this](const HttpResponse &created) {
             const QString newId = QJsonDocument::fromJson(created.body).object().value(QStringLiteral("Id")).toString();
             if (!created.isSuccess() || newId.isEmpty()) {
                 putBack(failure(QStringLiteral("cannot create %1 from %2").arg(m_current.name, m_request.toImage), created));
                 return;
             }
             m_replaced.last().newId = newId;
             call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/start").arg(newId), {}, 30000, [this, newId](const HttpResponse &started) {
                 if (!started.isSuccess()) {
                     putBack(failure(QStringLiteral("cannot start the new %1").arg(m_current.name), started));
                     return;
                 }
                 waitHealthy(newId, -1, [this](bool healthy, const QString &why) {
                     if (healthy)
                         next();
                     else
                         putBack(QStringLiteral("the new %1 on %2 is not healthy: %3").arg(m_current.name, m_request.toImage, why));
                 });
             });
         });
}

void DockerRollout::putBack(const QString &why)
{
    if (m_replaced.isEmpty()) {
        finish(false, why);
        return;
    }
    // Newest first: remove the new container, give the old one its name back, start it.
    const Replaced r = m_replaced.takeLast();
    Q_EMIT progress(QStringLiteral("putting back %1").arg(r.name));
    auto restoreOld = [this, r, why] {
        call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/rename?name=%2").arg(r.oldId, r.name), {}, 10000,
             [this, r, why](const HttpResponse &renamed) {
                 if (!renamed.isSuccess()) {
                     finish(false, QStringLiteral("%1; putting back failed too: %2").arg(why, failure(QStringLiteral("cannot rename %1 back").arg(r.name), renamed)));
                     return;
                 }
                 call(HttpRequest::Method::Post, QStringLiteral("/containers/%1/start").arg(r.oldId), {}, 30000, [this, r, why](const HttpResponse &started) {
                     if (!started.isSuccess() && started.status != 304) {
                         finish(false, QStringLiteral("%1; putting back failed too: %2").arg(why, failure(QStringLiteral("cannot start %1").arg(r.name), started)));
                         return;
                     }
                     if (m_replaced.isEmpty())
                         finish(false, QStringLiteral("%1; put back %2").arg(why, m_request.fromImage.isEmpty() ? QStringLiteral("what ran before") : m_request.fromImage), true);
                     else
                         putBack(why);
                 });
             });
    };
    if (r.newId.isEmpty()) {
        restoreOld();
        return;
    }
    call(HttpRequest::Method::Delete, QStringLiteral("/containers/%1?force=1").arg(r.newId), {}, 30000, [this, r, why, restoreOld](const HttpResponse &removed) {
        if (!removed.isSuccess() && removed.status != 404) {
            finish(false, QStringLiteral("%1; putting back failed too: %2").arg(why, failure(QStringLiteral("cannot remove the new %1").arg(r.name), removed)));
            return;
        }
        restoreOld();
    });
}

void DockerRollout::removeOldAndFinish()
{
    if (m_replaced.isEmpty()) {
        finish(true, QStringLiteral("%1 rolled back to %2 (%3 replicas)").arg(m_request.deployment, m_request.toImage).arg(m_request.replicas.size()));
        return;
    }
    const Replaced r = m_replaced.takeFirst();
    call(HttpRequest::Method::Delete, QStringLiteral("/containers/%1").arg(r.oldId), {}, 30000, [this](const HttpResponse &) {
        // A previous container that cannot be removed is left, stopped, under its -opsdeck-previous name: no reason to fail.
        removeOldAndFinish();
    });
}

void DockerRollout::finish(bool ok, const QString &message, bool putBackDone)
{
    if (m_done)
        return;
    m_done = true;
    DockerRolloutResult result{ok, message, putBackDone};
    QJsonObject extra;
    if (putBackDone)
        extra.insert(QStringLiteral("put_back"), true);
    if (const QString error = m_audit.outcome(ok ? QStringLiteral("ok") : QStringLiteral("failed"), ok ? QString() : message, extra);
        !error.isEmpty())
        result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(error);
    Q_EMIT finished(result);
}

} // namespace opsdeck
