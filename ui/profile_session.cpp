#include "profile_session.h"

#include "health_checker.h"
#include "health_model.h"
#include "http_client.h"
#include "prometheus_api.h"
#include "series_store.h"

#include <QTimer>

namespace opsdeck {

ProfileSession::ProfileSession(const Profile &profile, QObject *parent)
    : QObject(parent),
      m_profile(profile),
      m_http(new HttpClient(this)),
      m_healthChecker(new HealthChecker(m_http, this)),
      m_healthModel(new HealthModel(this)),
      m_ageTimer(new QTimer(this)),
      m_store(std::make_shared<SeriesStore>()),
      m_scraper(new MetricsScraper(m_http, m_store.get(), this)),
      m_evictTimer(new QTimer(this))
{
    QList<ServiceConfig> checked;
    QList<HealthModel::ServiceEntry> entries;
    for (const ServiceConfig &s : profile.services) {
        if (s.healthUrl.isEmpty() && s.livenessUrl.isEmpty() && s.readinessUrl.isEmpty())
            continue;
        checked << s;
        entries << HealthModel::ServiceEntry{s.name, s.intervalS, s.security.insecure};
    }
    m_healthChecker->setServices(checked);
    m_healthModel->setServices(entries);
    connect(m_healthChecker, &HealthChecker::serviceChecked, m_healthModel, &HealthModel::applyHealth);
    // Ages tick once a second; one dataChanged range for the whole table.
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, m_healthModel, &HealthModel::refreshAges);

    m_scraper->setServices(profile.services);
    if (profile.prometheus)
        m_prometheus = new PrometheusClient(m_http, profile.prometheus->url, this);
    connect(m_scraper, &MetricsScraper::scraped, this, [this](const ScrapeReport &report) {
        m_lastScrapes.insert(report.service, report);
        Q_EMIT scrapesChanged();
    });
    m_evictTimer->setInterval(60000);
    connect(m_evictTimer, &QTimer::timeout, this, [this] { m_store->evict(QDateTime::currentMSecsSinceEpoch()); });
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
}

void ProfileSession::start()
{
    m_healthChecker->start();
    m_ageTimer->start();
    m_scraper->start();
    m_evictTimer->start();
}

void ProfileSession::checkHealthNow()
{
    m_healthChecker->checkAll();
}

} // namespace opsdeck
