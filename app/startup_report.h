#pragma once

#include <QElapsedTimer>
#include <QObject>

namespace opsdeck {

class MainWindow;

// --startup-report: prints to stderr, once each, how long after the process
// started the main window was first painted (and whether it showed the last
// known state) and the first dashboard data reached a chart. Used by
// bench/startup.sh and bench/startup-last-known.sh.
class StartupReport : public QObject
{
    Q_OBJECT
public:
    // sinceMain started at the top of main(); the time before it (loading the
    // executable and its libraries) is read from the process's own start time.
    StartupReport(const QElapsedTimer &sinceMain, MainWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    qint64 sinceProcessStartMs() const;

    QElapsedTimer m_sinceMain;
    qint64 m_beforeMainMs = 0;
    MainWindow *m_window;
    bool m_painted = false;
    bool m_data = false;
};

} // namespace opsdeck
