#include "database_panel.h"

#include "backend_signal_dialog.h"
#include "badge_tone.h"
#include "blocking_model.h"
#include "common/compact_units.h"
#include "database_overview.h"
#include "monitoring_tab.h"
#include "quality_check_model.h"
#include "db/database_monitor.h"
#include "profile_session.h"
#include "queries_tab.h"
#include "record_table.h"
#include "session_model.h"
#include "sessions_tab.h"
#include "table_stats_model.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace opsdeck {

namespace {


} // namespace

DatabasePanel::DatabasePanel(QWidget *parent)
    : QWidget(parent),
      m_blocking(new BlockingModel(this)),
      m_tables(new TableStatsModel(this)),
      m_tablesSorted(new QSortFilterProxyModel(this)),
      m_clock(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_picker = new QComboBox(this);
    m_picker->setObjectName(QStringLiteral("databasePicker"));
    m_picker->setAccessibleName(tr("Database"));
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_picker->setToolTip(tr("The configured database to show"));
    top->addWidget(m_picker);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("databaseStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_status, 1);
    m_security = new QLabel(this);
    m_security->setObjectName(QStringLiteral("databaseSecurity"));
    top->addWidget(m_security);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("databaseTabs"));
    m_tabs->setDocumentMode(true);
    m_overview = new DatabaseOverview(this);
    auto *overviewScroll = new QScrollArea(this);
    overviewScroll->setWidget(m_overview);
    overviewScroll->setWidgetResizable(true);
    overviewScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(overviewScroll, tr("Overview"));
    m_sessions = new SessionsTab(this);
    m_tabs->addTab(m_sessions, tr("Sessions"));

    auto *blockingPage = new QWidget(this);
    auto *blockingLayout = new QVBoxLayout(blockingPage);
    blockingLayout->setContentsMargins(0, 0, 0, 0);
    m_blockingHint = new QLabel(tr("No session waits for a lock another one holds."), blockingPage);
    m_blockingHint->setObjectName(QStringLiteral("blockingHint"));
    m_blockingHint->setAlignment(Qt::AlignCenter);
    m_blockingHint->setForegroundRole(QPalette::PlaceholderText);
    blockingLayout->addWidget(m_blockingHint, 1);
    m_blockingView = new QTreeView(blockingPage);
    m_blockingView->setObjectName(QStringLiteral("blockingView"));
    m_blockingView->setAccessibleName(tr("Who blocks whom"));
    m_blockingView->setModel(m_blocking);
    m_blockingView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_blockingView->setAllColumnsShowFocus(true);
    m_blockingView->setUniformRowHeights(true);
    m_blockingView->header()->setStretchLastSection(true);
    blockingLayout->addWidget(m_blockingView, 1);
    m_tabs->addTab(blockingPage, tr("Blocking"));

    m_queries = new QueriesTab(this);
    m_tabs->addTab(m_queries, tr("Top queries"));

    auto *tablesPage = new QWidget(this);
    auto *tablesLayout = new QVBoxLayout(tablesPage);
    tablesLayout->setContentsMargins(0, 0, 0, 0);
    m_tablesAge = new QLabel(tablesPage);
    m_tablesAge->setObjectName(QStringLiteral("tablesAge"));
    tablesLayout->addWidget(m_tablesAge);
    m_tablesSorted->setSourceModel(m_tables);
    m_tablesSorted->setSortRole(TableStatsModel::SortRole);
    m_tablesView = newRecordTable(tablesPage, QStringLiteral("tablesView"), m_tablesSorted);
    m_tablesView->setAccessibleName(tr("Tables"));
    m_tablesView->sortByColumn(TableStatsModel::TotalColumn, Qt::DescendingOrder);
    tablesLayout->addWidget(m_tablesView, 1);
    m_tabs->addTab(tablesPage, tr("Tables"));
    m_monitoring = new MonitoringTab(this);
    m_tabs->addTab(m_monitoring, tr("Monitoring"));
    layout->addWidget(m_tabs, 1);

    auto *actions = new QHBoxLayout;
    m_cancelAction = new QAction(tr("Cancel query…"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelQueryAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_C));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_terminateAction = new QAction(tr("Terminate session…"), this);
    m_terminateAction->setObjectName(QStringLiteral("terminateSessionAction"));
    m_terminateAction->setShortcut(QKeySequence(Qt::Key_T));
    m_terminateAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *action : {m_cancelAction, m_terminateAction}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        actions->addWidget(button);
        addAction(action);
        m_sessions->view()->addAction(action);
        m_blockingView->addAction(action);
    }
    m_sessions->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_blockingView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("databaseMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(m_message, 1);
    layout->addLayout(actions);

    connect(m_picker, &QComboBox::currentIndexChanged, this, [this] {
        m_sessions->clear();
        m_blocking->setSessions({}, 0);
        m_tables->setTables({});
        m_tablesSized = false;
        showMonitor();
    });
    connect(m_cancelAction, &QAction::triggered, this, &DatabasePanel::cancelSelected);
    connect(m_terminateAction, &QAction::triggered, this, &DatabasePanel::terminateSelected);
    connect(m_sessions, &SessionsTab::selectionChanged, this, &DatabasePanel::updateActions);
    connect(m_blockingView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DatabasePanel::updateActions);
    connect(m_tabs, &QTabWidget::currentChanged, this, &DatabasePanel::updateActions);
    // A new pile-up: every waiter shown, and the columns fitted to it (it is small).
    connect(m_blocking, &QAbstractItemModel::modelReset, m_blockingView, [this] {
        m_blockingView->expandAll();
        for (int column = 0; column < BlockingModel::QueryColumn; ++column)
            m_blockingView->resizeColumnToContents(column);
    });
    // Ages and "reconnecting in N s" move with the clock, between polls too.
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &DatabasePanel::updateStatus);
    m_clock->start();
    setSession(nullptr);
}

DatabasePanel::~DatabasePanel() = default;

void DatabasePanel::setSession(ProfileSession *session)
{
    if (m_session) {
        disconnect(m_session->backendActions(), nullptr, this, nullptr);
        for (DatabaseMonitor *m : m_session->databaseMonitors())
            disconnect(m, nullptr, this, nullptr);
    }
    m_session = session;
    m_pending.clear();
    const QSignalBlocker blocker(m_picker);
    m_picker->clear();
    if (session) {
        for (DatabaseMonitor *m : session->databaseMonitors()) {
            m_picker->addItem(m->config().name);
            connect(m, &DatabaseMonitor::updated, this, [this, m] {
                if (m == monitor())
                    showMonitor();
            });
        }
        connect(session->backendActions(), &BackendActions::finished, this, &DatabasePanel::onActionFinished);
    }
    m_picker->setVisible(m_picker->count() > 1);
    m_sessions->clear();
    m_blocking->setSessions({}, 0);
    m_tables->setTables({});
    m_message->clear();
    showMonitor();
}

bool DatabasePanel::selectDatabase(const QString &name)
{
    const int index = m_picker->findText(name);
    if (index < 0)
        return false;
    m_picker->setCurrentIndex(index);
    return true;
}

QString DatabasePanel::currentDatabase() const
{
    return m_picker->currentText();
}

DatabaseMonitor *DatabasePanel::monitor() const
{
    return m_session ? m_session->databaseMonitor(m_picker->currentText()) : nullptr;
}

BackendSignalDialog *DatabasePanel::pendingConfirmation() const
{
    return m_confirmation;
}

QString DatabasePanel::statusText() const
{
    return m_status->text();
}

QString DatabasePanel::messageText() const
{
    return m_message->text();
}

void DatabasePanel::showMonitor()
{
    DatabaseMonitor *m = monitor();
    if (m && m->snapshot().hasData()) {
        const DatabaseSnapshot &s = m->snapshot();
        m_sessions->setSessions(s.sessions, s.server.serverTimeMs);
        m_blocking->setSessions(s.sessions, s.server.serverTimeMs);
        if (s.tablesAtMs > 0)
            m_tables->setTables(s.tables);
        if (!m_tablesSized && m_tables->rowCount() > 0) {
            m_tablesView->resizeColumnsToContents();
            m_tablesSized = true;
        }
    }
    // Calm is said once, in the middle, not as an empty table.
    m_blockingHint->setVisible(m_blocking->rootCount() == 0);
    m_blockingView->setVisible(m_blocking->rootCount() > 0);
    m_overview->showMonitor(m);
    m_queries->showMonitor(m);
    m_monitoring->showMonitor(m);
    m_tabs->setTabVisible(MonitoringTabIndex, MonitoringTab::applies(m));
    m_tabs->setTabText(MonitoringTabIndex, MonitoringTab::applies(m) && m_monitoring->checks()->failingCount() > 0
                                               ? tr("Monitoring (%1 failing)").arg(m_monitoring->checks()->failingCount())
                                               : tr("Monitoring"));
    const int roots = m_blocking->rootCount();
    const int waiting = m_blocking->nodeCount() - roots;
    m_tabs->setTabText(BlockingTab, roots > 0 ? tr("Blocking (%1)").arg(waiting) : tr("Blocking"));
    const QString summary = roots > 0 ? tr("%n waiting on a lock", nullptr, waiting) : QString();
    if (summary != m_summary) {
        m_summary = summary;
        Q_EMIT summaryChanged(summary);
    }
    updateStatus();
    updateActions();
}

void DatabasePanel::updateStatus()
{
    DatabaseMonitor *m = monitor();
    if (!m_session || !m) {
        m_status->setText(m_session ? tr("No database in this profile: add one under \"databases\" (docs/configuration.md).")
                                    : QString());
        m_security->clear();
        return;
    }
    const DatabaseConfig &config = m->config();
    const DatabaseSnapshot &s = m->snapshot();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString text;
    BadgeTone tone = BadgeTone::Neutral;
    const QString target = QStringLiteral("%1@%2:%3/%4").arg(config.user, config.host).arg(config.port).arg(config.dbname);
    if (!s.error.isEmpty()) {
        tone = BadgeTone::Bad;
        text = s.error;
        if (s.retryAtMs > now)
            text += u' ' + tr("— reconnecting in %1 s").arg((s.retryAtMs - now + 999) / 1000);
        if (s.hasData())
            text += u' ' + tr("— showing data from %1 ago (stale)").arg(compactDuration(now - s.lastGoodAtMs));
    } else if (!s.hasData()) {
        text = tr("Connecting to %1…").arg(target);
    } else if (s.restored) {
        tone = BadgeTone::Warning;
        text = tr("%1 — connecting; showing the last known state, %2 old").arg(target, compactDuration(now - s.lastGoodAtMs));
    } else if (s.isStale(now, m->intervalMs())) {
        tone = BadgeTone::Warning;
        text = tr("%1 — no answer for %2: the data shown is stale").arg(target, compactDuration(now - s.lastGoodAtMs));
    } else {
        text = tr("%1 — updated %2 ago").arg(target, compactDuration(now - s.lastGoodAtMs));
        if (!s.warnings.isEmpty()) {
            tone = BadgeTone::Warning;
            text += u' ' + tr("(partly: %1)").arg(s.warnings.join(QStringLiteral("; ")));
        }
    }
    m_status->setText(text);
    m_status->setStyleSheet(tone == BadgeTone::Neutral ? QString() : QStringLiteral("color: %1").arg(toneTextHtml(tone)));
    if (config.verifiesServer()) {
        m_security->setText(tr("TLS verified"));
        m_security->setToolTip(tr("sslmode=verify-full: the server's certificate and name are checked"));
        m_security->setStyleSheet({});
    } else if (config.isLocal()) {
        m_security->setText(tr("local"));
        m_security->setToolTip(tr("A loopback or Unix-socket connection: it does not cross a network"));
        m_security->setStyleSheet({});
    } else {
        m_security->setText(tr("TLS not verified"));
        m_security->setToolTip(tr("sslmode=%1: the server's identity is not checked (verify-full would), so its answers could "
                                  "come from anyone on the path")
                                   .arg(config.sslmode.isEmpty() ? QStringLiteral("prefer") : config.sslmode));
        m_security->setStyleSheet(QStringLiteral("color: %1").arg(toneTextHtml(BadgeTone::Warning)));
    }
    if (s.tablesAtMs > 0)
        m_tablesAge->setText(tr("The %1 largest tables, read %2 ago (sizes are read every 30 s)")
                                 .arg(s.tables.size()).arg(compactDuration(now - s.tablesAtMs)));
    else
        m_tablesAge->setText(tr("Reading the tables…"));
}

std::optional<PgSession> DatabasePanel::selectedSession() const
{
    if (m_tabs->currentIndex() == SessionsTabIndex)
        return m_sessions->selectedSession();
    if (m_tabs->currentIndex() == BlockingTab && monitor()) {
        const QModelIndexList rows = m_blockingView->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return std::nullopt;
        const int pid = rows.first().data(BlockingModel::PidRole).toInt();
        for (const PgSession &s : monitor()->snapshot().sessions) {
            if (s.pid == pid)
                return s;
        }
    }
    return std::nullopt;
}

void DatabasePanel::updateActions()
{
    const bool readOnly = m_session && m_session->profile().readOnly;
    const std::optional<PgSession> selected = selectedSession();
    const bool client = selected && selected->backendType == QLatin1String("client backend");
    for (QAction *action : {m_cancelAction, m_terminateAction}) {
        action->setEnabled(!readOnly && client);
        action->setToolTip(readOnly ? tr("The profile is read-only")
                                    : !selected ? tr("Select a session in Sessions or Blocking")
                                    : !client ? tr("A background process of the server is not to be signalled from here")
                                              : action == m_cancelAction ? tr("Cancel the selected session's query (C)")
                                                                         : tr("End the selected session (T)"));
    }
}

void DatabasePanel::cancelSelected()
{
    confirm(BackendSignal::Cancel);
}

void DatabasePanel::terminateSelected()
{
    confirm(BackendSignal::Terminate);
}

void DatabasePanel::confirm(BackendSignal what)
{
    const std::optional<PgSession> session = selectedSession();
    DatabaseMonitor *m = monitor();
    if (!session || !m || !m_cancelAction->isEnabled() || m_confirmation)
        return;
    auto *dialog = new BackendSignalDialog(what, m->config().name, *session, m->snapshot().server.serverTimeMs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = dialog;
    const QString database = m->config().name;
    connect(dialog, &QDialog::accepted, this, [this, dialog, database] {
        if (!m_session)
            return;
        const quint64 operation = m_session->backendActions()->signalBackend(database, dialog->pid(), dialog->action());
        m_pending.insert(operation);
        report(dialog->action() == BackendSignal::Cancel ? tr("Cancelling the query of %1…").arg(dialog->pid())
                                                         : tr("Terminating %1…").arg(dialog->pid()),
               false);
    });
    dialog->open();
}

void DatabasePanel::onActionFinished(quint64 operation, const BackendActionResult &result)
{
    if (!m_pending.remove(operation))
        return;  // the CLI's, or another panel's
    report(result.message, !result.ok());
    if (DatabaseMonitor *m = monitor())
        m->pollNow();
}

void DatabasePanel::report(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: %1").arg(toneTextHtml(BadgeTone::Bad)) : QString());
}

} // namespace opsdeck
