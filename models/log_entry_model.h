#pragma once

#include "db/pg_snapshot.h"
#include "keyed_table_model.h"

#include <QDateTime>

#include <functional>

namespace opsdeck {

// A monitoring database's recent ERROR (and worse) lines, newest first,
// merged by id so the selection stays as new lines come in.
class LogEntryModel : public KeyedTableModel<PgLogEntry, qint64>
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, ServiceColumn, MessageColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit LogEntryModel(QObject *parent = nullptr);
    void setEntries(std::vector<PgLogEntry> entries);
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    qint64 keyOf(const PgLogEntry &e) const override { return e.id; }

private:
    std::function<qint64()> m_nowMs = [] { return QDateTime::currentMSecsSinceEpoch(); };
};

} // namespace opsdeck
