#include "prometheus/prometheus_api.h"

#include "metrics/exposition_lexing.h"

#include <QRegularExpression>
#include <QUrlQuery>

#include <simdjson.h>

#include <algorithm>
#include <cmath>

namespace opsdeck {

namespace {

namespace sj = simdjson::ondemand;

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Prometheus writes sample values as strings: "1.5", "NaN", "+Inf", "-Inf".
bool parseSampleValue(std::string_view text, double *value)
{
    return lexing::parseValue(text, value);
}

// [ <unix seconds as float>, "<value>" ]
bool readPoint(sj::value pair, SamplePoint *point)
{
    sj::array a;
    if (pair.get_array().get(a))
        return false;
    auto it = a.begin();
    if (it == a.end())
        return false;
    double t;
    if ((*it).get_double().get(t))
        return false;
    ++it;
    if (it == a.end())
        return false;
    std::string_view v;
    if ((*it).get_string().get(v))
        return false;
    point->timestampMs = std::llround(t * 1000.0);
    return parseSampleValue(v, &point->value);
}

bool readLabels(sj::value object, Labels *labels)
{
    sj::object o;
    if (object.get_object().get(o))
        return false;
    for (auto field : o) {
        std::string_view key, value;
        if (field.unescaped_key().get(key) || field.value().get_string().get(value))
            return false;
        labels->emplace_back(std::string(key), std::string(value));
    }
    std::sort(labels->begin(), labels->end());
    return true;
}

[[noreturn]] void malformed(simdjson::error_code code = simdjson::INCORRECT_TYPE)
{
    throw simdjson::simdjson_error(code);
}

// The On Demand API reads forward only: each value is read once, in document
// order, and any error (also a structural one found mid-way) becomes an
// exception that decodePrometheusResponse turns into a decode error.
template<typename T>
T get(simdjson::simdjson_result<T> result)
{
    T value;
    if (const auto error = std::move(result).get(value))
        malformed(error);
    return value;
}

// A vector or matrix item: {"metric": {...}, "value": [t, "v"]} or "values": [[t, "v"], ...].
PromSeries readSeriesItem(sj::object item)
{
    PromSeries s;
    for (auto field : item) {
        const std::string_view key = get(field.unescaped_key());
        if (key == "metric") {
            if (!readLabels(field.value(), &s.metric))
                malformed();
        } else if (key == "value") {
            SamplePoint p;
            if (!readPoint(field.value(), &p))
                malformed();
            s.points.push_back(p);
        } else if (key == "values") {
            for (auto v : get(field.value().get_array())) {
                SamplePoint p;
                if (!readPoint(get(std::move(v)), &p))
                    malformed();
                s.points.push_back(p);
            }
        }
    }
    return s;
}

void readResult(sj::value result, const std::string_view type, PromApiResult &r)
{
    if (type == "scalar" || type == "string") {
        auto pair = get(result.get_array());
        auto it = pair.begin();
        if (it == pair.end())
            malformed();
        const double t = get((*it).get_double());
        ++it;
        if (it == pair.end())
            malformed();
        const std::string_view v = get((*it).get_string());
        if (type == "string") {
            r.stringValue = qs(v);
            return;
        }
        PromSeries s;
        SamplePoint p{std::llround(t * 1000.0), 0};
        if (!parseSampleValue(v, &p.value))
            malformed();
        s.points.push_back(p);
        r.series.push_back(std::move(s));
        return;
    }
    for (auto item : get(result.get_array()))
        r.series.push_back(readSeriesItem(get(get(std::move(item)).get_object())));
}

PromTarget readTarget(sj::object object)
{
    PromTarget target;
    for (auto field : object) {
        const std::string_view key = get(field.unescaped_key());
        if (key == "labels") {
            if (!readLabels(field.value(), &target.labels))
                malformed();
        } else if (key == "scrapeUrl") {
            target.scrapeUrl = qs(get(field.value().get_string()));
        } else if (key == "health") {
            target.health = qs(get(field.value().get_string()));
        } else if (key == "lastError") {
            target.lastError = qs(get(field.value().get_string()));
        } else if (key == "lastScrapeDuration") {
            target.lastScrapeDurationS = get(field.value().get_double());
        }
    }
    return target;
}

// "data" of any endpoint, in one forward pass.
void readData(sj::value data, PromApiResult &r)
{
    if (get(data.type()) == sj::json_type::array) {
        // /labels and /label/x/values: strings; /series: label sets.
        for (auto element : get(data.get_array())) {
            sj::value v = get(std::move(element));
            if (get(v.type()) == sj::json_type::string) {
                r.names << qs(get(v.get_string()));
            } else {
                Labels labels;
                if (!readLabels(v, &labels))
                    malformed();
                r.seriesSets.push_back(std::move(labels));
            }
        }
        return;
    }
    std::string_view type;
    for (auto field : get(data.get_object())) {
        const std::string_view key = get(field.unescaped_key());
        if (key == "resultType") {
            type = get(field.value().get_string());
            r.resultType = qs(type);
        } else if (key == "result") {
            if (type.empty())
                malformed();  // Prometheus writes resultType first
            readResult(field.value(), type, r);
        } else if (key == "activeTargets") {
            for (auto t : get(field.value().get_array()))
                r.targets.push_back(readTarget(get(get(std::move(t)).get_object())));
        }
    }
}

PromApiResult decodeOrThrow(int httpStatus, QByteArray body)
{
    PromApiResult r;
    r.httpStatus = httpStatus;
    const qsizetype size = body.size();
    body.reserve(size + qsizetype(simdjson::SIMDJSON_PADDING));
    body.data()[size] = '\0';

    static thread_local sj::parser parser;
    sj::document doc;
    sj::object root;
    if (parser.iterate(simdjson::padded_string_view(body.constData(), size_t(size), size_t(body.capacity()))).get(doc)
        || doc.get_object().get(root)) {
        r.errorType = QStringLiteral("decode");
        const QByteArray head = body.left(120).simplified();
        r.error = httpStatus >= 200 && httpStatus < 300
            ? QStringLiteral("not a Prometheus API answer: %1").arg(QString::fromUtf8(head))
            : QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(QString::fromUtf8(head));
        return r;
    }

    std::string_view status;
    for (auto field : root) {
        const std::string_view key = get(field.unescaped_key());
        if (key == "status") {
            status = get(field.value().get_string());
        } else if (key == "errorType") {
            r.errorType = qs(get(field.value().get_string()));
        } else if (key == "error") {
            r.error = qs(get(field.value().get_string()));
        } else if (key == "warnings") {
            for (auto w : get(field.value().get_array()))
                r.warnings << qs(get(get(std::move(w)).get_string()));
        } else if (key == "data") {
            readData(field.value(), r);
        }
    }
    if (status == "success" && r.errorType.isEmpty()) {
        r.ok = true;
    } else {
        r.ok = false;
        if (r.errorType.isEmpty())
            r.errorType = status.empty() ? QStringLiteral("decode") : qs(status);
        if (r.error.isEmpty())
            r.error = QStringLiteral("HTTP %1 without an error message").arg(httpStatus);
    }
    return r;
}

} // namespace

PromApiResult decodePrometheusResponse(int httpStatus, QByteArray body)
{
    // Whatever arrives, the caller gets a result or an error, never an exception.
    try {
        return decodeOrThrow(httpStatus, std::move(body));
    } catch (const simdjson::simdjson_error &e) {
        PromApiResult r;
        r.httpStatus = httpStatus;
        r.errorType = QStringLiteral("decode");
        r.error = QStringLiteral("malformed answer: %1").arg(QString::fromUtf8(e.what()));
        return r;
    }
}

std::int64_t chooseStepSeconds(std::int64_t rangeSeconds, int pixels)
{
    static const std::int64_t nice[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
                                        7200, 10800, 21600, 43200, 86400};
    const std::int64_t wanted = std::max<std::int64_t>(1, rangeSeconds / std::max(1, pixels));
    const std::int64_t minimum = (rangeSeconds + 10999) / 11000;
    const std::int64_t target = std::max(wanted, minimum);
    for (std::int64_t n : nice) {
        if (n >= target)
            return n;
    }
    return ((target + 86399) / 86400) * 86400;
}

std::int64_t parseDurationMs(const QString &text)
{
    static const QRegularExpression part(QStringLiteral("(\\d+)(ms|s|m|h|d|w|y)"));
    if (text.isEmpty())
        return -1;
    std::int64_t total = 0;
    qsizetype pos = 0;
    auto it = part.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != pos)
            return -1;
        pos = m.capturedEnd();
        const std::int64_t n = m.captured(1).toLongLong();
        const QString unit = m.captured(2);
        const std::int64_t factor = unit == u"ms" ? 1 : unit == u"s" ? 1000 : unit == u"m" ? 60000
            : unit == u"h" ? 3600000 : unit == u"d" ? 86400000 : unit == u"w" ? 604800000 : 31536000000LL;
        total += n * factor;
    }
    return pos == text.size() ? total : -1;
}

PrometheusClient::PrometheusClient(HttpClient *http, QUrl baseUrl, QObject *parent)
    : QObject(parent), m_http(http), m_base(std::move(baseUrl))
{
    qRegisterMetaType<opsdeck::PromApiResult>();
    m_template.totalTimeoutMs = 30000;
    m_template.maxBodyBytes = 256LL * 1024 * 1024;
    m_template.lowSpeedSeconds = 15;
    // Decoding happens right here on the HTTP worker thread (a direct connection),
    // so a 30 MB answer never stalls the GUI; the decoded result is then queued.
    m_connection = connect(m_http, &HttpClient::finished, this, [this](quint64 id, const HttpResponse &response) {
        {
            QMutexLocker lock(&m_mutex);
            if (!m_ours.remove(id))
                return;
        }
        PromApiResult result;
        if (!response.transportOk()) {
            result.httpStatus = response.status;
            result.errorType = QStringLiteral("transport");
            result.error = response.errorMessage;
        } else {
            result = decodePrometheusResponse(response.status, response.body);
        }
        Q_EMIT finished(id, result);
    }, Qt::DirectConnection);
}

PrometheusClient::~PrometheusClient()
{
    disconnect(m_connection);
    if (!m_http)
        return;
    QMutexLocker lock(&m_mutex);
    for (quint64 id : std::as_const(m_ours))
        m_http->cancel(id);
}

namespace {

QList<QPair<QString, QString>> seriesBounds(const QStringList &matchers, qint64 startMs, qint64 endMs)
{
    QList<QPair<QString, QString>> params;
    for (const QString &m : matchers)
        params.append({QStringLiteral("match[]"), m});
    if (startMs > 0)
        params.append({QStringLiteral("start"), QString::number(double(startMs) / 1000.0, 'f', 3)});
    if (endMs > 0)
        params.append({QStringLiteral("end"), QString::number(double(endMs) / 1000.0, 'f', 3)});
    return params;
}

} // namespace

quint64 PrometheusClient::send(const QString &path, const QList<QPair<QString, QString>> &params)
{
    HttpRequest request = m_template;
    QUrl url = apiUrl(m_base, path);
    QUrlQuery query;
    for (const auto &[k, v] : params)
        query.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    url.setQuery(query);
    request.url = url;
    // Take the lock before the request exists, so its answer cannot be missed.
    QMutexLocker lock(&m_mutex);
    const quint64 id = m_http->send(request);
    m_ours.insert(id);
    return id;
}

quint64 PrometheusClient::query(const QString &promql, std::optional<qint64> timeMs)
{
    QList<QPair<QString, QString>> params{{QStringLiteral("query"), promql}};
    if (timeMs)
        params.append({QStringLiteral("time"), QString::number(double(*timeMs) / 1000.0, 'f', 3)});
    return send(QStringLiteral("/api/v1/query"), params);
}

quint64 PrometheusClient::queryRange(const QString &promql, qint64 startMs, qint64 endMs, qint64 stepSeconds)
{
    return send(QStringLiteral("/api/v1/query_range"),
                {{QStringLiteral("query"), promql},
                 {QStringLiteral("start"), QString::number(double(startMs) / 1000.0, 'f', 3)},
                 {QStringLiteral("end"), QString::number(double(endMs) / 1000.0, 'f', 3)},
                 {QStringLiteral("step"), QString::number(stepSeconds)}});
}

quint64 PrometheusClient::series(const QStringList &matchers, qint64 startMs, qint64 endMs)
{
    return send(QStringLiteral("/api/v1/series"), seriesBounds(matchers, startMs, endMs));
}

quint64 PrometheusClient::labels(const QStringList &matchers, qint64 startMs, qint64 endMs)
{
    return send(QStringLiteral("/api/v1/labels"), seriesBounds(matchers, startMs, endMs));
}

quint64 PrometheusClient::labelValues(const QString &label, const QStringList &matchers, qint64 startMs, qint64 endMs)
{
    return send(QStringLiteral("/api/v1/label/%1/values").arg(QString::fromLatin1(QUrl::toPercentEncoding(label))),
                seriesBounds(matchers, startMs, endMs));
}

quint64 PrometheusClient::targets()
{
    return send(QStringLiteral("/api/v1/targets"), {{QStringLiteral("state"), QStringLiteral("active")}});
}

} // namespace opsdeck
