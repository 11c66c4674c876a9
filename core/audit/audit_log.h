#pragma once

// The audit log: one JSON line per step of every operator action (an intent
// before it is sent, an outcome after), appended to audit.jsonl in the app
// data folder, flushed and fsynced before the action is reported done.

#include <QJsonObject>
#include <QList>
#include <QString>

namespace opsdeck {

struct AuditEntry {
    QString operatorName;
    QString profile;
    QString action;   // ack, unack, silence-extend, silence-expire, silence-create, resolve...
    QString target;   // what it acts on: matchers, a silence id, a row
    QJsonObject parameters;
    QString phase;    // intent or outcome
    QString result;   // outcome only: ok or failed
    QString error;    // outcome only, when failed
    QString correlation;  // ties an outcome to its intent
    QString client;   // gui or cli
};

class AuditLog
{
public:
    explicit AuditLog(QString path);

    const QString &path() const { return m_path; }
    // Appends, flushes and fsyncs. Returns an error message, empty on success;
    // an action whose intent cannot be written must not go ahead.
    QString append(const AuditEntry &entry) const;

    // <AppDataLocation>/audit.jsonl, or $OPSDECK_AUDIT_LOG.
    static QString defaultPath();

private:
    QString m_path;
};

// A line of the audit log as read back.
struct AuditRecord {
    AuditEntry entry;
    qint64 timeMs = 0;
};

// Every line of the log at path, oldest first; a line that does not parse is skipped.
QList<AuditRecord> readAuditLog(const QString &path);

// Who acts: the operator, the profile, and the client (gui or cli).
struct AuditActor {
    QString operatorName;
    QString profile;
    QString client;
};

// One action's two lines: the intent, written before the action goes out, and
// its outcome, tied to it by a correlation id. An action whose intent cannot
// be written must not go ahead.
class AuditTrail
{
public:
    AuditTrail(AuditLog log, const AuditActor &actor, QString action, QString target);
    QJsonObject &parameters() { return m_entry.parameters; }
    // Returns the audit log's error; empty when the line was written.
    QString intent();
    // result: ok, failed or cancelled; extra joins the parameters. Returns the audit log's own error, if any.
    QString outcome(const QString &result, const QString &error, const QJsonObject &extra = {});

private:
    AuditLog m_audit;
    AuditEntry m_entry;
};

} // namespace opsdeck
