#pragma once

#include "db/pg_snapshot.h"
#include "keyed_table_model.h"

#include <QDateTime>

#include <functional>

namespace opsdeck {

// The latest result of each data quality check of a monitoring database,
// failing ones marked.
class QualityCheckModel : public KeyedTableModel<PgQualityCheck, QString>
{
    Q_OBJECT
public:
    enum Column { CheckColumn, TableColumn, ResultColumn, WhenColumn, DetailsColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, PassedRole };

    explicit QualityCheckModel(QObject *parent = nullptr);
    void setChecks(std::vector<PgQualityCheck> checks);
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }
    int failingCount() const;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const PgQualityCheck &c) const override { return c.name; }

private:
    std::function<qint64()> m_nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

} // namespace opsdeck
