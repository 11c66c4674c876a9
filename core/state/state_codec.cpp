#include "state_codec.h"

#include "state/member_table.h"

#include <QJsonObject>

#include <algorithm>

namespace opsdeck::state {

namespace {

// Enums are kept as their numbers; a number out of range reads as the fallback.
template<typename E>
E enumFrom(const QJsonValue &v, E last, E fallback)
{
    const int n = v.toInt(-1);
    return n >= 0 && n <= int(last) ? E(n) : fallback;
}

QJsonArray stringsToJson(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsFromJson(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray()) {
        if (s.isString())
            out << s.toString();
    }
    return out;
}

QJsonArray labelsToJson(const Labels &labels)
{
    QJsonArray out;
    for (const auto &[name, value] : labels)
        out.append(QJsonArray{QString::fromStdString(name), QString::fromStdString(value)});
    return out;
}

Labels labelsFromJson(const QJsonValue &v)
{
    Labels out;
    for (const QJsonValue &pair : v.toArray()) {
        const QJsonArray p = pair.toArray();
        if (p.size() == 2 && p[0].isString() && p[1].isString())
            out.emplace_back(p[0].toString().toStdString(), p[1].toString().toStdString());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Each array read stops at its limit.
template<typename T, typename Read>
QList<T> listFromJson(const QJsonValue &v, int limit, Read &&read)
{
    QList<T> out;
    for (const QJsonValue &item : v.toArray()) {
        if (out.size() >= limit)
            break;
        if (item.isObject())
            out << read(item.toObject());
    }
    return out;
}

template<typename Container, typename Write>
QJsonArray listToJson(const Container &items, int limit, Write &&write)
{
    QJsonArray out;
    for (const auto &item : items) {
        if (out.size() >= limit)
            break;
        out.append(write(item));
    }
    return out;
}

// ---- health

const MemberTable<ServiceHealth> serviceHealthMembers{
    {"service", &ServiceHealth::service},
    {"reason", &ServiceHealth::reason},
    {"version", &ServiceHealth::version},
    {"latency_ms", &ServiceHealth::latencyMs},
};

QJsonObject componentToJson(const HealthComponent &c)
{
    return {{QStringLiteral("name"), c.name}, {QStringLiteral("status"), int(c.status)}, {QStringLiteral("detail"), c.detail}};
}

HealthComponent componentFromJson(const QJsonObject &o)
{
    return {o.value(QStringLiteral("name")).toString(),
            enumFrom(o.value(QStringLiteral("status")), HealthStatus::Unreachable, HealthStatus::Unknown),
            o.value(QStringLiteral("detail")).toString()};
}

QJsonObject probeToJson(const HealthProbe &p)
{
    return {{QStringLiteral("kind"), int(p.kind)},
            {QStringLiteral("url"), p.url.toString()},
            {QStringLiteral("status"), int(p.verdict.status)},
            {QStringLiteral("reason"), p.verdict.reason},
            {QStringLiteral("version"), p.verdict.version},
            {QStringLiteral("shape"), int(p.verdict.shape)},
            {QStringLiteral("http_status"), p.httpStatus},
            {QStringLiteral("latency_ms"), p.latencyMs}};
}

HealthProbe probeFromJson(const QJsonObject &o)
{
    HealthProbe p;
    p.kind = enumFrom(o.value(QStringLiteral("kind")), HealthProbe::Kind::Readiness, HealthProbe::Kind::Health);
    p.url = QUrl(o.value(QStringLiteral("url")).toString());
    p.verdict.status = enumFrom(o.value(QStringLiteral("status")), HealthStatus::Unreachable, HealthStatus::Unknown);
    p.verdict.reason = o.value(QStringLiteral("reason")).toString();
    p.verdict.version = o.value(QStringLiteral("version")).toString();
    p.verdict.shape = enumFrom(o.value(QStringLiteral("shape")), HealthVerdict::Shape::HttpStatusOnly, HealthVerdict::Shape::None);
    p.httpStatus = o.value(QStringLiteral("http_status")).toInt();
    p.latencyMs = o.value(QStringLiteral("latency_ms")).toInteger();
    return p;
}

// ---- alerts

const MemberTable<Alert> alertMembers{
    {"source", &Alert::source},
    {"fingerprint", &Alert::fingerprint},
    {"starts_at", &Alert::startsAtMs},
    {"ends_at", &Alert::endsAtMs},
    {"updated_at", &Alert::updatedAtMs},
    {"generator_url", &Alert::generatorUrl},
    {"database_id", &Alert::databaseId},
};

QJsonObject alertToJson(const Alert &a)
{
    QJsonObject o = membersToJson(a, alertMembers);
    o.insert(QStringLiteral("source_kind"), int(a.sourceKind));
    o.insert(QStringLiteral("state"), int(a.state));
    o.insert(QStringLiteral("labels"), labelsToJson(a.labels));
    o.insert(QStringLiteral("annotations"), labelsToJson(a.annotations));
    o.insert(QStringLiteral("group_labels"), labelsToJson(a.groupLabels));
    o.insert(QStringLiteral("silenced_by"), stringsToJson(a.silencedBy));
    o.insert(QStringLiteral("inhibited_by"), stringsToJson(a.inhibitedBy));
    o.insert(QStringLiteral("receivers"), stringsToJson(a.receivers));
    return o;
}

Alert alertFromJson(const QJsonObject &o)
{
    Alert a;
    membersFromJson(o, &a, alertMembers);
    a.sourceKind = enumFrom(o.value(QStringLiteral("source_kind")), AlertSourceKind::Database, AlertSourceKind::Alertmanager);
    a.state = enumFrom(o.value(QStringLiteral("state")), AlertState::Acknowledged, AlertState::Firing);
    a.labels = labelsFromJson(o.value(QStringLiteral("labels")));
    a.annotations = labelsFromJson(o.value(QStringLiteral("annotations")));
    a.groupLabels = labelsFromJson(o.value(QStringLiteral("group_labels")));
    a.silencedBy = stringsFromJson(o.value(QStringLiteral("silenced_by")));
    a.inhibitedBy = stringsFromJson(o.value(QStringLiteral("inhibited_by")));
    a.receivers = stringsFromJson(o.value(QStringLiteral("receivers")));
    return a;
}

const MemberTable<Silence> silenceMembers{
    {"id", &Silence::id},
    {"starts_at", &Silence::startsAtMs},
    {"ends_at", &Silence::endsAtMs},
    {"updated_at", &Silence::updatedAtMs},
    {"created_by", &Silence::createdBy},
    {"comment", &Silence::comment},
    {"state", &Silence::state},
};

QJsonObject silenceToJson(const Silence &s)
{
    QJsonObject o = membersToJson(s, silenceMembers);
    QJsonArray matchers;
    for (const SilenceMatcher &m : s.matchers) {
        matchers.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(m.name)},
                                    {QStringLiteral("value"), QString::fromStdString(m.value)},
                                    {QStringLiteral("is_regex"), m.isRegex},
                                    {QStringLiteral("is_equal"), m.isEqual}});
    }
    o.insert(QStringLiteral("matchers"), matchers);
    return o;
}

Silence silenceFromJson(const QJsonObject &o)
{
    Silence s;
    membersFromJson(o, &s, silenceMembers);
    for (const QJsonValue &v : o.value(QStringLiteral("matchers")).toArray()) {
        const QJsonObject m = v.toObject();
        s.matchers.push_back({m.value(QStringLiteral("name")).toString().toStdString(),
                              m.value(QStringLiteral("value")).toString().toStdString(),
                              m.value(QStringLiteral("is_regex")).toBool(), m.value(QStringLiteral("is_equal")).toBool(true)});
    }
    return s;
}

const MemberTable<AlertSnapshot> snapshotMembers{
    {"source", &AlertSnapshot::source},
    {"answered_by", &AlertSnapshot::answeredBy},
    {"fetched_at", &AlertSnapshot::fetchedAtMs},
};

// ---- databases

const MemberTable<PgServerSample> serverMembers{
    {"server_time", &PgServerSample::serverTimeMs},
    {"ping_ms", &PgServerSample::pingMs},
    {"version_num", &PgServerSample::versionNum},
    {"version", &PgServerSample::version},
    {"max_connections", &PgServerSample::maxConnections},
    {"started_at", &PgServerSample::startedAtMs},
    {"in_recovery", &PgServerSample::inRecovery},
    {"read_only", &PgServerSample::readOnly},
    {"commits", &PgServerSample::commits},
    {"rollbacks", &PgServerSample::rollbacks},
    {"blocks_read", &PgServerSample::blocksRead},
    {"blocks_hit", &PgServerSample::blocksHit},
    {"tuples_returned", &PgServerSample::tuplesReturned},
    {"tuples_fetched", &PgServerSample::tuplesFetched},
    {"tuples_inserted", &PgServerSample::tuplesInserted},
    {"tuples_updated", &PgServerSample::tuplesUpdated},
    {"tuples_deleted", &PgServerSample::tuplesDeleted},
    {"deadlocks", &PgServerSample::deadlocks},
    {"temp_files", &PgServerSample::tempFiles},
    {"temp_bytes", &PgServerSample::tempBytes},
    {"stats_reset", &PgServerSample::statsResetMs},
    {"database_bytes", &PgServerSample::databaseBytes},
    {"wal_position", &PgServerSample::walPosition},
    {"checkpoints_timed", &PgServerSample::checkpointsTimed},
    {"checkpoints_requested", &PgServerSample::checkpointsRequested},
    {"oldest_xmin_age", &PgServerSample::oldestXminAge},
    {"frozen_xid_age", &PgServerSample::frozenXidAge},
};

const MemberTable<PgRates> ratesMembers{
    {"interval_ms", &PgRates::intervalMs},
    {"commits_per_s", &PgRates::commitsPerS},
    {"rollbacks_per_s", &PgRates::rollbacksPerS},
    {"tuples_read_per_s", &PgRates::tuplesReadPerS},
    {"tuples_written_per_s", &PgRates::tuplesWrittenPerS},
    {"cache_hit_ratio", &PgRates::cacheHitRatio},
    {"deadlocks", &PgRates::deadlocks},
    {"temp_bytes_per_s", &PgRates::tempBytesPerS},
    {"wal_bytes_per_s", &PgRates::walBytesPerS},
};

const MemberTable<PgSession> sessionMembers{
    {"pid", &PgSession::pid},
    {"database", &PgSession::database},
    {"user", &PgSession::user},
    {"application", &PgSession::application},
    {"client", &PgSession::client},
    {"backend_type", &PgSession::backendType},
    {"state", &PgSession::state},
    {"wait_event_type", &PgSession::waitEventType},
    {"wait_event", &PgSession::waitEvent},
    {"query", &PgSession::query},
    {"query_truncated", &PgSession::queryTruncated},
    {"query_hidden", &PgSession::queryHidden},
    {"xmin_age", &PgSession::xminAge},
    {"backend_start", &PgSession::backendStartMs},
    {"xact_start", &PgSession::xactStartMs},
    {"query_start", &PgSession::queryStartMs},
    {"state_change", &PgSession::stateChangeMs},
    {"lock_mode", &PgSession::lockMode},
    {"lock_type", &PgSession::lockType},
    {"lock_relation", &PgSession::lockRelation},
};

QJsonObject sessionToJson(const PgSession &s)
{
    QJsonObject o = membersToJson(s, sessionMembers);
    QJsonArray blockedBy;
    for (int pid : s.blockedBy)
        blockedBy.append(pid);
    o.insert(QStringLiteral("blocked_by"), blockedBy);
    return o;
}

PgSession sessionFromJson(const QJsonObject &o)
{
    PgSession s;
    membersFromJson(o, &s, sessionMembers);
    for (const QJsonValue &pid : o.value(QStringLiteral("blocked_by")).toArray())
        s.blockedBy.push_back(pid.toInt());
    return s;
}

const MemberTable<PgReplica> replicaMembers{
    {"pid", &PgReplica::pid},
    {"name", &PgReplica::name},
    {"client", &PgReplica::client},
    {"state", &PgReplica::state},
    {"sync_state", &PgReplica::syncState},
    {"write_lag_s", &PgReplica::writeLagS},
    {"flush_lag_s", &PgReplica::flushLagS},
    {"replay_lag_s", &PgReplica::replayLagS},
    {"replay_bytes_behind", &PgReplica::replayBytesBehind},
};

const MemberTable<PgSlot> slotMembers{
    {"name", &PgSlot::name},
    {"type", &PgSlot::type},
    {"wal_status", &PgSlot::walStatus},
    {"active", &PgSlot::active},
    {"retained_bytes", &PgSlot::retainedBytes},
};

const MemberTable<DatabaseSnapshot> databaseMembers{
    {"database", &DatabaseSnapshot::database},
    {"last_good_at", &DatabaseSnapshot::lastGoodAtMs},
    {"statements_message", &DatabaseSnapshot::statementsMessage},
};

template<typename T>
std::vector<T> toVector(QList<T> list)
{
    return std::vector<T>(std::make_move_iterator(list.begin()), std::make_move_iterator(list.end()));
}

// ---- deployments

const MemberTable<Deployment> deploymentMembers{
    {"name", &Deployment::name},
    {"environment", &Deployment::environment},
    {"source", &Deployment::source},
    {"project", &Deployment::project},
    {"service", &Deployment::service},
    {"version", &Deployment::version},
    {"desired", &Deployment::desired},
    {"running", &Deployment::running},
    {"healthy", &Deployment::healthy},
    {"reason", &Deployment::reason},
    {"changed_at", &Deployment::changedMs},
    {"revision", &Deployment::revision},
    {"paused", &Deployment::paused},
    {"managed_by", &Deployment::managedBy},
};

} // namespace

QJsonArray healthToJson(const QList<ServiceHealth> &services)
{
    return listToJson(services, maxRows, [](const ServiceHealth &h) {
        QJsonObject o = membersToJson(h, serviceHealthMembers);
        o.insert(QStringLiteral("status"), int(h.status));
        o.insert(QStringLiteral("checked_at"), h.checkedAt.toMSecsSinceEpoch());
        o.insert(QStringLiteral("components"), listToJson(h.components, maxRows, componentToJson));
        o.insert(QStringLiteral("probes"), listToJson(h.probes, 3, probeToJson));
        return o;
    });
}

QList<ServiceHealth> healthFromJson(const QJsonArray &array)
{
    QList<ServiceHealth> out = listFromJson<ServiceHealth>(array, maxRows, [](const QJsonObject &o) {
        ServiceHealth h;
        membersFromJson(o, &h, serviceHealthMembers);
        h.status = enumFrom(o.value(QStringLiteral("status")), HealthStatus::Unreachable, HealthStatus::Unknown);
        const qint64 checkedAt = o.value(QStringLiteral("checked_at")).toInteger();
        h.checkedAt = checkedAt > 0 ? QDateTime::fromMSecsSinceEpoch(checkedAt, Qt::UTC) : QDateTime();
        h.components = listFromJson<HealthComponent>(o.value(QStringLiteral("components")), maxRows, componentFromJson);
        h.probes = listFromJson<HealthProbe>(o.value(QStringLiteral("probes")), 3, probeFromJson);
        return h;
    });
    // A row without a name or a time cannot be shown honestly.
    out.removeIf([](const ServiceHealth &h) { return h.service.isEmpty() || !h.checkedAt.isValid(); });
    return out;
}

QJsonArray alertsToJson(const QList<AlertSnapshot> &snapshots)
{
    return listToJson(snapshots, maxRows, [](const AlertSnapshot &s) {
        QJsonObject o = membersToJson(s, snapshotMembers);
        o.insert(QStringLiteral("kind"), int(s.kind));
        o.insert(QStringLiteral("alerts"), listToJson(s.alerts, maxAlertsPerSource, alertToJson));
        o.insert(QStringLiteral("silences"), listToJson(s.silences, maxAlertsPerSource, silenceToJson));
        o.insert(QStringLiteral("warnings"), stringsToJson(s.warnings));
        return o;
    });
}

QList<AlertSnapshot> alertsFromJson(const QJsonArray &array)
{
    QList<AlertSnapshot> out = listFromJson<AlertSnapshot>(array, maxRows, [](const QJsonObject &o) {
        AlertSnapshot s;
        membersFromJson(o, &s, snapshotMembers);
        s.kind = enumFrom(o.value(QStringLiteral("kind")), AlertSourceKind::Database, AlertSourceKind::Alertmanager);
        s.ok = true;  // only good snapshots are kept
        s.alerts = toVector(listFromJson<Alert>(o.value(QStringLiteral("alerts")), maxAlertsPerSource, alertFromJson));
        s.silences = toVector(listFromJson<Silence>(o.value(QStringLiteral("silences")), maxAlertsPerSource, silenceFromJson));
        s.warnings = stringsFromJson(o.value(QStringLiteral("warnings")));
        return s;
    });
    out.removeIf([](const AlertSnapshot &s) { return s.source.isEmpty() || s.fetchedAtMs <= 0; });
    return out;
}

QJsonArray databasesToJson(const QList<DatabaseSnapshot> &snapshots)
{
    return listToJson(snapshots, maxRows, [](const DatabaseSnapshot &s) {
        QJsonObject o = membersToJson(s, databaseMembers);
        o.insert(QStringLiteral("server"), membersToJson(s.server, serverMembers));
        if (s.rates)
            o.insert(QStringLiteral("rates"), membersToJson(*s.rates, ratesMembers));
        o.insert(QStringLiteral("sessions"), listToJson(s.sessions, maxSessionsPerDatabase, sessionToJson));
        o.insert(QStringLiteral("replicas"), listToJson(s.replicas, maxRows,
                                                        [](const PgReplica &r) { return membersToJson(r, replicaMembers); }));
        o.insert(QStringLiteral("slots"), listToJson(s.replicationSlots, maxRows,
                                                     [](const PgSlot &r) { return membersToJson(r, slotMembers); }));
        o.insert(QStringLiteral("statements_state"), int(s.statementsState));
        o.insert(QStringLiteral("warnings"), stringsToJson(s.warnings));
        return o;
    });
}

QList<DatabaseSnapshot> databasesFromJson(const QJsonArray &array)
{
    QList<DatabaseSnapshot> out = listFromJson<DatabaseSnapshot>(array, maxRows, [](const QJsonObject &o) {
        DatabaseSnapshot s;
        membersFromJson(o, &s, databaseMembers);
        membersFromJson(o.value(QStringLiteral("server")).toObject(), &s.server, serverMembers);
        if (o.value(QStringLiteral("rates")).isObject()) {
            PgRates rates;
            membersFromJson(o.value(QStringLiteral("rates")).toObject(), &rates, ratesMembers);
            s.rates = rates;
        }
        s.sessions = toVector(listFromJson<PgSession>(o.value(QStringLiteral("sessions")), maxSessionsPerDatabase, sessionFromJson));
        s.replicas = toVector(listFromJson<PgReplica>(o.value(QStringLiteral("replicas")), maxRows, [](const QJsonObject &r) {
            PgReplica replica;
            membersFromJson(r, &replica, replicaMembers);
            return replica;
        }));
        s.replicationSlots = toVector(listFromJson<PgSlot>(o.value(QStringLiteral("slots")), maxRows, [](const QJsonObject &r) {
            PgSlot slot;
            membersFromJson(r, &slot, slotMembers);
            return slot;
        }));
        s.statementsState = enumFrom(o.value(QStringLiteral("statements_state")), PgStatementsState::Failed, PgStatementsState::Unknown);
        s.warnings = stringsFromJson(o.value(QStringLiteral("warnings")));
        s.attemptedAtMs = s.lastGoodAtMs;
        return s;
    });
    out.removeIf([](const DatabaseSnapshot &s) { return s.database.isEmpty() || !s.hasData(); });
    return out;
}

QJsonArray deploymentsToJson(const QList<Deployment> &deployments)
{
    return listToJson(deployments, maxRows, [](const Deployment &d) {
        QJsonObject o = membersToJson(d, deploymentMembers);
        o.insert(QStringLiteral("images"), stringsToJson(d.images));
        o.insert(QStringLiteral("status"), int(d.status));
        return o;
    });
}

QList<Deployment> deploymentsFromJson(const QJsonArray &array)
{
    QList<Deployment> out = listFromJson<Deployment>(array, maxRows, [](const QJsonObject &o) {
        Deployment d;
        membersFromJson(o, &d, deploymentMembers);
        d.images = stringsFromJson(o.value(QStringLiteral("images")));
        d.status = enumFrom(o.value(QStringLiteral("status")), DeploymentStatus::Stopped, DeploymentStatus::Stopped);
        return d;
    });
    out.removeIf([](const Deployment &d) { return d.name.isEmpty(); });
    return out;
}

} // namespace opsdeck::state
