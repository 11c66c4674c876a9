#pragma once

#include "metrics/label_matcher.h"

#include <QSortFilterProxyModel>
#include <QStringList>

#include <vector>

namespace opsdeck {

struct Alert;

// What the filter bar says: matchers in Alertmanager's syntax
// (severity="critical", team=~"ops|db") and free words, in any order.
// An alert passes when every matcher matches its labels and every word
// appears in its labels, annotations or acknowledger.
struct AlertFilter {
    std::vector<LabelMatcher> matchers;
    QStringList words;  // lower-cased
    QString error;      // the matchers did not parse; nothing is filtered then

    static AlertFilter parse(const QString &text);
    bool isEmpty() const { return matchers.empty() && words.isEmpty(); }
    bool accepts(const Alert &alert, const QString &searchText) const;
};

// Filters and sorts an AlertModel: groups stay while one of their alerts
// passes. Sorting uses the model's SortRole (severity rank, start time...).
class AlertFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AlertFilterProxy(QObject *parent = nullptr);

    // Returns the parse error, empty when the text is understood.
    QString setFilterText(const QString &text);
    void setHideSuppressed(bool hide);  // silenced, inhibited and acknowledged alerts
    bool hideSuppressed() const { return m_hideSuppressed; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    AlertFilter m_filter;
    bool m_hideSuppressed = false;
};

} // namespace opsdeck
