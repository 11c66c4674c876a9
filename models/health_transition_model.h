#pragma once

#include "health_history.h"

#include <QAbstractTableModel>

namespace opsdeck {

class HealthModel;

// The transitions of one service, newest first: what the Health panel shows
// under the table for the selected service.
class HealthTransitionModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, FromColumn, ToColumn, ReasonColumn, ColumnCount };
    enum Role { StatusRole = Qt::UserRole + 1 };  // int(HealthStatus) of the "to" state, on every column

    explicit HealthTransitionModel(const HealthModel *source, QObject *parent = nullptr);

    void setService(const QString &service);
    QString service() const { return m_service; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void onTransitioned(const QString &service);
    const HealthTransition &transitionAt(int row) const;

    const HealthModel *m_source;
    QString m_service;
    int m_count = 0;  // rows shown; the history may only grow at its end (or drop its oldest)
};

} // namespace opsdeck
