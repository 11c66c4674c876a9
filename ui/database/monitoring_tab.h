#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace opsdeck {

class DatabaseMonitor;
class LogEntryModel;
class QualityCheckModel;

// A monitoring database's own tables, where the profile names them: the
// latest result of each data quality check (failing ones first) and the
// recent ERROR-and-worse log lines.
class MonitoringTab : public QWidget
{
    Q_OBJECT
public:
    explicit MonitoringTab(QWidget *parent = nullptr);

    // Whether the database has anything for this tab.
    static bool applies(const DatabaseMonitor *monitor);
    void showMonitor(const DatabaseMonitor *monitor);
    LogEntryModel *logs() const { return m_logs; }
    QualityCheckModel *checks() const { return m_checks; }

private:
    LogEntryModel *m_logs;
    QualityCheckModel *m_checks;
    QLabel *m_checksTitle;
    QLabel *m_logsTitle;
    QTableView *m_checksView;
    QTableView *m_logsView;
    bool m_sized = false;
};

} // namespace opsdeck
