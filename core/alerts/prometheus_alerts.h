#pragma once

// Prometheus as an alert source: /api/v1/alerts (pending and firing alerts)
// and /api/v1/rules (alerting rules, with their health and last error).

#include "alerts/alerts.h"
#include "config/config.h"
#include "net/http_client.h"

#include <QObject>
#include <QPointer>

namespace opsdeck {

struct PromAlertingRule {
    QString group;
    QString name;
    QString query;
    double durationS = 0;
    QString state;   // inactive, pending, firing
    QString health;  // ok, err, unknown
    QString lastError;
    Labels labels;
    Labels annotations;
};

struct PromAlertsDecode {
    bool ok = false;
    QString error;
    std::vector<Alert> alerts;
    std::vector<PromAlertingRule> rules;
};

// The data of /api/v1/alerts; activeAt becomes startsAt.
PromAlertsDecode decodePrometheusAlerts(const QByteArray &body, const QString &source);
// The alerting rules of /api/v1/rules (recording rules are skipped).
PromAlertsDecode decodePrometheusRules(const QByteArray &body);

class PrometheusAlertSource : public QObject
{
    Q_OBJECT
public:
    PrometheusAlertSource(HttpClient *http, QString name, PrometheusConfig config, QObject *parent = nullptr);
    ~PrometheusAlertSource() override;

    void setAuth(const HttpAuth &auth) { m_auth = auth; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    const QString &name() const { return m_name; }

    void refresh();

Q_SIGNALS:
    void snapshot(const opsdeck::AlertSnapshot &snapshot);

private:
    HttpRequest request(const QString &path, const QString &query = {}) const;
    void onFinished(quint64 id, const HttpResponse &response);
    void finish(AlertSnapshot taken);

    QPointer<HttpClient> m_http;
    QString m_name;
    PrometheusConfig m_config;
    HttpAuth m_auth;
    int m_timeoutMs = 10000;
    quint64 m_alertsRequest = 0;
    quint64 m_rulesRequest = 0;
    AlertSnapshot m_partial;
    std::vector<PromAlertingRule> m_rules;
};

} // namespace opsdeck
