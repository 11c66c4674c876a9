#pragma once

#include <QString>
#include <QUrl>

namespace opsdeck {

struct LogOptions {
    QString level = QStringLiteral("info");  // trace, debug, info, warn, error, critical, off
    bool json = false;                        // one JSON object a line instead of text
    QString directory;                        // rotating file here; empty: stderr only
    QString fileName = QStringLiteral("opsdeck.log");
    bool toStderr = true;
};

// Sets up spdlog's default logger (stderr and a rotating file) and routes Qt's
// qDebug/qWarning there too. Returns an error message, or an empty string.
QString initLogging(const LogOptions &options);
bool isValidLogLevel(const QString &level);

// A URL made safe to log: user info dropped, and the values of query items that
// look like credentials (token, key, password, secret, signature...) replaced.
QString redactUrl(const QUrl &url);

// Logging helpers that keep the call sites short.
void logInfo(const QString &message);
void logWarn(const QString &message);
void logError(const QString &message);
void logDebug(const QString &message);

} // namespace opsdeck
