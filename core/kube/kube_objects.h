#pragma once

// The Kubernetes objects the Deployments panel reads (apps/v1 Deployment and
// ReplicaSet, a list, a watch event, a Status), read leniently from their JSON;
// a rollout's state decided as `kubectl rollout status` decides it; the
// revision history a Deployment's ReplicaSets hold; the diff of two pod
// templates; and a Deployment as a row of the panel.

#include "deploy/deployment.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace opsdeck {

struct KubeCondition {
    QString type;    // Available, Progressing, ReplicaFailure
    QString status;  // "True", "False", "Unknown"
    QString reason;  // NewReplicaSetAvailable, ProgressDeadlineExceeded…
    QString message;
    qint64 updatedMs = 0;
};

struct KubeDeployment {
    QString nameSpace;
    QString name;
    QString uid;
    QString resourceVersion;
    qint64 generation = 0;
    qint64 createdMs = 0;
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    QMap<QString, QString> selector;  // spec.selector.matchLabels
    int desired = 1;                  // spec.replicas (1 when absent, as the API defaults it)
    bool paused = false;
    int progressDeadlineSeconds = 600;
    QByteArray podTemplate;           // spec.template as compact JSON
    QStringList images;               // of its containers, in order
    qint64 revision = 0;              // deployment.kubernetes.io/revision
    QString restartedAt;              // the template's kubectl.kubernetes.io/restartedAt
    // status
    qint64 observedGeneration = 0;
    int replicas = 0;
    int updatedReplicas = 0;
    int readyReplicas = 0;
    int availableReplicas = 0;
    int unavailableReplicas = 0;
    QList<KubeCondition> conditions;

    QString key() const { return nameSpace + u'/' + name; }
    const KubeCondition *condition(const QString &type) const;
};

struct KubeReplicaSet {
    QString nameSpace;
    QString name;
    QString uid;
    QString resourceVersion;
    QString ownerUid;        // the controlling Deployment's uid
    qint64 createdMs = 0;
    qint64 revision = 0;
    QString changeCause;     // kubernetes.io/change-cause
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    QByteArray podTemplate;  // spec.template as compact JSON
    QStringList images;
    int desired = 0;
    int replicas = 0;
    int readyReplicas = 0;
    int availableReplicas = 0;
};

std::optional<KubeDeployment> parseKubeDeployment(const QByteArray &json, QString *error);
std::optional<KubeReplicaSet> parseKubeReplicaSet(const QByteArray &json, QString *error);

// A metav1.Status, as an error answer or a watch's ERROR event carries it.
struct KubeStatus {
    int code = 0;
    QString reason;   // Conflict, Expired, NotFound, Forbidden…
    QString message;
};
// The Status in an error answer's body; without one, the HTTP status alone.
KubeStatus parseKubeStatus(const QByteArray &json, int httpStatus);

template<typename T>
struct KubeList {
    QList<T> items;
    QString resourceVersion;
    QString continueToken;
    QString error;
    bool ok = false;
};
KubeList<KubeDeployment> parseKubeDeploymentList(const QByteArray &json);
KubeList<KubeReplicaSet> parseKubeReplicaSetList(const QByteArray &json);

struct KubeWatchEvent {
    enum class Type { Added, Modified, Deleted, Bookmark, Error, Unknown };
    Type type = Type::Unknown;
    QString resourceVersion;  // the object's, or the bookmark's
    KubeStatus status;        // Error
    std::optional<KubeDeployment> deployment;
    std::optional<KubeReplicaSet> replicaSet;
};
enum class KubeKind { Deployment, ReplicaSet };
// One line of a watch stream; Unknown with status.message set when the line cannot be read.
KubeWatchEvent parseKubeWatchEvent(const QByteArray &line, KubeKind kind);

// A rollout as `kubectl rollout status` judges it, and its message word for word.
struct KubeRolloutStatus {
    enum class State { Waiting, Progressing, Complete, Failed };
    State state = State::Waiting;
    QString message;
};
KubeRolloutStatus kubeRolloutStatus(const KubeDeployment &deployment);

// One revision of a Deployment: one of its ReplicaSets.
struct KubeRevision {
    qint64 revision = 0;
    QString replicaSet;
    QString changeCause;
    QStringList images;
    QByteArray podTemplate;
    qint64 createdMs = 0;
    int replicas = 0;
    bool current = false;  // the Deployment's own revision
};
// The ReplicaSets the Deployment controls (by owner uid), by revision, oldest first.
QList<KubeRevision> kubeRevisions(const KubeDeployment &deployment, const QList<KubeReplicaSet> &replicaSets);

// A pod template without the label the controller adds (pod-template-hash),
// as kubectl compares and patches it.
QByteArray templateWithoutHash(const QByteArray &podTemplate);
bool templatesMatch(const QByteArray &a, const QByteArray &b);

struct TemplateDiffLine {
    enum class Kind { Same, Removed, Added };
    Kind kind = Kind::Same;
    QString text;
};
// The two templates (pod-template-hash aside) as YAML-like lines, diffed line by line.
QList<TemplateDiffLine> templateDiff(const QByteArray &from, const QByteArray &to);
// The template as those lines, for a revision shown alone.
QStringList templateLines(const QByteArray &podTemplate);

// Who owns the Deployment's spec when a GitOps controller does: "Argo CD
// (application shop)", "Flux (Kustomization flux-system/apps)"; empty otherwise.
QString gitOpsManager(const QMap<QString, QString> &labels, const QMap<QString, QString> &annotations);

// The Deployment as a row of the panel: name "namespace/name", source "kubernetes".
Deployment kubeDeploymentRow(const KubeDeployment &deployment, const QString &environment);

} // namespace opsdeck
