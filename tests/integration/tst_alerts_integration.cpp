// Alerts against the real thing: the demo environment's Prometheus fires a
// rule, its Alertmanager holds the alert, PostgreSQL holds the monitoring
// database. Acks are Alertmanager silences and are checked there; a slow
// Alertmanager, a stopped one and a two-member cluster are real processes too.

#include "alert_model.h"
#include "alerts/ack_keeper.h"
#include "alerts/ack_rules.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alertmanager_api.h"
#include "alerts/database_alerts.h"
#include "demo_environment.h"
#include "local_http_server.h"
#include "net/http_client.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

using namespace opsdeck;
using testsupport::Connection;
using testsupport::LocalHttpServer;
using testsupport::RecordedRequest;

class TestAlertsIntegration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firingRuleIsListed();
    void cliAckSilencesWithOurNameAndComment();
    void cliUnackMakesItActiveAgain();
    void slowReplyDoesNotCreateASecondSilence();
    void alertmanagerDownKeepsTheListMarkedStale();
    void databaseAlertIsResolvedByAck();
    void clusterWithOneMemberStoppedStillAcks();
    void untilResolvedExtendsThenExpires();
    void cleanupTestCase();

private:
    AlertSnapshot poll(const QString &source);
    std::vector<Silence> silencesWith(const QString &ackId);
    ActionOutcome waitAction(AlertActions &actions, quint64 operation);
    int runCli(const QStringList &args, QByteArray *out);
    std::optional<Alert> serviceDown(const AlertSnapshot &snapshot) const;
    // Writes an ack silence through that client and waits for its answer.
    SilenceWriteResult writeAck(AlertmanagerClient &client, std::vector<SilenceMatcher> matchers, const QString &comment,
                                Silence *sent);

    testsupport::DemoEnvironment m_demo{QStringLiteral(OPSDECK_SOURCE_DIR), QStringLiteral(OPSDECK_DEMO_BIN_DIR), true};
    QTemporaryDir m_dir;
    Profile m_profile;
    HttpClient m_http;
    std::unique_ptr<AlertSources> m_sources;
    std::unique_ptr<AlertActions> m_actions;
    std::vector<std::unique_ptr<QProcess>> m_cluster;
};

namespace {

// One HTTP exchange with a real server, raw: the bytes of the request out, the
// bytes of the answer back (the server closes: the request says so).
std::string exchange(int port, const RecordedRequest &request)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return {};
    }
    std::string out = request.method + " " + request.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!request.body.empty())
        out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(request.body.size()) + "\r\n";
    out += "\r\n" + request.body;
    ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
    std::string answer;
    char buffer[8192];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
        answer.append(buffer, size_t(n));
    ::close(fd);
    return answer;
}

// A proxy in front of the demo's Alertmanager that can hold back the answer
// to a POST (the silence is made, the client has given up) or play dead.
struct SlowProxy {
    LocalHttpServer server;
    std::atomic<int> postDelayMs{0};
    std::atomic<bool> down{false};
    std::atomic<int> posts{0};
    const int upstreamPort;

    explicit SlowProxy(int alertmanagerPort)
        : upstreamPort(alertmanagerPort)
    {
        for (const char *path : {"/api/v2/silences", "/api/v2/alerts/groups"}) {
            server.route(path, [this](Connection &c, const RecordedRequest &r) {
                if (down) {
                    c.respond(502, "text/html", "<html><body>502 Bad Gateway</body></html>");
                    return;
                }
                const std::string answer = exchange(upstreamPort, r);
                if (r.method == "POST") {
                    ++posts;
                    c.sleepMs(postDelayMs);
                }
                c.write(answer);
            });
        }
    }
    QUrl url() const { return QUrl(QString::fromStdString(server.url(""))); }
};

} // namespace

void TestAlertsIntegration::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("OPSDECK_APP_PASSWORD"))
        qputenv("OPSDECK_APP_PASSWORD", "ops-demo");
    qputenv("OPSDECK_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.jsonl")).toUtf8());
    QVERIFY2(m_demo.start(), "the demo environment did not start");
    QVERIFY(m_demo.fault(QStringLiteral("market-data"), QStringLiteral("down")));
    const auto loaded = loadConfigFile(m_demo.configPath());
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(u'\n')));
    m_profile = loaded.config->profiles.first();
    m_profile.operatorName = QStringLiteral("integration-test");
    m_sources = std::make_unique<AlertSources>(&m_http, m_profile, true);
    m_actions = std::make_unique<AlertActions>(m_profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("test"));
}

AlertSnapshot TestAlertsIntegration::poll(const QString &source)
{
    QSignalSpy spy(m_sources.get(), &AlertSources::snapshot);
    QSignalSpy done(m_sources.get(), &AlertSources::roundFinished);
    m_sources->refreshAll();
    done.wait(20000);
    for (const auto &args : std::as_const(spy)) {
        const auto s = args.at(0).value<AlertSnapshot>();
        if (s.source == source)
            return s;
    }
    return {};
}

std::optional<Alert> TestAlertsIntegration::serviceDown(const AlertSnapshot &snapshot) const
{
    for (const Alert &a : snapshot.alerts) {
        if (a.name() == u"ServiceDown" && a.label("service") == "market-data")
            return a;
    }
    return std::nullopt;
}

std::vector<Silence> TestAlertsIntegration::silencesWith(const QString &ackId)
{
    std::vector<Silence> out;
    for (const Silence &s : poll(QStringLiteral("main")).silences) {
        if (ackIdOf(s.comment) == ackId)
            out.push_back(s);
    }
    return out;
}

ActionOutcome TestAlertsIntegration::waitAction(AlertActions &actions, quint64 operation)
{
    QSignalSpy spy(&actions, &AlertActions::finished);
    for (int i = 0; i < 300; ++i) {
        for (const auto &args : std::as_const(spy)) {
            if (args.at(0).toULongLong() == operation)
                return args.at(1).value<ActionOutcome>();
        }
        spy.wait(100);
    }
    ActionOutcome none;
    none.error = QStringLiteral("no answer within 30 s");
    return none;
}

SilenceWriteResult TestAlertsIntegration::writeAck(AlertmanagerClient &client, std::vector<SilenceMatcher> matchers,
                                                  const QString &comment, Silence *sent)
{
    AckRequest request;
    request.matchers = std::move(matchers);
    request.comment = comment;
    *sent = makeAckSilence(request, QStringLiteral("integration-test"), QDateTime::currentMSecsSinceEpoch());
    QSignalSpy written(&client, &AlertmanagerClient::silenceWritten);
    client.writeSilence(*sent);
    if (!written.wait(20000))
        return SilenceWriteResult{false, {}, {}, 0, QStringLiteral("no answer within 20 s"), false};
    return written.first().at(1).value<SilenceWriteResult>();
}

int TestAlertsIntegration::runCli(const QStringList &args, QByteArray *out)
{
    QProcess p;
    QProcessEnvironment env = m_demo.environment();
    env.insert(QStringLiteral("OPSDECK_AUDIT_LOG"), m_dir.filePath(QStringLiteral("audit.jsonl")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(OPSDECK_CLI), QStringList{QStringLiteral("--config"), m_demo.configPath()} + args);
    p.waitForFinished(60000);
    *out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    if (!err.isEmpty())
        qInfo("stderr: %s", err.constData());
    return p.exitCode();
}

void TestAlertsIntegration::firingRuleIsListed()
{
    // Prometheus evaluates every 2 s, the rule waits 10 s, Alertmanager groups for 5 s.
    std::optional<Alert> alert;
    for (int i = 0; i < 60 && !alert; ++i) {
        alert = serviceDown(poll(QStringLiteral("main")));
        if (!alert)
            QTest::qWait(1000);
    }
    QVERIFY2(alert, "ServiceDown for market-data never reached Alertmanager");
    QCOMPARE(alert->state, AlertState::Firing);
    QCOMPARE(alert->severity(), QStringLiteral("critical"));
    QVERIFY(!alert->generatorUrl.isEmpty());
    QCOMPARE(fingerprintOf(alert->labels), alert->fingerprint);

    QByteArray out;
    QCOMPARE(runCli({QStringLiteral("alerts"), QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--filter"),
                     QStringLiteral(R"(alertname="ServiceDown", service="market-data")")},
                    &out),
             0);
    const QJsonArray listed = QJsonDocument::fromJson(out).array();
    QCOMPARE(listed.size(), 1);  // Prometheus sees it too: shown once
    const QJsonObject o = listed.first().toObject();
    for (const char *key : {"fingerprint", "labels", "annotations", "state", "starts_at", "source", "silenced_by", "acked_by"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("firing"));
    QCOMPARE(o.value(QStringLiteral("source")).toString(), QStringLiteral("main"));
    QVERIFY(o.value(QStringLiteral("acked_by")).isNull());
}

void TestAlertsIntegration::cliAckSilencesWithOurNameAndComment()
{
    const std::optional<Alert> alert = serviceDown(poll(QStringLiteral("main")));
    QVERIFY(alert);
    QByteArray out;
    QCOMPARE(runCli({QStringLiteral("alerts"), QStringLiteral("ack"), QStringLiteral("--fingerprint"), alert->fingerprint,
                     QStringLiteral("--comment"), QStringLiteral("restarting the feed"), QStringLiteral("--duration"), QStringLiteral("15m")},
                    &out),
             0);
    QVERIFY2(out.contains("acknowledged: silence "), out.constData());

    // Alertmanager itself says: suppressed by our silence, our name, our comment.
    const AlertSnapshot after = poll(QStringLiteral("main"));
    const std::optional<Alert> silenced = serviceDown(after);
    QVERIFY(silenced);
    QCOMPARE(silenced->silencedBy.size(), 1);
    QCOMPARE(silenced->state, AlertState::Acknowledged);
    const auto silence = std::find_if(after.silences.begin(), after.silences.end(), [&](const Silence &s) { return s.id == silenced->silencedBy.first(); });
    QVERIFY(silence != after.silences.end());
    QCOMPARE(silence->createdBy, osUserName());  // the demo profile names no operator: the OS user
    QVERIFY(silence->comment.startsWith(QLatin1String("ACK: restarting the feed [opsdeck ack=")));
    QVERIFY(std::abs(silence->endsAtMs - silence->startsAtMs - 15 * 60 * 1000) < 5000);

    // The CLI wrote the intent and the outcome, fsynced.
    QFile audit(m_dir.filePath(QStringLiteral("audit.jsonl")));
    QVERIFY(audit.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = audit.readAll().trimmed().split('\n');
    QVERIFY(lines.size() >= 2);
    QCOMPARE(QJsonDocument::fromJson(lines.at(lines.size() - 2)).object().value(QStringLiteral("phase")).toString(), QStringLiteral("intent"));
    const QJsonObject outcome = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(outcome.value(QStringLiteral("result")).toString(), QStringLiteral("ok"));
    QCOMPARE(outcome.value(QStringLiteral("client")).toString(), QStringLiteral("cli"));
    QCOMPARE(outcome.value(QStringLiteral("version")).toString(), QStringLiteral(OPSDECK_VERSION));
    QCOMPARE(outcome.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("silence_id")).toString(), silence->id);
}

void TestAlertsIntegration::cliUnackMakesItActiveAgain()
{
    const std::optional<Alert> alert = serviceDown(poll(QStringLiteral("main")));
    QVERIFY(alert && !alert->silencedBy.isEmpty());
    QByteArray out;
    QCOMPARE(runCli({QStringLiteral("alerts"), QStringLiteral("unack"), QStringLiteral("--silence"), alert->silencedBy.first()}, &out), 0);
    QTRY_VERIFY_WITH_TIMEOUT(serviceDown(poll(QStringLiteral("main")))->silencedBy.isEmpty(), 10000);
    QCOMPARE(serviceDown(poll(QStringLiteral("main")))->state, AlertState::Firing);
    // The read-only profile of the same environment refuses, and says so.
    QCOMPARE(runCli({QStringLiteral("--profile"), QStringLiteral("demo-read-only"), QStringLiteral("alerts"), QStringLiteral("ack"),
                     QStringLiteral("--match"), QStringLiteral(R"(alertname="ServiceDown")"), QStringLiteral("--comment"), QStringLiteral("x")},
                    &out),
             1);
}

void TestAlertsIntegration::slowReplyDoesNotCreateASecondSilence()
{
    SlowProxy proxy(m_demo.ports().alertmanager);
    proxy.postDelayMs = 3000;
    AlertmanagerClient client(&m_http, AlertmanagerConfig{QStringLiteral("main"), {proxy.url()}, {}});
    client.setTimeoutMs(1000);
    Silence silence;
    const SilenceWriteResult result = writeAck(client, {{"alertname", "ServiceDown", false, true}, {"service", "market-data", false, true}},
                                               QStringLiteral("slow network"), &silence);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.deduplicated);
    QCOMPARE(proxy.posts.load(), 1);
    const std::vector<Silence> found = silencesWith(ackIdOf(silence.comment));
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.front().id, result.silenceId);
    // Clean up for the tests after this one.
    QSignalSpy expired(&client, &AlertmanagerClient::silenceWritten);
    proxy.postDelayMs = 0;
    client.expireSilence(result.silenceId);
    QVERIFY(expired.wait(10000));
}

void TestAlertsIntegration::alertmanagerDownKeepsTheListMarkedStale()
{
    SlowProxy proxy(m_demo.ports().alertmanager);
    AlertmanagerClient client(&m_http, AlertmanagerConfig{QStringLiteral("main"), {proxy.url()}, {}});
    AlertModel model;
    model.setGroupBy(AlertModel::GroupBy::None);
    QSignalSpy snapshots(&client, &AlertmanagerClient::snapshot);
    client.refresh();
    QVERIFY(snapshots.wait(10000));
    model.applySnapshot(snapshots.takeFirst().at(0).value<AlertSnapshot>());
    const int shown = model.rowCount();
    QVERIFY(shown >= 1);

    proxy.down = true;
    client.refresh();
    QVERIFY(snapshots.wait(10000));
    const auto failed = snapshots.takeFirst().at(0).value<AlertSnapshot>();
    QVERIFY(!failed.ok);
    QVERIFY2(failed.error.contains(QLatin1String("502")), qPrintable(failed.error));
    model.applySnapshot(failed);
    QCOMPARE(model.rowCount(), shown);
    QVERIFY(model.index(0, 0).data(AlertModel::StaleRole).toBool());
    QCOMPARE(model.sources().value(QStringLiteral("main")).error, failed.error);
}

void TestAlertsIntegration::databaseAlertIsResolvedByAck()
{
    const AlertSnapshot before = poll(QStringLiteral("monitoring"));
    QVERIFY2(before.ok, qPrintable(before.error));
    const auto lag = std::find_if(before.alerts.begin(), before.alerts.end(), [](const Alert &a) { return a.name() == u"ReplicationLag"; });
    QVERIFY(lag != before.alerts.end());
    QCOMPARE(lag->sourceKind, AlertSourceKind::Database);
    const ActionOutcome outcome = waitAction(*m_actions, m_actions->resolveDatabaseAlert(m_sources->database(QStringLiteral("monitoring")), lag->databaseId, lag->name()));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const AlertSnapshot after = poll(QStringLiteral("monitoring"));
    QVERIFY(std::none_of(after.alerts.begin(), after.alerts.end(), [](const Alert &a) { return a.name() == u"ReplicationLag"; }));
    QCOMPARE(after.alerts.size(), before.alerts.size() - 1);
}

void TestAlertsIntegration::clusterWithOneMemberStoppedStillAcks()
{
    // Two Alertmanagers gossiping on loopback, started here, in folders of this test.
    const std::vector<int> ports = testsupport::freePorts(4);
    QCOMPARE(int(ports.size()), 4);
    const int web[] = {ports[0], ports[1]};
    const int gossip[] = {ports[2], ports[3]};
    QFile config(m_dir.filePath(QStringLiteral("am.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("route: {receiver: console}\nreceivers: [{name: console}]\n");
    config.close();
    for (int i = 0; i < 2; ++i) {
        const QString data = m_dir.filePath(QStringLiteral("am%1").arg(i));
        QDir().mkpath(data);
        QStringList args{QStringLiteral("--config.file=%1").arg(config.fileName()), QStringLiteral("--storage.path=%1").arg(data),
                         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(web[i]),
                         QStringLiteral("--cluster.listen-address=127.0.0.1:%1").arg(gossip[i]),
                         QStringLiteral("--cluster.advertise-address=127.0.0.1:%1").arg(gossip[i]),
                         QStringLiteral("--cluster.peer=127.0.0.1:%1").arg(gossip[1 - i])};
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        process->start(QStringLiteral("prometheus-alertmanager"), args);
        QVERIFY2(process->waitForStarted(), "prometheus-alertmanager did not start");
        m_cluster.push_back(std::move(process));
    }
    const QList<QUrl> members{QUrl(QStringLiteral("http://127.0.0.1:%1").arg(web[0])), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(web[1]))};
    AlertmanagerClient client(&m_http, AlertmanagerConfig{QStringLiteral("cluster"), members, {}});
    client.setTimeoutMs(3000);
    QSignalSpy snapshots(&client, &AlertmanagerClient::snapshot);
    bool ready = false;
    for (int i = 0; i < 40 && !ready; ++i) {
        client.refresh();
        ready = snapshots.wait(5000) && snapshots.takeFirst().at(0).value<AlertSnapshot>().ok;
        if (!ready)
            QTest::qWait(500);
    }
    QVERIFY2(ready, "the cluster did not answer");

    // The first member stops; reads and acks go to the second.
    m_cluster[0]->kill();
    m_cluster[0]->waitForFinished();
    client.refresh();
    QVERIFY(snapshots.wait(10000));
    const auto read = snapshots.takeFirst().at(0).value<AlertSnapshot>();
    QVERIFY2(read.ok, qPrintable(read.error));
    QCOMPARE(read.answeredBy, members[1].toString());

    Silence silence;
    const SilenceWriteResult result = writeAck(client, {{"alertname", "ClusterTest", false, true}}, QStringLiteral("cluster failover"), &silence);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.answeredBy, members[1].toString());
}

void TestAlertsIntegration::untilResolvedExtendsThenExpires()
{
    AckKeeper keeper(m_actions.get());
    // Renew at once (anything under two hours left) to 90 minutes; expire at once when resolved.
    keeper.setTiming(90 * 60 * 1000, 2 * 3600 * 1000, 0);
    AlertmanagerClient *main = m_sources->alertmanager(QStringLiteral("main"));
    AckRequest request;
    request.matchers = {{"alertname", "ServiceDown", false, true}, {"service", "market-data", false, true}};
    request.comment = QStringLiteral("until it is back");
    request.untilResolved = true;
    const ActionOutcome acked = waitAction(*m_actions, m_actions->acknowledge(main, request));
    QVERIFY2(acked.ok, qPrintable(acked.error));
    const Silence first = [&] {
        for (const Silence &s : poll(QStringLiteral("main")).silences) {
            if (s.id == acked.silenceId)
                return s;
        }
        return Silence{};
    }();
    QVERIFY(isUntilResolved(first.comment));
    QVERIFY(std::abs(first.endsAtMs - first.startsAtMs - untilResolvedSliceMs) < 5000);

    // While the alert fires, the keeper extends.
    QSignalSpy acted(&keeper, &AckKeeper::acted);
    keeper.review(main, poll(QStringLiteral("main")), QDateTime::currentMSecsSinceEpoch());
    QVERIFY(acted.wait(10000));
    QCOMPARE(acted.first().at(1).toString(), QStringLiteral("ack-extend"));
    QVERIFY2(acted.first().at(2).toBool(), qPrintable(acted.first().at(3).toString()));
    const std::vector<Silence> extended = silencesWith(ackIdOf(first.comment));
    QVERIFY(!extended.empty());
    const auto active = std::find_if(extended.begin(), extended.end(), [](const Silence &s) { return s.isActive(); });
    QVERIFY(active != extended.end());
    QVERIFY2(active->endsAtMs > first.endsAtMs + 20 * 60 * 1000, "the silence was not extended");

    // The service comes back; the alert resolves; the keeper expires the ack.
    QVERIFY(m_demo.fault(QStringLiteral("market-data"), QStringLiteral("none")));
    bool resolved = false;
    for (int i = 0; i < 60 && !resolved; ++i) {
        resolved = !serviceDown(poll(QStringLiteral("main")));
        if (!resolved)
            QTest::qWait(1000);
    }
    QVERIFY2(resolved, "ServiceDown did not resolve");
    acted.clear();
    keeper.review(main, poll(QStringLiteral("main")), QDateTime::currentMSecsSinceEpoch());
    QVERIFY(acted.wait(10000));
    QCOMPARE(acted.first().at(1).toString(), QStringLiteral("ack-expire-resolved"));
    QVERIFY(acted.first().at(2).toBool());
    for (const Silence &s : silencesWith(ackIdOf(first.comment)))
        QCOMPARE(s.state, QStringLiteral("expired"));
}

void TestAlertsIntegration::cleanupTestCase()
{
    for (auto &p : m_cluster) {
        p->kill();
        p->waitForFinished();
    }
}

QTEST_MAIN(TestAlertsIntegration)
#include "tst_alerts_integration.moc"
