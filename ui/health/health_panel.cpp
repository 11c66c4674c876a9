#include "health/health_panel.h"

#include "health/health_tone.h"
#include "health_model.h"
#include "health_transition_model.h"
#include "profile_session.h"
#include "status_badge_delegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace opsdeck {

namespace {

StatusBadgeDelegate::Look lookOf(const QModelIndex &index, int statusRole, int staleRole)
{
    const QVariant status = index.data(statusRole);
    StatusBadgeDelegate::Look look;
    look.tone = status.isValid() ? toneFor(HealthStatus(status.toInt())) : BadgeTone::Muted;
    look.faded = staleRole >= 0 && index.data(staleRole).toBool();
    return look;
}

} // namespace

HealthPanel::HealthPanel(QWidget *parent)
    : QWidget(parent),
      m_proxy(new QSortFilterProxyModel(this)),
      m_filter(new QLineEdit(this)),
      m_view(new QTreeView(this)),
      m_historyTitle(new QLabel(this)),
      m_historyView(new QTableView(this))
{
    m_filter->setPlaceholderText(tr("Filter services, reasons, versions…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter services"));
    auto *checkNow = new QToolButton(this);
    checkNow->setText(tr("Check now"));
    checkNow->setToolTip(tr("Check every service's health endpoints now"));
    connect(checkNow, &QToolButton::clicked, this, [this] {
        if (m_session)
            m_session->checkHealthNow();
    });

    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(HealthModel::SortRole);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setObjectName(QStringLiteral("healthView"));
    m_view->setAccessibleName(tr("Services and their health"));
    setFocusProxy(m_view);  // the panel brought forward (Ctrl+1…) puts the keyboard in its table
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);  // configuration order until the user sorts
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &HealthPanel::onCurrentChanged);
    m_view->setItemDelegateForColumn(HealthModel::StatusColumn,
                                     new StatusBadgeDelegate([](const QModelIndex &i) {
                                         return lookOf(i, HealthModel::StatusRole, HealthModel::StaleRole);
                                     }, this));
    m_view->header()->setStretchLastSection(false);

    m_historyView->setObjectName(QStringLiteral("healthHistoryView"));
    m_historyView->setAccessibleName(tr("Health history of the selected service"));
    m_historyView->verticalHeader()->hide();
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setAlternatingRowColors(true);
    m_historyView->setItemDelegateForColumn(HealthTransitionModel::ToColumn,
                                            new StatusBadgeDelegate([](const QModelIndex &i) {
                                                return lookOf(i, HealthTransitionModel::StatusRole, -1);
                                            }, this));

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(checkNow);

    auto *history = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(history);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(m_historyTitle);
    historyLayout->addWidget(m_historyView);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(history);
    // The services first; the history keeps a few rows and gives the rest to the table.
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_historyView->setMinimumHeight(m_historyView->verticalHeader()->defaultSectionSize() * 2
                                    + m_historyView->horizontalHeader()->sizeHint().height());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);
    onCurrentChanged();
}

void HealthPanel::setSession(ProfileSession *session)
{
    m_session = session;
    m_model = session ? session->healthModel() : nullptr;
    m_proxy->setSourceModel(m_model);
    delete m_transitions;
    m_transitions = nullptr;
    if (m_model) {
        m_transitions = new HealthTransitionModel(m_model, this);
        connect(m_model, &HealthModel::countsChanged, this, &HealthPanel::updateSummary);
        connect(m_model, &HealthModel::transitioned, this, [this] { updateSummary(); });
    }
    m_historyView->setModel(m_transitions);
    m_tableFitted = false;
    fitTableToRows();
    if (m_model) {
        // Sections exist only once a model is set.
        m_view->header()->setSectionResizeMode(HealthModel::ReasonColumn, QHeaderView::Stretch);
        // The reason is what an operator reads: the badge needs little room, the reason the rest.
        m_view->setColumnWidth(HealthModel::ServiceColumn, 160);
        m_view->setColumnWidth(HealthModel::StatusColumn, 110);
        m_view->setColumnWidth(HealthModel::LatencyColumn, 80);
        m_view->setColumnWidth(HealthModel::VersionColumn, 80);
        m_view->setColumnWidth(HealthModel::CheckedColumn, 90);
    }
    if (m_transitions) {
        m_historyView->setColumnWidth(HealthTransitionModel::TimeColumn, 150);
        m_historyView->setColumnWidth(HealthTransitionModel::FromColumn, 100);
        m_historyView->setColumnWidth(HealthTransitionModel::ToColumn, 110);
    }
    if (m_model && m_model->serviceCount() > 0)  // history has something to show from the start
        m_view->setCurrentIndex(m_proxy->index(0, 0));
    onCurrentChanged();
    updateSummary();
}

void HealthPanel::onCurrentChanged()
{
    const QString service = m_view->currentIndex().data(HealthModel::ServiceNameRole).toString();
    if (m_transitions)
        m_transitions->setService(service);
    m_historyTitle->setText(service.isEmpty() ? tr("Select a service to see its state changes.")
                                              : tr("State changes of %1").arg(service));
}

int HealthPanel::tableHeightForRows() const
{
    const int rows = m_model ? std::max(1, m_model->serviceCount()) : 3;
    const int rowHeight = std::max(m_view->sizeHintForRow(0), fontMetrics().height() + 8);
    return m_view->header()->sizeHint().height() + rows * rowHeight + 2 * m_view->frameWidth() + 4;
}

int HealthPanel::preferredHeight() const
{
    const int rowHeight = fontMetrics().height() + 8;
    const int history = m_historyTitle->sizeHint().height() + m_historyView->minimumHeight() + rowHeight;
    const int top = m_filter->sizeHint().height();
    // The dock's title bar and margins come on top of the panel.
    return top + tableHeightForRows() + history + m_splitter->handleWidth() + 40;
}

void HealthPanel::fitTableToRows()
{
    const int total = m_splitter->height();
    const int history = m_historyTitle->sizeHint().height() + m_historyView->minimumHeight();
    if (total <= 0)
        return;
    const int table = std::min(tableHeightForRows(), std::max(total / 2, total - history));
    m_splitter->setSizes({table, total - table});
}

void HealthPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_tableFitted && m_splitter->height() > 0) {
        fitTableToRows();
        m_tableFitted = m_model != nullptr;  // until the services are known, keep fitting
    }
}

QString HealthPanel::summary() const
{
    return m_summary;
}

void HealthPanel::updateSummary()
{
    QStringList parts;
    if (m_model) {
        const auto counts = m_model->statusCounts();
        for (auto status : {HealthStatus::Healthy, HealthStatus::Degraded, HealthStatus::Down,
                            HealthStatus::Unreachable, HealthStatus::Unknown}) {
            if (counts.value(status) > 0)
                parts << QStringLiteral("%1 %2").arg(counts.value(status)).arg(healthStatusLabel(status));
        }
        int stale = 0;
        for (int row = 0; row < m_model->serviceCount(); ++row)
            stale += m_model->isStale(row) ? 1 : 0;
        if (stale > 0)
            parts << tr("%n stale", nullptr, stale);
    }
    const QString summary = parts.join(QStringLiteral(" · "));
    if (summary == m_summary)
        return;
    m_summary = summary;
    Q_EMIT summaryChanged(m_summary);
}

} // namespace opsdeck
