#pragma once

#include "alerts/alerts.h"
#include "config/config.h"
#include "prometheus/metrics_scraper.h"

#include <QHash>
#include <QObject>

#include <memory>

class QTimer;

namespace opsdeck {

class AckKeeper;
class BackendActions;
class DatabaseMonitor;
class AlertActions;
class AlertModel;
class AlertSources;
class CredentialResolver;
class SecretCache;
class HealthChecker;
class SilenceModel;
class HealthModel;
class HttpClient;
class PrometheusClient;
class SeriesStore;

// Everything that runs for one profile: the HTTP worker, the checkers and the
// models they feed. Switching profiles destroys the session and makes a new
// one, so no late answer of the old profile can reach the new one's models.
class ProfileSession : public QObject
{
    Q_OBJECT
public:
    explicit ProfileSession(const Profile &profile, QObject *parent = nullptr);
    ~ProfileSession() override;

    const Profile &profile() const { return m_profile; }
    // Adds a dashboard for this session (an imported one; not written to the file).
    void addDashboard(const DashboardSpec &dashboard) { m_profile.dashboards.append(dashboard); }
    HealthModel *healthModel() const { return m_healthModel; }
    SecretCache *secretCache() const { return m_secrets; }
    // Shared with evaluation threads: they keep it alive while they read it.
    std::shared_ptr<const SeriesStore> seriesStore() const { return m_store; }
    QList<ServiceConfig> scrapedServices() const;
    // The profile's Prometheus, or nullptr when it has none.
    PrometheusClient *prometheus() const { return m_prometheus; }
    AlertModel *alertModel() const { return m_alertModel; }
    SilenceModel *silenceModel() const { return m_silenceModel; }
    AlertSources *alertSources() const { return m_alertSources; }
    AlertActions *alertActions() const { return m_alertActions; }
    AckKeeper *ackKeeper() const { return m_ackKeeper; }
    // One monitor per configured database, in the profile's order, and the
    // cancel/terminate actions on their own connections.
    const QList<DatabaseMonitor *> &databaseMonitors() const { return m_databaseMonitors; }
    DatabaseMonitor *databaseMonitor(const QString &name) const;
    BackendActions *backendActions() const { return m_backendActions; }
    // Polls every alert source now (and then on the usual interval).
    void refreshAlerts();
    void setAlertInterval(int ms);

    // The last scrape of each service, by name.
    const QHash<QString, ScrapeReport> &lastScrapes() const { return m_lastScrapes; }

    void start();
    void checkHealthNow();

Q_SIGNALS:
    void scrapesChanged();
    void alertSnapshot(const opsdeck::AlertSnapshot &snapshot);

private:
    Profile m_profile;
    HttpClient *m_http;
    SecretCache *m_secrets;  // each secret of the profile looked up once, for every endpoint that uses it
    HealthChecker *m_healthChecker;
    HealthModel *m_healthModel;
    QTimer *m_ageTimer;
    std::shared_ptr<SeriesStore> m_store;
    MetricsScraper *m_scraper;
    PrometheusClient *m_prometheus = nullptr;
    QTimer *m_evictTimer;
    QHash<QString, ScrapeReport> m_lastScrapes;
    QHash<QString, bool> m_alertSourceOk;  // the last answer of each alert source, to log its changes
    CredentialResolver *m_credentials;
    AlertSources *m_alertSources;
    AlertModel *m_alertModel;
    SilenceModel *m_silenceModel;
    AlertActions *m_alertActions;
    AckKeeper *m_ackKeeper;
    QTimer *m_alertTimer;
    QList<DatabaseMonitor *> m_databaseMonitors;
    BackendActions *m_backendActions;
};

} // namespace opsdeck
