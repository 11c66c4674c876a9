#include "startup_report.h"

#include "dashboards/dashboard_panel.h"
#include "main_window.h"
#include "state_keeper.h"
#include "time_series_chart.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

namespace opsdeck {

namespace {

// How long the process had run when main() began: /proc's start time of the
// process against the system's uptime (Linux; 0 elsewhere).
qint64 processAgeMs()
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime), counted after the command name, which may hold spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return 0;
    const double startedS = fields.at(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    const double upS = uptime.readAll().split(' ').value(0).toDouble();
    return qint64((upS - startedS) * 1000.0);
#else
    return 0;
#endif
}

} // namespace

StartupReport::StartupReport(const QElapsedTimer &sinceMain, MainWindow *window)
    : QObject(window), m_sinceMain(sinceMain), m_window(window)
{
    m_beforeMainMs = std::max<qint64>(0, processAgeMs() - m_sinceMain.elapsed());
    qApp->installEventFilter(this);
    connect(window->dashboardPanel(), &DashboardPanel::refreshed, this, [this] {
        if (m_data)
            return;
        for (const TimeSeriesChart *chart : m_window->dashboardPanel()->findChildren<TimeSeriesChart *>()) {
            if (chart->hasPoints()) {
                m_data = true;
                std::fprintf(stderr, "startup: first_data_ms=%lld\n", static_cast<long long>(sinceProcessStartMs()));
                return;
            }
        }
    });
}

qint64 StartupReport::sinceProcessStartMs() const
{
    return m_beforeMainMs + m_sinceMain.elapsed();
}

bool StartupReport::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_painted && event->type() == QEvent::Paint && watched->isWidgetType()
        && static_cast<QWidget *>(watched)->window() == m_window) {
        m_painted = true;
        // Reported once the paint cycle that started here has ended.
        QTimer::singleShot(0, this, [this] {
            // Whether that first window already showed an earlier run's picture (the last known state).
            const StateKeeper *keeper = m_window->stateKeeper();
            const bool lastKnown = keeper && keeper->restoredSavedAtMs() > 0;
            std::fprintf(stderr, "startup: painted_ms=%lld (before main %lld) last_known_state=%d\n",
                         static_cast<long long>(sinceProcessStartMs()), static_cast<long long>(m_beforeMainMs), lastKnown ? 1 : 0);
            qApp->removeEventFilter(this);
        });
    }
    return false;
}

} // namespace opsdeck
