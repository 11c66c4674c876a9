// The main window on the offscreen platform, against a local health endpoint.

#include "alerts/alerts_panel.h"
#include "app_settings.h"
#include "config/secret_cache.h"
#include "db/backend_actions.h"
#include "health/health_notifier.h"
#include "health/health_panel.h"
#include "health_model.h"
#include "icon_provider.h"
#include "local_http_server.h"
#include "main_window.h"
#include "profile_session.h"
#include "status_indicator.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void showsLiveHealth();
    void docksHaveNamesAndViewMenuToggles();
    void locksAndResetsLayout();
    void restoresSavedLayoutAndFallsBack();
    void switchesProfiles();
    void notifiesOnDownAndRecovery();
    void filterNarrowsTheTable();
    void showsEveryEndpointWithoutTlsVerification();
    void resolvesEachSecretOncePerProfile();
    void carriesItsIconFromResources();
    void switchingAwayFromAMuteDatabaseIsQuick();

private:
    Config config() const;
    QAction *findAction(MainWindow &w, const QString &text) const;

    std::unique_ptr<LocalHttpServer> m_server;
    std::atomic<int> m_status{200};
    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
};

void TestMainWindow::initTestCase()
{
    m_server = std::make_unique<LocalHttpServer>();
    m_server->route("/health", [this](Connection &c, const RecordedRequest &) {
        const int status = m_status;
        c.respond(status, "application/json",
                  status == 200 ? R"({"status":"healthy","database":"ok","redis":"ok","version":"1.4.2"})"
                                : R"({"status":"unhealthy","database":"error"})");
    });
}

void TestMainWindow::init()
{
    m_status = 200;
    m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings-%1.ini")
                                                                  .arg(QString::fromLatin1(QTest::currentTestFunction()))));
}

Config TestMainWindow::config() const
{
    const QString base = QString::fromStdString(m_server->url(""));
    const QByteArray json = QStringLiteral(R"({"profiles":[
        {"name":"demo","operator":"alice","services":[
            {"name":"api-gateway","health_url":"%1/health","interval_s":1},
            {"name":"market-data","health_url":"http://127.0.0.1:%2/health","interval_s":1}]},
        {"name":"prod","read_only":true,"services":[{"name":"only","health_url":"%1/health","interval_s":1}]}]})")
                                .arg(base).arg(LocalHttpServer::unusedPort()).toUtf8();
    auto loaded = parseConfig(json, QStringLiteral("test"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.errors.join(u'\n')));
    return *loaded.config;
}

QAction *TestMainWindow::findAction(MainWindow &w, const QString &text) const
{
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a->text().remove(u'&') == text)
            return a;
    }
    return nullptr;
}

void TestMainWindow::showsLiveHealth()
{
    MainWindow w(config(), m_settings.get());
    QVERIFY(w.setProfile(QStringLiteral("demo")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    HealthModel *model = w.session()->healthModel();
    QCOMPARE(model->rowCount(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(model->lastHealth(QStringLiteral("api-gateway")).has_value(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(model->lastHealth(QStringLiteral("market-data")).has_value(), 5000);
    QCOMPARE(model->lastHealth(QStringLiteral("api-gateway"))->status, HealthStatus::Healthy);
    QCOMPARE(model->lastHealth(QStringLiteral("api-gateway"))->version, QStringLiteral("1.4.2"));
    QCOMPARE(model->lastHealth(QStringLiteral("market-data"))->status, HealthStatus::Unreachable);

    auto *indicator = w.findChild<StatusIndicator *>(QStringLiteral("healthIndicator"));
    QVERIFY(indicator);
    QTRY_VERIFY(indicator->text().contains(QLatin1String("1 healthy")));
    QVERIFY(indicator->text().contains(QLatin1String("1 unreachable")));
    QCOMPARE(indicator->tone(), BadgeTone::Bad);
    QVERIFY(w.windowTitle().contains(QLatin1String("demo")));

    // The tree shows components under a service.
    QTreeView *view = w.healthPanel()->view();
    const QModelIndex api = view->model()->index(0, 0);
    QCOMPARE(api.data().toString(), QStringLiteral("api-gateway"));
    QTRY_COMPARE(view->model()->rowCount(api), 2);
}

void TestMainWindow::docksHaveNamesAndViewMenuToggles()
{
    MainWindow w(config(), m_settings.get());
    w.setProfile(QStringLiteral("demo"));
    w.show();
    QSet<QString> names;
    for (QDockWidget *dock : w.findChildren<QDockWidget *>()) {
        QVERIFY(!dock->objectName().isEmpty());
        QVERIFY2(!names.contains(dock->objectName()), "dock object names must be unique");
        names.insert(dock->objectName());
        QAction *toggle = dock->toggleViewAction();
        QVERIFY(toggle->isCheckable());
        toggle->trigger();
        QVERIFY(dock->isHidden());
        toggle->trigger();
        QVERIFY(!dock->isHidden());
    }
    QVERIFY(names.contains(QStringLiteral("healthDock")));
    QVERIFY(findAction(w, QStringLiteral("About OpsDeck")));
}

void TestMainWindow::locksAndResetsLayout()
{
    MainWindow w(config(), m_settings.get());
    w.setProfile(QStringLiteral("demo"));
    w.show();
    auto *dock = w.findChild<QDockWidget *>(QStringLiteral("healthDock"));
    QAction *lock = findAction(w, QStringLiteral("Lock panels"));
    QVERIFY(lock);
    lock->trigger();
    QCOMPARE(dock->features(), QDockWidget::NoDockWidgetFeatures);
    QVERIFY(m_settings->panelsLocked());
    lock->trigger();
    QVERIFY(dock->features() & QDockWidget::DockWidgetMovable);

    dock->setFloating(true);
    dock->hide();
    findAction(w, QStringLiteral("Reset layout"))->trigger();
    QVERIFY(!dock->isFloating());
    QVERIFY(dock->isVisible());
}

void TestMainWindow::restoresSavedLayoutAndFallsBack()
{
    {
        MainWindow w(config(), m_settings.get());
        w.setProfile(QStringLiteral("demo"));
        w.show();
        w.findChild<QDockWidget *>(QStringLiteral("healthDock"))->hide();
        w.close();  // saves geometry and state
    }
    {
        MainWindow w(config(), m_settings.get());
        w.setProfile(QStringLiteral("demo"));
        w.show();
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("healthDock"))->isHidden());
    }
    m_settings->setWindowState(QByteArray("garbage that is no state"));
    MainWindow w(config(), m_settings.get());
    w.setProfile(QStringLiteral("demo"));
    w.show();
    QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("healthDock"))->isVisible());
}

void TestMainWindow::switchesProfiles()
{
    MainWindow w(config(), m_settings.get());
    w.setProfile(QStringLiteral("demo"));
    w.show();
    auto *box = w.findChild<QComboBox *>(QStringLiteral("profileSwitcher"));
    QVERIFY(box);
    QCOMPARE(box->count(), 2);
    box->setCurrentText(QStringLiteral("prod"));
    QCOMPARE(w.currentProfile(), QStringLiteral("prod"));
    QCOMPARE(w.session()->healthModel()->rowCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->healthModel()->lastHealth(QStringLiteral("only")).has_value(), 5000);
    QCOMPARE(m_settings->lastProfile(), QStringLiteral("prod"));
    QVERIFY(!w.setProfile(QStringLiteral("nope")));
    QCOMPARE(w.currentProfile(), QStringLiteral("prod"));
}

void TestMainWindow::notifiesOnDownAndRecovery()
{
    QVERIFY(HealthNotifier::worthNotifying(HealthStatus::Healthy, HealthStatus::Down));
    QVERIFY(HealthNotifier::worthNotifying(HealthStatus::Unreachable, HealthStatus::Healthy));
    QVERIFY(!HealthNotifier::worthNotifying(HealthStatus::Healthy, HealthStatus::Degraded));
    QVERIFY(!HealthNotifier::worthNotifying(HealthStatus::Down, HealthStatus::Unreachable));

    MainWindow w(config(), m_settings.get());
    auto *notifier = w.findChild<HealthNotifier *>();
    QVERIFY(notifier);
    QSignalSpy notified(notifier, &HealthNotifier::notified);
    w.setProfile(QStringLiteral("demo"));
    HealthModel *model = w.session()->healthModel();
    QTRY_VERIFY_WITH_TIMEOUT(model->lastHealth(QStringLiteral("api-gateway")).has_value(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(model->lastHealth(QStringLiteral("market-data")).has_value(), 5000);
    QCOMPARE(notified.size(), 0);  // the first answers are the baseline: no storm at start

    m_status = 503;
    QTRY_VERIFY_WITH_TIMEOUT(notified.size() == 1, 5000);
    QVERIFY(notified.at(0).at(0).toString().contains(QLatin1String("api-gateway")));
    m_status = 200;
    QTRY_VERIFY_WITH_TIMEOUT(notified.size() == 2, 5000);
    QVERIFY(notified.at(1).at(0).toString().contains(QLatin1String("recovered")));
}

void TestMainWindow::filterNarrowsTheTable()
{
    MainWindow w(config(), m_settings.get());
    w.setProfile(QStringLiteral("demo"));
    w.show();
    QTreeView *view = w.healthPanel()->view();
    QCOMPARE(view->model()->rowCount(), 2);
    auto *filter = w.healthPanel()->findChild<QLineEdit *>();
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("market"));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("market-data"));
    filter->clear();
    QCOMPARE(view->model()->rowCount(), 2);
}

void TestMainWindow::showsEveryEndpointWithoutTlsVerification()
{
    // Not only services: Prometheus and Alertmanagers that skip TLS verification are shown too.
    const QByteArray json = QStringLiteral(R"({"profiles":[
        {"name":"lab","services":[{"name":"api","health_url":"https://127.0.0.1:%1/health","insecure_skip_verify":true}],
         "prometheus":{"url":"https://127.0.0.1:%1","insecure_skip_verify":true},
         "alertmanagers":[{"name":"main","urls":["https://127.0.0.1:%1"],"insecure_skip_verify":true},
                          {"name":"checked","urls":["https://127.0.0.1:%1"]}]},
        {"name":"safe","services":[{"name":"api","health_url":"https://127.0.0.1:%1/health"}]}]})")
                                .arg(LocalHttpServer::unusedPort()).toUtf8();
    auto loaded = parseConfig(json, QStringLiteral("test"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    MainWindow w(*loaded.config, m_settings.get());
    QVERIFY(w.setProfile(QStringLiteral("lab")));
    w.show();
    auto *tls = w.findChild<StatusIndicator *>(QStringLiteral("tlsIndicator"));
    QVERIFY(tls);
    QVERIFY(tls->isVisible());
    QCOMPARE(tls->tone(), BadgeTone::Warning);
    QCOMPARE(tls->text(), QStringLiteral("TLS not verified: 3 endpoint(s)"));
    for (const char *endpoint : {"service api", "Prometheus", "Alertmanager main"})
        QVERIFY2(tls->toolTip().contains(QLatin1String(endpoint)), qPrintable(tls->toolTip()));
    QVERIFY(!tls->toolTip().contains(QLatin1String("checked")));
    const QString sources = w.alertsPanel()->findChild<QLabel *>(QStringLiteral("alertSources"))->text();
    QCOMPARE(sources.count(QLatin1String("TLS not verified")), 2);  // prometheus and main, not checked

    QVERIFY(w.setProfile(QStringLiteral("safe")));
    QVERIFY(!tls->isVisible());
}

void TestMainWindow::switchingAwayFromAMuteDatabaseIsQuick()
{
    // A "server" that accepts connections and never answers: every connection of the
    // profile (two databases: monitor, alerts table, and an action in flight) waits on it.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(fd, 64), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    const int port = ntohs(address.sin_port);
    const QByteArray json = QStringLiteral(R"({"profiles":[
        {"name":"mute","databases":[{"name":"a","port":%1,"dbname":"a","user":"u","alerts_table":"alerts"},
                                    {"name":"b","port":%1,"dbname":"b","user":"u"}]},
        {"name":"calm"}]})").arg(port).toUtf8();
    auto loaded = parseConfig(json, QStringLiteral("test"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    MainWindow w(*loaded.config, m_settings.get());
    QVERIFY(w.setProfile(QStringLiteral("mute")));
    w.show();
    w.session()->backendActions()->signalBackend(QStringLiteral("a"), 4242, BackendSignal::Cancel);
    QTest::qWait(500);  // every connection is waiting on the mute server now
    QElapsedTimer timer;
    timer.start();
    QVERIFY(w.setProfile(QStringLiteral("calm")));
    const qint64 took = timer.elapsed();
    qInfo("the profile switch took %lld ms", took);
    QVERIFY2(took < 100, qPrintable(QStringLiteral("the profile switch took %1 ms").arg(took)));
    ::close(fd);
}

void TestMainWindow::resolvesEachSecretOncePerProfile()
{
    // The health checker, the scraper and the Alertmanager of one profile share one token.
    qputenv("OPSDECK_TEST_SHARED_TOKEN", "t0ken");
    const QString base = QString::fromStdString(m_server->url(""));
    const QByteArray json = QStringLiteral(R"({"profiles":[{"name":"shared","services":[
        {"name":"api","health_url":"%1/health","metrics_url":"%1/metrics","auth":{"bearer":{"env":"OPSDECK_TEST_SHARED_TOKEN"}}}],
        "alertmanagers":[{"name":"main","urls":["%1"],"auth":{"bearer":{"env":"OPSDECK_TEST_SHARED_TOKEN"}}}]}]})")
                                .arg(base).toUtf8();
    auto loaded = parseConfig(json, QStringLiteral("test"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    ProfileSession session(loaded.config->profiles.front());
    QCOMPARE(session.secretCache()->lookupCount(), 1);
    session.start();
    auto sentToken = [this] {
        const std::vector<RecordedRequest> requests = m_server->requests();
        return std::any_of(requests.begin(), requests.end(), [](const RecordedRequest &r) {
            return r.target == "/health" && r.headers.count("authorization") && r.headers.at("authorization") == "Bearer t0ken";
        });
    };
    QTRY_VERIFY(sentToken());
    QCOMPARE(session.secretCache()->lookupCount(), 1);
}

void TestMainWindow::carriesItsIconFromResources()
{
    // The icon files of resources/ are compiled in: the same bytes, every size the OS asks for.
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) {
        const QString name = QStringLiteral("icons/opsdeck-%1.png").arg(size);
        QFile compiled(QStringLiteral(":/") + name);
        QFile source(QStringLiteral(OPSDECK_SOURCE_DIR "/resources/") + name);
        QVERIFY2(compiled.open(QIODevice::ReadOnly), qPrintable(name + QLatin1String(" is not compiled in")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QCOMPARE(compiled.readAll(), source.readAll());
    }
    const QIcon icon = appIcon();
    QCOMPARE(icon.availableSizes().size(), 8);
    const QImage image = icon.pixmap(64, 64).toImage();
    QVERIFY(!image.isNull());
    QVERIFY(qAlpha(image.pixel(32, 32)) == 255);  // the tile, not a transparent placeholder
    // The tray's badge is drawn over the same icon.
    QVERIFY(!badgedAppIcon(3, Qt::red).pixmap(32, 32).isNull());
    MainWindow window(config(), m_settings.get());
    QVERIFY(!window.windowIcon().isNull());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
