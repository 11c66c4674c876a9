#include "alerts/alert_actions.h"

#include "alerts/ack_rules.h"
#include "alerts/alertmanager_api.h"
#include "alerts/database_alerts.h"
#include "alerts/silence_matchers.h"
#include "common/logging.h"
#include "common/rfc3339.h"

#include <QDateTime>
#include <QJsonArray>

namespace opsdeck {

Silence makeAckSilence(const AckRequest &request, const QString &operatorName, qint64 nowMs)
{
    Silence silence;
    silence.matchers = request.matchers;
    silence.startsAtMs = nowMs;
    silence.endsAtMs = nowMs + (request.untilResolved ? untilResolvedSliceMs : request.durationMs);
    silence.createdBy = operatorName;
    QString comment = request.comment.trimmed();
    if (!comment.startsWith(QLatin1String("ACK"), Qt::CaseInsensitive))
        comment = QStringLiteral("ACK: ") + comment;
    silence.comment = comment + u' ' + ackMarker(newAckId(), request.untilResolved);
    return silence;
}

AlertActions::AlertActions(Profile profile, AuditLog audit, QString client, QObject *parent)
    : QObject(parent), m_profile(std::move(profile)), m_audit(std::move(audit)), m_client(std::move(client))
{
    qRegisterMetaType<ActionOutcome>();
}

AuditEntry AlertActions::entryFor(const QString &action, const QString &target, const QJsonObject &parameters) const
{
    AuditEntry entry;
    entry.operatorName = m_profile.operatorName;
    entry.profile = m_profile.name;
    entry.action = action;
    entry.target = target;
    entry.parameters = parameters;
    entry.client = m_client;
    entry.phase = QStringLiteral("intent");
    entry.correlation = newAckId();
    return entry;
}

quint64 AlertActions::refuse(const QString &why)
{
    const quint64 operation = m_nextOperation++;
    QMetaObject::invokeMethod(this, [this, operation, why] {
        ActionOutcome outcome;
        outcome.error = why;
        Q_EMIT finished(operation, outcome);
    }, Qt::QueuedConnection);
    return operation;
}

bool AlertActions::writeIntent(AuditEntry &entry, QString *error)
{
    if (m_profile.readOnly) {
        *error = QStringLiteral("profile \"%1\" is read-only: %2 refused").arg(m_profile.name, entry.action);
        return false;
    }
    const QString written = m_audit.append(entry);
    if (!written.isEmpty()) {
        *error = QStringLiteral("%1 not sent: %2").arg(entry.action, written);
        return false;
    }
    return true;
}

quint64 AlertActions::track(QObject *client, quint64 clientOperation, const AuditEntry &intent)
{
    const quint64 operation = m_nextOperation++;
    m_inFlight.insert({client, clientOperation}, InFlight{operation, intent});
    return operation;
}

void AlertActions::complete(const InFlight &flight, const ActionOutcome &outcome)
{
    AuditEntry entry = flight.intent;
    entry.phase = QStringLiteral("outcome");
    entry.result = outcome.ok ? QStringLiteral("ok") : QStringLiteral("failed");
    entry.error = outcome.error;
    if (!outcome.silenceId.isEmpty())
        entry.parameters.insert(QStringLiteral("silence_id"), outcome.silenceId);
    if (!outcome.answeredBy.isEmpty())
        entry.parameters.insert(QStringLiteral("answered_by"), outcome.answeredBy);
    if (outcome.deduplicated)
        entry.parameters.insert(QStringLiteral("deduplicated"), true);
    ActionOutcome reported = outcome;
    if (const QString error = m_audit.append(entry); !error.isEmpty()) {
        logError(QStringLiteral("audit: cannot write the outcome of %1: %2").arg(entry.action, error));
        if (reported.ok)
            reported.error = QStringLiteral("done, but the audit log could not record it: %1").arg(error);
    }
    Q_EMIT finished(flight.operation, reported);
}

quint64 AlertActions::acknowledge(AlertmanagerClient *alertmanager, const AckRequest &request)
{
    const Silence silence = makeAckSilence(request, m_profile.operatorName, QDateTime::currentMSecsSinceEpoch());
    return createSilence(alertmanager, silence, request.untilResolved ? QStringLiteral("ack-until-resolved") : QStringLiteral("ack"));
}

quint64 AlertActions::createSilence(AlertmanagerClient *alertmanager, Silence silence, const QString &action)
{
    if (ackIdOf(silence.comment).isEmpty())
        silence.comment += u' ' + silenceMarker(newAckId());
    if (const QString invalid = validateSilence(silence, QDateTime::currentMSecsSinceEpoch()); !invalid.isEmpty())
        return refuse(invalid);
    QJsonObject parameters{
        {QStringLiteral("alertmanager"), alertmanager->config().name},
        {QStringLiteral("comment"), silence.comment},
        {QStringLiteral("starts_at"), formatRfc3339Ms(silence.startsAtMs)},
        {QStringLiteral("ends_at"), formatRfc3339Ms(silence.endsAtMs)},
    };
    if (!silence.id.isEmpty())
        parameters.insert(QStringLiteral("silence_id"), silence.id);
    AuditEntry intent = entryFor(action, formatMatchers(silence.matchers), parameters);
    QString error;
    if (!writeIntent(intent, &error))
        return refuse(error);
    connect(alertmanager, &AlertmanagerClient::silenceWritten, this, &AlertActions::onSilenceWritten, Qt::UniqueConnection);
    return track(alertmanager, alertmanager->writeSilence(silence), intent);
}

quint64 AlertActions::extendSilence(AlertmanagerClient *alertmanager, Silence silence, qint64 newEndMs, const QString &action)
{
    silence.endsAtMs = newEndMs;
    return createSilence(alertmanager, std::move(silence), action);
}

quint64 AlertActions::expireSilence(AlertmanagerClient *alertmanager, const QString &silenceId, const QString &action)
{
    if (silenceId.trimmed().isEmpty())
        return refuse(QStringLiteral("no silence id given"));
    AuditEntry intent = entryFor(action, silenceId, {{QStringLiteral("alertmanager"), alertmanager->config().name}});
    QString error;
    if (!writeIntent(intent, &error))
        return refuse(error);
    connect(alertmanager, &AlertmanagerClient::silenceWritten, this, &AlertActions::onSilenceWritten, Qt::UniqueConnection);
    return track(alertmanager, alertmanager->expireSilence(silenceId), intent);
}

quint64 AlertActions::resolveDatabaseAlert(DatabaseAlertSource *source, qint64 id, const QString &alertName)
{
    AuditEntry intent = entryFor(QStringLiteral("resolve"), QStringLiteral("%1 alert %2").arg(source->name()).arg(id),
                                 {{QStringLiteral("database"), source->name()}, {QStringLiteral("alertname"), alertName}});
    QString error;
    if (!writeIntent(intent, &error))
        return refuse(error);
    connect(source, &DatabaseAlertSource::resolved, this, &AlertActions::onDatabaseResolved, Qt::UniqueConnection);
    return track(source, source->resolve(id), intent);
}

void AlertActions::onSilenceWritten(quint64 clientOperation, const SilenceWriteResult &result)
{
    const auto it = m_inFlight.find({sender(), clientOperation});
    if (it == m_inFlight.end())
        return;
    const InFlight flight = *it;
    m_inFlight.erase(it);
    complete(flight, ActionOutcome{result.ok, result.error, result.silenceId, result.answeredBy, result.deduplicated});
}

void AlertActions::onDatabaseResolved(quint64 clientOperation, bool ok, const QString &error)
{
    const auto it = m_inFlight.find({sender(), clientOperation});
    if (it == m_inFlight.end())
        return;
    const InFlight flight = *it;
    m_inFlight.erase(it);
    complete(flight, ActionOutcome{ok, error, {}, {}, false});
}

} // namespace opsdeck
