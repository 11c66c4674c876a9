#include "health_transition_model.h"

#include "health_model.h"

namespace opsdeck {

HealthTransitionModel::HealthTransitionModel(const HealthModel *source, QObject *parent)
    : QAbstractTableModel(parent), m_source(source)
{
    connect(source, &HealthModel::transitioned, this,
            [this](const QString &service) { onTransitioned(service); });
    connect(source, &QAbstractItemModel::modelReset, this, [this] { setService(m_service); });
}

void HealthTransitionModel::setService(const QString &service)
{
    beginResetModel();
    m_service = service;
    const HealthHistory *history = m_source->history(service);
    m_count = history ? int(history->transitions().size()) : 0;
    endResetModel();
}

void HealthTransitionModel::onTransitioned(const QString &service)
{
    if (service != m_service)
        return;
    const HealthHistory *history = m_source->history(service);
    const int now = history ? int(history->transitions().size()) : 0;
    if (now == m_count) {
        // The history is full and dropped its oldest entry as the newest came:
        // the rows we show are gone already, so start over (once per 500 changes).
        setService(m_service);
        return;
    }
    // Until endInsertRows() the rows must read as before: transitionAt() counts
    // from m_count, not from the history's new size.
    beginInsertRows({}, 0, now - m_count - 1);
    m_count = now;
    endInsertRows();
}

const HealthTransition &HealthTransitionModel::transitionAt(int row) const
{
    return m_source->history(m_service)->transitions()[m_count - 1 - row];
}

int HealthTransitionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int HealthTransitionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HealthTransitionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HealthTransition &t = transitionAt(index.row());
    if (role == StatusRole)
        return int(t.to);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return role == Qt::ToolTipRole ? t.at.toLocalTime().toString(Qt::ISODateWithMs)
                                       : t.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case FromColumn: return healthStatusLabel(t.from);
    case ToColumn: return healthStatusLabel(t.to);
    case ReasonColumn: return t.reason;
    default: return {};
    }
}

QVariant HealthTransitionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case FromColumn: return tr("From");
    case ToColumn: return tr("To");
    case ReasonColumn: return tr("Reason");
    default: return {};
    }
}

} // namespace opsdeck
