#pragma once

// Keeps "until resolved" acknowledgements honest. Such an ack is a silence of
// bounded length (one slice, an hour by default) whose comment carries the
// until-resolved marker. On every poll of its Alertmanager the keeper extends
// the silence while an alert it matches still fires, and expires it once none
// does. A console that closes therefore leaves at most one slice behind, and
// any console running the profile keeps the ack alive.

#include "alerts/alerts.h"

#include <QHash>
#include <QObject>

namespace opsdeck {

class AlertActions;
class AlertmanagerClient;
struct ActionOutcome;

class AckKeeper : public QObject
{
    Q_OBJECT
public:
    explicit AckKeeper(AlertActions *actions, QObject *parent = nullptr);

    // sliceMs: how far each extension reaches; renewBeforeMs: extend when less
    // than this is left; graceMs: a silence younger than this is never expired
    // for matching nothing (its alert may not have reached the Alertmanager yet).
    void setTiming(qint64 sliceMs, qint64 renewBeforeMs, qint64 graceMs);

    // Looks at one good snapshot of that Alertmanager and acts on what it finds.
    void review(AlertmanagerClient *alertmanager, const AlertSnapshot &snapshot, qint64 nowMs);

Q_SIGNALS:
    void acted(const QString &silenceId, const QString &action, bool ok, const QString &error);

private:
    void onFinished(quint64 operation, const ActionOutcome &outcome);

    AlertActions *m_actions;
    qint64 m_sliceMs;
    qint64 m_renewBeforeMs;
    qint64 m_graceMs;
    struct Busy {
        QString silenceId;
        QString action;
    };
    QHash<quint64, Busy> m_inFlight;  // our operations, so one silence is never acted on twice at once
};

} // namespace opsdeck
