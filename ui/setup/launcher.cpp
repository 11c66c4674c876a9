#include "setup/launcher.h"

#include "app_settings.h"
#include "common/documentation.h"
#include "common/logging.h"
#include "main_window.h"
#include "setup/config_problem_dialog.h"
#include "setup/first_run.h"

#include <QMessageBox>

namespace opsdeck {

namespace {
constexpr int exitUsage = 2;
}

Launcher::Launcher(Options options, AppSettings *settings, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_settings(settings)
{
}

Launcher::~Launcher() = default;

bool Launcher::failed(const QStringList &lines)
{
    logError(lines.join(QStringLiteral("; ")));
    if (m_options.interactive)
        QMessageBox::critical(nullptr, tr("OpsDeck cannot start"), lines.join(u'\n'));
    m_exitCode = exitUsage;
    return false;
}

bool Launcher::start()
{
    ConfigDocument document = ConfigDocument::open(m_options.configPath);
    for (const QString &warning : document.loaded().warnings)
        logWarn(warning);
    // A broken file is never lost: it is shown with its lines, and only a copy-first "start over" replaces it.
    while (document.state() == ConfigDocument::State::Broken) {
        if (!m_options.interactive)
            return failed(QStringList{tr("The configuration could not be loaded:")} + document.loaded().errors
                          + QStringList{tr("`opsdeck-cli config validate` checks it; the format: %1")
                                            .arg(documentationPath(QStringLiteral("configuration.md")))});
        ConfigProblemDialog dialog(document);
        dialog.exec();
        if (dialog.choice() == ConfigProblemDialog::Quit) {
            m_exitCode = exitUsage;
            return false;
        }
        if (dialog.choice() == ConfigProblemDialog::StartOver) {
            QString error;
            const QString copy = document.keepCopy(&error);
            if (copy.isEmpty())
                return failed({error});
            logInfo(QStringLiteral("the broken configuration was copied to %1 before starting over").arg(copy));
            document.startOver();
            break;
        }
        document = ConfigDocument::open(m_options.configPath);
    }
    if (document.state() == ConfigDocument::State::Valid)
        return openConsole(m_options.configPath, m_options.profile);
    // No configuration yet: the welcome view, not an error.
    showFirstRun(std::move(document));
    return true;
}

void Launcher::showFirstRun(ConfigDocument document)
{
    m_firstRun = std::make_unique<FirstRun>(std::move(document), m_options.demoConfig);
    // The welcome view gives way to the console once a file holds a profile.
    auto openAndClose = [this](const QString &path, const QString &profile) {
        if (openConsole(path, profile))
            m_firstRun.release()->deleteLater();
    };
    connect(m_firstRun.get(), &FirstRun::configured, this,
            [this, openAndClose](const QString &profile) { openAndClose(m_options.configPath, profile); });
    connect(m_firstRun.get(), &FirstRun::openOtherConfig, this, [openAndClose](const QString &path) { openAndClose(path, {}); });
    m_firstRun->show();
    m_shown = m_firstRun.get();
}

// The console on a file that loads, on the profile asked for (or the last used, or the first).
bool Launcher::openConsole(const QString &path, QString profile)
{
    const ConfigLoadResult loaded = loadConfigFile(path);
    if (!loaded.ok())
        return failed(loaded.errors);
    if (profile.isEmpty() && loaded.config->profile(m_settings->lastProfile()))
        profile = m_settings->lastProfile();
    if (!loaded.config->profile(profile))
        return failed({tr("%1: no profile named \"%2\" (have: %3).").arg(path, profile, loaded.config->profileNames().join(QStringLiteral(", ")))});
    m_window = std::make_unique<MainWindow>(*loaded.config, m_settings);
    m_window->setConfigPath(path);
    m_window->setProfile(profile.isEmpty() ? loaded.config->profiles.first().name : profile);
    Q_EMIT consoleOpened(m_window.get());
    m_window->show();
    m_shown = m_window.get();
    return true;
}

} // namespace opsdeck
