// Discovery against stand-ins of the documented shapes: Prometheus's
// /api/v1/targets and /api/v1/alertmanagers (as in its web/api/v1 tests), and
// targets that answer /health, answer it with a login page, answer 404, or
// cannot be reached at all. The real Prometheus is in tests/gui/setup and
// tests/cli/tst_cli_config.

#include "local_http_server.h"
#include "setup/discovery.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

namespace {

std::string target(const std::string &job, const std::string &instance, const std::string &service, const std::string &health = "up")
{
    std::string labels = "\"job\":\"" + job + "\",\"instance\":\"" + instance + "\"";
    if (!service.empty())
        labels += ",\"service\":\"" + service + "\"";
    return "{\"discoveredLabels\":{},\"labels\":{" + labels + "},\"scrapePool\":\"" + job + "\",\"scrapeUrl\":\"http://" + instance
        + "/metrics\",\"globalUrl\":\"http://" + instance + "/metrics\",\"lastError\":\"\",\"lastScrape\":\"2026-12-07T10:00:00Z\","
          "\"lastScrapeDuration\":0.01,\"health\":\"" + health + "\",\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}";
}

std::string instanceOf(const LocalHttpServer &server)
{
    return "127.0.0.1:" + std::to_string(server.port());
}

int countRequests(const LocalHttpServer &server, const std::string &path)
{
    int n = 0;
    for (const RecordedRequest &r : server.requests())
        n += r.target == path;
    return n;
}

PrometheusDiscovery discover(const QUrl &url)
{
    ServiceDiscovery discovery;
    PrometheusDiscovery found;
    bool done = false;
    discovery.fromPrometheus(url, {}, [&](const PrometheusDiscovery &result) {
        found = result;
        done = true;
    });
    for (int waited = 0; !done && waited < 60000; waited += 20)
        QTest::qWait(20);
    return found;
}

const DiscoveredService *named(const PrometheusDiscovery &found, const QString &name)
{
    for (const DiscoveredService &d : found.services) {
        if (d.service.name == name)
            return &d;
    }
    return nullptr;
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void targetsBecomeServicesWhereHealthAnswers();
    void prometheusFailuresAreSaid();
    void namesForTargets();
    void pgpassDatabases();
    void kubeconfigContexts();
};

void TestDiscovery::targetsBecomeServicesWhereHealthAnswers()
{
    // Two services answering every health endpoint, one with /health only (plain "ok"),
    // an exporter (404), a proxy's login page, and 150 pods nobody here can reach.
    auto healthy = [](const std::string &version) {
        return [version](Connection &c, const RecordedRequest &) {
            c.respond(200, "application/json", "{\"status\":\"healthy\",\"version\":\"" + version + "\"}");
        };
    };
    LocalHttpServer api, web, plain, exporter, login;
    for (const char *path : {"/health", "/health/live", "/health/ready"}) {
        api.route(path, healthy("1.4.2"));
        web.route(path, healthy("2.0.0"));
    }
    plain.route("/health", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/plain", "ok\n"); });
    login.route("/health", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "text/html", "<html><title>Sign in</title><body>login</body></html>");
    });
    std::string targets = target("shop", instanceOf(api), "api") + "," + target("shop", instanceOf(web), "web") + ","
        + target("cron", instanceOf(plain), "") + "," + target("node", instanceOf(exporter), "") + ","
        + target("sso", instanceOf(login), "");
    for (int i = 0; i < 150; ++i)
        targets += "," + target("pods", "127.0.0.1:" + std::to_string(LocalHttpServer::unusedPort()), "", "down");
    LocalHttpServer prometheus;
    prometheus.route("/api/v1/targets", [targets](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json", "{\"status\":\"success\",\"data\":{\"activeTargets\":[" + targets + "],\"droppedTargets\":[]}}");
    });
    prometheus.route("/api/v1/alertmanagers", [](Connection &c, const RecordedRequest &) {
        c.respond(200, "application/json",
                  "{\"status\":\"success\",\"data\":{\"activeAlertmanagers\":[{\"url\":\"http://am-0.example:9093/api/v2/alerts\"},"
                  "{\"url\":\"https://am-1.example:9093/alertmanager/api/v2/alerts\"}],\"droppedAlertmanagers\":[]}}");
    });

    const PrometheusDiscovery found = discover(QUrl(QString::fromStdString(prometheus.url(""))));
    QVERIFY2(found.ok(), qPrintable(found.error));
    QCOMPARE(found.services.size(), 155);
    // Asked with state=active, as the targets page would.
    QVERIFY(countRequests(prometheus, "/api/v1/targets?state=active") == 1);

    const DiscoveredService *a = named(found, QStringLiteral("api"));
    QVERIFY(a && a->answersHealth);
    QCOMPARE(a->job, QStringLiteral("shop"));
    QCOMPARE(a->service.metricsUrl.toString(), QString::fromStdString(api.url("/metrics")));
    QCOMPARE(a->service.healthUrl.toString(), QString::fromStdString(api.url("/health")));
    QCOMPARE(a->service.livenessUrl.toString(), QString::fromStdString(api.url("/health/live")));
    QCOMPARE(a->service.readinessUrl.toString(), QString::fromStdString(api.url("/health/ready")));
    const DiscoveredService *cron = named(found, QStringLiteral("cron"));
    QVERIFY(cron && cron->answersHealth);
    QVERIFY(!cron->service.healthUrl.isEmpty() && cron->service.livenessUrl.isEmpty() && cron->service.readinessUrl.isEmpty());
    QVERIFY(!named(found, QStringLiteral("node"))->answersHealth);
    QVERIFY(!named(found, QStringLiteral("sso"))->answersHealth);  // a login page is no health report
    // Grouped by job in Prometheus's order, by name within a job.
    QCOMPARE(found.services.at(0).service.name, QStringLiteral("api"));
    QCOMPARE(found.services.at(1).service.name, QStringLiteral("web"));
    QCOMPARE(found.services.at(2).job, QStringLiteral("cron"));
    int ticked = 0;
    for (const DiscoveredService &d : found.services)
        ticked += d.answersHealth;
    QCOMPARE(ticked, 3);
    // Each answering target was asked each endpoint once; an unreachable one is not asked twice more.
    QCOMPARE(countRequests(api, "/health") + countRequests(api, "/health/live") + countRequests(api, "/health/ready"), 3);
    QCOMPARE(countRequests(plain, "/health"), 1);

    QCOMPARE(found.alertmanagers.size(), 1);
    QCOMPARE(found.alertmanagers.first().urls,
             (QList<QUrl>{QUrl(QStringLiteral("http://am-0.example:9093")), QUrl(QStringLiteral("https://am-1.example:9093/alertmanager"))}));
}

void TestDiscovery::prometheusFailuresAreSaid()
{
    LocalHttpServer broken;
    broken.route("/api/v1/targets", [](Connection &c, const RecordedRequest &) { c.respond(503, "text/plain", "Service Unavailable"); });
    PrometheusDiscovery found = discover(QUrl(QString::fromStdString(broken.url(""))));
    QVERIFY(!found.ok());
    QVERIFY2(found.error.contains(QString::fromStdString(broken.url(""))), qPrintable(found.error));

    LocalHttpServer garbage;
    garbage.route("/api/v1/targets", [](Connection &c, const RecordedRequest &) { c.respond(200, "application/json", "{\"status\": \"succ"); });
    found = discover(QUrl(QString::fromStdString(garbage.url(""))));
    QVERIFY(!found.ok());

    found = discover(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(LocalHttpServer::unusedPort())));
    QVERIFY(!found.ok());
    QVERIFY(found.services.isEmpty());
}

void TestDiscovery::namesForTargets()
{
    QCOMPARE(serviceNameForTarget(QStringLiteral("shop"), QStringLiteral("api"), QStringLiteral("h:1"), 3), QStringLiteral("api"));
    QCOMPARE(serviceNameForTarget(QStringLiteral("node"), {}, QStringLiteral("h:9100"), 1), QStringLiteral("node"));
    QCOMPARE(serviceNameForTarget(QStringLiteral("node"), {}, QStringLiteral("h:9100"), 2), QStringLiteral("node-h:9100"));
}

void TestDiscovery::pgpassDatabases()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("pgpass"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# comment\n"
            "db.prod:5432:app:ops:secret\n"
            "db.prod:5432:app:ops:again\n"          // the same database twice: once
            "*:*:*:postgres:x\n"                    // no database named: skipped
            "localhost:6432:reports:ana\\:lyst:p\n" // an escaped colon in the user
            "127.0.0.1:*:metrics:mon:p\n"
            "broken line\n");
    f.close();
    const QList<DatabaseConfig> found = databasesFromPgpass(file);
    QCOMPARE(found.size(), 3);
    QCOMPARE(found[0].name, QStringLiteral("app@db.prod"));
    QCOMPARE(found[0].password.kind, SecretRef::Kind::Pgpass);
    QCOMPARE(found[1].name, QStringLiteral("reports"));
    QCOMPARE(found[1].port, 6432);
    QCOMPARE(found[1].user, QStringLiteral("ana:lyst"));
    QCOMPARE(found[2].port, 5432);
    QVERIFY(databasesFromPgpass(dir.filePath(QStringLiteral("none"))).isEmpty());
}

void TestDiscovery::kubeconfigContexts()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("kubeconfig"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("apiVersion: v1\nkind: Config\ncurrent-context: prod\n"
            "clusters:\n- name: c1\n  cluster: {server: 'https://c1:6443'}\n"
            "users:\n- name: u1\n  user: {token: t}\n"
            "contexts:\n- name: dev\n  context: {cluster: c1, user: u1}\n"
            "- name: prod\n  context: {cluster: c1, user: u1, namespace: shop}\n");
    f.close();
    QString error;
    const QList<KubernetesConfig> found = clustersFromKubeconfig(file, &error);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].context, QStringLiteral("prod"));  // the current one first
    QCOMPARE(found[0].namespaces, QStringList{QStringLiteral("shop")});
    QCOMPARE(found[0].kubeconfig, file);
    QCOMPARE(found[1].context, QStringLiteral("dev"));
    QVERIFY(clustersFromKubeconfig(dir.filePath(QStringLiteral("missing")), &error).isEmpty());
    QVERIFY(error.contains(QLatin1String("missing")));
}

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
