// The last known state on disk: every part written and read back as it was,
// bounded, and a damaged file (corrupt, truncated, another format, another
// part, too large) ignored instead of trusted. The console's part of it (what
// the panels show on a start without a network) is tst_state_keeper.

#include "common/logging.h"
#include "db/database_monitor.h"
#include "state/last_known_state.h"
#include "state/state_codec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace opsdeck;
using Part = LastKnownState::Part;

class TestLastKnownState : public QObject
{
    Q_OBJECT

private:
    QString loggedSoFar() const;
    QTemporaryDir m_logDir;

private Q_SLOTS:
    void initTestCase();
    void healthRoundTrip();
    void alertsRoundTrip();
    void databasesRoundTrip();
    void deploymentsRoundTrip();
    void damagedFilesAreIgnored_data();
    void damagedFilesAreIgnored();
    void overTheBoundIsNotWritten();
    void listsStopAtTheirLimit();
    void hugeNumbersAreLeftOut();
    void profileNamesMakeSafeDistinctFolders();
    void noneKeepsNothing();
    void restoredDatabaseSnapshotSpansNoRate();
};

namespace {

LastKnownState::Loaded saveAndLoad(const LastKnownState &files, Part part, const QJsonValue &payload)
{
    const QString error = files.save(part, payload, 1'765'000'000'000);
    if (!error.isEmpty())
        qFatal("save: %s", qPrintable(error));
    const auto loaded = files.load(part);
    if (!loaded)
        qFatal("load of a file just saved failed");
    return *loaded;
}

ServiceHealth sampleHealth()
{
    ServiceHealth h;
    h.service = QStringLiteral("trading-engine");
    h.status = HealthStatus::Degraded;
    h.reason = QStringLiteral("redis: slow");
    h.version = QStringLiteral("1.4.2");
    h.latencyMs = 37;
    h.components = {{QStringLiteral("database"), HealthStatus::Healthy, QStringLiteral("ok")},
                    {QStringLiteral("redis"), HealthStatus::Degraded, QStringLiteral("slow")}};
    HealthProbe probe;
    probe.kind = HealthProbe::Kind::Readiness;
    probe.url = QUrl(QStringLiteral("http://10.0.0.5:8080/health/ready"));
    probe.verdict.status = HealthStatus::Degraded;
    probe.verdict.reason = QStringLiteral("redis: slow");
    probe.verdict.shape = HealthVerdict::Shape::OpsDeckJson;
    probe.httpStatus = 200;
    probe.latencyMs = 37;
    h.probes = {probe};
    h.checkedAt = QDateTime::fromMSecsSinceEpoch(1'764'999'990'123, Qt::UTC);
    return h;
}

} // namespace

void TestLastKnownState::initTestCase()
{
    // The log file, to check that what is ignored is said.
    LogOptions options;
    options.directory = m_logDir.path();
    options.toStderr = false;
    QVERIFY(initLogging(options).isEmpty());
}

QString TestLastKnownState::loggedSoFar() const
{
    QFile log(m_logDir.filePath(QStringLiteral("opsdeck.log")));
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
}

void TestLastKnownState::healthRoundTrip()
{
    QTemporaryDir dir;
    const LastKnownState files(dir.path());
    const ServiceHealth h = sampleHealth();
    const auto loaded = saveAndLoad(files, Part::Health, state::healthToJson({h}));
    QCOMPARE(loaded.savedAtMs, 1'765'000'000'000);
    const QList<ServiceHealth> back = state::healthFromJson(loaded.payload.toArray());
    QCOMPARE(back.size(), 1);
    const ServiceHealth &b = back.front();
    QCOMPARE(b.service, h.service);
    QCOMPARE(b.status, h.status);
    QCOMPARE(b.reason, h.reason);
    QCOMPARE(b.version, h.version);
    QCOMPARE(b.latencyMs, h.latencyMs);
    QCOMPARE(b.components, h.components);
    QCOMPARE(b.probes.size(), 1);
    QCOMPARE(b.probes[0].kind, HealthProbe::Kind::Readiness);
    QCOMPARE(b.probes[0].url, h.probes[0].url);
    QCOMPARE(b.probes[0].verdict.shape, HealthVerdict::Shape::OpsDeckJson);
    QCOMPARE(b.probes[0].httpStatus, 200);
    QCOMPARE(b.checkedAt, h.checkedAt);
    // Written atomically: no .partial is left beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("health.json")});
}

void TestLastKnownState::alertsRoundTrip()
{
    QTemporaryDir dir;
    const LastKnownState files(dir.path());
    Alert a;
    a.source = QStringLiteral("main");
    a.fingerprint = QStringLiteral("4f1c2a9e0b7d3c55");
    a.labels = {{"alertname", "HighLatency"}, {"service", "trading-engine"}, {"severity", "warning"}};
    a.annotations = {{"summary", "p95 latency above 100 ms"}};
    a.state = AlertState::Acknowledged;
    a.startsAtMs = 1'764'990'000'000;
    a.updatedAtMs = 1'764'999'000'000;
    a.generatorUrl = QStringLiteral("http://prometheus:9090/graph?g0.expr=x");
    a.silencedBy = {QStringLiteral("d1e6")};
    a.receivers = {QStringLiteral("ops")};
    a.groupLabels = {{"alertname", "HighLatency"}};
    Silence s;
    s.id = QStringLiteral("d1e6");
    s.matchers = {{"alertname", "HighLatency", false, true}, {"service", "trading.*", true, true}};
    s.createdBy = QStringLiteral("alice");
    s.comment = QStringLiteral("ACK: looking [opsdeck ack=1]");
    s.state = QStringLiteral("active");
    s.startsAtMs = 1'764'995'000'000;
    s.endsAtMs = 1'765'005'000'000;
    AlertSnapshot snapshot;
    snapshot.source = QStringLiteral("main");
    snapshot.ok = true;
    snapshot.answeredBy = QStringLiteral("http://am-1:9093");
    snapshot.fetchedAtMs = 1'764'999'999'000;
    snapshot.alerts = {a};
    snapshot.silences = {s};
    snapshot.warnings = {QStringLiteral("rule X fails")};

    const auto loaded = saveAndLoad(files, Part::Alerts, state::alertsToJson({snapshot}));
    const QList<AlertSnapshot> back = state::alertsFromJson(loaded.payload.toArray());
    QCOMPARE(back.size(), 1);
    const AlertSnapshot &b = back.front();
    QVERIFY(b.ok);
    QCOMPARE(b.source, snapshot.source);
    QCOMPARE(b.answeredBy, snapshot.answeredBy);
    QCOMPARE(b.fetchedAtMs, snapshot.fetchedAtMs);
    QCOMPARE(b.warnings, snapshot.warnings);
    QCOMPARE(b.alerts.size(), size_t(1));
    const Alert &ba = b.alerts.front();
    QCOMPARE(ba.fingerprint, a.fingerprint);
    QVERIFY(ba.labels == a.labels);
    QVERIFY(ba.annotations == a.annotations);
    QVERIFY(ba.groupLabels == a.groupLabels);
    QCOMPARE(ba.state, AlertState::Acknowledged);
    QCOMPARE(ba.startsAtMs, a.startsAtMs);
    QCOMPARE(ba.updatedAtMs, a.updatedAtMs);
    QCOMPARE(ba.generatorUrl, a.generatorUrl);
    QCOMPARE(ba.silencedBy, a.silencedBy);
    QCOMPARE(ba.receivers, a.receivers);
    QCOMPARE(b.silences.size(), size_t(1));
    const Silence &bs = b.silences.front();
    QCOMPARE(bs.id, s.id);
    QCOMPARE(bs.matchers.size(), size_t(2));
    QCOMPARE(bs.matchers[1].value, std::string("trading.*"));
    QVERIFY(bs.matchers[1].isRegex);
    QCOMPARE(bs.comment, s.comment);
    QCOMPARE(bs.endsAtMs, s.endsAtMs);
    QVERIFY(bs.isActive());
}

void TestLastKnownState::databasesRoundTrip()
{
    QTemporaryDir dir;
    const LastKnownState files(dir.path());
    DatabaseSnapshot s;
    s.database = QStringLiteral("app");
    s.lastGoodAtMs = 1'764'999'998'000;
    s.server.version = QStringLiteral("15.8 (Debian 15.8-0+deb12u1)");
    s.server.versionNum = 150008;
    s.server.maxConnections = 100;
    s.server.commits = 123456789;
    s.server.walPosition = 8.5e9;
    s.server.inRecovery = true;
    PgRates rates;
    rates.commitsPerS = 41.5;
    rates.cacheHitRatio = 0.997;
    s.rates = rates;
    PgSession session;
    session.pid = 4242;
    session.state = QStringLiteral("idle in transaction");
    session.query = QStringLiteral("UPDATE orders SET status = 'paid' WHERE id = $1");
    session.xactStartMs = 1'764'999'000'000;
    session.blockedBy = {4100, 4101};
    s.sessions = {session};
    PgReplica replica;
    replica.name = QStringLiteral("standby-1");
    replica.replayLagS = 2.5;
    s.replicas = {replica};
    PgSlot slot;
    slot.name = QStringLiteral("standby_1");
    slot.active = true;
    slot.retainedBytes = 1.5e6;
    s.replicationSlots = {slot};
    s.statementsState = PgStatementsState::Available;

    const auto loaded = saveAndLoad(files, Part::Databases, state::databasesToJson({s}));
    const QList<DatabaseSnapshot> back = state::databasesFromJson(loaded.payload.toArray());
    QCOMPARE(back.size(), 1);
    const DatabaseSnapshot &b = back.front();
    QCOMPARE(b.database, s.database);
    QCOMPARE(b.lastGoodAtMs, s.lastGoodAtMs);
    QVERIFY(b.hasData());
    QCOMPARE(b.server.version, s.server.version);
    QCOMPARE(b.server.versionNum, 150008);
    QCOMPARE(b.server.commits, s.server.commits);
    QCOMPARE(b.server.walPosition, s.server.walPosition);
    QVERIFY(b.server.inRecovery);
    QVERIFY(b.rates);
    QCOMPARE(b.rates->commitsPerS, 41.5);
    QCOMPARE(b.rates->cacheHitRatio, 0.997);
    QCOMPARE(b.sessions.size(), size_t(1));
    QCOMPARE(b.sessions[0].pid, 4242);
    QCOMPARE(b.sessions[0].query, session.query);
    QCOMPARE(b.sessions[0].blockedBy, (std::vector<int>{4100, 4101}));
    QCOMPARE(b.replicas.size(), size_t(1));
    QCOMPARE(b.replicas[0].replayLagS, 2.5);
    QCOMPARE(b.replicationSlots.size(), size_t(1));
    QCOMPARE(b.replicationSlots[0].retainedBytes, 1.5e6);
    QCOMPARE(b.statementsState, PgStatementsState::Available);
}

void TestLastKnownState::deploymentsRoundTrip()
{
    QTemporaryDir dir;
    const LastKnownState files(dir.path());
    Deployment d;
    d.name = QStringLiteral("shop/api");
    d.environment = QStringLiteral("prod");
    d.source = QStringLiteral("kubernetes");
    d.project = QStringLiteral("shop");
    d.service = QStringLiteral("api");
    d.images = {QStringLiteral("registry/shop/api:1.4.2"), QStringLiteral("registry/shop/api:1.4.1")};
    d.version = QStringLiteral("1.4.2");
    d.desired = 3;
    d.running = 2;
    d.healthy = 2;
    d.status = DeploymentStatus::Rolling;
    d.reason = QStringLiteral("1 of 3 replicas on the old image");
    d.changedMs = 1'764'999'000'000;
    d.revision = 7;
    d.managedBy = QStringLiteral("Argo CD (application shop)");

    const auto loaded = saveAndLoad(files, Part::Deployments, state::deploymentsToJson({d}));
    const QList<Deployment> back = state::deploymentsFromJson(loaded.payload.toArray());
    QCOMPARE(back.size(), 1);
    const Deployment &b = back.front();
    QCOMPARE(b.key(), d.key());
    QCOMPARE(b.images, d.images);
    QCOMPARE(b.version, d.version);
    QCOMPARE(b.desired, 3);
    QCOMPARE(b.running, 2);
    QCOMPARE(b.status, DeploymentStatus::Rolling);
    QCOMPARE(b.reason, d.reason);
    QCOMPARE(b.revision, 7);
    QCOMPARE(b.managedBy, d.managedBy);
}

void TestLastKnownState::damagedFilesAreIgnored_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("logged");
    const QJsonObject good{{QStringLiteral("format"), 1},
                           {QStringLiteral("part"), QStringLiteral("health")},
                           {QStringLiteral("saved_at"), 1'765'000'000'000.0},
                           {QStringLiteral("payload"), QJsonArray()}};
    auto with = [&good](const char *key, const QJsonValue &value) {
        QJsonObject o = good;
        o.insert(QLatin1String(key), value);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    const QByteArray goodBytes = QJsonDocument(good).toJson(QJsonDocument::Compact);
    QTest::newRow("truncated") << goodBytes.left(goodBytes.size() / 2) << QStringLiteral("not valid JSON");
    QTest::newRow("garbage") << QByteArray("\x00\x01\xfe garbage", 12) << QStringLiteral("not valid JSON");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("another format") << with("format", 99) << QStringLiteral("format 99");
    QTest::newRow("another part") << with("part", QStringLiteral("alerts")) << QStringLiteral("holds the part \"alerts\"");
    QTest::newRow("no time") << with("saved_at", 0) << QStringLiteral("no time of saving");
    QTest::newRow("too large") << QByteArray(LastKnownState::maxBytes(Part::Health) + 1, ' ')
                               << QStringLiteral("over its bound");
}

void TestLastKnownState::damagedFilesAreIgnored()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, logged);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("health.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    QVERIFY(!LastKnownState(dir.path()).load(Part::Health));
    const QString log = loggedSoFar();
    const QString line = log.mid(log.lastIndexOf(QStringLiteral("last known state:")));
    QVERIFY2(line.contains(file.fileName() + QStringLiteral(" ignored: ")) && line.contains(logged), qPrintable(line));
    // The payload's own damage: rows that cannot be shown honestly are left out.
    const QJsonArray rows{QJsonObject{{QStringLiteral("service"), QStringLiteral("x")}},  // no time
                          QJsonObject{{QStringLiteral("checked_at"), 1.0}},              // no name
                          QStringLiteral("not an object")};
    QVERIFY(state::healthFromJson(rows).isEmpty());
}

void TestLastKnownState::overTheBoundIsNotWritten()
{
    QTemporaryDir dir;
    const LastKnownState files(dir.path());
    QJsonArray huge;
    const QString line(1024, u'x');
    for (int i = 0; i < 9 * 1024; ++i)
        huge.append(line);
    QVERIFY(files.encode(Part::Alerts, huge, 1).isEmpty());
    QVERIFY(loggedSoFar().contains(QStringLiteral("last known state: alerts is")));
    QVERIFY(files.save(Part::Alerts, huge, 1).isEmpty());  // nothing to write is not an error
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("alerts.json"))));
}

void TestLastKnownState::listsStopAtTheirLimit()
{
    AlertSnapshot snapshot;
    snapshot.source = QStringLiteral("main");
    snapshot.fetchedAtMs = 1;
    snapshot.alerts.resize(state::maxAlertsPerSource + 10);
    const QJsonArray json = state::alertsToJson({snapshot});
    QCOMPARE(json[0].toObject()[QStringLiteral("alerts")].toArray().size(), state::maxAlertsPerSource);
}

void TestLastKnownState::hugeNumbersAreLeftOut()
{
    // A damaged file's numbers out of range are left as they were, never cast (UBSan would stop here).
    const QJsonArray databases{QJsonObject{
        {QStringLiteral("database"), QStringLiteral("app")},
        {QStringLiteral("last_good_at"), 1765000000000.0},
        {QStringLiteral("server"), QJsonObject{{QStringLiteral("max_connections"), 1e300}, {QStringLiteral("commits"), -1e300},
                                               {QStringLiteral("version_num"), 3.5}}},
        {QStringLiteral("sessions"), QJsonArray{QJsonObject{{QStringLiteral("pid"), 4e10}, {QStringLiteral("xmin_age"), 12.0}}}}}};
    const QList<DatabaseSnapshot> back = state::databasesFromJson(databases);
    QCOMPARE(back.size(), 1);
    QCOMPARE(back[0].server.maxConnections, 0);
    QCOMPARE(back[0].server.commits, 0);
    QCOMPARE(back[0].server.versionNum, 0);
    QCOMPARE(back[0].sessions.at(0).pid, 0);
    QCOMPARE(back[0].sessions.at(0).xminAge, 12);
    const QJsonArray health{QJsonObject{{QStringLiteral("service"), QStringLiteral("x")}, {QStringLiteral("checked_at"), 1e300}}};
    QVERIFY(state::healthFromJson(health).isEmpty());  // no usable time: not shown
}

void TestLastKnownState::profileNamesMakeSafeDistinctFolders()
{
    qputenv("OPSDECK_STATE_DIR", "/var/tmp/opsdeck-state-test");
    const QString a = LastKnownState::folderFor(QStringLiteral("prod/eu"));
    const QString b = LastKnownState::folderFor(QStringLiteral("prod_eu"));
    const QString c = LastKnownState::folderFor(QStringLiteral("../../etc"));
    qunsetenv("OPSDECK_STATE_DIR");
    QVERIFY(a != b);
    QVERIFY(a.startsWith(QStringLiteral("/var/tmp/opsdeck-state-test/prod_eu-")));
    QVERIFY(c.startsWith(QStringLiteral("/var/tmp/opsdeck-state-test/")));
    QVERIFY(!c.mid(28).contains(u'/'));
}

void TestLastKnownState::noneKeepsNothing()
{
    qputenv("OPSDECK_STATE_DIR", "none");
    const LastKnownState files(LastKnownState::folderFor(QStringLiteral("demo")));
    qunsetenv("OPSDECK_STATE_DIR");
    QVERIFY(files.folder().isEmpty());
    QVERIFY(files.save(Part::Health, QJsonArray(), 1).isEmpty());
    QVERIFY(!files.load(Part::Health));
}

void TestLastKnownState::restoredDatabaseSnapshotSpansNoRate()
{
    // A monitor of a server that is not there: the restored picture stays, marked,
    // and the live failure is said beside it.
    DatabaseConfig config;
    config.name = QStringLiteral("app");
    config.host = QStringLiteral("127.0.0.1");
    config.port = 1;  // nothing listens
    config.dbname = QStringLiteral("app");
    config.user = QStringLiteral("ops");
    DatabaseMonitor monitor(config, 200);
    DatabaseSnapshot old;
    old.database = QStringLiteral("app");
    old.lastGoodAtMs = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
    old.server.commits = 1000;
    PgRates rates;
    rates.commitsPerS = 5;
    old.rates = rates;
    monitor.restore(old);
    QVERIFY(monitor.snapshot().restored);
    QVERIFY(monitor.snapshot().hasData());
    QVERIFY(monitor.snapshot().isStale(QDateTime::currentMSecsSinceEpoch(), monitor.intervalMs()));
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(!monitor.snapshot().error.isEmpty(), 10000);
    QVERIFY(monitor.snapshot().hasData());          // the picture is kept
    QCOMPARE(monitor.snapshot().server.commits, 1000);
    QVERIFY(!monitor.snapshot().rates);             // no rate spans the outage
    // Once the live poll has spoken, a late restore changes nothing.
    old.server.commits = 2000;
    monitor.restore(old);
    QCOMPARE(monitor.snapshot().server.commits, 1000);
}

QTEST_GUILESS_MAIN(TestLastKnownState)
#include "tst_last_known_state.moc"
