// opsdeck: the operations console.

#include "app_settings.h"
#include "common/documentation.h"
#include "common/logging.h"
#include "config/config.h"
#include "config/config_document.h"
#include "setup/config_problem_dialog.h"
#include "setup/first_run.h"
#include "dashboards/dashboard_panel.h"
#include "main_window.h"
#include "startup_report.h"
#include "state_report.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QStandardPaths>
#include <QScreen>
#include <QTimer>
#include <QTranslator>

#include <memory>

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

int fail(const QString &title, const QStringList &lines)
{
    logError(lines.join(QStringLiteral("; ")));
    if (qEnvironmentVariable("QT_QPA_PLATFORM") != u"offscreen")
        QMessageBox::critical(nullptr, title, lines.join(u'\n'));
    return exitUsage;
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
    installTranslators(app, parser.value(QStringLiteral("language")));
    logInfo(QStringLiteral("OpsDeck %1 starting").arg(QStringLiteral(OPSDECK_VERSION)));

    const QString configPath = parser.value(QStringLiteral("config"));
    const bool interactive = qEnvironmentVariable("QT_QPA_PLATFORM") != u"offscreen";
    ConfigDocument document = ConfigDocument::open(configPath);
    for (const QString &warning : document.loaded().warnings)
        logWarn(warning);
    // A broken file is never lost: it is shown with its lines, and only a copy-first "start over" replaces it.
    while (document.state() == ConfigDocument::State::Broken) {
        if (!interactive)
            return fail(QObject::tr("OpsDeck cannot start"),
                        QStringList{QObject::tr("The configuration could not be loaded:")} + document.loaded().errors
                            + QStringList{QObject::tr("`opsdeck-cli config validate` checks it; the format: %1")
                                              .arg(documentationPath(QStringLiteral("configuration.md")))});
        ConfigProblemDialog dialog(document);
        dialog.exec();
        if (dialog.choice() == ConfigProblemDialog::Quit)
            return exitUsage;
        if (dialog.choice() == ConfigProblemDialog::StartOver) {
            QString error;
            const QString copy = document.keepCopy(&error);
            if (copy.isEmpty())
                return fail(QObject::tr("OpsDeck cannot start"), {error});
            logInfo(QStringLiteral("the broken configuration was copied to %1 before starting over").arg(copy));
            document.startOver();
            break;
        }
        document = ConfigDocument::open(configPath);
    }

    AppSettings settings;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<FirstRun> firstRun;
    QPointer<QWidget> shown;  // what the user sees now, for --screenshot and --state-report

    // The console on a file that loads, on the profile asked for (or the last used, or the first).
    auto openConsole = [&](const QString &path, QString profile) -> bool {
        ConfigLoadResult loaded = loadConfigFile(path);
        if (!loaded.ok()) {
            fail(QObject::tr("OpsDeck cannot start"), loaded.errors);
            return false;
        }
        if (profile.isEmpty() && loaded.config->profile(settings.lastProfile()))
            profile = settings.lastProfile();
        if (!loaded.config->profile(profile)) {
            fail(QObject::tr("OpsDeck cannot start"), {QObject::tr("%1: no profile named \"%2\".").arg(path, profile)});
            return false;
        }
        window = std::make_unique<MainWindow>(*loaded.config, &settings);
        window->setConfigPath(path);
        if (parser.isSet(QStringLiteral("startup-report")))
            new StartupReport(sinceMain, window.get());
        window->setProfile(profile.isEmpty() ? loaded.config->profiles.first().name : profile);
        if (parser.isSet(QStringLiteral("dashboard")))
            window->dashboardPanel()->setCurrentDashboard(parser.value(QStringLiteral("dashboard")));
        if (parser.isSet(QStringLiteral("panel")) && !window->showPanel(parser.value(QStringLiteral("panel"))))
            logWarn(QStringLiteral("--panel: no panel \"%1\"").arg(parser.value(QStringLiteral("panel"))));
        window->show();
        shown = window.get();
        return true;
    };

    if (document.state() == ConfigDocument::State::Valid) {
        if (!openConsole(configPath, parser.value(QStringLiteral("profile"))))
            return exitUsage;
    } else {
        // No configuration yet: the welcome view, not an error.
        firstRun = std::make_unique<FirstRun>(std::move(document), installedDemoConfig());
        QObject::connect(firstRun.get(), &FirstRun::configured, firstRun.get(), [&](const QString &profile) {
            if (openConsole(configPath, profile))
                firstRun.release()->deleteLater();
        });
        QObject::connect(firstRun.get(), &FirstRun::openOtherConfig, firstRun.get(), [&](const QString &path) {
            if (openConsole(path, {}))
                firstRun.release()->deleteLater();
        });
        firstRun->show();
        shown = firstRun.get();
    }

    if (const QString dialog = parser.value(QStringLiteral("dialog")); !dialog.isEmpty()) {
        QTimer::singleShot(0, qApp, [&window, &firstRun, dialog] {
            if (dialog == u"profile-editor" && window)
                window->editProfile(window->currentProfile());
            else if (dialog == u"profile-editor" && firstRun)
                firstRun->createProfile();
            else if (dialog.startsWith(QLatin1String("find-services")) && firstRun)
                firstRun->findServices(QUrl(dialog.section(u':', 1, -1)));
            else
                logWarn(QStringLiteral("--dialog: no dialog \"%1\" here").arg(dialog));
        });
    }

    if (parser.isSet(QStringLiteral("quit-after"))) {
        const QString screenshot = parser.value(QStringLiteral("screenshot"));
        const QString stateReport = parser.value(QStringLiteral("state-report"));
        QTimer::singleShot(parser.value(QStringLiteral("quit-after")).toInt(), qApp, [&shown, &window, screenshot, stateReport] {
            QWidget *top = shown.data();
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
            if (!stateReport.isEmpty() && window && !writeStateReport(*window, stateReport))
                logError(QStringLiteral("cannot write state report %1").arg(stateReport));
            top->close();
        });
    }
    return QApplication::exec();
}
