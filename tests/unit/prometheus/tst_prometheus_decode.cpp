// Decoding /api/v1 answers: the documented shapes, Prometheus's errors, and
// malformed bytes (one found by the fuzzer crashed the decoder once).

#include "prometheus/prometheus_api.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace opsdeck;

class TestPrometheusDecode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesDocumentedShapes();
    void reportsPrometheusErrors();
    void refusesMalformedAnswers_data();
    void refusesMalformedAnswers();
    void choosesStepsAndDurations();
    void survivesFuzzerFindings();
};

void TestPrometheusDecode::decodesDocumentedShapes()
{
    // Shapes as the Prometheus HTTP API documentation gives them.
    auto r = decodePrometheusResponse(200, R"({"status":"success","data":{"resultType":"vector","result":[
        {"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"value":[1435781451.781,"1"]},
        {"metric":{"__name__":"up","job":"node","instance":"localhost:9100"},"value":[1435781451.781,"NaN"]}]}})");
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.resultType, QStringLiteral("vector"));
    QCOMPARE(r.series.size(), size_t(2));
    QCOMPARE(r.series[0].points[0].timestampMs, qint64(1435781451781));
    QVERIFY(std::isnan(r.series[1].points[0].value));
    QCOMPARE(r.series[0].metric.front().first, std::string("__name__"));  // sorted labels

    r = decodePrometheusResponse(200, R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"job":"a"},"values":[[1435781430.781,"1"],[1435781445.781,"+Inf"],[1435781460.781,"-1e3"]]}]},
        "warnings":["query hit a limit"]})");
    QVERIFY(r.ok);
    QCOMPARE(r.series[0].points.size(), size_t(3));
    QVERIFY(std::isinf(r.series[0].points[1].value));
    QCOMPARE(r.series[0].points[2].value, -1000.0);
    QCOMPARE(r.warnings, QStringList{QStringLiteral("query hit a limit")});

    r = decodePrometheusResponse(200, R"({"status":"success","data":{"resultType":"scalar","result":[1435781451.781,"2.5"]}})");
    QVERIFY(r.ok);
    QCOMPARE(r.series[0].points[0].value, 2.5);
    r = decodePrometheusResponse(200, R"({"status":"success","data":{"resultType":"string","result":[1435781451.781,"hello"]}})");
    QCOMPARE(r.stringValue, QStringLiteral("hello"));

    r = decodePrometheusResponse(200, R"({"status":"success","data":["__name__","job","instance"]})");
    QCOMPARE(r.names.size(), 3);
    r = decodePrometheusResponse(200, R"({"status":"success","data":[{"__name__":"up","job":"a"},{"__name__":"up","job":"b"}]})");
    QCOMPARE(r.seriesSets.size(), size_t(2));
    r = decodePrometheusResponse(200, R"({"status":"success","data":{"activeTargets":[{"labels":{"job":"a"},
        "scrapeUrl":"http://h:1/metrics","health":"down","lastError":"connection refused","lastScrapeDuration":0.01}],
        "droppedTargets":[]}})");
    QVERIFY(r.ok);
    QCOMPARE(r.targets.size(), size_t(1));
    QCOMPARE(r.targets[0].health, QStringLiteral("down"));
    QCOMPARE(r.targets[0].lastError, QStringLiteral("connection refused"));
}

void TestPrometheusDecode::reportsPrometheusErrors()
{
    const auto r = decodePrometheusResponse(422, R"({"status":"error","errorType":"execution","error":"many-to-many matching not allowed"})");
    QVERIFY(!r.ok);
    QCOMPARE(r.httpStatus, 422);
    QCOMPARE(r.errorType, QStringLiteral("execution"));
    QCOMPARE(r.error, QStringLiteral("many-to-many matching not allowed"));
    const auto unavailable = decodePrometheusResponse(503, "Service Unavailable");
    QVERIFY(!unavailable.ok);
    QVERIFY(unavailable.error.startsWith(QLatin1String("HTTP 503")));
}

void TestPrometheusDecode::refusesMalformedAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("fuzzer crash: & between points")
        << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"a"},"values":[[1700000000.5,"1"]&[1700000015,"NaN"]]}]},"warnings":["w"]})");
    QTest::newRow("truncated") << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,)");
    QTest::newRow("html") << QByteArray("<html><title>Login</title></html>");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("trailing garbage") << QByteArray(R"({"status":"success","data":[]} trailing)");
    QTest::newRow("wrong types") << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":[],"value":{}}]}})");
    QTest::newRow("bad scalar") << QByteArray(R"({"status":"success","data":{"resultType":"scalar","result":[]}})");
}

void TestPrometheusDecode::refusesMalformedAnswers()
{
    QFETCH(QByteArray, body);
    const auto r = decodePrometheusResponse(200, body);
    // Each of these answers is malformed: a lenient read would show the user data
    // that the server never sent, so the decoder must refuse it and say why.
    QVERIFY2(!r.ok, qPrintable(QStringLiteral("accepted %1 series").arg(r.series.size())));
    QVERIFY(r.series.empty());
    QCOMPARE(r.errorType, QStringLiteral("decode"));
    QVERIFY(!r.error.isEmpty());
}

void TestPrometheusDecode::choosesStepsAndDurations()
{
    QCOMPARE(chooseStepSeconds(300, 300), std::int64_t(1));
    QCOMPARE(chooseStepSeconds(3600, 600), std::int64_t(10));
    QCOMPARE(chooseStepSeconds(7 * 86400, 100000), std::int64_t(60));  // 11,000 points at most
    QCOMPARE(parseDurationMs(QStringLiteral("1h30m")), std::int64_t(5400000));
    QCOMPARE(parseDurationMs(QStringLiteral("250ms")), std::int64_t(250));
    QCOMPARE(parseDurationMs(QStringLiteral("7d")), std::int64_t(604800000));
    QCOMPARE(parseDurationMs(QStringLiteral("5 m")), std::int64_t(-1));
    QCOMPARE(parseDurationMs(QStringLiteral("")), std::int64_t(-1));
}

void TestPrometheusDecode::survivesFuzzerFindings()
{
    // Inputs the fuzzer once crashed the decoder with (an uncaught simdjson
    // exception; an iterator used out of order): each must now decode to an error.
    const QDir dir(QStringLiteral(OPSDECK_SOURCE_DIR "/tests/fuzz/regressions/prometheus-api"));
    const QStringList files = dir.entryList(QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto r = decodePrometheusResponse(200, f.readAll());
        QVERIFY2(!r.ok, qPrintable(name));
        QCOMPARE(r.errorType, QStringLiteral("decode"));
    }
}

QTEST_GUILESS_MAIN(TestPrometheusDecode)
#include "tst_prometheus_decode.moc"
