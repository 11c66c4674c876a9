#pragma once

// The Prometheus HTTP API (/api/v1): answers decoded into plain values, and a
// client that sends queries through the shared HttpClient. query_range answers
// can be tens of megabytes: they are decoded with simdjson, on the HTTP worker
// thread, straight into per-series arrays.

#include "metrics/series_store.h"
#include "net/http_client.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <vector>

namespace opsdeck {

struct PromSeries {
    Labels metric;  // includes __name__ when the answer has one
    std::vector<SamplePoint> points;
};

struct PromTarget {
    Labels labels;
    QString scrapeUrl;
    QString health;  // up, down, unknown
    QString lastError;
    double lastScrapeDurationS = 0;
};

struct PromApiResult {
    bool ok = false;
    int httpStatus = 0;
    QString errorType;  // bad_data, execution, timeout, unavailable, transport, decode...
    QString error;      // Prometheus's message as it is, or what went wrong on the way
    QStringList warnings;
    QString resultType;              // vector, matrix, scalar, string (queries)
    std::vector<PromSeries> series;  // vector: one point each; scalar: one series without labels
    QString stringValue;             // resultType string
    QStringList names;               // /labels, /label/<name>/values
    std::vector<Labels> seriesSets;  // /series
    std::vector<PromTarget> targets; // /targets (active)
};

// Decodes any /api/v1 answer. body is taken by value: simdjson needs padding
// after the bytes, which is added in place rather than copying the answer.
PromApiResult decodePrometheusResponse(int httpStatus, QByteArray body);

// A query_range step for a window drawn on `pixels` columns: about one point
// a pixel, at least 1 s, a round value, and never more than Prometheus's
// 11,000 points a series.
std::int64_t chooseStepSeconds(std::int64_t rangeSeconds, int pixels);

// Parses "30s", "5m", "1h30m", "7d", "250ms" into milliseconds; -1 if invalid.
std::int64_t parseDurationMs(const QString &text);

class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    PrometheusClient(HttpClient *http, QUrl baseUrl, QObject *parent = nullptr);
    ~PrometheusClient() override;

    void setTemplate(const HttpRequest &base) { m_template = base; }  // timeouts, TLS, auth

    quint64 query(const QString &promql, std::optional<qint64> timeMs = std::nullopt);
    quint64 queryRange(const QString &promql, qint64 startMs, qint64 endMs, qint64 stepSeconds);
    quint64 series(const QStringList &matchers, qint64 startMs, qint64 endMs);
    // Both narrow to series matching `matchers` between start and end when given (0: no bound).
    quint64 labels(const QStringList &matchers = {}, qint64 startMs = 0, qint64 endMs = 0);
    quint64 labelValues(const QString &label, const QStringList &matchers = {}, qint64 startMs = 0, qint64 endMs = 0);
    quint64 targets();

Q_SIGNALS:
    void finished(quint64 id, const opsdeck::PromApiResult &result);

private:
    quint64 send(const QString &path, const QList<QPair<QString, QString>> &params);

    // The client may go first (its owner deletes it first to join its worker); then nothing is left to cancel.
    QPointer<HttpClient> m_http;
    QUrl m_base;
    HttpRequest m_template;
    QMutex m_mutex;  // guards m_ours: answers are decoded on the HTTP worker thread
    QSet<quint64> m_ours;
    QMetaObject::Connection m_connection;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::PromApiResult)
