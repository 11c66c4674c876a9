#pragma once

// The Docker engines and Kubernetes clusters of every profile, kept live for
// the Deployments panel: the current profile's engine (its "docker" object,
// else DOCKER_HOST, else the local socket) and, read in the background, the
// engine of each other profile that names one; the cluster of each profile
// with a "kubernetes" object. Feeds the current environment's rows (a
// profile's containers and Deployments side by side) and the version matrix
// of all, and remembers the changes seen (for the history and for the markers
// on charts). One HttpClient of its own for all of them.

#include "config/config.h"
#include "deploy/deploy_history.h"
#include "deploy/deployment.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

namespace opsdeck {

class DeploymentModel;
class DockerWatcher;
class HttpClient;
class KubeConnection;
class VersionMatrixModel;

class DeploymentStore : public QObject
{
    Q_OBJECT
public:
    explicit DeploymentStore(QObject *parent = nullptr);
    ~DeploymentStore() override;

    // Every profile, and the current one (its rows in model()); the engines are (re)started as needed.
    void setProfiles(const QList<Profile> &profiles, const QString &current);
    void setCurrent(const QString &profile);
    const QString &current() const { return m_current; }

    // The current profile's engine; nullptr when it has none that can be named (a bad docker.host).
    DockerWatcher *currentWatcher() const;
    DockerWatcher *watcher(const QString &profile) const { return m_watchers.value(profile); }
    // The profile's cluster; nullptr when it names none or its kubeconfig cannot be read.
    KubeConnection *kube(const QString &profile) const { return m_kube.value(profile); }
    HttpClient *http() const { return m_http; }
    const Profile *profile(const QString &name) const;
    // Why the current profile has no engine, or its cluster cannot be read.
    QString currentProblem() const;

    // The current profile's services that no container serves (see service_deployments.h):
    // rows beside the engine's, for the services a container does not run.
    void setServiceDeployments(QList<Deployment> rows);

    // The current profile's engine and cluster rows as an earlier run last knew
    // them: shown, stale, until its engine or cluster first lists (the services'
    // own rows stay live beside them). Dropped by a change of profile.
    void restoreCurrent(QList<Deployment> rows);
    bool showsRestored() const { return !m_restored.isEmpty(); }

    DeploymentModel *model() const { return m_model; }
    VersionMatrixModel *matrix() const { return m_matrix; }

    // The changes of a deployment of the current environment, oldest first, with
    // OpsDeck's own attributed to their operator from the audit log.
    QList<DeployChange> history(const QString &deploymentName) const;
    // Every change seen in an environment, oldest first, OpsDeck's own with their operator.
    QList<DeployChange> changes(const QString &environment) const;

Q_SIGNALS:
    void currentChanged();                         // the current engine's snapshot moved
    void deployChanged(const opsdeck::DeployChange &change);  // any environment

private:
    void rebuild();
    const QList<AuditedRollout> &audited() const;
    void onWatcherChanged(const QString &profile);
    void rebuildKube();

    HttpClient *m_http;
    QList<Profile> m_profiles;
    QString m_current;
    QList<Deployment> m_restored;
    QHash<QString, DockerWatcher *> m_watchers;
    QHash<QString, QString> m_problems;
    QHash<QString, KubeConnection *> m_kube;
    QHash<QString, QString> m_kubeProblems;
    DeploymentModel *m_model;
    VersionMatrixModel *m_matrix;
    QList<Deployment> m_serviceRows;
    mutable QList<AuditedRollout> m_audited;
    mutable qint64 m_auditSize = -2;
    mutable QDateTime m_auditModified;
};

} // namespace opsdeck
