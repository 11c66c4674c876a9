#include "kube/kube_rollout.h"

#include "common/rfc3339.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimer>

#include <nlohmann/json.hpp>

namespace opsdeck {

namespace {

using nlohmann::json;

const QByteArray strategicMerge = QByteArrayLiteral("application/strategic-merge-patch+json");
const QByteArray mergePatch = QByteArrayLiteral("application/merge-patch+json");
const QByteArray jsonPatch = QByteArrayLiteral("application/json-patch+json");

// The Deployment's annotations a rollback keeps (kubectl's annotationsToSkip):
// they describe the Deployment, not the revision.
const QStringList kept = {
    QStringLiteral("kubectl.kubernetes.io/last-applied-configuration"),
    QStringLiteral("deployment.kubernetes.io/revision"),
    QStringLiteral("deployment.kubernetes.io/revision-history"),
    QStringLiteral("deployment.kubernetes.io/desired-replicas"),
    QStringLiteral("deployment.kubernetes.io/max-replicas"),
    QStringLiteral("deprecated.deployment.rollback.to"),
};

QString target(const KubeActionRequest &r)
{
    return r.nameSpace + u'/' + r.name;
}

} // namespace

QString kubeActionKey(KubeActionRequest::Kind kind)
{
    switch (kind) {
    case KubeActionRequest::Kind::Restart: return QStringLiteral("restart");
    case KubeActionRequest::Kind::Scale: return QStringLiteral("scale");
    case KubeActionRequest::Kind::Pause: return QStringLiteral("pause");
    case KubeActionRequest::Kind::Resume: return QStringLiteral("resume");
    case KubeActionRequest::Kind::Rollback: return QStringLiteral("rollback");
    }
    return {};
}

KubePatch kubeRestartPatch(const QString &nameSpace, const QString &name, qint64 nowMs)
{
    // kubectl writes the time in RFC 3339 to the second.
    const QString now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(Qt::ISODate);
    const json body = {{"spec", {{"template", {{"metadata", {{"annotations", {{"kubectl.kubernetes.io/restartedAt", now.toStdString()}}}}}}}}}};
    return {kubeAppsPath(nameSpace, QStringLiteral("deployments"), name), strategicMerge, QByteArray::fromStdString(body.dump())};
}

KubePatch kubeScalePatch(const QString &nameSpace, const QString &name, int replicas)
{
    const json body = {{"spec", {{"replicas", replicas}}}};
    return {kubeAppsPath(nameSpace, QStringLiteral("deployments"), name, QStringLiteral("scale")), mergePatch,
            QByteArray::fromStdString(body.dump())};
}

KubePatch kubePausePatch(const QString &nameSpace, const QString &name, bool paused)
{
    // kubectl's two-way merge patch: resuming removes the field (false is its default), it does not set false.
    const json body = {{"spec", {{"paused", paused ? json(true) : json(nullptr)}}}};
    return {kubeAppsPath(nameSpace, QStringLiteral("deployments"), name), strategicMerge, QByteArray::fromStdString(body.dump())};
}

std::optional<KubeReplicaSet> kubeRevisionToRollBackTo(const KubeDeployment &deployment, const QList<KubeReplicaSet> &replicaSets,
                                                      qint64 toRevision, QString *error)
{
    QList<KubeReplicaSet> owned;
    for (const KubeReplicaSet &rs : replicaSets) {
        if (!rs.ownerUid.isEmpty() && rs.ownerUid == deployment.uid)
            owned << rs;
    }
    if (toRevision > 0) {
        for (const KubeReplicaSet &rs : std::as_const(owned)) {
            if (rs.revision == toRevision)
                return rs;
        }
        *error = QStringLiteral("unable to find the specified revision %1").arg(toRevision);
        return std::nullopt;
    }
    // kubectl's "previous": the highest revision below the highest one.
    qint64 newest = 0, previous = 0;
    for (const KubeReplicaSet &rs : std::as_const(owned)) {
        if (rs.revision > newest) {
            previous = newest;
            newest = rs.revision;
        } else if (rs.revision > previous && rs.revision < newest) {
            previous = rs.revision;
        }
    }
    for (const KubeReplicaSet &rs : std::as_const(owned)) {
        if (previous > 0 && rs.revision == previous)
            return rs;
    }
    *error = QStringLiteral("no rollout history found for deployment \"%1\"").arg(deployment.name);
    return std::nullopt;
}

KubePatch kubeRollbackPatch(const KubeDeployment &deployment, const KubeReplicaSet &revision, const QString &reason)
{
    json annotations = json::object();
    for (const QString &key : kept) {
        if (deployment.annotations.contains(key))
            annotations[key.toStdString()] = deployment.annotations.value(key).toStdString();
    }
    for (auto it = revision.annotations.cbegin(); it != revision.annotations.cend(); ++it) {
        if (!kept.contains(it.key()))
            annotations[it.key().toStdString()] = it.value().toStdString();
    }
    if (!reason.isEmpty()) {
        // The change-cause is what `kubectl rollout history` lists for the revision this makes.
        annotations["kubernetes.io/change-cause"] = reason.toStdString();
        annotations["opsdeck.io/rollback-reason"] = reason.toStdString();
    }
    json podTemplate = json::parse(templateWithoutHash(revision.podTemplate).toStdString(), nullptr, false);
    if (podTemplate.is_discarded())
        podTemplate = json::object();
    const json body = json::array({
        {{"op", "replace"}, {"path", "/spec/template"}, {"value", podTemplate}},
        {{"op", "replace"}, {"path", "/metadata/annotations"}, {"value", annotations}},
    });
    return {kubeAppsPath(deployment.nameSpace, QStringLiteral("deployments"), deployment.name), jsonPatch,
            QByteArray::fromStdString(body.dump())};
}

KubeRollout::KubeRollout(KubeApi *api, AuditLog audit, const AuditActor &actor, bool readOnly, KubeActionRequest request,
                         QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_request(std::move(request))
    // The target as the Docker actions write it (environment:name), so the history attributes both alike.
    , m_audit(std::move(audit), actor, QStringLiteral("deploy-") + kubeActionKey(m_request.kind),
              m_request.environment + u':' + target(m_request))
    , m_readOnly(readOnly)
{
    // A cluster closed under a running action (its profile removed) ends it, said, rather than leaving it waiting.
    connect(api, &QObject::destroyed, this, [this] {
        finish({false, false, false, QStringLiteral("the connection to the cluster closed before the action ended; "
                                                    "read the Deployment again to see where it is")});
    });
    m_audit.parameters().insert(QStringLiteral("source"), QStringLiteral("kubernetes"));
    m_audit.parameters().insert(QStringLiteral("environment"), m_request.environment);
    m_audit.parameters().insert(QStringLiteral("context"), api->target().contextName);
    if (m_request.kind == KubeActionRequest::Kind::Scale)
        m_audit.parameters().insert(QStringLiteral("replicas"), m_request.replicas);
    if (!m_request.reason.isEmpty())
        m_audit.parameters().insert(QStringLiteral("reason"), m_request.reason);
}

void KubeRollout::start()
{
    if (m_readOnly) {
        finish({false, false, false, QStringLiteral("the profile is read-only: nothing was changed")});
        return;
    }
    if (m_request.kind == KubeActionRequest::Kind::Scale && m_request.replicas < 0) {
        finish({false, false, false, QStringLiteral("the replica count cannot be negative")});
        return;
    }
    Q_EMIT progress(tr("Reading %1").arg(target(m_request)));
    KubeCall call;
    call.path = kubeAppsPath(m_request.nameSpace, QStringLiteral("deployments"), m_request.name);
    m_api->call(call, [self = QPointer<KubeRollout>(this)](const HttpResponse &r) {
        if (self)
            self->onDeployment(r);
    });
}

void KubeRollout::onDeployment(const HttpResponse &response)
{
    if (!response.isSuccess()) {
        finish({false, false, false, QStringLiteral("cannot read %1: %2").arg(target(m_request), kubeErrorText(response))});
        return;
    }
    QString error;
    const auto deployment = parseKubeDeployment(response.body, &error);
    if (!deployment) {
        finish({false, false, false, QStringLiteral("cannot read %1: %2").arg(target(m_request), error)});
        return;
    }
    switch (m_request.kind) {
    case KubeActionRequest::Kind::Restart:
        if (deployment->paused) {
            finish({false, false, false, QStringLiteral("%1 is paused: resume it before a restart").arg(target(m_request))});
            return;
        }
        send(kubeRestartPatch(m_request.nameSpace, m_request.name, QDateTime::currentMSecsSinceEpoch()), {});
        return;
    case KubeActionRequest::Kind::Scale:
        send(kubeScalePatch(m_request.nameSpace, m_request.name, m_request.replicas),
             {{QStringLiteral("from_replicas"), deployment->desired}});
        return;
    case KubeActionRequest::Kind::Pause:
    case KubeActionRequest::Kind::Resume: {
        const bool pause = m_request.kind == KubeActionRequest::Kind::Pause;
        if (deployment->paused == pause) {
            finish({true, false, false, QStringLiteral("%1 is already %2").arg(target(m_request), pause ? QStringLiteral("paused") : QStringLiteral("resumed"))});
            return;
        }
        send(kubePausePatch(m_request.nameSpace, m_request.name, pause), {});
        return;
    }
    case KubeActionRequest::Kind::Rollback: {
        if (deployment->paused) {
            finish({false, false, false, QStringLiteral("%1 is paused: resume it before a rollback").arg(target(m_request))});
            return;
        }
        // kubectl lists the namespace's ReplicaSets by the Deployment's selector and keeps those it controls.
        KubeCall call;
        call.path = kubeAppsPath(m_request.nameSpace, QStringLiteral("replicasets"));
        QStringList selector;
        for (auto it = deployment->selector.cbegin(); it != deployment->selector.cend(); ++it)
            selector << it.key() + u'=' + it.value();
        if (!selector.isEmpty())
            call.query.addQueryItem(QStringLiteral("labelSelector"), selector.join(u','));
        const KubeDeployment d = *deployment;
        m_api->call(call, [self = QPointer<KubeRollout>(this), d](const HttpResponse &r) {
            if (self)
                self->onReplicaSets(d, r);
        });
        return;
    }
    }
}

void KubeRollout::onReplicaSets(const KubeDeployment &deployment, const HttpResponse &response)
{
    if (!response.isSuccess()) {
        finish({false, false, false, QStringLiteral("cannot list the revisions of %1: %2").arg(target(m_request), kubeErrorText(response))});
        return;
    }
    const auto list = parseKubeReplicaSetList(response.body);
    if (!list.ok) {
        finish({false, false, false, QStringLiteral("cannot list the revisions of %1: %2").arg(target(m_request), list.error)});
        return;
    }
    QString error;
    const auto revision = kubeRevisionToRollBackTo(deployment, list.items, m_request.toRevision, &error);
    if (!revision) {
        finish({false, false, false, error});
        return;
    }
    if (templatesMatch(revision->podTemplate, deployment.podTemplate)) {
        finish({true, false, false, QStringLiteral("%1 already runs revision %2's template: nothing to roll back")
                                        .arg(target(m_request))
                                        .arg(revision->revision)});
        return;
    }
    m_audit.parameters().insert(QStringLiteral("to_revision"), revision->revision);
    m_audit.parameters().insert(QStringLiteral("from_revision"), deployment.revision);
    m_audit.parameters().insert(QStringLiteral("from"), deployment.images.value(0));
    m_audit.parameters().insert(QStringLiteral("to"), revision->images.value(0));
    send(kubeRollbackPatch(deployment, *revision, m_request.reason), {});
}

void KubeRollout::send(const KubePatch &patch, const QJsonObject &auditDetail)
{
    for (auto it = auditDetail.begin(); it != auditDetail.end(); ++it)
        m_audit.parameters().insert(it.key(), it.value());
    if (const QString error = m_audit.intent(); !error.isEmpty()) {
        finish({false, false, false, QStringLiteral("not done: the audit log cannot be written (%1)").arg(error)});
        return;
    }
    m_intentWritten = true;
    KubeCall call;
    call.method = HttpRequest::Method::Patch;
    call.path = patch.path;
    call.body = patch.body;
    call.contentType = patch.contentType;
    call.query.addQueryItem(QStringLiteral("fieldManager"), m_request.fieldManager);
    KubeCall dryRun = call;
    dryRun.query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    Q_EMIT progress(tr("Checking with the server (dry run)"));
    const auto self = QPointer<KubeRollout>(this);
    m_api->call(dryRun, [self, call](const HttpResponse &checked) {
        if (!self)
            return;
        if (!checked.isSuccess()) {
            const bool conflict = checked.transportOk() && checked.status == 409;
            self->finish({false, false, conflict, QStringLiteral("the server refused it in a dry run, nothing was changed: %1").arg(kubeErrorText(checked))});
            return;
        }
        Q_EMIT self->progress(tr("Applying"));
        self->m_api->call(call, [self](const HttpResponse &applied) {
            if (!self)
                return;
            if (!applied.isSuccess()) {
                const bool conflict = applied.transportOk() && applied.status == 409;
                const QString why = kubeErrorText(applied);
                self->finish({false, false, conflict,
                              conflict ? QStringLiteral("someone else changed it first (%1); nothing was overwritten: read it again and retry").arg(why)
                                       : QStringLiteral("the server refused it: %1").arg(why)});
                return;
            }
            const auto kind = self->m_request.kind;
            if (self->m_request.waitForRollout && (kind == KubeActionRequest::Kind::Restart || kind == KubeActionRequest::Kind::Rollback))
                self->followRollout();
            else
                self->finish({true, true, false, QString()});
        });
    });
}

void KubeRollout::followRollout()
{
    // Read again until kubectl rollout status would stop: the controller's own
    // deadline (progressDeadlineSeconds) bounds it, with a margin for it to say so.
    m_poll = new QTimer(this);
    m_poll->setSingleShot(true);
    m_poll->setInterval(m_request.pollMs);
    const auto check = [this] {
        if (!m_api)
            return;
        KubeCall call;
        call.path = kubeAppsPath(m_request.nameSpace, QStringLiteral("deployments"), m_request.name);
        m_api->call(call, [self = QPointer<KubeRollout>(this)](const HttpResponse &r) {
            if (!self || self->m_done)
                return;
            QString error;
            const auto d = r.isSuccess() ? parseKubeDeployment(r.body, &error) : std::nullopt;
            if (d) {
                if (self->m_followDeadlineMs == 0)
                    self->m_followDeadlineMs = QDateTime::currentMSecsSinceEpoch() + (qint64(d->progressDeadlineSeconds) + 30) * 1000;
                const KubeRolloutStatus status = kubeRolloutStatus(*d);
                if (status.state == KubeRolloutStatus::State::Complete) {
                    self->finish({true, true, false, QString()});
                    return;
                }
                if (status.state == KubeRolloutStatus::State::Failed) {
                    self->finish({false, true, false, QStringLiteral("the change was applied but its rollout failed: %1").arg(status.message)});
                    return;
                }
                Q_EMIT self->progress(status.message);
            } else {
                // A read that fails is retried: the change itself was applied.
                Q_EMIT self->progress(QStringLiteral("following the rollout: %1").arg(error.isEmpty() ? kubeErrorText(r) : error));
            }
            if (self->m_followDeadlineMs > 0 && QDateTime::currentMSecsSinceEpoch() > self->m_followDeadlineMs) {
                self->finish({false, true, false, QStringLiteral("the change was applied; its rollout had not finished when its progress deadline was over")});
                return;
            }
            self->m_poll->start();
        });
    };
    connect(m_poll, &QTimer::timeout, this, check);
    Q_EMIT progress(tr("Following the rollout"));
    check();
}

void KubeRollout::finish(KubeActionResult result)
{
    if (m_done)
        return;
    m_done = true;
    if (m_poll)
        m_poll->stop();
    if (result.ok && result.message.isEmpty()) {
        const QString t = target(m_request);
        switch (m_request.kind) {
        case KubeActionRequest::Kind::Restart: result.message = QStringLiteral("%1 restarted").arg(t) + (m_poll ? QStringLiteral(", rolled out") : QString()); break;
        case KubeActionRequest::Kind::Scale: result.message = QStringLiteral("%1 scaled to %2").arg(t).arg(m_request.replicas); break;
        case KubeActionRequest::Kind::Pause: result.message = QStringLiteral("%1 paused").arg(t); break;
        case KubeActionRequest::Kind::Resume: result.message = QStringLiteral("%1 resumed").arg(t); break;
        case KubeActionRequest::Kind::Rollback: result.message = QStringLiteral("%1 rolled back").arg(t) + (m_poll ? QStringLiteral(", rolled out") : QString()); break;
        }
    }
    if (m_intentWritten) {
        const QString error = m_audit.outcome(result.ok ? QStringLiteral("ok") : QStringLiteral("failed"), result.ok ? QString() : result.message,
                                              {{QStringLiteral("conflict"), result.conflict}});
        if (!error.isEmpty())
            result.message += QStringLiteral(" (the audit log could not be written: %1)").arg(error);
    }
    Q_EMIT finished(result);
}

} // namespace opsdeck
