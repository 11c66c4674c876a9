#include "common/logging.h"

#include <QDir>
#include <QUrlQuery>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <vector>

namespace opsdeck {

namespace {

bool s_jsonFormat = false;

// In JSON-lines mode the message lands inside a JSON string: escape it so that
// one log line stays one valid JSON object, whatever a server answered.
std::string prepare(const QString &message)
{
    if (!s_jsonFormat)
        return message.toStdString();
    std::string out;
    const QByteArray utf8 = message.toUtf8();
    out.reserve(size_t(utf8.size()) + 8);
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out;
}

void qtMessageToSpdlog(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const std::string text = prepare(message);
    switch (type) {
    case QtDebugMsg: spdlog::debug("qt: {}", text); break;
    case QtInfoMsg: spdlog::info("qt: {}", text); break;
    case QtWarningMsg: spdlog::warn("qt: {}", text); break;
    case QtCriticalMsg:
    case QtFatalMsg: spdlog::error("qt: {}", text); break;
    }
}

bool looksLikeCredential(const QString &key)
{
    static const char *const needles[] = {"token", "key", "password", "passwd", "secret", "signature",
                                          "auth", "credential", "session", "sig"};
    const QString lower = key.toLower();
    for (const char *n : needles) {
        if (lower.contains(QLatin1String(n)))
            return true;
    }
    return false;
}

} // namespace

bool isValidLogLevel(const QString &level)
{
    const auto parsed = spdlog::level::from_str(level.toStdString());
    return parsed != spdlog::level::off || level == u"off";
}

QString initLogging(const LogOptions &options)
{
    if (!isValidLogLevel(options.level))
        return QStringLiteral("unknown log level \"%1\" (trace, debug, info, warn, error, critical, off)")
            .arg(options.level);

    std::vector<spdlog::sink_ptr> sinks;
    if (options.toStderr)
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    QString error;
    if (!options.directory.isEmpty()) {
        if (!QDir().mkpath(options.directory)) {
            error = QStringLiteral("cannot create log folder %1").arg(options.directory);
        } else {
            try {
                const auto path = QDir(options.directory).filePath(options.fileName).toStdString();
                constexpr size_t maxFileBytes = 10 * 1024 * 1024;
                sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path, maxFileBytes, 5));
            } catch (const spdlog::spdlog_ex &e) {
                error = QString::fromStdString(e.what());
            }
        }
    }
    auto logger = std::make_shared<spdlog::logger>("opsdeck", sinks.begin(), sinks.end());
    if (options.json) {
        // %v is escaped by prepare(), so each line is one JSON object.
        logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","thread":%t,"message":"%v"})");
    } else {
        logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%t] %v");
    }
    logger->set_level(spdlog::level::from_str(options.level.toStdString()));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    s_jsonFormat = options.json;
    qInstallMessageHandler(qtMessageToSpdlog);
    return error;
}

QString redactUrl(const QUrl &url)
{
    QUrl safe = url.adjusted(QUrl::RemoveUserInfo);
    QUrlQuery query(safe);
    auto items = query.queryItems(QUrl::FullyEncoded);
    bool changed = false;
    for (auto &item : items) {
        if (looksLikeCredential(item.first)) {
            item.second = QStringLiteral("REDACTED");
            changed = true;
        }
    }
    if (changed) {
        query.setQueryItems(items);
        safe.setQuery(query);
    }
    return safe.toString();
}

void logInfo(const QString &message) { spdlog::info("{}", prepare(message)); }
void logWarn(const QString &message) { spdlog::warn("{}", prepare(message)); }
void logError(const QString &message) { spdlog::error("{}", prepare(message)); }
void logDebug(const QString &message)
{
    if (spdlog::should_log(spdlog::level::debug))
        spdlog::debug("{}", prepare(message));
}

} // namespace opsdeck
