// The last known state as a user meets it: a console that saw its services,
// alerts, databases and deployments is closed; the network goes; the console is
// started again. It shows the last picture at once (before any answer), every
// row from then marked stale with its age and a status-bar notice, and then
// the live answers (here: failures) replace it part by part. Run against a real
// Alertmanager and a local health endpoint; damaged state files are ignored.

#include "alert_model.h"
#include "app_settings.h"
#include "db/database_monitor.h"
#include "deployment_model.h"
#include "health_model.h"
#include "local_http_server.h"
#include "loopback_alertmanager.h"
#include "main_window.h"
#include "profile_session.h"
#include "state/last_known_state.h"
#include "state/state_codec.h"
#include "state_keeper.h"
#include "status_indicator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::LoopbackAlertmanager;
using testsupport::RecordedRequest;
using Part = LastKnownState::Part;

class TestStateKeeper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void restartWithoutNetworkShowsTheLastPicture();
    void restoredDeploymentsStayUntilTheEngineLists();
    void reopeningTheSameProfileReadsTheLastSave();
    void damagedStateStartsEmpty();

private:
    Config config(const QString &name, const QString &healthBase, const QString &alertmanager, const QString &docker = {}) const;

    QTemporaryDir m_dir;
    std::unique_ptr<AppSettings> m_settings;
};

void TestStateKeeper::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The suite runs with OPSDECK_STATE_DIR=none; this test keeps its own.
    qputenv("OPSDECK_STATE_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("state"))));
}

void TestStateKeeper::init()
{
    m_settings = std::make_unique<AppSettings>(m_dir.filePath(QStringLiteral("settings-%1.ini")
                                                                  .arg(QString::fromLatin1(QTest::currentTestFunction()))));
}

Config TestStateKeeper::config(const QString &name, const QString &healthBase, const QString &alertmanager, const QString &docker) const
{
    QJsonObject profile{
        {QStringLiteral("name"), name},
        {QStringLiteral("operator"), QStringLiteral("alice")},
        {QStringLiteral("services"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("api")},
                                {QStringLiteral("health_url"), QString(healthBase + QStringLiteral("/api/health"))},
                                {QStringLiteral("interval_s"), 1}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("worker")},
                                {QStringLiteral("health_url"), QString(healthBase + QStringLiteral("/worker/health"))},
                                {QStringLiteral("interval_s"), 1}}}},
        {QStringLiteral("alertmanagers"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("main")}, {QStringLiteral("urls"), QJsonArray{alertmanager}}}}},
        {QStringLiteral("databases"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                {QStringLiteral("port"), LocalHttpServer::unusedPort()},
                                {QStringLiteral("dbname"), QStringLiteral("app")},
                                {QStringLiteral("user"), QStringLiteral("ops")}}}},
    };
    if (!docker.isEmpty())
        profile.insert(QStringLiteral("docker"), QJsonObject{{QStringLiteral("host"), docker}});
    auto loaded = parseConfig(QJsonDocument(QJsonObject{{QStringLiteral("profiles"), QJsonArray{profile}}}).toJson(), QStringLiteral("test"));
    if (!loaded.ok())
        qFatal("%s", qPrintable(loaded.errors.join(u'\n')));
    return *loaded.config;
}

void TestStateKeeper::restartWithoutNetworkShowsTheLastPicture()
{
    auto server = std::make_unique<LocalHttpServer>();
    server->route("/api/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"healthy","database":"ok","version":"1.4.2"})");
    });
    server->route("/worker/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"degraded","redis":"slow"})");
    });
    auto alertmanager = std::make_unique<LoopbackAlertmanager>();
    QVERIFY(alertmanager->start(m_dir.path()));
    QVERIFY(alertmanager->postAlerts(QJsonArray{QJsonObject{
        {QStringLiteral("labels"), QJsonObject{{QStringLiteral("alertname"), QStringLiteral("HighLatency")},
                                               {QStringLiteral("service"), QStringLiteral("api")},
                                               {QStringLiteral("severity"), QStringLiteral("warning")}}},
        {QStringLiteral("annotations"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("p95 above 100 ms")}}}}}));
    const QString healthBase = QString::fromStdString(server->url(""));
    const Config both = config(QStringLiteral("prod"), healthBase, alertmanager->url());

    // The first run sees everything live, then is closed.
    {
        MainWindow w(both, m_settings.get());
        QVERIFY(w.setProfile(QStringLiteral("prod")));
        w.show();
        HealthModel *health = w.session()->healthModel();
        QTRY_VERIFY_WITH_TIMEOUT(health->lastHealth(QStringLiteral("api")).has_value(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(health->lastHealth(QStringLiteral("worker")).has_value(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(w.session()->alertModel()->alertCount(), 1, 15000);
        auto *notice = w.findChild<StatusIndicator *>(QStringLiteral("lastKnownIndicator"));
        QVERIFY(notice);
        QVERIFY(notice->isHidden());  // nothing from an earlier run on screen
    }
    const QDir folder(LastKnownState::folderFor(QStringLiteral("prod")));
    QTRY_VERIFY(folder.exists(QStringLiteral("health.json")));  // written on the thread pool
    QTRY_VERIFY(folder.exists(QStringLiteral("alerts.json")));

    // The network is gone: the same profile, nothing answers.
    server.reset();
    alertmanager.reset();
    MainWindow w(both, m_settings.get());
    QElapsedTimer sinceStart;
    sinceStart.start();
    QVERIFY(w.setProfile(QStringLiteral("prod")));
    // At once, before any answer could come: the last picture, marked.
    HealthModel *health = w.session()->healthModel();
    const int api = health->serviceRow(QStringLiteral("api"));
    const int worker = health->serviceRow(QStringLiteral("worker"));
    QVERIFY(health->isRestored(api));
    QVERIFY(health->isRestored(worker));
    QCOMPARE(health->lastHealth(QStringLiteral("api"))->status, HealthStatus::Healthy);
    QCOMPARE(health->lastHealth(QStringLiteral("api"))->version, QStringLiteral("1.4.2"));
    QCOMPARE(health->lastHealth(QStringLiteral("worker"))->status, HealthStatus::Degraded);
    QVERIFY(health->isStale(api));  // however recent: nothing live has confirmed it
    QVERIFY(health->index(api, 0).data(HealthModel::StaleRole).toBool());
    QVERIFY(health->index(worker, HealthModel::CheckedColumn).data(Qt::ToolTipRole).toString().contains(QLatin1String("Last known state")));
    AlertModel *alerts = w.session()->alertModel();
    QCOMPARE(alerts->alertCount(), 1);
    QVERIFY(alerts->sources().value(QStringLiteral("main")).restored);
    QCOMPARE(alerts->alerts().front().name(), QStringLiteral("HighLatency"));
    auto *notice = w.findChild<StatusIndicator *>(QStringLiteral("lastKnownIndicator"));
    QVERIFY(!notice->isHidden());
    QVERIFY2(notice->text().startsWith(QLatin1String("Last known state")), qPrintable(notice->text()));
    QCOMPARE(notice->tone(), BadgeTone::Warning);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    qInfo("first window with the last known state painted after %lld ms", sinceStart.elapsed());

    // Then the live answers replace it: the services are unreachable now, the
    // Alertmanager fails but its last alerts stay, stale, with the error beside them.
    QTRY_COMPARE_WITH_TIMEOUT(health->lastHealth(QStringLiteral("api"))->status, HealthStatus::Unreachable, 10000);
    QVERIFY(!health->isRestored(api));
    QTRY_VERIFY_WITH_TIMEOUT(!alerts->sources().value(QStringLiteral("main")).error.isEmpty(), 20000);
    QCOMPARE(alerts->alertCount(), 1);
    QVERIFY(alerts->sources().value(QStringLiteral("main")).stale);
    QVERIFY(!alerts->sources().value(QStringLiteral("main")).restored);
    // The database never answered in either run: nothing of it was kept, nothing restored.
    QVERIFY(!w.session()->databaseMonitor(QStringLiteral("app"))->snapshot().restored);
    QTRY_VERIFY_WITH_TIMEOUT(notice->isHidden(), 10000);
}

void TestStateKeeper::restoredDeploymentsStayUntilTheEngineLists()
{
    // Rows as an earlier run saved them (written here with the codec: no engine runs in
    // this test; tst_deployments_panel has the live ones), and a database's overview.
    const QString profile = QStringLiteral("edge");
    const LastKnownState files(LastKnownState::folderFor(profile));
    const qint64 savedAt = QDateTime::currentMSecsSinceEpoch() - 5 * 3600 * 1000;
    Deployment d;
    d.name = QStringLiteral("shop/api");
    d.environment = profile;
    d.source = QStringLiteral("docker");
    d.service = QStringLiteral("api");
    d.images = {QStringLiteral("shop/api:1.4.2")};
    d.version = QStringLiteral("1.4.2");
    d.desired = d.running = d.healthy = 2;
    d.status = DeploymentStatus::Running;
    QVERIFY(files.save(Part::Deployments, state::deploymentsToJson({d}), savedAt).isEmpty());
    DatabaseSnapshot db;
    db.database = QStringLiteral("app");
    db.lastGoodAtMs = savedAt;
    db.server.version = QStringLiteral("15.8");
    db.server.maxConnections = 100;
    QVERIFY(files.save(Part::Databases, state::databasesToJson({db}), savedAt).isEmpty());

    // The engine's socket is not there: it never lists, the rows stay, stale.
    const QString nowhere = QStringLiteral("unix://") + m_dir.filePath(QStringLiteral("no-docker.sock"));
    MainWindow w(config(profile, QStringLiteral("http://127.0.0.1:%1").arg(LocalHttpServer::unusedPort()),
                        QStringLiteral("http://127.0.0.1:%1").arg(LocalHttpServer::unusedPort()), nowhere),
                 m_settings.get());
    QVERIFY(w.setProfile(profile));
    const DatabaseMonitor *monitor = w.session()->databaseMonitor(QStringLiteral("app"));
    QVERIFY(monitor->snapshot().restored);
    QCOMPARE(monitor->snapshot().server.version, QStringLiteral("15.8"));
    QCOMPARE(w.stateKeeper()->restoredSavedAtMs(), savedAt);
    auto *notice = w.findChild<StatusIndicator *>(QStringLiteral("lastKnownIndicator"));
    QVERIFY2(notice->text().contains(QLatin1String("5h")), qPrintable(notice->text()));
    w.show();
    // The database fails live: its picture stays beside the error; the rows stay stale.
    QTRY_VERIFY_WITH_TIMEOUT(!monitor->snapshot().error.isEmpty(), 10000);
    QCOMPARE(monitor->snapshot().server.version, QStringLiteral("15.8"));
    const DeploymentModel *model = w.findChild<DeploymentModel *>();
    QVERIFY(model);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->rows().front().name, QStringLiteral("shop/api"));
    QVERIFY(model->isStale());
    QVERIFY(!notice->isHidden());  // the deployments are still the earlier run's
}

void TestStateKeeper::reopeningTheSameProfileReadsTheLastSave()
{
    // Wall mode and a reload open the profile on screen again at once: the new session
    // must show what the old one saw a moment ago, not the file before its last save.
    LocalHttpServer server;
    server.route("/api/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"healthy","version":"2.0.0"})");
    });
    server.route("/worker/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"healthy"})");
    });
    const QString nowhere = QStringLiteral("http://127.0.0.1:%1").arg(LocalHttpServer::unusedPort());
    const QString profile = QStringLiteral("reopened");
    MainWindow w(config(profile, QString::fromStdString(server.url("")), nowhere), m_settings.get());
    QVERIFY(w.setProfile(profile));
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->healthModel()->lastHealth(QStringLiteral("api")).has_value(), 10000);
    const QDateTime seen = w.session()->healthModel()->lastHealth(QStringLiteral("api"))->checkedAt;
    QVERIFY(w.setProfile(profile));  // no event loop between: the save is still on its thread
    HealthModel *health = w.session()->healthModel();
    QVERIFY(health->isRestored(health->serviceRow(QStringLiteral("api"))));
    QVERIFY(health->lastHealth(QStringLiteral("api"))->checkedAt >= seen);
    QCOMPARE(health->lastHealth(QStringLiteral("api"))->version, QStringLiteral("2.0.0"));
}

void TestStateKeeper::damagedStateStartsEmpty()
{
    const QString profile = QStringLiteral("damaged");
    const QDir folder(LastKnownState::folderFor(profile));
    QVERIFY(folder.mkpath(QStringLiteral(".")));
    const QList<std::pair<QString, QByteArray>> damaged{
        {QStringLiteral("health.json"), QByteArray("{\"format\":1,\"part\":\"health\",\"saved_at\":17650000")},  // truncated
        {QStringLiteral("alerts.json"), QByteArray(4096, '\0')},
        {QStringLiteral("databases.json"), QByteArray("[1,2,3]")},
        {QStringLiteral("deployments.json"), QByteArray("{\"format\":7}")}};
    for (const auto &[name, bytes] : damaged) {
        QFile f(folder.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QString nowhere = QStringLiteral("http://127.0.0.1:%1").arg(LocalHttpServer::unusedPort());
    MainWindow w(config(profile, nowhere, nowhere), m_settings.get());
    QVERIFY(w.setProfile(profile));
    QCOMPARE(w.stateKeeper()->restoredSavedAtMs(), 0);
    QVERIFY(!w.session()->healthModel()->lastHealth(QStringLiteral("api")));
    QCOMPARE(w.session()->alertModel()->alertCount(), 0);
    QVERIFY(w.findChild<StatusIndicator *>(QStringLiteral("lastKnownIndicator"))->isHidden());
    // The live checks go on, and their picture replaces the damaged files at the next save.
    w.show();
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->healthModel()->lastHealth(QStringLiteral("api")).has_value(), 10000);
    w.stateKeeper()->saveNow();
    QTRY_VERIFY(LastKnownState(folder.path()).load(Part::Health).has_value());
}

QTEST_MAIN(TestStateKeeper)
#include "tst_state_keeper.moc"
