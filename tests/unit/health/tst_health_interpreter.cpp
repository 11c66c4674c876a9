// Every shape of health answer real services give, and the broken ones.

#include "health/health_interpreter.h"

#include <QTest>

using namespace opsdeck;


namespace {

const HealthComponent *component(const HealthVerdict &v, const QString &name)
{
    for (const HealthComponent &c : v.components) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

} // namespace

class TestHealthInterpreter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void interpretsShapes_data();
    void interpretsShapes();
    void readsVersionAndComponents();
    void refusesFiftyMegabytes();
    void survivesDeepNesting();
    void mapsTransportFailures();
    void knowsStatusWords();
};

void TestHealthInterpreter::interpretsShapes_data()
{
    QTest::addColumn<int>("http");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<HealthStatus>("status");
    QTest::addColumn<QString>("reasonContains");

    // The users' own JSON.
    QTest::newRow("users healthy") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"healthy","database":"ok","redis":"ok","version":"1.4.2"})")
        << HealthStatus::Healthy << QStringLiteral("database ok · redis ok");
    QTest::newRow("users unhealthy 503") << 503 << QByteArray("application/json")
        << QByteArray(R"({"status":"unhealthy","database":"error","redis":"ok"})")
        << HealthStatus::Down << QStringLiteral("database: error");
    QTest::newRow("users degraded") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"degraded","redis":"timeout"})")
        << HealthStatus::Degraded << QStringLiteral("redis: timeout");
    QTest::newRow("healthy but a component fails") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"healthy","database":"ok","redis":"down"})")
        << HealthStatus::Degraded << QStringLiteral("redis: down");
    QTest::newRow("components only") << 200 << QByteArray("application/json")
        << QByteArray(R"({"database":"ok","cache":"error"})")
        << HealthStatus::Down << QStringLiteral("cache: error");
    QTest::newRow("nested checks of words") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"ok","checks":{"db":"ok","queue":"ok"}})")
        << HealthStatus::Healthy << QStringLiteral("db ok · queue ok");
    QTest::newRow("body says healthy, HTTP 500") << 500 << QByteArray("application/json")
        << QByteArray(R"({"status":"healthy"})")
        << HealthStatus::Down << QStringLiteral("HTTP 500");
    QTest::newRow("unknown status word") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"sparkly"})")
        << HealthStatus::Unknown << QStringLiteral("unrecognised status \"sparkly\"");

    // Spring Boot Actuator.
    QTest::newRow("spring up") << 200 << QByteArray("application/vnd.spring-boot.actuator.v3+json")
        << QByteArray(R"({"status":"UP","components":{"db":{"status":"UP","details":{"database":"PostgreSQL"}},"diskSpace":{"status":"UP"}}})")
        << HealthStatus::Healthy << QStringLiteral("db UP · diskSpace UP");
    QTest::newRow("spring down") << 503 << QByteArray("application/json")
        << QByteArray(R"({"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"Connection refused"}}}})")
        << HealthStatus::Down << QStringLiteral("db: DOWN: Connection refused");
    QTest::newRow("spring out of service") << 503 << QByteArray("application/json")
        << QByteArray(R"({"status":"OUT_OF_SERVICE"})")
        << HealthStatus::Down << QStringLiteral("OUT_OF_SERVICE");
    QTest::newRow("spring unknown") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"UNKNOWN"})")
        << HealthStatus::Unknown << QStringLiteral("UNKNOWN");
    QTest::newRow("spring 1.x details") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"UP","details":{"redis":{"status":"DOWN"}}})")
        << HealthStatus::Degraded << QStringLiteral("redis: DOWN");

    // IETF application/health+json.
    QTest::newRow("health+json pass") << 200 << QByteArray("application/health+json")
        << QByteArray(R"({"status":"pass","version":"1","releaseId":"1.2.2","checks":{"cassandra:responseTime":[{"componentId":"dfd6cf2b","status":"pass","observedValue":250,"observedUnit":"ms"}]}})")
        << HealthStatus::Healthy << QStringLiteral("cassandra:responseTime pass");
    QTest::newRow("health+json warn") << 200 << QByteArray("application/health+json")
        << QByteArray(R"({"status":"warn","checks":{"disk:utilization":[{"status":"warn","output":"disk 91% full"}]}})")
        << HealthStatus::Degraded << QStringLiteral("disk 91% full");
    QTest::newRow("health+json fail") << 503 << QByteArray("application/health+json")
        << QByteArray(R"({"status":"fail","output":"cannot reach the ledger","checks":{}})")
        << HealthStatus::Down << QStringLiteral("cannot reach the ledger");

    // Text and bare status.
    QTest::newRow("plain ok") << 200 << QByteArray("text/plain") << QByteArray("ok\n")
        << HealthStatus::Healthy << QStringLiteral("ok");
    QTest::newRow("plain OK upper") << 200 << QByteArray("text/plain") << QByteArray("OK")
        << HealthStatus::Healthy << QStringLiteral("OK");
    QTest::newRow("plain other text 200") << 200 << QByteArray("text/plain") << QByteArray("I'm alive")
        << HealthStatus::Healthy << QStringLiteral("I'm alive");
    QTest::newRow("plain ok but 503") << 503 << QByteArray("text/plain") << QByteArray("ok")
        << HealthStatus::Down << QStringLiteral("HTTP 503");
    QTest::newRow("empty 200") << 200 << QByteArray() << QByteArray()
        << HealthStatus::Healthy << QStringLiteral("empty body");
    QTest::newRow("empty 204") << 204 << QByteArray() << QByteArray()
        << HealthStatus::Healthy << QStringLiteral("HTTP 204");
    QTest::newRow("empty 503") << 503 << QByteArray() << QByteArray()
        << HealthStatus::Down << QStringLiteral("HTTP 503");
    QTest::newRow("404") << 404 << QByteArray("text/plain") << QByteArray("404 page not found")
        << HealthStatus::Unknown << QStringLiteral("HTTP 404");
    QTest::newRow("429") << 429 << QByteArray() << QByteArray()
        << HealthStatus::Degraded << QStringLiteral("HTTP 429");

    // Broken answers.
    QTest::newRow("truncated json") << 200 << QByteArray("application/json")
        << QByteArray(R"({"status":"healthy","datab)")
        << HealthStatus::Unknown << QStringLiteral("invalid JSON (truncated?)");
    QTest::newRow("truncated json 503") << 503 << QByteArray("application/json")
        << QByteArray(R"({"status":)") << HealthStatus::Down << QStringLiteral("HTTP 503");
    QTest::newRow("html error page") << 502 << QByteArray("text/html")
        << QByteArray("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>")
        << HealthStatus::Down << QStringLiteral("502 Bad Gateway");
    QTest::newRow("html login page 200") << 200 << QByteArray("text/html")
        << QByteArray("<!DOCTYPE html><html><title>Sign in</title></html>")
        << HealthStatus::Unknown << QStringLiteral("Sign in");
    QTest::newRow("binary garbage") << 200 << QByteArray("application/octet-stream")
        << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe", 18)
        << HealthStatus::Unknown << QStringLiteral("binary");
    QTest::newRow("invalid utf-8") << 200 << QByteArray("application/json")
        << QByteArray("{\"status\":\"ok\xc3\x28\"}")
        << HealthStatus::Unknown << QStringLiteral("binary");
    QTest::newRow("json array") << 200 << QByteArray("application/json") << QByteArray("[1,2]")
        << HealthStatus::Healthy << QStringLiteral("without a status");
    QTest::newRow("json without status") << 503 << QByteArray("application/json")
        << QByteArray(R"({"uptime":5})") << HealthStatus::Down << QStringLiteral("HTTP 503");
}

void TestHealthInterpreter::interpretsShapes()
{
    QFETCH(int, http);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, body);
    QFETCH(HealthStatus, status);
    QFETCH(QString, reasonContains);
    const HealthVerdict v = interpretHealth(http, type, body);
    QVERIFY2(v.status == status, qPrintable(QStringLiteral("got %1 (%2)").arg(healthStatusKey(v.status), v.reason)));
    QVERIFY2(v.reason.contains(reasonContains), qPrintable(v.reason));
    QVERIFY(v.reason.size() <= 160);
}

void TestHealthInterpreter::readsVersionAndComponents()
{
    const auto users = interpretHealth(200, "application/json",
                                       R"({"status":"healthy","database":"ok","redis":"ok","version":"1.4.2","uptime_seconds":3})");
    QCOMPARE(users.version, QStringLiteral("1.4.2"));
    QCOMPARE(users.shape, HealthVerdict::Shape::OpsDeckJson);
    QCOMPARE(users.components.size(), 2);
    QVERIFY(component(users, QStringLiteral("database")));
    QVERIFY(!component(users, QStringLiteral("uptime_seconds")));

    const auto spring = interpretHealth(200, "application/json",
        R"({"status":"UP","components":{"db":{"status":"UP","components":{"primary":{"status":"UP"},"replica":{"status":"DOWN"}}}}})");
    QCOMPARE(spring.shape, HealthVerdict::Shape::SpringActuator);
    QVERIFY(component(spring, QStringLiteral("db/replica")));
    QCOMPARE(component(spring, QStringLiteral("db/replica"))->status, HealthStatus::Down);
    QCOMPARE(spring.status, HealthStatus::Degraded);

    const auto ietf = interpretHealth(200, "application/health+json",
        R"({"status":"pass","releaseId":"2.7.0","checks":{"db:connections":[{"componentId":"a","status":"pass"},{"componentId":"b","status":"warn"}]}})");
    QCOMPARE(ietf.shape, HealthVerdict::Shape::HealthJson);
    QCOMPARE(ietf.version, QStringLiteral("2.7.0"));
    QCOMPARE(ietf.components.size(), 2);
    QVERIFY(component(ietf, QStringLiteral("db:connections[b]")));
    QCOMPARE(ietf.status, HealthStatus::Degraded);
}

void TestHealthInterpreter::refusesFiftyMegabytes()
{
    const QByteArray big(50 * 1024 * 1024, 'a');
    const HealthVerdict v = interpretHealth(200, "application/json", big);
    QCOMPARE(v.status, HealthStatus::Unknown);
    QVERIFY(v.reason.contains(QLatin1String("too large")));
}

void TestHealthInterpreter::survivesDeepNesting()
{
    QByteArray deep = "{\"status\":\"UP\",\"components\":";
    for (int i = 0; i < 5000; ++i)
        deep += "{\"a\":";
    deep += "1";
    for (int i = 0; i < 5000; ++i)
        deep += "}";
    deep += "}";
    const HealthVerdict v = interpretHealth(200, "application/json", deep);
    QVERIFY(v.status == HealthStatus::Healthy || v.status == HealthStatus::Unknown);
}

void TestHealthInterpreter::mapsTransportFailures()
{
    HttpResponse refused;
    refused.error = HttpError::ConnectionRefused;
    refused.errorMessage = QStringLiteral("cannot connect: Connection refused");
    QCOMPARE(interpretHealthResponse(refused).status, HealthStatus::Unreachable);
    QCOMPARE(interpretHealthResponse(refused).reason, refused.errorMessage);

    HttpResponse timeout;
    timeout.error = HttpError::Timeout;
    QCOMPARE(interpretHealthResponse(timeout).status, HealthStatus::Unreachable);

    HttpResponse huge;
    huge.error = HttpError::BodyTooLarge;
    huge.status = 200;
    QCOMPARE(interpretHealthResponse(huge).status, HealthStatus::Unknown);
}

void TestHealthInterpreter::knowsStatusWords()
{
    HealthStatus s;
    QVERIFY(healthStatusFromWord(u"UP", &s));
    QCOMPARE(s, HealthStatus::Healthy);
    QVERIFY(healthStatusFromWord(u" Warn ", &s));
    QCOMPARE(s, HealthStatus::Degraded);
    QVERIFY(healthStatusFromWord(u"OUT_OF_SERVICE", &s));
    QCOMPARE(s, HealthStatus::Down);
    QVERIFY(!healthStatusFromWord(u"banana", &s));
}

QTEST_GUILESS_MAIN(TestHealthInterpreter)
#include "tst_health_interpreter.moc"
