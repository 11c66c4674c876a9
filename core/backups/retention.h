#pragma once

// Which backups retention would delete: those older than keep_days, as long
// as keep_min backups of the database remain, and never the newest verified
// one (the backup a restore would reach for). Computed before anything is
// deleted, so it can be shown first.

#include "backup_catalogue.h"
#include "backup_job_common.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace opsdeck {

struct RetentionDecision {
    BackupEntry entry;
    bool remove = false;
    QString reason;  // "older than 30 days", "kept: the newest verified backup", "kept: one of the 3 newest"
};

// Per database: entries may mix databases; each database keeps its own minimum.
QList<RetentionDecision> retentionPlan(const QList<BackupEntry> &entries, int keepDays, int keepMin, const QDateTime &now);

// Deletes one backup with an intent and an outcome (action "backup-delete",
// the id, reason and checksum) in the audit log; refused in a read-only
// profile. Blocks on the file system: not on the GUI thread. Error message or empty.
QString deleteBackup(const BackupContext &context, const BackupEntry &entry, const QString &reason);
// The same for the folder of an interrupted backup (catalogue::abandoned).
QString deleteAbandoned(const BackupContext &context, const AbandonedFolder &folder);
// "left by an interrupted backup, untouched for 3 h" — why it may go.
QString abandonedReason(const AbandonedFolder &folder, const QDateTime &now);

} // namespace opsdeck
