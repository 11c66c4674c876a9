// opsdeck: the operations console.

#include "app_settings.h"
#include "theme.h"
#include "wall_mode.h"
#include "common/logging.h"
#include "setup/first_run.h"
#include "setup/launcher.h"
#include "dashboards/dashboard_panel.h"
#include "main_window.h"
#include "startup_report.h"
#include "state_report.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QDockWidget>
#include <QLocale>
#include <QStandardPaths>
#include <QScreen>
#include <QTimer>
#include <QTranslator>


using namespace opsdeck;

namespace {

constexpr int exitUsage = 2;

// Ours first, then Qt's own, so standard dialogs speak the same language.
void installTranslators(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("opsdeck"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("opsdeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("OpsDeck"));
    QApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.opsdeck.OpsDeck"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("OpsDeck, the operations console."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("config"), QStringLiteral("Configuration file."), QStringLiteral("file"),
                      defaultConfigPath()});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("Profile to open (default: the last used, else the first)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("dashboard"),
                      QStringLiteral("Dashboard to show first: one of the profile's (by title) or a service's (by name)."),
                      QStringLiteral("title")});
    parser.addOption({QStringLiteral("panel"),
                      QStringLiteral("Panel to bring to the front: health, dashboards, alerts, database, backups or deployments, "
                                     "with a page of it after a colon (database:sessions, database:blocking, database:queries, "
                                     "database:tables; backups:restore opens the restore dialog of the newest backup; "
                                     "deployments:versions, deployments:logs, deployments:history; deployments:rollback opens the "
                                     "rollback dialog of the first Kubernetes Deployment with an earlier revision)."),
                      QStringLiteral("panel")});
    parser.addOption({QStringLiteral("dialog"),
                      QStringLiteral("Open a dialog once started: profile-editor (the profile's, or a new one on the welcome "
                                     "view), or find-services:URL on the welcome view (asks that Prometheus at once)."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("log-level"), QStringLiteral("trace, debug, info, warn, error, critical or off."),
                      QStringLiteral("level"), QStringLiteral("info")});
    parser.addOption({QStringLiteral("log-json"), QStringLiteral("Write the log as JSON lines.")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("Interface language, e.g. zh_CN (default: the system's)."),
                      QStringLiteral("code")});
    parser.addOption({QStringLiteral("theme"), QStringLiteral("system, light or dark (default: as chosen in View > Theme)."),
                      QStringLiteral("mode")});
    parser.addOption({QStringLiteral("wall"), QStringLiteral("Wall mode: full screen, read-only, large type, panels in turn.")});
    parser.addOption({QStringLiteral("wall-panels"), QStringLiteral("With --wall: the panels to show in turn, e.g. health,alerts,dashboards."),
                      QStringLiteral("list")});
    parser.addOption({QStringLiteral("wall-interval"), QStringLiteral("With --wall: seconds each panel stays (default 30)."),
                      QStringLiteral("s"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("startup-report"),
                      QStringLiteral("Print when the window was first painted and the first dashboard data arrived (benchmarks).")});
    parser.addOption({QStringLiteral("quit-after"), QStringLiteral("Quit after this many milliseconds (smoke tests)."),
                      QStringLiteral("ms")});
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("With --quit-after: save the window as a PNG just before quitting (docs)."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("state-report"),
                      QStringLiteral("With --quit-after: write what the window shows (docks, health) as JSON (tests)."),
                      QStringLiteral("file")});
    parser.process(app);

    LogOptions logOptions;
    logOptions.level = parser.value(QStringLiteral("log-level"));
    logOptions.json = parser.isSet(QStringLiteral("log-json"));
    logOptions.directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/logs");
    if (const QString error = initLogging(logOptions); !error.isEmpty()) {
        qCritical("%s", qPrintable(error));
        return exitUsage;
    }
    AppSettings settings;
    // The command line wins over the settings (View > Language, View > Theme).
    installTranslators(app, parser.isSet(QStringLiteral("language")) ? parser.value(QStringLiteral("language")) : settings.language());
    ThemeMode theme = ThemeMode::System;
    const QString themeKey = parser.isSet(QStringLiteral("theme")) ? parser.value(QStringLiteral("theme")) : settings.theme();
    if (!themeModeFromKey(themeKey, &theme) && parser.isSet(QStringLiteral("theme"))) {
        qCritical("--theme: \"%s\" is not system, light or dark", qPrintable(themeKey));
        return exitUsage;
    }
    applyTheme(theme);
    logInfo(QStringLiteral("OpsDeck %1 starting").arg(QStringLiteral(OPSDECK_VERSION)));

    Launcher launcher({parser.value(QStringLiteral("config")), parser.value(QStringLiteral("profile")),
                       qEnvironmentVariable("QT_QPA_PLATFORM") != u"offscreen", installedDemoConfig()},
                      &settings);
    // Options that act on the console apply when it opens (at once, or after the welcome view).
    QObject::connect(&launcher, &Launcher::consoleOpened, &launcher, [&parser, &sinceMain](MainWindow *window) {
        if (parser.isSet(QStringLiteral("startup-report")))
            new StartupReport(sinceMain, window);
        if (parser.isSet(QStringLiteral("dashboard")))
            window->dashboardPanel()->setCurrentDashboard(parser.value(QStringLiteral("dashboard")));
        if (parser.isSet(QStringLiteral("panel")) && !window->showPanel(parser.value(QStringLiteral("panel"))))
            logWarn(QStringLiteral("--panel: no panel \"%1\"").arg(parser.value(QStringLiteral("panel"))));
        if (parser.isSet(QStringLiteral("wall"))) {
            QStringList docks;
            for (const QDockWidget *dock : window->findChildren<QDockWidget *>())
                docks << dock->objectName();
            QString error;
            WallOptions wall;
            wall.panels = WallMode::parsePanels(parser.value(QStringLiteral("wall-panels")), docks, &error);
            wall.intervalS = parser.value(QStringLiteral("wall-interval")).toInt();
            if (!error.isEmpty())
                logWarn(QStringLiteral("--wall-panels: %1; showing every panel").arg(error));
            window->wallMode()->enter(wall);
        }
    });
    if (!launcher.start())
        return launcher.exitCode();

    if (const QString dialog = parser.value(QStringLiteral("dialog")); !dialog.isEmpty()) {
        QTimer::singleShot(0, qApp, [&launcher, dialog] {
            if (dialog == u"profile-editor" && launcher.window())
                launcher.window()->editProfile(launcher.window()->currentProfile());
            else if (dialog == u"profile-editor" && launcher.firstRun())
                launcher.firstRun()->createProfile();
            else if (dialog.startsWith(QLatin1String("command-palette")) && launcher.window())
                launcher.window()->openCommandPalette(dialog.section(u':', 1, -1));
            else if (dialog.startsWith(QLatin1String("find-services")) && launcher.firstRun())
                launcher.firstRun()->findServices(QUrl(dialog.section(u':', 1, -1)));
            else
                logWarn(QStringLiteral("--dialog: no dialog \"%1\" here").arg(dialog));
        });
    }

    if (parser.isSet(QStringLiteral("quit-after"))) {
        const QString screenshot = parser.value(QStringLiteral("screenshot"));
        const QString stateReport = parser.value(QStringLiteral("state-report"));
        QTimer::singleShot(parser.value(QStringLiteral("quit-after")).toInt(), qApp, [&launcher, screenshot, stateReport] {
            QWidget *top = launcher.shown();
            if (!top) {
                QApplication::quit();
                return;
            }
            // A dialog open over the window is part of what the user sees: the screen's pixels then.
            const bool dialogOpen = QApplication::activeModalWidget() != nullptr;
            const QRect frame = top->frameGeometry();
            const QPixmap shot = dialogOpen && top->screen()
                ? top->screen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
                : top->grab();
            if (!screenshot.isEmpty() && !shot.save(screenshot))
                logError(QStringLiteral("cannot write screenshot %1").arg(screenshot));
            if (!stateReport.isEmpty() && launcher.window() && !writeStateReport(*launcher.window(), stateReport))
                logError(QStringLiteral("cannot write state report %1").arg(stateReport));
            top->close();
        });
    }
    return QApplication::exec();
}
