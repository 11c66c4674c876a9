#include "leftovers.h"

#include "common/compact_units.h"
#include "restore_job.h"

#include <QFile>
#include <QJsonDocument>
#include <QLockFile>
#include <QSet>

#include <stdexcept>

namespace opsdeck {

QList<UnfinishedAction> unfinishedActions(const QString &auditPath, qint64 maxBytes)
{
    QFile file(auditPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (file.size() > maxBytes) {
        file.seek(file.size() - maxBytes);
        file.readLine();  // the rest of a line cut in half
    }
    QList<QJsonObject> intents;
    QSet<QString> ended;
    while (!file.atEnd()) {
        const QJsonObject line = QJsonDocument::fromJson(file.readLine()).object();
        const QString correlation = line.value(QStringLiteral("correlation")).toString();
        if (correlation.isEmpty())
            continue;
        if (line.value(QStringLiteral("phase")).toString() == QLatin1String("intent"))
            intents << line;
        else
            ended.insert(correlation);
    }
    QList<UnfinishedAction> out;
    for (const QJsonObject &i : intents) {
        if (ended.contains(i.value(QStringLiteral("correlation")).toString()))
            continue;
        UnfinishedAction a;
        a.at = QDateTime::fromString(i.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
        a.action = i.value(QStringLiteral("action")).toString();
        a.target = i.value(QStringLiteral("target")).toString();
        a.operatorName = i.value(QStringLiteral("operator")).toString();
        a.client = i.value(QStringLiteral("client")).toString();
        a.parameters = i.value(QStringLiteral("parameters")).toObject();
        out << a;
    }
    return out;
}

QList<DatabaseConfig> maintenanceDatabases(const Profile &profile)
{
    QList<DatabaseConfig> out;
    QSet<QString> seen;
    for (const DatabaseConfig &d : profile.databases) {
        const QString server = QStringLiteral("%1:%2").arg(d.host).arg(d.port);
        if (seen.contains(server))
            continue;
        seen.insert(server);
        DatabaseConfig admin = d;
        admin.dbname = QStringLiteral("postgres");
        out << admin;
    }
    return out;
}

namespace {

// Whether a restore of that database holds its lock now (in this console, another one or the CLI).
bool restoreRunning(const BackupContext &context, const DatabaseConfig &admin, const QString &dbname)
{
    if (context.backupRoot().isEmpty())
        return false;
    DatabaseConfig target = admin;
    target.dbname = dbname;
    const QString path = RestoreJob::lockPath(context.backupRoot(), target);
    if (!QFile::exists(path))
        return false;
    QLockFile lock(path);
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return true;
    lock.unlock();
    return false;
}

} // namespace

QList<LeftoverReport> describeLeftovers(const QList<pgadmin::Leftover> &found, const DatabaseConfig &admin,
                                        const BackupContext &context, const QList<UnfinishedAction> &unfinished,
                                        const QDateTime &now)
{
    const int keepHours = context.profile.backups ? context.profile.backups->keepPreviousHours : 24;
    QList<LeftoverReport> out;
    for (const pgadmin::Leftover &l : found) {
        LeftoverReport r;
        r.server = QStringLiteral("%1:%2").arg(admin.host).arg(admin.port);
        r.admin = admin;
        r.leftover = l;
        r.base = l.name.left(l.name.lastIndexOf(QStringLiteral("__%1_").arg(l.parsed.kind)));
        const QString when = l.parsed.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        const QString size = compactBytes(double(l.sizeBytes));
        if (l.parsed.kind == QLatin1String("pre")) {
            r.keepUntil = l.parsed.at.addSecs(qint64(keepHours) * 3600);
            r.expected = now < r.keepUntil;
            r.explanation = r.expected
                ? QStringLiteral("%1 (%2) is the database a restore replaced at %3, kept until %4 (backups.keep_previous_hours)")
                      .arg(l.name, size, when, r.keepUntil.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                : QStringLiteral("%1 (%2) is the database a restore replaced at %3; its %4 h are over and it can be dropped")
                      .arg(l.name, size, when).arg(keepHours);
            out << r;
            continue;
        }
        if (l.parsed.kind == QLatin1String("restore") && restoreRunning(context, admin, r.base)) {
            r.expected = true;
            r.explanation = QStringLiteral("%1 (%2) belongs to a restore of %3 running now").arg(l.name, size, r.base);
            out << r;
            continue;
        }
        // The audit log's restore of that database that started last before the scratch database did, and never ended.
        const QString action = l.parsed.kind == QLatin1String("restore") ? QStringLiteral("restore") : QStringLiteral("test-restore");
        const UnfinishedAction *match = nullptr;
        for (const UnfinishedAction &a : unfinished) {
            const QString dbname = a.parameters.value(QStringLiteral("target")).toString();
            if (a.action == action && (dbname == r.base || dbname.startsWith(r.base)) && a.at <= l.parsed.at.addSecs(60)
                && (!match || a.at > match->at))
                match = &a;
        }
        const QString what = l.parsed.kind == QLatin1String("restore") ? QStringLiteral("a restore") : QStringLiteral("a test restore");
        r.explanation = match ? QStringLiteral("%1 (%2) was left by %3 of %4 that %5 started at %6 (%7) and that never finished")
                                    .arg(l.name, size, what, r.base, match->operatorName,
                                         match->at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), match->client)
                              : QStringLiteral("%1 (%2) was left by %3 of %4 at %5 that never finished").arg(l.name, size, what, r.base, when);
        out << r;
    }
    return out;
}

void dropLeftover(pqxx::connection &c, const BackupContext &context, const LeftoverReport &report)
{
    if (!pgadmin::parseScratchName(report.leftover.name).ours)
        throw std::runtime_error(QStringLiteral("%1 is not a database OpsDeck left behind: refused").arg(report.leftover.name).toStdString());
    AuditTrail audit(context.audit, context.actor(), QStringLiteral("leftover-drop"), QStringLiteral("%1/%2").arg(report.server, report.leftover.name));
    audit.parameters() = {{QStringLiteral("kind"), report.leftover.parsed.kind},
                          {QStringLiteral("size_bytes"), report.leftover.sizeBytes},
                          {QStringLiteral("explanation"), report.explanation}};
    if (const QString e = audit.intent(); !e.isEmpty())
        throw std::runtime_error(e.toStdString());
    try {
        pgadmin::dropDatabase(c, report.leftover.name);
    } catch (const std::exception &e) {
        audit.outcome(QStringLiteral("failed"), QString::fromUtf8(e.what()).trimmed());
        throw;
    }
    audit.outcome(QStringLiteral("ok"), {});
}

} // namespace opsdeck
