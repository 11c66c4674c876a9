#include "alert_model.h"

#include "badge_tone.h"

#include "alerts/ack_rules.h"
#include "alerts/alert_sources.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace opsdeck {

namespace {

QString labelsText(const Labels &labels)
{
    QStringList parts;
    for (const auto &[k, v] : labels)
        parts << QStringLiteral("%1=\"%2\"").arg(QString::fromStdString(k), QString::fromStdString(v));
    return parts.join(QLatin1String(", "));
}

QString ageText(qint64 seconds)
{
    if (seconds < 60)
        return AlertModel::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return AlertModel::tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 172800)
        return AlertModel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return AlertModel::tr("%n d", nullptr, int(seconds / 86400));
}

int stateRank(AlertState state)
{
    switch (state) {
    case AlertState::Firing: return 4;
    case AlertState::Pending: return 3;
    case AlertState::Acknowledged: return 2;
    case AlertState::Inhibited: return 1;
    case AlertState::Silenced: return 0;
    }
    return 0;
}

bool sameAlert(const Alert &a, const Alert &b)
{
    return a.state == b.state && a.startsAtMs == b.startsAtMs && a.silencedBy == b.silencedBy && a.inhibitedBy == b.inhibitedBy
        && a.annotations == b.annotations && a.labels == b.labels && a.generatorUrl == b.generatorUrl;
}

} // namespace

AlertModel::AlertModel(QObject *parent)
    : QAbstractItemModel(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

QString AlertModel::stateText(AlertState state)
{
    switch (state) {
    case AlertState::Pending: return tr("pending");
    case AlertState::Firing: return tr("firing");
    case AlertState::Inhibited: return tr("inhibited");
    case AlertState::Silenced: return tr("silenced");
    case AlertState::Acknowledged: return tr("acknowledged");
    }
    return {};
}

int AlertModel::severityRank(const QString &severity)
{
    const QString s = severity.toLower();
    if (s == u"critical" || s == u"page" || s == u"error")
        return 3;
    if (s == u"warning" || s == u"warn")
        return 2;
    if (s == u"info" || s == u"none")
        return 1;
    return 0;
}

void AlertModel::setGroupBy(GroupBy groupBy)
{
    if (groupBy == m_groupBy)
        return;
    // Every row moves: one reset with the new groups built inside it is far
    // cheaper for views and proxies than thousands of moves.
    beginResetModel();
    m_groupBy = groupBy;
    std::vector<Row> rows;
    rows.reserve(size_t(m_alertCount));
    for (Group &g : m_groups)
        std::move(g.rows.begin(), g.rows.end(), std::back_inserter(rows));
    m_groups.clear();
    distribute(std::move(rows));
    endResetModel();
    Q_EMIT countsChanged();
}

std::vector<const Alert *> AlertModel::mergedAlerts() const
{
    std::vector<AlertList> lists;
    lists.reserve(size_t(m_sources.size()));
    for (const SourceState &s : m_sources)
        lists.push_back({s.kind, &s.alerts});
    return mergeAlertLists(lists);  // without copying the alerts
}

void AlertModel::buildGroups(const std::vector<const Alert *> &alerts)
{
    std::vector<Row> rows;
    rows.reserve(alerts.size());
    for (const Alert *a : alerts)
        rows.push_back(makeRow(*a, m_sources[a->source]));
    distribute(std::move(rows));
}

void AlertModel::distribute(std::vector<Row> rows)
{
    QHash<QString, std::size_t> positions;
    if (flat())
        m_groups.push_back(Group{m_nextGroupId++, {}, {}, {}, 0});
    for (Row &row : rows) {
        QString title;
        const QString key = groupKeyOf(row.alert, &title);
        std::size_t position = 0;
        if (!flat()) {
            const auto it = positions.constFind(key);
            if (it == positions.constEnd()) {
                position = m_groups.size();
                positions.insert(key, position);
                m_groups.push_back(Group{m_nextGroupId++, key, title, {}, 0});
            } else {
                position = *it;
            }
        }
        m_groups[position].rows.push_back(std::move(row));
    }
    m_alertCount = 0;
    for (Group &g : m_groups) {
        updateGroupSummary(g);
        m_alertCount += int(g.rows.size());
    }
    reindexGroups();
}

void AlertModel::reindexGroups()
{
    m_groupPositions.clear();
    m_groupPositions.reserve(qsizetype(m_groups.size()));
    for (std::size_t i = 0; i < m_groups.size(); ++i)
        m_groupPositions.insert(m_groups[i].id, int(i));
}

void AlertModel::setSources(const std::vector<AlertSourceId> &sources)
{
    for (const AlertSourceId &id : sources) {
        if (!m_sources.contains(id.name)) {
            SourceState s;
            s.name = id.name;
            s.kind = id.kind;
            m_sources.insert(id.name, s);
        }
    }
    for (auto it = m_sources.begin(); it != m_sources.end();) {
        const bool declared = std::any_of(sources.begin(), sources.end(), [&it](const AlertSourceId &id) { return id.name == it.key(); });
        it = declared ? std::next(it) : m_sources.erase(it);
    }
    rebuild();
}

void AlertModel::takeGoodSnapshot(SourceState &s, const AlertSnapshot &snapshot)
{
    s.everAnswered = true;
    s.error.clear();
    s.answeredBy = snapshot.answeredBy;
    s.lastGoodAtMs = snapshot.fetchedAtMs;
    s.alerts = snapshot.alerts;
    s.silences = snapshot.silences;
}

void AlertModel::applySnapshot(const AlertSnapshot &snapshot)
{
    SourceState &s = m_sources[snapshot.source];
    s.name = snapshot.source;
    s.kind = snapshot.kind;
    s.fetchedAtMs = snapshot.fetchedAtMs;
    s.warnings = snapshot.warnings;
    s.restored = false;
    if (snapshot.ok) {
        takeGoodSnapshot(s, snapshot);
        s.stale = false;
    } else {
        // Keep what we had: a failing source must not blank the list.
        s.stale = true;
        s.error = snapshot.error;
    }
    rebuild();
    Q_EMIT sourceChanged(snapshot.source);
}

void AlertModel::restoreSnapshot(const AlertSnapshot &snapshot)
{
    const auto known = m_sources.constFind(snapshot.source);
    if (known == m_sources.constEnd() || known->fetchedAtMs != 0)
        return;  // a source no longer configured, or one that already answered live
    SourceState &s = m_sources[snapshot.source];
    s.kind = snapshot.kind;
    s.warnings = snapshot.warnings;
    s.fetchedAtMs = snapshot.fetchedAtMs;
    takeGoodSnapshot(s, snapshot);
    s.stale = true;
    s.restored = true;
    rebuild();
    Q_EMIT sourceChanged(snapshot.source);
}

std::vector<Alert> AlertModel::alerts() const
{
    std::vector<Alert> out;
    out.reserve(size_t(m_alertCount));
    for (const Group &g : m_groups) {
        for (const Row &r : g.rows)
            out.push_back(r.alert);
    }
    return out;
}

const std::vector<Silence> &AlertModel::silencesOf(const QString &source) const
{
    static const std::vector<Silence> none;
    const auto it = m_sources.constFind(source);
    return it == m_sources.constEnd() ? none : it->silences;
}

QMap<QString, int> AlertModel::openCountsBySeverity() const
{
    QMap<QString, int> counts;
    for (const Group &g : m_groups) {
        for (const Row &r : g.rows) {
            if (r.alert.state == AlertState::Firing)
                ++counts[r.alert.severity().isEmpty() ? QStringLiteral("none") : r.alert.severity().toLower()];
        }
    }
    return counts;
}

QString AlertModel::groupKeyOf(const Alert &alert, QString *title) const
{
    switch (m_groupBy) {
    case GroupBy::None:
        *title = QString();
        return {};
    case GroupBy::AlertmanagerGroup:
        if (alert.sourceKind == AlertSourceKind::Alertmanager && !alert.groupLabels.empty()) {
            *title = labelsText(alert.groupLabels);
            return alert.source + u'\x1f' + *title;
        }
        *title = alert.sourceKind == AlertSourceKind::Prometheus ? tr("%1 (not in Alertmanager)").arg(alert.source) : alert.source;
        return alert.source;
    case GroupBy::AlertName:
        *title = alert.name().isEmpty() ? tr("(no alert name)") : alert.name();
        return alert.name();
    case GroupBy::Service: {
        const QString target = alert.target();
        *title = target.isEmpty() ? tr("(no service)") : target;
        return target;
    }
    case GroupBy::Severity: {
        const QString severity = alert.severity().toLower();
        *title = severity.isEmpty() ? tr("(no severity)") : severity;
        return severity;
    }
    }
    return {};
}

AlertModel::Row AlertModel::makeRow(const Alert &alert, const SourceState &source) const
{
    Row row;
    row.key = alert.source + u'/' + alert.fingerprint;
    row.alert = alert;
    row.stale = source.stale;
    if (const Silence *ack = acknowledgementOf(alert, source.silences)) {
        row.ackedBy = ack->createdBy;
        row.ackComment = ack->comment;
        row.ackEndsAtMs = ack->endsAtMs;
    }
    QString text;
    for (const Labels *labels : {&alert.labels, &alert.annotations}) {
        for (const auto &[k, v] : *labels) {
            text += QString::fromStdString(v);
            text += u' ';
        }
    }
    row.searchText = (text + row.ackedBy).toLower();
    row.name = alert.name();
    row.severity = alert.severity();
    row.severityRank = severityRank(row.severity);
    row.target = alert.target();
    for (const char *name : {"summary", "description", "message"}) {
        const std::string v = alert.annotation(name);
        if (!v.empty()) {
            row.summary = QString::fromStdString(v).simplified();
            break;
        }
    }
    return row;
}

bool AlertModel::unchanged(const Row &row, const Alert &incoming, const SourceState &source) const
{
    if (row.stale != source.stale || !sameAlert(row.alert, incoming))
        return false;
    const Silence *ack = acknowledgementOf(incoming, source.silences);
    return ack ? (row.ackedBy == ack->createdBy && row.ackEndsAtMs == ack->endsAtMs && row.ackComment == ack->comment)
               : row.ackedBy.isEmpty();
}

void AlertModel::updateGroupSummary(Group &group)
{
    group.highestSeverity = 0;
    for (const Row &r : group.rows)
        group.highestSeverity = std::max(group.highestSeverity, r.severityRank);
}

int AlertModel::groupPosition(quint64 id) const
{
    return m_groupPositions.value(id, -1);
}

void AlertModel::rebuild()
{
    // What should be shown: every source's last good alerts, each alert once.
    const std::vector<const Alert *> merged = mergedAlerts();
    if (m_alertCount == 0) {
        // Nothing to keep: build it whole.
        beginResetModel();
        m_groups.clear();
        buildGroups(merged);
        endResetModel();
        Q_EMIT countsChanged();
        return;
    }

    struct Wanted {
        QString groupKey;
        QString groupTitle;
        const Alert *alert;
        bool placed = false;
    };
    QHash<QString, Wanted> wanted;
    wanted.reserve(qsizetype(merged.size()));
    std::vector<QString> order;  // first-seen order, so new rows arrive in a stable order
    order.reserve(merged.size());
    for (const Alert *a : merged) {
        QString title;
        QString key = a->source + u'/' + a->fingerprint;
        wanted.insert(key, Wanted{groupKeyOf(*a, &title), title, a});
        order.push_back(std::move(key));
    }

    // 1. Remove rows that went away or belong to another group now, in runs.
    for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
        Group &g = m_groups[gi];
        const QModelIndex parent = flat() ? QModelIndex() : createIndex(int(gi), 0, quintptr(0));
        int end = int(g.rows.size()) - 1;
        while (end >= 0) {
            auto gone = [&](int i) {
                const auto it = wanted.constFind(g.rows[size_t(i)].key);
                return it == wanted.constEnd() || it->groupKey != g.key;
            };
            if (!gone(end)) {
                --end;
                continue;
            }
            int start = end;
            while (start > 0 && gone(start - 1))
                --start;
            beginRemoveRows(parent, start, end);
            g.rows.erase(g.rows.begin() + start, g.rows.begin() + end + 1);
            endRemoveRows();
            end = start - 1;
        }
    }

    // 2. Update the rows that stay.
    for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
        Group &g = m_groups[gi];
        const QModelIndex parent = flat() ? QModelIndex() : createIndex(int(gi), 0, quintptr(0));
        for (std::size_t ri = 0; ri < g.rows.size(); ++ri) {
            Row &row = g.rows[ri];
            auto it = wanted.find(row.key);
            it->placed = true;
            const SourceState &source = m_sources[it->alert->source];
            if (unchanged(row, *it->alert, source))
                continue;
            row = makeRow(*it->alert, source);
            Q_EMIT dataChanged(index(int(ri), 0, parent), index(int(ri), ColumnCount - 1, parent));
        }
    }

    // 3. Add the new ones, group by group.
    QHash<QString, std::vector<Row>> arriving;
    QHash<QString, QString> titles;
    std::vector<QString> groupOrder;
    for (const QString &key : order) {
        const Wanted &w = wanted[key];
        if (w.placed)
            continue;
        if (!arriving.contains(w.groupKey)) {
            groupOrder.push_back(w.groupKey);
            titles.insert(w.groupKey, w.groupTitle);
        }
        arriving[w.groupKey].push_back(makeRow(*w.alert, m_sources[w.alert->source]));
    }
    for (const QString &groupKey : groupOrder) {
        std::vector<Row> &rows = arriving[groupKey];
        int gi = -1;
        for (std::size_t i = 0; i < m_groups.size(); ++i) {
            if (m_groups[i].key == groupKey) {
                gi = int(i);
                break;
            }
        }
        if (gi < 0) {
            // A new group arrives with its rows in one insertion.
            Group g{m_nextGroupId++, groupKey, titles.value(groupKey), std::move(rows), 0};
            updateGroupSummary(g);
            const int at = int(m_groups.size());
            beginInsertRows({}, at, at);
            m_groups.push_back(std::move(g));
            reindexGroups();
            endInsertRows();
            continue;
        }
        Group &g = m_groups[size_t(gi)];
        const QModelIndex parent = flat() ? QModelIndex() : createIndex(gi, 0, quintptr(0));
        const int first = int(g.rows.size());
        beginInsertRows(parent, first, first + int(rows.size()) - 1);
        std::move(rows.begin(), rows.end(), std::back_inserter(g.rows));
        endInsertRows();
    }

    // 4. Drop empty groups; refresh the others' summaries.
    if (!flat()) {
        for (int gi = int(m_groups.size()) - 1; gi >= 0; --gi) {
            if (!m_groups[size_t(gi)].rows.empty())
                continue;
            beginRemoveRows({}, gi, gi);
            m_groups.erase(m_groups.begin() + gi);
            reindexGroups();
            endRemoveRows();
        }
        for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
            updateGroupSummary(m_groups[gi]);
            Q_EMIT dataChanged(createIndex(int(gi), 0, quintptr(0)), createIndex(int(gi), ColumnCount - 1, quintptr(0)));
        }
    }

    m_alertCount = 0;
    for (const Group &g : m_groups)
        m_alertCount += int(g.rows.size());
    Q_EMIT countsChanged();
}

void AlertModel::refreshAges()
{
    for (std::size_t gi = 0; gi < m_groups.size(); ++gi) {
        const Group &g = m_groups[gi];
        if (g.rows.empty())
            continue;
        const QModelIndex parent = flat() ? QModelIndex() : createIndex(int(gi), 0, quintptr(0));
        Q_EMIT dataChanged(index(0, SinceColumn, parent), index(int(g.rows.size()) - 1, SinceColumn, parent), {Qt::DisplayRole});
    }
}

QModelIndex AlertModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (flat()) {
        if (parent.isValid() || m_groups.empty() || row >= int(m_groups[0].rows.size()))
            return {};
        return createIndex(row, column, quintptr(m_groups[0].id));
    }
    if (!parent.isValid())
        return row < int(m_groups.size()) ? createIndex(row, column, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= int(m_groups.size()))
        return {};
    const Group &g = m_groups[size_t(parent.row())];
    if (row >= int(g.rows.size()))
        return {};
    return createIndex(row, column, quintptr(g.id));
}

QModelIndex AlertModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || flat() || child.internalId() == 0)
        return {};
    const int position = groupPosition(child.internalId());
    return position < 0 ? QModelIndex() : createIndex(position, 0, quintptr(0));
}

int AlertModel::rowCount(const QModelIndex &parent) const
{
    if (flat())
        return parent.isValid() || m_groups.empty() ? 0 : int(m_groups[0].rows.size());
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.internalId() != 0 || parent.column() != 0 || parent.row() >= int(m_groups.size()))
        return 0;
    return int(m_groups[size_t(parent.row())].rows.size());
}

int AlertModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

const AlertModel::Row *AlertModel::rowAt(const QModelIndex &index) const
{
    if (!index.isValid() || (!flat() && index.internalId() == 0))
        return nullptr;
    const int position = groupPosition(index.internalId());
    if (position < 0 || index.row() >= int(m_groups[size_t(position)].rows.size()))
        return nullptr;
    return &m_groups[size_t(position)].rows[size_t(index.row())];
}

const Alert *AlertModel::alertAt(const QModelIndex &index) const
{
    const Row *row = rowAt(index);
    return row ? &row->alert : nullptr;
}

QString AlertModel::searchTextAt(const QModelIndex &index) const
{
    const Row *row = rowAt(index);
    return row ? row->searchText : QString();
}

QVariant AlertModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (const Row *row = rowAt(index))
        return rowData(*row, index.column(), role);
    if (!flat() && index.internalId() == 0 && index.row() < int(m_groups.size()))
        return groupData(m_groups[size_t(index.row())], index.column(), role);
    return {};
}

QVariant AlertModel::groupData(const Group &group, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return tr("%1 (%2)").arg(group.title).arg(group.rows.size());
        if (column == SeverityColumn) {
            static const char *names[] = {"", "info", "warning", "critical"};
            return QString::fromLatin1(names[std::clamp(group.highestSeverity, 0, 3)]);
        }
        return {};
    case Qt::FontRole: {
        if (column != NameColumn)
            return {};
        QFont font;
        font.setBold(true);
        return font;
    }
    case IsGroupRole:
        return true;
    case SeverityRankRole:
        return group.highestSeverity;
    case SortRole:
        if (column == SeverityColumn)
            return group.highestSeverity;
        if (column == SinceColumn) {
            qint64 newest = 0;
            for (const Row &r : group.rows)
                newest = std::max(newest, r.alert.startsAtMs);
            return newest;
        }
        return group.title.toLower();
    case SearchTextRole:
        return group.title.toLower();
    default:
        return {};
    }
}

QVariant AlertModel::rowData(const Row &row, int column, int role) const
{
    const Alert &a = row.alert;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return row.name;
        case SeverityColumn: return row.severity;
        case StateColumn: {
            const QString state = stateText(a.state);
            return row.stale ? tr("%1 (stale)").arg(state) : state;
        }
        case TargetColumn: return row.target;
        case SummaryColumn: return row.summary;
        case SinceColumn: return a.startsAtMs > 0 ? ageText(std::max<qint64>(0, (m_now() - a.startsAtMs) / 1000)) : QString();
        case SourceColumn: return a.source;
        case AckColumn:
            if (row.ackedBy.isEmpty())
                return {};
            if (isUntilResolved(row.ackComment))
                return tr("%1, until resolved").arg(row.ackedBy);
            return tr("%1 until %2").arg(row.ackedBy, QDateTime::fromMSecsSinceEpoch(row.ackEndsAtMs).toString(QStringLiteral("HH:mm")));
        }
        return {};
    case Qt::ToolTipRole:
        if (column == AckColumn && !row.ackedBy.isEmpty())
            return tr("Acknowledged by %1 until %2\n%3")
                .arg(row.ackedBy, QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.ackEndsAtMs), QLocale::ShortFormat),
                     commentForPeople(row.ackComment));
        if (column == SinceColumn && a.startsAtMs > 0)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.startsAtMs), QLocale::LongFormat);
        return labelsText(a.labels);
    case Qt::ForegroundRole:
        if (column == SeverityColumn) {
            switch (row.severityRank) {
            case 3: return QBrush(toneTextColor(BadgeTone::Bad));
            case 2: return QBrush(toneTextColor(BadgeTone::Warning));
            default: return {};
            }
        }
        if (row.stale || a.state == AlertState::Silenced || a.state == AlertState::Acknowledged || a.state == AlertState::Inhibited)
            return QBrush(toneTextColor(BadgeTone::Muted));
        return {};
    case Qt::FontRole:
        if (row.stale) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case AlertRole:
        return QVariant::fromValue(a);
    case IsGroupRole:
        return false;
    case SeverityRankRole:
        return row.severityRank;
    case StateRole:
        return int(a.state);
    case StaleRole:
        return row.stale;
    case SearchTextRole:
        return row.searchText;
    case AckedByRole:
        return row.ackedBy;
    case RowKeyRole:
        return row.key;
    case SortRole:
        switch (column) {
        case NameColumn: return row.name;
        case SeverityColumn: return row.severityRank;
        case StateColumn: return stateRank(a.state);
        case TargetColumn: return row.target;
        case SummaryColumn: return row.summary;
        case SinceColumn: return a.startsAtMs;
        default: return rowData(row, column, Qt::DisplayRole).toString();
        }
    default:
        return {};
    }
}

QVariant AlertModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Alert");
    case SeverityColumn: return tr("Severity");
    case StateColumn: return tr("State");
    case TargetColumn: return tr("Service / instance");
    case SummaryColumn: return tr("Summary");
    case SinceColumn: return tr("Since");
    case SourceColumn: return tr("Source");
    case AckColumn: return tr("Acknowledged");
    }
    return {};
}

} // namespace opsdeck
