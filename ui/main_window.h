#pragma once

#include "config/config.h"

#include "alerts/alerts.h"
#include "time_series_chart.h"

#include <QMainWindow>

class QComboBox;
class QDockWidget;
class QTimer;
class QLabel;
class QMenu;
class QSystemTrayIcon;

namespace opsdeck {

class AlertNotifier;
class ConfigWatcher;
class AlertsPanel;
class AppSettings;
class BackupsPanel;
class DeploymentStore;
class DeploymentsPanel;
class DashboardPanel;
class DatabasePanel;
class HealthNotifier;
class HealthPanel;
class CommandPalette;
class ProfileSession;
class StateKeeper;
class StatusIndicator;
class WallMode;

// The console's frame: one dock per concern, a View menu to show, hide, lock
// and reset them, a profile switcher, and a status bar with each source's state.
// Panels do the work; this class only wires them to the current profile.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Config config, AppSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Switches to the named profile; returns false if there is none of that name.
    bool setProfile(const QString &name);
    QString currentProfile() const;
    ProfileSession *session() const { return m_session; }
    StateKeeper *stateKeeper() const { return m_stateKeeper; }
    HealthPanel *healthPanel() const { return m_healthPanel; }
    DashboardPanel *dashboardPanel() const { return m_dashboardPanel; }
    AlertsPanel *alertsPanel() const { return m_alertsPanel; }
    DatabasePanel *databasePanel() const { return m_databasePanel; }
    DeploymentsPanel *deploymentsPanel() const { return m_deploymentsPanel; }
    DeploymentStore *deployStore() const { return m_deployStore; }
    // The panels' docks in the View menu's order (Ctrl+1…), and their names.
    const QList<QDockWidget *> &docks() const { return m_docks; }
    const QStringList &panelNames() const { return m_panelNames; }
    BackupsPanel *backupsPanel() const { return m_backupsPanel; }
    AlertNotifier *alertNotifier() const { return m_alertNotifier; }

    // Brings a panel to the front ("database"), and a page of it ("database:blocking"),
    // or its restore dialog for the newest backup ("backups:restore").
    bool showPanel(const QString &spec);

    void resetLayout();
    void setPanelsLocked(bool locked);

    // The file the configuration came from: watched, so a change (the profile
    // editor's, the CLI's, a text editor's) is taken without a restart, and
    // edited by File > New profile / Edit profile.
    void setConfigPath(const QString &path);
    // A new configuration: the profile switcher follows, and the current
    // profile is opened again from it (or the first one, if it is gone).
    void setConfig(const Config &config);
    void editProfile(const QString &name);  // empty: a new profile
    // Ctrl+K: every panel, action, service, alert, database and deployment, by typing
    // (typed: what is already in its field).
    void openCommandPalette(const QString &typed = {});
    // Every profile opened read-only, whatever it says (wall mode); the current one is opened again.
    void setForcedReadOnly(bool on);
    WallMode *wallMode() const { return m_wall; }
    // The profiles of a new configuration, the one on screen left running as it is.
    void updateProfiles(const Config &config);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QList<TimeSeriesChart::Marker> deployMarkers(const QStringList &services) const;
    void updateServiceDeployments();
    QString lastDeployBefore(const Alert &alert) const;
    QDockWidget *addPanel(QWidget *panel, const QString &objectName, const QString &title, Qt::DockWidgetArea area);
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void createTray();
    void restoreLayout();
    void applyDefaultProportions();
    void updateHealthIndicator(const QString &summary);
    void updateMetricsIndicator();
    void updateTlsIndicator();
    void updateLastKnownIndicator();
    void showShortcuts();
    void endSession();
    void updateAlertIndicator(const QString &summary);
    void updateTrayToolTip();
    void showAbout();
    void importGrafanaDashboard();
    void importProfile();
    void exportProfile();
    void applyProfileColor(const QString &color);

    Config m_config;
    QString m_configPath;
    ConfigWatcher *m_configWatcher = nullptr;
    QList<QAction *> m_notificationActions;  // the Notifications menu, shown in the profile editor too
    AppSettings *m_settings;
    ProfileSession *m_session = nullptr;
    StateKeeper *m_stateKeeper = nullptr;
    CommandPalette *m_palette = nullptr;  // made on first use
    WallMode *m_wall = nullptr;
    bool m_forcedReadOnly = false;  // the session's last known state; goes before it
    HealthPanel *m_healthPanel = nullptr;
    DashboardPanel *m_dashboardPanel = nullptr;
    AlertsPanel *m_alertsPanel = nullptr;
    DatabasePanel *m_databasePanel = nullptr;
    BackupsPanel *m_backupsPanel = nullptr;
    DeploymentStore *m_deployStore = nullptr;
    DeploymentsPanel *m_deploymentsPanel = nullptr;
    QTimer *m_serviceRowsTimer = nullptr;
    QList<QDockWidget *> m_docks;
    QStringList m_panelNames;
    bool m_proportionOnShow = false;  // the default layout was set up before the window had its size
    QDockWidget *m_healthDock = nullptr;
    QDockWidget *m_dashboardsDock = nullptr;
    QDockWidget *m_alertsDock = nullptr;
    QDockWidget *m_databaseDock = nullptr;
    QDockWidget *m_backupsDock = nullptr;
    QDockWidget *m_deploymentsDock = nullptr;
    QByteArray m_defaultState;
    QMenu *m_viewMenu = nullptr;
    QAction *m_lockAction = nullptr;
    QComboBox *m_profileBox = nullptr;
    QLabel *m_profileLabel = nullptr;
    StatusIndicator *m_healthIndicator = nullptr;
    StatusIndicator *m_metricsIndicator = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    HealthNotifier *m_notifier = nullptr;
    AlertNotifier *m_alertNotifier = nullptr;
    StatusIndicator *m_alertIndicator = nullptr;
    StatusIndicator *m_tlsIndicator = nullptr;  // shown only when an endpoint skips TLS verification
    StatusIndicator *m_lastKnownIndicator = nullptr;  // shown while an earlier run's data is on screen
    QString m_healthText;
    QString m_alertText;
};

} // namespace opsdeck
