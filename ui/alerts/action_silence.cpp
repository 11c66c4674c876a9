#include "action_silence.h"

#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "profile_session.h"

#include <utility>

namespace opsdeck {

namespace {

constexpr qint64 boundMs = 4LL * 60 * 60 * 1000;

} // namespace

ActionSilence::ActionSilence(QObject *parent)
    : QObject(parent)
{
}

void ActionSilence::setSession(ProfileSession *session)
{
    if (m_session)
        disconnect(m_session->alertActions(), nullptr, this, nullptr);
    m_session = session;
    m_operation = 0;
    m_id.clear();
    m_ended = true;
    m_note.clear();
    if (session)
        connect(session->alertActions(), &AlertActions::finished, this, &ActionSilence::onActionFinished);
}

bool ActionSilence::available() const
{
    return m_session && !m_session->profile().alertmanagers.isEmpty();
}

bool ActionSilence::begin(const std::vector<SilenceMatcher> &matchers, const QString &comment)
{
    m_operation = 0;
    m_id.clear();
    m_note.clear();
    m_ended = false;
    if (matchers.empty() || !available())
        return false;
    m_alertmanager = m_session->profile().alertmanagers.first().name;
    AckRequest ack;
    ack.matchers = matchers;
    ack.comment = comment;
    ack.durationMs = boundMs;  // a bound if the console dies first; expired as soon as the action ends
    m_operation = m_session->alertActions()->acknowledge(m_session->alertSources()->alertmanager(m_alertmanager), ack);
    return true;
}

void ActionSilence::end()
{
    m_ended = true;
    expire();
}

QString ActionSilence::takeNote()
{
    return std::exchange(m_note, {});
}

void ActionSilence::onActionFinished(quint64 operation, const ActionOutcome &outcome)
{
    if (operation == 0 || operation != m_operation)
        return;  // another panel's, or the expiry
    m_operation = 0;
    if (!outcome.ok) {
        m_note = tr("the alerts were not silenced: %1").arg(outcome.error);
    } else {
        m_id = outcome.silenceId;
        if (m_ended)
            expire();  // the action was quicker than Alertmanager
    }
    if (m_ended && !m_note.isEmpty())
        Q_EMIT lateNote(takeNote());
}

void ActionSilence::expire()
{
    if (m_id.isEmpty() || !m_session)
        return;
    const QString id = std::exchange(m_id, {});
    if (AlertmanagerClient *client = m_session->alertSources()->alertmanager(m_alertmanager)) {
        m_session->alertActions()->expireSilence(client, id, QStringLiteral("unacknowledge"));
        m_note = tr("its alerts were silenced meanwhile (silence %1, now expired)").arg(id);
    }
}

} // namespace opsdeck
