#include "deployment_model.h"

#include "common/compact_units.h"

#include <QCoreApplication>

#include <algorithm>

namespace opsdeck {

BadgeTone deploymentTone(DeploymentStatus status)
{
    switch (status) {
    case DeploymentStatus::Running: return BadgeTone::Good;
    case DeploymentStatus::Rolling: return BadgeTone::Neutral;
    case DeploymentStatus::Degraded: return BadgeTone::Warning;
    case DeploymentStatus::Failed: return BadgeTone::Bad;
    case DeploymentStatus::Stopped: return BadgeTone::Muted;
    }
    return BadgeTone::Neutral;
}

QString deploymentStatusText(DeploymentStatus status)
{
    switch (status) {
    case DeploymentStatus::Running: return QCoreApplication::translate("DeploymentModel", "running");
    case DeploymentStatus::Rolling: return QCoreApplication::translate("DeploymentModel", "rolling");
    case DeploymentStatus::Degraded: return QCoreApplication::translate("DeploymentModel", "degraded");
    case DeploymentStatus::Failed: return QCoreApplication::translate("DeploymentModel", "failed");
    case DeploymentStatus::Stopped: return QCoreApplication::translate("DeploymentModel", "stopped");
    }
    return {};
}

DeploymentModel::DeploymentModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

void DeploymentModel::setDeployments(QList<Deployment> deployments)
{
    replaceRows(std::vector<Deployment>(std::make_move_iterator(deployments.begin()), std::make_move_iterator(deployments.end())));
}

void DeploymentModel::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void DeploymentModel::refreshAges()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, ChangedColumn), index(rowCount() - 1, ChangedColumn), {Qt::DisplayRole});
}

const Deployment *DeploymentModel::deployment(const QString &key) const
{
    return rowAt(rowOf(key));
}

int DeploymentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentModel::data(const QModelIndex &index, int role) const
{
    const Deployment *d = rowAt(index.row());
    if (!d)
        return {};
    const qint64 age = d->changedMs > 0 ? std::max<qint64>(0, m_now() - d->changedMs) : -1;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return d->name;
        case VersionColumn: return d->version;
        case ReplicasColumn:
            return d->healthy == d->running ? tr("%1/%2").arg(d->running).arg(d->desired)
                                            : tr("%1/%2, %3 healthy").arg(d->running).arg(d->desired).arg(d->healthy);
        case StatusColumn: return deploymentStatusText(d->status);
        case ChangedColumn: return age < 0 ? QStringLiteral("—") : tr("%1 ago").arg(compactDuration(age));
        case ReasonColumn: return d->reason;
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return d->project.isEmpty() ? tr("standalone container %1").arg(d->name) : tr("Compose project %1, service %2").arg(d->project, d->service);
        case VersionColumn: return d->images.join(u'\n');
        case ChangedColumn:
            return d->changedMs > 0 ? QDateTime::fromMSecsSinceEpoch(d->changedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QVariant();
        case StatusColumn:
        case ReasonColumn: return m_stale ? tr("Docker is not live: this is what it said last") : QVariant(d->reason);
        }
        break;
    case Qt::ForegroundRole:
        if (m_stale)
            return toneTextColor(BadgeTone::Muted);
        break;
    case SortRole:
        switch (index.column()) {
        case ReplicasColumn: return d->desired ? double(d->healthy) / d->desired : 0.0;
        case StatusColumn: return int(d->status);
        case ChangedColumn: return d->changedMs;
        default: return data(index, Qt::DisplayRole);
        }
    case KeyRole: return d->key();
    case StatusRole: return int(d->status);
    }
    return {};
}

QVariant DeploymentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Service");
    case VersionColumn: return tr("Version");
    case ReplicasColumn: return tr("Replicas");
    case StatusColumn: return tr("Status");
    case ChangedColumn: return tr("Changed");
    case ReasonColumn: return tr("Reason");
    }
    return {};
}

ContainerModel::ContainerModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

void ContainerModel::setContainers(QList<DockerContainer> containers)
{
    std::sort(containers.begin(), containers.end(), [](const DockerContainer &a, const DockerContainer &b) { return a.name < b.name; });
    replaceRows(std::vector<DockerContainer>(std::make_move_iterator(containers.begin()), std::make_move_iterator(containers.end())));
}

int ContainerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

BadgeTone containerTone(const DockerContainer &c)
{
    if (c.health == u"unhealthy" || c.state == u"restarting" || c.state == u"dead" || (c.state == u"exited" && c.exitCode != 0))
        return BadgeTone::Bad;
    if (c.health == u"starting" || c.state == u"created" || c.state == u"paused")
        return BadgeTone::Warning;
    if (c.isRunning())
        return BadgeTone::Good;
    return BadgeTone::Muted;
}

QString portsText(const DockerContainer &c)
{
    QStringList parts;
    for (const DockerPort &p : c.ports) {
        parts << (p.publicPort ? QStringLiteral("%1→%2/%3").arg(p.publicPort).arg(p.privatePort).arg(p.type)
                               : QStringLiteral("%1/%2").arg(p.privatePort).arg(p.type));
    }
    parts.removeDuplicates();
    return parts.join(QLatin1String(", "));
}

} // namespace

QVariant ContainerModel::data(const QModelIndex &index, int role) const
{
    const DockerContainer *c = rowAt(index.row());
    if (!c)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return c->name;
        case StateColumn:
            return c->state == u"exited" && c->inspected ? tr("exited (%1)").arg(c->exitCode) : c->state;
        case HealthColumn: return c->health.isEmpty() || c->health == u"none" ? QStringLiteral("—") : c->health;
        case ImageColumn: return c->image;
        case RestartsColumn: return c->restartCount < 0 ? QStringLiteral("—") : QString::number(c->restartCount);
        case StartedColumn:
            return c->startedMs > 0 ? QDateTime::fromMSecsSinceEpoch(c->startedMs).toString(QStringLiteral("MM-dd HH:mm:ss")) : QStringLiteral("—");
        case PortsColumn: return portsText(*c);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case HealthColumn:
            return c->healthOutput.isEmpty() ? QVariant() : tr("Last health check output:\n%1").arg(c->healthOutput.left(2000));
        case ImageColumn: {
            QStringList lines{c->image};
            if (!c->digest.isEmpty())
                lines << c->digest;
            if (!c->imageId.isEmpty())
                lines << tr("image %1").arg(c->imageId);
            return lines.join(u'\n');
        }
        case NameColumn: return c->id;
        case StateColumn: return c->statusText;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn || index.column() == HealthColumn) {
            const BadgeTone tone = containerTone(*c);
            if (tone == BadgeTone::Bad || tone == BadgeTone::Warning)
                return toneTextColor(tone);
        }
        break;
    case IdRole: return c->id;
    case ToneRole: return int(containerTone(*c));
    }
    return {};
}

QVariant ContainerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Container");
    case StateColumn: return tr("State");
    case HealthColumn: return tr("Health");
    case ImageColumn: return tr("Image");
    case RestartsColumn: return tr("Restarts");
    case StartedColumn: return tr("Started");
    case PortsColumn: return tr("Ports");
    }
    return {};
}

DeployHistoryModel::DeployHistoryModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

QString DeployHistoryModel::keyOf(const DeployChange &c) const
{
    return QStringLiteral("%1|%2|%3|%4").arg(c.timeMs).arg(int(c.kind)).arg(c.name, c.toImage);
}

void DeployHistoryModel::setChanges(QList<DeployChange> changes)
{
    std::sort(changes.begin(), changes.end(), [](const DeployChange &a, const DeployChange &b) { return a.timeMs > b.timeMs; });
    replaceRows(std::vector<DeployChange>(std::make_move_iterator(changes.begin()), std::make_move_iterator(changes.end())));
}

QString DeployHistoryModel::describe(const DeployChange &c)
{
    if (c.kind == DeployChange::Kind::Restart)
        return tr("restart");
    if (c.fromImage.isEmpty())
        return c.toImage;
    return QStringLiteral("%1 → %2").arg(c.fromImage, c.toImage);
}

int DeployHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeployHistoryModel::data(const QModelIndex &index, int role) const
{
    const DeployChange *c = rowAt(index.row());
    if (!c)
        return {};
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(c->timeMs).toString(QStringLiteral("MM-dd HH:mm:ss"));
        case ChangeColumn: return describe(*c);
        case ActorColumn: return c->actor.isEmpty() ? tr("outside OpsDeck") : c->actor;
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ActorColumn && c->actor.isEmpty())
        return toneTextColor(BadgeTone::Muted);
    if (role == ImageRole)
        return c->kind == DeployChange::Kind::Deploy ? c->fromImage : QString();
    return {};
}

QVariant DeployHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("When");
    case ChangeColumn: return tr("Change");
    case ActorColumn: return tr("By");
    }
    return {};
}

} // namespace opsdeck
