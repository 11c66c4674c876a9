#pragma once

// The operator's actions on a Kubernetes Deployment, sent as kubectl sends
// them (the same methods, paths, patch types and bodies), each first with
// dryRun=All so that the server's admission and validation speak before
// anything changes:
//   restart   the template's kubectl.kubernetes.io/restartedAt (refused on a paused Deployment)
//   scale     the scale subresource
//   pause, resume
//   rollback  the chosen revision's pod template put back, as `kubectl rollout undo`
//             does it (nothing done when it already runs), with the operator's
//             reason as the change-cause the new revision keeps
// A 409 Conflict is shown and never overwritten. A restart or rollback then
// follows its rollout to the end (see waitForRollout). Refused in a read-only
// profile; the audit log gets the intent before the first request and the outcome.

#include "audit/audit_log.h"
#include "kube/kube_api.h"
#include "kube/kube_objects.h"

#include <QObject>
#include <QPointer>

class QTimer;

namespace opsdeck {

struct KubeActionRequest {
    enum class Kind { Restart, Scale, Pause, Resume, Rollback };
    Kind kind = Kind::Restart;
    QString environment;
    QString nameSpace;
    QString name;
    int replicas = 0;         // Scale
    qint64 toRevision = 0;    // Rollback: 0 is the revision before the current one
    QString reason;           // the operator's words
    QString fieldManager = QStringLiteral("opsdeck");
    // Restart and rollback: end only when the rollout they start ends, as `kubectl
    // rollout status` sees it (complete, or its progress deadline exceeded), so the
    // silence of its alerts and the outcome in the audit log cover the whole window.
    bool waitForRollout = true;
    int pollMs = 1000;
};

QString kubeActionKey(KubeActionRequest::Kind kind);  // restart, scale, pause, resume, rollback

struct KubeActionResult {
    bool ok = false;
    bool changed = false;    // false: nothing needed doing (already paused, the revision already runs)
    bool conflict = false;   // the server answered 409
    QString message;         // for people, one line
};

// The request each action sends, built from what the server said.
struct KubePatch {
    QString path;
    QByteArray contentType;
    QByteArray body;
};
KubePatch kubeRestartPatch(const QString &nameSpace, const QString &name, qint64 nowMs);
KubePatch kubeScalePatch(const QString &nameSpace, const QString &name, int replicas);
KubePatch kubePausePatch(const QString &nameSpace, const QString &name, bool paused);
// kubectl's JSON patch (the template, then the annotations: the Deployment's
// own that a rollback keeps, and the revision's), plus the reason as
// kubernetes.io/change-cause and opsdeck.io/rollback-reason when one is given.
KubePatch kubeRollbackPatch(const KubeDeployment &deployment, const KubeReplicaSet &revision, const QString &reason);
// The ReplicaSet of that revision (0: the one before the current), as kubectl picks it.
std::optional<KubeReplicaSet> kubeRevisionToRollBackTo(const KubeDeployment &deployment, const QList<KubeReplicaSet> &replicaSets,
                                                      qint64 toRevision, QString *error);

class KubeRollout : public QObject
{
    Q_OBJECT
public:
    KubeRollout(KubeApi *api, AuditLog audit, const AuditActor &actor, bool readOnly, KubeActionRequest request,
                QObject *parent = nullptr);

    void start();
    const KubeActionRequest &request() const { return m_request; }

Q_SIGNALS:
    void progress(const QString &step);
    void finished(const opsdeck::KubeActionResult &result);

private:
    void onDeployment(const HttpResponse &response);
    void onReplicaSets(const KubeDeployment &deployment, const HttpResponse &response);
    void send(const KubePatch &patch, const QJsonObject &auditDetail);
    void followRollout();
    void finish(KubeActionResult result);

    QPointer<KubeApi> m_api;
    KubeActionRequest m_request;
    AuditTrail m_audit;
    bool m_readOnly;
    bool m_intentWritten = false;
    bool m_done = false;
    QTimer *m_poll = nullptr;
    qint64 m_followDeadlineMs = 0;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::KubeActionResult)
