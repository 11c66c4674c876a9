#include "alerts_command.h"

#include "alerts/ack_rules.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alertmanager_api.h"
#include "alerts/database_alerts.h"
#include "alerts/silence_matchers.h"
#include "common/compact_units.h"
#include "common/rfc3339.h"
#include "net/http_client.h"
#include "prometheus/prometheus_api.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace opsdeck::cli {

namespace {

// One fetch of every source of the profile.
struct Collected {
    std::vector<AlertSnapshot> snapshots;
    QStringList failures;  // "source: error"

    const AlertSnapshot *of(const QString &source) const
    {
        for (const AlertSnapshot &s : snapshots) {
            if (s.source == source)
                return &s;
        }
        return nullptr;
    }
    const std::vector<Silence> &silencesOf(const QString &source) const
    {
        static const std::vector<Silence> none;
        const AlertSnapshot *s = of(source);
        return s ? s->silences : none;
    }
};

Collected collect(AlertSources &sources)
{
    Collected collected;
    QEventLoop loop;
    QObject::connect(&sources, &AlertSources::snapshot, &loop, [&](const AlertSnapshot &s) {
        if (!s.ok)
            collected.failures << QStringLiteral("%1: %2").arg(s.source, s.error);
        collected.snapshots.push_back(s);
    });
    QObject::connect(&sources, &AlertSources::roundFinished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    sources.refreshAll();
    loop.exec();
    return collected;
}

QJsonObject labelsJson(const Labels &labels)
{
    QJsonObject out;
    for (const auto &[name, value] : labels)
        out.insert(QString::fromStdString(name), QString::fromStdString(value));
    return out;
}

QString ageText(qint64 sinceMs, qint64 nowMs)
{
    return compactDuration(nowMs - sinceMs);
}

void printFailures(CliContext &context, const Collected &collected)
{
    for (const QString &f : collected.failures)
        context.err << "error: " << f << Qt::endl;
}

// Runs the loop until the action answers.
ActionOutcome waitForAction(AlertActions &actions, quint64 operation)
{
    ActionOutcome outcome;
    QEventLoop loop;
    QObject::connect(&actions, &AlertActions::finished, &loop, [&](quint64 answered, const ActionOutcome &o) {
        if (answered != operation)
            return;
        outcome = o;
        loop.quit();
    });
    loop.exec();
    return outcome;
}

int listCommand(CliContext &context, AlertSources &sources)
{
    std::vector<LabelMatcher> filter;
    if (const QString text = context.parser.value(QStringLiteral("filter")); !text.isEmpty()) {
        MatcherParse parsed = parseMatchers(text);
        if (!parsed.error.isEmpty()) {
            context.err << "error: --filter: " << parsed.error << Qt::endl;
            return ExitUsage;
        }
        filter = std::move(parsed.matchers);
    }
    const Collected collected = collect(sources);
    std::vector<Alert> alerts = mergeAlerts(collected.snapshots);
    alerts.erase(std::remove_if(alerts.begin(), alerts.end(),
                                [&](const Alert &a) { return !filter.empty() && !silenceMatches(filter, a); }),
                 alerts.end());
    std::sort(alerts.begin(), alerts.end(), [](const Alert &a, const Alert &b) { return a.startsAtMs > b.startsAtMs; });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    if (context.json) {
        QJsonArray array;
        for (const Alert &a : alerts) {
            const Silence *ack = acknowledgementOf(a, collected.silencesOf(a.source));
            QJsonObject o{
                {QStringLiteral("fingerprint"), a.fingerprint},
                {QStringLiteral("labels"), labelsJson(a.labels)},
                {QStringLiteral("annotations"), labelsJson(a.annotations)},
                {QStringLiteral("state"), alertStateKey(a.state)},
                {QStringLiteral("starts_at"), formatRfc3339Ms(a.startsAtMs)},
                {QStringLiteral("source"), a.source},
                {QStringLiteral("silenced_by"), QJsonArray::fromStringList(a.silencedBy)},
                {QStringLiteral("acked_by"), ack ? QJsonValue(ack->createdBy) : QJsonValue(QJsonValue::Null)},
            };
            if (!a.generatorUrl.isEmpty())
                o.insert(QStringLiteral("generator_url"), a.generatorUrl);
            array.append(o);
        }
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const Alert &a : alerts) {
            const Silence *ack = acknowledgementOf(a, collected.silencesOf(a.source));
            QString summary = QString::fromStdString(a.annotation("summary"));
            if (ack)
                summary += QStringLiteral(" [acked by %1]").arg(ack->createdBy);
            context.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                               .arg(alertStateKey(a.state), -12)
                               .arg(a.severity().isEmpty() ? QStringLiteral("-") : a.severity(), -9)
                               .arg(a.name(), -20)
                               .arg(a.target().isEmpty() ? QStringLiteral("-") : a.target(), -16)
                               .arg(ageText(a.startsAtMs, now), 5)
                               .arg(a.source, -12)
                               .arg(a.fingerprint, -16)
                               .arg(summary)
                               .trimmed()
                        << Qt::endl;
        }
        context.out << "alerts=" << alerts.size() << " sources=" << sources.count()
                    << " failed=" << collected.failures.size() << Qt::endl;
    }
    printFailures(context, collected);
    return collected.failures.isEmpty() ? ExitOk : ExitFailed;
}

int ackCommand(CliContext &context, AlertSources &sources, AlertActions &actions)
{
    const QString fingerprint = context.parser.value(QStringLiteral("fingerprint"));
    const QString match = context.parser.value(QStringLiteral("match"));
    const QString comment = context.parser.value(QStringLiteral("comment")).trimmed();
    if (fingerprint.isEmpty() == match.isEmpty()) {
        context.err << "error: alerts ack needs exactly one of --fingerprint FP or --match MATCHERS" << Qt::endl;
        return ExitUsage;
    }
    if (comment.isEmpty()) {
        context.err << "error: alerts ack needs --comment TEXT" << Qt::endl;
        return ExitUsage;
    }
    AckRequest request;
    request.comment = comment;
    const QString duration = context.parser.value(QStringLiteral("duration"));
    if (duration == u"until-resolved") {
        request.untilResolved = true;
    } else if (!duration.isEmpty()) {
        request.durationMs = parseDurationMs(duration);
        if (request.durationMs <= 0) {
            context.err << "error: --duration: \"" << duration << "\" is not a duration such as 15m, 1h, 4h or until-resolved" << Qt::endl;
            return ExitUsage;
        }
    }

    const Collected collected = collect(sources);
    printFailures(context, collected);
    const std::vector<Alert> alerts = mergeAlerts(collected.snapshots);
    AlertmanagerClient *alertmanager = nullptr;
    if (!fingerprint.isEmpty()) {
        const auto alert = std::find_if(alerts.begin(), alerts.end(), [&](const Alert &a) { return a.fingerprint == fingerprint; });
        if (alert == alerts.end()) {
            context.err << "error: no alert with fingerprint " << fingerprint << " in the sources that answered" << Qt::endl;
            return ExitFailed;
        }
        if (alert->sourceKind == AlertSourceKind::Database) {
            DatabaseAlertSource *database = sources.database(alert->source);
            const ActionOutcome outcome = waitForAction(actions, actions.resolveDatabaseAlert(database, alert->databaseId, alert->name()));
            if (!outcome.ok) {
                context.err << "error: " << outcome.error << Qt::endl;
                return ExitFailed;
            }
            context.out << "resolved: " << alert->source << " alert " << alert->databaseId << Qt::endl;
            return ExitOk;
        }
        request.matchers = defaultAckMatchers(*alert);
        alertmanager = sources.alertmanager(alert->source);
    } else {
        MatcherParse parsed = parseMatchers(match);
        if (!parsed.error.isEmpty()) {
            context.err << "error: --match: " << parsed.error << Qt::endl;
            return ExitUsage;
        }
        request.matchers = fromLabelMatchers(parsed.matchers);
    }
    if (const QString name = context.parser.value(QStringLiteral("alertmanager")); !name.isEmpty()) {
        alertmanager = sources.alertmanager(name);
        if (!alertmanager) {
            context.err << "error: --alertmanager: the profile has no Alertmanager \"" << name << '"' << Qt::endl;
            return ExitUsage;
        }
    }
    if (!alertmanager && !sources.alertmanagers().empty())
        alertmanager = sources.alertmanagers().front();
    if (!alertmanager) {
        context.err << "error: profile \"" << actions.profile().name << "\" has no Alertmanager to acknowledge with" << Qt::endl;
        return ExitFailed;
    }

    QString invalid;
    const auto matchers = toLabelMatchers(request.matchers, &invalid);
    const auto matched = std::count_if(alerts.begin(), alerts.end(), [&](const Alert &a) { return silenceMatches(matchers, a); });
    const ActionOutcome outcome = waitForAction(actions, actions.acknowledge(alertmanager, request));
    if (!outcome.ok) {
        context.err << "error: " << outcome.error << Qt::endl;
        return ExitFailed;
    }
    context.out << "acknowledged: silence " << outcome.silenceId << " on " << outcome.answeredBy << " for "
                << formatMatchers(request.matchers) << " (" << matched << " alert(s) match now"
                << (request.untilResolved ? QStringLiteral(", until resolved while a console runs") : QString()) << ')'
                << Qt::endl;
    return ExitOk;
}

int unackCommand(CliContext &context, AlertSources &sources, AlertActions &actions)
{
    const QString id = context.parser.value(QStringLiteral("silence"));
    if (id.isEmpty()) {
        context.err << "error: alerts unack needs --silence ID" << Qt::endl;
        return ExitUsage;
    }
    const Collected collected = collect(sources);
    AlertmanagerClient *owner = nullptr;
    for (AlertmanagerClient *a : sources.alertmanagers()) {
        const auto &silences = collected.silencesOf(a->config().name);
        if (std::any_of(silences.begin(), silences.end(), [&](const Silence &s) { return s.id == id; }))
            owner = a;
    }
    if (!owner) {
        printFailures(context, collected);
        context.err << "error: no Alertmanager of profile \"" << actions.profile().name << "\" knows silence " << id << Qt::endl;
        return ExitFailed;
    }
    const ActionOutcome outcome = waitForAction(actions, actions.expireSilence(owner, id, QStringLiteral("unack")));
    if (!outcome.ok) {
        context.err << "error: " << outcome.error << Qt::endl;
        return ExitFailed;
    }
    context.out << "unacknowledged: silence " << id << (outcome.deduplicated ? " was already expired on " : " expired on ")
                << outcome.answeredBy << Qt::endl;
    return ExitOk;
}

int silencesCommand(CliContext &context, AlertSources &sources)
{
    const Collected collected = collect(sources);
    const std::vector<Alert> alerts = mergeAlerts(collected.snapshots);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonArray array;
    int count = 0;
    for (AlertmanagerClient *a : sources.alertmanagers()) {
        for (const Silence &s : collected.silencesOf(a->config().name)) {
            ++count;
            QString invalid;
            const auto matchers = toLabelMatchers(s.matchers, &invalid);
            const auto matching = std::count_if(alerts.begin(), alerts.end(), [&](const Alert &alert) {
                return alert.source == a->config().name && silenceMatches(matchers, alert);
            });
            if (context.json) {
                QJsonArray jsonMatchers;
                for (const SilenceMatcher &m : s.matchers)
                    jsonMatchers.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(m.name)},
                                                    {QStringLiteral("value"), QString::fromStdString(m.value)},
                                                    {QStringLiteral("isRegex"), m.isRegex},
                                                    {QStringLiteral("isEqual"), m.isEqual}});
                array.append(QJsonObject{{QStringLiteral("id"), s.id},
                                         {QStringLiteral("alertmanager"), a->config().name},
                                         {QStringLiteral("state"), s.state},
                                         {QStringLiteral("matchers"), jsonMatchers},
                                         {QStringLiteral("starts_at"), formatRfc3339Ms(s.startsAtMs)},
                                         {QStringLiteral("ends_at"), formatRfc3339Ms(s.endsAtMs)},
                                         {QStringLiteral("created_by"), s.createdBy},
                                         {QStringLiteral("comment"), s.comment},
                                         {QStringLiteral("ack"), isAcknowledgement(s)},
                                         {QStringLiteral("until_resolved"), isUntilResolved(s.comment)},
                                         {QStringLiteral("matching_alerts"), qint64(matching)}});
                continue;
            }
            const QString ends = s.endsAtMs > now ? QStringLiteral("ends in %1").arg(ageText(now, s.endsAtMs))
                                                  : QStringLiteral("ended %1 ago").arg(ageText(s.endsAtMs, now));
            context.out << QStringLiteral("%1 %2 %3 %4 %5 matches=%6 %7")
                               .arg(s.id, -36)
                               .arg(s.state, -8)
                               .arg(ends, -16)
                               .arg(s.createdBy, -12)
                               .arg(formatMatchers(s.matchers))
                               .arg(matching)
                               .arg(s.comment)
                        << Qt::endl;
        }
    }
    if (context.json)
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    else
        context.out << "silences=" << count << Qt::endl;
    printFailures(context, collected);
    return collected.failures.isEmpty() ? ExitOk : ExitFailed;
}

} // namespace

int runAlerts(CliContext &context)
{
    const QString sub = context.args.value(0);
    static const QStringList known = {QStringLiteral("list"), QStringLiteral("ack"), QStringLiteral("unack"), QStringLiteral("silences")};
    if (!known.contains(sub)) {
        context.err << "error: usage: opsdeck-cli alerts list|ack|unack|silences (see --help)" << Qt::endl;
        return ExitUsage;
    }
    const Profile *profile = context.loadProfile();
    if (!profile)
        return ExitUsage;
    HttpClient http;
    AlertSources sources(&http, *profile, true);
    if (sources.count() == 0) {
        context.err << "error: profile \"" << profile->name << "\" has no alert source (alertmanagers, prometheus or a database with alerts_table)" << Qt::endl;
        return ExitUsage;
    }
    if (sub == u"list")
        return listCommand(context, sources);
    if (sub == u"silences")
        return silencesCommand(context, sources);
    AlertActions actions(*profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("cli"));
    if (sub == u"ack")
        return ackCommand(context, sources, actions);
    return unackCommand(context, sources, actions);
}

} // namespace opsdeck::cli
