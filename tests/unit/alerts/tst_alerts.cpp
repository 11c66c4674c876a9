// Alerts and silences as values: decoding every recorded Alertmanager version,
// fingerprints, the ack marker, silence validation, the audit log.

#include "alerts/ack_rules.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alertmanager_api.h"
#include "alerts/alerts.h"
#include "alerts/prometheus_alerts.h"
#include "alerts/silence_matchers.h"
#include "audit/audit_log.h"
#include "common/rfc3339.h"
#include "corpus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;

class TestAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsRecordedAlertGroups_data();
    void readsRecordedAlertGroups();
    void readsRecordedSilences_data();
    void readsRecordedSilences();
    void fingerprintIsAlertmanagers();
    void rejectsGarbage();
    void encodesSilenceForAlertmanager();
    void errorTextIsAlertmanagers();
    void parsesRfc3339();
    void ackMarkerRoundTrips();
    void defaultMatchersAreNarrow();
    void refusesDangerousSilences_data();
    void refusesDangerousSilences();
    void classifiesSuppressedAlerts();
    void decodesPrometheusAlertsAndRules();
    void mergeShowsAlertOnce();
    void auditLogAppendsWholeLines();
    void ackSilenceCarriesMarkerAndPrefix();
};

namespace {

Alert alertWith(Labels labels)
{
    Alert a;
    std::sort(labels.begin(), labels.end());
    a.labels = std::move(labels);
    a.fingerprint = fingerprintOf(a.labels);
    return a;
}

} // namespace

void TestAlerts::readsRecordedAlertGroups_data()
{
    QTest::addColumn<QString>("version");
    QTest::newRow("0.22.0") << QStringLiteral("0.22.0");
    QTest::newRow("0.27.0") << QStringLiteral("0.27.0");
}

void TestAlerts::readsRecordedAlertGroups()
{
    QFETCH(QString, version);
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("alertmanager/%1/alerts_groups.json").arg(version));
    const QByteArray body = testsupport::readCorpusFile(testsupport::corpusPath(QStringLiteral("alertmanager/%1/alerts_groups.json").arg(version)));
    const AmDecode decoded = decodeAlertGroups(body, QStringLiteral("main"));
    QVERIFY2(decoded.ok, qPrintable(decoded.error));

    // Every alert the recording holds, each once, however many groups list it.
    QSet<QString> fingerprints;
    int listed = 0;
    const QJsonArray groups = QJsonDocument::fromJson(body).array();
    for (const QJsonValue &g : groups) {
        for (const QJsonValue &a : g.toObject().value(QStringLiteral("alerts")).toArray()) {
            fingerprints.insert(a.toObject().value(QStringLiteral("fingerprint")).toString());
            ++listed;
        }
    }
    QVERIFY(size_t(listed) >= decoded.alerts.size());
    QCOMPARE(qsizetype(decoded.alerts.size()), fingerprints.size());

    int silenced = 0;
    for (const Alert &a : decoded.alerts) {
        QVERIFY(!a.fingerprint.isEmpty());
        QVERIFY(!a.name().isEmpty());
        QVERIFY2(a.startsAtMs > 1600000000000LL, qPrintable(a.fingerprint));
        QVERIFY(!a.receivers.isEmpty());
        QVERIFY(!a.groupLabels.empty());
        QVERIFY(std::is_sorted(a.labels.begin(), a.labels.end()));
        if (!a.silencedBy.isEmpty()) {
            QCOMPARE(a.state, AlertState::Silenced);
            ++silenced;
        }
    }
    QVERIFY(silenced > 0);  // the recordings hold silenced alerts

    // The silences of the same recording are what silences them.
    const AmDecode silences = decodeSilences(testsupport::readCorpusFile(
        testsupport::corpusPath(QStringLiteral("alertmanager/%1/silences.json").arg(version))));
    QVERIFY(silences.ok);
    for (const Alert &a : decoded.alerts) {
        for (const QString &id : a.silencedBy) {
            const auto s = std::find_if(silences.silences.begin(), silences.silences.end(), [&](const Silence &x) { return x.id == id; });
            QVERIFY2(s != silences.silences.end(), qPrintable(id));
            QString error;
            QVERIFY(silenceMatches(toLabelMatchers(s->matchers, &error), a));
        }
    }
}

void TestAlerts::readsRecordedSilences_data()
{
    readsRecordedAlertGroups_data();
}

void TestAlerts::readsRecordedSilences()
{
    QFETCH(QString, version);
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("alertmanager/%1/silences.json").arg(version));
    const AmDecode decoded = decodeSilences(testsupport::readCorpusFile(
        testsupport::corpusPath(QStringLiteral("alertmanager/%1/silences.json").arg(version))));
    QVERIFY2(decoded.ok, qPrintable(decoded.error));
    QCOMPARE(decoded.silences.size(), size_t(3));
    for (const Silence &s : decoded.silences) {
        QCOMPARE(s.id.size(), 36);
        QCOMPARE(s.state, QStringLiteral("active"));
        QVERIFY(!s.matchers.empty());
        QVERIFY(!s.createdBy.isEmpty());
        QVERIFY(s.endsAtMs > s.startsAtMs);
        QVERIFY(!isAcknowledgement(s));  // karma's silences are not acks
    }
}

void TestAlerts::fingerprintIsAlertmanagers()
{
    // Alertmanager's fingerprint is the FNV-1a hash of the label set: ours must
    // agree, so an alert Prometheus reports is recognised in Alertmanager's list.
    OPSDECK_REQUIRE_CORPUS(QStringLiteral("alertmanager/0.27.0/alerts_groups.json"));
    const AmDecode decoded = decodeAlertGroups(
        testsupport::readCorpusFile(testsupport::corpusPath(QStringLiteral("alertmanager/0.27.0/alerts_groups.json"))), {});
    QVERIFY(!decoded.alerts.empty());
    for (const Alert &a : decoded.alerts)
        QCOMPARE(fingerprintOf(a.labels), a.fingerprint);
}

void TestAlerts::rejectsGarbage()
{
    for (const QByteArray &body : {QByteArray("<html>502</html>"), QByteArray("{\"alerts\":1}"), QByteArray(""), QByteArray("[{\"alerts\":[{")}) {
        const AmDecode groups = decodeAlertGroups(body, {});
        QVERIFY(!groups.ok);
        QVERIFY(!groups.error.isEmpty());
    }
    // Unknown fields and odd members are skipped, not fatal.
    const AmDecode tolerant = decodeAlertGroups(R"([{"labels":{},"alerts":[1,{"labels":{"alertname":"A"},"status":{},"new":true}]}])", {});
    QVERIFY(tolerant.ok);
    QCOMPARE(tolerant.alerts.size(), size_t(1));
}

void TestAlerts::encodesSilenceForAlertmanager()
{
    Silence s;
    s.matchers = {{"alertname", "HighLatency", false, true}, {"service", "api.*", true, true}, {"env", "dev", false, false}};
    s.startsAtMs = 1700000000000;
    s.endsAtMs = 1700003600000;
    s.createdBy = QStringLiteral("alice");
    s.comment = QStringLiteral("ACK: 看一下 \"quoted\"");
    const QJsonObject o = QJsonDocument::fromJson(encodeSilence(s)).object();
    QCOMPARE(o.value(QStringLiteral("startsAt")).toString(), QStringLiteral("2023-11-14T22:13:20.000Z"));
    QCOMPARE(o.value(QStringLiteral("endsAt")).toString(), QStringLiteral("2023-11-14T23:13:20.000Z"));
    QCOMPARE(o.value(QStringLiteral("comment")).toString(), s.comment);
    QVERIFY(!o.contains(QStringLiteral("id")));
    const QJsonArray m = o.value(QStringLiteral("matchers")).toArray();
    QCOMPARE(m.size(), 3);
    QCOMPARE(m[1].toObject().value(QStringLiteral("isRegex")).toBool(), true);
    QCOMPARE(m[2].toObject().value(QStringLiteral("isEqual")).toBool(), false);
    s.id = QStringLiteral("abc");
    QCOMPARE(QJsonDocument::fromJson(encodeSilence(s)).object().value(QStringLiteral("id")).toString(), QStringLiteral("abc"));
    // What we send reads back the same.
    const AmDecode back = decodeSilences(encodeSilence(s));
    QVERIFY(back.ok);
    QVERIFY(back.silences.front().matchers == s.matchers);
    QCOMPARE(back.silences.front().endsAtMs, s.endsAtMs);
    QCOMPARE(decodeSilenceId(R"({"silenceID":"0a1b"})"), QStringLiteral("0a1b"));
    QCOMPARE(decodeSilenceId("garbage"), QString());
}

void TestAlerts::errorTextIsAlertmanagers()
{
    HttpResponse r;
    r.status = 400;
    r.body = R"("silence invalid: invalid label matcher 0: invalid label name \"\"")";
    QCOMPARE(alertmanagerErrorText(r), QStringLiteral("HTTP 400: silence invalid: invalid label matcher 0: invalid label name \"\""));
    r.body = R"({"code":601,"message":"matchers in body is required"})";
    QCOMPARE(alertmanagerErrorText(r), QStringLiteral("HTTP 400: matchers in body is required"));
    r.status = 502;
    r.body = "<html>\n<body>Bad Gateway</body>\n</html>";
    QCOMPARE(alertmanagerErrorText(r), QStringLiteral("HTTP 502: <html> <body>Bad Gateway</body> </html>"));
}

void TestAlerts::parsesRfc3339()
{
    QCOMPARE(parseRfc3339Ms("2024-02-29T09:45:32.627Z").value_or(-1), 1709199932627LL);
    QCOMPARE(parseRfc3339Ms("2024-02-29T09:45:32Z").value_or(-1), 1709199932000LL);
    QCOMPARE(parseRfc3339Ms("2024-02-29T09:45:32.627123456Z").value_or(-1), 1709199932627LL);  // Go's nanoseconds
    QCOMPARE(parseRfc3339Ms("2024-02-29T10:45:32.627+01:00").value_or(-1), 1709199932627LL);
    QCOMPARE(parseRfc3339Ms("0001-01-01T00:00:00Z").has_value(), true);  // Go's zero time still parses
    QVERIFY(!parseRfc3339Ms("2024-02-30T00:00:00Z"));
    QVERIFY(!parseRfc3339Ms("2024-02-29 09:45"));
    QVERIFY(!parseRfc3339Ms("2024-02-29T09:45:32.Z"));
    QVERIFY(!parseRfc3339Ms("2024-02-29T09:45:32Zjunk"));
    QCOMPARE(formatRfc3339Ms(1709199932627LL), QStringLiteral("2024-02-29T09:45:32.627Z"));
}

void TestAlerts::ackMarkerRoundTrips()
{
    const QString id = newAckId();
    QVERIFY(id != newAckId());
    const QString comment = QStringLiteral("ACK: disk full, cleaning up ") + ackMarker(id, true);
    QCOMPARE(ackIdOf(comment), id);
    QVERIFY(isUntilResolved(comment));
    QCOMPARE(commentForPeople(comment), QStringLiteral("ACK: disk full, cleaning up"));
    QVERIFY(!isUntilResolved(QStringLiteral("ACK: x ") + ackMarker(id, false)));
    QCOMPARE(ackIdOf(QStringLiteral("maintenance window")), QString());
    Silence s;
    s.comment = QStringLiteral("planned maintenance ") + silenceMarker(id);
    QCOMPARE(ackIdOf(s.comment), id);  // retries find it
    QVERIFY(!isAcknowledgement(s));    // but it is no ack
    s.comment = QStringLiteral("ack: from the phone");
    QVERIFY(isAcknowledgement(s));
    s.comment = QStringLiteral("maintenance");
    QVERIFY(!isAcknowledgement(s));
}

void TestAlerts::defaultMatchersAreNarrow()
{
    const Alert a = alertWith({{"alertname", "HighLatency"}, {"service", "api"}, {"severity", "warning"}, {"instance", "10.0.0.1:80"}});
    const auto m = defaultAckMatchers(a);
    QCOMPARE(formatMatchers(m), QStringLiteral(R"(alertname="HighLatency", instance="10.0.0.1:80", service="api")"));
    // Without instance or service: every label, never alertname alone.
    const Alert b = alertWith({{"alertname", "Watchdog"}, {"cluster", "prod"}});
    QCOMPARE(formatMatchers(defaultAckMatchers(b)), QStringLiteral(R"(alertname="Watchdog", cluster="prod")"));
}

void TestAlerts::refusesDangerousSilences_data()
{
    QTest::addColumn<QString>("matchers");
    QTest::addColumn<qint64>("endOffsetMs");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<QString>("why");
    QTest::newRow("no matchers") << QString() << qint64(3600000) << QStringLiteral("ACK") << QStringLiteral("at least one matcher");
    QTest::newRow("matches everything") << QStringLiteral(R"(alertname=~".*")") << qint64(3600000) << QStringLiteral("ACK") << QStringLiteral("without the label");
    QTest::newRow("empty value") << QStringLiteral(R"(alertname="HighLatency", service="")") << qint64(3600000) << QStringLiteral("ACK") << QStringLiteral("service");
    QTest::newRow("negative") << QStringLiteral(R"(severity!="info")") << qint64(3600000) << QStringLiteral("ACK") << QStringLiteral("without the label");
    QTest::newRow("in the past") << QStringLiteral(R"(alertname="A")") << qint64(-1000) << QStringLiteral("ACK") << QStringLiteral("past");
    QTest::newRow("no comment") << QStringLiteral(R"(alertname="A")") << qint64(3600000) << QStringLiteral("  ") << QStringLiteral("comment");
}

void TestAlerts::refusesDangerousSilences()
{
    QFETCH(QString, matchers);
    QFETCH(qint64, endOffsetMs);
    QFETCH(QString, comment);
    QFETCH(QString, why);
    const qint64 now = 1700000000000;
    Silence s;
    s.matchers = fromLabelMatchers(parseMatchers(matchers).matchers);
    s.startsAtMs = now;
    s.endsAtMs = now + endOffsetMs;
    s.createdBy = QStringLiteral("alice");
    s.comment = comment;
    const QString error = validateSilence(s, now);
    QVERIFY2(error.contains(why), qPrintable(error));

    s.matchers = fromLabelMatchers(parseMatchers(QStringLiteral(R"(alertname="A", service=~"api|web")")).matchers);
    s.endsAtMs = now + 3600000;
    s.comment = QStringLiteral("ACK");
    QCOMPARE(validateSilence(s, now), QString());
}

void TestAlerts::classifiesSuppressedAlerts()
{
    Silence ack;
    ack.id = QStringLiteral("s1");
    ack.comment = QStringLiteral("ACK: on it ") + ackMarker(newAckId(), false);
    Silence maintenance;
    maintenance.id = QStringLiteral("s2");
    maintenance.comment = QStringLiteral("maintenance window");
    const std::vector<Silence> silences{ack, maintenance};
    Alert a = alertWith({{"alertname", "A"}});
    QCOMPARE(classifyAlert(a, silences), AlertState::Firing);
    a.state = AlertState::Pending;
    QCOMPARE(classifyAlert(a, silences), AlertState::Pending);
    a.inhibitedBy = {QStringLiteral("f00")};
    QCOMPARE(classifyAlert(a, silences), AlertState::Inhibited);
    a.silencedBy = {QStringLiteral("s2")};
    QCOMPARE(classifyAlert(a, silences), AlertState::Silenced);
    a.silencedBy = {QStringLiteral("s2"), QStringLiteral("s1")};
    QCOMPARE(classifyAlert(a, silences), AlertState::Acknowledged);
    QCOMPARE(acknowledgementOf(a, silences)->id, QStringLiteral("s1"));
}

void TestAlerts::decodesPrometheusAlertsAndRules()
{
    // Shapes from the Prometheus HTTP API documentation (/api/v1/alerts, /api/v1/rules).
    const QByteArray alerts = R"({"status":"success","data":{"alerts":[
        {"labels":{"alertname":"HighLatency","service":"api","severity":"warning"},"annotations":{"summary":"slow"},
         "state":"pending","activeAt":"2026-11-22T01:00:00.5Z","value":"1.2e-01"},
        {"labels":{"alertname":"ServiceDown","service":"db"},"annotations":{},"state":"firing","activeAt":"2026-11-22T00:59:00Z","value":"0e+00"}]}})";
    const PromAlertsDecode a = decodePrometheusAlerts(alerts, QStringLiteral("prometheus"));
    QVERIFY2(a.ok, qPrintable(a.error));
    QCOMPARE(a.alerts.size(), size_t(2));
    QCOMPARE(a.alerts[0].state, AlertState::Pending);
    QCOMPARE(a.alerts[1].state, AlertState::Firing);
    QCOMPARE(a.alerts[0].startsAtMs, parseRfc3339Ms("2026-11-22T01:00:00.5Z").value());
    QCOMPARE(a.alerts[0].sourceKind, AlertSourceKind::Prometheus);

    const QByteArray rules = R"J({"status":"success","data":{"groups":[{"name":"g","file":"r.yml","rules":[
        {"state":"firing","name":"HighLatency","query":"x > 0.1","duration":20,"labels":{"severity":"warning"},
         "annotations":{},"alerts":[],"health":"ok","lastError":"","type":"alerting"},
        {"name":"job:rate","query":"sum(rate(x[1m]))","health":"ok","type":"recording"},
        {"state":"inactive","name":"Broken","query":"foo(","duration":0,"health":"err","lastError":"parse error","type":"alerting"}]}]}})J";
    const PromAlertsDecode r = decodePrometheusRules(rules);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.rules.size(), size_t(2));
    QCOMPARE(r.rules[0].durationS, 20.0);
    QCOMPARE(r.rules[1].health, QStringLiteral("err"));
    QCOMPARE(r.rules[1].lastError, QStringLiteral("parse error"));

    const PromAlertsDecode e = decodePrometheusAlerts(R"({"status":"error","errorType":"unavailable","error":"not ready"})", {});
    QVERIFY(!e.ok);
    QCOMPARE(e.error, QStringLiteral("unavailable: not ready"));
}

void TestAlerts::mergeShowsAlertOnce()
{
    Alert fromAm = alertWith({{"alertname", "A"}, {"service", "api"}});
    fromAm.source = QStringLiteral("main");
    Alert fromProm = fromAm;
    fromProm.source = QStringLiteral("prometheus");
    fromProm.sourceKind = AlertSourceKind::Prometheus;
    Alert pending = alertWith({{"alertname", "B"}});
    pending.sourceKind = AlertSourceKind::Prometheus;
    pending.state = AlertState::Pending;
    AlertSnapshot am{QStringLiteral("main"), AlertSourceKind::Alertmanager, true, {}, {}, 0, {fromAm}, {}, {}};
    AlertSnapshot prom{QStringLiteral("prometheus"), AlertSourceKind::Prometheus, true, {}, {}, 0, {fromProm, pending}, {}, {}};
    const auto merged = mergeAlerts({am, prom});
    QCOMPARE(merged.size(), size_t(2));
    QCOMPARE(merged[0].source, QStringLiteral("main"));
    QCOMPARE(merged[1].name(), QStringLiteral("B"));
}

void TestAlerts::auditLogAppendsWholeLines()
{
    QTemporaryDir dir;
    const AuditLog log(dir.filePath(QStringLiteral("sub/audit.jsonl")));
    AuditEntry entry;
    entry.operatorName = QStringLiteral("alice");
    entry.profile = QStringLiteral("prod");
    entry.action = QStringLiteral("ack");
    entry.target = QStringLiteral(R"(alertname="A")");
    entry.phase = QStringLiteral("intent");
    entry.client = QStringLiteral("gui");
    QCOMPARE(log.append(entry), QString());
    entry.phase = QStringLiteral("outcome");
    entry.result = QStringLiteral("failed");
    entry.error = QStringLiteral("HTTP 400: bad\nmatcher");
    QCOMPARE(log.append(entry), QString());
    QFile f(log.path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 3);  // two lines and the final newline
    const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(second.value(QStringLiteral("result")).toString(), QStringLiteral("failed"));
    QCOMPARE(second.value(QStringLiteral("error")).toString(), entry.error);
    QVERIFY(parseRfc3339Ms(second.value(QStringLiteral("time")).toString().toStdString()).has_value());
    // A log that cannot be written says so.
    const AuditLog bad(QStringLiteral("/proc/opsdeck-cannot/audit.jsonl"));
    QVERIFY(!bad.append(entry).isEmpty());
}

void TestAlerts::ackSilenceCarriesMarkerAndPrefix()
{
    AckRequest request;
    request.matchers = {{"alertname", "A", false, true}};
    request.comment = QStringLiteral("  disk filling, on it ");
    request.durationMs = 15 * 60 * 1000;
    const Silence s = makeAckSilence(request, QStringLiteral("bob"), 1000);
    QVERIFY(s.comment.startsWith(QLatin1String("ACK: disk filling, on it [opsdeck ack=")));
    QVERIFY(!ackIdOf(s.comment).isEmpty());
    QCOMPARE(s.endsAtMs, 1000 + 15 * 60 * 1000);
    QCOMPARE(s.createdBy, QStringLiteral("bob"));
    request.untilResolved = true;
    const Silence u = makeAckSilence(request, QStringLiteral("bob"), 1000);
    QVERIFY(isUntilResolved(u.comment));
    QCOMPARE(u.endsAtMs, 1000 + untilResolvedSliceMs);
}

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
