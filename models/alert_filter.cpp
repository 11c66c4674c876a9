#include "alert_filter.h"

#include "alert_model.h"
#include "alerts/alerts.h"

#include <QRegularExpression>

namespace opsdeck {

AlertFilter AlertFilter::parse(const QString &text)
{
    AlertFilter filter;
    // A matcher is name, operator, quoted value; everything else is free text.
    static const QRegularExpression matcher(QStringLiteral(R"re([A-Za-z_][A-Za-z0-9_]*\s*(?:=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*")re"));
    QStringList matcherTexts;
    QString rest = text;
    auto it = matcher.globalMatch(text);
    qsizetype removed = 0;
    while (it.hasNext()) {
        const auto m = it.next();
        matcherTexts << m.captured(0);
        rest.replace(m.capturedStart(0) - removed, m.capturedLength(0), QString());
        removed += m.capturedLength(0);
    }
    if (!matcherTexts.isEmpty()) {
        MatcherParse parsed = parseMatchers(matcherTexts.join(u','));
        if (!parsed.error.isEmpty()) {
            filter.error = parsed.error;
            return filter;
        }
        filter.matchers = std::move(parsed.matchers);
    }
    static const QRegularExpression separators(QStringLiteral(R"([\s,{}]+)"));
    for (const QString &word : rest.split(separators, Qt::SkipEmptyParts)) {
        if (word.contains(u'=') || word.contains(u'"')) {
            filter.error = AlertModel::tr("\"%1\" looks like a matcher but is not one; write name=\"value\"").arg(word);
            filter.matchers.clear();
            filter.words.clear();
            return filter;
        }
        filter.words << word.toLower();
    }
    return filter;
}

bool AlertFilter::accepts(const Alert &alert, const QString &searchText) const
{
    for (const LabelMatcher &m : matchers) {
        if (!m.matches(alert.labels))
            return false;
    }
    for (const QString &word : words) {
        if (!searchText.contains(word))
            return false;
    }
    return true;
}

AlertFilterProxy::AlertFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(AlertModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

QString AlertFilterProxy::setFilterText(const QString &text)
{
    AlertFilter parsed = AlertFilter::parse(text);
    const QString error = parsed.error;
    if (error.isEmpty()) {
        m_filter = std::move(parsed);
        invalidateFilter();
    }
    return error;
}

void AlertFilterProxy::setHideSuppressed(bool hide)
{
    if (hide == m_hideSuppressed)
        return;
    m_hideSuppressed = hide;
    invalidateFilter();
}

bool AlertFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    // Read straight from the model: a QVariant copy of every alert would cost
    // more than the filtering itself on ten thousand rows.
    const auto *model = static_cast<const AlertModel *>(sourceModel());
    const QModelIndex index = model->index(sourceRow, 0, sourceParent);
    const Alert *alert = model->alertAt(index);
    if (!alert)
        return false;  // a group shows when one of its alerts does (recursive filtering)
    if (m_hideSuppressed) {
        const AlertState state = alert->state;
        if (state == AlertState::Silenced || state == AlertState::Inhibited || state == AlertState::Acknowledged)
            return false;
    }
    return m_filter.isEmpty() || m_filter.accepts(*alert, model->searchTextAt(index));
}

} // namespace opsdeck
