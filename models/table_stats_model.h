#pragma once

#include "db/pg_snapshot.h"
#include "keyed_table_model.h"

#include <QDateTime>

#include <functional>

namespace opsdeck {

// The largest tables of a database: sizes (table, indexes, TOAST), live and
// dead tuples, an estimate of bloat, sequential against index scans, and when
// each was last vacuumed and analysed (by hand or by autovacuum).
class TableStatsModel : public KeyedTableModel<PgTable, QString>
{
    Q_OBJECT
public:
    enum Column {
        NameColumn, TotalColumn, TableColumn, IndexesColumn, ToastColumn, LiveColumn, DeadColumn, BloatColumn,
        SeqScanColumn, IndexScanColumn, VacuumColumn, AnalyzeColumn, ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit TableStatsModel(QObject *parent = nullptr);
    void setTables(std::vector<PgTable> tables);
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    QString keyOf(const PgTable &t) const override { return t.schema + u'.' + t.name; }

private:
    std::function<qint64()> m_nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

} // namespace opsdeck
