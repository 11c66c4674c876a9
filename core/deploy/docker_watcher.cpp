#include "deploy/docker_watcher.h"

#include "common/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

namespace opsdeck {

namespace {

constexpr int publishDelayMs = 30;
constexpr int maxBackoffMs = 30000;

// "1.41" < "1.52" < "1.100".
int compareApiVersions(const QString &a, const QString &b)
{
    const int majorA = a.section(u'.', 0, 0).toInt(), majorB = b.section(u'.', 0, 0).toInt();
    if (majorA != majorB)
        return majorA < majorB ? -1 : 1;
    const int minorA = a.section(u'.', 1, 1).toInt(), minorB = b.section(u'.', 1, 1).toInt();
    return minorA == minorB ? 0 : (minorA < minorB ? -1 : 1);
}

QString describe(const HttpResponse &r)
{
    if (!r.transportOk())
        return r.errorMessage;
    return QStringLiteral("HTTP %1: %2").arg(r.status).arg(dockerErrorMessage(r.body));
}

// The list leaves out what only an inspection says; an inspection leaves out the ports and the status text.
DockerContainer merged(const DockerContainer &listed, const DockerContainer *inspected)
{
    if (!inspected)
        return listed;
    DockerContainer c = *inspected;
    c.ports = listed.ports;
    c.statusText = listed.statusText;
    if (c.digest.isEmpty())
        c.digest = listed.digest;
    if (c.image.isEmpty())
        c.image = listed.image;
    return c;
}

} // namespace

DockerWatcher::DockerWatcher(HttpClient *http, const DockerEndpoint &endpoint, const QString &environment, QObject *parent)
    : QObject(parent), m_http(http), m_endpoint(endpoint), m_retry(new QTimer(this)), m_publish(new QTimer(this))
{
    m_snapshot.environment = environment;
    m_snapshot.host = endpoint.host;
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &DockerWatcher::connectEngine);
    m_publish->setSingleShot(true);
    m_publish->setInterval(publishDelayMs);
    connect(m_publish, &QTimer::timeout, this, &DockerWatcher::publish);
    connect(m_http, &HttpClient::finished, this, &DockerWatcher::onFinished);
    connect(m_http, &HttpClient::streamOpened, this, &DockerWatcher::onStreamOpened);
    connect(m_http, &HttpClient::received, this, &DockerWatcher::onReceived);
}

DockerWatcher::~DockerWatcher()
{
    stop();
}

bool DockerWatcher::settled() const
{
    return m_snapshot.connection == DockerSnapshot::Connection::Live && m_inspecting.isEmpty() && !m_publish->isActive();
}

void DockerWatcher::start()
{
    if (m_running)
        return;
    m_running = true;
    connectEngine();
}

void DockerWatcher::stop()
{
    m_running = false;
    m_retry->stop();
    if (m_http) {
        if (m_pending)
            m_http->cancel(m_pending);
        if (m_eventsId)
            m_http->cancel(m_eventsId);
        for (auto it = m_inspecting.cbegin(); it != m_inspecting.cend(); ++it)
            m_http->cancel(it.key());
    }
    m_pending = m_eventsId = 0;
    m_inspecting.clear();
    m_step = Step::Idle;
}

quint64 DockerWatcher::send(const QString &pathAndQuery, int timeoutMs, bool stream)
{
    HttpRequest r = dockerRequest(m_endpoint, m_step == Step::Ping || m_step == Step::Version ? QString() : m_snapshot.apiVersion,
                                  pathAndQuery);
    r.totalTimeoutMs = timeoutMs;
    r.connectTimeoutMs = std::min(timeoutMs, 3000);
    r.maxBodyBytes = 64 * 1024 * 1024;  // a list of thousands of containers with their labels
    r.stream = stream;
    return m_http->send(r);
}

void DockerWatcher::connectEngine()
{
    if (!m_running || !m_http)
        return;
    m_step = Step::Ping;
    m_pending = send(QStringLiteral("/_ping"), 5000);
}

void DockerWatcher::onFinished(quint64 id, const HttpResponse &response)
{
    if (id == m_eventsId) {
        m_eventsId = 0;
        onEventsEnded(response);
        return;
    }
    if (const auto it = m_inspecting.constFind(id); it != m_inspecting.cend()) {
        const QString container = it.value();
        m_inspecting.erase(it);
        onInspect(container, response);
        return;
    }
    if (id != m_pending || id == 0)
        return;
    m_pending = 0;
    switch (m_step) {
    case Step::Ping: onPing(response); break;
    case Step::Version: onVersion(response); break;
    case Step::List: onList(response); break;
    case Step::Events:
    case Step::Idle: break;
    }
}

void DockerWatcher::onPing(const HttpResponse &r)
{
    if (!r.isSuccess()) {
        const bool absent = r.error == HttpError::ConnectionRefused || r.error == HttpError::ResolveFailed
                            || r.error == HttpError::ConnectTimeout;
        failed(absent ? DockerSnapshot::Connection::Unavailable : DockerSnapshot::Connection::Connecting,
               QStringLiteral("Docker is not available at %1: %2").arg(m_endpoint.host, describe(r)));
        return;
    }
    m_step = Step::Version;
    m_pending = send(QStringLiteral("/version"), 5000);
}

void DockerWatcher::onVersion(const HttpResponse &r)
{
    const QJsonObject version = QJsonDocument::fromJson(r.body).object();
    const QString api = version.value(QStringLiteral("ApiVersion")).toString();
    if (!r.isSuccess() || api.isEmpty()) {
        failed(DockerSnapshot::Connection::Connecting, QStringLiteral("Docker at %1 did not say its version: %2").arg(m_endpoint.host, describe(r)));
        return;
    }
    if (compareApiVersions(api, minimumApiVersion()) < 0) {
        failed(DockerSnapshot::Connection::Unavailable,
               QStringLiteral("Docker at %1 speaks API %2; Docker 20.10 (API %3) or later is needed").arg(m_endpoint.host, api, minimumApiVersion()));
        return;
    }
    m_snapshot.engineVersion = version.value(QStringLiteral("Version")).toString();
    m_snapshot.apiVersion = compareApiVersions(api, maximumApiVersion()) > 0 ? maximumApiVersion() : api;

    // The stream first, then the list: whatever happens between the two is in the stream.
    m_step = Step::Events;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("filters"), QStringLiteral(R"({"type":["container"]})"));
    // On a reconnection, from the last event seen (the engine keeps its recent
    // ones), so the history misses nothing; the first time, from a day back.
    const qint64 sinceNano = m_lastEventNano ? m_lastEventNano : (QDateTime::currentMSecsSinceEpoch() - 24 * 3600 * 1000LL) * 1000000;
    query.addQueryItem(QStringLiteral("since"), QStringLiteral("%1.%2").arg(sinceNano / 1000000000).arg(sinceNano % 1000000000, 9, 10, QLatin1Char('0')));
    m_eventLines = LineSplitter();
    m_eventsId = send(QStringLiteral("/events?") + query.toString(QUrl::FullyEncoded), 0, true);
}

void DockerWatcher::onStreamOpened(quint64 id)
{
    if (id != m_eventsId || m_step != Step::Events)
        return;
    m_step = Step::List;
    m_touchedDuringList.clear();
    m_pending = send(QStringLiteral("/containers/json?all=1"), 20000);
}

void DockerWatcher::onReceived(quint64 id, const QByteArray &bytes)
{
    if (id != m_eventsId)
        return;
    for (const QByteArray &line : m_eventLines.feed(bytes)) {
        if (line.trimmed().isEmpty())
            continue;
        if (const std::optional<DockerEvent> event = parseDockerEvent(line))
            handleEvent(*event);
    }
}

void DockerWatcher::onList(const HttpResponse &r)
{
    if (!r.isSuccess()) {
        failed(DockerSnapshot::Connection::Connecting, QStringLiteral("cannot list the containers at %1: %2").arg(m_endpoint.host, describe(r)));
        return;
    }
    DockerContainerList list = parseDockerContainerList(r.body);
    if (!list.ok) {
        failed(DockerSnapshot::Connection::Connecting, QStringLiteral("the container list from %1: %2").arg(m_endpoint.host, list.error));
        return;
    }
    QHash<QString, DockerContainer> next;
    next.reserve(list.containers.size());
    for (const DockerContainer &listed : std::as_const(list.containers)) {
        if (m_destroyed.contains(listed.id))
            continue;
        const auto known = m_containers.constFind(listed.id);
        next.insert(listed.id, merged(listed, known != m_containers.cend() && known->inspected ? &*known : nullptr));
    }
    // A container an event announced while the list was out may be newer than the list.
    for (const QString &id : std::as_const(m_touchedDuringList)) {
        if (!next.contains(id) && m_containers.contains(id))
            next.insert(id, m_containers.value(id));
    }
    m_containers = std::move(next);
    noteListedImages();
    m_step = Step::Idle;
    m_backoffMs = 1000;
    m_snapshot.connection = DockerSnapshot::Connection::Live;
    m_snapshot.error.clear();
    m_snapshot.listedMs = QDateTime::currentMSecsSinceEpoch();
    publish();
    // The list leaves out the restart count, the health check's output and the times: ask each.
    const QList<QString> ids = m_containers.keys();
    for (const QString &id : ids)
        inspect(id);
}

void DockerWatcher::inspect(const QString &id)
{
    for (auto it = m_inspecting.cbegin(); it != m_inspecting.cend(); ++it) {
        if (it.value() == id) {
            m_inspectAgain.insert(id);
            return;
        }
    }
    m_inspecting.insert(send(QStringLiteral("/containers/%1/json").arg(id), 10000), id);
}

void DockerWatcher::onInspect(const QString &id, const HttpResponse &r)
{
    if (m_inspectAgain.remove(id) && m_running && m_eventsId) {
        inspect(id);
        return;
    }
    // Published whatever the answer, so that a reader waiting for settled() hears the last one.
    schedulePublish();
    if (r.status == 404) {
        m_containers.remove(id);
        return;
    }
    if (!r.isSuccess() || m_destroyed.contains(id))
        return;  // a failing engine shows in the stream and the list, not per container
    const DockerContainerInspection inspection = parseDockerContainerInspection(r.body);
    if (!inspection.ok)
        return;
    const auto known = m_containers.constFind(id);
    const DockerContainer listed = known != m_containers.cend() ? *known : inspection.container;
    m_containers.insert(id, merged(listed, &inspection.container));
}

void DockerWatcher::handleEvent(const DockerEvent &event)
{
    if (event.type != u"container" && !event.type.isEmpty())
        return;
    if (event.id.isEmpty())
        return;
    m_lastEventNano = std::max(m_lastEventNano, event.timeNano);
    if (m_step == Step::List)
        m_touchedDuringList.insert(event.id);

    const QString key = QStringLiteral("%1/%2/%3").arg(event.timeNano).arg(event.id, event.action);
    if (!m_seenEvents.contains(key)) {
        m_seenEvents.insert(key);
        if (m_seenEvents.size() > 4 * historyLimit)
            m_seenEvents.clear();  // the key only guards a reconnection's replay, which is recent
        DockerContainer labelled;
        labelled.name = event.attributes.value(QStringLiteral("name"));
        labelled.labels = event.attributes;
        const bool oneOff = labelled.oneOff();
        const QString name = deploymentName(labelled);
        const qint64 timeMs = event.timeNano / 1000000;
        if (!oneOff && !name.isEmpty()) {
            if (event.action == u"start")
                noteImage(name, event.attributes.value(QStringLiteral("image")), timeMs);
            else if (event.action == u"restart")
                recordChange({DeployChange::Kind::Restart, timeMs, m_snapshot.environment, name, {}, event.attributes.value(QStringLiteral("image")), {}});
        }
    }

    if (event.action == u"destroy") {
        m_destroyed.insert(event.id);
        if (m_containers.remove(event.id))
            schedulePublish();
        return;
    }
    // The event is a cue; the engine's answer to an inspection is the truth.
    if (!m_destroyed.contains(event.id) && m_step != Step::Ping && m_step != Step::Version)
        inspect(event.id);
}

// What each deployment's newest replica runs, against the image it last started:
// a deploy missed while nobody watched (the console closed, the engine's few
// hundred recent events used up by health checks) is found here.
void DockerWatcher::noteListedImages()
{
    QHash<QString, const DockerContainer *> newest;
    for (auto it = m_containers.cbegin(); it != m_containers.cend(); ++it) {
        const DockerContainer &c = it.value();
        if (c.oneOff() || c.image.isEmpty())
            continue;
        const DockerContainer *&n = newest[deploymentName(c)];
        if (!n || c.createdMs > n->createdMs)
            n = &c;
    }
    for (auto it = newest.cbegin(); it != newest.cend(); ++it)
        noteImage(it.key(), it.value()->image, it.value()->createdMs);
}

void DockerWatcher::noteImage(const QString &name, const QString &image, qint64 timeMs)
{
    if (image.isEmpty())
        return;
    // A replayed event from before what is known already is old news.
    if (timeMs < m_lastImageMs.value(name, 0))
        return;
    const auto last = m_lastImage.constFind(name);
    if (last != m_lastImage.cend() && *last == image)
        return;
    // The first image seen of a deployment starts its history: "runs 1.4.2 since…".
    const QString from = last == m_lastImage.cend() ? QString() : *last;
    m_lastImage.insert(name, image);
    m_lastImageMs.insert(name, timeMs);
    recordChange({DeployChange::Kind::Deploy, timeMs, m_snapshot.environment, name, from, image, {}});
}

void DockerWatcher::recordChange(const DeployChange &change)
{
    // A reconnection replays the engine's recent events: a change read from the log is not news.
    for (qsizetype i = m_history.size() - 1; i >= 0 && i >= m_history.size() - 50; --i) {
        const DeployChange &known = m_history[i];
        if (known.name == change.name && known.kind == change.kind && known.toImage == change.toImage && known.timeMs == change.timeMs)
            return;
    }
    m_history.append(change);
    if (m_historyLog) {
        if (const QString error = m_historyLog->append(change); !error.isEmpty())
            logWarn(QStringLiteral("the deploy history: %1").arg(error));
    }
    if (m_history.size() > historyLimit)
        m_history.remove(0, m_history.size() - historyLimit);
    Q_EMIT deployChanged(change);
}

void DockerWatcher::setHistoryLog(const QString &path)
{
    m_historyLog.emplace(path);
    m_history = m_historyLog->read(m_snapshot.environment, historyLimit);
    for (const DeployChange &c : std::as_const(m_history)) {
        if (c.kind == DeployChange::Kind::Deploy) {
            m_lastImage.insert(c.name, c.toImage);
            m_lastImageMs.insert(c.name, c.timeMs);
        }
    }
}

void DockerWatcher::onEventsEnded(const HttpResponse &r)
{
    if (!m_running)
        return;
    if (m_pending) {
        m_http->cancel(m_pending);
        m_pending = 0;
    }
    const QString why = r.transportOk() && r.status >= 300       ? describe(r)
                        : r.transportOk() || r.error == HttpError::ConnectionClosed ? QStringLiteral("the engine closed the event stream")
                                                                 : r.errorMessage;
    failed(DockerSnapshot::Connection::Connecting, QStringLiteral("lost Docker at %1: %2").arg(m_endpoint.host, why));
}

void DockerWatcher::failed(DockerSnapshot::Connection connection, const QString &error)
{
    if (m_eventsId && m_http) {
        m_http->cancel(m_eventsId);
        m_eventsId = 0;
    }
    m_step = Step::Idle;
    // An engine that is not there is a state, said in the panel; losing one that was there is news.
    const bool news = m_snapshot.error != error || m_snapshot.connection != connection;
    if (news && connection == DockerSnapshot::Connection::Unavailable)
        logInfo(error);
    else if (news)
        logWarn(error);
    m_snapshot.connection = connection;
    m_snapshot.error = error;
    publish();
    retryLater();
}

void DockerWatcher::retryLater()
{
    if (!m_running)
        return;
    m_retry->start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, maxBackoffMs);
}

void DockerWatcher::schedulePublish()
{
    if (!m_publish->isActive())
        m_publish->start();
}

void DockerWatcher::publish()
{
    m_publish->stop();
    m_snapshot.containers = m_containers.values();
    m_snapshot.deployments = groupDockerDeployments(m_snapshot.containers, m_snapshot.environment);
    Q_EMIT changed();
}

} // namespace opsdeck
