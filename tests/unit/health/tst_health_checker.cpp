// The checker against local endpoints: credentials, probe folding, no pile-up,
// and no late answers after a reconfiguration.

#include "health/health_checker.h"
#include "local_http_server.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestHealthChecker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsCredentialsFromEnvironment();
    void foldsProbesOfOneService();
    void doesNotPileUpSlowChecks();
    void dropsAnswersAfterReconfiguration();

private:
    static ServiceConfig service(const QString &name, const std::string &healthUrl, int timeoutS = 5)
    {
        ServiceConfig s;
        s.name = name;
        s.healthUrl = QUrl(QString::fromStdString(healthUrl));
        s.intervalS = 1;
        s.timeoutS = timeoutS;
        return s;
    }
};

void TestHealthChecker::sendsCredentialsFromEnvironment()
{
    LocalHttpServer server;
    server.route("/health", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain", "ok"); });
    qputenv("OPSDECK_TEST_TOKEN", "t0ken");
    ServiceConfig s = service(QStringLiteral("api"), server.url("/health"));
    s.security.bearerToken = {SecretRef::Kind::Env, QStringLiteral("OPSDECK_TEST_TOKEN")};

    HttpClient http;
    HealthChecker checker(&http);
    checker.setServices({s});
    QSignalSpy all(&checker, &HealthChecker::allChecked);
    checker.checkAll();
    QTRY_COMPARE_WITH_TIMEOUT(all.size(), 1, 5000);
    QCOMPARE(server.requests().at(0).headers.at("authorization"), std::string("Bearer t0ken"));
    QVERIFY(server.requests().at(0).headers.at("accept").find("application/health+json") == 0);
}

void TestHealthChecker::foldsProbesOfOneService()
{
    LocalHttpServer server;
    server.route("/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", R"({"status":"healthy","version":"3.1"})");
    });
    server.route("/ready", [](Connection &c, const RecordedRequest &) {
        c.sleepMs(100);  // answers last, so the order of answers is not the order of requests
        c.respond(503, "application/json", R"({"status":"not ready"})");
    });
    server.route("/live", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain", "ok"); });
    ServiceConfig s = service(QStringLiteral("api"), server.url("/health"));
    s.readinessUrl = QUrl(QString::fromStdString(server.url("/ready")));
    s.livenessUrl = QUrl(QString::fromStdString(server.url("/live")));

    HttpClient http;
    HealthChecker checker(&http);
    checker.setServices({s});
    QSignalSpy checked(&checker, &HealthChecker::serviceChecked);
    checker.checkAll();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 5000);
    const auto h = checked.at(0).at(0).value<ServiceHealth>();
    QCOMPARE(h.status, HealthStatus::Degraded);
    QVERIFY2(h.reason.startsWith(QLatin1String("not ready")), qPrintable(h.reason));
    QCOMPARE(h.version, QStringLiteral("3.1"));
    QCOMPARE(h.probes.size(), 3);
    QCOMPARE(h.probes[2].kind, HealthProbe::Kind::Readiness);
    QCOMPARE(h.probes[2].httpStatus, 503);
    QVERIFY(h.latencyMs >= 100);
}

void TestHealthChecker::doesNotPileUpSlowChecks()
{
    LocalHttpServer server;
    std::atomic<int> hits{0};
    server.route("/health", [&hits](Connection &c, const RecordedRequest &) {
        ++hits;
        c.sleepMs(2500);
        c.respond(200, "text/plain", "ok");
    });
    HttpClient http;
    HealthChecker checker(&http);
    checker.setServices({service(QStringLiteral("slow"), server.url("/health"))});
    checker.start();  // a tick every second, each check takes 2.5 s
    QTest::qWait(2200);
    QCOMPARE(hits.load(), 1);
    checker.stop();
}

void TestHealthChecker::dropsAnswersAfterReconfiguration()
{
    LocalHttpServer server;
    server.route("/health", [](Connection &c, const RecordedRequest &) {
        c.sleepMs(300);
        c.respond(200, "text/plain", "ok");
    });
    HttpClient http;
    HealthChecker checker(&http);
    QSignalSpy checked(&checker, &HealthChecker::serviceChecked);
    checker.setServices({service(QStringLiteral("old"), server.url("/health"))});
    checker.checkAll();
    checker.setServices({service(QStringLiteral("new"), server.url("/health"))});
    checker.checkAll();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 5000);
    QTest::qWait(500);
    QCOMPARE(checked.size(), 1);
    QCOMPARE(checked.at(0).at(0).value<ServiceHealth>().service, QStringLiteral("new"));
}

QTEST_GUILESS_MAIN(TestHealthChecker)
#include "tst_health_checker.moc"
