#include "table_stats_model.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"

#include <QBrush>

namespace opsdeck {

namespace {

double deadShare(const PgTable &t)
{
    const qint64 all = t.liveTuples + t.deadTuples;
    return all > 0 ? double(t.deadTuples) / double(all) : 0;
}

qint64 newest(qint64 a, qint64 b)
{
    return std::max(a, b);
}

} // namespace

TableStatsModel::TableStatsModel(QObject *parent) : KeyedTableModel(parent)
{
}

void TableStatsModel::setTables(std::vector<PgTable> tables)
{
    replaceRows(std::move(tables));
}

int TableStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TableStatsModel::data(const QModelIndex &index, int role) const
{
    const PgTable *t = rowAt(index.row());
    if (!t)
        return {};
    const qint64 vacuumed = newest(t->lastVacuumMs, t->lastAutovacuumMs);
    const qint64 analyzed = newest(t->lastAnalyzeMs, t->lastAutoanalyzeMs);
    auto when = [this](qint64 ms) { return ms > 0 ? tr("%1 ago").arg(compactDuration(m_nowMs() - ms)) : tr("never"); };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return t->schema == QLatin1String("public") ? singleLine(t->name, 128) : singleLine(t->schema + u'.' + t->name, 128);
        case TotalColumn: return compactBytes(double(t->totalBytes));
        case TableColumn: return compactBytes(double(t->tableBytes));
        case IndexesColumn: return compactBytes(double(t->indexBytes));
        case ToastColumn: return t->toastBytes > 0 ? compactBytes(double(t->toastBytes)) : QString();
        case LiveColumn: return t->liveTuples;
        case DeadColumn:
            return t->deadTuples > 0 ? QStringLiteral("%1 (%2 %)").arg(t->deadTuples).arg(deadShare(*t) * 100, 0, 'f', 0)
                                     : QStringLiteral("0");
        case BloatColumn: return t->bloatBytes < 0 ? QString() : compactBytes(double(t->bloatBytes));
        case SeqScanColumn: return t->seqScans;
        case IndexScanColumn: return t->indexScans;
        case VacuumColumn: return when(vacuumed);
        case AnalyzeColumn: return when(analyzed);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case TotalColumn: return t->totalBytes;
        case TableColumn: return t->tableBytes;
        case IndexesColumn: return t->indexBytes;
        case ToastColumn: return t->toastBytes;
        case LiveColumn: return t->liveTuples;
        case DeadColumn: return t->deadTuples;
        case BloatColumn: return t->bloatBytes;
        case SeqScanColumn: return t->seqScans;
        case IndexScanColumn: return t->indexScans;
        case VacuumColumn: return vacuumed;
        case AnalyzeColumn: return analyzed;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case BloatColumn:
            return t->bloatBytes < 0 ? tr("No statistics yet: ANALYZE the table for an estimate")
                                     : tr("Estimated from the rows' average widths (pg_stats): space the table could give back");
        case VacuumColumn:
            return tr("By hand: %1\nAutovacuum: %2").arg(when(t->lastVacuumMs), when(t->lastAutovacuumMs));
        case AnalyzeColumn:
            return tr("By hand: %1\nAutoanalyze: %2").arg(when(t->lastAnalyzeMs), when(t->lastAutoanalyzeMs));
        case SeqScanColumn:
            if (t->seqScans > 0 && t->indexScans == 0 && t->liveTuples > 10000)
                return tr("Read only by sequential scans: a missing index?");
            return {};
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == DeadColumn && deadShare(*t) > 0.2 && t->deadTuples > 1000)
            return QBrush(toneTextColor(BadgeTone::Warning));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant TableStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Table");
    case TotalColumn: return tr("Total");
    case TableColumn: return tr("Heap");
    case IndexesColumn: return tr("Indexes");
    case ToastColumn: return tr("TOAST");
    case LiveColumn: return tr("Live rows");
    case DeadColumn: return tr("Dead rows");
    case BloatColumn: return tr("Bloat (est.)");
    case SeqScanColumn: return tr("Seq scans");
    case IndexScanColumn: return tr("Index scans");
    case VacuumColumn: return tr("Vacuumed");
    case AnalyzeColumn: return tr("Analyzed");
    }
    return {};
}

} // namespace opsdeck
