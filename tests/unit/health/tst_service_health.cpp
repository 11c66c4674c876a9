#include "health/service_health.h"

#include <QTest>

using namespace opsdeck;

namespace {

HealthProbe probe(HealthProbe::Kind kind, HealthStatus status, const QString &reason, qint64 latency = 5)
{
    HealthProbe p;
    p.kind = kind;
    p.verdict.status = status;
    p.verdict.reason = reason;
    p.latencyMs = latency;
    return p;
}

} // namespace

class TestServiceHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mainProbeDecides();
    void failingReadinessDegrades();
    void failingLivenessIsDown();
    void worseMainKeepsItsReason();
    void noProbesIsUnknown();
};

void TestServiceHealth::mainProbeDecides()
{
    auto main = probe(HealthProbe::Kind::Health, HealthStatus::Healthy, QStringLiteral("healthy"), 7);
    main.verdict.version = QStringLiteral("1.4.2");
    const auto h = combineProbes(QStringLiteral("api"), {main, probe(HealthProbe::Kind::Liveness, HealthStatus::Healthy, QStringLiteral("ok"), 12)},
                                 QDateTime::currentDateTimeUtc());
    QCOMPARE(h.status, HealthStatus::Healthy);
    QCOMPARE(h.version, QStringLiteral("1.4.2"));
    QCOMPARE(h.latencyMs, 12);
    QCOMPARE(h.components.size(), 1);
    QCOMPARE(h.components[0].name, QStringLiteral("live"));
}

void TestServiceHealth::failingReadinessDegrades()
{
    const auto h = combineProbes(QStringLiteral("api"),
                                 {probe(HealthProbe::Kind::Health, HealthStatus::Healthy, QStringLiteral("healthy")),
                                  probe(HealthProbe::Kind::Readiness, HealthStatus::Down, QStringLiteral("HTTP 503"))},
                                 QDateTime::currentDateTimeUtc());
    QCOMPARE(h.status, HealthStatus::Degraded);
    QCOMPARE(h.reason, QStringLiteral("not ready: HTTP 503"));
}

void TestServiceHealth::failingLivenessIsDown()
{
    const auto h = combineProbes(QStringLiteral("api"),
                                 {probe(HealthProbe::Kind::Health, HealthStatus::Healthy, QStringLiteral("healthy")),
                                  probe(HealthProbe::Kind::Liveness, HealthStatus::Down, QStringLiteral("HTTP 500"))},
                                 QDateTime::currentDateTimeUtc());
    QCOMPARE(h.status, HealthStatus::Down);
    QVERIFY(h.reason.startsWith(QLatin1String("liveness failed")));
}

void TestServiceHealth::worseMainKeepsItsReason()
{
    const auto h = combineProbes(QStringLiteral("api"),
                                 {probe(HealthProbe::Kind::Health, HealthStatus::Unreachable, QStringLiteral("refused")),
                                  probe(HealthProbe::Kind::Readiness, HealthStatus::Unreachable, QStringLiteral("refused"))},
                                 QDateTime::currentDateTimeUtc());
    QCOMPARE(h.status, HealthStatus::Unreachable);
    QCOMPARE(h.reason, QStringLiteral("refused"));
}

void TestServiceHealth::noProbesIsUnknown()
{
    QCOMPARE(combineProbes(QStringLiteral("x"), {}, QDateTime()).status, HealthStatus::Unknown);
}

QTEST_GUILESS_MAIN(TestServiceHealth)
#include "tst_service_health.moc"
