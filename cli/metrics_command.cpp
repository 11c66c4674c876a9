#include "metrics_command.h"

#include "common/logging.h"
#include "metrics/exposition_summary.h"
#include "metrics/label_matcher.h"
#include "metrics/openmetrics_parser.h"
#include "net/http_client.h"
#include "prometheus/prometheus_api.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace opsdeck::cli {

namespace {

constexpr qint64 maxInputBytes = 1024LL * 1024 * 1024;

// A file read through a read-only mapping. On Linux the pages are mapped in one
// go (MAP_POPULATE) rather than one fault at a time, which a 78 MB page felt;
// elsewhere through QFile::map.
class MappedFile
{
public:
    explicit MappedFile(QFile &file)
        : m_size(std::size_t(file.size()))
    {
#ifdef Q_OS_LINUX
        void *p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.handle(), 0);
        if (p != MAP_FAILED) {
            m_data = static_cast<const char *>(p);
            m_ownMapping = true;
            return;
        }
#endif
        m_data = reinterpret_cast<const char *>(file.map(0, file.size()));  // unmapped with the file
    }
    ~MappedFile()
    {
#ifdef Q_OS_LINUX
        if (m_ownMapping)
            ::munmap(const_cast<char *>(m_data), m_size);
#endif
    }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    explicit operator bool() const { return m_data != nullptr; }
    std::string_view bytes() const { return {m_data, m_size}; }

private:
    const char *m_data = nullptr;
    std::size_t m_size;
    bool m_ownMapping = false;
};

QString jsonNumberText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', 17);
}

void printParseError(CliContext &context, const QString &source, const ParseError &error)
{
    context.err << source << ':' << error.line << ':' << error.column << ": " << QString::fromStdString(error.message) << Qt::endl;
}

void printCounts(CliContext &context, std::size_t families, std::size_t series, std::size_t samples)
{
    context.out << "families=" << families << " series=" << series << " samples=" << samples << Qt::endl;
}

// --json: every sample, so the exposition is built whole first.
int reportExpositionJson(CliContext &context, ExpositionFormat format, std::string_view bytes, const QString &source)
{
    ExpositionCollector collector;
    if (const ParseError error = parseExposition(format, bytes, collector)) {
        printParseError(context, source, error);
        return ExitFailed;
    }
    const ParsedExposition exposition = collector.take();
    QJsonArray families;
    for (const ParsedFamily &f : exposition.families) {
        QJsonArray samples;
        for (const ParsedSample &s : f.samples) {
            QJsonObject labels;
            for (const auto &[name, value] : s.labels)
                labels.insert(QString::fromStdString(name), QString::fromStdString(value));
            QJsonObject sample{{QStringLiteral("name"), QString::fromStdString(s.name)},
                               {QStringLiteral("labels"), labels},
                               {QStringLiteral("value"), jsonNumberText(s.value)}};
            if (s.timestampMs)
                sample.insert(QStringLiteral("timestamp_ms"), qint64(*s.timestampMs));
            samples.append(sample);
        }
        families.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(f.info.name)},
                                    {QStringLiteral("type"), QString::fromUtf8(metricTypeName(f.info.type).data())},
                                    {QStringLiteral("help"), QString::fromStdString(f.info.help)},
                                    {QStringLiteral("samples"), samples}});
    }
    context.out << QJsonDocument(QJsonObject{{QStringLiteral("families"), families}}).toJson(QJsonDocument::Compact) << Qt::endl;
    printCounts(context, exposition.families.size(), exposition.seriesCount(), exposition.sampleCount());
    return ExitOk;
}

// Without --json: counted as the parser goes, nothing built (a 78 MB page in a
// fraction of a second and little more memory than the page itself).
int reportExposition(CliContext &context, ExpositionFormat format, std::string_view bytes, const QString &source)
{
    if (context.json)
        return reportExpositionJson(context, format, bytes, source);
    ExpositionSummary summary(bytes);
    if (const ParseError error = parseExposition(format, bytes, summary)) {
        printParseError(context, source, error);
        return ExitFailed;
    }
    QString lines;
    for (const ExpositionSummary::Family &f : summary.families()) {
        lines += QString::fromStdString(f.name) % u' ' % QLatin1String(metricTypeName(f.type)) % u' '
            % QString::number(f.samples) % u'\n';
    }
    context.out << lines;
    printCounts(context, summary.families().size(), summary.seriesCount(), summary.sampleCount());
    return ExitOk;
}

int parseCommand(CliContext &context)
{
    const QString formatName = context.parser.value(QStringLiteral("format"));
    if (!formatName.isEmpty() && formatName != u"text" && formatName != u"openmetrics") {
        context.err << "error: --format: text (Prometheus 0.0.4) or openmetrics, not \"" << formatName << "\"" << Qt::endl;
        return ExitUsage;
    }
    const ExpositionFormat format = formatName == u"openmetrics" ? ExpositionFormat::OpenMetrics : ExpositionFormat::Text;
    if (context.args.size() != 2) {
        context.err << "error: usage: opsdeck-cli metrics parse [--format text|openmetrics] FILE|-" << Qt::endl;
        return ExitUsage;
    }
    const QString path = context.args.at(1);
    QFile file;
    const bool fromStdin = path == u"-";
    if (fromStdin ? !file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), !file.open(QIODevice::ReadOnly))) {
        context.err << "error: " << path << ": cannot read: " << file.errorString() << Qt::endl;
        return ExitFailed;
    }
    const QString source = fromStdin ? QStringLiteral("<stdin>") : path;
    if (file.size() > maxInputBytes) {
        context.err << "error: " << path << ": larger than 1 GiB" << Qt::endl;
        return ExitFailed;
    }
    // A file is mapped, not copied: the page costs its size once, in the page cache.
    if (!fromStdin && !file.isSequential()) {
        if (file.size() == 0)
            return reportExposition(context, format, {}, source);
        if (const MappedFile mapped(file); mapped)
            return reportExposition(context, format, mapped.bytes(), source);
    }
    // A pipe hands its data over in pieces: read to the end, within the cap.
    QByteArray bytes;
    while (bytes.size() <= maxInputBytes) {
        const QByteArray chunk = file.read(4 * 1024 * 1024);
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (bytes.size() > maxInputBytes) {
        context.err << "error: " << path << ": larger than 1 GiB" << Qt::endl;
        return ExitFailed;
    }
    return reportExposition(context, format, std::string_view(bytes.constData(), size_t(bytes.size())), source);
}

// Runs the event loop until one answer of the client arrives.
template<typename Client, typename Result>
Result waitFor(Client &client, quint64 id, void (Client::*signal)(quint64, const Result &))
{
    Result result;
    QEventLoop loop;
    QObject::connect(&client, signal, &loop, [&](quint64 answered, const Result &r) {
        if (answered != id)
            return;
        result = r;
        loop.quit();
    }, Qt::QueuedConnection);
    loop.exec();
    return result;
}

int scrapeCommand(CliContext &context)
{
    if (context.args.size() != 2) {
        context.err << "error: usage: opsdeck-cli metrics scrape URL" << Qt::endl;
        return ExitUsage;
    }
    const QUrl url(context.args.at(1));
    HttpClient http;
    HttpRequest request;
    request.url = url;
    request.maxBodyBytes = 256LL * 1024 * 1024;
    request.totalTimeoutMs = 30000;
    request.headers << qMakePair(QByteArray("Accept"), QByteArray(expositionAcceptHeader));
    const auto id = http.send(request);
    const HttpResponse response = waitFor(http, id, &HttpClient::finished);
    if (!response.transportOk()) {
        context.err << "error: " << redactUrl(url) << ": " << response.errorMessage << Qt::endl;
        return ExitFailed;
    }
    if (!response.isSuccess()) {
        context.err << "error: " << redactUrl(url) << ": HTTP " << response.status << Qt::endl;
        return ExitFailed;
    }
    return reportExposition(context, formatFromContentType(response.contentType.toStdString()),
                            std::string_view(response.body.constData(), size_t(response.body.size())), redactUrl(url));
}

int queryCommand(CliContext &context)
{
    if (context.args.size() != 2) {
        context.err << "error: usage: opsdeck-cli metrics query PROMQL [--range DURATION --step DURATION]" << Qt::endl;
        return ExitUsage;
    }
    const Profile *profile = context.loadProfile();
    if (!profile)
        return ExitUsage;
    if (!profile->prometheus) {
        context.err << "error: profile \"" << profile->name << "\" has no prometheus" << Qt::endl;
        return ExitUsage;
    }
    const QString rangeText = context.parser.value(QStringLiteral("range"));
    const QString stepText = context.parser.value(QStringLiteral("step"));
    const std::int64_t rangeMs = rangeText.isEmpty() ? 0 : parseDurationMs(rangeText);
    const std::int64_t stepMs = stepText.isEmpty() ? 0 : parseDurationMs(stepText);
    if (rangeMs < 0 || stepMs < 0 || (!stepText.isEmpty() && rangeText.isEmpty())) {
        context.err << "error: --range and --step take durations such as 30s, 5m, 1h; --step needs --range" << Qt::endl;
        return ExitUsage;
    }

    HttpClient http;
    PrometheusClient prometheus(&http, profile->prometheus->url);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    quint64 id;
    if (rangeMs > 0) {
        const qint64 step = stepMs > 0 ? std::max<qint64>(1, stepMs / 1000) : chooseStepSeconds(rangeMs / 1000, 250);
        id = prometheus.queryRange(context.args.at(1), now - rangeMs, now, step);
    } else {
        id = prometheus.query(context.args.at(1));
    }
    const PromApiResult result = waitFor(prometheus, id, &PrometheusClient::finished);
    for (const QString &w : result.warnings)
        context.err << "warning: " << w << Qt::endl;
    if (!result.ok) {
        context.err << "error: prometheus: " << result.errorType << ": " << result.error << Qt::endl;
        return ExitFailed;
    }
    if (context.json) {
        QJsonArray array;
        for (const PromSeries &s : result.series) {
            QJsonObject metric;
            for (const auto &[k, v] : s.metric)
                metric.insert(QString::fromStdString(k), QString::fromStdString(v));
            QJsonArray values;
            for (const SamplePoint &p : s.points)
                values.append(QJsonArray{double(p.timestampMs) / 1000.0, jsonNumberText(p.value)});
            array.append(QJsonObject{{QStringLiteral("metric"), metric}, {QStringLiteral("values"), values}});
        }
        context.out << QJsonDocument(array).toJson(QJsonDocument::Compact) << Qt::endl;
        return ExitOk;
    }
    if (result.resultType == u"string") {
        context.out << result.stringValue << Qt::endl;
        return ExitOk;
    }
    for (const PromSeries &s : result.series) {
        if (s.points.empty())
            continue;
        if (rangeMs > 0)
            context.out << seriesText(s.metric) << ' ' << s.points.size() << " points, last "
                        << jsonNumberText(s.points.back().value) << Qt::endl;
        else
            context.out << seriesText(s.metric) << ' ' << jsonNumberText(s.points.back().value) << Qt::endl;
    }
    context.out << "series=" << result.series.size() << Qt::endl;
    return ExitOk;
}

} // namespace

int runMetrics(CliContext &context)
{
    const QString sub = context.args.value(0);
    if (sub == u"parse")
        return parseCommand(context);
    if (sub == u"scrape")
        return scrapeCommand(context);
    if (sub == u"query")
        return queryCommand(context);
    context.err << "error: usage: opsdeck-cli metrics (parse FILE|- | scrape URL | query PROMQL)" << Qt::endl;
    return ExitUsage;
}

} // namespace opsdeck::cli
