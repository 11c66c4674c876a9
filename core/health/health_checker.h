#pragma once

#include "config/config.h"
#include "health/service_health.h"
#include "net/http_client.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

class QTimer;

namespace opsdeck {

class SecretCache;
class CredentialResolver;
}

namespace opsdeck {

// Polls every service's health endpoints on the service's own interval and
// emits one ServiceHealth a check. It never blocks: requests go to the shared
// HttpClient and answers come back queued. A check still in flight when the
// next tick comes is not doubled; answers from before setServices() are dropped.
class HealthChecker : public QObject
{
    Q_OBJECT
public:
    // secrets: the profile's (shared with the scraper); nullptr for a cache of its own.
    explicit HealthChecker(HttpClient *http, SecretCache *secrets = nullptr, QObject *parent = nullptr);
    ~HealthChecker() override;

    void setServices(const QList<ServiceConfig> &services);
    const QList<ServiceConfig> &services() const { return m_services; }

    // Periodic polling on each service's interval, first check at once.
    void start();
    void stop();
    // One check of every service now; allChecked() follows when each answered.
    void checkAll();
    void checkService(const QString &name);

Q_SIGNALS:
    void serviceChecked(const opsdeck::ServiceHealth &health);
    void allChecked();

private:
    struct Round;
    void startRound(int index);
    void onFinished(quint64 id, const opsdeck::HttpResponse &response);
    HttpRequest requestFor(const ServiceConfig &service, const QUrl &url) const;

    // The client may go first (its owner deletes it first to join its worker); then nothing is left to cancel.
    QPointer<HttpClient> m_http;
    QList<ServiceConfig> m_services;
    std::vector<std::unique_ptr<Round>> m_rounds;  // one slot per service
    CredentialResolver *m_credentials;
    std::vector<QTimer *> m_timers;
    struct PendingProbe {
        int service;
        int probe;
    };
    QHash<quint64, PendingProbe> m_pending;  // request id -> whose answer it is
    int m_awaitingAll = 0;
};

} // namespace opsdeck
