#include "quality_check_model.h"

#include "badge_tone.h"
#include "common/compact_units.h"
#include "common/display_text.h"

#include <QBrush>

namespace opsdeck {

QualityCheckModel::QualityCheckModel(QObject *parent) : KeyedTableModel(parent)
{
}

void QualityCheckModel::setChecks(std::vector<PgQualityCheck> checks)
{
    replaceRows(std::move(checks));
}

int QualityCheckModel::failingCount() const
{
    return int(std::count_if(rows().begin(), rows().end(), [](const PgQualityCheck &c) { return !c.passed; }));
}

int QualityCheckModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QualityCheckModel::data(const QModelIndex &index, int role) const
{
    const PgQualityCheck *c = rowAt(index.row());
    if (!c)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CheckColumn: return singleLine(c->name, 128);
        case TableColumn: return singleLine(c->table, 128);
        case ResultColumn: return c->passed ? tr("passed") : tr("failed");
        case WhenColumn: return tr("%1 ago").arg(compactDuration(m_nowMs() - c->atMs));
        case DetailsColumn: return singleLine(c->details, 300);
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case ResultColumn: return c->passed ? 1 : 0;  // failing first when ascending
        case WhenColumn: return c->atMs;
        default: return data(index, Qt::DisplayRole);
        }
    case PassedRole: return c->passed;
    case Qt::ForegroundRole:
        if (index.column() == ResultColumn)
            return QBrush(toneTextColor(c->passed ? BadgeTone::Good : BadgeTone::Bad));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DetailsColumn)
            return multiLine(c->details, 4000);
        return {};
    }
    return {};
}

QVariant QualityCheckModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CheckColumn: return tr("Check");
    case TableColumn: return tr("Table");
    case ResultColumn: return tr("Result");
    case WhenColumn: return tr("When");
    case DetailsColumn: return tr("Details");
    }
    return {};
}

} // namespace opsdeck
