#include "sessions_tab.h"

#include "record_table.h"
#include "session_filter.h"
#include "session_model.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace opsdeck {

SessionsTab::SessionsTab(QWidget *parent)
    : QWidget(parent), m_model(new SessionModel(this)), m_filter(new SessionFilter(this))
{
    m_filter->setSourceModel(m_model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *bar = new QHBoxLayout;
    m_words = new QLineEdit(this);
    m_words->setObjectName(QStringLiteral("sessionFilter"));
    m_words->setAccessibleName(tr("Filter sessions"));
    m_words->setClearButtonEnabled(true);
    m_words->setPlaceholderText(tr("Filter: words, user:NAME, app:NAME, db:NAME"));
    bar->addWidget(m_words, 1);
    m_hideIdle = new QCheckBox(tr("Hide idle"), this);
    m_hideIdle->setObjectName(QStringLiteral("hideIdle"));
    m_activeOnly = new QCheckBox(tr("Active only"), this);
    m_activeOnly->setObjectName(QStringLiteral("activeOnly"));
    m_background = new QCheckBox(tr("Background"), this);
    m_background->setObjectName(QStringLiteral("showBackground"));
    m_background->setToolTip(tr("Show the server's own processes too (checkpointer, autovacuum, WAL sender…) and other OpsDeck consoles' connections"));
    for (QCheckBox *box : {m_hideIdle, m_activeOnly, m_background})
        bar->addWidget(box);
    layout->addLayout(bar);

    auto *thresholds = new QHBoxLayout;
    auto spin = [this](const QString &name, const QString &accessibleName, int value, const QString &tip) {
        auto *box = new QSpinBox(this);
        box->setObjectName(name);
        box->setAccessibleName(accessibleName);
        box->setRange(1, 86400);
        box->setSuffix(tr(" s"));
        box->setValue(value);
        box->setToolTip(tip);
        return box;
    };
    m_longQuery = spin(QStringLiteral("longQuerySeconds"), tr("Long query threshold"), int(m_model->longQueryMs() / 1000),
                       tr("A query running longer than this is highlighted"));
    m_idleInTransaction = spin(QStringLiteral("idleInTransactionSeconds"), tr("Idle in transaction threshold"), int(m_model->idleInTransactionMs() / 1000),
                               tr("A transaction idle longer than this is highlighted: it holds locks and blocks vacuum"));
    thresholds->addWidget(new QLabel(tr("Highlight queries running over"), this));
    thresholds->addWidget(m_longQuery);
    thresholds->addWidget(new QLabel(tr("and transactions idle over"), this));
    thresholds->addWidget(m_idleInTransaction);
    thresholds->addStretch();
    layout->addLayout(thresholds);

    m_view = newRecordTable(this, QStringLiteral("sessionsView"), m_filter);
    m_view->setAccessibleName(tr("Sessions"));
    m_view->sortByColumn(SessionModel::QueryAgeColumn, Qt::DescendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_view, 1);

    connect(m_words, &QLineEdit::textChanged, m_filter, &SessionFilter::setWords);
    connect(m_hideIdle, &QCheckBox::toggled, m_filter, [this](bool on) { m_filter->setShowIdle(!on); });
    connect(m_activeOnly, &QCheckBox::toggled, m_filter, &SessionFilter::setActiveOnly);
    connect(m_background, &QCheckBox::toggled, m_filter, &SessionFilter::setShowBackground);
    auto applyThresholds = [this] { m_model->setThresholds(qint64(m_longQuery->value()) * 1000, qint64(m_idleInTransaction->value()) * 1000); };
    connect(m_longQuery, &QSpinBox::valueChanged, this, applyThresholds);
    connect(m_idleInTransaction, &QSpinBox::valueChanged, this, applyThresholds);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SessionsTab::selectionChanged);
}

void SessionsTab::setSessions(std::vector<PgSession> sessions, qint64 serverNowMs)
{
    m_model->setSessions(std::move(sessions), serverNowMs);
    if (!m_columnsSized && m_model->rowCount() > 0) {
        // Sized once, on the first data: later polls must not make the columns jump.
        m_view->resizeColumnsToContents();
        m_view->setColumnWidth(SessionModel::ApplicationColumn, std::min(m_view->columnWidth(SessionModel::ApplicationColumn), 160));
        m_view->setColumnWidth(SessionModel::ClientColumn, std::min(m_view->columnWidth(SessionModel::ClientColumn), 150));
        m_view->setColumnWidth(SessionModel::WaitColumn, std::min(m_view->columnWidth(SessionModel::WaitColumn), 150));
        m_view->setColumnWidth(SessionModel::QueryColumn, std::clamp(m_view->columnWidth(SessionModel::QueryColumn), 200, 520));
        m_columnsSized = true;
    }
}

void SessionsTab::clear()
{
    m_model->setSessions({}, 0);
}

std::optional<PgSession> SessionsTab::selectedSession() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const PgSession *s = m_model->rowAt(m_filter->mapToSource(rows.first()).row());
    return s ? std::optional<PgSession>(*s) : std::nullopt;
}

bool SessionsTab::selectPid(int pid)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        if (m_filter->index(row, 0).data(SessionModel::PidRole).toInt() == pid) {
            m_view->selectRow(row);
            m_view->scrollTo(m_filter->index(row, 0));
            return true;
        }
    }
    return false;
}

} // namespace opsdeck
