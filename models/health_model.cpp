#include "health_model.h"

#include <QCoreApplication>
#include <QLocale>
#include <QThread>

namespace opsdeck {

QString healthStatusLabel(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy: return QCoreApplication::translate("HealthStatus", "healthy");
    case HealthStatus::Degraded: return QCoreApplication::translate("HealthStatus", "degraded");
    case HealthStatus::Down: return QCoreApplication::translate("HealthStatus", "down");
    case HealthStatus::Unreachable: return QCoreApplication::translate("HealthStatus", "unreachable");
    case HealthStatus::Unknown: break;
    }
    return QCoreApplication::translate("HealthStatus", "unknown");
}

HealthModel::HealthModel(QObject *parent)
    : QAbstractItemModel(parent), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void HealthModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

void HealthModel::setServices(const QList<ServiceEntry> &services)
{
    beginResetModel();
    m_services.clear();
    const QDateTime now = m_clock();
    for (const ServiceEntry &e : services) {
        Service s;
        s.entry = e;
        s.watchedSince = now;
        m_services.push_back(std::move(s));
    }
    endResetModel();
    Q_EMIT countsChanged();
}

int HealthModel::serviceRow(const QString &name) const
{
    for (size_t i = 0; i < m_services.size(); ++i) {
        if (m_services[i].entry.name == name)
            return int(i);
    }
    return -1;
}

const HealthHistory *HealthModel::history(const QString &service) const
{
    const int row = serviceRow(service);
    return row < 0 ? nullptr : &m_services[size_t(row)].history;
}

std::optional<ServiceHealth> HealthModel::lastHealth(const QString &service) const
{
    const int row = serviceRow(service);
    return row < 0 ? std::nullopt : m_services[size_t(row)].health;
}

bool HealthModel::isStale(int row) const
{
    return row >= 0 && row < serviceCount() && m_services[size_t(row)].stale;
}

QMap<HealthStatus, int> HealthModel::statusCounts() const
{
    QMap<HealthStatus, int> counts;
    for (const Service &s : m_services) {
        if (s.health)
            ++counts[s.health->status];
    }
    return counts;
}

void HealthModel::applyHealth(const ServiceHealth &health)
{
    Q_ASSERT(QThread::currentThread() == thread());
    const int row = serviceRow(health.service);
    if (row < 0)
        return;  // a late answer for a service no longer shown
    Service &s = m_services[size_t(row)];
    const std::optional<HealthStatus> before = s.health && !s.restored ? std::optional(s.health->status) : std::nullopt;
    s.restored = false;
    s.health = health;
    const bool changed = s.history.observe(health.checkedAt, health.status, health.reason);
    s.stale = false;
    s.flapping = s.history.isFlapping(m_clock());
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    mergeComponents(row, health.components);
    if (changed && before)
        Q_EMIT transitioned(health.service, *before, health.status, health.reason);
    if (!before || changed)
        Q_EMIT countsChanged();
}

void HealthModel::restoreHealth(const ServiceHealth &health)
{
    const int row = serviceRow(health.service);
    if (row < 0 || m_services[size_t(row)].health)
        return;  // a service no longer configured, or one already checked live
    Service &s = m_services[size_t(row)];
    s.health = health;
    s.restored = true;
    s.stale = true;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    mergeComponents(row, health.components);
    Q_EMIT countsChanged();
}

bool HealthModel::isRestored(int serviceRow) const
{
    return serviceRow >= 0 && serviceRow < serviceCount() && m_services[size_t(serviceRow)].restored;
}

void HealthModel::mergeComponents(int row, const QList<HealthComponent> &incoming)
{
    Service &s = m_services[size_t(row)];
    const QModelIndex parentIndex = index(row, 0);
    auto findIn = [](const QList<HealthComponent> &list, const QString &name) {
        for (int i = 0; i < list.size(); ++i) {
            if (list[i].name == name)
                return i;
        }
        return -1;
    };
    // Components that disappeared go; the rest stay where they are; new ones are appended.
    for (int i = int(s.components.size()) - 1; i >= 0; --i) {
        if (findIn(incoming, s.components[i].name) < 0) {
            beginRemoveRows(parentIndex, i, i);
            s.components.removeAt(i);
            endRemoveRows();
        }
    }
    bool anyChanged = false;
    for (HealthComponent &c : s.components) {
        const HealthComponent &fresh = incoming[findIn(incoming, c.name)];
        if (!(c == fresh)) {
            c = fresh;
            anyChanged = true;
        }
    }
    if (anyChanged && !s.components.isEmpty())
        Q_EMIT dataChanged(index(0, 0, parentIndex), index(int(s.components.size()) - 1, ColumnCount - 1, parentIndex));
    QList<HealthComponent> added;
    for (const HealthComponent &c : incoming) {
        if (findIn(s.components, c.name) < 0)
            added << c;
    }
    if (!added.isEmpty()) {
        const int first = int(s.components.size());
        beginInsertRows(parentIndex, first, first + int(added.size()) - 1);
        s.components << added;
        endInsertRows();
    }
}

void HealthModel::refreshAges()
{
    if (m_services.empty())
        return;
    const QDateTime now = m_clock();
    bool countsMayChange = false;
    for (Service &s : m_services) {
        const QDateTime last = s.health ? s.health->checkedAt : s.watchedSince;
        // An earlier run's check is stale however recent: nothing live has confirmed it.
        const bool stale = s.restored || last.msecsTo(now) > 2LL * s.entry.intervalS * 1000;
        countsMayChange |= stale != s.stale;
        s.stale = stale;
        s.flapping = s.history.isFlapping(now);
    }
    // One range for the whole table: the ages all moved.
    Q_EMIT dataChanged(index(0, StatusColumn), index(serviceCount() - 1, CheckedColumn));
    if (countsMayChange)
        Q_EMIT countsChanged();
}

QModelIndex HealthModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < serviceCount() ? createIndex(row, column, topLevel) : QModelIndex();
    if (parent.internalId() != topLevel || parent.row() >= serviceCount())
        return {};
    const Service &s = m_services[size_t(parent.row())];
    if (row >= s.components.size())
        return {};
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex HealthModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == topLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, topLevel);
}

int HealthModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return serviceCount();
    if (parent.internalId() != topLevel || parent.column() != 0 || parent.row() >= serviceCount())
        return 0;
    return int(m_services[size_t(parent.row())].components.size());
}

int HealthModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString HealthModel::ageText(const QDateTime &checkedAt) const
{
    const qint64 seconds = std::max<qint64>(0, checkedAt.secsTo(m_clock()));
    if (seconds < 60)
        return tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 2 * 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n d ago", nullptr, int(seconds / 86400));
}

QVariant HealthModel::serviceData(const Service &s, int column, int role) const
{
    const ServiceHealth *h = s.health ? &*s.health : nullptr;
    if (role == ServiceNameRole)
        return s.entry.name;
    if (role == IsServiceRole)
        return true;
    if (role == StaleRole)
        return s.stale;
    if (role == FlappingRole)
        return s.flapping;
    if (role == StatusRole)
        return h ? int(h->status) : QVariant();
    if (role == CheckedAtRole)
        return h ? h->checkedAt : QVariant();
    if (role == TlsUnverifiedRole)
        return s.entry.tlsUnverified;

    switch (column) {
    case ServiceColumn:
        if (role == SortRole)
            return s.entry.name;
        if (role == Qt::DisplayRole)
            return s.entry.tlsUnverified ? tr("%1 · TLS not verified").arg(s.entry.name) : s.entry.name;
        if (role == Qt::ToolTipRole && s.entry.tlsUnverified)
            return tr("The profile turns TLS certificate verification off for this service "
                      "(insecure_skip_verify): its answers could come from anyone on the path.");
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole) {
            if (!h)
                return s.stale ? tr("no answer") : tr("checking…");
            QString text = healthStatusLabel(h->status);
            if (s.flapping)
                text += tr(" · flapping");
            if (s.stale)
                text += tr(" · stale");
            return text;
        }
        if (role == SortRole)
            return h ? int(h->status) : -1;
        if (role == Qt::ToolTipRole && h) {
            QString tip = tr("%1 since %2").arg(healthStatusLabel(h->status),
                                                 s.history.since().toLocalTime().toString(Qt::ISODate));
            if (s.stale)
                tip += u'\n' + tr("No answer for more than two polling intervals: this is the last known state.");
            if (s.flapping)
                tip += u'\n' + tr("Changed state %1 times in the last 10 minutes.").arg(HealthHistory::flapThreshold);
            return tip;
        }
        break;
    case ReasonColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return h ? h->reason : QString();
        if (role == Qt::ToolTipRole && h) {
            QStringList lines{h->reason};
            for (const HealthProbe &p : h->probes)
                lines << QStringLiteral("%1 %2 → %3 (%4 ms)").arg(probeKindName(p.kind), p.url.toString(),
                                                                    healthStatusLabel(p.verdict.status)).arg(p.latencyMs);
            return lines.join(u'\n');
        }
        break;
    case LatencyColumn:
        if (role == Qt::DisplayRole) {
            // Without an answer the time to fail is no latency: show none.
            if (!h || h->status == HealthStatus::Unreachable)
                return QStringLiteral("—");
            return tr("%1 ms").arg(h->latencyMs);
        }
        if (role == SortRole)
            return h ? h->latencyMs : -1;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case VersionColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return h ? h->version : QString();
        break;
    case CheckedColumn:
        if (role == Qt::DisplayRole)
            return h ? ageText(h->checkedAt) : tr("never");
        if (role == SortRole)
            return h ? h->checkedAt : QDateTime();
        if (role == Qt::ToolTipRole && h && s.restored)
            return tr("Last known state, from before the console was restarted: %1")
                .arg(QLocale().toString(h->checkedAt.toLocalTime(), QLocale::ShortFormat));
        if (role == Qt::ToolTipRole && h)
            return h->checkedAt.toLocalTime().toString(Qt::ISODateWithMs);
        break;
    default:
        break;
    }
    return {};
}

QVariant HealthModel::componentData(const Service &s, const HealthComponent &c, int column, int role) const
{
    if (role == ServiceNameRole)
        return s.entry.name;
    if (role == IsServiceRole)
        return false;
    if (role == StatusRole)
        return int(c.status);
    if (role == StaleRole)
        return s.stale;
    if (role == FlappingRole)
        return false;
    switch (column) {
    case ServiceColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return c.name;
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return healthStatusLabel(c.status);
        if (role == SortRole)
            return int(c.status);
        break;
    case ReasonColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return c.detail;
        break;
    default:
        break;
    }
    return {};
}

QVariant HealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == topLevel)
        return serviceData(m_services[size_t(index.row())], index.column(), role);
    const Service &s = m_services[size_t(index.internalId() - 1)];
    return componentData(s, s.components[index.row()], index.column(), role);
}

QVariant HealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ServiceColumn: return tr("Service");
    case StatusColumn: return tr("Status");
    case ReasonColumn: return tr("Reason");
    case LatencyColumn: return tr("Latency");
    case VersionColumn: return tr("Version");
    case CheckedColumn: return tr("Last check");
    default: return {};
    }
}

} // namespace opsdeck
