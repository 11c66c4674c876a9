// The Docker Engine API's answers as OpsDeck reads them: the container list of
// API 1.41 (Docker 20.10, health only in the Status text) and of today's API
// (Health and the manifest digest in the list), an inspection, the event
// stream's lines, and the multiplexed log stream decoded whatever the split of
// its bytes. Then the containers folded into deployments with a status and a
// reason. Fixtures in tests/data/docker say where their shapes come from.

#include "deploy/deployment.h"
#include "deploy/docker_containers.h"
#include "deploy/docker_rollout.h"
#include "deploy/docker_streams.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace opsdeck;

class TestDockerApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listOfApi141ReadsHealthFromTheStatusText();
    void listOfTodaysApiReadsHealthAndDigest();
    void inspectionAddsRestartsHealthOutputAndTimes();
    void garbageIsAnErrorNotACrash();
    void imageVersion_data();
    void imageVersion();
    void composeServicesAreFoldedWithStatusAndReason();
    void rollingUpdateIsSaidWithBothImages();
    void failedAndStoppedAreTold();
    void recreateBodyKeepsTheConfiguration();
    void eventsAreParsed();
    void lineSplitterJoinsAndCuts();
    void logFramesDecodeWhateverTheSplit();
    void logTimestampsAndTty();
    void logFramingIsDetectedAndGarbageStops();

private:
    static QByteArray fixture(const QString &name);
};

QByteArray TestDockerApi::fixture(const QString &name)
{
    QFile file(QStringLiteral(OPSDECK_SOURCE_DIR "/tests/data/docker/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    const QByteArray all = file.readAll();
    if (!name.endsWith(QLatin1String(".json")))
        return all;
    // {"_source": …, "answer": …}: the answer is what the engine sends.
    const QJsonValue answer = QJsonDocument::fromJson(all).object().value(QStringLiteral("answer"));
    return answer.isArray() ? QJsonDocument(answer.toArray()).toJson() : QJsonDocument(answer.toObject()).toJson();
}

namespace {

const DockerContainer *byName(const QList<DockerContainer> &list, const QString &name)
{
    for (const DockerContainer &c : list) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const Deployment *deployment(const QList<Deployment> &list, const QString &name)
{
    for (const Deployment &d : list) {
        if (d.name == name)
            return &d;
    }
    return nullptr;
}

QByteArray frame(char stream, const QByteArray &payload)
{
    QByteArray out(8, '\0');
    out[0] = stream;
    const quint32 n = quint32(payload.size());
    out[4] = char(n >> 24);
    out[5] = char(n >> 16);
    out[6] = char(n >> 8);
    out[7] = char(n);
    return out + payload;
}

QStringList texts(const QList<LogLine> &lines, LogLine::Stream stream)
{
    QStringList out;
    for (const LogLine &l : lines) {
        if (l.stream == stream)
            out.append(l.text);
    }
    return out;
}

} // namespace

void TestDockerApi::listOfApi141ReadsHealthFromTheStatusText()
{
    const DockerContainerList list = parseDockerContainerList(fixture(QStringLiteral("containers-api-1.41.json")));
    QVERIFY2(list.ok, qPrintable(list.error));
    QCOMPARE(list.containers.size(), 5);
    const DockerContainer *api1 = byName(list.containers, QStringLiteral("shop-api-1"));
    QVERIFY(api1);
    QCOMPARE(api1->health, QStringLiteral("healthy"));
    QCOMPARE(api1->composeProject(), QStringLiteral("shop"));
    QCOMPARE(api1->composeService(), QStringLiteral("api"));
    QCOMPARE(api1->createdMs, 1764950400000LL);
    QCOMPARE(api1->ports.size(), 1);
    QCOMPARE(api1->ports.first().publicPort, 18080);
    QCOMPARE(api1->restartCount, -1);  // the list does not say
    QVERIFY(!api1->inspected);
    QCOMPARE(byName(list.containers, QStringLiteral("shop-api-2"))->health, QStringLiteral("unhealthy"));
    QVERIFY(byName(list.containers, QStringLiteral("shop-api-run-1a2b3c"))->oneOff());
    QCOMPARE(byName(list.containers, QStringLiteral("redis"))->health, QString());
}

void TestDockerApi::listOfTodaysApiReadsHealthAndDigest()
{
    const DockerContainerList list = parseDockerContainerList(fixture(QStringLiteral("containers-api-1.52.json")));
    QVERIFY2(list.ok, qPrintable(list.error));
    QCOMPARE(list.containers.size(), 3);
    const DockerContainer *api1 = byName(list.containers, QStringLiteral("shop-api-1"));
    QCOMPARE(api1->health, QStringLiteral("starting"));
    QCOMPARE(api1->digest, QStringLiteral("sha256:c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"));
    const DockerContainer *db = byName(list.containers, QStringLiteral("shop-db-1"));
    QCOMPARE(db->health, QStringLiteral("none"));
    QCOMPARE(db->state, QStringLiteral("restarting"));
    QCOMPARE(db->digest, QStringLiteral("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
}

void TestDockerApi::inspectionAddsRestartsHealthOutputAndTimes()
{
    const DockerContainerInspection i = parseDockerContainerInspection(fixture(QStringLiteral("inspect-api-1.41.json")));
    QVERIFY2(i.ok, qPrintable(i.error));
    const DockerContainer &c = i.container;
    QVERIFY(c.inspected);
    QCOMPARE(c.name, QStringLiteral("shop-api-2"));
    QCOMPARE(c.image, QStringLiteral("shop/api:1.4.2"));
    QCOMPARE(c.restartCount, 2);
    QCOMPARE(c.health, QStringLiteral("unhealthy"));
    QCOMPARE(c.failingStreak, 3);
    QCOMPARE(c.healthOutput, QStringLiteral("wget: server returned error: HTTP/1.1 503 Service Unavailable"));
    QCOMPARE(c.startedMs, 1796486461500LL);
    QCOMPARE(c.finishedMs, 0LL);  // "0001-01-01T00:00:00Z": never
    QCOMPARE(c.state, QStringLiteral("running"));
    QCOMPARE(c.composeService(), QStringLiteral("api"));
    // Interval 30 s, timeout 5 s, 3 retries, no start period: 3 × 35 s + 30 s.
    QCOMPARE(c.healthWindowMs, 135000LL);
}

void TestDockerApi::garbageIsAnErrorNotACrash()
{
    QVERIFY(!parseDockerContainerList("{\"message\":\"client version 1.99 is too new\"}").ok);
    QVERIFY(!parseDockerContainerList("[{\"Id\": ").ok);
    QVERIFY(!parseDockerContainerInspection("[]").ok);
    // Mistyped fields read as empty; the container is still listed.
    const DockerContainerList odd = parseDockerContainerList(R"([{"Id":"x1","Names":"notalist","Created":"soon","Labels":[1,2],"Ports":{}}])");
    QVERIFY(odd.ok);
    QCOMPARE(odd.containers.size(), 1);
    QCOMPARE(odd.containers.first().createdMs, 0LL);
    QCOMPARE(dockerErrorMessage("{\"message\":\"No such container: x\"}"), QStringLiteral("No such container: x"));
    QCOMPARE(dockerErrorMessage("plain text\nmore"), QStringLiteral("plain text"));
}

void TestDockerApi::imageVersion_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tag") << "shop/api:1.4.2" << "" << "1.4.2";
    QTest::newRow("registry port is not a tag") << "registry.example.com:5000/shop/api" << "" << "d74508fb6632";
    QTest::newRow("registry port and tag") << "registry.example.com:5000/shop/api:2.0" << "" << "2.0";
    QTest::newRow("latest with a label") << "shop/api:latest" << "1.5.0" << "1.5.0";
    QTest::newRow("latest without") << "shop/api:latest" << "" << "latest";
    QTest::newRow("untagged with a label") << "redis" << "7.2.4" << "7.2.4";
    QTest::newRow("by digest") << "postgres@sha256:0123456789abcdef0123" << "" << "0123456789ab";
    QTest::newRow("tag and digest") << "postgres:16@sha256:0123456789abcdef" << "" << "16";
}

void TestDockerApi::imageVersion()
{
    QFETCH(QString, image);
    QFETCH(QString, label);
    QFETCH(QString, expected);
    QMap<QString, QString> labels;
    if (!label.isEmpty())
        labels.insert(QStringLiteral("org.opencontainers.image.version"), label);
    QCOMPARE(opsdeck::imageVersion(image, labels, QStringLiteral("sha256:d74508fb6632491cea586a1fd7d748dfc5274cd6")), expected);
}

void TestDockerApi::composeServicesAreFoldedWithStatusAndReason()
{
    const DockerContainerList list = parseDockerContainerList(fixture(QStringLiteral("containers-api-1.41.json")));
    const QList<Deployment> rows = groupDockerDeployments(list.containers, QStringLiteral("prod"));
    QCOMPARE(rows.size(), 3);  // shop/api, shop/worker, redis; the one-off `compose run` is no replica
    const Deployment *api = deployment(rows, QStringLiteral("shop/api"));
    QVERIFY(api);
    QCOMPARE(api->environment, QStringLiteral("prod"));
    QCOMPARE(api->source, QStringLiteral("docker"));
    QCOMPARE(api->project, QStringLiteral("shop"));
    QCOMPARE(api->service, QStringLiteral("api"));
    QCOMPARE(api->version, QStringLiteral("1.4.2"));
    QCOMPARE(api->desired, 2);
    QCOMPARE(api->running, 2);
    QCOMPARE(api->healthy, 1);
    QCOMPARE(api->status, DeploymentStatus::Degraded);
    QCOMPARE(api->reason, QStringLiteral("1 of 2: unhealthy"));
    QCOMPARE(api->changedMs, 1764950460000LL);
    const Deployment *redis = deployment(rows, QStringLiteral("redis"));
    QVERIFY(redis);
    QCOMPARE(redis->project, QString());
    QCOMPARE(redis->version, QStringLiteral("7.2.4"));
    QCOMPARE(redis->status, DeploymentStatus::Running);
    QVERIFY(redis->reason.isEmpty());
}

void TestDockerApi::rollingUpdateIsSaidWithBothImages()
{
    const DockerContainerList list = parseDockerContainerList(fixture(QStringLiteral("containers-api-1.52.json")));
    const QList<Deployment> rows = groupDockerDeployments(list.containers, QStringLiteral("staging"));
    const Deployment *api = deployment(rows, QStringLiteral("shop/api"));
    QVERIFY(api);
    QCOMPARE(api->status, DeploymentStatus::Rolling);
    QCOMPARE(api->images.size(), 2);
    QCOMPARE(api->reason, QStringLiteral("2 versions: 1.4.2 ×1, 1.4.3 ×1"));
}

void TestDockerApi::failedAndStoppedAreTold()
{
    const QList<Deployment> old = groupDockerDeployments(parseDockerContainerList(fixture(QStringLiteral("containers-api-1.41.json"))).containers, {});
    // The list says "Exited (137)" but only an inspection gives the code: until then, exited.
    const Deployment *worker = deployment(old, QStringLiteral("shop/worker"));
    QCOMPARE(worker->running, 0);
    QCOMPARE(worker->status, DeploymentStatus::Stopped);

    DockerContainer c;
    c.id = QStringLiteral("w1");
    c.name = QStringLiteral("worker");
    c.state = QStringLiteral("exited");
    c.exitCode = 137;
    c.inspected = true;
    QList<Deployment> rows = groupDockerDeployments({c}, {});
    QCOMPARE(rows.first().status, DeploymentStatus::Failed);
    QCOMPARE(rows.first().reason, QStringLiteral("exited with code 137"));
    c.exitCode = 0;
    rows = groupDockerDeployments({c}, {});
    QCOMPARE(rows.first().status, DeploymentStatus::Stopped);

    const QList<Deployment> now = groupDockerDeployments(parseDockerContainerList(fixture(QStringLiteral("containers-api-1.52.json"))).containers, {});
    const Deployment *db = deployment(now, QStringLiteral("shop/db"));
    QCOMPARE(db->status, DeploymentStatus::Failed);
    QCOMPARE(db->reason, QStringLiteral("restarting"));
    QCOMPARE(deploymentStatusKey(db->status), QStringLiteral("failed"));
}

void TestDockerApi::recreateBodyKeepsTheConfiguration()
{
    // The old image's own: its version label, its PATH, its health check (the container kept it as it was).
    const QByteArray image = R"({"Id":"sha256:d745","Config":{"Labels":{"org.opencontainers.image.version":"1.4.2","com.docker.compose.service":"other"},
        "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["--port","9999"]}})";
    QString error;
    const QByteArray body = dockerRecreateBody(fixture(QStringLiteral("inspect-api-1.41.json")), image, QStringLiteral("shop/api:1.4.1"), &error);
    QVERIFY2(!body.isEmpty(), qPrintable(error));
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QCOMPARE(o.value(QStringLiteral("Image")).toString(), QStringLiteral("shop/api:1.4.1"));
    QVERIFY(!o.contains(QStringLiteral("Hostname")));  // on the host's network the engine refuses one
    QCOMPARE(o.value(QStringLiteral("Cmd")).toArray().size(), 2);  // the container's own, not the image's
    QCOMPARE(o.value(QStringLiteral("Healthcheck")).toObject().value(QStringLiteral("Retries")).toInt(), 3);
    QVERIFY(o.value(QStringLiteral("Env")).toArray().isEmpty());  // the image's PATH: the new image brings its own
    QVERIFY(!o.value(QStringLiteral("Labels")).toObject().contains(QStringLiteral("org.opencontainers.image.version")));
    const QJsonObject labels = o.value(QStringLiteral("Labels")).toObject();
    QCOMPARE(labels.value(QStringLiteral("com.docker.compose.service")).toString(), QStringLiteral("api"));  // the container's own, kept
    QCOMPARE(o.value(QStringLiteral("HostConfig")).toObject().value(QStringLiteral("RestartPolicy")).toObject().value(QStringLiteral("Name")).toString(),
             QStringLiteral("unless-stopped"));
    QVERIFY(o.value(QStringLiteral("NetworkingConfig")).toObject().contains(QStringLiteral("EndpointsConfig")));
    QVERIFY(dockerRecreateBody("{oops", {}, QStringLiteral("x"), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestDockerApi::eventsAreParsed()
{
    const QList<QByteArray> lines = fixture(QStringLiteral("events-api-1.41.jsonl")).split('\n');
    QList<DockerEvent> events;
    for (const QByteArray &line : lines) {
        if (auto e = parseDockerEvent(line))
            events.append(*e);
    }
    QCOMPARE(events.size(), 5);  // the _source line is no event
    QCOMPARE(events[0].action, QStringLiteral("create"));
    QCOMPARE(events[0].id, QStringLiteral("aa11"));
    QCOMPARE(events[0].attributes.value(QStringLiteral("com.docker.compose.service")), QStringLiteral("api"));
    QCOMPARE(events[1].timeNano, 1764950400200000000LL);
    QCOMPARE(events[2].action, QStringLiteral("health_status"));
    QCOMPARE(events[2].detail, QStringLiteral("healthy"));
    QCOMPARE(events[3].attributes.value(QStringLiteral("exitCode")), QStringLiteral("137"));
    QCOMPARE(events[4].type, QStringLiteral("network"));
    QVERIFY(!parseDockerEvent("not json"));
    QVERIFY(!parseDockerEvent("[1,2]"));
    // An engine before API 1.22 wrote only status, id and time.
    const auto old = parseDockerEvent(R"({"status":"start","id":"bb22","from":"x:1","time":1764950400})");
    QVERIFY(old);
    QCOMPARE(old->action, QStringLiteral("start"));
    QCOMPARE(old->id, QStringLiteral("bb22"));
    QCOMPARE(old->timeNano, 1764950400000000000LL);
}

void TestDockerApi::lineSplitterJoinsAndCuts()
{
    LineSplitter s(8);
    QCOMPARE(s.feed("ab"), QList<QByteArray>());
    QCOMPARE(s.feed("c\r\nde"), QList<QByteArray>({"abc"}));
    QCOMPARE(s.feed("f\n\n"), QList<QByteArray>({"def", ""}));
    // Longer than 8 bytes: cut, the rest until the newline dropped, counted.
    QCOMPARE(s.feed("0123456789ABCDEF"), QList<QByteArray>({"01234567"}));
    QCOMPARE(s.cutInLastFeed(), QList<qsizetype>({0}));
    QCOMPARE(s.feed("GH\nok\n"), QList<QByteArray>({"ok"}));
    QCOMPARE(s.truncated(), 1);
    QCOMPARE(s.feed("tail"), QList<QByteArray>());
    QCOMPARE(s.flush(), std::optional<QByteArray>("tail"));
    QCOMPARE(s.flush(), std::nullopt);
}

void TestDockerApi::logFramesDecodeWhateverTheSplit()
{
    // stdout and stderr interleaved; an stdout line split across two frames with
    // an stderr frame between them; a multi-byte character split by a frame.
    const QByteArray stream = frame(1, "GET /health 200\nGET /or") + frame(2, "warn: slow query\n") + frame(1, "ders 201\n")
                              + frame(2, "err: \xe6\x95\xb0") + frame(2, "\xe6\x8d\xae\xe5\xba\x93 down\n") + frame(1, QByteArray());
    for (qsizetype step : {qsizetype(1), qsizetype(3), qsizetype(7), qsizetype(8), qsizetype(9), stream.size()}) {
        DockerLogDecoder decoder(DockerLogDecoder::Framing::Multiplexed, false);
        QList<LogLine> lines;
        for (qsizetype at = 0; at < stream.size(); at += step)
            lines += decoder.feed(stream.mid(at, step));
        lines += decoder.flush();
        QVERIFY2(decoder.error().isEmpty(), qPrintable(decoder.error()));
        QCOMPARE(texts(lines, LogLine::Stream::Stdout), QStringList({QStringLiteral("GET /health 200"), QStringLiteral("GET /orders 201")}));
        QCOMPARE(texts(lines, LogLine::Stream::Stderr),
                 QStringList({QStringLiteral("warn: slow query"), QString::fromUtf8("err: 数据库 down")}));
    }
}

void TestDockerApi::logTimestampsAndTty()
{
    DockerLogDecoder stamped(DockerLogDecoder::Framing::Multiplexed, true);
    const QList<LogLine> lines = stamped.feed(frame(1, "2026-12-07T10:00:00.123456789Z started on :8080\n"));
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().timeMs, 1796637600123LL);
    QCOMPARE(lines.first().text, QStringLiteral("started on :8080"));

    // With a TTY the engine sends raw bytes: all of it stdout, no headers to read.
    DockerLogDecoder tty(DockerLogDecoder::Framing::Raw, false);
    const QList<LogLine> raw = tty.feed(QByteArray("\x01\x00 not a header\nsecond\r\n", 24));
    QCOMPARE(raw.size(), 2);
    QCOMPARE(raw.last().text, QStringLiteral("second"));
    QVERIFY(tty.error().isEmpty());

    // A line longer than the bound is cut and marked, and the next one is whole.
    DockerLogDecoder bounded(DockerLogDecoder::Framing::Multiplexed, false, 16);
    const QList<LogLine> cut = bounded.feed(frame(1, QByteArray(100, 'x') + "\nnext\n"));
    QCOMPARE(cut.size(), 2);
    QCOMPARE(cut.first().text.size(), 16);
    QVERIFY(cut.first().truncated);
    QCOMPARE(cut.last().text, QStringLiteral("next"));
    QVERIFY(!cut.last().truncated);
}

void TestDockerApi::logFramingIsDetectedAndGarbageStops()
{
    // Told apart by their first bytes, whatever the split.
    for (const QByteArray &stream : {frame(2, "framed\n"), QByteArray("raw text\n")}) {
        DockerLogDecoder detect(DockerLogDecoder::Framing::Detect, false);
        QList<LogLine> lines;
        for (char byte : stream)
            lines += detect.feed(QByteArray(1, byte));
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first().text, stream.startsWith('\x02') ? QStringLiteral("framed") : QStringLiteral("raw text"));
        QCOMPARE(lines.first().stream, stream.startsWith('\x02') ? LogLine::Stream::Stderr : LogLine::Stream::Stdout);
    }
    DockerLogDecoder decoder(DockerLogDecoder::Framing::Multiplexed, false);
    QVERIFY(decoder.feed("HTTP/1.1 200 OK\r\n").isEmpty());
    QVERIFY(!decoder.error().isEmpty());
    QVERIFY(decoder.feed(frame(1, "late\n")).isEmpty());
}

QTEST_GUILESS_MAIN(TestDockerApi)
#include "tst_docker_api.moc"
