#include "metrics_command.h"

#include "text_exposition_parser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <unordered_set>

namespace opsdeck::cli {

namespace {

constexpr qint64 maxInputBytes = 1024LL * 1024 * 1024;

QString jsonNumberText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', 17);
}

std::size_t countSeries(const ParsedExposition &e)
{
    std::unordered_set<std::string> series;
    for (const ParsedFamily &f : e.families) {
        for (const ParsedSample &s : f.samples) {
            std::string key = s.name;
            for (const auto &[name, value] : s.labels) {
                key += '\xff';
                key += name;
                key += '\xfe';
                key += value;
            }
            series.insert(std::move(key));
        }
    }
    return series.size();
}

int parseCommand(CliContext &context)
{
    const QString format = context.parser.value(QStringLiteral("format"));
    if (!format.isEmpty() && format != u"text") {
        context.err << "error: --format: only \"text\" (Prometheus 0.0.4) is supported by this version" << Qt::endl;
        return ExitUsage;
    }
    if (context.args.size() != 2) {
        context.err << "error: usage: opsdeck-cli metrics parse [--format text] FILE|-" << Qt::endl;
        return ExitUsage;
    }
    const QString path = context.args.at(1);
    QFile file;
    const bool fromStdin = path == u"-";
    if (fromStdin ? !file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), !file.open(QIODevice::ReadOnly))) {
        context.err << "error: " << path << ": cannot read: " << file.errorString() << Qt::endl;
        return ExitFailed;
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

    ExpositionCollector collector;
    const ParseError error = parseTextExposition(std::string_view(bytes.constData(), size_t(bytes.size())), collector);
    if (error) {
        context.err << (fromStdin ? QStringLiteral("<stdin>") : path) << ':' << error.line << ':' << error.column << ": "
                    << QString::fromStdString(error.message) << Qt::endl;
        return ExitFailed;
    }
    const ParsedExposition exposition = collector.take();
    const std::size_t series = countSeries(exposition);

    if (context.json) {
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
        context.out << QJsonDocument(QJsonObject{{QStringLiteral("families"), families}}).toJson(QJsonDocument::Compact)
                    << Qt::endl;
    } else {
        for (const ParsedFamily &f : exposition.families)
            context.out << QString::fromStdString(f.info.name) << ' ' << metricTypeName(f.info.type).data() << ' '
                        << f.samples.size() << Qt::endl;
    }
    context.out << "families=" << exposition.families.size() << " series=" << series
                << " samples=" << exposition.sampleCount() << Qt::endl;
    return ExitOk;
}

} // namespace

int runMetrics(CliContext &context)
{
    const QString sub = context.args.value(0);
    if (sub == u"parse")
        return parseCommand(context);
    context.err << "error: usage: opsdeck-cli metrics parse [--format text] FILE|-" << Qt::endl;
    return ExitUsage;
}

} // namespace opsdeck::cli
