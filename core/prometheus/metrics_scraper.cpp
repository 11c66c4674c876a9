#include "prometheus/metrics_scraper.h"

#include "metrics/openmetrics_parser.h"
#include "metrics/scrape_ingestor.h"
#include "net/credential_resolver.h"

#include <QMutex>
#include <QTimer>

#include <algorithm>
#include <unordered_map>

namespace opsdeck {

struct MetricsScraper::Target {
    ServiceConfig config;
    std::string service;
    QTimer *timer = nullptr;
    qint64 nextMs = 0;
    // Touched on the HTTP worker thread only, one scrape at a time.
    std::unique_ptr<ScrapeIngestor> ingestor;
    SeriesStore::SeriesId upId = 0;
    SeriesStore::SeriesId durationId = 0;
    // The request in flight and its scheduled time; guarded by mutex.
    QMutex mutex;
    quint64 inFlight = 0;
    qint64 inFlightScheduledMs = 0;
};

MetricsScraper::MetricsScraper(HttpClient *http, SeriesStore *store, SecretCache *secrets, QObject *parent)
    : QObject(parent), m_http(http), m_store(store), m_credentials(new CredentialResolver(secrets, this))
{
    qRegisterMetaType<opsdeck::ScrapeReport>();
    m_connection = connect(m_http, &HttpClient::finished, this, [this](quint64 id, const HttpResponse &response) {
        // On the HTTP worker thread: find the target without touching GUI-thread state.
        std::shared_ptr<Target> target;
        qint64 scheduled = 0;
        QMutexLocker targetsLock(&m_targetsMutex);
        for (const auto &t : m_targets) {
            QMutexLocker lock(&t->mutex);
            if (t->inFlight == id) {
                target = t;
                scheduled = t->inFlightScheduledMs;
                t->inFlight = 0;
                break;
            }
        }
        targetsLock.unlock();
        if (!target)
            return;
        ScrapeReport report;
        report.service = target->config.name;
        report.timestampMs = scheduled;
        report.durationMs = response.elapsedMs;
        if (!response.transportOk()) {
            report.error = response.errorMessage;
        } else if (!response.isSuccess()) {
            report.error = QStringLiteral("HTTP %1").arg(response.status);
        } else {
            const ScrapeIngestor::Result ingested = target->ingestor->ingest(
                formatFromContentType(response.contentType.toStdString()),
                std::string_view(response.body.constData(), size_t(response.body.size())), scheduled);
            const ParseError &error = ingested.error;
            report.samples = ingested.samples;
            if (error)
                report.error = QStringLiteral("line %1, column %2: %3")
                                   .arg(error.line).arg(error.column).arg(QString::fromStdString(error.message));
            report.ok = !error;
        }
        m_store->append(target->upId, scheduled, report.ok ? 1.0 : 0.0);
        m_store->append(target->durationId, scheduled, double(response.elapsedMs) / 1000.0);
        Q_EMIT scraped(report);
    }, Qt::DirectConnection);
}

MetricsScraper::~MetricsScraper()
{
    disconnect(m_connection);
    if (!m_http)
        return;
    for (const auto &t : m_targets) {
        QMutexLocker lock(&t->mutex);
        if (t->inFlight)
            m_http->cancel(t->inFlight);
    }
}

void MetricsScraper::setServices(const QList<ServiceConfig> &services)
{
    stop();
    // Targets may be referenced by a scrape in flight: the shared_ptr keeps them alive.
    for (const auto &t : m_targets) {
        QMutexLocker lock(&t->mutex);
        if (t->inFlight)
            m_http->cancel(t->inFlight);
        t->inFlight = 0;
    }
    std::vector<std::shared_ptr<Target>> targets;
    for (const ServiceConfig &s : services) {
        if (s.metricsUrl.isEmpty())
            continue;
        auto t = std::make_shared<Target>();
        t->config = s;
        t->service = s.name.toStdString();
        t->upId = m_store->seriesFor("up", {{"service", t->service}});
        t->durationId = m_store->seriesFor("scrape_duration_seconds", {{"service", t->service}});
        t->ingestor = std::make_unique<ScrapeIngestor>(*m_store, t->service);
        targets.push_back(std::move(t));
    }
    {
        QMutexLocker lock(&m_targetsMutex);
        m_targets.swap(targets);
    }
    QList<EndpointSecurity> endpoints;
    QStringList names;
    for (const auto &t : m_targets) {
        endpoints << t->config.security;
        names << t->config.name;
    }
    m_credentials->resolve(endpoints, names);
}

void MetricsScraper::start()
{
    stop();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &t : m_targets) {
        const qint64 interval = qint64(t->config.intervalS) * 1000;
        // Align the schedule to the interval, as Prometheus spreads targets: a steady grid.
        t->nextMs = now - now % interval + interval;
        t->timer = new QTimer(this);
        t->timer->setSingleShot(true);
        t->timer->setTimerType(Qt::PreciseTimer);
        Target *raw = t.get();
        connect(t->timer, &QTimer::timeout, this, [this, raw, interval] {
            const qint64 scheduled = raw->nextMs;
            raw->nextMs += interval;
            const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
            while (raw->nextMs <= nowMs)  // after a suspend: skip, do not catch up
                raw->nextMs += interval;
            raw->timer->start(int(raw->nextMs - nowMs));
            scrape(*raw, scheduled);
        });
        t->timer->start(int(t->nextMs - now));
    }
}

void MetricsScraper::stop()
{
    for (const auto &t : m_targets) {
        delete t->timer;
        t->timer = nullptr;
    }
}

void MetricsScraper::scrapeAll()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto &t : m_targets)
        scrape(*t, now);
}

void MetricsScraper::scrape(Target &target, qint64 scheduledMs)
{
    const int index = int(std::find_if(m_targets.begin(), m_targets.end(),
                                       [&](const auto &t) { return t.get() == &target; }) - m_targets.begin());
    if (!m_credentials->isReady(index))
        return;  // a keychain lookup is still running
    QMutexLocker lock(&target.mutex);
    if (target.inFlight)
        return;  // the previous scrape has not answered: skip this one
    // A scrape never outlives its interval: the next one is due.
    HttpRequest request = endpointRequest(target.config.metricsUrl, target.config.security,
                                          std::min(target.config.timeoutS, target.config.intervalS) * 1000,
                                          64LL * 1024 * 1024);
    request.headers << qMakePair(QByteArray("Accept"), QByteArray(expositionAcceptHeader));
    request.auth = m_credentials->auth(index);
    target.inFlightScheduledMs = scheduledMs;
    target.inFlight = m_http->send(request);
}

} // namespace opsdeck
