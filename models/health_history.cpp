#include "health_history.h"

namespace opsdeck {

bool HealthHistory::observe(const QDateTime &at, HealthStatus status, const QString &reason)
{
    if (!m_hasObservation) {
        m_hasObservation = true;
        m_current = status;
        m_since = at;
        return false;
    }
    if (status == m_current)
        return false;
    m_transitions.append({at, m_current, status, reason});
    if (m_transitions.size() > maxTransitions)
        m_transitions.removeFirst();
    m_current = status;
    m_since = at;
    return true;
}

bool HealthHistory::isFlapping(const QDateTime &now) const
{
    const QDateTime windowStart = now.addSecs(-flapWindowSeconds);
    int recent = 0;
    for (auto it = m_transitions.crbegin(); it != m_transitions.crend() && it->at >= windowStart; ++it)
        ++recent;
    return recent >= flapThreshold;
}

} // namespace opsdeck
