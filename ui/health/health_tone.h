#pragma once

#include "badge_tone.h"
#include "health/health_status.h"

namespace opsdeck {

// The one place where a health status gets its colour.
inline BadgeTone toneFor(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Healthy: return BadgeTone::Good;
    case HealthStatus::Degraded: return BadgeTone::Warning;
    case HealthStatus::Down: return BadgeTone::Bad;
    case HealthStatus::Unreachable: return BadgeTone::Critical;
    case HealthStatus::Unknown: break;
    }
    return BadgeTone::Muted;
}

} // namespace opsdeck
