#include "profile_session.h"

#include "health_checker.h"
#include "health_model.h"
#include "http_client.h"

#include <QTimer>

namespace opsdeck {

ProfileSession::ProfileSession(const Profile &profile, QObject *parent)
    : QObject(parent),
      m_profile(profile),
      m_http(new HttpClient(this)),
      m_healthChecker(new HealthChecker(m_http, this)),
      m_healthModel(new HealthModel(this)),
      m_ageTimer(new QTimer(this))
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
}

ProfileSession::~ProfileSession()
{
    // The checker cancels its requests; the client joins its worker thread.
    delete m_healthChecker;
    delete m_http;
}

void ProfileSession::start()
{
    m_healthChecker->start();
    m_ageTimer->start();
}

void ProfileSession::checkHealthNow()
{
    m_healthChecker->checkAll();
}

} // namespace opsdeck
