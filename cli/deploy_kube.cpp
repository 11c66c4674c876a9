#include "deploy_kube.h"

#include "common/rfc3339.h"
#include "kube/kube_rollout.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace opsdeck::cli {

namespace {

constexpr int connectWaitMs = 30000;

} // namespace

std::unique_ptr<KubeConnection> connectedKube(CliContext &context, const Profile &profile, HttpClient *http)
{
    QString error;
    std::unique_ptr<KubeConnection> kube = KubeConnection::open(http, *profile.kubernetes, profile.name, &error);
    if (!kube) {
        context.err << "error: Kubernetes: " << error << Qt::endl;
        return nullptr;
    }
    KubeWatcher *watcher = kube->watcher();
    QEventLoop loop;
    QObject::connect(watcher, &KubeWatcher::changed, &loop, [&] {
        // A failure ends the wait at once: a script wants the reason, not a retry.
        if (watcher->settled() || !watcher->snapshot().error.isEmpty())
            loop.quit();
    });
    QTimer settle;
    QObject::connect(&settle, &QTimer::timeout, &loop, [&] {
        if (watcher->settled())
            loop.quit();
    });
    settle.start(50);
    QTimer::singleShot(connectWaitMs, &loop, &QEventLoop::quit);
    watcher->start();
    loop.exec();
    if (!watcher->settled()) {
        const QString why = watcher->snapshot().error.isEmpty()
                                ? QStringLiteral("%1 did not answer within %2 s").arg(kube->api()->serverText()).arg(connectWaitMs / 1000)
                                : watcher->snapshot().error;
        context.err << "error: Kubernetes (" << kube->api()->target().contextName << "): " << why << Qt::endl;
        return nullptr;
    }
    if (watcher->snapshot().insecure)
        context.err << "warning: " << kube->api()->target().contextName << " skips TLS verification (insecure-skip-tls-verify)" << Qt::endl;
    return kube;
}

const Deployment *findKubeDeployment(const KubeConnection &kube, const QString &name)
{
    const QList<Deployment> &rows = kube.watcher()->snapshot().deployments;
    const Deployment *alone = nullptr;
    int matches = 0;
    for (const Deployment &d : rows) {
        if (d.name == name)
            return &d;
        if (d.service == name) {
            if (d.project == kube.defaultNamespace())
                return &d;
            alone = &d;
            ++matches;
        }
    }
    return matches == 1 ? alone : nullptr;
}

namespace {

// --diff A..B: how revision B's pod template differs from A's; --diff B: from the one before B.
int revisionDiff(CliContext &context, const QList<KubeRevision> &revisions, const QString &spec)
{
    const QStringList parts = spec.split(QStringLiteral(".."));
    bool ok = parts.size() <= 2;
    qint64 from = 0, to = 0;
    if (ok) {
        to = parts.last().toLongLong(&ok);
        if (ok && parts.size() == 2)
            from = parts.first().toLongLong(&ok);
    }
    if (!ok) {
        context.err << "error: --diff takes a revision (R: what it changed) or two (A..B)" << Qt::endl;
        return ExitUsage;
    }
    const KubeRevision *a = nullptr;
    const KubeRevision *b = nullptr;
    for (const KubeRevision &r : revisions) {
        if (r.revision == to)
            b = &r;
        if (parts.size() == 2 ? r.revision == from : r.revision < to)
            a = &r;  // sorted oldest first: the last one below `to` is the one before it
    }
    if (!b || (parts.size() == 2 && !a)) {
        context.err << "error: no revision " << (b ? from : to) << "; deploy history lists them" << Qt::endl;
        return ExitUsage;
    }
    context.out << "--- revision " << (a ? QString::number(a->revision) : QStringLiteral("(none)")) << Qt::endl
                << "+++ revision " << b->revision << Qt::endl;
    for (const TemplateDiffLine &line : templateDiff(a ? a->podTemplate : QByteArray("{}"), b->podTemplate)) {
        const char *mark = line.kind == TemplateDiffLine::Kind::Added ? "+ " : line.kind == TemplateDiffLine::Kind::Removed ? "- " : "  ";
        context.out << mark << line.text << Qt::endl;
    }
    return ExitOk;
}

} // namespace

int kubeHistory(CliContext &context, const KubeConnection &kube, const Deployment &deployment)
{
    const QList<KubeRevision> revisions = kube.watcher()->revisions(deployment.name);
    if (context.parser.isSet(QStringLiteral("diff")))
        return revisionDiff(context, revisions, context.parser.value(QStringLiteral("diff")));
    if (context.json) {
        QJsonArray array;
        for (const KubeRevision &r : revisions) {
            array.append(QJsonObject{{QStringLiteral("revision"), r.revision},
                                     {QStringLiteral("replica_set"), r.replicaSet},
                                     {QStringLiteral("images"), QJsonArray::fromStringList(r.images)},
                                     {QStringLiteral("change_cause"), r.changeCause.isEmpty() ? QJsonValue() : QJsonValue(r.changeCause)},
                                     {QStringLiteral("created_at"), r.createdMs > 0 ? QJsonValue(formatRfc3339Ms(r.createdMs)) : QJsonValue()},
                                     {QStringLiteral("current"), r.current}});
        }
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    context.out << QStringLiteral("REVISION").leftJustified(10) << QStringLiteral("CREATED").leftJustified(21)
                << QStringLiteral("IMAGE").leftJustified(48) << "CHANGE-CAUSE" << Qt::endl;
    for (const KubeRevision &r : revisions) {
        const QString created = r.createdMs > 0 ? QDateTime::fromMSecsSinceEpoch(r.createdMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("-");
        context.out << QString(QString::number(r.revision) + (r.current ? QStringLiteral(" *") : QString())).leftJustified(10)
                    << created.leftJustified(21) << r.images.join(QLatin1String(", ")).leftJustified(48)
                    << (r.changeCause.isEmpty() ? QStringLiteral("<none>") : r.changeCause) << Qt::endl;
    }
    context.out << revisions.size() << " revision(s) of " << deployment.name << " (* runs now)" << Qt::endl;
    return ExitOk;
}

int kubeAction(CliContext &context, const Profile &profile, KubeConnection &kube, const QString &action, const Deployment &deployment)
{
    KubeActionRequest request;
    request.environment = profile.name;
    request.nameSpace = deployment.project;
    request.name = deployment.service;
    request.reason = context.parser.value(QStringLiteral("reason"));
    if (action == u"restart") {
        request.kind = KubeActionRequest::Kind::Restart;
    } else if (action == u"scale") {
        bool ok = false;
        request.replicas = context.args.value(2).toInt(&ok);
        if (!ok || request.replicas < 0) {
            context.err << "error: deploy scale NAME N takes a replica count of 0 or more" << Qt::endl;
            return ExitUsage;
        }
        request.kind = KubeActionRequest::Kind::Scale;
    } else if (action == u"pause") {
        request.kind = KubeActionRequest::Kind::Pause;
    } else if (action == u"resume") {
        request.kind = KubeActionRequest::Kind::Resume;
    } else if (action == u"rollback") {
        request.kind = KubeActionRequest::Kind::Rollback;
        if (context.parser.isSet(QStringLiteral("to-revision"))) {
            bool ok = false;
            request.toRevision = context.parser.value(QStringLiteral("to-revision")).toLongLong(&ok);
            if (!ok || request.toRevision <= 0) {
                context.err << "error: --to-revision takes a revision number (see deploy history " << deployment.name << ")" << Qt::endl;
                return ExitUsage;
            }
        }
        // The plan: what changes in the pod template.
        QString error;
        const KubeDeployment *current = kube.watcher()->deployment(deployment.name);
        const auto target = current ? kubeRevisionToRollBackTo(*current, kube.watcher()->replicaSetsOf(*current), request.toRevision, &error)
                                    : std::nullopt;
        if (!target) {
            context.err << "error: " << (error.isEmpty() ? QStringLiteral("%1 is gone").arg(deployment.name) : error) << Qt::endl;
            return ExitFailed;
        }
        context.err << "plan: " << deployment.name << " from revision " << current->revision << " to revision " << target->revision << Qt::endl;
        for (const TemplateDiffLine &line : templateDiff(current->podTemplate, target->podTemplate)) {
            if (line.kind != TemplateDiffLine::Kind::Same)
                context.err << "plan: " << (line.kind == TemplateDiffLine::Kind::Added ? "+ " : "- ") << line.text << Qt::endl;
        }
        if (!deployment.managedBy.isEmpty())
            context.err << "warning: " << deployment.name << " is managed by " << deployment.managedBy
                        << ": it will put its own template back unless its sync is paused" << Qt::endl;
    } else {
        context.err << "error: " << action << " is a Docker action; for a Deployment use scale " << deployment.name << " 0" << Qt::endl;
        return ExitUsage;
    }

    KubeRollout job(kube.api(), AuditLog(AuditLog::defaultPath()), AuditActor{profile.operatorName, profile.name, QStringLiteral("cli")},
                    profile.readOnly, request);
    std::optional<KubeActionResult> result;
    QEventLoop loop;
    QObject::connect(&job, &KubeRollout::progress, &job, [&](const QString &step) { context.err << "progress: " << step << Qt::endl; });
    QObject::connect(&job, &KubeRollout::finished, &loop, [&](const KubeActionResult &r) {
        result = r;
        loop.quit();
    });
    job.start();
    if (!result)
        loop.exec();
    if (!result->ok) {
        context.err << "error: " << result->message << Qt::endl;
        return ExitFailed;
    }
    if (context.json) {
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("ok"), true},
                                                 {QStringLiteral("changed"), result->changed},
                                                 {QStringLiteral("message"), result->message}})
                           .toJson(QJsonDocument::Compact)
                    << Qt::endl;
    } else {
        context.out << result->message << Qt::endl;
    }
    return ExitOk;
}

} // namespace opsdeck::cli
