// The Alertmanager client against local servers that fail on purpose: cluster
// failover on reads, and writes that never make a second silence. (The real
// Alertmanager is exercised in tests/integration/tst_alerts_integration.cpp.)

#include "alerts/ack_rules.h"
#include "alerts/alertmanager_api.h"
#include "local_http_server.h"

#include <QSignalSpy>
#include <QTest>

#include <mutex>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestAlertmanagerClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failsOverToTheNextMember();
    void reportsEveryMemberWhenAllFail();
    void slowAnswerDoesNotDuplicateTheSilence();
    void retriesAfterServerErrorWhenNothingLanded();
    void neverRetriesABadRequest();
    void expiringAnExpiredSilenceCountsAsDone();
    void refusesSilenceWithoutMarker();
};

namespace {

constexpr const char *groupsBody = R"([{"labels":{"alertname":"A"},"receiver":{"name":"r"},"alerts":[
    {"labels":{"alertname":"A","service":"api"},"annotations":{},"fingerprint":"f1","receivers":[{"name":"r"}],
     "startsAt":"2026-11-22T01:00:00Z","endsAt":"2026-11-22T02:00:00Z","updatedAt":"2026-11-22T01:00:00Z",
     "status":{"state":"active","silencedBy":[],"inhibitedBy":[]}}]}])";

QUrl urlOf(const LocalHttpServer &server)
{
    return QUrl(QString::fromStdString(server.url("")));
}

QUrl deadUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(LocalHttpServer::unusedPort()));
}

AlertSnapshot refreshOnce(AlertmanagerClient &client)
{
    QSignalSpy spy(&client, &AlertmanagerClient::snapshot);
    client.refresh();
    if (!spy.wait(15000))
        return {};
    return spy.takeFirst().at(0).value<AlertSnapshot>();
}

SilenceWriteResult waitWrite(AlertmanagerClient &client, quint64 operation)
{
    QSignalSpy spy(&client, &AlertmanagerClient::silenceWritten);
    for (int i = 0; i < 300; ++i) {
        for (const auto &args : std::as_const(spy)) {
            if (args.at(0).toULongLong() == operation)
                return args.at(1).value<SilenceWriteResult>();
        }
        spy.wait(50);
    }
    SilenceWriteResult none;
    none.error = QStringLiteral("no answer in the test's time");
    return none;
}

Silence ackSilence()
{
    Silence s;
    s.matchers = {{"alertname", "A", false, true}};
    s.startsAtMs = QDateTime::currentMSecsSinceEpoch();
    s.endsAtMs = s.startsAtMs + 3600000;
    s.createdBy = QStringLiteral("alice");
    s.comment = QStringLiteral("ACK: test ") + ackMarker(newAckId(), false);
    return s;
}

std::size_t countMethod(const LocalHttpServer &server, const std::string &method)
{
    std::size_t n = 0;
    for (const RecordedRequest &r : server.requests())
        n += r.method == method;
    return n;
}

// A fake silence store: what was POSTed is listed by GET, as Alertmanager does.
struct SilenceStore {
    std::mutex mutex;
    std::string stored;  // the last POSTed body, with id and status added

    void keep(const std::string &posted)
    {
        std::lock_guard lock(mutex);
        stored = posted;
        stored.insert(1, R"("id":"s-1","status":{"state":"active"},)");
    }
    std::string list()
    {
        std::lock_guard lock(mutex);
        return stored.empty() ? "[]" : "[" + stored + "]";
    }
};

} // namespace

void TestAlertmanagerClient::failsOverToTheNextMember()
{
    LocalHttpServer live;
    live.route("/api/v2/alerts/groups", [](Connection &c, const RecordedRequest &) { c.respond(200, "application/json", groupsBody); });
    live.route("/api/v2/silences", [](Connection &c, const RecordedRequest &) { c.respond(200, "application/json", "[]"); });
    HttpClient http;
    AlertmanagerConfig config{QStringLiteral("main"), {deadUrl(), urlOf(live)}, {}};
    AlertmanagerClient client(&http, config);
    client.setTimeoutMs(3000);

    const AlertSnapshot first = refreshOnce(client);
    QVERIFY2(first.ok, qPrintable(first.error));
    QCOMPARE(first.answeredBy, urlOf(live).toString());
    QCOMPARE(first.alerts.size(), size_t(1));
    QCOMPARE(first.warnings.size(), 1);  // the member that failed is named
    QVERIFY(first.warnings.front().contains(QLatin1String("127.0.0.1")));

    // The next read starts with the member that answered.
    QCOMPARE(client.currentMember(), urlOf(live));
    const AlertSnapshot second = refreshOnce(client);
    QVERIFY(second.ok);
    QVERIFY(second.warnings.isEmpty());
}

void TestAlertmanagerClient::reportsEveryMemberWhenAllFail()
{
    LocalHttpServer broken;
    broken.route("/api/v2/alerts/groups", [](Connection &c, const RecordedRequest &) { c.respond(200, "text/html", "<html>proxy</html>"); });
    HttpClient http;
    AlertmanagerClient client(&http, AlertmanagerConfig{QStringLiteral("main"), {deadUrl(), urlOf(broken)}, {}});
    const AlertSnapshot s = refreshOnce(client);
    QVERIFY(!s.ok);
    QVERIFY(s.alerts.empty());
    QVERIFY2(s.error.contains(QLatin1String("connect")), qPrintable(s.error));
    QVERIFY2(s.error.contains(QLatin1String("not valid JSON")), qPrintable(s.error));
}

void TestAlertmanagerClient::slowAnswerDoesNotDuplicateTheSilence()
{
    // The silence is created, but the answer comes after the client gave up.
    SilenceStore store;
    LocalHttpServer server;
    server.route("/api/v2/silences", [&store](Connection &c, const RecordedRequest &r) {
        if (r.method == "POST") {
            store.keep(r.body);
            c.sleepMs(4000);
            c.respond(200, "application/json", R"({"silenceID":"s-1"})");
            return;
        }
        c.respond(200, "application/json", store.list());
    });
    HttpClient http;
    AlertmanagerClient client(&http, AlertmanagerConfig{QStringLiteral("main"), {urlOf(server)}, {}});
    client.setTimeoutMs(1000);
    const SilenceWriteResult result = waitWrite(client, client.writeSilence(ackSilence()));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.deduplicated);
    QCOMPARE(result.silenceId, QStringLiteral("s-1"));
    QCOMPARE(countMethod(server, "POST"), size_t(1));
}

void TestAlertmanagerClient::retriesAfterServerErrorWhenNothingLanded()
{
    std::atomic<int> posts{0};
    LocalHttpServer server;
    server.route("/api/v2/silences", [&posts](Connection &c, const RecordedRequest &r) {
        if (r.method == "POST") {
            if (posts++ == 0) {
                c.respond(503, "text/plain", "gossip not settled");
                return;
            }
            c.respond(200, "application/json", R"({"silenceID":"s-2"})");
            return;
        }
        c.respond(200, "application/json", "[]");
    });
    HttpClient http;
    AlertmanagerClient client(&http, AlertmanagerConfig{QStringLiteral("main"), {urlOf(server)}, {}});
    const SilenceWriteResult result = waitWrite(client, client.writeSilence(ackSilence()));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(!result.deduplicated);
    QCOMPARE(result.silenceId, QStringLiteral("s-2"));
    QCOMPARE(countMethod(server, "POST"), size_t(2));
    QCOMPARE(countMethod(server, "GET"), size_t(1));  // looked before sending again
}

void TestAlertmanagerClient::neverRetriesABadRequest()
{
    LocalHttpServer server;
    server.route("/api/v2/silences", [](Connection &c, const RecordedRequest &) {
        c.respond(400, "application/json", R"("silence invalid: at least one matcher must not match the empty string")");
    });
    HttpClient http;
    AlertmanagerClient client(&http, AlertmanagerConfig{QStringLiteral("main"), {urlOf(server), urlOf(server)}, {}});
    const SilenceWriteResult result = waitWrite(client, client.writeSilence(ackSilence()));
    QVERIFY(!result.ok);
    QCOMPARE(result.httpStatus, 400);
    QCOMPARE(result.error, QStringLiteral("HTTP 400: silence invalid: at least one matcher must not match the empty string"));
    QCOMPARE(server.requests().size(), size_t(1));
}

void TestAlertmanagerClient::expiringAnExpiredSilenceCountsAsDone()
{
    LocalHttpServer server;
    server.route("/api/v2/silence/s-9", [](Connection &c, const RecordedRequest &r) {
        if (r.method == "DELETE") {
            c.respond(500, "application/json", R"("silence s-9 already expired")");
            return;
        }
        c.respond(200, "application/json", R"({"id":"s-9","status":{"state":"expired"},"matchers":[],"comment":"x","createdBy":"a","startsAt":"2026-11-22T01:00:00Z","endsAt":"2026-11-22T01:10:00Z"})");
    });
    HttpClient http;
    AlertmanagerClient client(&http, AlertmanagerConfig{QStringLiteral("main"), {urlOf(server)}, {}});
    const SilenceWriteResult result = waitWrite(client, client.expireSilence(QStringLiteral("s-9")));
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.deduplicated);
    QCOMPARE(countMethod(server, "DELETE"), size_t(1));
}

void TestAlertmanagerClient::refusesSilenceWithoutMarker()
{
    LocalHttpServer server;
    HttpClient http;
    AlertmanagerClient client(&http, AlertmanagerConfig{QStringLiteral("main"), {urlOf(server)}, {}});
    Silence s = ackSilence();
    s.comment = QStringLiteral("ACK: no marker");
    const SilenceWriteResult result = waitWrite(client, client.writeSilence(s));
    QVERIFY(!result.ok);
    QVERIFY(result.error.contains(QLatin1String("marker")));
    QVERIFY(server.requests().empty());
}

QTEST_GUILESS_MAIN(TestAlertmanagerClient)
#include "tst_alertmanager_client.moc"
