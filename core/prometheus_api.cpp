#include "prometheus_api.h"

#include "exposition_lexing.h"

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

void decodeQueryData(sj::object data, PromApiResult &r)
{
    std::string_view type;
    if (data["resultType"].get_string().get(type)) {
        r.ok = false;
        r.errorType = QStringLiteral("decode");
        r.error = QStringLiteral("answer has no resultType");
        return;
    }
    r.resultType = qs(type);
    sj::value result;
    if (data["result"].get(result)) {
        r.ok = false;
        r.errorType = QStringLiteral("decode");
        r.error = QStringLiteral("answer has no result");
        return;
    }
    if (type == "scalar" || type == "string") {
        sj::array a;
        if (result.get_array().get(a)) {
            r.ok = false;
            r.errorType = QStringLiteral("decode");
            r.error = QStringLiteral("scalar result is not a pair");
            return;
        }
        auto it = a.begin();
        double t = 0;
        std::string_view v;
        bool good = it != a.end() && !(*it).get_double().get(t);
        if (good) {
            ++it;
            good = it != a.end() && !(*it).get_string().get(v);
        }
        if (!good) {
            r.ok = false;
            r.errorType = QStringLiteral("decode");
            r.error = QStringLiteral("malformed %1 result").arg(qs(type));
            return;
        }
        if (type == "string") {
            r.stringValue = qs(v);
        } else {
            PromSeries s;
            SamplePoint p{std::llround(t * 1000.0), 0};
            parseSampleValue(v, &p.value);
            s.points.push_back(p);
            r.series.push_back(std::move(s));
        }
        return;
    }
    sj::array items;
    if (result.get_array().get(items)) {
        r.ok = false;
        r.errorType = QStringLiteral("decode");
        r.error = QStringLiteral("result is not a list");
        return;
    }
    for (auto item : items) {
        sj::object o;
        if (const auto error = item.get_object().get(o))
            throw simdjson::simdjson_error(error);
        PromSeries s;
        for (auto field : o) {
            std::string_view key;
            if (field.unescaped_key().get(key))
                continue;
            if (key == "metric") {
                if (!readLabels(field.value(), &s.metric))
                    throw simdjson::simdjson_error(simdjson::INCORRECT_TYPE);
            } else if (key == "value") {
                SamplePoint p;
                if (!readPoint(field.value(), &p))
                    throw simdjson::simdjson_error(simdjson::INCORRECT_TYPE);
                s.points.push_back(p);
            } else if (key == "values") {
                sj::array values;
                if (field.value().get_array().get(values))
                    continue;
                for (auto v : values) {
                    SamplePoint p;
                    if (v.error() || !readPoint(v.value_unsafe(), &p))
                        throw simdjson::simdjson_error(v.error() ? v.error() : simdjson::INCORRECT_TYPE);
                    s.points.push_back(p);
                }
            }
        }
        r.series.push_back(std::move(s));
    }
}

void decodeData(sj::value data, PromApiResult &r)
{
    sj::json_type type;
    if (data.type().get(type))
        return;
    if (type == sj::json_type::array) {
        // /labels and /label/x/values: strings; /series: label sets.
        sj::array a = data.get_array();
        for (auto element : a) {
            sj::json_type t;
            if (element.type().get(t))
                continue;
            if (t == sj::json_type::string) {
                std::string_view s;
                if (!element.get_string().get(s))
                    r.names << qs(s);
            } else if (t == sj::json_type::object) {
                Labels labels;
                if (readLabels(element.value(), &labels))
                    r.seriesSets.push_back(std::move(labels));
            }
        }
        return;
    }
    if (type != sj::json_type::object)
        return;
    sj::object o = data.get_object();
    for (auto field : o) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            continue;
        if (key == "resultType" || key == "result") {
            // A query answer: start again on the object as a whole.
            break;
        }
        if (key == "activeTargets") {
            sj::array targets;
            if (field.value().get_array().get(targets))
                continue;
            for (auto t : targets) {
                PromTarget target;
                sj::object to;
                if (t.get_object().get(to))
                    continue;
                for (auto tf : to) {
                    std::string_view k;
                    if (tf.unescaped_key().get(k))
                        continue;
                    std::string_view sv;
                    if (k == "labels")
                        readLabels(tf.value(), &target.labels);
                    else if (k == "scrapeUrl" && !tf.value().get_string().get(sv))
                        target.scrapeUrl = qs(sv);
                    else if (k == "health" && !tf.value().get_string().get(sv))
                        target.health = qs(sv);
                    else if (k == "lastError" && !tf.value().get_string().get(sv))
                        target.lastError = qs(sv);
                    else if (k == "lastScrapeDuration" && tf.value().get_double().get(target.lastScrapeDurationS))
                        target.lastScrapeDurationS = 0;
                }
                r.targets.push_back(std::move(target));
            }
        }
    }
}

} // namespace

namespace {

PromApiResult decodeOrThrow(int httpStatus, QByteArray body);

} // namespace

PromApiResult decodePrometheusResponse(int httpStatus, QByteArray body)
{
    // simdjson reports some structural errors only by throwing, mid-iteration:
    // whatever arrives, the caller gets a result or an error, never an exception.
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

namespace {

PromApiResult decodeOrThrow(int httpStatus, QByteArray body)
{
    PromApiResult r;
    r.httpStatus = httpStatus;
    const qsizetype size = body.size();
    body.reserve(size + qsizetype(simdjson::SIMDJSON_PADDING));
    body.data()[size] = '\0';

    static thread_local sj::parser parser;
    sj::document doc;
    auto error = parser.iterate(simdjson::padded_string_view(body.constData(), size_t(size), size_t(body.capacity())))
                     .get(doc);
    sj::object root;
    if (error || doc.get_object().get(root)) {
        r.errorType = QStringLiteral("decode");
        const QByteArray head = body.left(120).simplified();
        r.error = httpStatus >= 200 && httpStatus < 300
            ? QStringLiteral("not a Prometheus API answer: %1").arg(QString::fromUtf8(head))
            : QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(QString::fromUtf8(head));
        return r;
    }

    std::string_view status;
    bool sawData = false;
    // One pass over the fields in the order the server wrote them.
    for (auto field : root) {
        std::string_view key;
        if (const auto keyError = field.unescaped_key().get(key))
            throw simdjson::simdjson_error(keyError);  // a document that breaks off is no answer
        std::string_view text;
        if (key == "status" && !field.value().get_string().get(text)) {
            status = text;
        } else if (key == "errorType" && !field.value().get_string().get(text)) {
            r.errorType = qs(text);
        } else if (key == "error" && !field.value().get_string().get(text)) {
            r.error = qs(text);
        } else if (key == "warnings") {
            sj::array warnings;
            if (!field.value().get_array().get(warnings)) {
                for (auto w : warnings) {
                    if (!w.get_string().get(text))
                        r.warnings << qs(text);
                }
            }
        } else if (key == "data") {
            sawData = true;
            sj::value data = field.value();
            sj::json_type type;
            if (data.type().get(type))
                continue;
            if (type == sj::json_type::object) {
                sj::object o = data.get_object();
                // Query answers have resultType; other endpoints their own fields.
                bool isQuery = false;
                if (!o.find_field_unordered("resultType").error()) {
                    isQuery = true;
                }
                o.reset();
                if (isQuery) {
                    r.ok = true;
                    decodeQueryData(o, r);
                } else {
                    decodeData(data, r);
                }
            } else {
                decodeData(data, r);
            }
        }
    }
    if (status == "success") {
        if (r.errorType.isEmpty())
            r.ok = true;
    } else {
        r.ok = false;
        if (r.errorType.isEmpty())
            r.errorType = status.empty() ? QStringLiteral("decode") : qs(status);
        if (r.error.isEmpty())
            r.error = QStringLiteral("HTTP %1 without an error message").arg(httpStatus);
    }
    Q_UNUSED(sawData);
    return r;
}

} // namespace

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

quint64 PrometheusClient::send(const QString &path, const QList<QPair<QString, QString>> &params)
{
    HttpRequest request = m_template;
    QUrl url = m_base;
    url.setPath(url.path().replace(QRegularExpression(QStringLiteral("/+$")), QString()) + path);
    QUrlQuery query;
    for (const auto &[k, v] : params)
        query.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    url.setQuery(query);
    request.url = url;
    // Take the lock before the request exists, so its answer cannot be missed.
    QMutexLocker lock(&m_mutex);
    const quint64 id = m_http->get(request);
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
    QList<QPair<QString, QString>> params;
    for (const QString &m : matchers)
        params.append({QStringLiteral("match[]"), m});
    params.append({QStringLiteral("start"), QString::number(double(startMs) / 1000.0, 'f', 3)});
    params.append({QStringLiteral("end"), QString::number(double(endMs) / 1000.0, 'f', 3)});
    return send(QStringLiteral("/api/v1/series"), params);
}

quint64 PrometheusClient::labels()
{
    return send(QStringLiteral("/api/v1/labels"), {});
}

quint64 PrometheusClient::labelValues(const QString &label)
{
    return send(QStringLiteral("/api/v1/label/%1/values").arg(label), {});
}

quint64 PrometheusClient::targets()
{
    return send(QStringLiteral("/api/v1/targets"), {{QStringLiteral("state"), QStringLiteral("active")}});
}

} // namespace opsdeck
