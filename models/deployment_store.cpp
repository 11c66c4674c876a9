#include "deployment_store.h"

#include "deploy/deploy_history.h"
#include "deploy/docker_watcher.h"
#include "deployment_model.h"
#include "net/http_client.h"
#include "version_matrix_model.h"

#include <QFileInfo>

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
}

void DeploymentStore::setProfiles(const QList<Profile> &profiles, const QString &current)
{
    m_profiles = profiles;
    m_current = current;
    rebuild();
}

void DeploymentStore::setCurrent(const QString &profile)
{
    if (profile == m_current)
        return;
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
    // The current profile is read whatever it says (DOCKER_HOST, the local socket);
    // the others only when they name an engine: a matrix column per engine.
    QStringList wanted;
    for (const Profile &p : std::as_const(m_profiles)) {
        if (p.name == m_current || p.docker)
            wanted << p.name;
    }
    for (auto it = m_watchers.begin(); it != m_watchers.end();) {
        if (!wanted.contains(it.key())) {
            delete it.value();
            it = m_watchers.erase(it);
        } else {
            ++it;
        }
    }
    m_matrix->setEnvironments(wanted);
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

void DeploymentStore::setServiceDeployments(QList<Deployment> rows)
{
    m_serviceRows = std::move(rows);
    onWatcherChanged(m_current);
}

void DeploymentStore::onWatcherChanged(const QString &profile)
{
    DockerWatcher *watcher = m_watchers.value(profile);
    QList<Deployment> rows = watcher ? watcher->snapshot().deployments : QList<Deployment>();
    if (profile == m_current) {
        // A service that a container runs is that container's row; the others keep their own.
        for (const Deployment &service : std::as_const(m_serviceRows)) {
            const bool served = std::any_of(rows.cbegin(), rows.cend(), [&](const Deployment &d) {
                return d.source == u"docker" && deploymentServes(d.name, service.name);
            });
            if (!served)
                rows.append(service);
        }
    }
    if (watcher) {
        const DockerSnapshot &s = watcher->snapshot();
        const bool live = s.connection == DockerSnapshot::Connection::Live;
        m_matrix->setDeployments(profile, rows, live || s.listedMs > 0 ? QString() : s.error);
    } else if (profile == m_current && !m_problems.contains(profile)) {
        m_matrix->setDeployments(profile, rows);
    }
    if (profile != m_current)
        return;
    m_model->setDeployments(rows);
    m_model->setStale(watcher && watcher->snapshot().connection != DockerSnapshot::Connection::Live);
    Q_EMIT currentChanged();
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
    DockerWatcher *w = m_watchers.value(environment);
    if (!w || w->history().isEmpty())
        return {};
    return attributeDeployChanges(w->history(), audited());
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
