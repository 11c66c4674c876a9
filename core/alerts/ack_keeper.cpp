#include "alerts/ack_keeper.h"

#include "alerts/ack_rules.h"
#include "alerts/alert_actions.h"
#include "alerts/silence_matchers.h"

#include <algorithm>

namespace opsdeck {

AckKeeper::AckKeeper(AlertActions *actions, QObject *parent)
    : QObject(parent),
      m_actions(actions),
      m_sliceMs(untilResolvedSliceMs),
      m_renewBeforeMs(untilResolvedSliceMs / 3),
      m_graceMs(2 * 60 * 1000)
{
    connect(m_actions, &AlertActions::finished, this, &AckKeeper::onFinished);
}

void AckKeeper::setTiming(qint64 sliceMs, qint64 renewBeforeMs, qint64 graceMs)
{
    m_sliceMs = sliceMs;
    m_renewBeforeMs = renewBeforeMs;
    m_graceMs = graceMs;
}

void AckKeeper::review(AlertmanagerClient *alertmanager, const AlertSnapshot &snapshot, qint64 nowMs)
{
    if (!snapshot.ok || m_actions->profile().readOnly)
        return;
    for (const Silence &silence : snapshot.silences) {
        if (!silence.isActive() || !isUntilResolved(silence.comment))
            continue;
        const bool busy = std::any_of(m_inFlight.cbegin(), m_inFlight.cend(), [&](const Busy &b) { return b.silenceId == silence.id; });
        if (busy)
            continue;
        QString error;
        const auto matchers = toLabelMatchers(silence.matchers, &error);
        const bool stillFiring = std::any_of(snapshot.alerts.begin(), snapshot.alerts.end(),
                                             [&](const Alert &a) { return silenceMatches(matchers, a); });
        if (stillFiring) {
            if (silence.endsAtMs - nowMs >= m_renewBeforeMs)
                continue;
            const QString action = QStringLiteral("ack-extend");
            m_inFlight.insert(m_actions->extendSilence(alertmanager, silence, nowMs + m_sliceMs, action), Busy{silence.id, action});
        } else if (nowMs - silence.startsAtMs >= m_graceMs) {
            const QString action = QStringLiteral("ack-expire-resolved");
            m_inFlight.insert(m_actions->expireSilence(alertmanager, silence.id, action), Busy{silence.id, action});
        }
    }
}

void AckKeeper::onFinished(quint64 operation, const ActionOutcome &outcome)
{
    const auto it = m_inFlight.find(operation);
    if (it == m_inFlight.end())
        return;
    const Busy busy = *it;
    m_inFlight.erase(it);
    Q_EMIT acted(busy.silenceId, busy.action, outcome.ok, outcome.error);
}

} // namespace opsdeck
