#include "health_checker.h"

#include "logging.h"
#include "secrets.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace opsdeck {

namespace {
constexpr qint64 maxHealthBodyBytes = 1024 * 1024;
}

struct HealthChecker::Round {
    QList<HealthProbe> probes;
    int outstanding = 0;
    bool countsForAll = false;
};

HealthChecker::HealthChecker(HttpClient *http, QObject *parent)
    : QObject(parent), m_http(http)
{
    qRegisterMetaType<opsdeck::ServiceHealth>();
    connect(m_http, &HttpClient::finished, this, &HealthChecker::onFinished);
}

HealthChecker::~HealthChecker()
{
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        m_http->cancel(it.key());
}

void HealthChecker::setServices(const QList<ServiceConfig> &services)
{
    stop();
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        m_http->cancel(it.key());
    m_pending.clear();
    ++m_generation;
    m_services = services;
    m_rounds.clear();
    m_rounds.resize(size_t(services.size()));
    m_credentials.assign(size_t(services.size()), Credentials{});
    m_awaitingAll = 0;
    for (int i = 0; i < services.size(); ++i)
        resolveCredentials(i);
}

void HealthChecker::resolveCredentials(int index)
{
    const EndpointSecurity &sec = m_services[index].security;
    const bool bearer = sec.bearerToken.isSet();
    if (!bearer && sec.basicUser.isEmpty())
        return;
    const SecretRef ref = bearer ? sec.bearerToken : sec.basicPassword;
    const QString name = m_services[index].name;
    auto apply = [this, index, bearer, user = sec.basicUser, name](const SecretLookup &found) {
        if (!found.ok())
            logWarn(QStringLiteral("%1: credentials: %2").arg(name, found.error));
        Credentials &c = m_credentials[size_t(index)];
        c.auth = bearer ? HttpAuth{HttpAuth::Kind::Bearer, {}, found.value}
                        : HttpAuth{HttpAuth::Kind::Basic, user, found.value};
        c.ready = true;
    };
    if (ref.kind != SecretRef::Kind::Keychain) {
        apply(resolveSecret(ref));
        return;
    }
    m_credentials[size_t(index)].ready = false;
    auto *watcher = new QFutureWatcher<SecretLookup>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcher<SecretLookup>::finished, this, [this, watcher, generation, apply, index] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;  // the configuration changed meanwhile
        apply(watcher->result());
        if (!m_timers.empty())
            startRound(index);
    });
    watcher->setFuture(QtConcurrent::run([ref] { return resolveSecret(ref); }));
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
    HttpRequest r;
    r.url = url;
    r.totalTimeoutMs = service.timeoutS * 1000;
    r.connectTimeoutMs = std::min(r.totalTimeoutMs, 3000);
    r.lowSpeedSeconds = std::max(1, service.timeoutS);
    r.maxBodyBytes = maxHealthBodyBytes;
    r.caFile = service.security.caFile;
    r.insecure = service.security.insecure;
    r.headers << qMakePair(QByteArray("Accept"),
                           QByteArray("application/health+json, application/json;q=0.9, text/plain;q=0.5, */*;q=0.1"));
    return r;
}

void HealthChecker::startRound(int index)
{
    auto &round = m_rounds[size_t(index)];
    if (round && round->outstanding > 0)
        return;  // the previous check has not answered yet: do not pile up
    const Credentials &credentials = m_credentials[size_t(index)];
    if (!credentials.ready)
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
        request.auth = credentials.auth;
        m_pending.insert(m_http->get(request), PendingProbe{index, p});
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
