#include "net/http_client.h"

#include "config/config.h"
#include "net/ca_bundle.h"

#include "common/logging.h"

#include <curl/curl.h>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cstring>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace opsdeck {

QString httpErrorKey(HttpError error)
{
    switch (error) {
    case HttpError::None: return QStringLiteral("none");
    case HttpError::InvalidUrl: return QStringLiteral("invalid_url");
    case HttpError::UnsupportedScheme: return QStringLiteral("unsupported_scheme");
    case HttpError::ResolveFailed: return QStringLiteral("resolve_failed");
    case HttpError::ConnectionRefused: return QStringLiteral("connection_refused");
    case HttpError::ConnectTimeout: return QStringLiteral("connect_timeout");
    case HttpError::Timeout: return QStringLiteral("timeout");
    case HttpError::TooSlow: return QStringLiteral("too_slow");
    case HttpError::BodyTooLarge: return QStringLiteral("body_too_large");
    case HttpError::Tls: return QStringLiteral("tls");
    case HttpError::TooManyRedirects: return QStringLiteral("too_many_redirects");
    case HttpError::ConnectionClosed: return QStringLiteral("connection_closed");
    case HttpError::Canceled: return QStringLiteral("canceled");
    case HttpError::Other: break;
    }
    return QStringLiteral("other");
}

QUrl apiUrl(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    return url;
}

HttpRequest endpointRequest(const QUrl &url, const EndpointSecurity &security, int totalTimeoutMs,
                            qint64 maxBodyBytes)
{
    HttpRequest r;
    r.url = url;
    r.totalTimeoutMs = totalTimeoutMs;
    r.connectTimeoutMs = std::min(totalTimeoutMs, 3000);
    r.maxBodyBytes = maxBodyBytes;
    r.caFile = security.caFile;
    r.insecure = security.insecure;
    return r;
}

namespace {

QString methodName(HttpRequest::Method method)
{
    switch (method) {
    case HttpRequest::Method::Get: return QStringLiteral("GET");
    case HttpRequest::Method::Post: return QStringLiteral("POST");
    case HttpRequest::Method::Put: return QStringLiteral("PUT");
    case HttpRequest::Method::Patch: return QStringLiteral("PATCH");
    case HttpRequest::Method::Delete: return QStringLiteral("DELETE");
    }
    return QStringLiteral("?");
}

void ensureCurlGlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

QString formatBytes(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return QStringLiteral("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    if (bytes >= 1024)
        return QStringLiteral("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 bytes").arg(bytes);
}

QByteArray mediaType(const char *contentType)
{
    if (!contentType)
        return {};
    QByteArray type(contentType);
    const auto semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

} // namespace

// One transfer in flight: the easy handle, its request, and what arrived so far.
struct Transfer {
    HttpClient *client = nullptr;  // emits a stream's pieces
    HttpClient::RequestId id = 0;
    HttpRequest request;
    CURL *easy = nullptr;
    curl_slist *headers = nullptr;
    curl_slist *connectTo = nullptr;
    QByteArray body;
    bool bodyTooLarge = false;
    bool streamOpen = false;  // a stream's 2xx headers came: its body goes out in pieces
    QElapsedTimer timer;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    ~Transfer()
    {
        if (easy)
            curl_easy_cleanup(easy);
        curl_slist_free_all(headers);
        curl_slist_free_all(connectTo);
    }

    // The end of a header block (its empty line) opens a stream whose status is 2xx.
    static size_t onHeader(char *data, size_t size, size_t count, void *user)
    {
        auto *self = static_cast<Transfer *>(user);
        const size_t bytes = size * count;
        const bool blankLine = (bytes == 2 && data[0] == '\r' && data[1] == '\n') || (bytes == 1 && data[0] == '\n');
        if (blankLine && self->request.stream && !self->streamOpen) {
            long status = 0;
            curl_easy_getinfo(self->easy, CURLINFO_RESPONSE_CODE, &status);
            if (status >= 200 && status < 300) {
                self->streamOpen = true;
                Q_EMIT self->client->streamOpened(self->id);
            }
        }
        return bytes;
    }

    static size_t onWrite(char *data, size_t size, size_t count, void *user)
    {
        auto *self = static_cast<Transfer *>(user);
        const size_t bytes = size * count;
        if (self->streamOpen) {
            Q_EMIT self->client->received(self->id, QByteArray(data, qsizetype(bytes)));
            return bytes;
        }
        if (self->body.size() + qint64(bytes) > self->request.maxBodyBytes) {
            self->bodyTooLarge = true;
            return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
        }
        self->body.append(data, qsizetype(bytes));
        return bytes;
    }
};

struct HttpClient::Private {
    HttpClient *q = nullptr;
    CURLM *multi = nullptr;
    std::thread worker;
    std::atomic<bool> stopping{false};
    std::atomic<RequestId> nextId{1};
    std::atomic<int> inFlight{0};

    std::mutex mutex;  // guards queued and canceled
    std::deque<std::unique_ptr<Transfer>> queued;
    std::unordered_set<RequestId> canceled;

    // Owned by the worker thread only.
    std::unordered_map<CURL *, std::unique_ptr<Transfer>> running;
    CaBundleCache caBundles;  // the system's CAs joined with each endpoint's ca_file

    void run();
    void startQueued();
    void applyCancels();
    void collectFinished();
    bool configure(Transfer &t, HttpResponse *failure);
    void complete(std::unique_ptr<Transfer> t, CURLcode code);
    void deliver(RequestId id, const HttpResponse &response);
};

HttpClient::HttpClient(QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    ensureCurlGlobalInit();
    qRegisterMetaType<opsdeck::HttpResponse>();
    d->q = this;
    d->multi = curl_multi_init();
    curl_multi_setopt(d->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 4L);
    d->worker = std::thread([this] { d->run(); });
}

HttpClient::~HttpClient()
{
    d->stopping = true;
    curl_multi_wakeup(d->multi);
    d->worker.join();
    for (auto &[easy, transfer] : d->running)
        curl_multi_remove_handle(d->multi, easy);
    d->running.clear();
    curl_multi_cleanup(d->multi);
}

HttpClient::RequestId HttpClient::send(const HttpRequest &request)
{
    auto transfer = std::make_unique<Transfer>();
    transfer->client = this;
    transfer->id = d->nextId++;
    transfer->request = request;
    transfer->timer.start();
    const RequestId id = transfer->id;
    {
        std::lock_guard lock(d->mutex);
        d->queued.push_back(std::move(transfer));
    }
    ++d->inFlight;
    curl_multi_wakeup(d->multi);
    return id;
}

void HttpClient::cancel(RequestId id)
{
    {
        std::lock_guard lock(d->mutex);
        d->canceled.insert(id);
    }
    curl_multi_wakeup(d->multi);
}

int HttpClient::inFlight() const
{
    return d->inFlight;
}

void HttpClient::Private::run()
{
    while (!stopping) {
        applyCancels();
        startQueued();
        int stillRunning = 0;
        curl_multi_perform(multi, &stillRunning);
        collectFinished();
        curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
}

void HttpClient::Private::startQueued()
{
    std::deque<std::unique_ptr<Transfer>> batch;
    {
        std::lock_guard lock(mutex);
        batch.swap(queued);
    }
    for (auto &t : batch) {
        HttpResponse failure;
        if (!configure(*t, &failure)) {
            failure.elapsedMs = t->timer.elapsed();
            deliver(t->id, failure);
            continue;
        }
        CURL *easy = t->easy;
        curl_multi_add_handle(multi, easy);
        running.emplace(easy, std::move(t));
    }
}

void HttpClient::Private::applyCancels()
{
    std::unordered_set<RequestId> ids;
    {
        std::lock_guard lock(mutex);
        if (canceled.empty())
            return;
        ids.swap(canceled);
        // A request canceled before it started never starts.
        for (auto it = queued.begin(); it != queued.end();) {
            if (ids.count((*it)->id)) {
                HttpResponse r;
                r.error = HttpError::Canceled;
                r.errorMessage = QStringLiteral("canceled");
                deliver((*it)->id, r);
                it = queued.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto it = running.begin(); it != running.end();) {
        if (ids.count(it->second->id)) {
            curl_multi_remove_handle(multi, it->first);
            HttpResponse r;
            r.error = HttpError::Canceled;
            r.errorMessage = QStringLiteral("canceled");
            deliver(it->second->id, r);
            it = running.erase(it);
        } else {
            ++it;
        }
    }
}

void HttpClient::Private::collectFinished()
{
    int pending = 0;
    while (CURLMsg *msg = curl_multi_info_read(multi, &pending)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        const CURLcode code = msg->data.result;
        curl_multi_remove_handle(multi, easy);
        auto it = running.find(easy);
        if (it == running.end())
            continue;
        auto transfer = std::move(it->second);
        running.erase(it);
        complete(std::move(transfer), code);
    }
}

bool HttpClient::Private::configure(Transfer &t, HttpResponse *failure)
{
    const HttpRequest &r = t.request;
    const QString scheme = r.url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        failure->error = HttpError::UnsupportedScheme;
        failure->errorMessage = QStringLiteral("only http and https are allowed, not %1").arg(scheme);
        return false;
    }
    if (!r.url.isValid() || r.url.host().isEmpty()) {
        failure->error = HttpError::InvalidUrl;
        failure->errorMessage = QStringLiteral("invalid URL \"%1\"").arg(redactUrl(r.url));
        return false;
    }

    t.easy = curl_easy_init();
    CURL *e = t.easy;
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    if (!r.tlsServerName.isEmpty() && scheme == u"https") {
        // libcurl checks the certificate against the URL's host and sends it as SNI: the URL
        // names the TLS name, and CONNECT_TO sends the connection where the URL pointed.
        QUrl named = r.url;
        named.setHost(r.tlsServerName);
        const int port = r.url.port(443);
        const QByteArray route = r.tlsServerName.toUtf8() + ':' + QByteArray::number(port) + ':' + r.url.host(QUrl::FullyEncoded).toUtf8()
                                 + ':' + QByteArray::number(port);
        t.connectTo = curl_slist_append(t.connectTo, route.constData());
        curl_easy_setopt(e, CURLOPT_CONNECT_TO, t.connectTo);
        curl_easy_setopt(e, CURLOPT_URL, named.toEncoded().constData());
    } else {
        curl_easy_setopt(e, CURLOPT_URL, r.url.toEncoded().constData());
    }
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (!r.unixSocketPath.isEmpty())
        curl_easy_setopt(e, CURLOPT_UNIX_SOCKET_PATH, QFile::encodeName(r.unixSocketPath).constData());  // copied by libcurl
    switch (r.method) {
    case HttpRequest::Method::Get:
        // A redirect would leave the socket for a host of the redirect's choosing: not followed.
        // Nor is a stream's: its pieces would mix two answers.
        curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, r.unixSocketPath.isEmpty() && !r.stream ? 1L : 0L);
        curl_easy_setopt(e, CURLOPT_MAXREDIRS, long(r.maxRedirects));
        break;
    case HttpRequest::Method::Post:
    case HttpRequest::Method::Put:
    case HttpRequest::Method::Patch:
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(r.body.size()));
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.constData());  // t.request outlives the transfer
        if (r.method != HttpRequest::Method::Post)
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r.method == HttpRequest::Method::Put ? "PUT" : "PATCH");
        break;
    case HttpRequest::Method::Delete:
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "DELETE");
        break;
    }
    // Default, stated because it matters: credentials stay with the original host.
    curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(r.connectTimeoutMs));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, r.stream ? 0L : long(r.totalTimeoutMs));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, r.stream ? 0L : long(r.lowSpeedBytes));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, r.stream ? 0L : long(r.lowSpeedSeconds));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::onWrite);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errorBuffer);
    // The cap applies to decoded bytes. A stream asks for none: a compressor holds
    // back what it has not filled a block with, and a watch's events would wait.
    if (!r.stream)
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, "OpsDeck/" OPSDECK_VERSION);
    if (!r.stream)
        curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(r.maxBodyBytes));

    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, r.insecure ? 0L : 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, r.insecure ? 0L : 2L);
    if (!r.caPem.isEmpty() && !r.insecure) {
        curl_blob blob{const_cast<char *>(r.caPem.constData()), size_t(r.caPem.size()), CURL_BLOB_COPY};
        curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
    } else if (!r.caFile.isEmpty() && !r.insecure) {
        QString error;
        const QByteArray bundle = caBundles.bundleWith(r.caFile, &error);
        if (bundle.isEmpty()) {
            failure->error = HttpError::Tls;
            failure->errorMessage = error;
            return false;
        }
        curl_blob blob{const_cast<char *>(bundle.constData()), size_t(bundle.size()), CURL_BLOB_COPY};
        curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
    }

    if (!r.clientCertPem.isEmpty()) {
        curl_blob cert{const_cast<char *>(r.clientCertPem.constData()), size_t(r.clientCertPem.size()), CURL_BLOB_COPY};
        curl_easy_setopt(e, CURLOPT_SSLCERT_BLOB, &cert);
        curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
        curl_blob key{const_cast<char *>(r.clientKeyPem.constData()), size_t(r.clientKeyPem.size()), CURL_BLOB_COPY};
        curl_easy_setopt(e, CURLOPT_SSLKEY_BLOB, &key);
        curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
    } else if (!r.clientCertFile.isEmpty()) {
        for (const QString &file : {r.clientCertFile, r.clientKeyFile}) {
            if (!file.isEmpty() && !QFileInfo(file).isReadable()) {
                failure->error = HttpError::Tls;
                failure->errorMessage = QStringLiteral("cannot read the client certificate or key %1").arg(file);
                curl_easy_cleanup(e);
                t.easy = nullptr;
                return false;
            }
        }
        curl_easy_setopt(e, CURLOPT_SSLCERT, QFile::encodeName(r.clientCertFile).constData());
        curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
        if (!r.clientKeyFile.isEmpty())
            curl_easy_setopt(e, CURLOPT_SSLKEY, QFile::encodeName(r.clientKeyFile).constData());
    }

    switch (r.auth.kind) {
    case HttpAuth::Kind::None:
        break;
    case HttpAuth::Kind::Bearer:
        curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BEARER);
        curl_easy_setopt(e, CURLOPT_XOAUTH2_BEARER, r.auth.secret.toUtf8().constData());
        break;
    case HttpAuth::Kind::Basic:
        curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(e, CURLOPT_USERNAME, r.auth.user.toUtf8().constData());
        curl_easy_setopt(e, CURLOPT_PASSWORD, r.auth.secret.toUtf8().constData());
        break;
    }

    if (r.method == HttpRequest::Method::Post || r.method == HttpRequest::Method::Put || r.method == HttpRequest::Method::Patch) {
        const QByteArray type = r.contentType.isEmpty() ? QByteArrayLiteral("application/octet-stream") : r.contentType;
        const QByteArray header = QByteArrayLiteral("Content-Type: ") + type;
        t.headers = curl_slist_append(t.headers, header.constData());
        t.headers = curl_slist_append(t.headers, "Expect:");  // no 100-continue round trip
    }
    for (const auto &[name, value] : r.headers) {
        // A hand-made Authorization header would bypass libcurl's redirect rules.
        if (name.compare("authorization", Qt::CaseInsensitive) == 0)
            continue;
        const QByteArray line = name + ": " + value;
        t.headers = curl_slist_append(t.headers, line.constData());
    }
    if (t.headers)
        curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    return true;
}

void HttpClient::Private::complete(std::unique_ptr<Transfer> t, CURLcode code)
{
    HttpResponse response;
    CURL *e = t->easy;
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    response.status = int(status);
    char *contentType = nullptr;
    curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &contentType);
    response.contentType = mediaType(contentType);
    char *effective = nullptr;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective)
        response.effectiveUrl = QUrl::fromEncoded(effective);
    long redirects = 0;
    curl_easy_getinfo(e, CURLINFO_REDIRECT_COUNT, &redirects);
    response.redirectCount = int(redirects);
    response.elapsedMs = t->timer.elapsed();

    const QString where = redactUrl(t->request.url);
    const QString detail = QString::fromLocal8Bit(t->errorBuffer[0] ? t->errorBuffer : curl_easy_strerror(code));
    auto fail = [&](HttpError kind, const QString &message) {
        response.error = kind;
        response.errorMessage = message;
    };

    switch (code) {
    case CURLE_OK:
        response.body = std::move(t->body);
        break;
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (t->bodyTooLarge || code == CURLE_FILESIZE_EXCEEDED)
            fail(HttpError::BodyTooLarge, QStringLiteral("answer larger than the %1 limit; refused")
                                              .arg(formatBytes(t->request.maxBodyBytes)));
        else
            fail(HttpError::Other, detail);
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        fail(HttpError::ResolveFailed, QStringLiteral("cannot resolve host %1").arg(t->request.url.host()));
        break;
    case CURLE_COULDNT_CONNECT: {
        long osErrno = 0;
        curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &osErrno);
        const QString why = osErrno ? QString::fromLocal8Bit(std::strerror(int(osErrno))).toLower() : detail;
        const QUrl &u = t->request.url;
        const int port = u.port(u.scheme().toLower() == u"https" ? 443 : 80);
        if (!t->request.unixSocketPath.isEmpty())
            fail(HttpError::ConnectionRefused, QStringLiteral("cannot connect to the socket %1 (%2)").arg(t->request.unixSocketPath, why));
        else
            fail(HttpError::ConnectionRefused, QStringLiteral("cannot connect to %1:%2 (%3)").arg(u.host()).arg(port).arg(why));
        break;
    }
    case CURLE_OPERATION_TIMEDOUT: {
        curl_off_t connectUs = 0;
        curl_easy_getinfo(e, CURLINFO_CONNECT_TIME_T, &connectUs);
        if (connectUs == 0)
            fail(HttpError::ConnectTimeout, QStringLiteral("no connection within %1 ms")
                                                .arg(t->request.connectTimeoutMs));
        else if (detail.contains(QLatin1String("too slow"), Qt::CaseInsensitive))
            fail(HttpError::TooSlow, QStringLiteral("answer too slow: under %1 bytes/s for %2 s")
                                         .arg(t->request.lowSpeedBytes).arg(t->request.lowSpeedSeconds));
        else
            fail(HttpError::Timeout, QStringLiteral("no complete answer within %1 ms")
                                         .arg(t->request.totalTimeoutMs));
        break;
    }
    case CURLE_TOO_MANY_REDIRECTS:
        fail(HttpError::TooManyRedirects, QStringLiteral("more than %1 redirects").arg(t->request.maxRedirects));
        break;
    case CURLE_UNSUPPORTED_PROTOCOL:
        fail(HttpError::UnsupportedScheme, QStringLiteral("redirected to a scheme other than http or https"));
        break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
        fail(HttpError::Tls, QStringLiteral("TLS: %1").arg(detail));
        break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        fail(HttpError::ConnectionClosed, QStringLiteral("connection closed before a complete answer: %1").arg(detail));
        break;
    default:
        fail(HttpError::Other, detail);
        break;
    }
    // At debug, every request: enough to debug a failing source, never a credential
    // (the URL is redacted; headers and bodies are not logged).
    if (response.transportOk())
        logDebug(QStringLiteral("HTTP %1 %2 -> %3 in %4 ms, %5 bytes%6")
                     .arg(methodName(t->request.method), where)
                     .arg(response.status)
                     .arg(response.elapsedMs)
                     .arg(response.body.size())
                     .arg(response.redirectCount ? QStringLiteral(" after %1 redirect(s)").arg(response.redirectCount) : QString()));
    else
        logDebug(QStringLiteral("HTTP %1 %2 failed in %3 ms: %4")
                     .arg(methodName(t->request.method), where)
                     .arg(response.elapsedMs)
                     .arg(response.errorMessage));
    deliver(t->id, response);
}

void HttpClient::Private::deliver(RequestId id, const HttpResponse &response)
{
    --inFlight;
    Q_EMIT q->finished(id, response);
}

} // namespace opsdeck
