#include "log_entry_model.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"

#include <QBrush>

namespace opsdeck {

LogEntryModel::LogEntryModel(QObject *parent) : KeyedTableModel(parent)
{
}

void LogEntryModel::setEntries(std::vector<PgLogEntry> entries)
{
    replaceRows(std::move(entries));
}

int LogEntryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogEntryModel::data(const QModelIndex &index, int role) const
{
    const PgLogEntry *e = rowAt(index.row());
    if (!e)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return tr("%1 ago").arg(compactDuration(m_nowMs() - e->atMs));
        case LevelColumn: return singleLine(e->level, 16);
        case ServiceColumn: return singleLine(e->service, 64);
        case MessageColumn: return singleLine(e->message, 300);
        }
        return {};
    case SortRole:
        return index.column() == TimeColumn ? QVariant(e->atMs) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(e->atMs).toString(Qt::ISODate);
        if (index.column() == MessageColumn)
            return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(multiLine(e->message, 4000).toHtmlEscaped());
        return {};
    case Qt::ForegroundRole:
        if (index.column() == LevelColumn)
            return QBrush(toneTextColor(e->level.compare(QLatin1String("ERROR"), Qt::CaseInsensitive) == 0 ? BadgeTone::Warning
                                                                                                          : BadgeTone::Bad));
        return {};
    }
    return {};
}

QVariant LogEntryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("When");
    case LevelColumn: return tr("Level");
    case ServiceColumn: return tr("Service");
    case MessageColumn: return tr("Message");
    }
    return {};
}

} // namespace opsdeck
