#include "db_command.h"

#include "audit/audit_log.h"
#include "common/compact_units.h"
#include "common/display_text.h"
#include "common/rfc3339.h"
#include "db/activity_summary.h"
#include "db/backend_actions.h"
#include "db/blocking_tree.h"
#include "db/database_monitor.h"
#include "prometheus/prometheus_api.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <memory>
#include <set>
#include <tuple>

namespace opsdeck::cli {

namespace {

constexpr int rateIntervalMs = 1000;  // overview: two polls this far apart give the rates

// The databases the command is about: --database NAME, else every one of the profile.
QList<DatabaseConfig> chosenDatabases(CliContext &context, const Profile &profile)
{
    const QString name = context.parser.value(QStringLiteral("database"));
    QList<DatabaseConfig> out;
    for (const DatabaseConfig &d : profile.databases) {
        if (name.isEmpty() || d.name == name)
            out << d;
    }
    if (out.isEmpty()) {
        QStringList names;
        for (const DatabaseConfig &d : profile.databases)
            names << d.name;
        if (name.isEmpty())
            context.err << "error: profile \"" << profile.name << "\" has no database" << Qt::endl;
        else
            context.err << "error: no database named \"" << name << "\" in profile \"" << profile.name << "\" (have: "
                        << names.join(QStringLiteral(", ")) << ")" << Qt::endl;
    }
    return out;
}

// Polls every monitor once (full: statements and tables too) and waits for all the answers.
void pollAll(const std::vector<std::unique_ptr<DatabaseMonitor>> &monitors, bool full)
{
    QEventLoop loop;
    int waiting = int(monitors.size());
    std::vector<QMetaObject::Connection> connections;
    for (const auto &monitor : monitors) {
        connections.push_back(QObject::connect(monitor.get(), &DatabaseMonitor::updated, &loop, [&] {
            if (--waiting == 0)
                loop.quit();
        }));
        monitor->pollNow(full);
    }
    if (waiting > 0)
        loop.exec();
    for (const auto &c : connections)
        QObject::disconnect(c);
}

std::vector<std::unique_ptr<DatabaseMonitor>> monitorsFor(const QList<DatabaseConfig> &databases)
{
    std::vector<std::unique_ptr<DatabaseMonitor>> monitors;
    for (const DatabaseConfig &d : databases)
        monitors.push_back(std::make_unique<DatabaseMonitor>(d, 600000));
    return monitors;
}

void sleepMs(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool reportErrors(CliContext &context, const std::vector<std::unique_ptr<DatabaseMonitor>> &monitors)
{
    bool any = false;
    for (const auto &m : monitors) {
        if (!m->snapshot().error.isEmpty()) {
            context.err << "error: " << m->snapshot().error << Qt::endl;
            any = true;
        }
    }
    return any;
}

QJsonValue msOrNull(qint64 ms)
{
    return ms > 0 ? QJsonValue(formatRfc3339Ms(ms)) : QJsonValue();
}

QJsonValue rateOrNull(const std::optional<PgRates> &rates, double PgRates::*member)
{
    return rates ? QJsonValue(rates.value().*member) : QJsonValue();
}

// --- overview ---------------------------------------------------------------

QJsonObject overviewJson(const DatabaseMonitor &m)
{
    const DatabaseSnapshot &s = m.snapshot();
    const pg::ActivitySummary a = pg::summarizeActivity(s.sessions, s.server.serverTimeMs);
    QJsonArray replicas;
    for (const PgReplica &r : s.replicas) {
        replicas.append(QJsonObject{{QStringLiteral("name"), r.name}, {QStringLiteral("client"), r.client},
                                    {QStringLiteral("state"), r.state}, {QStringLiteral("sync_state"), r.syncState},
                                    {QStringLiteral("write_lag_s"), r.writeLagS < 0 ? QJsonValue() : QJsonValue(r.writeLagS)},
                                    {QStringLiteral("flush_lag_s"), r.flushLagS < 0 ? QJsonValue() : QJsonValue(r.flushLagS)},
                                    {QStringLiteral("replay_lag_s"), r.replayLagS < 0 ? QJsonValue() : QJsonValue(r.replayLagS)},
                                    {QStringLiteral("replay_bytes_behind"), r.replayBytesBehind}});
    }
    QJsonArray slots;
    for (const PgSlot &slot : s.replicationSlots) {
        slots.append(QJsonObject{{QStringLiteral("name"), slot.name}, {QStringLiteral("type"), slot.type},
                                 {QStringLiteral("active"), slot.active}, {QStringLiteral("wal_status"), slot.walStatus},
                                 {QStringLiteral("retained_bytes"), slot.retainedBytes}});
    }
    return QJsonObject{
        {QStringLiteral("database"), s.database},
        {QStringLiteral("error"), s.error.isEmpty() ? QJsonValue() : QJsonValue(s.error)},
        {QStringLiteral("server_version"), s.server.version},
        {QStringLiteral("server_version_num"), s.server.versionNum},
        {QStringLiteral("started_at"), msOrNull(s.server.startedAtMs)},
        {QStringLiteral("in_recovery"), s.server.inRecovery},
        {QStringLiteral("read_only"), s.server.readOnly},
        {QStringLiteral("max_connections"), s.server.maxConnections},
        {QStringLiteral("connections"), QJsonObject{{QStringLiteral("total"), a.total},
                                                    {QStringLiteral("active"), a.active},
                                                    {QStringLiteral("idle"), a.idle},
                                                    {QStringLiteral("idle_in_transaction"), a.idleInTransaction},
                                                    {QStringLiteral("waiting_on_lock"), a.waitingOnLock}}},
        {QStringLiteral("commits_per_s"), rateOrNull(s.rates, &PgRates::commitsPerS)},
        {QStringLiteral("rollbacks_per_s"), rateOrNull(s.rates, &PgRates::rollbacksPerS)},
        {QStringLiteral("tuples_read_per_s"), rateOrNull(s.rates, &PgRates::tuplesReadPerS)},
        {QStringLiteral("tuples_written_per_s"), rateOrNull(s.rates, &PgRates::tuplesWrittenPerS)},
        {QStringLiteral("cache_hit_ratio"), s.rates && s.rates->cacheHitRatio >= 0 ? QJsonValue(s.rates->cacheHitRatio) : QJsonValue()},
        {QStringLiteral("temp_bytes_per_s"), rateOrNull(s.rates, &PgRates::tempBytesPerS)},
        {QStringLiteral("wal_bytes_per_s"), rateOrNull(s.rates, &PgRates::walBytesPerS)},
        {QStringLiteral("deadlocks"), s.server.deadlocks},
        {QStringLiteral("size_bytes"), s.server.databaseBytes},
        {QStringLiteral("longest_transaction_ms"), a.longestTransactionMs},
        {QStringLiteral("longest_transaction_pid"), a.longestTransactionPid ? QJsonValue(a.longestTransactionPid) : QJsonValue()},
        {QStringLiteral("oldest_xmin_age"), s.server.oldestXminAge},
        {QStringLiteral("frozen_xid_age"), s.server.frozenXidAge},
        {QStringLiteral("replicas"), replicas},
        {QStringLiteral("replication_slots"), slots},
        {QStringLiteral("pg_stat_statements"), s.statementsState == PgStatementsState::Available ? QStringLiteral("available")
                                                                                               : s.statementsMessage},
    };
}

void printOverview(QTextStream &out, const DatabaseMonitor &m)
{
    const DatabaseSnapshot &s = m.snapshot();
    out << s.database << ":";
    if (!s.hasData()) {
        out << " " << s.error << Qt::endl;
        return;
    }
    const pg::ActivitySummary a = pg::summarizeActivity(s.sessions, s.server.serverTimeMs);
    out << " PostgreSQL " << s.server.version.section(u' ', 0, 0)
        << (s.server.inRecovery ? QStringLiteral(", standby") : QStringLiteral(", primary"))
        << (s.server.readOnly ? QStringLiteral(", read-only") : QString()) << ", up "
        << compactDuration(s.server.serverTimeMs - s.server.startedAtMs) << ", " << compactBytes(double(s.server.databaseBytes))
        << Qt::endl;
    out << "  connections   " << a.total << " of " << s.server.maxConnections << ": " << a.active << " active, " << a.idle
        << " idle, " << a.idleInTransaction << " idle in transaction, " << a.waitingOnLock << " waiting on a lock" << Qt::endl;
    if (s.rates) {
        const PgRates &r = *s.rates;
        out << "  transactions  " << QString::number(r.commitsPerS, 'f', 1) << " commits/s, "
            << QString::number(r.rollbacksPerS, 'f', 1) << " rollbacks/s (over " << r.intervalMs << " ms)" << Qt::endl;
        out << "  tuples        " << QString::number(r.tuplesReadPerS, 'f', 0) << " read/s, "
            << QString::number(r.tuplesWrittenPerS, 'f', 0) << " written/s; cache hit "
            << (r.cacheHitRatio < 0 ? QStringLiteral("-") : QStringLiteral("%1 %").arg(r.cacheHitRatio * 100, 0, 'f', 1))
            << Qt::endl;
        out << "  WAL           " << compactBytes(r.walBytesPerS) << "/s; temp " << compactBytes(r.tempBytesPerS) << "/s" << Qt::endl;
    }
    out << "  deadlocks     " << s.server.deadlocks << " since the statistics were reset" << Qt::endl;
    out << "  longest xact  "
        << (a.longestTransactionPid ? QStringLiteral("%1 (pid %2)").arg(compactDuration(a.longestTransactionMs)).arg(a.longestTransactionPid)
                                    : QStringLiteral("-"))
        << "; oldest xmin age " << s.server.oldestXminAge << "; XID age " << s.server.frozenXidAge << Qt::endl;
    for (const PgReplica &r : s.replicas) {
        out << "  standby       " << r.name << " " << r.client << " " << r.state << "/" << r.syncState << ": replay lag "
            << (r.replayLagS < 0 ? QStringLiteral("-") : QStringLiteral("%1 s").arg(r.replayLagS, 0, 'f', 1)) << ", "
            << compactBytes(r.replayBytesBehind) << " behind" << Qt::endl;
    }
    for (const PgSlot &slot : s.replicationSlots) {
        out << "  slot          " << slot.name << " (" << slot.type << (slot.active ? ", active" : ", inactive") << ") retains "
            << compactBytes(slot.retainedBytes) << Qt::endl;
    }
    if (s.statementsState != PgStatementsState::Available)
        out << "  note          " << s.statementsMessage << Qt::endl;
    for (const QString &w : s.warnings)
        out << "  warning       " << w << Qt::endl;
}

int overviewCommand(CliContext &context, const QList<DatabaseConfig> &databases)
{
    const auto monitors = monitorsFor(databases);
    pollAll(monitors, true);
    sleepMs(rateIntervalMs);
    pollAll(monitors, false);
    if (context.json) {
        QJsonArray array;
        for (const auto &m : monitors)
            array.append(overviewJson(*m));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const auto &m : monitors)
            printOverview(context.out, *m);
    }
    return reportErrors(context, monitors) ? ExitFailed : ExitOk;
}

// --- activity ---------------------------------------------------------------

QJsonObject sessionJson(const PgSession &s, qint64 serverNowMs)
{
    QJsonArray blockedBy;
    for (const int pid : s.blockedBy)
        blockedBy.append(pid);
    return QJsonObject{
        {QStringLiteral("pid"), s.pid},
        {QStringLiteral("database"), s.database},
        {QStringLiteral("user"), s.user},
        {QStringLiteral("application"), s.application},
        {QStringLiteral("client"), s.client},
        {QStringLiteral("state"), s.state},
        {QStringLiteral("wait_event_type"), s.waitEventType.isEmpty() ? QJsonValue() : QJsonValue(s.waitEventType)},
        {QStringLiteral("wait_event"), s.waitEvent.isEmpty() ? QJsonValue() : QJsonValue(s.waitEvent)},
        {QStringLiteral("query"), s.query},
        {QStringLiteral("query_start"), msOrNull(s.queryStartMs)},
        {QStringLiteral("xact_start"), msOrNull(s.xactStartMs)},
        {QStringLiteral("duration_ms"), s.queryStartMs > 0 ? QJsonValue(double(serverNowMs - s.queryStartMs)) : QJsonValue()},
        {QStringLiteral("blocked_by"), blockedBy},
    };
}

// Two configured databases on one server see the same sessions: each is listed once.
std::vector<std::pair<const PgSession *, qint64>> distinctSessions(const std::vector<std::unique_ptr<DatabaseMonitor>> &monitors)
{
    std::set<std::tuple<QString, int, int>> seen;
    std::vector<std::pair<const PgSession *, qint64>> out;
    for (const auto &m : monitors) {
        for (const PgSession &s : m->snapshot().sessions) {
            if (pg::isClientBackend(s) && seen.emplace(m->config().host, m->config().port, s.pid).second)
                out.emplace_back(&s, m->snapshot().server.serverTimeMs);
        }
    }
    return out;
}

int activityCommand(CliContext &context, const QList<DatabaseConfig> &databases)
{
    const auto monitors = monitorsFor(databases);
    pollAll(monitors, false);
    const auto sessions = distinctSessions(monitors);
    if (context.json) {
        QJsonArray array;
        for (const auto &[session, serverNowMs] : sessions)
            array.append(sessionJson(*session, serverNowMs));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                           .arg(QStringLiteral("PID"), -7).arg(QStringLiteral("DATABASE"), -10).arg(QStringLiteral("USER"), -10)
                           .arg(QStringLiteral("APPLICATION"), -16).arg(QStringLiteral("STATE"), -20)
                           .arg(QStringLiteral("WAIT"), -18).arg(QStringLiteral("AGE"), 6).arg(QStringLiteral("QUERY"))
                    << Qt::endl;
        for (const auto &[session, now] : sessions) {
            const PgSession &s = *session;
            const QString wait = s.waitEventType.isEmpty() ? QStringLiteral("-") : s.waitEventType + u':' + s.waitEvent;
            const QString age = s.queryStartMs > 0 ? compactDuration(now - s.queryStartMs) : QStringLiteral("-");
            QString blocked;
            for (const int pid : s.blockedBy)
                blocked += (blocked.isEmpty() ? QStringLiteral(" [blocked by ") : QStringLiteral(",")) + QString::number(pid);
            if (!blocked.isEmpty())
                blocked += u']';
            context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8%9")
                               .arg(s.pid, -7).arg(singleLine(s.database, 10), -10).arg(singleLine(s.user, 10), -10)
                               .arg(singleLine(s.application, 16), -16).arg(s.state, -20).arg(singleLine(wait, 18), -18)
                               .arg(age, 6).arg(singleLine(s.query, 100), blocked)
                        << Qt::endl;
        }
    }
    return reportErrors(context, monitors) ? ExitFailed : ExitOk;
}

// --- blocking ---------------------------------------------------------------

int blockingCommand(CliContext &context, const QList<DatabaseConfig> &databases)
{
    const auto monitors = monitorsFor(databases);
    pollAll(monitors, false);
    QJsonArray array;
    int roots = 0;
    for (const auto &m : monitors) {
        const DatabaseSnapshot &snapshot = m->snapshot();
        std::map<int, const PgSession *> byPid;
        for (const PgSession &s : snapshot.sessions)
            byPid[s.pid] = &s;
        for (const pg::BlockingNode &node : pg::blockingTree(snapshot.sessions)) {
            const PgSession &s = *byPid.at(node.pid);
            const qint64 waited = s.stateChangeMs > 0 ? snapshot.server.serverTimeMs - s.stateChangeMs : 0;
            roots += node.depth == 0;
            if (context.json) {
                array.append(QJsonObject{
                    {QStringLiteral("database"), snapshot.database}, {QStringLiteral("pid"), node.pid},
                    {QStringLiteral("blocked_by"), node.parentPid ? QJsonValue(node.parentPid) : QJsonValue()},
                    {QStringLiteral("depth"), node.depth}, {QStringLiteral("root"), node.depth == 0},
                    {QStringLiteral("blocking_count"), node.blockedCount}, {QStringLiteral("in_cycle"), node.inCycle},
                    {QStringLiteral("user"), s.user}, {QStringLiteral("application"), s.application},
                    {QStringLiteral("state"), s.state}, {QStringLiteral("lock_mode"), s.lockMode},
                    {QStringLiteral("relation"), s.lockRelation}, {QStringLiteral("waiting_ms"), node.depth ? QJsonValue(double(waited)) : QJsonValue()},
                    {QStringLiteral("query"), s.query}});
                continue;
            }
            QString line = QString(node.depth * 2, u' ') + QStringLiteral("pid %1 %2/%3 %4").arg(node.pid).arg(s.user, s.application, s.state);
            if (node.depth == 0)
                line += QStringLiteral("  <- root blocker: %1 session(s) wait behind it").arg(node.blockedCount);
            else
                line += QStringLiteral("  waits %1 for %2 on %3").arg(compactDuration(waited), s.lockMode,
                                                                        s.lockRelation.isEmpty() ? s.lockType : s.lockRelation);
            if (node.inCycle)
                line += QStringLiteral("  (in a cycle: a deadlock the server will break)");
            context.out << snapshot.database << ": " << line << Qt::endl
                        << QString(node.depth * 2 + snapshot.database.size() + 2, u' ') << "  " << singleLine(s.query, 100) << Qt::endl;
        }
    }
    if (context.json)
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    else if (roots == 0 && !reportErrors(context, monitors))
        context.out << "no session waits on a lock held by another" << Qt::endl;
    return reportErrors(context, monitors) ? ExitFailed : ExitOk;
}

// --- queries ----------------------------------------------------------------

int queriesCommand(CliContext &context, const QList<DatabaseConfig> &databases)
{
    int top = 10;
    if (context.parser.isSet(QStringLiteral("top"))) {
        bool ok = false;
        top = context.parser.value(QStringLiteral("top")).toInt(&ok);
        if (!ok || top <= 0) {
            context.err << "error: --top: a positive number" << Qt::endl;
            return ExitUsage;
        }
    }
    qint64 windowMs = 0;
    if (context.parser.isSet(QStringLiteral("window"))) {
        windowMs = parseDurationMs(context.parser.value(QStringLiteral("window")));
        if (windowMs <= 0 || windowMs > pg::StatementHistory::keepMs) {
            context.err << "error: --window: a duration such as 30s, 5m or 1h" << Qt::endl;
            return ExitUsage;
        }
    }
    const auto monitors = monitorsFor(databases);
    pollAll(monitors, true);
    if (windowMs > 0) {
        // pg_stat_statements counts since its reset: a window is watched, then subtracted.
        if (!context.json)
            context.err << "watching for " << context.parser.value(QStringLiteral("window")) << "..." << Qt::endl;
        sleepMs(int(windowMs));
        pollAll(monitors, true);
    }
    QJsonArray array;
    for (const auto &m : monitors) {
        const DatabaseSnapshot &s = m->snapshot();
        if (!s.error.isEmpty())
            continue;
        if (s.statementsState != PgStatementsState::Available) {
            context.err << s.database << ": " << s.statementsMessage << Qt::endl;
            continue;
        }
        const pg::StatementWindow w = m->statementHistory().window(windowMs, size_t(top));
        if (!context.json) {
            context.out << s.database << ": "
                        << (windowMs ? QStringLiteral("the last %1").arg(compactDuration(w.toMs - w.fromMs))
                                     : QStringLiteral("since the statistics were reset %1 ago").arg(compactDuration(w.toMs - w.fromMs)))
                        << (m->statementHistory().sawReset() ? QStringLiteral(" (reset during the window: counted from the reset)") : QString())
                        << Qt::endl;
            context.out << QStringLiteral("  %1 %2 %3 %4 %5 %6").arg(QStringLiteral("CALLS"), 9).arg(QStringLiteral("TOTAL ms"), 12)
                               .arg(QStringLiteral("MEAN ms"), 10).arg(QStringLiteral("ROWS"), 10).arg(QStringLiteral("HIT %"), 6)
                               .arg(QStringLiteral("QUERY"))
                        << Qt::endl;
        }
        for (const pg::StatementRow &row : w.rows) {
            const PgStatementCounters &c = row.counters;
            const double mean = c.calls > 0 ? c.totalMs / double(c.calls) : 0;
            const qint64 blocks = c.sharedHit + c.sharedRead;
            const auto [user, database] = m->statementOwner(row.key);
            if (context.json) {
                array.append(QJsonObject{{QStringLiteral("database"), s.database}, {QStringLiteral("queryid"), QString::number(std::get<2>(row.key))},
                                         {QStringLiteral("user"), user}, {QStringLiteral("dbname"), database},
                                         {QStringLiteral("query"), m->statementText(row.key)}, {QStringLiteral("calls"), c.calls},
                                         {QStringLiteral("total_ms"), c.totalMs}, {QStringLiteral("mean_ms"), mean},
                                         {QStringLiteral("rows"), c.rows}, {QStringLiteral("shared_blks_hit"), c.sharedHit},
                                         {QStringLiteral("shared_blks_read"), c.sharedRead},
                                         {QStringLiteral("window_from"), msOrNull(w.fromMs)}, {QStringLiteral("window_to"), msOrNull(w.toMs)}});
                continue;
            }
            context.out << QStringLiteral("  %1 %2 %3 %4 %5 %6")
                               .arg(c.calls, 9).arg(c.totalMs, 12, 'f', 1).arg(mean, 10, 'f', 2).arg(c.rows, 10)
                               .arg(blocks ? QString::number(100.0 * double(c.sharedHit) / double(blocks), 'f', 1) : QStringLiteral("-"), 6)
                               .arg(singleLine(m->statementText(row.key), 90))
                        << Qt::endl;
        }
    }
    if (context.json)
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    return reportErrors(context, monitors) ? ExitFailed : ExitOk;
}

// --- cancel, terminate ------------------------------------------------------

int signalCommand(CliContext &context, const Profile &profile, BackendSignal what)
{
    const QString verb = what == BackendSignal::Cancel ? QStringLiteral("cancel") : QStringLiteral("terminate");
    bool ok = false;
    const int pid = context.args.value(1).toInt(&ok);
    if (context.args.size() != 2 || !ok || pid <= 0) {
        context.err << "error: usage: db " << verb << " PID --database NAME" << Qt::endl;
        return ExitUsage;
    }
    const QString database = context.parser.value(QStringLiteral("database"));
    if (database.isEmpty()) {
        context.err << "error: db " << verb << ": --database NAME is required (a pid is only unique on its server)" << Qt::endl;
        return ExitUsage;
    }
    BackendActions actions(profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("cli"));
    BackendActionResult result;
    QEventLoop loop;
    const quint64 operation = actions.signalBackend(database, pid, what);
    QObject::connect(&actions, &BackendActions::finished, &loop, [&](quint64 answered, const BackendActionResult &r) {
        if (answered == operation) {
            result = r;
            loop.quit();
        }
    });
    loop.exec();
    if (context.json) {
        static const char *const outcomes[] = {"done", "still_running", "already_gone", "not_permitted", "refused", "failed"};
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("pid"), pid}, {QStringLiteral("database"), database},
                                                 {QStringLiteral("action"), verb},
                                                 {QStringLiteral("outcome"), QLatin1String(outcomes[int(result.outcome)])},
                                                 {QStringLiteral("message"), result.message},
                                                 {QStringLiteral("user"), result.user},
                                                 {QStringLiteral("application"), result.application},
                                                 {QStringLiteral("query"), result.query}})
                           .toJson(QJsonDocument::Indented);
    } else if (result.ok()) {
        context.out << result.message << Qt::endl;
    }
    if (!result.ok())
        context.err << "error: " << result.message << Qt::endl;
    return result.ok() ? ExitOk : ExitFailed;
}

} // namespace

int runDb(CliContext &context)
{
    const QString sub = context.args.value(0);
    static const QStringList known{QStringLiteral("overview"), QStringLiteral("activity"), QStringLiteral("blocking"),
                                   QStringLiteral("queries"), QStringLiteral("cancel"), QStringLiteral("terminate")};
    if (!known.contains(sub)) {
        context.err << "error: db: expected one of " << known.join(QStringLiteral(", ")) << Qt::endl;
        return ExitUsage;
    }
    const Profile *profile = context.loadProfile();
    if (!profile)
        return ExitUsage;
    if (sub == QLatin1String("cancel"))
        return signalCommand(context, *profile, BackendSignal::Cancel);
    if (sub == QLatin1String("terminate"))
        return signalCommand(context, *profile, BackendSignal::Terminate);
    if (context.args.size() != 1) {
        context.err << "error: db " << sub << " takes no argument besides its options" << Qt::endl;
        return ExitUsage;
    }
    const QList<DatabaseConfig> databases = chosenDatabases(context, *profile);
    if (databases.isEmpty())
        return ExitUsage;
    if (sub == QLatin1String("overview"))
        return overviewCommand(context, databases);
    if (sub == QLatin1String("activity"))
        return activityCommand(context, databases);
    if (sub == QLatin1String("blocking"))
        return blockingCommand(context, databases);
    return queriesCommand(context, databases);
}

} // namespace opsdeck::cli
