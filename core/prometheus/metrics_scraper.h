#pragma once

#include "config/config.h"
#include "metrics/series_store.h"
#include "net/http_client.h"

#include <QDateTime>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

class QTimer;

namespace opsdeck {

class SecretCache;

class CredentialResolver;

// The outcome of one scrape, for status displays.
struct ScrapeReport {
    QString service;
    bool ok = false;
    QString error;
    std::size_t samples = 0;
    qint64 durationMs = 0;
    qint64 timestampMs = 0;  // the scrape's scheduled time, which its samples carry
};

// Scrapes each service's /metrics on its interval into a SeriesStore, as
// Prometheus would: every sample gets a service="<name>" label, and the
// synthetic up and scrape_duration_seconds series are written too. Samples
// carry the scrape's scheduled time, so steady scrapes compress to a bit of
// timestamp each. Parsing and appending run on the HTTP worker thread; only
// the ScrapeReport comes to the caller's thread.
class MetricsScraper : public QObject
{
    Q_OBJECT
public:
    // secrets: the profile's (shared with the health checker); nullptr for a cache of its own.
    MetricsScraper(HttpClient *http, SeriesStore *store, SecretCache *secrets = nullptr, QObject *parent = nullptr);
    ~MetricsScraper() override;

    void setServices(const QList<ServiceConfig> &services);
    void start();
    void stop();
    void scrapeAll();  // once, now (tests, CLI)

Q_SIGNALS:
    void scraped(const opsdeck::ScrapeReport &report);

private:
    struct Target;
    void scrape(Target &target, qint64 scheduledMs);

    // The client may go first (its owner deletes it first to join its worker); then nothing is left to cancel.
    QPointer<HttpClient> m_http;
    SeriesStore *m_store;
    CredentialResolver *m_credentials;
    QMutex m_targetsMutex;  // m_targets is read on the HTTP worker thread
    std::vector<std::shared_ptr<Target>> m_targets;
    QMetaObject::Connection m_connection;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::ScrapeReport)
