#include "statement_model.h"

#include "common/compact_units.h"
#include "common/display_text.h"

namespace opsdeck {

namespace {

double meanMs(const PgStatementCounters &c)
{
    return c.calls > 0 ? c.totalMs / double(c.calls) : 0;
}

double hitRatio(const PgStatementCounters &c)
{
    const qint64 blocks = c.sharedHit + c.sharedRead;
    return blocks > 0 ? double(c.sharedHit) / double(blocks) : -1;
}

QString milliseconds(double ms)
{
    if (ms >= 10000)
        return QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 1);
    return QStringLiteral("%1 ms").arg(ms, 0, 'f', ms >= 100 ? 0 : 2);
}

} // namespace

StatementModel::StatementModel(QObject *parent) : KeyedTableModel(parent)
{
}

void StatementModel::setEntries(std::vector<StatementEntry> entries)
{
    replaceRows(std::move(entries));
}

int StatementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatementModel::data(const QModelIndex &index, int role) const
{
    const StatementEntry *e = rowAt(index.row());
    if (!e)
        return {};
    const PgStatementCounters &c = e->counters;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case QueryColumn: return e->text.isEmpty() ? tr("(text not read yet)") : singleLine(e->text, 300);
        case CallsColumn: return c.calls;
        case TotalColumn: return milliseconds(c.totalMs);
        case MeanColumn: return milliseconds(meanMs(c));
        case RowsColumn: return c.rows;
        case HitColumn: return hitRatio(c) < 0 ? QString() : QStringLiteral("%1 %").arg(hitRatio(c) * 100, 0, 'f', 1);
        case ReadColumn: return c.sharedRead;
        case UserColumn: return singleLine(e->user, 64);
        case DatabaseColumn: return singleLine(e->database, 64);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case CallsColumn: return c.calls;
        case TotalColumn: return c.totalMs;
        case MeanColumn: return meanMs(c);
        case RowsColumn: return c.rows;
        case HitColumn: return hitRatio(c);
        case ReadColumn: return c.sharedRead;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (index.column() == QueryColumn)
            return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(multiLine(e->text, 4000).toHtmlEscaped());
        if (index.column() == HitColumn)
            return tr("Shared blocks found in PostgreSQL's buffer cache: %1 hit, %2 read").arg(c.sharedHit).arg(c.sharedRead);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= CallsColumn && index.column() <= ReadColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant StatementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case QueryColumn: return tr("Query");
    case CallsColumn: return tr("Calls");
    case TotalColumn: return tr("Total time");
    case MeanColumn: return tr("Mean");
    case RowsColumn: return tr("Rows");
    case HitColumn: return tr("Cache hit");
    case ReadColumn: return tr("Blocks read");
    case UserColumn: return tr("User");
    case DatabaseColumn: return tr("Database");
    }
    return {};
}

} // namespace opsdeck
