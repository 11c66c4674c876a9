#include "deployment_store.h"

#include "deploy/deploy_history.h"
#include "deploy/docker_watcher.h"
#include "kube/kube_connection.h"
#include "deployment_model.h"
#include "net/http_client.h"
#include "version_matrix_model.h"

#include <QFileInfo>
#include <QSet>

namespace opsdeck {

DeploymentStore::DeploymentStore(QObject *parent)
    : QObject(parent), m_http(new HttpClient(this)), m_model(new DeploymentModel(this)), m_matrix(new VersionMatrixModel(this))
{
}

DeploymentStore::~DeploymentStore()
{
    // The watchers cancel their requests on the client, which must outlive them.
    qDeleteAll(m_watchers);
    m_watchers.clear();
    qDeleteAll(m_kube);
    m_kube.clear();
}

QString DeploymentStore::currentProblem() const
{
    QStringList problems;
    if (const QString docker = m_problems.value(m_current); !docker.isEmpty())
        problems << docker;
    if (const QString kube = m_kubeProblems.value(m_current); !kube.isEmpty())
        problems << QStringLiteral("Kubernetes: ") + kube;
    return problems.join(QLatin1String("; "));
}

void DeploymentStore::setProfiles(const QList<Profile> &profiles, const QString &current)
{
    m_profiles = profiles;
    if (current != m_current)
        m_restored.clear();
    m_current = current;
    rebuild();
}

void DeploymentStore::setCurrent(const QString &profile)
{
    if (profile == m_current)
        return;
    m_restored.clear();
    m_current = profile;
    rebuild();
}

const Profile *DeploymentStore::profile(const QString &name) const
{
    for (const Profile &p : m_profiles) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

DockerWatcher *DeploymentStore::currentWatcher() const
{
    return m_watchers.value(m_current);
}

void DeploymentStore::rebuild()
{
    // The current profile is read whatever it says (DOCKER_HOST, the local socket)
    // unless it names a cluster and no engine; the others only when they name an
    // engine: a matrix column per engine or cluster.
    QStringList wanted;
    QStringList columns;
    for (const Profile &p : std::as_const(m_profiles)) {
        if (p.docker || (p.name == m_current && !p.kubernetes))
            wanted << p.name;
        if (p.name == m_current || p.docker || p.kubernetes)
            columns << p.name;
    }
    for (auto it = m_watchers.begin(); it != m_watchers.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_watchers.erase(it);
        } else {
            ++it;
        }
    }
    m_matrix->setEnvironments(columns);
    rebuildKube();
    for (const QString &name : std::as_const(wanted)) {
        if (m_watchers.contains(name) || m_problems.contains(name))
            continue;
        QString error;
        const std::optional<DockerEndpoint> endpoint = dockerEndpoint(profile(name)->docker, QProcessEnvironment::systemEnvironment(), &error);
        if (!endpoint) {
            m_problems.insert(name, error);
            m_matrix->setDeployments(name, {}, error);
            continue;
        }
        auto *watcher = new DockerWatcher(m_http, *endpoint, name);
        watcher->setHistoryLog(DeployHistoryLog::defaultPath());
        connect(watcher, &DockerWatcher::changed, this, [this, name] { onWatcherChanged(name); });
        connect(watcher, &DockerWatcher::deployChanged, this, &DeploymentStore::deployChanged);
        m_watchers.insert(name, watcher);
        watcher->start();
    }
    onWatcherChanged(m_current);
}

void DeploymentStore::rebuildKube()
{
    // Every profile that names a cluster is watched, the current one and the
    // others alike: a Deployment's column in the matrix needs its cluster.
    QStringList wanted;
    for (const Profile &p : std::as_const(m_profiles)) {
        if (p.kubernetes)
            wanted << p.name;
    }
    for (auto it = m_kube.begin(); it != m_kube.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_kube.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &name : std::as_const(wanted)) {
        if (m_kube.contains(name) || m_kubeProblems.contains(name))
            continue;
        QString error;
        std::unique_ptr<KubeConnection> connection = KubeConnection::open(m_http, *profile(name)->kubernetes, name, &error);
        if (!connection) {
            m_kubeProblems.insert(name, error);
            continue;
        }
        KubeWatcher *watcher = connection->watcher();
        watcher->setHistoryLog(DeployHistoryLog::defaultPath());
        connect(watcher, &KubeWatcher::changed, this, [this, name] { onWatcherChanged(name); });
        connect(watcher, &KubeWatcher::deployChanged, this, &DeploymentStore::deployChanged);
        m_kube.insert(name, connection.release());
        watcher->start();
    }
}

void DeploymentStore::setServiceDeployments(QList<Deployment> rows)
{
    m_serviceRows = std::move(rows);
    onWatcherChanged(m_current);
}

void DeploymentStore::onWatcherChanged(const QString &profile)
{
    DockerWatcher *watcher = m_watchers.value(profile);
    KubeConnection *kube = m_kube.value(profile);
    QList<Deployment> rows = watcher ? watcher->snapshot().deployments : QList<Deployment>();
    if (kube)
        rows += kube->watcher()->snapshot().deployments;
    const bool listed = (watcher && watcher->snapshot().listedMs > 0) || (kube && kube->watcher()->snapshot().listedMs > 0);
    // Without an engine or a cluster the rows are the services' own, live from their health.
    if (profile == m_current && (listed || (!watcher && !kube)))
        m_restored.clear();
    if (profile == m_current && !m_restored.isEmpty())
        rows = m_restored;
    if (profile == m_current) {
        // A service that a container or a Deployment runs is that one's row; the others keep their own.
        for (const Deployment &service : std::as_const(m_serviceRows)) {
            const bool served = std::any_of(rows.cbegin(), rows.cend(), [&](const Deployment &d) {
                return d.runsOnEngine() && deploymentServes(d.name, service.name);
            });
            if (!served)
                rows.append(service);
        }
    }
    // Stale when either source is not live; its error, when it has never answered.
    bool stale = false;
    QStringList errors;
    if (watcher) {
        const DockerSnapshot &s = watcher->snapshot();
        stale = s.connection != DockerSnapshot::Connection::Live;
        if (stale && s.listedMs == 0 && !s.error.isEmpty())
            errors << s.error;
    } else if (const QString problem = m_problems.value(profile); !problem.isEmpty()) {
        errors << problem;
    }
    if (kube) {
        const KubeSnapshot &s = kube->watcher()->snapshot();
        stale = stale || s.connection != KubeSnapshot::Connection::Live;
        if (s.connection != KubeSnapshot::Connection::Live && s.listedMs == 0 && !s.error.isEmpty())
            errors << s.error;
    } else if (const QString problem = m_kubeProblems.value(profile); !problem.isEmpty()) {
        errors << QStringLiteral("Kubernetes: ") + problem;
    }
    if (watcher || kube || profile == m_current)
        m_matrix->setDeployments(profile, rows, errors.join(QLatin1String("; ")));
    if (profile != m_current)
        return;
    m_model->setDeployments(rows);
    m_model->setStale(stale || !m_restored.isEmpty());
    Q_EMIT currentChanged();
}

void DeploymentStore::restoreCurrent(QList<Deployment> rows)
{
    // An engine's or a cluster's rows only: the services' own come live from their health.
    rows.removeIf([](const Deployment &d) { return !d.runsOnEngine(); });
    for (Deployment &d : rows)
        d.environment = m_current;
    m_restored = std::move(rows);
    onWatcherChanged(m_current);
}

QList<DeployChange> DeploymentStore::history(const QString &deploymentName) const
{
    QList<DeployChange> out;
    for (const DeployChange &c : changes(m_current)) {
        if (c.name == deploymentName)
            out.append(c);
    }
    return out;
}

QList<DeployChange> DeploymentStore::changes(const QString &environment) const
{
    QList<DeployChange> seen;
    if (DockerWatcher *w = m_watchers.value(environment))
        seen += w->history();
    if (KubeConnection *k = m_kube.value(environment)) {
        // Both read the same history file: a change it holds comes once.
        const auto keyOf = [](const DeployChange &c) {
            return QStringLiteral("%1\x1f%2\x1f%3\x1f%4").arg(c.timeMs).arg(c.name).arg(int(c.kind)).arg(c.toImage);
        };
        QSet<QString> known;
        for (const DeployChange &c : std::as_const(seen))
            known.insert(keyOf(c));
        for (const DeployChange &c : k->watcher()->history()) {
            if (!known.contains(keyOf(c)))
                seen.append(c);
        }
        std::stable_sort(seen.begin(), seen.end(), [](const DeployChange &a, const DeployChange &b) { return a.timeMs < b.timeMs; });
    }
    if (seen.isEmpty())
        return {};
    return attributeDeployChanges(seen, audited());
}

const QList<AuditedRollout> &DeploymentStore::audited() const
{
    // Read again only when the file changed: the details and the markers ask often.
    const QFileInfo file(AuditLog::defaultPath());
    const qint64 size = file.exists() ? file.size() : -1;
    const QDateTime modified = file.exists() ? file.lastModified() : QDateTime();
    if (size != m_auditSize || modified != m_auditModified) {
        m_auditSize = size;
        m_auditModified = modified;
        m_audited = auditedRollouts(readAuditLog(file.filePath()));
    }
    return m_audited;
}

} // namespace opsdeck
