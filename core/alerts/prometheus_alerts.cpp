#include "alerts/prometheus_alerts.h"

#include "alerts/alertmanager_api.h"
#include "common/logging.h"
#include "common/rfc3339.h"
#include "metrics/json_fields.h"

#include <QDateTime>
#include <QUrlQuery>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace opsdeck {

namespace {

using json = nlohmann::json;

using json_fields::labels;
using json_fields::string;

// The "data" member of a successful answer; sets error otherwise.
const json *dataOf(const json &document, QString *error)
{
    if (!document.is_object()) {
        *error = QStringLiteral("expected a JSON object");
        return nullptr;
    }
    if (string(document, "status") != u"success") {
        const QString type = string(document, "errorType");
        const QString message = string(document, "error");
        *error = message.isEmpty() ? QStringLiteral("the answer is not a success") : QStringLiteral("%1: %2").arg(type, message);
        return nullptr;
    }
    const auto data = document.find("data");
    if (data == document.end() || !data->is_object()) {
        *error = QStringLiteral("the answer has no data");
        return nullptr;
    }
    return &*data;
}

// An /api/v1 answer: its data member handed to read, or the answer's error.
template<typename F>
PromAlertsDecode decodeWith(const QByteArray &body, F &&read)
{
    return json_fields::decode<PromAlertsDecode>(body, [&](const json &document, PromAlertsDecode &result) {
        if (const json *data = dataOf(document, &result.error))
            read(*data, result);
    });
}

} // namespace

PromAlertsDecode decodePrometheusAlerts(const QByteArray &body, const QString &source)
{
    return decodeWith(body, [&](const json &data, PromAlertsDecode &result) {
        const auto alerts = data.find("alerts");
        if (alerts == data.end() || !alerts->is_array()) {
            result.error = QStringLiteral("the answer has no alerts list");
            return;
        }
        for (const json &a : *alerts) {
            if (!a.is_object())
                continue;
            Alert alert;
            alert.source = source;
            alert.sourceKind = AlertSourceKind::Prometheus;
            alert.labels = labels(a, "labels");
            alert.annotations = labels(a, "annotations");
            alert.fingerprint = fingerprintOf(alert.labels);
            alert.startsAtMs = parseRfc3339Ms(string(a, "activeAt").toStdString()).value_or(0);
            const QString state = string(a, "state");
            if (state == u"inactive")
                continue;
            alert.state = state == u"pending" ? AlertState::Pending : AlertState::Firing;
            result.alerts.push_back(std::move(alert));
        }
    });
}

PromAlertsDecode decodePrometheusRules(const QByteArray &body)
{
    return decodeWith(body, [&](const json &data, PromAlertsDecode &result) {
        const auto groups = data.find("groups");
        if (groups == data.end() || !groups->is_array()) {
            result.error = QStringLiteral("the answer has no rule groups");
            return;
        }
        for (const json &g : *groups) {
            if (!g.is_object() || !g.contains("rules") || !g["rules"].is_array())
                continue;
            const QString group = string(g, "name");
            for (const json &r : g["rules"]) {
                if (!r.is_object() || string(r, "type") != u"alerting")
                    continue;
                PromAlertingRule rule;
                rule.group = group;
                rule.name = string(r, "name");
                rule.query = string(r, "query");
                rule.durationS = r.value("duration", 0.0);
                rule.state = string(r, "state");
                rule.health = string(r, "health");
                rule.lastError = string(r, "lastError");
                rule.labels = labels(r, "labels");
                rule.annotations = labels(r, "annotations");
                result.rules.push_back(std::move(rule));
            }
        }
    });
}

PrometheusAlertSource::PrometheusAlertSource(HttpClient *http, QString name, PrometheusConfig config, QObject *parent)
    : QObject(parent), m_http(http), m_name(std::move(name)), m_config(std::move(config))
{
    qRegisterMetaType<AlertSnapshot>();
    connect(m_http, &HttpClient::finished, this, &PrometheusAlertSource::onFinished);
}

PrometheusAlertSource::~PrometheusAlertSource()
{
    if (m_http) {
        for (quint64 id : {m_alertsRequest, m_rulesRequest}) {
            if (id)
                m_http->cancel(id);
        }
    }
}

HttpRequest PrometheusAlertSource::request(const QString &path, const QString &query) const
{
    QUrl url = apiUrl(m_config.url, path);
    url.setQuery(query);
    HttpRequest r = endpointRequest(url, m_config.security, m_timeoutMs, 64LL * 1024 * 1024);
    r.auth = m_auth;
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return r;
}

void PrometheusAlertSource::refresh()
{
    if (m_alertsRequest || m_rulesRequest || !m_http)
        return;
    m_partial = AlertSnapshot{};
    m_partial.source = m_name;
    m_partial.kind = AlertSourceKind::Prometheus;
    m_partial.answeredBy = redactUrl(m_config.url);
    m_alertsRequest = m_http->send(request(QStringLiteral("/api/v1/alerts")));
}

void PrometheusAlertSource::onFinished(quint64 id, const HttpResponse &response)
{
    if (id != m_alertsRequest && id != m_rulesRequest)
        return;
    auto failure = [&]() -> QString {
        if (!response.transportOk())
            return response.errorMessage;
        return {};
    };
    if (id == m_alertsRequest) {
        m_alertsRequest = 0;
        QString error = failure();
        if (error.isEmpty()) {
            PromAlertsDecode decoded = decodePrometheusAlerts(response.body, m_name);
            if (decoded.ok)
                m_partial.alerts = std::move(decoded.alerts);
            else
                error = response.isSuccess() ? decoded.error : QStringLiteral("HTTP %1: %2").arg(response.status).arg(decoded.error);
        }
        if (!error.isEmpty()) {
            m_partial.error = QStringLiteral("/api/v1/alerts: %1").arg(error);
            finish(std::move(m_partial));
            return;
        }
        m_rulesRequest = m_http->send(request(QStringLiteral("/api/v1/rules"), QStringLiteral("type=alert")));
        return;
    }
    m_rulesRequest = 0;
    QString error = failure();
    if (error.isEmpty()) {
        PromAlertsDecode decoded = decodePrometheusRules(response.body);
        if (decoded.ok)
            m_rules = std::move(decoded.rules);
        else
            error = decoded.error;
    }
    // The alerts arrived: a rules failure is a warning, not a failed poll.
    if (!error.isEmpty())
        m_partial.warnings << QStringLiteral("/api/v1/rules: %1").arg(error);
    for (const PromAlertingRule &rule : m_rules) {
        if (rule.health == u"err")
            m_partial.warnings << QStringLiteral("rule %1 fails: %2").arg(rule.name, rule.lastError);
    }
    // Prometheus's alerts carry no generator URL; the rule's query makes one.
    for (Alert &alert : m_partial.alerts) {
        const QString name = alert.name();
        const auto rule = std::find_if(m_rules.begin(), m_rules.end(), [&](const PromAlertingRule &r) { return r.name == name; });
        if (rule == m_rules.end())
            continue;
        QUrl graph = apiUrl(m_config.url, QStringLiteral("/graph"));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("g0.expr"), rule->query);
        query.addQueryItem(QStringLiteral("g0.tab"), QStringLiteral("1"));
        graph.setQuery(query);
        alert.generatorUrl = graph.toString();
    }
    m_partial.ok = true;
    finish(std::move(m_partial));
}

void PrometheusAlertSource::finish(AlertSnapshot taken)
{
    taken.fetchedAtMs = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT snapshot(taken);
}

} // namespace opsdeck
