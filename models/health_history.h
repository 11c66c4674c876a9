#pragma once

#include "health/health_status.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace opsdeck {

struct HealthTransition {
    QDateTime at;
    HealthStatus from = HealthStatus::Unknown;
    HealthStatus to = HealthStatus::Unknown;
    QString reason;
};

// The status changes of one service, newest last, bounded. Knows whether the
// service is flapping: too many changes in a short window.
class HealthHistory
{
public:
    static constexpr int maxTransitions = 500;
    static constexpr int flapThreshold = 4;      // changes...
    static constexpr int flapWindowSeconds = 600;  // ...within ten minutes

    // Records an observation; returns true when the status changed. The first
    // observation is the baseline, not a change.
    bool observe(const QDateTime &at, HealthStatus status, const QString &reason);

    bool hasObservation() const { return m_hasObservation; }
    HealthStatus current() const { return m_current; }
    const QList<HealthTransition> &transitions() const { return m_transitions; }
    bool isFlapping(const QDateTime &now) const;
    // When the current status began (the last change, or the first observation).
    QDateTime since() const { return m_since; }

private:
    QList<HealthTransition> m_transitions;
    HealthStatus m_current = HealthStatus::Unknown;
    QDateTime m_since;
    bool m_hasObservation = false;
};

} // namespace opsdeck
