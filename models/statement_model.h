#pragma once

#include "db/pg_snapshot.h"
#include "keyed_table_model.h"

namespace opsdeck {

struct StatementKeyHash {
    size_t operator()(const PgStatementKey &k) const
    {
        return std::hash<qint64>()(std::get<2>(k)) ^ (size_t(std::get<0>(k)) << 1) ^ (size_t(std::get<1>(k)) << 17)
               ^ size_t(std::get<3>(k));
    }
};

// One pg_stat_statements entry over a window: its counters in that window,
// its normalised text and who ran it where.
struct StatementEntry {
    PgStatementKey key;
    PgStatementCounters counters;
    QString text, user, database;
};

// The top statements of a window (the last 5/15/60 minutes, or since the
// reset), merged by entry so that the selection stays on the statement.
class StatementModel : public KeyedTableModel<StatementEntry, PgStatementKey, StatementKeyHash>
{
    Q_OBJECT
public:
    enum Column { QueryColumn, CallsColumn, TotalColumn, MeanColumn, RowsColumn, HitColumn, ReadColumn, UserColumn, DatabaseColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit StatementModel(QObject *parent = nullptr);
    void setEntries(std::vector<StatementEntry> entries);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    PgStatementKey keyOf(const StatementEntry &e) const override { return e.key; }
};

} // namespace opsdeck
