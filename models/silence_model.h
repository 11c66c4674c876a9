#pragma once

#include "alerts/alerts.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace opsdeck {

// The silences of every Alertmanager of a profile: active, pending and
// expired, each with how many current alerts it matches. Silences that end
// within 30 minutes and active ones that match no alert are flagged, because
// those are the ones an operator has to look at. Merged in place by id.
class SilenceModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StateColumn, EndsColumn, MatchersColumn, MatchingColumn, CreatedByColumn, CommentColumn, AlertmanagerColumn, ColumnCount };
    enum Role {
        SilenceRole = Qt::UserRole + 1,  // QVariant<Silence>
        AlertmanagerRole,                // QString
        ExpiringSoonRole,                // bool: active and ends within 30 minutes
        MatchesNothingRole,              // bool: active and matches no current alert
        StateKeyRole,                    // QString: active, pending, expired
        SortRole,
    };
    static constexpr qint64 expiringSoonMs = 30LL * 60 * 1000;

    explicit SilenceModel(QObject *parent = nullptr);
    void setClock(std::function<qint64()> clock) { m_now = std::move(clock); }

    // Replaces one Alertmanager's silences; alerts are that Alertmanager's current alerts.
    void setSilences(const QString &alertmanager, const std::vector<Silence> &silences, const std::vector<Alert> &alerts);
    const Silence *silenceAt(int row) const;
    QString alertmanagerAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString alertmanager;
        Silence silence;
        int matching = 0;
    };
    bool expiringSoon(const Row &row) const;
    std::vector<Row> m_rows;
    std::function<qint64()> m_now;
};

} // namespace opsdeck
