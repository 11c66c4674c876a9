#include "database_health.h"

#include "db/activity_summary.h"

#include <cmath>

namespace opsdeck {

QString databaseHealthName(const QString &database)
{
    return QStringLiteral("db/") + database;
}

ServiceHealth databaseHealth(const DatabaseSnapshot &s)
{
    ServiceHealth h;
    h.service = databaseHealthName(s.database);
    h.checkedAt = QDateTime::fromMSecsSinceEpoch(s.attemptedAtMs, Qt::UTC);
    if (!s.error.isEmpty()) {
        // The poll could not be made: connection refused, authentication, a timeout.
        h.status = HealthStatus::Unreachable;
        h.reason = s.error;
        return h;
    }
    const PgServerSample &server = s.server;
    h.version = server.version.section(u' ', 0, 0);
    h.latencyMs = std::llround(server.pingMs);
    const pg::ActivitySummary a = pg::summarizeActivity(s.sessions, server.serverTimeMs);
    const QString role = server.inRecovery ? QStringLiteral("standby") : QStringLiteral("primary");
    h.components << HealthComponent{QStringLiteral("role"), HealthStatus::Healthy, server.readOnly ? role + QStringLiteral(", read-only") : role};
    const bool nearlyFull = server.maxConnections > 0 && a.total * 10 >= server.maxConnections * 9;
    h.components << HealthComponent{QStringLiteral("connections"), nearlyFull ? HealthStatus::Degraded : HealthStatus::Healthy,
                                    QStringLiteral("%1 of %2").arg(a.total).arg(server.maxConnections)};
    h.status = nearlyFull ? HealthStatus::Degraded : HealthStatus::Healthy;
    h.reason = nearlyFull ? QStringLiteral("connections %1 of %2").arg(a.total).arg(server.maxConnections)
                          : QStringLiteral("%1 · SELECT 1 in %2 ms").arg(role).arg(server.pingMs, 0, 'f', 1);
    return h;
}

} // namespace opsdeck
