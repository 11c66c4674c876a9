#include "kube/kube_watcher.h"

#include "common/logging.h"

#include <QDateTime>
#include <QTimer>

namespace opsdeck {

namespace {

constexpr int listPageSize = 500;
constexpr int maxBackoffMs = 30000;

bool inScope(const QString &key, const QString &nameSpace)
{
    return nameSpace.isEmpty() || key.startsWith(nameSpace + u'/');
}

} // namespace

struct KubeWatcher::Informer {
    KubeKind kind = KubeKind::Deployment;
    QString nameSpace;  // empty: every namespace
    QString resource;   // deployments, replicasets
    QString resourceVersion;
    QString continueToken;
    QSet<QString> seenInList;
    bool listed = false;
    bool watching = false;
    quint64 handle = 0;
    LineSplitter lines{16 * 1024 * 1024};
    QTimer *retry = nullptr;
    int backoffMs = 1000;
    QString error;
};

KubeWatcher::KubeWatcher(KubeApi *api, const QString &environment, const QStringList &namespaces, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_namespaces(namespaces)
    , m_publish(new QTimer(this))
{
    m_snapshot.environment = environment;
    m_snapshot.context = api->target().contextName;
    m_snapshot.server = api->serverText();
    m_snapshot.insecure = api->target().cluster.insecure;
    m_publish->setSingleShot(true);
    m_publish->setInterval(publishDelayMs);
    connect(m_publish, &QTimer::timeout, this, [this] { publishNow(); });

    const QStringList scopes = namespaces.isEmpty() ? QStringList{QString()} : namespaces;
    for (const QString &ns : scopes) {
        for (KubeKind kind : {KubeKind::Deployment, KubeKind::ReplicaSet}) {
            auto informer = std::make_unique<Informer>();
            informer->kind = kind;
            informer->nameSpace = ns;
            informer->resource = kind == KubeKind::Deployment ? QStringLiteral("deployments") : QStringLiteral("replicasets");
            informer->retry = new QTimer(this);
            informer->retry->setSingleShot(true);
            Informer *raw = informer.get();
            connect(informer->retry, &QTimer::timeout, this, [this, raw] {
                if (raw->listed && !raw->resourceVersion.isEmpty())
                    watch(*raw);  // resume where the stream dropped
                else
                    list(*raw);
            });
            m_informers.push_back(std::move(informer));
        }
    }
}

KubeWatcher::~KubeWatcher()
{
    stop();
}

void KubeWatcher::start()
{
    if (m_running)
        return;
    m_running = true;
    for (auto &informer : m_informers)
        list(*informer);
}

void KubeWatcher::stop()
{
    m_running = false;
    for (auto &informer : m_informers) {
        informer->retry->stop();
        if (informer->handle && m_api)
            m_api->cancel(informer->handle);
        informer->handle = 0;
        informer->watching = false;
    }
}

bool KubeWatcher::settled() const
{
    for (const auto &informer : m_informers) {
        if (!informer->listed || !informer->watching)
            return false;
    }
    return !m_publish->isActive() && m_dirty.isEmpty();
}

const KubeDeployment *KubeWatcher::deployment(const QString &key) const
{
    const auto it = m_deployments.constFind(key);
    return it == m_deployments.cend() ? nullptr : &*it;
}

QList<KubeReplicaSet> KubeWatcher::replicaSetsOf(const KubeDeployment &deployment) const
{
    QList<KubeReplicaSet> out;
    for (const QString &key : m_replicaSetsByOwner.value(deployment.uid))
        out << m_replicaSets.value(key);
    return out;
}

QList<KubeRevision> KubeWatcher::revisions(const QString &key) const
{
    const KubeDeployment *d = deployment(key);
    return d ? kubeRevisions(*d, replicaSetsOf(*d)) : QList<KubeRevision>();
}

void KubeWatcher::list(Informer &informer)
{
    if (!m_running || !m_api)
        return;
    informer.watching = false;
    KubeCall call;
    call.path = kubeAppsPath(informer.nameSpace, informer.resource);
    call.query.addQueryItem(QStringLiteral("limit"), QString::number(listPageSize));
    if (!informer.continueToken.isEmpty())
        call.query.addQueryItem(QStringLiteral("continue"), informer.continueToken);
    else
        informer.seenInList.clear();
    call.timeoutMs = 60000;
    ++m_listsMade;
    Informer *raw = &informer;
    informer.handle = m_api->call(call, [this, raw](const HttpResponse &r) { onListPage(*raw, r); });
}

void KubeWatcher::onListPage(Informer &informer, const HttpResponse &response)
{
    informer.handle = 0;
    if (!response.isSuccess()) {
        informer.continueToken.clear();
        // A continue token the server no longer keeps: list again from the start.
        retryLater(informer, QStringLiteral("listing %1: %2").arg(informer.resource, kubeErrorText(response)));
        return;
    }
    QString error;
    QString resourceVersion, continueToken;
    if (informer.kind == KubeKind::Deployment) {
        const auto page = parseKubeDeploymentList(response.body);
        error = page.error;
        for (const KubeDeployment &d : page.items) {
            informer.seenInList.insert(d.key());
            upsertDeployment(d);
        }
        resourceVersion = page.resourceVersion;
        continueToken = page.continueToken;
    } else {
        const auto page = parseKubeReplicaSetList(response.body);
        error = page.error;
        for (const KubeReplicaSet &rs : page.items) {
            informer.seenInList.insert(rs.nameSpace + u'/' + rs.name);
            upsertReplicaSet(rs);
        }
        resourceVersion = page.resourceVersion;
        continueToken = page.continueToken;
    }
    if (!error.isEmpty()) {
        informer.continueToken.clear();
        retryLater(informer, QStringLiteral("listing %1: %2").arg(informer.resource, error));
        return;
    }
    if (!continueToken.isEmpty()) {
        informer.continueToken = continueToken;
        list(informer);
        return;
    }
    informer.continueToken.clear();
    // What the list no longer holds went away while we were not watching.
    const QStringList known = informer.kind == KubeKind::Deployment ? m_deployments.keys() : m_replicaSets.keys();
    for (const QString &key : known) {
        if (inScope(key, informer.nameSpace) && !informer.seenInList.contains(key)) {
            if (informer.kind == KubeKind::Deployment)
                removeDeployment(key);
            else
                removeReplicaSet(key);
        }
    }
    informer.seenInList.clear();
    informer.resourceVersion = resourceVersion;
    informer.listed = true;
    informer.error.clear();
    informer.backoffMs = 1000;
    m_snapshot.listedMs = QDateTime::currentMSecsSinceEpoch();
    watch(informer);
    schedulePublish();
}

void KubeWatcher::watch(Informer &informer)
{
    if (!m_running || !m_api)
        return;
    KubeCall call;
    call.path = kubeAppsPath(informer.nameSpace, informer.resource);
    call.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    call.query.addQueryItem(QStringLiteral("resourceVersion"), informer.resourceVersion);
    call.query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    call.query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(m_watchTimeoutSeconds));
    informer.lines = LineSplitter(16 * 1024 * 1024);
    informer.watching = true;
    Informer *raw = &informer;
    informer.handle = m_api->stream(
        call,
        [this, raw] {
            // Following again: what failed before is over.
            raw->error.clear();
            raw->backoffMs = 1000;
            updateConnection();
            Q_EMIT changed();
        },
        [this, raw](const QByteArray &bytes) { onWatchBytes(*raw, bytes); },
        [this, raw](const HttpResponse &r) { onWatchEnded(*raw, r); });
    updateConnection();
}

void KubeWatcher::onWatchBytes(Informer &informer, const QByteArray &bytes)
{
    for (const QByteArray &line : informer.lines.feed(bytes)) {
        if (line.trimmed().isEmpty())
            continue;
        applyEvent(informer, parseKubeWatchEvent(line, informer.kind));
        if (!informer.watching)
            return;  // a 410 started a list
    }
}

void KubeWatcher::applyEvent(Informer &informer, const KubeWatchEvent &event)
{
    using Type = KubeWatchEvent::Type;
    switch (event.type) {
    case Type::Error:
        if (event.status.code == 410) {
            // The version we resume from is gone: start over from a fresh list.
            logInfo(QStringLiteral("kubernetes: the watch of %1 expired (%2); listing again").arg(informer.resource, event.status.message));
            if (informer.handle && m_api)
                m_api->cancel(informer.handle);
            informer.handle = 0;
            informer.resourceVersion.clear();
            list(informer);
        } else {
            logWarn(QStringLiteral("kubernetes: the watch of %1 said %2 %3").arg(informer.resource).arg(event.status.code).arg(event.status.message));
        }
        return;
    case Type::Unknown:
        logWarn(QStringLiteral("kubernetes: the watch of %1: %2").arg(informer.resource, event.status.message));
        return;
    case Type::Bookmark:
        break;
    case Type::Added:
    case Type::Modified:
        if (event.deployment)
            upsertDeployment(*event.deployment);
        if (event.replicaSet)
            upsertReplicaSet(*event.replicaSet);
        break;
    case Type::Deleted:
        if (event.deployment)
            removeDeployment(event.deployment->key());
        if (event.replicaSet)
            removeReplicaSet(event.replicaSet->nameSpace + u'/' + event.replicaSet->name);
        break;
    }
    if (!event.resourceVersion.isEmpty())
        informer.resourceVersion = event.resourceVersion;
    ++m_eventsApplied;
    schedulePublish();
}

void KubeWatcher::onWatchEnded(Informer &informer, const HttpResponse &response)
{
    informer.handle = 0;
    informer.watching = false;
    if (!m_running)
        return;
    if (const auto last = informer.lines.flush(); last && !last->trimmed().isEmpty())
        applyEvent(informer, parseKubeWatchEvent(*last, informer.kind));
    if (informer.handle)
        return;  // the last line was a 410 and a list is out
    if (response.isSuccess()) {
        watch(informer);  // the server's timeout: go on from the last version
        return;
    }
    if (response.transportOk() && response.status == 410) {
        informer.resourceVersion.clear();
        list(informer);
        return;
    }
    retryLater(informer, QStringLiteral("watching %1: %2").arg(informer.resource, kubeErrorText(response)));
}

void KubeWatcher::retryLater(Informer &informer, const QString &error)
{
    informer.watching = false;
    informer.error = error;
    logWarn(QStringLiteral("kubernetes %1: %2; retrying in %3 ms").arg(m_snapshot.context, error).arg(informer.backoffMs));
    informer.retry->start(informer.backoffMs);
    informer.backoffMs = std::min(informer.backoffMs * 2, maxBackoffMs);
    updateConnection();
    Q_EMIT changed();
}

void KubeWatcher::updateConnection()
{
    QString error;
    bool allLive = true;
    for (const auto &informer : m_informers) {
        if (!informer->error.isEmpty() && error.isEmpty())
            error = informer->error;
        if (!informer->listed || !informer->watching)
            allLive = false;
    }
    m_snapshot.error = error;
    if (allLive && error.isEmpty())
        m_snapshot.connection = KubeSnapshot::Connection::Live;
    else if (!error.isEmpty())
        m_snapshot.connection = KubeSnapshot::Connection::Unavailable;
    else
        m_snapshot.connection = KubeSnapshot::Connection::Connecting;
}

void KubeWatcher::upsertDeployment(const KubeDeployment &d)
{
    const QString key = d.key();
    const auto previous = m_deployments.constFind(key);
    if (previous != m_deployments.cend()) {
        const KubeDeployment &before = *previous;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (before.revision > 0 && d.revision > before.revision && before.images != d.images) {
            recordChange(DeployChange{DeployChange::Kind::Deploy, now, m_snapshot.environment, key,
                                      before.images.value(0), d.images.value(0), {}});
        } else if (d.restartedAt != before.restartedAt && !d.restartedAt.isEmpty()) {
            recordChange(DeployChange{DeployChange::Kind::Restart, now, m_snapshot.environment, key, {}, d.images.value(0), {}});
        }
        if (before.uid != d.uid)
            m_deploymentByUid.remove(before.uid);
    }
    m_deploymentByUid.insert(d.uid, key);
    m_deployments.insert(key, d);
    m_dirty.insert(key);
}

void KubeWatcher::removeDeployment(const QString &key)
{
    const auto it = m_deployments.constFind(key);
    if (it == m_deployments.cend())
        return;
    m_deploymentByUid.remove(it->uid);
    m_deployments.erase(it);
    m_dirty.insert(key);
}

void KubeWatcher::upsertReplicaSet(const KubeReplicaSet &rs)
{
    const QString key = rs.nameSpace + u'/' + rs.name;
    const auto previous = m_replicaSets.constFind(key);
    if (previous != m_replicaSets.cend() && previous->ownerUid != rs.ownerUid)
        m_replicaSetsByOwner[previous->ownerUid].remove(key);
    m_replicaSets.insert(key, rs);
    if (!rs.ownerUid.isEmpty()) {
        m_replicaSetsByOwner[rs.ownerUid].insert(key);
        if (const QString owner = m_deploymentByUid.value(rs.ownerUid); !owner.isEmpty())
            m_dirty.insert(owner);
    }
}

void KubeWatcher::removeReplicaSet(const QString &key)
{
    const auto it = m_replicaSets.constFind(key);
    if (it == m_replicaSets.cend())
        return;
    auto owned = m_replicaSetsByOwner.find(it->ownerUid);
    if (owned != m_replicaSetsByOwner.end()) {
        owned->remove(key);
        if (owned->isEmpty())
            m_replicaSetsByOwner.erase(owned);
    }
    if (const QString owner = m_deploymentByUid.value(it->ownerUid); !owner.isEmpty())
        m_dirty.insert(owner);
    m_replicaSets.erase(it);
}

void KubeWatcher::recordChange(const DeployChange &change)
{
    m_history.append(change);
    if (m_historyLog) {
        if (const QString error = m_historyLog->append(change); !error.isEmpty())
            logWarn(QStringLiteral("deploy history: %1").arg(error));
    }
    if (m_history.size() > historyLimit)
        m_history.remove(0, m_history.size() - historyLimit);
    Q_EMIT deployChanged(change);
}

void KubeWatcher::setHistoryLog(const QString &path)
{
    m_historyLog.emplace(path);
    m_history = m_historyLog->read(m_snapshot.environment, historyLimit);
}

void KubeWatcher::schedulePublish()
{
    if (!m_publish->isActive())
        m_publish->start();
}

int KubeWatcher::publishNow()
{
    m_publish->stop();
    const int recomputed = int(m_dirty.size());
    for (const QString &key : std::as_const(m_dirty)) {
        const auto d = m_deployments.constFind(key);
        if (d == m_deployments.cend())
            m_rows.remove(key);
        else
            m_rows.insert(key, kubeDeploymentRow(*d, m_snapshot.environment));
    }
    m_dirty.clear();
    m_snapshot.deployments = m_rows.values();  // in name order, no sort per batch
    updateConnection();
    Q_EMIT changed();
    return recomputed;
}

void KubeWatcher::applyLinesForTest(KubeKind kind, const QList<QByteArray> &lines)
{
    for (auto &informer : m_informers) {
        if (informer->kind != kind)
            continue;
        for (const QByteArray &line : lines)
            applyEvent(*informer, parseKubeWatchEvent(line, kind));
        return;
    }
}

} // namespace opsdeck
