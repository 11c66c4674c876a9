#include "main_window.h"

#include "app_settings.h"
#include "dashboard_panel.h"
#include "grafana_import.h"
#include "health_model.h"
#include "health_notifier.h"
#include "health_panel.h"
#include "icon_provider.h"
#include "profile_session.h"
#include "status_indicator.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
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
    addPanel(m_healthPanel, QStringLiteral("healthDock"), tr("Health"), Qt::TopDockWidgetArea);
    m_dashboardPanel = new DashboardPanel(this);
    addPanel(m_dashboardPanel, QStringLiteral("dashboardsDock"), tr("Dashboards"), Qt::BottomDockWidgetArea);

    createMenus();
    createToolBar();
    createStatusBar();
    createTray();

    connect(m_healthPanel, &HealthPanel::summaryChanged, this, &MainWindow::updateHealthIndicator);
    m_defaultState = saveState(AppSettings::layoutVersion);
    restoreLayout();
    setPanelsLocked(m_settings->panelsLocked());
}

MainWindow::~MainWindow()
{
    // Panels hold models of the session: detach them before the session goes.
    m_healthPanel->setSession(nullptr);
    m_dashboardPanel->setSession(nullptr);
    m_notifier->setModel(nullptr);
    delete m_session;
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &objectName, const QString &title,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Import Grafana dashboard…"), this, &MainWindow::importGrafanaDashboard);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : std::as_const(m_docks))
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_lockAction = m_viewMenu->addAction(tr("&Lock panels"));
    m_lockAction->setCheckable(true);
    connect(m_lockAction, &QAction::toggled, this, &MainWindow::setPanelsLocked);
    m_viewMenu->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);

    QMenu *notifications = menuBar()->addMenu(tr("&Notifications"));
    QAction *notifyHealth = notifications->addAction(tr("Notify when a service goes down or recovers"));
    notifyHealth->setCheckable(true);
    notifyHealth->setChecked(m_settings->notifyHealthChanges());
    connect(notifyHealth, &QAction::toggled, this, [this](bool on) {
        m_settings->setNotifyHealthChanges(on);
        if (m_notifier)
            m_notifier->setEnabled(on);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
    m_healthIndicator = new StatusIndicator(this);
    m_healthIndicator->setObjectName(QStringLiteral("healthIndicator"));
    statusBar()->addPermanentWidget(m_healthIndicator);
    m_metricsIndicator = new StatusIndicator(this);
    m_metricsIndicator->setObjectName(QStringLiteral("metricsIndicator"));
    statusBar()->addPermanentWidget(m_metricsIndicator);
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
    m_notifier->setEnabled(m_settings->notifyHealthChanges());
}

bool MainWindow::setProfile(const QString &name)
{
    const Profile *profile = m_config.profile(name);
    if (!profile)
        return false;
    m_healthPanel->setSession(nullptr);
    m_dashboardPanel->setSession(nullptr);
    m_notifier->setModel(nullptr);
    delete m_session;
    m_session = new ProfileSession(*profile, this);
    connect(m_session, &ProfileSession::scrapesChanged, this, &MainWindow::updateMetricsIndicator);
    m_healthPanel->setSession(m_session);
    m_dashboardPanel->setSession(m_session);
    m_notifier->setModel(m_session->healthModel());
    m_session->start();

    m_profileBox->setCurrentText(profile->name);
    const QString mode = profile->readOnly ? tr("read-only") : tr("read-write");
    m_profileLabel->setText(tr("%1 · %2 · operator %3").arg(profile->name, mode, profile->operatorName));
    setWindowTitle(tr("OpsDeck — %1").arg(profile->name));
    m_settings->setLastProfile(profile->name);
    updateHealthIndicator(m_healthPanel->summary());
    updateMetricsIndicator();
    return true;
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
    const QString text = summary.isEmpty() ? tr("Health: waiting for answers") : tr("Health: %1").arg(summary);
    m_healthIndicator->setState(tone, text);
    m_docks.first()->setWindowTitle(summary.isEmpty() ? tr("Health") : tr("Health — %1").arg(summary));
    if (m_tray)
        m_tray->setToolTip(QStringLiteral("OpsDeck\n") + text);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState, AppSettings::layoutVersion);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        dock->show();
    }
    resize(1280, 860);
    // The charts get most of the height; the health table needs a few rows.
    resizeDocks({m_docks.at(0), m_docks.at(1)}, {330, 530}, Qt::Vertical);
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
                          "<p>A native operations console: health, metrics, alerts, databases, backups and "
                          "deployments in one calm window.</p>"
                          "<p>Built with Qt %2. Configuration: <tt>%3</tt></p>")
                           .arg(QStringLiteral(OPSDECK_VERSION), QString::fromLatin1(qVersion()),
                                m_config.sourceFile.toHtmlEscaped()));
}

} // namespace opsdeck
