#include "retention.h"

#include "common/compact_units.h"

#include <QDir>
#include <QFileInfo>

#include <QHash>

#include <algorithm>

namespace opsdeck {

QList<RetentionDecision> retentionPlan(const QList<BackupEntry> &entries, int keepDays, int keepMin, const QDateTime &now)
{
    QHash<QString, QList<int>> byDatabase;  // indices, newest first
    QList<int> order(entries.size());
    for (int i = 0; i < entries.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return entries[a].manifest.startedAt > entries[b].manifest.startedAt;
    });
    for (int i : order)
        byDatabase[entries[i].manifest.database].append(i);

    QList<RetentionDecision> decisions(entries.size());
    const QDateTime cutoff = now.addDays(-keepDays);
    for (auto it = byDatabase.cbegin(); it != byDatabase.cend(); ++it) {
        const QList<int> &newestFirst = it.value();
        int newestVerified = -1;
        for (int i : newestFirst) {
            if (entries[i].verified()) {
                newestVerified = i;
                break;
            }
        }
        for (int rank = 0; rank < newestFirst.size(); ++rank) {
            const int i = newestFirst[rank];
            RetentionDecision &d = decisions[i];
            d.entry = entries[i];
            if (i == newestVerified) {
                d.reason = QStringLiteral("kept: the newest verified backup");
            } else if (rank < keepMin) {
                d.reason = QStringLiteral("kept: one of the %1 newest").arg(keepMin);
            } else if (entries[i].manifest.startedAt < cutoff) {
                d.remove = true;
                d.reason = QStringLiteral("older than %1 days").arg(keepDays);
            } else {
                d.reason = QStringLiteral("kept: younger than %1 days").arg(keepDays);
            }
        }
    }
    return decisions;
}

QString deleteBackup(const BackupContext &context, const BackupEntry &entry, const QString &reason)
{
    if (context.profile.readOnly)
        return QStringLiteral("profile \"%1\" is read-only: deleting backups refused").arg(context.profile.name);
    AuditTrail audit(context.audit, context.actor(), QStringLiteral("backup-delete"), entry.manifest.id);
    audit.parameters() = {{QStringLiteral("backup_id"), entry.manifest.id}, {QStringLiteral("database"), entry.manifest.database},
                          {QStringLiteral("reason"), reason}, {QStringLiteral("sha256"), entry.manifest.files.value(0).sha256}};
    if (QString error = audit.intent(); !error.isEmpty())
        return error;
    const QString error = catalogue::remove(entry);
    audit.outcome(error.isEmpty() ? QStringLiteral("ok") : QStringLiteral("failed"), error);
    return error;
}

QString abandonedReason(const AbandonedFolder &folder, const QDateTime &now)
{
    return QStringLiteral("left by an interrupted %1, untouched for %2")
        .arg(folder.path.endsWith(QLatin1String(".deleting")) ? QStringLiteral("deletion") : QStringLiteral("backup"),
             compactDuration(folder.lastWrite.msecsTo(now)));
}

QString deleteAbandoned(const BackupContext &context, const AbandonedFolder &folder)
{
    if (context.profile.readOnly)
        return QStringLiteral("profile \"%1\" is read-only: deleting refused").arg(context.profile.name);
    AuditTrail audit(context.audit, context.actor(), QStringLiteral("backup-delete"), QFileInfo(folder.path).fileName());
    audit.parameters() = {{QStringLiteral("folder"), folder.path}, {QStringLiteral("bytes"), folder.bytes},
                          {QStringLiteral("reason"), abandonedReason(folder, QDateTime::currentDateTimeUtc())}};
    if (QString error = audit.intent(); !error.isEmpty())
        return error;
    const QString error = QDir(folder.path).removeRecursively() ? QString()
                                                                : QStringLiteral("cannot remove %1").arg(folder.path);
    audit.outcome(error.isEmpty() ? QStringLiteral("ok") : QStringLiteral("failed"), error);
    return error;
}

} // namespace opsdeck
