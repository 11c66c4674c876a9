// Wall mode as a wall screen runs it: full screen, no menus, larger type,
// read-only whatever the profile says, the chosen panels in turn, a banner with
// the data's age as soon as a source goes stale, and F11 to leave with the
// window as it was. Also from the command line (opsdeck --wall …).

#include "alerts/alerts_panel.h"
#include "app_settings.h"
#include "health_model.h"
#include "local_http_server.h"
#include "main_window.h"
#include "profile_session.h"
#include "wall_mode.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <atomic>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestWallMode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wallScreenRunsAndLeaves();
    void fromTheCommandLine();
    void panelNamesAreChecked();

private:
    QByteArray configJson() const;

    QTemporaryDir m_dir;
    std::unique_ptr<LocalHttpServer> m_server;
    std::atomic<bool> m_hang{false};
};

void TestWallMode::initTestCase()
{
    m_server = std::make_unique<LocalHttpServer>();
    m_server->route("/health", [this](Connection &c, const RecordedRequest &) {
        if (m_hang)
            c.sleepMs(8000);  // longer than two intervals, shorter than the timeout: the check never lands
        c.respond(200, "application/json", R"({"status":"healthy","version":"1.4.2"})");
    });
}

QByteArray TestWallMode::configJson() const
{
    return QStringLiteral("{\"profiles\":[{\"name\":\"ops\",\"read_only\":false,\"operator\":\"alice\",\"services\":["
                          "{\"name\":\"api\",\"health_url\":\"%1/health\",\"interval_s\":1,\"timeout_s\":10}]}]}")
        .arg(QString::fromStdString(m_server->url("")))
        .toUtf8();
}

void TestWallMode::wallScreenRunsAndLeaves()
{
    AppSettings settings(m_dir.filePath(QStringLiteral("settings.ini")));
    auto loaded = parseConfig(configJson(), QStringLiteral("test"));
    QVERIFY(loaded.ok());
    MainWindow w(*loaded.config, &settings);
    QVERIFY(w.setProfile(QStringLiteral("ops")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.session()->profile().readOnly);
    const qreal normalPoints = w.font().pointSizeF();
    auto visibleDocks = [&w] {
        QStringList names;
        for (const QDockWidget *d : w.findChildren<QDockWidget *>()) {
            if (d->isVisible())
                names << d->objectName();
        }
        return names;
    };
    const QStringList docksBefore = visibleDocks();

    w.wallMode()->enter({{QStringLiteral("healthDock"), QStringLiteral("alertsDock")}, 1});
    QVERIFY(w.wallMode()->isActive());
    QTRY_VERIFY(w.isFullScreen());
    QVERIFY(!w.menuBar()->isVisible());
    QVERIFY(w.session()->profile().readOnly);  // whatever the profile says
    QVERIFY(w.font().pointSizeF() > normalPoints * 1.3);
    auto dock = [&w](const char *name) { return w.findChild<QDockWidget *>(QString::fromLatin1(name)); };
    QVERIFY(dock("healthDock")->isVisible());
    QVERIFY(!dock("alertsDock")->isVisible());
    QVERIFY(!dock("dashboardsDock")->isVisible());
    // In turn, every second here.
    QTRY_VERIFY_WITH_TIMEOUT(dock("alertsDock")->isVisible(), 3000);
    QVERIFY(!dock("healthDock")->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dock("healthDock")->isVisible(), 3000);

    // Fresh data: no banner. Then the endpoint stops answering: the banner says since when.
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->healthModel()->rowCount() == 1 && w.wallMode()->staleText().isEmpty(), 5000);
    QVERIFY(!w.wallMode()->banner()->isVisible());
    m_hang = true;
    QTRY_VERIFY_WITH_TIMEOUT(w.wallMode()->banner()->isVisible(), 8000);
    const QString banner = w.wallMode()->banner()->findChild<QLabel *>(QStringLiteral("wallBannerText"))->text();
    QVERIFY2(banner.contains(QLatin1String("api: no answer for")), qPrintable(banner));
    const QImage shot = w.grab().toImage();
    QVERIFY(!shot.isNull());

    // F11 leaves: the window, the menus, the type, the layout and the profile's own mode come back.
    QTest::keyClick(&w, Qt::Key_F11);
    QVERIFY(!w.wallMode()->isActive());
    QTRY_VERIFY(!w.isFullScreen());
    QVERIFY(w.menuBar()->isVisible());
    QCOMPARE(w.font().pointSizeF(), normalPoints);
    QVERIFY(!w.session()->profile().readOnly);
    QVERIFY(!w.wallMode()->banner()->isVisible());
    QCOMPARE(visibleDocks(), docksBefore);
    m_hang = false;
}

void TestWallMode::fromTheCommandLine()
{
    QFile config(m_dir.filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(configJson());
    config.close();
    QProcess console;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("xdg-config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg-data")));
    console.setProcessEnvironment(env);
    const QString report = m_dir.filePath(QStringLiteral("state.json"));
    console.start(QStringLiteral(OPSDECK_GUI), {QStringLiteral("--config"), config.fileName(), QStringLiteral("--wall"),
                                                QStringLiteral("--wall-panels"), QStringLiteral("alerts"),
                                                QStringLiteral("--quit-after"), QStringLiteral("1500"),
                                                QStringLiteral("--state-report"), report});
    QVERIFY(console.waitForFinished(20000));
    QCOMPARE(console.exitCode(), 0);
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    QStringList visible;
    for (const QJsonValue &d : state.value(QStringLiteral("docks")).toArray()) {
        if (d.toObject().value(QStringLiteral("visible")).toBool())
            visible << d.toObject().value(QStringLiteral("name")).toString();
    }
    QCOMPARE(visible, QStringList{QStringLiteral("alertsDock")});
}

void TestWallMode::panelNamesAreChecked()
{
    const QStringList known{QStringLiteral("healthDock"), QStringLiteral("alertsDock")};
    QString error;
    QCOMPARE(WallMode::parsePanels(QStringLiteral(" Health, alerts"), known, &error),
             (QStringList{QStringLiteral("healthDock"), QStringLiteral("alertsDock")}));
    QVERIFY(error.isEmpty());
    QVERIFY(WallMode::parsePanels(QStringLiteral("health,charts"), known, &error).isEmpty());
    QCOMPARE(error, QStringLiteral("no panel \"charts\" (there are: health, alerts)"));
}

QTEST_MAIN(TestWallMode)
#include "tst_wall_mode.moc"
