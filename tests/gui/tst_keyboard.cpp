// The console driven from the keyboard, as a user does: Ctrl+K and typing
// reaches a panel, a service, a dashboard, an alert (from a real Alertmanager)
// and an action; Ctrl+1… bring panels forward; the shortcut sheet lists the
// keys; no two actions share a key; and every interactive widget of the window
// has a name for screen readers.

#include "alert_model.h"
#include "app_settings.h"
#include "command_palette.h"
#include "dashboards/dashboard_panel.h"
#include "alerts/alerts_panel.h"
#include "health/health_panel.h"
#include "health_model.h"
#include "answer_modal.h"
#include "local_http_server.h"
#include "loopback_alertmanager.h"
#include "main_window.h"
#include "profile_session.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::LoopbackAlertmanager;
using testsupport::RecordedRequest;

class TestKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void paletteReachesEverything();
    void panelShortcutsAndTheSheet();
    void noTwoActionsShareAKey();
    void interactiveWidgetsHaveNames();

private:
    void typeInPalette(MainWindow &w, const QString &text);
    std::unique_ptr<MainWindow> openWindow();

    QTemporaryDir m_dir;
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<LoopbackAlertmanager> m_alertmanager;
    std::unique_ptr<AppSettings> m_settings;
    Config m_config;
};

void TestKeyboard::initTestCase()
{
    m_server = std::make_unique<LocalHttpServer>();
    m_server->route("/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"healthy","database":"ok","version":"1.4.2"})");
    });
    m_server->route("/metrics", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "text/plain", "# TYPE up gauge\nup 1\n");
    });
    m_alertmanager = std::make_unique<LoopbackAlertmanager>();
    QVERIFY(m_alertmanager->start(m_dir.path()));
    QVERIFY(m_alertmanager->postAlerts(QJsonArray{QJsonObject{
        {QStringLiteral("labels"), QJsonObject{{QStringLiteral("alertname"), QStringLiteral("HighLatency")},
                                               {QStringLiteral("service"), QStringLiteral("trading-engine")},
                                               {QStringLiteral("severity"), QStringLiteral("warning")}}}}}));
    const QString base = QString::fromStdString(m_server->url(""));
    const QByteArray json = QStringLiteral("{\"profiles\":[{\"name\":\"demo\",\"operator\":\"alice\",\"services\":["
                                           "{\"name\":\"api-gateway\",\"health_url\":\"%1/health\",\"metrics_url\":\"%1/metrics\",\"interval_s\":1},"
                                           "{\"name\":\"trading-engine\",\"health_url\":\"%1/health\",\"metrics_url\":\"%1/metrics\",\"interval_s\":1}],"
                                           "\"alertmanagers\":[{\"name\":\"main\",\"urls\":[\"%2\"]}]}]}")
                                .arg(base, m_alertmanager->url())
                                .toUtf8();
    auto loaded = parseConfig(json, QStringLiteral("test"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    m_config = *loaded.config;
    m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
}

std::unique_ptr<MainWindow> TestKeyboard::openWindow()
{
    auto w = std::make_unique<MainWindow>(m_config, m_settings.get());
    if (!w->setProfile(QStringLiteral("demo")))
        qFatal("no demo profile");
    w->resize(1366, 768);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        qFatal("window not exposed");
    w->activateWindow();
    return w;
}

void TestKeyboard::typeInPalette(MainWindow &w, const QString &text)
{
    QTest::keyClick(&w, Qt::Key_K, Qt::ControlModifier);
    auto *palette = w.findChild<CommandPalette *>();
    QVERIFY(palette);
    QVERIFY(palette->isVisible());
    QVERIFY(palette->field()->hasFocus());
    QVERIFY(palette->field()->text().isEmpty());
    QTest::keyClicks(palette->field(), text);
}

void TestKeyboard::paletteReachesEverything()
{
    const auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->healthModel()->lastHealth(QStringLiteral("trading-engine")).has_value(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(w->session()->alertModel()->alertCount(), 1, 15000);

    // A service: Ctrl+K, "trad", Enter: the Health panel, on its row, with the keyboard in it.
    typeInPalette(*w, QStringLiteral("trad"));
    auto *palette = w->findChild<CommandPalette *>();
    QCOMPARE(palette->list()->currentIndex().data().toString(), QStringLiteral("trading-engine"));
    QTest::keyClick(palette->field(), Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QTreeView *health = w->healthPanel()->view();
    QCOMPARE(health->currentIndex().data(HealthModel::ServiceNameRole).toString(), QStringLiteral("trading-engine"));
    QVERIFY(health->hasFocus());

    // An alert, narrowed by kind: "alert high".
    typeInPalette(*w, QStringLiteral("alert high"));
    QCOMPARE(palette->model()->rowCount(), 1);
    QTest::keyClick(palette->field(), Qt::Key_Enter);
    QTreeView *alerts = w->alertsPanel()->view();
    QCOMPARE(alerts->currentIndex().data(AlertModel::RowKeyRole).toString().section(u'/', 0, 0), QStringLiteral("main"));
    QVERIFY(alerts->hasFocus());

    // A service's dashboard, chosen with the arrows among several matches.
    typeInPalette(*w, QStringLiteral("dashboard"));
    const int rows = palette->model()->rowCount();
    QVERIFY(rows >= 3);  // the panel and a dashboard per scraped service
    int target = -1;
    for (int row = 0; row < rows; ++row) {
        if (palette->model()->index(row).data().toString() == u"Dashboard of api-gateway")
            target = row;
    }
    QVERIFY(target >= 0);
    for (int i = 0; i < target; ++i)
        QTest::keyClick(palette->field(), Qt::Key_Down);
    QTest::keyClick(palette->field(), Qt::Key_Return);
    QCOMPARE(w->dashboardPanel()->currentService(), QStringLiteral("api-gateway"));

    // An action of the menus: "lock" runs View › Lock panels.
    typeInPalette(*w, QStringLiteral("lock pan"));
    QCOMPARE(palette->list()->currentIndex().data().toString(), QStringLiteral("View › Lock panels"));
    QTest::keyClick(palette->field(), Qt::Key_Return);
    for (QDockWidget *dock : w->findChildren<QDockWidget *>())
        QCOMPARE(dock->features() & QDockWidget::DockWidgetMovable, QDockWidget::DockWidgetFeatures());

    // Escape closes without running anything; nothing matching shows nothing.
    typeInPalette(*w, QStringLiteral("zzzzqqq"));
    QCOMPARE(palette->model()->rowCount(), 0);
    QTest::keyClick(palette->field(), Qt::Key_Return);  // nothing to run
    QVERIFY(palette->isVisible());
    QTest::keyClick(palette->field(), Qt::Key_Escape);
    QVERIFY(!palette->isVisible());
}

void TestKeyboard::panelShortcutsAndTheSheet()
{
    const auto w = openWindow();
    const QList<QDockWidget *> docks = w->findChildren<QDockWidget *>();
    // Ctrl+3 is the third panel of the View menu: Alerts; its view gets the keyboard.
    QTest::keyClick(w.get(), Qt::Key_3, Qt::ControlModifier);
    QVERIFY(w->alertsPanel()->view()->hasFocus());
    QTest::keyClick(w.get(), Qt::Key_1, Qt::ControlModifier);
    QVERIFY(w->healthPanel()->view()->hasFocus());

    QString sheet;
    bool answered = false;
    testsupport::answerNextModal([&](QWidget *modal) {
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            sheet = box->text();
            answered = true;
            box->accept();
        } else {
            modal->close();
        }
    });
    QTest::keyClick(w.get(), Qt::Key_Slash, Qt::ControlModifier);
    QTRY_VERIFY(answered);
    QVERIFY2(sheet.contains(QLatin1String("Ctrl+K")), qPrintable(sheet));
    QVERIFY2(sheet.contains(QStringLiteral("View › Command palette…")), qPrintable(sheet));
    QVERIFY(sheet.contains(QLatin1String("Ctrl+Shift+L")));
    QVERIFY(sheet.contains(QStringLiteral("File › New profile…")));
}

void TestKeyboard::noTwoActionsShareAKey()
{
    const auto w = openWindow();
    // Every action of the window, the panels' own too: a key must do one thing.
    QHash<QString, QString> owner;
    QStringList clashes;
    QStringList withoutKey;
    for (QAction *a : w->findChildren<QAction *>()) {
        if (a->isSeparator() || a->text().isEmpty())
            continue;
        for (const QKeySequence &key : a->shortcuts()) {
            const QString k = key.toString();
            const QString text = QString(a->text()).remove(u'&');
            if (owner.contains(k) && owner[k] != text)
                clashes << QStringLiteral("%1: %2 and %3").arg(k, owner[k], text);
            owner.insert(k, text);
        }
    }
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
    // The menus' commands all have one (the Notifications menu holds settings, Help's About boxes are read once).
    for (QAction *top : w->menuBar()->actions()) {
        const QString menu = QString(top->text()).remove(u'&');
        if (menu == u"Notifications")
            continue;
        for (QAction *a : top->menu()->actions()) {
            const QString text = QString(a->text()).remove(u'&');
            if (a->isSeparator() || a->menu() || text.startsWith(QLatin1String("About")))
                continue;
            if (a->shortcuts().isEmpty())
                withoutKey << menu + QStringLiteral(" › ") + text;
        }
    }
    QVERIFY2(withoutKey.isEmpty(), qPrintable(withoutKey.join(u'\n')));
}

void TestKeyboard::interactiveWidgetsHaveNames()
{
    const auto w = openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->session()->healthModel()->lastHealth(QStringLiteral("api-gateway")).has_value(), 10000);
    QTest::keyClick(w.get(), Qt::Key_K, Qt::ControlModifier);  // the palette is part of the window too
    QStringList unnamed;
    for (QWidget *widget : w->findChildren<QWidget *>()) {
        const bool interactive = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
                                 || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractItemView *>(widget)
                                 || qobject_cast<QAbstractSpinBox *>(widget) || qobject_cast<QAbstractSlider *>(widget)
                                 || qobject_cast<QTabBar *>(widget);
        if (!interactive || (widget->focusPolicy() == Qt::NoFocus && !qobject_cast<QAbstractButton *>(widget)))
            continue;
        // Qt's own parts, named by Qt's accessibility from their owner: a line edit's clear
        // button, a table's corner button, a combo box's popup list.
        static const QStringList qtParts{QStringLiteral("QLineEditIconButton"), QStringLiteral("QTableCornerButton"),
                                         QStringLiteral("QComboBoxListView")};
        if (qtParts.contains(QString::fromLatin1(widget->metaObject()->className())))
            continue;
        if (qobject_cast<QTabBar *>(widget) && widget->parentWidget() == w.get())
            continue;  // the tabs of tabified docks: each tab is named by its dock's title
        if (qobject_cast<QLineEdit *>(widget) && qobject_cast<QComboBox *>(widget->parentWidget()))
            continue;  // an editable combo box's own field: the combo box carries the name
        if (widget->objectName().startsWith(QLatin1String("qt_")))
            continue;  // Qt's own parts (scroll bars' buttons, the dock's float and close buttons have Qt's names)
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(widget);
        const QString name = a ? a->text(QAccessible::Name) : QString();
        if (name.trimmed().isEmpty()) {
            QStringList path;
            for (QWidget *p = widget; p && p != w.get(); p = p->parentWidget())
                path.prepend(p->objectName().isEmpty() ? QString::fromLatin1(p->metaObject()->className()) : p->objectName());
            unnamed << path.join(u'/');
        }
    }
    for (const QString &path : std::as_const(unnamed))
        qWarning("no accessible name: %s", qPrintable(path));  // QVERIFY2 cuts a long message
    QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("%1 widgets without an accessible name (listed above)").arg(unnamed.size())));
}

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
