#include "session_filter.h"

#include "session_model.h"

namespace opsdeck {

SessionFilter::SessionFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SessionModel::SortRole);
}

void SessionFilter::setShowIdle(bool show)
{
    m_showIdle = show;
    invalidateFilter();
}

void SessionFilter::setActiveOnly(bool active)
{
    m_activeOnly = active;
    invalidateFilter();
}

void SessionFilter::setShowBackground(bool show)
{
    m_showBackground = show;
    invalidateFilter();
}

void SessionFilter::setWords(const QString &text)
{
    static const QList<std::pair<QString, int>> prefixes{{QStringLiteral("user:"), SessionModel::UserColumn},
                                                         {QStringLiteral("app:"), SessionModel::ApplicationColumn},
                                                         {QStringLiteral("db:"), SessionModel::DatabaseColumn}};
    m_words.clear();
    for (const QString &part : text.split(u' ', Qt::SkipEmptyParts)) {
        Word w{-1, part};
        for (const auto &[prefix, column] : prefixes) {
            if (part.startsWith(prefix, Qt::CaseInsensitive)) {
                w = {column, part.mid(prefix.size())};
                break;
            }
        }
        if (!w.text.isEmpty())
            m_words << w;
    }
    invalidateFilter();
}

bool SessionFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    if (!m_showBackground && (!first.data(SessionModel::IsClientRole).toBool() || first.data(SessionModel::IsObserverRole).toBool()))
        return false;
    const QString state = m->index(sourceRow, SessionModel::StateColumn, sourceParent).data().toString();
    if (m_activeOnly && state != QLatin1String("active"))
        return false;
    if (!m_showIdle && state == QLatin1String("idle"))
        return false;
    for (const Word &w : m_words) {
        bool found = false;
        if (w.column >= 0) {
            found = m->index(sourceRow, w.column, sourceParent).data().toString().contains(w.text, Qt::CaseInsensitive);
        } else {
            for (int c = 0; c < SessionModel::ColumnCount && !found; ++c) {
                const QVariant v = c == SessionModel::QueryColumn
                    ? m->index(sourceRow, c, sourceParent).data(SessionModel::FullQueryRole)
                    : m->index(sourceRow, c, sourceParent).data();
                found = v.toString().contains(w.text, Qt::CaseInsensitive);
            }
        }
        if (!found)
            return false;
    }
    return true;
}

} // namespace opsdeck
