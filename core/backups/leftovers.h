#pragma once

// Databases that restores and verifications leave on a server: the scratch
// database of a restore that never finished (the console crashed or was
// killed), a test restore's, and the database a swap replaced, kept for
// keep_previous_hours. Found by their names (pgadmin::leftovers), told apart,
// matched with the audit log's restores that wrote an intent and never an
// outcome, and dropped with an audit trail of their own.

#include "backup_job_common.h"
#include "pg_admin.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace opsdeck {

// An action whose intent is in the audit log and whose outcome is not: the
// process that started it ended first.
struct UnfinishedAction {
    QDateTime at;
    QString action;  // restore, test-restore, backup...
    QString target;  // the profile's name of the database
    QString operatorName;
    QString client;
    QJsonObject parameters;
};
// From the last maxBytes of the audit log (it grows for years; a crash is recent).
QList<UnfinishedAction> unfinishedActions(const QString &auditPath, qint64 maxBytes = 4 * 1024 * 1024);

// Each server of a profile once, as its maintenance database ("postgres"),
// with the credentials of the first database configured on it.
QList<DatabaseConfig> maintenanceDatabases(const Profile &profile);

struct LeftoverReport {
    QString server;  // host:port
    DatabaseConfig admin;
    pgadmin::Leftover leftover;
    QString base;            // the database it was made for ("app" of app__restore_…)
    bool expected = false;   // a replaced database still within its keep time, or a restore running now
    QDateTime keepUntil;     // replaced databases: when their keep time ends
    QString explanation;     // one sentence for people
};

// What the names found on one server are, for people.
QList<LeftoverReport> describeLeftovers(const QList<pgadmin::Leftover> &found, const DatabaseConfig &admin,
                                        const BackupContext &context, const QList<UnfinishedAction> &unfinished,
                                        const QDateTime &now);

// Drops one, with an intent and an outcome (action "leftover-drop") in the
// audit log. Refuses a name that is not one of ours. Throws on failure, after
// writing the failed outcome.
void dropLeftover(pqxx::connection &c, const BackupContext &context, const LeftoverReport &report);

} // namespace opsdeck
