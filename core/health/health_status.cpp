#include "health/health_status.h"

#include <algorithm>

namespace opsdeck {

QString healthStatusKey(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy: return QStringLiteral("healthy");
    case HealthStatus::Degraded: return QStringLiteral("degraded");
    case HealthStatus::Down: return QStringLiteral("down");
    case HealthStatus::Unreachable: return QStringLiteral("unreachable");
    case HealthStatus::Unknown: break;
    }
    return QStringLiteral("unknown");
}

bool healthStatusFromKey(const QString &key, HealthStatus *status)
{
    for (auto s : {HealthStatus::Healthy, HealthStatus::Unknown, HealthStatus::Degraded,
                   HealthStatus::Down, HealthStatus::Unreachable}) {
        if (healthStatusKey(s) == key) {
            *status = s;
            return true;
        }
    }
    return false;
}

HealthStatus worse(HealthStatus a, HealthStatus b)
{
    return static_cast<HealthStatus>(std::max(static_cast<int>(a), static_cast<int>(b)));
}

bool isFailing(HealthStatus status)
{
    return status == HealthStatus::Down || status == HealthStatus::Unreachable;
}

} // namespace opsdeck
