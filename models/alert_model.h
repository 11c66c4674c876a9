#pragma once

#include "alerts/alerts.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QMap>

#include <functional>
#include <vector>

namespace opsdeck {

// Every alert of every source of a profile as a tree: groups (by Alertmanager
// group, alert name, service or severity) with their alerts as children, or a
// flat list. Each source's snapshot merges in place (rows are followed by
// source and fingerprint), so selection, sort and scroll survive every poll.
// A source that fails keeps its last alerts, marked stale with its error.
class AlertModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SeverityColumn, StateColumn, TargetColumn, SinceColumn, AckColumn, SourceColumn, SummaryColumn, ColumnCount };
    enum Role {
        AlertRole = Qt::UserRole + 1,  // QVariant<Alert>, alert rows only
        IsGroupRole,                   // bool
        SeverityRankRole,              // int: critical 3, warning 2, info 1, other 0 (groups: their highest)
        StateRole,                     // int(AlertState)
        SortRole,                      // the raw value to sort by
        StaleRole,                     // bool: its source failed on the last poll
        SearchTextRole,                // QString: lower-cased labels and annotations, for free-text filters
        AckedByRole,                   // QString
        RowKeyRole,                    // QString: source/fingerprint
    };
    enum class GroupBy { None, AlertmanagerGroup, AlertName, Service, Severity };

    struct SourceState {
        QString name;
        AlertSourceKind kind = AlertSourceKind::Alertmanager;
        bool everAnswered = false;
        bool stale = false;
        bool restored = false;       // the alerts are the last known state's, from an earlier run
        QString error;
        QString answeredBy;
        QStringList warnings;
        qint64 fetchedAtMs = 0;      // the last poll, good or bad
        qint64 lastGoodAtMs = 0;
        std::vector<Alert> alerts;   // the last good ones
        std::vector<Silence> silences;
    };

    explicit AlertModel(QObject *parent = nullptr);

    void setGroupBy(GroupBy groupBy);
    GroupBy groupBy() const { return m_groupBy; }
    // Sources known before they answer, so a silent one shows as such.
    void setSources(const std::vector<AlertSourceId> &sources);
    void applySnapshot(const AlertSnapshot &snapshot);
    // A source's last good snapshot from the last known state of an earlier run:
    // shown, stale and marked restored, until the source answers (or fails) live.
    void restoreSnapshot(const AlertSnapshot &snapshot);
    void setClock(std::function<qint64()> clock) { m_now = std::move(clock); }
    // Re-evaluates ages (one dataChanged for the Since column).
    void refreshAges();

    const QMap<QString, SourceState> &sources() const { return m_sources; }
    // Every alert shown, in no particular order.
    std::vector<Alert> alerts() const;
    // The source's silences, by reference: acknowledgementOf() points into them.
    const std::vector<Silence> &silencesOf(const QString &source) const;
    // Alerts that need someone (firing, not silenced, inhibited or acknowledged), by severity.
    QMap<QString, int> openCountsBySeverity() const;
    int alertCount() const { return m_alertCount; }

    // The alert of an alert row (nullptr for groups), without a copy: for proxies and views.
    const Alert *alertAt(const QModelIndex &index) const;
    QString searchTextAt(const QModelIndex &index) const;

    static int severityRank(const QString &severity);
    static QString stateText(AlertState state);  // translated

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged();
    void sourceChanged(const QString &source);

private:
    struct Row {
        QString key;  // source/fingerprint
        Alert alert;
        QString ackedBy;
        QString ackComment;
        qint64 ackEndsAtMs = 0;
        bool stale = false;
        QString searchText;
        // Computed once per change, because sorting asks for them n log n times.
        QString name;
        QString severity;
        int severityRank = 0;
        QString target;
        QString summary;
    };
    struct Group {
        quint64 id = 0;  // stable: child indexes carry it, never a position
        QString key;
        QString title;
        std::vector<Row> rows;
        int highestSeverity = 0;
    };

    // A good answer's alerts, silences and who gave them, kept as the source's last good data
    // (a live answer and a restored one alike; staleness is the caller's).
    static void takeGoodSnapshot(SourceState &s, const AlertSnapshot &snapshot);
    void rebuild();
    std::vector<const Alert *> mergedAlerts() const;
    void buildGroups(const std::vector<const Alert *> &alerts);  // into an empty m_groups, no signals
    void distribute(std::vector<Row> rows);                     // likewise, rows already made
    bool unchanged(const Row &row, const Alert &incoming, const SourceState &source) const;
    void reindexGroups();  // after every change of m_groups' order or size
    QString groupKeyOf(const Alert &alert, QString *title) const;
    Row makeRow(const Alert &alert, const SourceState &source) const;
    int groupPosition(quint64 id) const;
    const Row *rowAt(const QModelIndex &index) const;
    QVariant groupData(const Group &group, int column, int role) const;
    QVariant rowData(const Row &row, int column, int role) const;
    bool flat() const { return m_groupBy == GroupBy::None; }
    void updateGroupSummary(Group &group);

    GroupBy m_groupBy = GroupBy::AlertName;
    QMap<QString, SourceState> m_sources;
    std::vector<Group> m_groups;  // in flat mode: one group whose rows are the top level
    QHash<quint64, int> m_groupPositions;  // group id → position, for parent() and rowAt()
    quint64 m_nextGroupId = 1;
    int m_alertCount = 0;
    std::function<qint64()> m_now;
};

} // namespace opsdeck
