#include "alerts/alert_sources.h"

#include "alerts/ack_rules.h"
#include "alerts/alertmanager_api.h"
#include "alerts/database_alerts.h"
#include "alerts/prometheus_alerts.h"
#include "common/logging.h"
#include "net/credential_resolver.h"

#include <QSet>

namespace opsdeck {

AlertSources::AlertSources(HttpClient *http, const Profile &profile, bool resolveCredentials, QObject *parent)
    : QObject(parent)
{
    auto authFor = [&](const EndpointSecurity &security, const QString &name) {
        if (!resolveCredentials)
            return HttpAuth{};
        QString error;
        const HttpAuth auth = resolveAuthNow(security, &error);
        if (!error.isEmpty())
            logWarn(QStringLiteral("%1: credentials: %2").arg(name, error));
        return auth;
    };
    for (const AlertmanagerConfig &config : profile.alertmanagers) {
        auto *client = new AlertmanagerClient(http, config, this);
        client->setAuth(authFor(config.security, config.name));
        connect(client, &AlertmanagerClient::snapshot, this, &AlertSources::onSnapshot);
        m_alertmanagers.push_back(client);
    }
    if (profile.prometheus) {
        m_prometheus = new PrometheusAlertSource(http, QStringLiteral("prometheus"), *profile.prometheus, this);
        m_prometheus->setAuth(authFor(profile.prometheus->security, QStringLiteral("prometheus")));
        connect(m_prometheus, &PrometheusAlertSource::snapshot, this, &AlertSources::onSnapshot);
    }
    for (const DatabaseConfig &config : profile.databases) {
        if (config.alertsTable.isEmpty())
            continue;
        auto *source = new DatabaseAlertSource(config, this);
        connect(source, &DatabaseAlertSource::snapshot, this, &AlertSources::onSnapshot);
        m_databases.push_back(source);
    }
}

AlertSources::~AlertSources() = default;

int AlertSources::count() const
{
    return int(m_alertmanagers.size() + m_databases.size()) + (m_prometheus ? 1 : 0);
}

std::vector<AlertSourceId> AlertSources::ids() const
{
    std::vector<AlertSourceId> out;
    for (const AlertmanagerClient *a : m_alertmanagers)
        out.push_back({a->config().name, AlertSourceKind::Alertmanager});
    if (m_prometheus)
        out.push_back({m_prometheus->name(), AlertSourceKind::Prometheus});
    for (const DatabaseAlertSource *d : m_databases)
        out.push_back({d->name(), AlertSourceKind::Database});
    return out;
}

AlertmanagerClient *AlertSources::alertmanager(const QString &name) const
{
    for (AlertmanagerClient *a : m_alertmanagers) {
        if (a->config().name == name)
            return a;
    }
    return nullptr;
}

DatabaseAlertSource *AlertSources::database(const QString &name) const
{
    for (DatabaseAlertSource *d : m_databases) {
        if (d->name() == name)
            return d;
    }
    return nullptr;
}

void AlertSources::setTimeoutMs(int ms)
{
    for (AlertmanagerClient *a : m_alertmanagers)
        a->setTimeoutMs(ms);
    if (m_prometheus)
        m_prometheus->setTimeoutMs(ms);
}

void AlertSources::refreshAll()
{
    if (m_waiting > 0)
        return;  // the last round is still out; a slow source must not pile up requests
    m_waiting = count();
    if (m_waiting == 0) {
        QMetaObject::invokeMethod(this, &AlertSources::roundFinished, Qt::QueuedConnection);
        return;
    }
    for (AlertmanagerClient *a : m_alertmanagers)
        a->refresh();
    if (m_prometheus)
        m_prometheus->refresh();
    for (DatabaseAlertSource *d : m_databases)
        d->refresh();
}

void AlertSources::onSnapshot(const AlertSnapshot &snapshot)
{
    Q_EMIT this->snapshot(snapshot);
    if (m_waiting > 0 && --m_waiting == 0)
        Q_EMIT roundFinished();
}

std::vector<const Alert *> mergeAlertLists(const std::vector<AlertList> &lists)
{
    QSet<QString> fromAlertmanager;
    std::size_t total = 0;
    for (const AlertList &list : lists) {
        total += list.alerts->size();
        if (list.kind != AlertSourceKind::Alertmanager)
            continue;
        for (const Alert &a : *list.alerts)
            fromAlertmanager.insert(a.fingerprint);
    }
    std::vector<const Alert *> out;
    out.reserve(total);
    QSet<QString> seen;
    seen.reserve(qsizetype(total));
    for (const AlertList &list : lists) {
        for (const Alert &a : *list.alerts) {
            if (list.kind == AlertSourceKind::Prometheus && a.state != AlertState::Pending && fromAlertmanager.contains(a.fingerprint))
                continue;
            const QString key = a.source + u'/' + a.fingerprint;
            if (seen.contains(key))
                continue;
            seen.insert(key);
            out.push_back(&a);
        }
    }
    return out;
}

std::vector<Alert> mergeAlerts(const std::vector<AlertSnapshot> &snapshots)
{
    std::vector<AlertList> lists;
    lists.reserve(snapshots.size());
    for (const AlertSnapshot &s : snapshots)
        lists.push_back({s.kind, &s.alerts});
    std::vector<Alert> out;
    for (const Alert *a : mergeAlertLists(lists))
        out.push_back(*a);
    return out;
}

const Silence *acknowledgementOf(const Alert &alert, const std::vector<Silence> &silences)
{
    for (const QString &id : alert.silencedBy) {
        for (const Silence &s : silences) {
            if (s.id == id && isAcknowledgement(s))
                return &s;
        }
    }
    return nullptr;
}

} // namespace opsdeck
