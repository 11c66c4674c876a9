#pragma once

#include <QWidget>

#include <map>

class QGridLayout;
class QLabel;

namespace opsdeck {

class DatabaseMonitor;
class TimeSeriesChart;

// The overview of one database: the figures an on-call engineer checks first
// (version, role, uptime, size, connections against max_connections, rates
// per second over the real interval, cache hit, deadlocks, WAL, the longest
// transaction, xmin and XID ages, replication) and small live charts of the
// last minutes from the monitor's own trend.
class DatabaseOverview : public QWidget
{
    Q_OBJECT
public:
    explicit DatabaseOverview(QWidget *parent = nullptr);

    void showMonitor(const DatabaseMonitor *monitor);  // nullptr: nothing to show
    QString figure(const QString &key) const;   // for tests: the text of a figure ("commits")

private:
    QLabel *addFigure(QGridLayout *grid, int row, int column, const QString &key, const QString &label);
    void updateCharts(const DatabaseMonitor &monitor);

    std::map<QString, QLabel *> m_figures;
    QLabel *m_replication;
    TimeSeriesChart *m_connections;
    TimeSeriesChart *m_transactions;
    TimeSeriesChart *m_tuples;
    TimeSeriesChart *m_wal;
};

} // namespace opsdeck
