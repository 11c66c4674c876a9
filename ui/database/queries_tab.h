#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace opsdeck {

class DatabaseMonitor;
class StatementModel;

// Top queries from pg_stat_statements over the last 5, 15 or 60 minutes (a
// difference between samples) or since the last reset; what the window really
// covers is said, and so is a reset seen inside it. Without the extension, the
// hint with its one-line fix.
class QueriesTab : public QWidget
{
    Q_OBJECT
public:
    explicit QueriesTab(QWidget *parent = nullptr);

    void showMonitor(const DatabaseMonitor *monitor);
    QString windowText() const;
    QString hintText() const;
    StatementModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void setWindowMinutes(int minutes);  // 0: since the reset

private:
    const DatabaseMonitor *m_monitor = nullptr;
    QComboBox *m_window;
    QLabel *m_span;
    QLabel *m_hint;
    StatementModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    bool m_columnsSized = false;
};

} // namespace opsdeck
