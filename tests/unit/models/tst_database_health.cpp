// A database as a Health row: healthy with its role and SELECT 1 latency,
// degraded when connections near max_connections, unreachable with the
// poll's error.

#include "database_health.h"

#include <QTest>

using namespace opsdeck;

class TestDatabaseHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthyPrimary();
    void nearlyFullIsDegraded();
    void failedPollIsUnreachable();
};

namespace {

DatabaseSnapshot snapshot(int clients, int maxConnections)
{
    DatabaseSnapshot s;
    s.database = QStringLiteral("app");
    s.attemptedAtMs = s.lastGoodAtMs = 1'700'000'000'000;
    s.server.serverTimeMs = s.attemptedAtMs;
    s.server.version = QStringLiteral("15.18 (Debian 15.18-0+deb12u1)");
    s.server.maxConnections = maxConnections;
    s.server.pingMs = 0.42;
    for (int i = 0; i < clients; ++i) {
        PgSession session;
        session.pid = 100 + i;
        session.backendType = QStringLiteral("client backend");
        session.state = QStringLiteral("idle");
        s.sessions.push_back(session);
    }
    return s;
}

} // namespace

void TestDatabaseHealth::healthyPrimary()
{
    const ServiceHealth h = databaseHealth(snapshot(5, 100));
    QCOMPARE(h.service, QStringLiteral("db/app"));
    QCOMPARE(h.status, HealthStatus::Healthy);
    QCOMPARE(h.version, QStringLiteral("15.18"));
    QCOMPARE(h.latencyMs, 0);
    QVERIFY(h.reason.contains(QStringLiteral("primary")));
    QCOMPARE(h.components.size(), 2);
    QCOMPARE(h.components[1].detail, QStringLiteral("5 of 100"));
}

void TestDatabaseHealth::nearlyFullIsDegraded()
{
    const ServiceHealth h = databaseHealth(snapshot(91, 100));
    QCOMPARE(h.status, HealthStatus::Degraded);
    QVERIFY(h.reason.contains(QStringLiteral("91 of 100")));
}

void TestDatabaseHealth::failedPollIsUnreachable()
{
    DatabaseSnapshot s = snapshot(5, 100);
    s.error = QStringLiteral("database app: connection refused");
    const ServiceHealth h = databaseHealth(s);
    QCOMPARE(h.status, HealthStatus::Unreachable);
    QCOMPARE(h.reason, s.error);
}

QTEST_GUILESS_MAIN(TestDatabaseHealth)
#include "tst_database_health.moc"
