#include "main_window.h"

#include "alert_model.h"
#include "alerts/alert_notifier.h"
#include "alerts/alerts_panel.h"
#include "backups/backups_panel.h"
#include "deployments/deployments_panel.h"
#include "deployment_store.h"
#include "deploy/deploy_history.h"
#include "service_deployments.h"
#include "health_model.h"
#include "common/compact_units.h"
#include "database/database_panel.h"
#include "app_settings.h"
#include "dashboards/dashboard_panel.h"
#include "dashboards/grafana_import.h"
#include "health/health_notifier.h"
#include "health/health_panel.h"
#include "icon_provider.h"
#include "profile_session.h"
#include "state_keeper.h"
#include "theme.h"
#include "wall_mode.h"
#include "window_commands.h"
#include "command_palette.h"
#include "config/config_document.h"
#include "setup/config_watcher.h"
#include "setup/profile_editor.h"
#include "status_indicator.h"

#include "common/documentation.h"

#include <QAction>
#include <QActionGroup>
#include <QDesktopServices>
#include <QApplication>
#include <QTimer>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QTabWidget>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolBar>

namespace opsdeck {

MainWindow::MainWindow(Config config, AppSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_config(std::move(config)), m_settings(settings)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(appIcon());
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    m_healthPanel = new HealthPanel(this);
    m_healthDock = addPanel(m_healthPanel, QStringLiteral("healthDock"), tr("Health"), Qt::LeftDockWidgetArea);
    m_dashboardPanel = new DashboardPanel(this);
    m_dashboardsDock = addPanel(m_dashboardPanel, QStringLiteral("dashboardsDock"), tr("Dashboards"), Qt::LeftDockWidgetArea);
    splitDockWidget(m_healthDock, m_dashboardsDock, Qt::Vertical);
    m_alertsPanel = new AlertsPanel(this);
    // Alerts get the full height on the right: the list is what an incident is worked from.
    m_alertsDock = addPanel(m_alertsPanel, QStringLiteral("alertsDock"), tr("Alerts"), Qt::RightDockWidgetArea);
    // The database's tables need width: a tab beside the dashboards, which stay in front.
    m_databasePanel = new DatabasePanel(this);
    m_databaseDock = addPanel(m_databasePanel, QStringLiteral("databaseDock"), tr("Database"), Qt::LeftDockWidgetArea);
    tabifyDockWidget(m_dashboardsDock, m_databaseDock);
    // Backups are worked with now and then, beside the database they protect.
    m_backupsPanel = new BackupsPanel(this);
    m_backupsDock = addPanel(m_backupsPanel, QStringLiteral("backupsDock"), tr("Backups"), Qt::LeftDockWidgetArea);
    tabifyDockWidget(m_databaseDock, m_backupsDock);
    // What runs where, beside the dashboards whose curves a deploy moves.
    m_deployStore = new DeploymentStore(this);
    m_deploymentsPanel = new DeploymentsPanel(this);
    m_deploymentsDock = addPanel(m_deploymentsPanel, QStringLiteral("deploymentsDock"), tr("Deployments"), Qt::LeftDockWidgetArea);
    tabifyDockWidget(m_backupsDock, m_deploymentsDock);
    m_dashboardsDock->raise();

    createMenus();
    createToolBar();
    m_wall = new WallMode(this);
    createStatusBar();
    createTray();

    connect(m_healthPanel, &HealthPanel::summaryChanged, this, &MainWindow::updateHealthIndicator);
    connect(m_alertsPanel, &AlertsPanel::summaryChanged, this, &MainWindow::updateAlertIndicator);
    connect(m_databasePanel, &DatabasePanel::summaryChanged, this, [this](const QString &summary) {
        m_databaseDock->setWindowTitle(summary.isEmpty() ? tr("Database") : tr("Database — %1").arg(summary));
    });
    connect(m_backupsPanel, &BackupsPanel::summaryChanged, this, [this](const QString &summary) {
        m_backupsDock->setWindowTitle(summary.isEmpty() ? tr("Backups") : tr("Backups — %1").arg(summary));
    });
    connect(m_backupsPanel, &BackupsPanel::jobFinished, this, [this](const QString &title, const QString &message, bool ok) {
        // Long jobs end while the operator looks elsewhere; the panel says it too.
        if (m_tray && !isActiveWindow() && !m_settings->doNotDisturb())
            m_tray->showMessage(title, message, ok ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    });
    connect(m_deploymentsPanel, &DeploymentsPanel::summaryChanged, this, [this](const QString &summary) {
        m_deploymentsDock->setWindowTitle(summary.isEmpty() ? tr("Deployments") : tr("Deployments — %1").arg(summary));
    });
    connect(m_deploymentsPanel, &DeploymentsPanel::actionFinished, this, [this](const QString &title, const QString &message, bool ok) {
        if (m_tray && !isActiveWindow() && !m_settings->doNotDisturb())
            m_tray->showMessage(title, message, ok ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
        if (m_session)
            m_session->checkHealthNow();
    });
    m_serviceRowsTimer = new QTimer(this);
    m_serviceRowsTimer->setSingleShot(true);
    m_serviceRowsTimer->setInterval(500);
    connect(m_serviceRowsTimer, &QTimer::timeout, this, &MainWindow::updateServiceDeployments);
    // Deploys and restarts on the charts of the services they touched, and in an alert's details.
    m_dashboardPanel->setMarkerSource([this](const QStringList &services) { return deployMarkers(services); });
    connect(m_deployStore, &DeploymentStore::deployChanged, m_dashboardPanel, &DashboardPanel::refreshMarkers);
    m_alertsPanel->setDeployLookup([this](const Alert &alert) { return lastDeployBefore(alert); });
    // Data was replaced: the services that use the database are worth a look now, not at the next poll.
    connect(m_backupsPanel, &BackupsPanel::databaseRestored, this, [this] {
        if (m_session)
            m_session->checkHealthNow();
    });
    m_defaultState = saveState(AppSettings::layoutVersion);
    restoreLayout();
    setPanelsLocked(m_settings->panelsLocked());
}

MainWindow::~MainWindow()
{
    m_deploymentsPanel->setStore(nullptr);
    endSession();
}

void MainWindow::endSession()
{
    // Panels hold models of the session: detach them before the session goes.
    m_healthPanel->setSession(nullptr);
    m_dashboardPanel->setSession(nullptr);
    m_alertsPanel->setSession(nullptr);
    m_databasePanel->setSession(nullptr);
    m_backupsPanel->setSession(nullptr);
    m_deploymentsPanel->setSession(nullptr);
    m_notifier->setModel(nullptr);
    delete m_stateKeeper;  // its last save reads the session's models
    m_stateKeeper = nullptr;
    delete m_session;
    m_session = nullptr;
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &objectName, const QString &title,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    m_docks << dock;
    m_panelNames << title;  // the About box lists what this build really has
    return dock;
}

void MainWindow::createMenus()
{
    // Every action of the window has a shortcut (the sheet under Help lists them).
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New profile…"), QKeySequence::New, this, [this] { editProfile({}); });
    file->addAction(tr("&Edit profile…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] { editProfile(currentProfile()); });
    file->addAction(tr("&Switch profile…"), QKeySequence(Qt::CTRL | Qt::Key_P), this, [this] {
        m_profileBox->setFocus(Qt::ShortcutFocusReason);
        m_profileBox->showPopup();
    });
    file->addAction(tr("I&mport profile…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), this, &MainWindow::importProfile);
    file->addAction(tr("E&xport profile…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this, &MainWindow::exportProfile);
    file->addSeparator();
    file->addAction(tr("&Import Grafana dashboard…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), this, &MainWindow::importGrafanaDashboard);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));  // QKeySequence::Quit is empty on some platforms

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *palette = m_viewMenu->addAction(tr("&Command palette…"), this, [this] { openCommandPalette(); });
    palette->setObjectName(QStringLiteral("commandPaletteAction"));
    palette->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    m_viewMenu->addSeparator();
    // Ctrl+1… brings a panel to the front with the keyboard in it; the toggles below show or hide it.
    for (int i = 0; i < m_docks.size(); ++i) {
        QDockWidget *dock = m_docks[i];
        QAction *go = m_viewMenu->addAction(tr("Go to %1").arg(m_panelNames[i]), this, [this, dock] { focusDock(dock); });
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    m_viewMenu->addSeparator();
    QMenu *panels = m_viewMenu->addMenu(tr("&Panels"));
    for (QDockWidget *dock : std::as_const(m_docks))
        panels->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_lockAction = m_viewMenu->addAction(tr("&Lock panels"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_lockAction->setCheckable(true);
    connect(m_lockAction, &QAction::toggled, this, &MainWindow::setPanelsLocked);
    m_viewMenu->addAction(tr("&Reset layout"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this, &MainWindow::resetLayout);
    QAction *wall = m_viewMenu->addAction(tr("&Wall mode"), QKeySequence(Qt::Key_F11), this, [this] {
        if (m_wall->isActive())
            m_wall->leave();
        else
            m_wall->enter({});
    });
    wall->setObjectName(QStringLiteral("wallModeAction"));
    addAction(wall);  // F11 still works with the menu bar hidden
    m_viewMenu->addSeparator();
    QMenu *theme = m_viewMenu->addMenu(tr("&Theme"));
    auto *themes = new QActionGroup(theme);
    const std::pair<ThemeMode, QString> themeChoices[] = {
        {ThemeMode::System, tr("Follow the system")}, {ThemeMode::Light, tr("Light")}, {ThemeMode::Dark, tr("Dark")}};
    for (const auto &[mode, text] : themeChoices) {
        QAction *a = theme->addAction(text);
        a->setCheckable(true);
        a->setActionGroup(themes);
        a->setChecked(themeModeKey(mode) == m_settings->theme());
        a->setObjectName(QStringLiteral("theme-") + themeModeKey(mode));
        connect(a, &QAction::triggered, this, [this, mode] {
            m_settings->setTheme(themeModeKey(mode));
            applyTheme(mode);
        });
    }
    // Ctrl+Shift+T cycles: light, dark, the system's.
    QAction *nextTheme = theme->addAction(tr("&Next theme"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this, [this] {
        ThemeMode current = ThemeMode::System;
        themeModeFromKey(m_settings->theme(), &current);
        const ThemeMode next = current == ThemeMode::System ? ThemeMode::Light : current == ThemeMode::Light ? ThemeMode::Dark : ThemeMode::System;
        if (QAction *a = findChild<QAction *>(QStringLiteral("theme-") + themeModeKey(next)))
            a->trigger();
    });
    theme->insertSeparator(nextTheme);
    QMenu *language = m_viewMenu->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(language);
    const std::pair<QString, QString> languageChoices[] = {
        {QString(), tr("The system's")}, {QStringLiteral("en"), QStringLiteral("English")}, {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
    for (const auto &[code, text] : languageChoices) {
        QAction *a = language->addAction(text);
        a->setCheckable(true);
        a->setActionGroup(languages);
        a->setChecked(code == m_settings->language());
        connect(a, &QAction::triggered, this, [this, code] {
            m_settings->setLanguage(code);
            // Every string would have to be made again: the next start speaks the new language.
            statusBar()->showMessage(tr("The language changes when OpsDeck is started again."), 10000);
        });
    }

    QMenu *notifications = menuBar()->addMenu(tr("&Notifications"));
    QAction *notifyHealth = notifications->addAction(tr("Notify when a service goes down or recovers"));
    notifyHealth->setCheckable(true);
    notifyHealth->setChecked(m_settings->notifyHealthChanges());
    m_notificationActions << notifyHealth;
    connect(notifyHealth, &QAction::toggled, this, [this](bool on) {
        m_settings->setNotifyHealthChanges(on);
        if (m_notifier)
            m_notifier->setEnabled(on);
    });

    notifications->addSeparator();
    const QStringList severities = m_settings->alertSeverities();
    const std::pair<QString, QString> choices[] = {
        {QStringLiteral("critical"), tr("Notify about new critical alerts")},
        {QStringLiteral("warning"), tr("Notify about new warning alerts")},
        {QStringLiteral("info"), tr("Notify about new info alerts")},
    };
    for (const auto &[severity, text] : choices) {
        QAction *action = notifications->addAction(text);
        action->setCheckable(true);
        action->setChecked(severities.contains(severity));
        m_notificationActions << action;
        connect(action, &QAction::toggled, this, [this, severity](bool on) {
            QStringList chosen = m_settings->alertSeverities();
            chosen.removeAll(severity);
            if (on)
                chosen << severity;
            m_settings->setAlertSeverities(chosen);
            m_alertNotifier->setSeverities(QSet<QString>(chosen.begin(), chosen.end()));
        });
    }
    QAction *sound = notifications->addAction(tr("Play a sound with alert notifications"));
    sound->setCheckable(true);
    sound->setChecked(m_settings->alertSound());
    m_notificationActions << sound;
    connect(sound, &QAction::toggled, this, [this](bool on) {
        m_settings->setAlertSound(on);
        m_alertNotifier->setSound(on);
    });
    notifications->addSeparator();
    QAction *dnd = notifications->addAction(tr("Do not disturb"));
    dnd->setObjectName(QStringLiteral("doNotDisturbAction"));
    dnd->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    dnd->setCheckable(true);
    dnd->setChecked(m_settings->doNotDisturb());
    connect(dnd, &QAction::toggled, this, [this](bool on) {
        m_settings->setDoNotDisturb(on);
        m_alertNotifier->setDoNotDisturb(on);
        m_notifier->setEnabled(!on && m_settings->notifyHealthChanges());
        updateTrayToolTip();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *docs = help->addAction(tr("&Documentation"), this, [] {
        // The package's copy (/usr/share/doc/opsdeck), else the clone's docs/.
        QDesktopServices::openUrl(QUrl::fromLocalFile(documentationPath()));
    });
    docs->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this, &MainWindow::showShortcuts);
    help->addAction(tr("&About OpsDeck"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Profile"));
    bar->setObjectName(QStringLiteral("profileToolBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr("Profile: "), bar));
    m_profileBox = new QComboBox(bar);
    m_profileBox->setObjectName(QStringLiteral("profileSwitcher"));
    m_profileBox->addItems(m_config.profileNames());
    m_profileBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(m_profileBox);
    connect(m_profileBox, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (name != currentProfile())
            setProfile(name);
    });
}

void MainWindow::createStatusBar()
{
    m_profileLabel = new QLabel(this);
    statusBar()->addWidget(m_profileLabel);
    // First of the indicators: what the others say may be an earlier run's.
    m_lastKnownIndicator = new StatusIndicator(this);
    m_lastKnownIndicator->setObjectName(QStringLiteral("lastKnownIndicator"));
    m_lastKnownIndicator->hide();
    statusBar()->addPermanentWidget(m_lastKnownIndicator);
    m_healthIndicator = new StatusIndicator(this);
    m_healthIndicator->setObjectName(QStringLiteral("healthIndicator"));
    statusBar()->addPermanentWidget(m_healthIndicator);
    m_alertIndicator = new StatusIndicator(this);
    m_alertIndicator->setObjectName(QStringLiteral("alertIndicator"));
    statusBar()->addPermanentWidget(m_alertIndicator);
    m_metricsIndicator = new StatusIndicator(this);
    m_metricsIndicator->setObjectName(QStringLiteral("metricsIndicator"));
    statusBar()->addPermanentWidget(m_metricsIndicator);
    m_tlsIndicator = new StatusIndicator(this);
    m_tlsIndicator->setObjectName(QStringLiteral("tlsIndicator"));
    m_tlsIndicator->hide();
    statusBar()->addPermanentWidget(m_tlsIndicator);
}

void MainWindow::updateLastKnownIndicator()
{
    const qint64 savedAt = m_stateKeeper ? m_stateKeeper->restoredSavedAtMs() : 0;
    m_lastKnownIndicator->setVisible(savedAt > 0);
    if (savedAt == 0)
        return;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(savedAt);
    m_lastKnownIndicator->setState(
        BadgeTone::Warning,
        tr("Last known state, %1 old").arg(compactDuration(QDateTime::currentMSecsSinceEpoch() - savedAt)),
        tr("Until the sources answer, the panels show what the console last saw, at %1. "
           "Rows from then are marked stale.")
            .arg(QLocale().toString(at, QLocale::ShortFormat)));
}

void MainWindow::updateTlsIndicator()
{
    const QStringList unverified = m_session ? unverifiedEndpoints(m_session->profile()) : QStringList();
    m_tlsIndicator->setVisible(!unverified.isEmpty());
    if (unverified.isEmpty())
        return;
    m_tlsIndicator->setState(BadgeTone::Warning, tr("TLS not verified: %n endpoint(s)", nullptr, int(unverified.size())),
                             tr("The profile turns TLS certificate verification off (insecure_skip_verify) for:\n%1\n"
                                "Their answers could come from anyone on the path.")
                                 .arg(unverified.join(u'\n')));
}

void MainWindow::updateMetricsIndicator()
{
    const int targets = m_session ? int(m_session->scrapedServices().size()) : 0;
    if (targets == 0) {
        m_metricsIndicator->setState(BadgeTone::Muted, tr("Metrics: no targets"));
        return;
    }
    int up = 0, answered = 0;
    QStringList failures;
    for (const ScrapeReport &r : m_session->lastScrapes()) {
        ++answered;
        if (r.ok)
            ++up;
        else
            failures << QStringLiteral("%1: %2").arg(r.service, r.error);
    }
    const BadgeTone tone = answered == 0 ? BadgeTone::Muted : up == targets ? BadgeTone::Good
        : up == 0 ? BadgeTone::Bad : BadgeTone::Warning;
    m_metricsIndicator->setState(tone, tr("Metrics: %1/%2 targets up").arg(up).arg(targets), failures.join(u'\n'));
}

void MainWindow::createTray()
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(appIcon(), this);
        m_tray->setToolTip(QStringLiteral("OpsDeck"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
    }
    m_notifier = new HealthNotifier(m_tray, this);
    m_notifier->setEnabled(m_settings->notifyHealthChanges() && !m_settings->doNotDisturb());
    m_alertNotifier = new AlertNotifier(m_tray, this);
    const QStringList severities = m_settings->alertSeverities();
    m_alertNotifier->setSeverities(QSet<QString>(severities.begin(), severities.end()));
    m_alertNotifier->setSound(m_settings->alertSound());
    m_alertNotifier->setDoNotDisturb(m_settings->doNotDisturb());
}

bool MainWindow::setProfile(const QString &name)
{
    const Profile *profile = m_config.profile(name);
    if (!profile)
        return false;
    endSession();
    m_alertNotifier->reset();
    Profile opened = *profile;
    opened.readOnly = opened.readOnly || m_forcedReadOnly;
    m_session = new ProfileSession(opened, this);
    connect(m_session, &ProfileSession::scrapesChanged, this, &MainWindow::updateMetricsIndicator);
    connect(m_session, &ProfileSession::alertSnapshot, m_alertNotifier, &AlertNotifier::onSnapshot);
    m_healthPanel->setSession(m_session);
    m_dashboardPanel->setSession(m_session);
    m_alertsPanel->setSession(m_session);
    m_databasePanel->setSession(m_session);
    m_backupsPanel->setSession(m_session);
    // A rollout under way keeps its own engine and client: switching the rows does not disturb it.
    m_deployStore->setProfiles(m_config.profiles, profile->name);
    m_deployStore->setServiceDeployments({});
    m_deploymentsPanel->setStore(m_deployStore);
    m_deploymentsPanel->setSession(m_session);
    // Services without a container are rows too, from their health and their scrapes: read again
    // when a check lands, a few at a time.
    connect(m_session->healthModel(), &QAbstractItemModel::dataChanged, m_serviceRowsTimer, qOverload<>(&QTimer::start));
    connect(m_session->healthModel(), &QAbstractItemModel::modelReset, m_serviceRowsTimer, qOverload<>(&QTimer::start));
    m_notifier->setModel(m_session->healthModel());
    updateTlsIndicator();
    // The last picture first, then the live one replaces it part by part.
    m_stateKeeper = new StateKeeper(m_session, m_deployStore, this);
    connect(m_stateKeeper, &StateKeeper::restoredChanged, this, &MainWindow::updateLastKnownIndicator);
    m_stateKeeper->restore();
    updateLastKnownIndicator();
    m_session->start();
    m_stateKeeper->start();

    m_profileBox->setCurrentText(profile->name);
    const QString mode = opened.readOnly ? tr("read-only") : tr("read-write");
    m_profileLabel->setText(tr("%1 · %2 · operator %3").arg(profile->name, mode, profile->operatorName));
    setWindowTitle(tr("OpsDeck — %1").arg(profile->name));
    applyProfileColor(profile->color);
    m_settings->setLastProfile(profile->name);
    updateHealthIndicator(m_healthPanel->summary());
    updateMetricsIndicator();
    return true;
}

void MainWindow::updateServiceDeployments()
{
    if (!m_session)
        return;
    QList<Deployment> rows;
    const std::shared_ptr<const SeriesStore> store = m_session->seriesStore();
    for (const ServiceConfig &service : m_session->profile().services) {
        if (service.healthUrl.isEmpty() && service.livenessUrl.isEmpty() && service.readinessUrl.isEmpty())
            continue;  // a scrape target only (a node_exporter): nothing deployed to show
        rows.append(serviceDeployment(service.name, m_session->healthModel()->lastHealth(service.name), store.get(), m_session->profile().name));
    }
    m_deployStore->setServiceDeployments(rows);
}

QList<TimeSeriesChart::Marker> MainWindow::deployMarkers(const QStringList &services) const
{
    QList<TimeSeriesChart::Marker> markers;
    for (const DeployChange &c : m_deployStore->changes(m_deployStore->current())) {
        const bool touches = std::any_of(services.cbegin(), services.cend(), [&](const QString &s) { return deploymentServes(c.name, s); });
        if (!touches)
            continue;
        const QString label = c.kind == DeployChange::Kind::Restart ? tr("restart") : imageVersion(c.toImage, {}, {});
        markers.append({c.timeMs, label, describeDeployChange(c)});
    }
    return markers;
}

QString MainWindow::lastDeployBefore(const Alert &alert) const
{
    // The labels an alert names its service by, in the order rules usually set them.
    QStringList services;
    for (const char *label : {"service", "compose_service", "container", "app", "job", "deployment"}) {
        const QString value = QString::fromStdString(alert.label(label));
        if (!value.isEmpty())
            services << value;
    }
    const qint64 started = alert.startsAtMs > 0 ? alert.startsAtMs : QDateTime::currentMSecsSinceEpoch();
    const QList<DeployChange> changes = m_deployStore->changes(m_deployStore->current());
    const DeployChange *last = lastChangeBefore(changes, services, started);
    if (!last)
        return {};
    return tr("%1, %2 before it started").arg(describeDeployChange(*last), compactDuration(started - last->timeMs));
}

QString MainWindow::currentProfile() const
{
    return m_session ? m_session->profile().name : QString();
}

void MainWindow::updateHealthIndicator(const QString &summary)
{
    HealthModel *model = m_session ? m_session->healthModel() : nullptr;
    const auto counts = model ? model->statusCounts() : QMap<HealthStatus, int>();
    BadgeTone tone = BadgeTone::Good;
    if (!model || model->serviceCount() == 0 || summary.isEmpty())
        tone = BadgeTone::Muted;
    else if (counts.value(HealthStatus::Down) + counts.value(HealthStatus::Unreachable) > 0)
        tone = BadgeTone::Bad;
    else if (counts.value(HealthStatus::Degraded) + counts.value(HealthStatus::Unknown) > 0)
        tone = BadgeTone::Warning;
    const QString text = model && model->serviceCount() == 0 ? tr("Health: no health endpoints configured")
        : summary.isEmpty()                                   ? tr("Health: waiting for answers")
                                                              : tr("Health: %1").arg(summary);
    m_healthIndicator->setState(tone, text);
    m_healthDock->setWindowTitle(summary.isEmpty() ? tr("Health") : tr("Health — %1").arg(summary));
    m_healthText = text;
    updateTrayToolTip();
}

void MainWindow::updateAlertIndicator(const QString &summary)
{
    const auto counts = m_session ? m_session->alertModel()->openCountsBySeverity() : QMap<QString, int>();
    BadgeTone tone = BadgeTone::Good;
    if (summary.isEmpty())
        tone = BadgeTone::Muted;
    else if (counts.value(QStringLiteral("critical")) > 0)
        tone = BadgeTone::Bad;
    else if (!counts.isEmpty())
        tone = BadgeTone::Warning;
    m_alertText = summary.isEmpty() ? tr("Alerts: waiting") : tr("Alerts: %1").arg(summary);
    m_alertIndicator->setState(tone, m_alertText);
    if (m_tray) {
        int open = 0;
        for (const int n : counts)
            open += n;
        m_tray->setIcon(badgedAppIcon(open, badgeColor(tone, false)));
    }
    m_alertsDock->setWindowTitle(summary.isEmpty() ? tr("Alerts") : tr("Alerts — %1").arg(summary));
    updateTrayToolTip();
}

void MainWindow::updateTrayToolTip()
{
    if (!m_tray)
        return;
    QStringList lines{QStringLiteral("OpsDeck")};
    for (const QString &line : {m_healthText, m_alertText}) {
        if (!line.isEmpty())
            lines << line;
    }
    if (m_settings->doNotDisturb())
        lines << tr("Do not disturb");
    m_tray->setToolTip(lines.join(u'\n'));
}

bool MainWindow::showPanel(const QString &spec)
{
    const QString panel = spec.section(u':', 0, 0);
    const QString page = spec.section(u':', 1);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        if (dock->objectName() != panel + QStringLiteral("Dock"))
            continue;
        dock->show();
        dock->raise();
        if (panel == QLatin1String("database") && !page.isEmpty()) {
            static const QStringList pages{QStringLiteral("overview"), QStringLiteral("sessions"), QStringLiteral("blocking"),
                                           QStringLiteral("queries"), QStringLiteral("tables"), QStringLiteral("monitoring")};
            if (!pages.contains(page))
                return false;
            m_databasePanel->tabs()->setCurrentIndex(int(pages.indexOf(page)));
        }
        if (panel == QLatin1String("deployments") && !page.isEmpty()) {
            static const QStringList pages{QStringLiteral("services"), QStringLiteral("versions"), QStringLiteral("logs"), QStringLiteral("history"),
                                           QStringLiteral("rollback")};
            if (!pages.contains(page))
                return false;
            m_deploymentsPanel->showPage(page);
        }
        if (panel == QLatin1String("backups") && !page.isEmpty()) {
            if (page != QLatin1String("restore"))
                return false;
            m_backupsPanel->restoreNewest();
        }
        return true;
    }
    return false;
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState, AppSettings::layoutVersion);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        dock->show();
    }
    if (!isVisible())
        resize(1280, 860);
    applyDefaultProportions();
    // Before the first show the window does not know its final size (a maximised
    // window, -qwindowgeometry): proportion the docks again once it does.
    m_proportionOnShow = !isVisible();
}

// The default layout, in proportion to the window: the dashboards get most of the
// room, the health table the height of its rows (and a short history under them),
// the alerts two fifths of the width, full height.
void MainWindow::applyDefaultProportions()
{
    const int w = width(), h = height();
    const int healthHeight = std::clamp(m_healthPanel->preferredHeight(), 150, h * 2 / 5);
    resizeDocks({m_healthDock, m_dashboardsDock}, {healthHeight, std::max(200, h - healthHeight)}, Qt::Vertical);
    resizeDocks({m_healthDock, m_alertsDock}, {w * 60 / 100, w * 40 / 100}, Qt::Horizontal);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_proportionOnShow) {
        QTimer::singleShot(0, this, &MainWindow::applyDefaultProportions);
        // A window manager maximises, or -qwindowgeometry applies, a moment after the
        // window is mapped: follow the sizes that come then, not the user's later resizes.
        QTimer::singleShot(1500, this, [this] { m_proportionOnShow = false; });
    }
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_proportionOnShow && isVisible())
        QTimer::singleShot(0, this, &MainWindow::applyDefaultProportions);
}

void MainWindow::setPanelsLocked(bool locked)
{
    const auto features = locked ? QDockWidget::NoDockWidgetFeatures
                                 : QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                                       | QDockWidget::DockWidgetFloatable;
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->setFeatures(features);
    if (m_lockAction->isChecked() != locked)
        m_lockAction->setChecked(locked);
    m_settings->setPanelsLocked(locked);
}

void MainWindow::restoreLayout()
{
    resize(1280, 860);
    const QByteArray geometry = m_settings->windowGeometry();
    if (!geometry.isEmpty() && restoreGeometry(geometry)) {
        // A window saved on a monitor that is gone would open off screen.
        bool visible = false;
        for (const QScreen *screen : QGuiApplication::screens())
            visible |= screen->availableGeometry().intersects(frameGeometry());
        if (!visible)
            move(QGuiApplication::primaryScreen()->availableGeometry().topLeft() + QPoint(40, 40));
    }
    const QByteArray state = m_settings->windowState();
    if (state.isEmpty() || !restoreState(state, AppSettings::layoutVersion))
        resetLayout();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A backup or restore dies with the console: say so first. A restore stopped this way leaves
    // its target as it was; its scratch database is offered for dropping at the next start.
    if (m_backupsPanel->isBusy() && isVisible()) {
        const auto answer = QMessageBox::question(
            this, tr("A backup job is running"),
            tr("Running now: %1.\n\nClosing OpsDeck stops it: a backup is discarded, a restore leaves its target as it was.")
                .arg(m_backupsPanel->summary()),
            QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Close) {
            event->ignore();
            return;
        }
    }
    if (m_deploymentsPanel->isBusy() && isVisible()) {
        const auto answer = QMessageBox::question(
            this, tr("A rollout is running"),
            tr("Closing OpsDeck now can leave a replica stopped or renamed halfway. Wait for the rollout to end?"),
            QMessageBox::Close | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Close) {
            event->ignore();
            return;
        }
    }
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState(AppSettings::layoutVersion));
    m_settings->sync();
    QMainWindow::closeEvent(event);
}

void MainWindow::importGrafanaDashboard()
{
    if (!m_session)
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Grafana dashboard"), QString(),
                                                      tr("Grafana dashboard (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024 * 1024) {
        QMessageBox::warning(this, tr("Import Grafana dashboard"), tr("%1: cannot read: %2").arg(path, file.errorString()));
        return;
    }
    const GrafanaImport imported = opsdeck::importGrafanaDashboard(file.readAll());
    if (!imported.ok() || imported.dashboard.panels.isEmpty()) {
        QMessageBox::warning(this, tr("Import Grafana dashboard"),
                             tr("%1: %2").arg(path, imported.ok() ? tr("no panel OpsDeck can draw") : imported.error)
                                 + (imported.skipped.isEmpty() ? QString() : u'\n' + imported.skipped.join(u'\n')));
        return;
    }
    m_session->addDashboard(imported.dashboard);
    m_dashboardPanel->reloadDashboardList();
    m_dashboardPanel->setCurrentDashboard(imported.dashboard.title);
    if (!m_session->prometheus())
        QMessageBox::information(this, tr("Import Grafana dashboard"),
                                 tr("The panels ask Prometheus, and this profile has none: add \"prometheus\" to it."));
    if (!imported.skipped.isEmpty())
        QMessageBox::information(this, tr("Import Grafana dashboard"),
                                 tr("Imported %n panel(s). Not imported:", nullptr, int(imported.dashboard.panels.size()))
                                     + u'\n' + imported.skipped.join(u'\n'));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About OpsDeck"),
                       tr("<h3>OpsDeck %1</h3>"
                          "<p>A native operations console. Panels in this version: %2.</p>"
                          "<p>Built with Qt %3. Configuration: <tt>%4</tt></p>")
                           .arg(QStringLiteral(OPSDECK_VERSION), m_panelNames.join(QStringLiteral(", ")),
                                QString::fromLatin1(qVersion()), m_config.sourceFile.toHtmlEscaped()));
}

void MainWindow::setConfigPath(const QString &path)
{
    m_configPath = path;
    delete m_configWatcher;
    m_configWatcher = new ConfigWatcher(path, this);
    ConfigWatcher *watcher = m_configWatcher;
    connect(watcher, &ConfigWatcher::reloaded, this, [this, watcher](const Config &config) {
        // A change to another profile leaves the one on screen running: its charts keep their data.
        if (watcher->profileChanged(currentProfile()) || !config.profile(currentProfile()))
            setConfig(config);
        else
            updateProfiles(config);
        statusBar()->showMessage(tr("Configuration reloaded from %1").arg(m_configPath), 5000);
    });
    connect(watcher, &ConfigWatcher::reloadFailed, this, [this](const QStringList &errors) {
        // The running profile stays as it is: a half-edited file must not take the console down.
        statusBar()->showMessage(tr("The configuration has errors; the running profile is kept: %1").arg(errors.value(0)));
    });
}

void MainWindow::setConfig(const Config &config)
{
    const QString current = currentProfile();
    updateProfiles(config);
    setProfile(m_config.profile(current) ? current : m_config.profiles.value(0).name);
}

void MainWindow::updateProfiles(const Config &config)
{
    const QString current = currentProfile();
    m_config = config;
    const QSignalBlocker block(m_profileBox);
    m_profileBox->clear();
    m_profileBox->addItems(m_config.profileNames());
    m_profileBox->setCurrentText(current);
    // The Deployments matrix compares every profile: it follows the file too.
    if (m_config.profile(current))
        m_deployStore->setProfiles(m_config.profiles, current);
}

void MainWindow::editProfile(const QString &name)
{
    ConfigDocument document = ConfigDocument::open(m_configPath);
    if (document.state() == ConfigDocument::State::Broken) {
        QMessageBox::warning(this, tr("The configuration has errors"),
                             tr("%1 does not load, so it is not rewritten:\n%2").arg(m_configPath, document.loaded().errors.join(u'\n')));
        return;
    }
    ProfileEditor editor(&document, name, this);
    editor.addMachineSettings(tr("Notifications on this machine"), m_notificationActions);
    if (editor.exec() != QDialog::Accepted)
        return;
    // Taken now rather than when the file system reports it: Save feels immediate, and once.
    if (m_configWatcher)
        m_configWatcher->checkNow();
    if (editor.profileName() != currentProfile())
        setProfile(editor.profileName());
}

void MainWindow::importProfile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a profile"), QString(), tr("OpsDeck profiles (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    ConfigDocument document = ConfigDocument::open(m_configPath);
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = tr("%1: %2").arg(path, file.errorString());
    else if (document.state() == ConfigDocument::State::Broken)
        error = tr("%1 has errors; it is not rewritten.").arg(m_configPath);
    QStringList added;
    if (error.isEmpty())
        added = document.importProfiles(file.readAll(), path, &error);
    if (error.isEmpty())
        error = document.save();
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Not imported"), error);
        return;
    }
    statusBar()->showMessage(tr("Imported %1").arg(added.join(QStringLiteral(", "))), 5000);
}

void MainWindow::exportProfile()
{
    const ConfigDocument document = ConfigDocument::open(m_configPath);
    const QByteArray text = document.exportProfile(currentProfile());
    if (text.isEmpty()) {
        QMessageBox::warning(this, tr("Not exported"), tr("%1 has no profile %2.").arg(m_configPath, currentProfile()));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export profile"), currentProfile() + QStringLiteral(".json"),
                                                      tr("OpsDeck profiles (*.json)"));
    if (path.isEmpty())
        return;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(text) != text.size())
        QMessageBox::warning(this, tr("Not exported"), tr("%1: %2").arg(path, out.errorString()));
}

// The environment's colour on the profile's toolbar and chip: prod never looks like staging.
void MainWindow::applyProfileColor(const QString &color)
{
    auto *bar = findChild<QToolBar *>(QStringLiteral("profileToolBar"));
    if (color.isEmpty()) {
        if (bar)
            bar->setStyleSheet({});
        m_profileLabel->setStyleSheet({});
        return;
    }
    const QColor c(color);
    const QString text = c.lightnessF() > 0.6 ? QStringLiteral("#000000") : QStringLiteral("#ffffff");
    if (bar)
        bar->setStyleSheet(QStringLiteral("QToolBar#profileToolBar { border-bottom: 4px solid %1; }").arg(color));
    m_profileLabel->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; padding: 1px 6px; border-radius: 3px; }").arg(color, text));
}

} // namespace opsdeck

namespace opsdeck {

void MainWindow::setForcedReadOnly(bool on)
{
    if (on == m_forcedReadOnly)
        return;
    m_forcedReadOnly = on;
    if (m_session)
        setProfile(m_session->profile().name);
}

void MainWindow::openCommandPalette(const QString &typed)
{
    if (!m_palette)
        m_palette = new CommandPalette(this);
    m_palette->open(paletteEntries(*this));
    m_palette->field()->setText(typed);
}

void MainWindow::showShortcuts()
{
    const QString palette = tr("In the command palette: type to filter, ↑ ↓ to choose, Enter to run, Esc to close.");
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard shortcuts"),
                    shortcutSheetHtml(menuBar()) + QStringLiteral("<p>%1</p>").arg(palette.toHtmlEscaped()), QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("shortcutSheet"));
    box.exec();
}

} // namespace opsdeck
