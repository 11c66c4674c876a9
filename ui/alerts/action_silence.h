#pragma once

// Alerts silenced in Alertmanager for as long as an operator action runs (a
// restore, a rollout), so that what the action is expected to cause pages
// nobody: created as the action starts, on the profile's first Alertmanager (a
// cluster shares its silences), bounded to four hours in case the console
// dies first, and expired as soon as the action ends, even when Alertmanager
// answers after the action is over. What happened is said in one line.

#include "alerts/silence_matchers.h"

#include <QObject>
#include <QPointer>

#include <vector>

namespace opsdeck {

struct ActionOutcome;
class ProfileSession;

class ActionSilence : public QObject
{
    Q_OBJECT
public:
    explicit ActionSilence(QObject *parent = nullptr);

    void setSession(ProfileSession *session);
    // Whether the profile has an Alertmanager to silence in.
    bool available() const;
    // Silences what the matchers match, with the comment; false when there is
    // nothing to silence or nowhere to (no Alertmanager).
    bool begin(const std::vector<SilenceMatcher> &matchers, const QString &comment);
    // The action ended: the silence is expired now, or as soon as Alertmanager gave it.
    void end();
    // What the silence did, for the action's outcome; empty when there is nothing to say. Taken once.
    QString takeNote();

Q_SIGNALS:
    // News that came after the action ended (Alertmanager was slower than the action).
    void lateNote(const QString &note);

private:
    void onActionFinished(quint64 operation, const ActionOutcome &outcome);
    void expire();

    QPointer<ProfileSession> m_session;
    QString m_alertmanager;
    quint64 m_operation = 0;
    QString m_id;
    bool m_ended = true;
    QString m_note;
};

} // namespace opsdeck
