#include "backup_command.h"

#include "backups/backup_job.h"
#include "backups/leftovers.h"
#include "backups/pg_admin.h"
#include "backups/restore_job.h"
#include "backups/retention.h"
#include "backups/verify_job.h"
#include "common/compact_units.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <pqxx/pqxx>

#include <cstdio>
#ifdef Q_OS_UNIX
#include <csignal>
#include <unistd.h>
#endif

#include <atomic>
#include <functional>

namespace opsdeck::cli {

namespace {

BackupContext contextFor(const Profile &profile)
{
    BackupContext c;
    c.profile = profile;
    c.audit = AuditLog(AuditLog::defaultPath());
    c.client = QStringLiteral("cli");
    return c;
}

bool stderrIsTerminal()
{
#ifdef Q_OS_UNIX
    return ::isatty(STDERR_FILENO);
#else
    return false;
#endif
}

// Progress for people watching: on a terminal, one line rewritten every half
// second; with --progress (a log, a pipe), a line of its own at each new phase
// and every five seconds within one.
template<typename Job>
void showProgress(CliContext &context, Job *job)
{
    const bool terminal = stderrIsTerminal() && !context.json;
    const bool lines = context.parser.isSet(QStringLiteral("progress"));
    if (!terminal && !lines)
        return;
    auto last = std::make_shared<QElapsedTimer>();
    auto lastPhase = std::make_shared<QString>();
    QObject::connect(job, &Job::progress, job, [&context, last, lastPhase, terminal](const JobProgress &p) {
        // A log gets every change of phase, and a line every five seconds within one.
        const bool newPhase = p.phase != *lastPhase;
        if (last->isValid() && last->elapsed() < (terminal ? 500 : 5000) && !(newPhase && !terminal))
            return;
        last->start();
        *lastPhase = p.phase;
        if (terminal)
            context.err << "\r\033[K" << describeProgress(p) << Qt::flush;
        else
            context.err << "progress: " << describeProgress(p) << Qt::endl;
    });
    if (terminal)
        QObject::connect(job, &Job::finished, job, [&context] { context.err << "\r\033[K" << Qt::flush; });
}

#ifdef Q_OS_UNIX
std::atomic<bool> interrupted{false};
extern "C" void onInterrupt(int)
{
    interrupted.store(true);
}
#endif

// Ctrl-C, or a TERM from a scheduler, cancels the job as the panel's Cancel does:
// the child stopped, a partial backup removed, a restore's target left as it was,
// and the audit log told; rather than the process dying with its work half-done.
template<typename Job>
void cancelOnSignal(Job *job)
{
#ifdef Q_OS_UNIX
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    auto *poll = new QTimer(job);
    poll->setInterval(100);
    QObject::connect(poll, &QTimer::timeout, job, [job, poll] {
        if (interrupted.exchange(false)) {
            poll->stop();
            job->cancel();
        }
    });
    poll->start();
#else
    Q_UNUSED(job)
#endif
}

QJsonObject entryJson(const BackupEntry &e)
{
    const BackupManifest &m = e.manifest;
    const BackupVerification *v = e.lastVerification();
    QJsonValue verifiedAt = QJsonValue::Null;
    if (e.verified())
        verifiedAt = v->at.toString(Qt::ISODate);
    return {{QStringLiteral("id"), m.id},
            {QStringLiteral("database"), m.database},
            {QStringLiteral("label"), m.label},
            {QStringLiteral("created_at"), m.startedAt.toString(Qt::ISODate)},
            {QStringLiteral("size_bytes"), m.sizeBytes()},
            {QStringLiteral("verified_at"), verifiedAt},
            {QStringLiteral("verification"), v ? v->method + (v->ok ? QString() : QStringLiteral(" failed")) : QString()},
            {QStringLiteral("operator"), m.operatorName},
            {QStringLiteral("server_version"), m.serverVersion},
            {QStringLiteral("dbname"), m.dbname},
            {QStringLiteral("format"), m.format},
            {QStringLiteral("safety_for"), m.safetyFor},
            {QStringLiteral("sha256"), m.files.value(0).sha256}};
}

bool needsBackups(CliContext &context, const Profile &profile)
{
    if (profile.backups)
        return true;
    context.err << "error: profile \"" << profile.name << "\" has no backup folder (\"backups\": {\"directory\": …})" << Qt::endl;
    return false;
}

int createCommand(CliContext &context, const Profile &profile)
{
    const QString database = context.parser.value(QStringLiteral("database"));
    if (database.isEmpty() || context.args.size() != 1) {
        context.err << "error: usage: backup create --database NAME [--label TEXT]" << Qt::endl;
        return ExitUsage;
    }
    BackupJob job(contextFor(profile), {database, context.parser.value(QStringLiteral("label")), {}});
    BackupResult result;
    QEventLoop loop;
    QObject::connect(&job, &BackupJob::finished, &loop, [&](const BackupResult &r) {
        result = r;
        loop.quit();
    });
    showProgress(context, &job);
    cancelOnSignal(&job);
    job.start();
    loop.exec();
    if (!result.ok) {
        context.err << "error: " << result.message << Qt::endl;
        return ExitFailed;
    }
    if (context.json)
        context.out << QJsonDocument(entryJson(result.entry)).toJson(QJsonDocument::Indented);
    else
        context.out << result.message << Qt::endl;
    return ExitOk;
}

int listCommand(CliContext &context, const Profile &profile)
{
    QStringList problems;
    const QList<BackupEntry> entries = catalogue::list(profile.backups->directory, context.parser.value(QStringLiteral("database")), &problems);
    for (const QString &p : problems)
        context.err << "warning: " << p << Qt::endl;
    if (context.json) {
        QJsonArray array;
        for (const BackupEntry &e : entries)
            array.append(entryJson(e));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (entries.isEmpty()) {
        context.out << "no backups in " << profile.backups->directory << Qt::endl;
        return ExitOk;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                       .arg(QStringLiteral("ID"), -28).arg(QStringLiteral("DATABASE"), -12).arg(QStringLiteral("AGE"), 6)
                       .arg(QStringLiteral("SIZE"), 8).arg(QStringLiteral("VERIFIED"), -22).arg(QStringLiteral("OPERATOR"), -10)
                       .arg(QStringLiteral("LABEL"));
    for (const BackupEntry &e : entries) {
        const BackupVerification *v = e.lastVerification();
        const QString verified = !v ? QStringLiteral("never")
                                    : QStringLiteral("%1 %2 ago (%3)").arg(v->ok ? QStringLiteral("ok") : QStringLiteral("FAILED"),
                                                                           compactDuration(v->at.msecsTo(now)), v->method);
        context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                           .arg(e.manifest.id, -28).arg(e.manifest.database, -12)
                           .arg(compactDuration(e.manifest.startedAt.msecsTo(now)), 6).arg(compactBytes(e.manifest.sizeBytes()), 8)
                           .arg(verified, -22).arg(e.manifest.operatorName, -10).arg(e.manifest.label);
    }
    context.out.flush();
    return ExitOk;
}

int verifyCommand(CliContext &context, const Profile &profile)
{
    if (context.args.size() != 2) {
        context.err << "error: usage: backup verify ID [--test-restore]" << Qt::endl;
        return ExitUsage;
    }
    VerifyJob job(contextFor(profile), context.args[1], context.parser.isSet(QStringLiteral("test-restore")),
                  context.parser.value(QStringLiteral("database")));
    VerifyResult result;
    QEventLoop loop;
    QObject::connect(&job, &VerifyJob::finished, &loop, [&](const VerifyResult &r) {
        result = r;
        loop.quit();
    });
    showProgress(context, &job);
    cancelOnSignal(&job);
    job.start();
    loop.exec();
    if (context.json) {
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("id"), context.args[1]}, {QStringLiteral("ok"), result.ok},
                                                 {QStringLiteral("method"), result.method}, {QStringLiteral("message"), result.message},
                                                 {QStringLiteral("elapsed_ms"), result.elapsedMs}})
                           .toJson(QJsonDocument::Indented);
    } else if (result.ok) {
        context.out << result.message << Qt::endl;
    }
    if (!result.ok)
        context.err << "error: " << result.message << Qt::endl;
    return result.ok ? ExitOk : ExitFailed;
}

void printPreflight(CliContext &context, const RestorePreflight &p)
{
    QTextStream &o = context.err;
    o << "backup " << p.backup.manifest.id << " of " << p.backup.manifest.dbname << ", taken "
      << p.backup.manifest.startedAt.toString(Qt::ISODate) << " by " << p.backup.manifest.operatorName << ", "
      << compactBytes(p.backup.manifest.sizeBytes()) << ": checksums match" << Qt::endl;
    o << "pg_restore " << p.pgRestore << ", " << p.tocEntries << " objects to restore" << Qt::endl;
    o << "target " << p.targetDbname << (p.targetExists ? QStringLiteral(" (%1, owner %2)").arg(compactBytes(p.target.sizeBytes), p.target.owner)
                                                        : QStringLiteral(" (does not exist)"))
      << "; free space: " << p.freeSpace << Qt::endl;
    for (const pgadmin::Session &s : p.sessions)
        o << "  session " << s.pid << " " << s.user << "@" << s.client << " " << s.application << " " << s.state << Qt::endl;
    for (const QString &w : p.warnings)
        o << "warning: " << w << Qt::endl;
    for (const QString &problem : p.problems)
        o << "problem: " << problem << Qt::endl;
}

int restoreCommand(CliContext &context, const Profile &profile)
{
    const QString target = context.parser.value(QStringLiteral("target"));
    const bool dryRun = context.parser.isSet(QStringLiteral("dry-run"));
    if (context.args.size() != 2 || target.isEmpty() || (!dryRun && !context.parser.isSet(QStringLiteral("confirm")))) {
        context.err << "error: usage: backup restore ID --target DB --confirm DB [--mode swap|in-place|scratch] [--end-sessions]"
                       " [--schema S]... [--table S.T]... [--dry-run]"
                    << Qt::endl;
        return ExitUsage;
    }
    RestoreRequest request;
    request.backupId = context.args[1];
    request.target = target;
    request.confirmation = context.parser.value(QStringLiteral("confirm"));
    const QString modeName = context.parser.value(QStringLiteral("mode"));
    // A selection goes beside the target unless told otherwise: a swap cannot take a part of a database.
    const bool selective = context.parser.isSet(QStringLiteral("schema")) || context.parser.isSet(QStringLiteral("table"));
    const QString defaultMode = selective ? QStringLiteral("scratch") : QStringLiteral("swap");
    const std::optional<RestoreMode> mode = restoreModeFromName(modeName.isEmpty() ? defaultMode : modeName);
    if (!mode || *mode == RestoreMode::Test) {
        context.err << "error: --mode: swap, in-place or scratch" << Qt::endl;
        return ExitUsage;
    }
    request.mode = *mode;
    request.endSessions = context.parser.isSet(QStringLiteral("end-sessions"));
    request.selection.schemas = context.parser.values(QStringLiteral("schema"));
    request.selection.tables = context.parser.values(QStringLiteral("table"));
    request.preflightOnly = dryRun;
    RestoreJob job(contextFor(profile), request);
    RestoreResult result;
    QEventLoop loop;
    QObject::connect(&job, &RestoreJob::preflightDone, &loop, [&](const RestorePreflight &p) {
        if (!context.json)
            printPreflight(context, p);
    });
    QObject::connect(&job, &RestoreJob::finished, &loop, [&](const RestoreResult &r) {
        result = r;
        loop.quit();
    });
    showProgress(context, &job);
    cancelOnSignal(&job);
    job.start();
    loop.exec();
    if (context.json) {
        QJsonArray problems, warnings;
        for (const QString &p : result.preflight.problems)
            problems.append(p);
        for (const QString &w : result.preflight.warnings)
            warnings.append(w);
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("id"), request.backupId},
                                                 {QStringLiteral("target"), result.preflight.targetDbname},
                                                 {QStringLiteral("mode"), restoreModeName(request.mode)},
                                                 {QStringLiteral("ok"), result.ok},
                                                 {QStringLiteral("cancelled"), result.cancelled},
                                                 {QStringLiteral("target_unchanged"), result.targetUnchanged},
                                                 {QStringLiteral("message"), result.message},
                                                 {QStringLiteral("safety_backup_id"), result.safetyBackupId},
                                                 {QStringLiteral("previous_database"), result.previousDatabase},
                                                 {QStringLiteral("scratch_database"), result.scratchDatabase},
                                                 {QStringLiteral("unavailable_ms"), result.unavailableMs},
                                                 {QStringLiteral("elapsed_ms"), result.elapsedMs},
                                                 {QStringLiteral("problems"), problems},
                                                 {QStringLiteral("warnings"), warnings}})
                           .toJson(QJsonDocument::Indented);
    } else if (result.ok) {
        context.out << result.message << Qt::endl;
    }
    if (!result.ok)
        context.err << "error: " << result.message << Qt::endl;
    return result.ok ? ExitOk : ExitFailed;
}

// Runs work on a connection to that server's maintenance database and waits for it (the
// command line has nothing else to do meanwhile). The connection's error, or empty.
QString onServer(const DatabaseConfig &admin, const std::function<void(pqxx::connection &)> &work)
{
    PgWorker worker(admin, 30000, QStringLiteral("leftovers"));
    QEventLoop loop;
    QString error;
    worker.submit({[&](pqxx::connection &c) {
                       try {
                           work(c);
                       } catch (const std::exception &e) {
                           error = QString::fromUtf8(e.what()).trimmed();
                       }
                       QMetaObject::invokeMethod(&loop, "quit", Qt::QueuedConnection);
                   },
                   [&](const QString &e) {
                       error = e;
                       QMetaObject::invokeMethod(&loop, "quit", Qt::QueuedConnection);
                   }});
    loop.exec();
    return error;
}

int pruneCommand(CliContext &context, const Profile &profile)
{
    const BackupsConfig &b = *profile.backups;
    const QList<RetentionDecision> plan = retentionPlan(catalogue::list(b.directory, context.parser.value(QStringLiteral("database"))),
                                                        b.keepDays, b.keepMin, QDateTime::currentDateTimeUtc());
    const bool dryRun = context.parser.isSet(QStringLiteral("dry-run"));
    if (!dryRun && profile.readOnly) {
        context.err << "error: profile \"" << profile.name << "\" is read-only: deleting backups refused" << Qt::endl;
        return ExitFailed;
    }
    int failures = 0;
    QJsonArray array;
    for (const RetentionDecision &d : plan) {
        QString outcome = d.remove ? (dryRun ? QStringLiteral("would delete") : QStringLiteral("deleted")) : QStringLiteral("kept");
        if (d.remove && !dryRun) {
            if (const QString error = deleteBackup(contextFor(profile), d.entry, d.reason); !error.isEmpty()) {
                outcome = QStringLiteral("not deleted: %1").arg(error);
                ++failures;
            }
        }
        if (context.json)
            array.append(QJsonObject{{QStringLiteral("id"), d.entry.manifest.id}, {QStringLiteral("remove"), d.remove},
                                     {QStringLiteral("reason"), d.reason}, {QStringLiteral("outcome"), outcome}});
        else
            context.out << QStringLiteral("%1 %2 (%3)").arg(d.entry.manifest.id, -28).arg(outcome, d.reason) << Qt::endl;
    }
    // Folders of backups that died half-way: disk space, not backups. An hour untouched
    // before they count: a running backup keeps writing its dump.
    const BackupContext backups = contextFor(profile);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const AbandonedFolder &f : catalogue::abandoned(b.directory, 3600, now)) {
        QString outcome = dryRun ? QStringLiteral("would delete") : QStringLiteral("deleted");
        if (!dryRun) {
            if (const QString error = deleteAbandoned(backups, f); !error.isEmpty()) {
                outcome = QStringLiteral("not deleted: %1").arg(error);
                ++failures;
            }
        }
        const QString name = QFileInfo(f.path).fileName();
        if (context.json)
            array.append(QJsonObject{{QStringLiteral("id"), name}, {QStringLiteral("remove"), true},
                                     {QStringLiteral("reason"), abandonedReason(f, now)}, {QStringLiteral("outcome"), outcome},
                                     {QStringLiteral("size_bytes"), f.bytes}});
        else
            context.out << QStringLiteral("%1 %2 (%3)").arg(name, -28).arg(outcome, abandonedReason(f, now)) << Qt::endl;
    }
    // The databases swap restores replaced, once their keep_previous_hours are over.
    for (const DatabaseConfig &admin : maintenanceDatabases(profile)) {
        const QString error = onServer(admin, [&](pqxx::connection &c) {
            for (const LeftoverReport &r : describeLeftovers(pgadmin::leftovers(c), admin, backups, {}, now)) {
                if (r.leftover.parsed.kind != QLatin1String("pre") || r.expected)
                    continue;
                QString outcome = dryRun ? QStringLiteral("would drop") : QStringLiteral("dropped");
                if (!dryRun) {
                    try {
                        dropLeftover(c, backups, r);
                    } catch (const std::exception &e) {
                        outcome = QStringLiteral("not dropped: %1").arg(QString::fromUtf8(e.what()).trimmed());
                        ++failures;
                    }
                }
                if (context.json)
                    array.append(QJsonObject{{QStringLiteral("id"), r.leftover.name}, {QStringLiteral("server"), r.server},
                                             {QStringLiteral("remove"), true}, {QStringLiteral("reason"), r.explanation},
                                             {QStringLiteral("outcome"), outcome}});
                else
                    context.out << QStringLiteral("%1 %2 (%3)").arg(r.leftover.name, -28).arg(outcome, r.explanation) << Qt::endl;
            }
        });
        if (!error.isEmpty()) {
            context.err << "error: " << admin.host << ":" << admin.port << ": " << error << Qt::endl;
            ++failures;
        }
    }
    if (context.json)
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return failures ? ExitFailed : ExitOk;
}

int leftoversCommand(CliContext &context, const Profile &profile)
{
    // Scratch databases live on the servers of the profile's databases; each server once.
    const QString drop = context.parser.value(QStringLiteral("drop"));
    if (!drop.isEmpty() && profile.readOnly) {
        context.err << "error: profile \"" << profile.name << "\" is read-only: dropping refused" << Qt::endl;
        return ExitFailed;
    }
    if (!drop.isEmpty() && context.parser.value(QStringLiteral("confirm")) != drop) {
        context.err << "error: backup leftovers --drop NAME needs --confirm NAME" << Qt::endl;
        return ExitUsage;
    }
    if (!drop.isEmpty() && !pgadmin::parseScratchName(drop).ours) {
        context.err << "error: " << drop << " is not a database OpsDeck left behind (<db>__restore_…, __verify_… or __pre_…): refused"
                    << Qt::endl;
        return ExitFailed;
    }
    const BackupContext backups = contextFor(profile);
    const QList<UnfinishedAction> unfinished = unfinishedActions(backups.audit.path());
    QJsonArray array;
    int failures = 0;
    bool dropped = false;
    for (const DatabaseConfig &admin : maintenanceDatabases(profile)) {
        const QString server = QStringLiteral("%1:%2").arg(admin.host).arg(admin.port);
        QList<LeftoverReport> found;
        const QString error = onServer(admin, [&](pqxx::connection &c) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            found = describeLeftovers(pgadmin::leftovers(c), admin, backups, unfinished, now);
            if (drop.isEmpty())
                return;
            for (const LeftoverReport &r : std::as_const(found)) {
                if (r.leftover.name == drop) {
                    dropLeftover(c, backups, r);
                    dropped = true;
                }
            }
            // What is left once it has gone.
            if (dropped)
                found = describeLeftovers(pgadmin::leftovers(c), admin, backups, unfinished, now);
        });
        if (!error.isEmpty()) {
            context.err << "error: " << server << ": " << error << Qt::endl;
            ++failures;
            continue;
        }
        for (const LeftoverReport &r : found) {
            if (context.json)
                array.append(QJsonObject{{QStringLiteral("server"), server}, {QStringLiteral("name"), r.leftover.name},
                                         {QStringLiteral("kind"), r.leftover.parsed.kind},
                                         {QStringLiteral("at"), r.leftover.parsed.at.toString(Qt::ISODate)},
                                         {QStringLiteral("size_bytes"), r.leftover.sizeBytes},
                                         {QStringLiteral("expected"), r.expected},
                                         {QStringLiteral("explanation"), r.explanation}});
            else
                context.out << server << ": " << r.explanation << Qt::endl;
        }
    }
    if (context.json)
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    if (!drop.isEmpty() && !dropped && !failures) {
        context.err << "error: no database " << drop << " on the servers of profile \"" << profile.name << "\"" << Qt::endl;
        return ExitFailed;
    }
    if (dropped && !context.json)
        context.out << "dropped " << drop << Qt::endl;
    return failures ? ExitFailed : ExitOk;
}

} // namespace

int runBackup(CliContext &context)
{
    const QString sub = context.args.value(0);
    static const QStringList known{QStringLiteral("create"), QStringLiteral("list"), QStringLiteral("verify"),
                                   QStringLiteral("restore"), QStringLiteral("prune"), QStringLiteral("leftovers")};
    if (!known.contains(sub)) {
        context.err << "error: backup: expected one of " << known.join(QStringLiteral(", ")) << Qt::endl;
        return ExitUsage;
    }
    const Profile *profile = context.loadProfile();
    if (!profile)
        return ExitUsage;
    if (sub == QLatin1String("leftovers"))
        return leftoversCommand(context, *profile);
    if (!needsBackups(context, *profile))
        return ExitUsage;
    if (sub == QLatin1String("create"))
        return createCommand(context, *profile);
    if (sub == QLatin1String("list"))
        return listCommand(context, *profile);
    if (sub == QLatin1String("verify"))
        return verifyCommand(context, *profile);
    if (sub == QLatin1String("prune"))
        return pruneCommand(context, *profile);
    return restoreCommand(context, *profile);
}

} // namespace opsdeck::cli
