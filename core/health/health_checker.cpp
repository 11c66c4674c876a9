#include "health/health_checker.h"

#include "net/credential_resolver.h"

#include <QTimer>

namespace opsdeck {

namespace {
constexpr qint64 maxHealthBodyBytes = 1024 * 1024;
}

struct HealthChecker::Round {
    QList<HealthProbe> probes;
    int outstanding = 0;
    bool countsForAll = false;
};

HealthChecker::HealthChecker(HttpClient *http, SecretCache *secrets, QObject *parent)
    : QObject(parent), m_http(http), m_credentials(new CredentialResolver(secrets, this))
{
    qRegisterMetaType<opsdeck::ServiceHealth>();
    connect(m_http, &HttpClient::finished, this, &HealthChecker::onFinished);
    connect(m_credentials, &CredentialResolver::ready, this, [this](int index) {
        if (!m_timers.empty())
            startRound(index);
    });
}

HealthChecker::~HealthChecker()
{
    if (!m_http)
        return;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        m_http->cancel(it.key());
}

void HealthChecker::setServices(const QList<ServiceConfig> &services)
{
    stop();
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        m_http->cancel(it.key());
    m_pending.clear();
    m_services = services;
    m_rounds.clear();
    m_rounds.resize(size_t(services.size()));
    m_awaitingAll = 0;
    QList<EndpointSecurity> endpoints;
    QStringList names;
    for (const ServiceConfig &s : services) {
        endpoints << s.security;
        names << s.name;
    }
    m_credentials->resolve(endpoints, names);
}

void HealthChecker::start()
{
    stop();
    for (int i = 0; i < m_services.size(); ++i) {
        auto *timer = new QTimer(this);
        timer->setInterval(m_services[i].intervalS * 1000);
        timer->setTimerType(Qt::CoarseTimer);
        connect(timer, &QTimer::timeout, this, [this, i] { startRound(i); });
        timer->start();
        m_timers.push_back(timer);
        startRound(i);
    }
}

void HealthChecker::stop()
{
    for (QTimer *t : m_timers)
        delete t;
    m_timers.clear();
}

void HealthChecker::checkAll()
{
    m_awaitingAll = 0;
    for (int i = 0; i < m_services.size(); ++i) {
        startRound(i);
        if (m_rounds[size_t(i)]) {
            m_rounds[size_t(i)]->countsForAll = true;
            ++m_awaitingAll;
        }
    }
    if (m_awaitingAll == 0)
        QTimer::singleShot(0, this, &HealthChecker::allChecked);
}

void HealthChecker::checkService(const QString &name)
{
    for (int i = 0; i < m_services.size(); ++i) {
        if (m_services[i].name == name)
            startRound(i);
    }
}

HttpRequest HealthChecker::requestFor(const ServiceConfig &service, const QUrl &url) const
{
    HttpRequest r = endpointRequest(url, service.security, service.timeoutS * 1000, maxHealthBodyBytes);
    r.lowSpeedSeconds = std::max(1, service.timeoutS);
    r.headers << qMakePair(QByteArray("Accept"),
                           QByteArray("application/health+json, application/json;q=0.9, text/plain;q=0.5, */*;q=0.1"));
    return r;
}

void HealthChecker::startRound(int index)
{
    auto &round = m_rounds[size_t(index)];
    if (round && round->outstanding > 0)
        return;  // the previous check has not answered yet: do not pile up
    if (!m_credentials->isReady(index))
        return;  // a keychain lookup is still running
    const ServiceConfig &service = m_services[index];
    round = std::make_unique<Round>();

    const std::pair<HealthProbe::Kind, QUrl> endpoints[] = {
        {HealthProbe::Kind::Health, service.healthUrl},
        {HealthProbe::Kind::Liveness, service.livenessUrl},
        {HealthProbe::Kind::Readiness, service.readinessUrl},
    };
    for (const auto &[kind, url] : endpoints) {
        if (url.isEmpty())
            continue;
        HealthProbe probe;
        probe.kind = kind;
        probe.url = url;
        round->probes << probe;
    }
    if (round->probes.isEmpty()) {
        round.reset();
        return;
    }
    round->outstanding = int(round->probes.size());
    for (int p = 0; p < round->probes.size(); ++p) {
        HttpRequest request = requestFor(service, round->probes[p].url);
        request.auth = m_credentials->auth(index);
        m_pending.insert(m_http->send(request), PendingProbe{index, p});
    }
}

void HealthChecker::onFinished(quint64 id, const HttpResponse &response)
{
    const auto pending = m_pending.find(id);
    if (pending == m_pending.end())
        return;  // not ours, or from before setServices()
    const auto [index, probeIndex] = pending.value();
    m_pending.erase(pending);
    auto &round = m_rounds[size_t(index)];
    if (!round)
        return;

    HealthProbe &probe = round->probes[probeIndex];
    probe.verdict = interpretHealthResponse(response);
    probe.httpStatus = response.status;
    probe.latencyMs = std::max<qint64>(1, response.elapsedMs);
    if (--round->outstanding > 0)
        return;

    const ServiceHealth health = combineProbes(m_services[index].name, round->probes, QDateTime::currentDateTimeUtc());
    const bool countsForAll = round->countsForAll;
    Q_EMIT serviceChecked(health);
    if (countsForAll && --m_awaitingAll == 0)
        Q_EMIT allChecked();
}

} // namespace opsdeck
