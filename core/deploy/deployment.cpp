#include "deploy/deployment.h"

#include <QHash>

#include <algorithm>

namespace opsdeck {

QString deploymentStatusKey(DeploymentStatus status)
{
    switch (status) {
    case DeploymentStatus::Running: return QStringLiteral("running");
    case DeploymentStatus::Rolling: return QStringLiteral("rolling");
    case DeploymentStatus::Degraded: return QStringLiteral("degraded");
    case DeploymentStatus::Failed: return QStringLiteral("failed");
    case DeploymentStatus::Stopped: return QStringLiteral("stopped");
    }
    return QStringLiteral("stopped");
}

QString imageVersion(const QString &image, const QMap<QString, QString> &labels, const QString &imageId)
{
    QString reference = image.section(u'@', 0, 0);
    const qsizetype slash = reference.lastIndexOf(u'/');
    const qsizetype colon = reference.lastIndexOf(u':');
    const QString tag = colon > slash ? reference.mid(colon + 1) : QString();
    if (!tag.isEmpty() && tag != u"latest")
        return tag;
    const QString label = labels.value(QStringLiteral("org.opencontainers.image.version"));
    if (!label.isEmpty())
        return label;
    if (!tag.isEmpty())
        return tag;
    if (image.contains(QLatin1String("@sha256:")))
        return image.section(QLatin1String("@sha256:"), 1).left(12);
    QString id = imageId;
    if (id.startsWith(QLatin1String("sha256:")))
        id.remove(0, 7);
    return id.left(12);
}

QString deploymentName(const DockerContainer &container)
{
    const QString project = container.composeProject();
    const QString service = container.composeService();
    if (!project.isEmpty() && !service.isEmpty())
        return project + u'/' + service;
    return container.name;
}

namespace {

qint64 lastChange(const DockerContainer &c)
{
    return std::max({c.createdMs, c.startedMs, c.finishedMs});
}

// Why a replica is not up and healthy, in a few words.
QString replicaTrouble(const DockerContainer &c)
{
    if (c.state == u"restarting")
        return c.restartCount > 0 ? QStringLiteral("restarting (%1 restarts)").arg(c.restartCount) : QStringLiteral("restarting");
    if (c.state == u"exited" || c.state == u"dead")
        return c.exitCode != 0 ? QStringLiteral("exited with code %1").arg(c.exitCode) : QStringLiteral("exited");
    if (c.state == u"created")
        return QStringLiteral("created, not started");
    if (c.state == u"paused")
        return QStringLiteral("paused");
    if (c.health == u"unhealthy")
        return c.healthOutput.isEmpty() ? QStringLiteral("unhealthy")
                                        : QStringLiteral("unhealthy: %1").arg(c.healthOutput.section(u'\n', 0, 0).left(160));
    if (c.health == u"starting")
        return QStringLiteral("health check starting");
    return c.state;
}

bool failedOnItsOwn(const DockerContainer &c)
{
    return c.state == u"restarting" || c.state == u"dead" || ((c.state == u"exited") && c.exitCode != 0);
}

Deployment fold(const QList<const DockerContainer *> &replicas, const QString &environment)
{
    Deployment d;
    const DockerContainer &first = *replicas.first();
    d.name = deploymentName(first);
    d.environment = environment;
    d.source = QStringLiteral("docker");
    d.project = first.composeProject();
    d.service = d.project.isEmpty() ? first.name : first.composeService();
    d.desired = int(replicas.size());

    QHash<QString, int> perImage;
    QString troubled;
    int troubledCount = 0, starting = 0, failing = 0;
    for (const DockerContainer *c : replicas) {
        d.containerIds.append(c->id);
        ++perImage[c->image];
        d.changedMs = std::max(d.changedMs, lastChange(*c));
        if (c->isRunning())
            ++d.running;
        if (c->isHealthy()) {
            ++d.healthy;
            continue;
        }
        if (c->isRunning() && c->health == u"starting")
            ++starting;
        if (failedOnItsOwn(*c))
            ++failing;
        ++troubledCount;
        if (troubled.isEmpty() || c->health == u"unhealthy")
            troubled = replicaTrouble(*c);
    }
    d.images = perImage.keys();
    std::sort(d.images.begin(), d.images.end(), [&](const QString &a, const QString &b) {
        return perImage.value(a) != perImage.value(b) ? perImage.value(a) > perImage.value(b) : a < b;
    });
    d.version = imageVersion(d.images.first(), first.labels, first.imageId);
    for (const DockerContainer *c : replicas) {
        if (c->image == d.images.first()) {
            d.version = imageVersion(c->image, c->labels, c->imageId);
            break;
        }
    }

    if (d.running == 0) {
        d.status = failing > 0 ? DeploymentStatus::Failed : DeploymentStatus::Stopped;
        d.reason = d.desired == 1 ? troubled : QStringLiteral("%1 of %2: %3").arg(troubledCount).arg(d.desired).arg(troubled);
    } else if (d.images.size() > 1) {
        d.status = DeploymentStatus::Rolling;
        QStringList parts;
        for (const QString &image : std::as_const(d.images))
            parts.append(QStringLiteral("%1 ×%2").arg(imageVersion(image, first.labels, {})).arg(perImage.value(image)));
        d.reason = QStringLiteral("%1 versions: %2").arg(d.images.size()).arg(parts.join(QLatin1String(", ")));
    } else if (troubledCount > 0 && starting == troubledCount) {
        d.status = DeploymentStatus::Rolling;
        d.reason = QStringLiteral("%1 of %2 starting").arg(starting).arg(d.desired);
    } else if (troubledCount > 0) {
        d.status = DeploymentStatus::Degraded;
        d.reason = QStringLiteral("%1 of %2: %3").arg(troubledCount).arg(d.desired).arg(troubled);
    } else {
        d.status = DeploymentStatus::Running;
    }
    return d;
}

} // namespace

QList<Deployment> groupDockerDeployments(const QList<DockerContainer> &containers, const QString &environment)
{
    QHash<QString, QList<const DockerContainer *>> byName;
    byName.reserve(containers.size());
    for (const DockerContainer &c : containers) {
        if (c.oneOff())
            continue;
        byName[deploymentName(c)].append(&c);
    }
    QList<Deployment> out;
    out.reserve(byName.size());
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        out.append(fold(it.value(), environment));
    std::sort(out.begin(), out.end(), [](const Deployment &a, const Deployment &b) { return a.name < b.name; });
    return out;
}

} // namespace opsdeck
