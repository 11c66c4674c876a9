#include "window_commands.h"

#include "alert_model.h"
#include "alerts/alerts_panel.h"
#include "dashboards/dashboard_panel.h"
#include "database/database_panel.h"
#include "db/database_monitor.h"
#include "deployment_model.h"
#include "deployment_store.h"
#include "deployments/deployments_panel.h"
#include "health/health_panel.h"
#include "health_model.h"
#include "main_window.h"
#include "profile_session.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QTreeView>

namespace opsdeck {

namespace {

void collect(const QMenu *menu, const QString &path, QList<MenuCommand> *out)
{
    for (QAction *a : menu->actions()) {
        if (a->isSeparator() || a->text().isEmpty())
            continue;
        const QString title = path + QStringLiteral(" › ") + QString(a->text()).remove(u'&');
        if (a->menu())
            collect(a->menu(), title, out);
        else
            *out << MenuCommand{a, title};
    }
}

// The row of a view whose role says value (searched in the whole tree), made current.
bool selectInView(QAbstractItemView *view, int role, const QVariant &value)
{
    QAbstractItemModel *model = view->model();
    if (!model || model->rowCount() == 0)
        return false;
    const QModelIndexList found = model->match(model->index(0, 0), role, value, 1, Qt::MatchExactly | Qt::MatchRecursive);
    if (found.isEmpty())
        return false;
    view->setCurrentIndex(found.front());
    view->scrollTo(found.front());
    view->setFocus(Qt::ShortcutFocusReason);
    return true;
}

QDockWidget *dockOf(const MainWindow &window, const char *name)
{
    for (QDockWidget *dock : window.docks()) {
        if (dock->objectName() == QLatin1String(name))
            return dock;
    }
    return nullptr;
}

// Runs the action, if it is still there when the entry is chosen.
std::function<void()> trigger(QAction *action, QDockWidget *dockFirst = nullptr)
{
    return [guarded = QPointer<QAction>(action), dockFirst] {
        if (dockFirst)
            focusDock(dockFirst);
        if (guarded)
            guarded->trigger();
    };
}

} // namespace

QList<MenuCommand> menuCommands(const QMenuBar *bar)
{
    QList<MenuCommand> out;
    for (const QAction *top : bar->actions()) {
        if (top->menu())
            collect(top->menu(), QString(top->text()).remove(u'&'), &out);
    }
    return out;
}

QString shortcutSheetHtml(const QMenuBar *bar)
{
    QString rows;
    for (const MenuCommand &c : menuCommands(bar)) {
        if (c.action->shortcuts().isEmpty())
            continue;
        const QString keys = QKeySequence::listToString(c.action->shortcuts(), QKeySequence::NativeText);
        rows += QStringLiteral("<tr><td style='padding-right:24px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.toHtmlEscaped().replace(QStringLiteral("; "), QCoreApplication::translate("WindowCommands", " or ")), c.path.toHtmlEscaped());
    }
    return QStringLiteral("<table>%1</table>").arg(rows);
}

void focusDock(QDockWidget *dock)
{
    dock->show();
    dock->raise();
    QWidget *panel = dock->widget();
    if (panel->focusProxy()) {
        panel->setFocus(Qt::ShortcutFocusReason);
        return;
    }
    for (QAbstractItemView *view : panel->findChildren<QAbstractItemView *>()) {
        if (view->isVisibleTo(panel) && view->focusPolicy() != Qt::NoFocus) {
            view->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    panel->setFocus(Qt::ShortcutFocusReason);
}

QList<PaletteEntry> paletteEntries(MainWindow &window)
{
    QList<PaletteEntry> entries;
    const QList<QDockWidget *> &docks = window.docks();
    const QStringList &names = window.panelNames();
    for (int i = 0; i < docks.size(); ++i) {
        QDockWidget *dock = docks[i];
        entries << PaletteEntry{PaletteEntry::Kind::Panel, names[i],
                                QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)).toString(QKeySequence::NativeText),
                                [dock] { focusDock(dock); }};
    }
    for (const MenuCommand &c : menuCommands(window.menuBar())) {
        if (!c.action->isEnabled() || c.action->objectName() == u"commandPaletteAction")
            continue;
        QString detail = c.action->shortcut().toString(QKeySequence::NativeText);
        if (c.action->isCheckable())
            detail = (c.action->isChecked() ? QCoreApplication::translate("WindowCommands", "on") : QCoreApplication::translate("WindowCommands", "off")) + (detail.isEmpty() ? QString() : QStringLiteral(" · ") + detail);
        entries << PaletteEntry{PaletteEntry::Kind::Action, c.path, detail, trigger(c.action)};
    }
    // The panels' own actions (acknowledge, back up now, roll back…), as their toolbars offer them.
    for (int i = 0; i < docks.size(); ++i) {
        for (QAction *a : docks[i]->widget()->findChildren<QAction *>()) {
            if (a->isSeparator() || a->text().isEmpty() || !a->isEnabled() || a->associatedObjects().isEmpty())
                continue;
            entries << PaletteEntry{PaletteEntry::Kind::Action, names[i] + QStringLiteral(" › ") + QString(a->text()).remove(u'&'),
                                    a->shortcut().toString(QKeySequence::NativeText), trigger(a, docks[i])};
        }
    }
    const ProfileSession *session = window.session();
    if (!session)
        return entries;

    QDockWidget *healthDock = dockOf(window, "healthDock");
    const HealthModel *health = session->healthModel();
    for (int row = 0; row < health->serviceCount(); ++row) {
        const QString name = health->index(row, 0).data(HealthModel::ServiceNameRole).toString();
        entries << PaletteEntry{PaletteEntry::Kind::Service, name, health->index(row, HealthModel::StatusColumn).data().toString(),
                                [&window, healthDock, name] {
                                    focusDock(healthDock);
                                    selectInView(window.healthPanel()->view(), HealthModel::ServiceNameRole, name);
                                }};
    }
    QDockWidget *dashboardsDock = dockOf(window, "dashboardsDock");
    for (const ServiceConfig &service : session->scrapedServices()) {
        const QString name = service.name;
        entries << PaletteEntry{PaletteEntry::Kind::Panel, QCoreApplication::translate("WindowCommands", "Dashboard of %1").arg(name), {}, [&window, dashboardsDock, name] {
                                    focusDock(dashboardsDock);
                                    window.dashboardPanel()->setCurrentService(name);
                                }};
    }
    QDockWidget *alertsDock = dockOf(window, "alertsDock");
    for (const Alert &alert : session->alertModel()->alerts()) {
        const QString key = alert.source + u'/' + alert.fingerprint;
        const QString target = alert.target();
        entries << PaletteEntry{PaletteEntry::Kind::Alert, target.isEmpty() ? alert.name() : alert.name() + QStringLiteral(" · ") + target,
                                alert.severity() + QStringLiteral(" · ") + alertStateKey(alert.state), [&window, alertsDock, key] {
                                    focusDock(alertsDock);
                                    selectInView(window.alertsPanel()->view(), AlertModel::RowKeyRole, key);
                                }};
    }
    QDockWidget *databaseDock = dockOf(window, "databaseDock");
    for (const DatabaseMonitor *monitor : session->databaseMonitors()) {
        const DatabaseConfig &config = monitor->config();
        const QString name = config.name;
        entries << PaletteEntry{PaletteEntry::Kind::Database, name,
                                QStringLiteral("%1:%2/%3").arg(config.host).arg(config.port).arg(config.dbname),
                                [&window, databaseDock, name] {
                                    focusDock(databaseDock);
                                    window.databasePanel()->selectDatabase(name);
                                }};
    }
    QDockWidget *deploymentsDock = dockOf(window, "deploymentsDock");
    for (const Deployment &d : window.deployStore()->model()->rows()) {
        if (!d.runsOnEngine())
            continue;  // a service's own row: it is a Service entry already
        const QString name = d.name;
        entries << PaletteEntry{PaletteEntry::Kind::Deployment, name, d.version + QStringLiteral(" · ") + deploymentStatusText(d.status),
                                [&window, deploymentsDock, name] {
                                    focusDock(deploymentsDock);
                                    window.deploymentsPanel()->selectDeployment(name);
                                }};
    }
    return entries;
}

} // namespace opsdeck
