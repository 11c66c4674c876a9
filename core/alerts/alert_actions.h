#pragma once

// Operator actions on alerts, the same for the GUI and the CLI: acknowledge
// (an Alertmanager silence), unacknowledge (expire it), extend, resolve a
// monitoring-database alert. Each one is refused in a read-only profile,
// validated before anything is sent, and written to the audit log twice: the
// intent before it is sent (no intent written, nothing sent), the outcome after.

#include "alerts/alerts.h"
#include "audit/audit_log.h"
#include "config/config.h"

#include <QHash>
#include <QObject>

namespace opsdeck {

class AlertmanagerClient;
class DatabaseAlertSource;
struct SilenceWriteResult;

constexpr qint64 untilResolvedSliceMs = 60LL * 60 * 1000;  // how long each slice of an until-resolved ack lasts

struct AckRequest {
    std::vector<SilenceMatcher> matchers;
    QString comment;         // "ACK:" is put in front when missing
    qint64 durationMs = 60LL * 60 * 1000;
    bool untilResolved = false;  // durationMs is ignored: one slice, extended while the alert fires
};

// The silence an ack sends: now → now + duration, createdBy the operator,
// the comment with "ACK:" and the marker of a fresh ack id.
Silence makeAckSilence(const AckRequest &request, const QString &operatorName, qint64 nowMs);

struct ActionOutcome {
    bool ok = false;
    QString error;
    QString silenceId;
    QString answeredBy;
    bool deduplicated = false;
};

class AlertActions : public QObject
{
    Q_OBJECT
public:
    AlertActions(Profile profile, AuditLog audit, QString client, QObject *parent = nullptr);

    const Profile &profile() const { return m_profile; }

    // Each returns an operation id answered by finished(). A refused or
    // invalid action is answered too (queued), so callers have one path.
    quint64 acknowledge(AlertmanagerClient *alertmanager, const AckRequest &request);
    quint64 createSilence(AlertmanagerClient *alertmanager, Silence silence, const QString &action);
    quint64 expireSilence(AlertmanagerClient *alertmanager, const QString &silenceId, const QString &action);
    // An extension keeps the silence (and its marker) and moves its end.
    quint64 extendSilence(AlertmanagerClient *alertmanager, Silence silence, qint64 newEndMs, const QString &action);
    quint64 resolveDatabaseAlert(DatabaseAlertSource *source, qint64 id, const QString &alertName);

Q_SIGNALS:
    void finished(quint64 operation, const opsdeck::ActionOutcome &outcome);

private:
    struct InFlight {
        quint64 operation;
        AuditEntry intent;
    };
    quint64 refuse(const QString &why);
    bool writeIntent(AuditEntry &entry, QString *error);
    void complete(const InFlight &flight, const ActionOutcome &outcome);
    AuditEntry entryFor(const QString &action, const QString &target, const QJsonObject &parameters) const;
    void onSilenceWritten(quint64 clientOperation, const opsdeck::SilenceWriteResult &result);
    void onDatabaseResolved(quint64 clientOperation, bool ok, const QString &error);
    quint64 track(QObject *client, quint64 clientOperation, const AuditEntry &intent);

    Profile m_profile;
    AuditLog m_audit;
    QString m_client;
    quint64 m_nextOperation = 1;
    // The client's own operation id → ours, per client.
    QHash<QPair<QObject *, quint64>, InFlight> m_inFlight;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::ActionOutcome)
