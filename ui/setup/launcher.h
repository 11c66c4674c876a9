#pragma once

#include "config/config_document.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

namespace opsdeck {

class AppSettings;
class FirstRun;
class MainWindow;

// What the console opens on, from the configuration file as it is: the console
// on a file that loads; the welcome view when there is none (or it holds no
// profile); for a file that does not load, its errors line by line and the
// ways on (interactive), or a message and exit code 2 (offscreen runs, where no
// one can answer). main() only parses options and hands over.
class Launcher : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QString configPath;
        QString profile;      // --profile; empty: the last used, else the first
        bool interactive = true;
        QString demoConfig;   // installedDemoConfig(), or empty
    };

    Launcher(Options options, AppSettings *settings, QObject *parent = nullptr);
    ~Launcher() override;

    // False when the console does not start; then exitCode() is 2 and the reason
    // was said (logged, and shown when interactive).
    bool start();
    int exitCode() const { return m_exitCode; }

    MainWindow *window() const { return m_window.get(); }
    FirstRun *firstRun() const { return m_firstRun.get(); }
    // What the user sees now: the console or the welcome view.
    QWidget *shown() const { return m_shown; }

Q_SIGNALS:
    // The console opened (at start, or after the welcome view): options that act on it apply now.
    void consoleOpened(opsdeck::MainWindow *window);

private:
    bool openConsole(const QString &path, QString profile);
    void showFirstRun(ConfigDocument document);
    bool failed(const QStringList &lines);

    Options m_options;
    AppSettings *m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<FirstRun> m_firstRun;
    QPointer<QWidget> m_shown;
    int m_exitCode = 0;
};

} // namespace opsdeck
