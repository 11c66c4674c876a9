#pragma once

#include <QMetaType>
#include <QString>

namespace opsdeck {

// The five states the console reports for anything with a health endpoint.
// Ordered from best to worst so that "the worse of two" is a plain max().
enum class HealthStatus {
    Healthy = 0,
    Unknown = 1,      // answered, but we cannot tell (HTML page, garbage, 404)
    Degraded = 2,
    Down = 3,         // answered and says it is not serving
    Unreachable = 4,  // did not answer at all
};

QString healthStatusKey(HealthStatus status);  // "healthy", "degraded", ... (stable, for JSON)
bool healthStatusFromKey(const QString &key, HealthStatus *status);
HealthStatus worse(HealthStatus a, HealthStatus b);
// Whether a status means the service needs a human (down or unreachable).
bool isFailing(HealthStatus status);

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::HealthStatus)
