#include "profile_session.h"

#include "alert_model.h"
#include "alerts/ack_keeper.h"
#include "alerts/alert_actions.h"
#include "alerts/alert_sources.h"
#include "alerts/alertmanager_api.h"
#include "alerts/prometheus_alerts.h"
#include "audit/audit_log.h"
#include "common/logging.h"
#include "config/secret_cache.h"
#include "db/backend_actions.h"
#include "db/database_monitor.h"
#include "health/health_checker.h"
#include "database_health.h"
#include "health_model.h"
#include "metrics/series_store.h"
#include "net/credential_resolver.h"
#include "net/http_client.h"
#include "prometheus/prometheus_api.h"
#include "silence_model.h"

#include <QTimer>

namespace opsdeck {

ProfileSession::ProfileSession(const Profile &profile, QObject *parent)
    : QObject(parent),
      m_profile(profile),
      m_http(new HttpClient(this)),
      m_secrets(new SecretCache({}, this)),
      m_healthChecker(new HealthChecker(m_http, m_secrets, this)),
      m_healthModel(new HealthModel(this)),
      m_ageTimer(new QTimer(this)),
      m_store(std::make_shared<SeriesStore>()),
      m_scraper(new MetricsScraper(m_http, m_store.get(), m_secrets, this)),
      m_evictTimer(new QTimer(this)),
      m_credentials(new CredentialResolver(m_secrets, this)),
      m_alertSources(new AlertSources(m_http, profile, false, this)),
      m_alertModel(new AlertModel(this)),
      m_silenceModel(new SilenceModel(this)),
      m_alertActions(new AlertActions(profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("gui"), this)),
      m_ackKeeper(new AckKeeper(m_alertActions, this)),
      m_alertTimer(new QTimer(this)),
      m_backendActions(new BackendActions(profile, AuditLog(AuditLog::defaultPath()), QStringLiteral("gui"), this))
{
    for (const DatabaseConfig &d : profile.databases)
        m_databaseMonitors << new DatabaseMonitor(d, 2000, this);

    QList<ServiceConfig> checked;
    QList<HealthModel::ServiceEntry> entries;
    for (const ServiceConfig &s : profile.services) {
        if (s.healthUrl.isEmpty() && s.livenessUrl.isEmpty() && s.readinessUrl.isEmpty())
            continue;
        checked << s;
        entries << HealthModel::ServiceEntry{s.name, s.intervalS, s.security.insecure};
    }
    // Each database is a row too, fed by its monitor's polls.
    for (const DatabaseConfig &d : profile.databases)
        entries << HealthModel::ServiceEntry{databaseHealthName(d.name), 2, !d.verifiesServer() && !d.isLocal()};
    m_healthChecker->setServices(checked);
    m_healthModel->setServices(entries);
    for (DatabaseMonitor *m : std::as_const(m_databaseMonitors))
        connect(m, &DatabaseMonitor::updated, m_healthModel, [this, m] {
            // An earlier run's snapshot is not a check: the health row has its own restored one.
            if (!m->snapshot().restored || !m->snapshot().error.isEmpty())
                m_healthModel->applyHealth(databaseHealth(m->snapshot()));
        });
    connect(m_healthChecker, &HealthChecker::serviceChecked, m_healthModel, &HealthModel::applyHealth);
    connect(m_healthModel, &HealthModel::transitioned, this,
            [](const QString &service, HealthStatus from, HealthStatus to, const QString &reason) {
                logInfo(QStringLiteral("health: %1 %2 -> %3%4")
                            .arg(service, healthStatusKey(from), healthStatusKey(to),
                                 reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason)));
            });
    // Ages tick once a second; one dataChanged range for the whole table.
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, m_healthModel, &HealthModel::refreshAges);

    m_scraper->setServices(profile.services);
    if (profile.prometheus)
        m_prometheus = new PrometheusClient(m_http, profile.prometheus->url, this);
    connect(m_scraper, &MetricsScraper::scraped, this, [this](const ScrapeReport &report) {
        // The log gets the changes (first answer, failure, recovery), not every scrape.
        const auto previous = m_lastScrapes.constFind(report.service);
        if (previous == m_lastScrapes.constEnd() || previous->ok != report.ok) {
            if (report.ok)
                logInfo(QStringLiteral("metrics: %1 scraped (%2 samples)").arg(report.service).arg(report.samples));
            else
                logWarn(QStringLiteral("metrics: %1 scrape failed: %2").arg(report.service, report.error));
        }
        m_lastScrapes.insert(report.service, report);
        Q_EMIT scrapesChanged();
    });
    m_evictTimer->setInterval(60000);
    connect(m_evictTimer, &QTimer::timeout, this, [this] { m_store->evict(QDateTime::currentMSecsSinceEpoch()); });

    // Alerts: every source polled together; each answer merges on its own.
    m_alertModel->setSources(m_alertSources->ids());
    // "Since" reads from the clock, not from the poll: it must advance between polls too.
    connect(m_ageTimer, &QTimer::timeout, m_alertModel, &AlertModel::refreshAges);
    connect(m_alertSources, &AlertSources::snapshot, this, [this](const AlertSnapshot &snapshot) {
        const auto known = m_alertSourceOk.constFind(snapshot.source);
        if (known == m_alertSourceOk.constEnd() || *known != snapshot.ok) {
            if (snapshot.ok)
                logInfo(QStringLiteral("alerts: %1 answered (%2 alerts)").arg(snapshot.source).arg(snapshot.alerts.size()));
            else
                logWarn(QStringLiteral("alerts: %1 failed: %2").arg(snapshot.source, snapshot.error));
            m_alertSourceOk.insert(snapshot.source, snapshot.ok);
        }
        m_alertModel->applySnapshot(snapshot);
        if (AlertmanagerClient *client = m_alertSources->alertmanager(snapshot.source); client && snapshot.ok) {
            m_silenceModel->setSilences(snapshot.source, snapshot.silences, snapshot.alerts);
            m_ackKeeper->review(client, snapshot, QDateTime::currentMSecsSinceEpoch());
        }
        Q_EMIT alertSnapshot(snapshot);
    });
    // An action changes what the sources say: look again at once.
    connect(m_alertActions, &AlertActions::finished, this, [this] { QTimer::singleShot(300, this, &ProfileSession::refreshAlerts); });
    m_alertTimer->setInterval(10000);
    connect(m_alertTimer, &QTimer::timeout, this, &ProfileSession::refreshAlerts);

    // Credentials of the Alertmanagers and the Prometheus, resolved off the GUI thread.
    QList<EndpointSecurity> endpoints;
    QStringList names;
    for (const AlertmanagerConfig &a : profile.alertmanagers) {
        endpoints << a.security;
        names << a.name;
    }
    if (profile.prometheus) {
        endpoints << profile.prometheus->security;
        names << QStringLiteral("prometheus");
    }
    auto applyCredentials = [this](int index) {
        const int alertmanagers = int(m_profile.alertmanagers.size());
        if (index < alertmanagers) {
            m_alertSources->alertmanagers()[size_t(index)]->setAuth(m_credentials->auth(index));
            return;
        }
        const PrometheusConfig &p = *m_profile.prometheus;
        HttpRequest base = endpointRequest(p.url, p.security, 30000, 256LL * 1024 * 1024);
        base.lowSpeedSeconds = 15;
        base.auth = m_credentials->auth(index);
        if (m_prometheus)
            m_prometheus->setTemplate(base);
        if (m_alertSources->prometheus())
            m_alertSources->prometheus()->setAuth(base.auth);
    };
    connect(m_credentials, &CredentialResolver::ready, this, [this, applyCredentials](int index) {
        applyCredentials(index);
        refreshAlerts();
    });
    m_credentials->resolve(endpoints, names);
    for (int i = 0; i < endpoints.size(); ++i) {
        if (m_credentials->isReady(i))
            applyCredentials(i);
    }
}

DatabaseMonitor *ProfileSession::databaseMonitor(const QString &name) const
{
    for (DatabaseMonitor *m : m_databaseMonitors) {
        if (m->config().name == name)
            return m;
    }
    return nullptr;
}

void ProfileSession::refreshAlerts()
{
    m_alertSources->refreshAll();
}

void ProfileSession::setAlertInterval(int ms)
{
    m_alertTimer->setInterval(ms);
}

QList<ServiceConfig> ProfileSession::scrapedServices() const
{
    QList<ServiceConfig> out;
    for (const ServiceConfig &s : m_profile.services) {
        if (!s.metricsUrl.isEmpty())
            out << s;
    }
    return out;
}

ProfileSession::~ProfileSession()
{
    // The client goes first: joining its worker thread guarantees that no answer
    // is being handled on it while the scraper (which parses there) is deleted.
    delete m_http;
    delete m_healthChecker;
    delete m_scraper;
    delete m_prometheus;
    delete m_alertSources;
}

void ProfileSession::start()
{
    m_healthChecker->start();
    m_ageTimer->start();
    m_scraper->start();
    m_evictTimer->start();
    m_alertTimer->start();
    refreshAlerts();
    for (DatabaseMonitor *m : std::as_const(m_databaseMonitors))
        m->start();
}

void ProfileSession::checkHealthNow()
{
    m_healthChecker->checkAll();
}

} // namespace opsdeck
