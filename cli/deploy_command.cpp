#include "deploy_command.h"

#include "deploy_kube.h"

#include "common/compact_units.h"
#include "common/rfc3339.h"
#include "deploy/deploy_history.h"
#include "deploy/docker_logs.h"
#include "deploy/docker_rollout.h"
#include "deploy/docker_watcher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace opsdeck::cli {

namespace {

constexpr int connectWaitMs = 30000;

QString isoTime(qint64 ms)
{
    return ms > 0 ? formatRfc3339Ms(ms) : QString();
}

QString age(qint64 ms)
{
    return ms > 0 ? compactDuration(std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - ms)) : QStringLiteral("-");
}

QJsonObject deploymentJson(const Deployment &d)
{
    return {{QStringLiteral("name"), d.name},
            {QStringLiteral("environment"), d.environment},
            {QStringLiteral("source"), d.source},
            {QStringLiteral("project"), d.project.isEmpty() ? QJsonValue() : QJsonValue(d.project)},
            {QStringLiteral("images"), QJsonArray::fromStringList(d.images)},
            {QStringLiteral("version"), d.version},
            {QStringLiteral("replicas"), QJsonObject{{QStringLiteral("desired"), d.desired},
                                                    {QStringLiteral("running"), d.running},
                                                    {QStringLiteral("healthy"), d.healthy}}},
            {QStringLiteral("status"), deploymentStatusKey(d.status)},
            {QStringLiteral("reason"), d.reason},
            {QStringLiteral("changed_at"), d.changedMs > 0 ? QJsonValue(isoTime(d.changedMs)) : QJsonValue()}};
}

QString changeKind(const DeployChange &c)
{
    return c.kind == DeployChange::Kind::Deploy ? QStringLiteral("deploy") : QStringLiteral("restart");
}

// The profile's engine, listed and each container inspected; nullptr with the reason said.
std::unique_ptr<DockerWatcher> connectedWatcher(CliContext &context, const Profile &profile, HttpClient *http)
{
    QString error;
    const std::optional<DockerEndpoint> endpoint = dockerEndpoint(profile.docker, QProcessEnvironment::systemEnvironment(), &error);
    if (!endpoint) {
        context.err << "error: " << error << Qt::endl;
        return nullptr;
    }
    auto watcher = std::make_unique<DockerWatcher>(http, *endpoint, profile.name);
    watcher->setHistoryLog(DeployHistoryLog::defaultPath());
    QEventLoop loop;
    bool settled = false;
    QObject::connect(watcher.get(), &DockerWatcher::changed, &loop, [&] {
        settled = settled || watcher->settled();
        // A failure ends the wait at once: a script wants the reason, not a retry.
        if (settled || !watcher->snapshot().error.isEmpty())
            loop.quit();
    });
    QTimer::singleShot(connectWaitMs, &loop, &QEventLoop::quit);
    watcher->start();
    loop.exec();
    if (!settled) {
        const QString why = watcher->snapshot().error.isEmpty() ? QStringLiteral("Docker at %1 did not answer within %2 s").arg(endpoint->host).arg(connectWaitMs / 1000)
                                                                 : watcher->snapshot().error;
        context.err << "error: " << why << Qt::endl;
        return nullptr;
    }
    return watcher;
}

// By its full name ("demo/api-gateway"), or by its service alone ("api-gateway") when only one deployment runs it.
const Deployment *findDeployment(const DockerSnapshot &snapshot, const QString &name)
{
    const Deployment *byService = nullptr;
    int services = 0;
    for (const Deployment &d : snapshot.deployments) {
        if (d.name == name)
            return &d;
        if (deploymentServes(d.name, name)) {
            byService = &d;
            ++services;
        }
    }
    return services == 1 ? byService : nullptr;
}

QList<DeployChange> historyOf(const DockerWatcher &watcher, const QString &name)
{
    QList<DeployChange> seen;
    for (const DeployChange &c : watcher.history()) {
        if (c.name == name)
            seen.append(c);
    }
    return attributeDeployChanges(seen, auditedRollouts(readAuditLog(AuditLog::defaultPath())));
}

// The rows of every source, then one line per source saying where they came from.
int list(CliContext &context, const QList<Deployment> &deployments, const QStringList &sources)
{
    if (context.json) {
        QJsonArray array;
        for (const Deployment &d : deployments) {
            QJsonObject row = deploymentJson(d);
            if (d.source == u"kubernetes") {
                row.insert(QStringLiteral("revision"), d.revision);
                row.insert(QStringLiteral("paused"), d.paused);
                if (!d.managedBy.isEmpty())
                    row.insert(QStringLiteral("managed_by"), d.managedBy);
            }
            array.append(row);
        }
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    int nameWidth = 4, versionWidth = 7;
    for (const Deployment &d : deployments) {
        nameWidth = std::max(nameWidth, int(d.name.size()));
        versionWidth = std::max(versionWidth, int(d.version.size()));
    }
    auto row = [&](const QString &name, const QString &version, const QString &replicas, const QString &status, const QString &changed,
                   const QString &reason) {
        context.out << name.leftJustified(nameWidth + 2) << version.leftJustified(versionWidth + 2) << replicas.leftJustified(10)
                    << status.leftJustified(10) << changed.leftJustified(9) << reason << Qt::endl;
    };
    row(QStringLiteral("NAME"), QStringLiteral("VERSION"), QStringLiteral("UP/WANT"), QStringLiteral("STATUS"), QStringLiteral("CHANGED"),
        QStringLiteral("REASON"));
    for (const Deployment &d : deployments) {
        const QString replicas = d.healthy == d.running ? QStringLiteral("%1/%2").arg(d.running).arg(d.desired)
                                                        : QStringLiteral("%1/%2 (%3 ok)").arg(d.running).arg(d.desired).arg(d.healthy);
        row(d.name, d.version, replicas, deploymentStatusKey(d.status), age(d.changedMs), d.reason);
    }
    context.out << deployments.size() << " deployment(s) on " << sources.join(QLatin1String(" and ")) << Qt::endl;
    return ExitOk;
}

int history(CliContext &context, const DockerWatcher &watcher, const QString &name)
{
    const QList<DeployChange> changes = historyOf(watcher, name);
    if (context.json) {
        QJsonArray array;
        for (const DeployChange &c : changes) {
            array.append(QJsonObject{{QStringLiteral("time"), isoTime(c.timeMs)},
                                     {QStringLiteral("kind"), changeKind(c)},
                                     {QStringLiteral("from"), c.fromImage},
                                     {QStringLiteral("to"), c.toImage},
                                     {QStringLiteral("actor"), c.actor.isEmpty() ? QJsonValue() : QJsonValue(c.actor)}});
        }
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (changes.isEmpty()) {
        context.out << "no change of " << name << " seen yet (OpsDeck keeps what it sees from now on; the engine keeps its recent events only)"
                    << Qt::endl;
        return ExitOk;
    }
    for (const DeployChange &c : changes) {
        const QString what = c.kind == DeployChange::Kind::Deploy
                                 ? (c.fromImage.isEmpty() ? c.toImage : QStringLiteral("%1 → %2").arg(c.fromImage, c.toImage))
                                 : QStringLiteral("restart");
        context.out << QDateTime::fromMSecsSinceEpoch(c.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                    << changeKind(c).leftJustified(8) << what << (c.actor.isEmpty() ? QString() : QStringLiteral("  by ") + c.actor) << Qt::endl;
    }
    return ExitOk;
}

int logs(CliContext &context, const DockerWatcher &watcher, const QString &name)
{
    QList<DockerLogs::Target> targets;
    if (const Deployment *d = findDeployment(watcher.snapshot(), name)) {
        for (const DockerContainer &c : watcher.snapshot().containers) {
            if (d->containerIds.contains(c.id))
                targets.append({c.id, c.name});
        }
    }
    if (targets.isEmpty()) {
        context.err << "error: no deployment or container named \"" << name << "\"; try deploy list" << Qt::endl;
        return ExitUsage;
    }
    bool tailOk = true;
    const int tail = context.parser.isSet(QStringLiteral("tail")) ? context.parser.value(QStringLiteral("tail")).toInt(&tailOk) : 100;
    if (!tailOk || tail < 0) {
        context.err << "error: --tail takes a number of lines" << Qt::endl;
        return ExitUsage;
    }
    const bool follow = context.parser.isSet(QStringLiteral("follow"));
    const bool prefix = targets.size() > 1;
    DockerLogs reader(watcher.endpoint(), watcher.snapshot().apiVersion);
    int failures = 0;
    QObject::connect(&reader, &DockerLogs::lines, &reader, [&](const QList<ContainerLogLine> &lines) {
        for (const ContainerLogLine &l : lines) {
            QTextStream &stream = l.line.stream == LogLine::Stream::Stderr ? context.err : context.out;
            if (prefix)
                stream << l.container << " | ";
            stream << l.line.text << (l.line.truncated ? QStringLiteral(" […]") : QString()) << Qt::endl;
        }
    });
    QObject::connect(&reader, &DockerLogs::streamEnded, &reader, [&](const QString &container, const QString &error) {
        if (!error.isEmpty()) {
            context.err << "error: logs of " << container << ": " << error << Qt::endl;
            ++failures;
        }
    });
    QEventLoop loop;
    QObject::connect(&reader, &DockerLogs::finished, &loop, &QEventLoop::quit);
    reader.start(targets, tail, follow);
    if (reader.running())
        loop.exec();
    return failures ? ExitFailed : ExitOk;
}

#ifdef Q_OS_UNIX
std::atomic<bool> interruptedDuringRollout{false};
extern "C" void onRolloutInterrupt(int)
{
    interruptedDuringRollout.store(true);
}
#endif

int rollout(CliContext &context, const Profile &profile, HttpClient *http, DockerWatcher &watcher, const QString &action, const QString &name)
{
    const Deployment *d = findDeployment(watcher.snapshot(), name);
    if (!d) {
        context.err << "error: no deployment named \"" << name << "\"; try deploy list" << Qt::endl;
        return ExitUsage;
    }
    DockerRolloutRequest request;
    request.environment = profile.name;
    request.deployment = d->name;
    QList<DockerContainer> replicas;
    for (const DockerContainer &c : watcher.snapshot().containers) {
        if (d->containerIds.contains(c.id))
            replicas.append(c);
    }
    std::sort(replicas.begin(), replicas.end(), [](const DockerContainer &a, const DockerContainer &b) { return a.name < b.name; });
    for (const DockerContainer &c : std::as_const(replicas))
        request.replicas.append(c.id);
    request.reason = context.parser.value(QStringLiteral("reason"));
    if (action == u"restart") {
        request.kind = DockerRolloutRequest::Kind::Restart;
    } else if (action == u"stop") {
        request.kind = DockerRolloutRequest::Kind::Stop;
    } else if (action == u"start") {
        request.kind = DockerRolloutRequest::Kind::Start;
    } else {
        request.kind = DockerRolloutRequest::Kind::Rollback;
        request.fromImage = d->images.value(0);
        request.toImage = context.parser.value(QStringLiteral("to"));
        if (request.toImage.isEmpty()) {
            request.toImage = previousImage(historyOf(watcher, d->name), request.fromImage);
            if (request.toImage.isEmpty()) {
                context.err << "error: no image before " << request.fromImage << " is known for " << d->name
                            << " (the engine keeps its recent events only); name one with --to IMAGE" << Qt::endl;
                return ExitUsage;
            }
        }
        if (request.toImage == request.fromImage && d->images.size() == 1) {
            context.err << "error: " << d->name << " already runs " << request.toImage << Qt::endl;
            return ExitUsage;
        }
    }
    for (const QString &line : DockerRollout::plan(request, replicas))
        context.err << "plan: " << line << Qt::endl;

    DockerRollout job(http, watcher.endpoint(), watcher.snapshot().apiVersion, AuditLog(AuditLog::defaultPath()),
                      AuditActor{profile.operatorName, profile.name, QStringLiteral("cli")}, profile.readOnly, request);
    std::optional<DockerRolloutResult> result;
    QEventLoop loop;
    QObject::connect(&job, &DockerRollout::progress, &job, [&](const QString &step) { context.err << "progress: " << step << Qt::endl; });
    QObject::connect(&job, &DockerRollout::finished, &loop, [&](const DockerRolloutResult &r) {
        result = r;
        loop.quit();
    });
#ifdef Q_OS_UNIX
    // A rollout stopped halfway would leave a replica renamed or stopped: it runs
    // to its end (or puts back) whatever the keyboard says.
    struct sigaction handler {};
    handler.sa_handler = onRolloutInterrupt;
    sigemptyset(&handler.sa_mask);
    sigaction(SIGINT, &handler, nullptr);
    sigaction(SIGTERM, &handler, nullptr);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &job, [&] {
        if (interruptedDuringRollout.exchange(false))
            context.err << "note: the rollout finishes (or puts back) before it exits" << Qt::endl;
    });
    poll.start(200);
#endif
    job.start();
    if (!result)
        loop.exec();
    if (!result->ok) {
        context.err << "error: " << result->message << Qt::endl;
        return ExitFailed;
    }
    if (context.json)
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("message"), result->message}}).toJson(QJsonDocument::Compact)
                    << Qt::endl;
    else
        context.out << result->message << Qt::endl;
    return ExitOk;
}

} // namespace

int runDeploy(CliContext &context)
{
    QString name = context.args.value(1);
    const QStringList actions{QStringLiteral("list"), QStringLiteral("history"), QStringLiteral("logs"), QStringLiteral("restart"),
                              QStringLiteral("stop"), QStringLiteral("start"), QStringLiteral("rollback"), QStringLiteral("scale"),
                              QStringLiteral("pause"), QStringLiteral("resume")};
    const QString action = context.args.value(0);
    if (!actions.contains(action)) {
        context.err << "error: deploy takes one of " << actions.join(QStringLiteral(", ")) << Qt::endl;
        return ExitUsage;
    }
    if (action != u"list" && name.isEmpty()) {
        context.err << "error: deploy " << action
                    << " needs a deployment's name (project/service, a container's name, or namespace/name)" << Qt::endl;
        return ExitUsage;
    }
    const Profile *profile = context.loadProfile();
    if (!profile)
        return ExitUsage;
    HttpClient http;
    // A profile with a cluster and no engine named reads the cluster alone; any
    // other reads its engine (DOCKER_HOST, the local socket) as before.
    std::unique_ptr<DockerWatcher> watcher;
    std::unique_ptr<KubeConnection> kube;
    bool failed = false;
    if (profile->docker || !profile->kubernetes) {
        watcher = connectedWatcher(context, *profile, &http);
        failed = !watcher;
    }
    if (profile->kubernetes) {
        kube = connectedKube(context, *profile, &http);
        failed = failed || !kube;
    }
    if (action == u"list") {
        QList<Deployment> rows;
        QStringList sources;
        if (watcher) {
            rows += watcher->snapshot().deployments;
            sources << QStringLiteral("Docker %1 at %2").arg(watcher->snapshot().engineVersion, watcher->snapshot().host);
        }
        if (kube) {
            rows += kube->watcher()->snapshot().deployments;
            sources << QStringLiteral("Kubernetes %1 (%2)").arg(kube->api()->target().contextName,
                                                                kube->namespaces().isEmpty() ? QStringLiteral("every namespace")
                                                                                             : kube->namespaces().join(QLatin1String(", ")));
        }
        if (sources.isEmpty())
            return ExitFailed;
        const int code = list(context, rows, sources);
        return failed ? ExitFailed : code;  // what answered is listed; the exit says a source did not
    }
    const Deployment *fromDocker = watcher ? findDeployment(watcher->snapshot(), name) : nullptr;
    const Deployment *fromKube = kube ? findKubeDeployment(*kube, name) : nullptr;
    if (fromDocker && fromKube) {
        context.err << "error: \"" << name << "\" names both a Compose service (" << fromDocker->name << ") and a Kubernetes Deployment ("
                    << fromKube->name << "); name one of them in full" << Qt::endl;
        return ExitUsage;
    }
    if (fromKube) {
        if (action == u"history")
            return kubeHistory(context, *kube, *fromKube);
        if (action == u"logs") {
            context.err << "error: the logs of a Kubernetes Deployment are not read by OpsDeck yet; kubectl logs deploy/" << fromKube->service
                        << " -n " << fromKube->project << " shows them" << Qt::endl;
            return ExitUsage;
        }
        return kubeAction(context, *profile, *kube, action, *fromKube);
    }
    if (!watcher) {
        context.err << "error: no deployment named \"" << name << "\"; try deploy list" << Qt::endl;
        return failed ? ExitFailed : ExitUsage;
    }
    if (action == u"scale" || action == u"pause" || action == u"resume") {
        context.err << "error: " << action << " is a Kubernetes action; \"" << name << "\" is not a Deployment of "
                    << (kube ? QStringLiteral("the cluster") : QStringLiteral("this profile (it has no kubernetes object)")) << Qt::endl;
        return ExitUsage;
    }
    if (fromDocker)
        name = fromDocker->name;
    if (action == u"history")
        return history(context, *watcher, name);
    if (action == u"logs")
        return logs(context, *watcher, name);
    return rollout(context, *profile, &http, *watcher, action, name);
}

} // namespace opsdeck::cli
