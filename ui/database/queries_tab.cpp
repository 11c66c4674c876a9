#include "queries_tab.h"

#include "common/compact_units.h"
#include "db/database_monitor.h"
#include "record_table.h"
#include "statement_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

constexpr size_t shownStatements = 100;

} // namespace

QueriesTab::QueriesTab(QWidget *parent)
    : QWidget(parent), m_model(new StatementModel(this)), m_sorted(new QSortFilterProxyModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("queryWindow"));
    m_window->addItem(tr("Last 5 minutes"), 5);
    m_window->addItem(tr("Last 15 minutes"), 15);
    m_window->addItem(tr("Last 60 minutes"), 60);
    m_window->addItem(tr("Since the statistics reset"), 0);
    bar->addWidget(m_window);
    m_span = new QLabel(this);
    m_span->setObjectName(QStringLiteral("queryWindowSpan"));
    m_span->setWordWrap(true);
    bar->addWidget(m_span, 1);
    layout->addLayout(bar);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("statementsHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->hide();
    layout->addWidget(m_hint);

    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(StatementModel::SortRole);
    m_view = newRecordTable(this, QStringLiteral("queriesView"), m_sorted);
    m_view->setAccessibleName(tr("Top queries"));
    m_view->sortByColumn(StatementModel::TotalColumn, Qt::DescendingOrder);
    layout->addWidget(m_view, 1);

    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { showMonitor(m_monitor); });
}

void QueriesTab::setWindowMinutes(int minutes)
{
    m_window->setCurrentIndex(std::max(0, m_window->findData(minutes)));
}

QString QueriesTab::windowText() const
{
    return m_span->text();
}

QString QueriesTab::hintText() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

void QueriesTab::showMonitor(const DatabaseMonitor *monitor)
{
    m_monitor = monitor;
    if (!monitor) {
        m_model->setEntries({});
        m_span->clear();
        m_hint->hide();
        return;
    }
    const DatabaseSnapshot &s = monitor->snapshot();
    const bool available = s.statementsState == PgStatementsState::Available;
    m_hint->setVisible(!available && s.statementsState != PgStatementsState::Unknown);
    m_hint->setText(s.statementsMessage);
    const pg::StatementHistory &history = monitor->statementHistory();
    if (!available || history.isEmpty()) {
        m_model->setEntries({});
        m_span->setText(available || s.statementsState == PgStatementsState::Unknown ? tr("Reading pg_stat_statements…") : QString());
        return;
    }
    const int minutes = m_window->currentData().toInt();
    const pg::StatementWindow w = history.window(qint64(minutes) * 60 * 1000, shownStatements);
    std::vector<StatementEntry> entries;
    entries.reserve(w.rows.size());
    for (const pg::StatementRow &row : w.rows) {
        const auto [user, database] = monitor->statementOwner(row.key);
        entries.push_back({row.key, row.counters, monitor->statementText(row.key), user, database});
    }
    m_model->setEntries(std::move(entries));
    QString span;
    if (minutes == 0)
        span = tr("Cumulative since the statistics were reset, %1 ago.").arg(compactDuration(w.toMs - w.fromMs));
    else if (w.toMs == w.fromMs)
        span = tr("A window needs two samples of pg_stat_statements: the first difference comes within a minute.");
    else if (w.shorterThanAsked)
        span = tr("Only the last %1 so far: OpsDeck has been watching (or the statistics were reset) for that long.")
                   .arg(compactDuration(w.toMs - w.fromMs));
    else
        span = tr("What ran in the last %1, from the difference between two samples.").arg(compactDuration(w.toMs - w.fromMs));
    if (history.sawReset())
        span += u' ' + tr("The statistics were reset while OpsDeck watched: counted from the reset.");
    m_span->setText(span);
    if (!m_columnsSized && m_model->rowCount() > 0) {
        m_view->resizeColumnsToContents();
        m_view->setColumnWidth(StatementModel::QueryColumn, std::min(m_view->columnWidth(StatementModel::QueryColumn), 420));
        m_columnsSized = true;
    }
}

} // namespace opsdeck
