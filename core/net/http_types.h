#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QUrl>

namespace opsdeck {

struct HttpAuth {
    enum class Kind { None, Bearer, Basic };
    Kind kind = Kind::None;
    QString user;    // Basic only
    QString secret;  // the token or the password; never logged
};

// One request. The limits are per request, because a health check and a 30 MB
// query_range answer want different ones.
struct HttpRequest {
    enum class Method { Get, Post, Put, Patch, Delete };
    Method method = Method::Get;
    QUrl url;
    QByteArray body;         // sent with Post, Put and Patch
    QByteArray contentType;  // of body, e.g. application/json
    QList<QPair<QByteArray, QByteArray>> headers;  // Authorization is refused here: use auth
    int connectTimeoutMs = 3000;
    int totalTimeoutMs = 10000;
    // Abort a transfer that moves fewer than lowSpeedBytes a second for lowSpeedSeconds.
    int lowSpeedBytes = 1;
    int lowSpeedSeconds = 5;
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    int maxRedirects = 5;  // only a Get follows redirects: a moved write is reported, not replayed
    QString caFile;
    // The only CAs trusted, as PEM (a kubeconfig's certificate-authority-data): unlike
    // caFile, the system's CAs are left out, as kubectl leaves them out. Wins over caFile.
    QByteArray caPem;
    // The name the server's certificate is checked against (and sent as SNI) when it
    // is not the URL's host: a kubeconfig's tls-server-name, for an API server
    // reached by its IP. The connection still goes to the URL's host and port.
    QString tlsServerName;
    bool insecure = false;
    HttpAuth auth;
    // A client certificate and its key (PEM files), for servers that want one (Docker over TCP with TLS).
    QString clientCertFile;
    QString clientKeyFile;
    // The same given as PEM bytes (a kubeconfig's client-certificate-data, an exec
    // plugin's answer); win over the files.
    QByteArray clientCertPem;
    QByteArray clientKeyPem;
    // Connect through this Unix socket instead of the URL's host and port (Docker's
    // unix:///var/run/docker.sock); the URL still names the path. Never redirected.
    QString unixSocketPath;
    // A stream that stays open (Docker's /events, a followed log): once a 2xx
    // status and its headers came, HttpClient::streamOpened() says so and the
    // body goes out in pieces through HttpClient::received() instead of being
    // kept; finished() comes when the stream ends, with an empty body. There is
    // no total timeout and no low-speed limit (an idle stream is not a slow
    // one); connectTimeoutMs still holds. A non-2xx answer is kept and capped
    // as usual, so its error message arrives in finished(). Never redirected.
    bool stream = false;
};

enum class HttpError {
    None,
    InvalidUrl,
    UnsupportedScheme,
    ResolveFailed,
    ConnectionRefused,
    ConnectTimeout,
    Timeout,
    TooSlow,
    BodyTooLarge,
    Tls,
    TooManyRedirects,
    ConnectionClosed,
    Canceled,
    Other,
};

struct HttpResponse {
    HttpError error = HttpError::None;
    QString errorMessage;     // for people: what failed, in one line
    int status = 0;           // HTTP status; 0 when no answer came
    QByteArray contentType;   // lower-cased media type without parameters
    QByteArray body;
    qint64 elapsedMs = 0;
    QUrl effectiveUrl;        // after redirects
    int redirectCount = 0;

    bool transportOk() const { return error == HttpError::None; }
    bool isSuccess() const { return transportOk() && status >= 200 && status < 300; }
};

QString httpErrorKey(HttpError error);

struct EndpointSecurity;

// base's path (a server may live under a prefix, e.g. /alertmanager) plus path, without a doubled slash.
QUrl apiUrl(const QUrl &base, const QString &path);

// A GET of a configured endpoint: its TLS settings, a total timeout, and a
// connect timeout of at most 3 s within it. Callers add credentials and Accept.
HttpRequest endpointRequest(const QUrl &url, const EndpointSecurity &security, int totalTimeoutMs,
                            qint64 maxBodyBytes);

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::HttpResponse)
