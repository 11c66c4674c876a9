#pragma once

// The Deployments and ReplicaSets of a cluster's namespaces, kept current
// without polling, as client-go's informers keep them: each kind listed (in
// pages), then watched from the list's resourceVersion with bookmarks; a
// stream the server ends is opened again from the last version seen; a
// dropped one is retried with a growing pause and resumed from there; a 410
// Gone (the version is too old) clears that kind and lists it again. Events
// that come in a burst are merged into the rows at most once per publishDelayMs,
// and only the Deployments they touch are recomputed.
//
// A new revision of a Deployment (a new ReplicaSet, or an old one brought
// back by a rollback) is a DeployChange; so is a rollout restart.

#include "deploy/deploy_history_log.h"
#include "deploy/deployment.h"
#include "deploy/docker_streams.h"
#include "kube/kube_api.h"
#include "kube/kube_objects.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

class QTimer;

namespace opsdeck {

struct KubeSnapshot {
    enum class Connection { Connecting, Live, Unavailable };
    Connection connection = Connection::Connecting;
    QString environment;
    QString context;
    QString server;
    bool insecure = false;      // insecure-skip-tls-verify: shown beside the data
    QString error;              // why it is not live
    qint64 listedMs = 0;
    QList<Deployment> deployments;  // rows, sorted by name
};

class KubeWatcher : public QObject
{
    Q_OBJECT
public:
    // namespaces: empty watches every namespace the user may list.
    KubeWatcher(KubeApi *api, const QString &environment, const QStringList &namespaces, QObject *parent = nullptr);
    ~KubeWatcher() override;

    void start();
    void stop();
    // The server's watch timeout asked for (timeoutSeconds); tests shorten it.
    void setWatchTimeoutSeconds(int seconds) { m_watchTimeoutSeconds = seconds; }

    const KubeSnapshot &snapshot() const { return m_snapshot; }
    // Every kind of every namespace listed and watched.
    bool settled() const;
    const KubeDeployment *deployment(const QString &key) const;
    QList<KubeReplicaSet> replicaSetsOf(const KubeDeployment &deployment) const;
    QList<KubeRevision> revisions(const QString &key) const;
    // Changes seen (and, with a history log, kept), oldest first.
    const QList<DeployChange> &history() const { return m_history; }
    void setHistoryLog(const QString &path);
    // How many watch events were applied, and how many lists made: for tests and benchmarks.
    int eventsApplied() const { return m_eventsApplied; }
    int listsMade() const { return m_listsMade; }

    // Applies watch lines as if they came from the stream of a kind (benchmarks).
    void applyLinesForTest(KubeKind kind, const QList<QByteArray> &lines);
    // Publishes now what the events changed; returns the rows recomputed.
    int publishNow();

    static constexpr int publishDelayMs = 50;
    static constexpr int historyLimit = 1000;

Q_SIGNALS:
    void changed();
    void deployChanged(const opsdeck::DeployChange &change);

private:
    struct Informer;
    void list(Informer &informer);
    void onListPage(Informer &informer, const HttpResponse &response);
    void watch(Informer &informer);
    void onWatchBytes(Informer &informer, const QByteArray &bytes);
    void onWatchEnded(Informer &informer, const HttpResponse &response);
    void applyEvent(Informer &informer, const KubeWatchEvent &event);
    void upsertDeployment(const KubeDeployment &d);
    void removeDeployment(const QString &key);
    void upsertReplicaSet(const KubeReplicaSet &rs);
    void removeReplicaSet(const QString &key);
    void retryLater(Informer &informer, const QString &error);
    void updateConnection();
    void recordChange(const DeployChange &change);
    void schedulePublish();

    QPointer<KubeApi> m_api;  // outlived by the watcher in a KubeConnection's teardown
    QStringList m_namespaces;
    std::vector<std::unique_ptr<Informer>> m_informers;
    KubeSnapshot m_snapshot;
    QHash<QString, KubeDeployment> m_deployments;   // by namespace/name
    QHash<QString, KubeReplicaSet> m_replicaSets;   // by namespace/name
    QHash<QString, QSet<QString>> m_replicaSetsByOwner;  // owner uid -> replica set keys
    QHash<QString, QString> m_deploymentByUid;
    QMap<QString, Deployment> m_rows;  // by namespace/name, so always in the rows' order
    QSet<QString> m_dirty;
    QList<DeployChange> m_history;
    std::optional<DeployHistoryLog> m_historyLog;
    QTimer *m_publish;
    bool m_running = false;
    int m_watchTimeoutSeconds = 300;
    int m_eventsApplied = 0;
    int m_listsMade = 0;
};

} // namespace opsdeck
