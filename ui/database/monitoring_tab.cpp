#include "monitoring_tab.h"

#include "db/database_monitor.h"
#include "log_entry_model.h"
#include "quality_check_model.h"
#include "record_table.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

QTableView *table(QWidget *parent, const QString &name, QAbstractItemModel *model, int sortRole, int column, Qt::SortOrder order)
{
    auto *sorted = new QSortFilterProxyModel(parent);
    sorted->setSourceModel(model);
    sorted->setSortRole(sortRole);
    QTableView *view = newRecordTable(parent, name, sorted);
    view->sortByColumn(column, order);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

MonitoringTab::MonitoringTab(QWidget *parent)
    : QWidget(parent), m_logs(new LogEntryModel(this)), m_checks(new QualityCheckModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *checksPage = new QWidget(splitter);
    auto *checksLayout = new QVBoxLayout(checksPage);
    checksLayout->setContentsMargins(0, 0, 0, 0);
    m_checksTitle = new QLabel(checksPage);
    checksLayout->addWidget(m_checksTitle);
    m_checksView = table(checksPage, QStringLiteral("qualityChecksView"), m_checks, QualityCheckModel::SortRole,
                         QualityCheckModel::ResultColumn, Qt::AscendingOrder);
    m_checksView->setAccessibleName(tr("Failing quality checks"));
    checksLayout->addWidget(m_checksView);
    auto *logsPage = new QWidget(splitter);
    auto *logsLayout = new QVBoxLayout(logsPage);
    logsLayout->setContentsMargins(0, 0, 0, 0);
    m_logsTitle = new QLabel(logsPage);
    logsLayout->addWidget(m_logsTitle);
    m_logsView = table(logsPage, QStringLiteral("errorLogsView"), m_logs, LogEntryModel::SortRole, LogEntryModel::TimeColumn,
                       Qt::DescendingOrder);
    m_logsView->setAccessibleName(tr("Recent errors"));
    logsLayout->addWidget(m_logsView);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter);
}

bool MonitoringTab::applies(const DatabaseMonitor *monitor)
{
    return monitor && (!monitor->config().logsTable.isEmpty() || !monitor->config().qualityTable.isEmpty());
}

void MonitoringTab::showMonitor(const DatabaseMonitor *monitor)
{
    if (!applies(monitor)) {
        m_logs->setEntries({});
        m_checks->setChecks({});
        return;
    }
    const DatabaseSnapshot &s = monitor->snapshot();
    m_checks->setChecks(s.qualityChecks);
    m_logs->setEntries(s.errorLogs);
    const int failing = m_checks->failingCount();
    m_checksTitle->setVisible(!monitor->config().qualityTable.isEmpty());
    m_checksView->setVisible(!monitor->config().qualityTable.isEmpty());
    m_checksTitle->setText(failing > 0 ? tr("Data quality: %n check(s) failing", nullptr, failing)
                                       : tr("Data quality: every check passes"));
    m_logsTitle->setVisible(!monitor->config().logsTable.isEmpty());
    m_logsView->setVisible(!monitor->config().logsTable.isEmpty());
    m_logsTitle->setText(tr("The last %n ERROR (or worse) line(s) of %1", nullptr, int(s.errorLogs.size())).arg(monitor->config().logsTable));
    if (!m_sized && (m_logs->rowCount() > 0 || m_checks->rowCount() > 0)) {
        m_logsView->resizeColumnsToContents();
        m_checksView->resizeColumnsToContents();
        m_sized = true;
    }
}

} // namespace opsdeck
