#pragma once

#include "db/backend_actions.h"
#include "db/pg_snapshot.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace opsdeck {

class BackendSignalDialog;
class BlockingModel;
class DatabaseMonitor;
class DatabaseOverview;
class MonitoringTab;
class ProfileSession;
class QueriesTab;
class SessionsTab;
class TableStatsModel;

// The Database dock: one configured database at a time (a picker when the
// profile has several), its overview, sessions, the blocking tree, top
// queries and tables; cancel and terminate a backend after a confirmation
// that shows which. Says when the data is stale and when it reconnects.
class DatabasePanel : public QWidget
{
    Q_OBJECT
public:
    enum Tab { OverviewTab, SessionsTabIndex, BlockingTab, QueriesTabIndex, TablesTab, MonitoringTabIndex };

    explicit DatabasePanel(QWidget *parent = nullptr);
    ~DatabasePanel() override;

    void setSession(ProfileSession *session);
    bool selectDatabase(const QString &name);
    QString currentDatabase() const;
    QString statusText() const;
    QString messageText() const;
    QString summary() const { return m_summary; }  // "1 blocked" for the dock title, empty when calm

    QTabWidget *tabs() const { return m_tabs; }
    DatabaseOverview *overview() const { return m_overview; }
    SessionsTab *sessionsTab() const { return m_sessions; }
    QTreeView *blockingView() const { return m_blockingView; }
    BlockingModel *blockingModel() const { return m_blocking; }
    QueriesTab *queriesTab() const { return m_queries; }
    TableStatsModel *tablesModel() const { return m_tables; }
    MonitoringTab *monitoringTab() const { return m_monitoring; }
    BackendSignalDialog *pendingConfirmation() const;  // the open confirmation, if any

    // Ask to cancel or terminate the selected session (Sessions or Blocking tab).
    void cancelSelected();
    void terminateSelected();

Q_SIGNALS:
    void summaryChanged(const QString &summary);

private:
    DatabaseMonitor *monitor() const;
    void showMonitor();
    void updateStatus();
    void updateActions();
    std::optional<PgSession> selectedSession() const;
    void confirm(BackendSignal what);
    void onActionFinished(quint64 operation, const BackendActionResult &result);
    void report(const QString &text, bool error);

    QPointer<ProfileSession> m_session;
    QComboBox *m_picker;
    QLabel *m_status;
    QLabel *m_security;
    QTabWidget *m_tabs;
    DatabaseOverview *m_overview;
    SessionsTab *m_sessions;
    BlockingModel *m_blocking;
    QTreeView *m_blockingView;
    QLabel *m_blockingHint;
    QueriesTab *m_queries;
    TableStatsModel *m_tables;
    QSortFilterProxyModel *m_tablesSorted;
    QTableView *m_tablesView;
    QLabel *m_tablesAge;
    MonitoringTab *m_monitoring;
    QAction *m_cancelAction;
    QAction *m_terminateAction;
    QLabel *m_message;
    QTimer *m_clock;
    QPointer<BackendSignalDialog> m_confirmation;
    QSet<quint64> m_pending;
    QString m_summary;
    bool m_tablesSized = false;
};

} // namespace opsdeck
