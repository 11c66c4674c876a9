#include "kube/kube_api.h"

#include "kube/kube_objects.h"

#include <QFile>

namespace opsdeck {

KubeApi::KubeApi(HttpClient *http, KubeTarget target, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_target(std::move(target))
    , m_credentials(new KubeCredentials(m_target, this))
{
    // kubectl trusts the cluster's CA alone: the data, else the file, read once.
    if (!m_target.cluster.caPem.isEmpty()) {
        m_caPem = m_target.cluster.caPem;
    } else if (!m_target.cluster.caFile.isEmpty()) {
        QFile file(m_target.cluster.caFile);
        if (file.open(QIODevice::ReadOnly))
            m_caPem = file.readAll();
        else
            m_caError = QStringLiteral("cannot read the cluster's CA file %1: %2").arg(m_target.cluster.caFile, file.errorString());
    }
    connect(http, &HttpClient::finished, this, &KubeApi::onFinished);
    connect(http, &HttpClient::received, this, &KubeApi::onReceived);
    connect(http, &HttpClient::streamOpened, this, &KubeApi::onStreamOpened);
}

KubeApi::~KubeApi()
{
    if (m_http) {
        for (const Pending &p : std::as_const(m_pending)) {
            if (p.httpId)
                m_http->cancel(p.httpId);
        }
    }
}

quint64 KubeApi::call(const KubeCall &call, Done done)
{
    return enqueue(Pending{call, {}, {}, std::move(done), false, false, 0});
}

quint64 KubeApi::stream(const KubeCall &call, std::function<void()> opened, Bytes bytes, Done done)
{
    return enqueue(Pending{call, std::move(opened), std::move(bytes), std::move(done), true, false, 0});
}

quint64 KubeApi::enqueue(Pending pending)
{
    const quint64 handle = m_nextHandle++;
    m_pending.insert(handle, std::move(pending));
    dispatch(handle);
    return handle;
}

void KubeApi::cancel(quint64 handle)
{
    const auto it = m_pending.find(handle);
    if (it == m_pending.end())
        return;
    if (it->httpId) {
        m_byHttpId.remove(it->httpId);
        if (m_http)
            m_http->cancel(it->httpId);
    }
    m_pending.erase(it);
}

void KubeApi::dispatch(quint64 handle)
{
    const QPointer<KubeApi> self(this);
    m_credentials->withCredential([self, handle](const KubeCredential &credential, const QString &error) {
        if (!self)
            return;
        const auto it = self->m_pending.find(handle);
        if (it == self->m_pending.end())
            return;  // cancelled while the plugin ran
        QString problem = error.isEmpty() ? self->m_caError : error;
        if (!problem.isEmpty() || !self->m_http) {
            HttpResponse failure;
            failure.error = HttpError::Other;
            failure.errorMessage = problem.isEmpty() ? QStringLiteral("no HTTP client") : problem;
            const Done done = it->done;
            self->m_pending.erase(it);
            done(failure);
            return;
        }
        it->httpId = self->m_http->send(self->request(*it, credential));
        self->m_byHttpId.insert(it->httpId, handle);
    });
}

HttpRequest KubeApi::request(const Pending &pending, const KubeCredential &credential) const
{
    const KubeCall &call = pending.call;
    HttpRequest r;
    r.method = call.method;
    QUrl url = apiUrl(m_target.server, call.path);
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    r.url = url;
    r.body = call.body;
    r.contentType = call.contentType;
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    r.totalTimeoutMs = call.timeoutMs;
    r.connectTimeoutMs = std::min(call.timeoutMs, 5000);
    r.lowSpeedSeconds = 30;
    r.maxBodyBytes = call.maxBodyBytes;
    r.maxRedirects = 0;
    r.stream = pending.stream;
    r.insecure = m_target.cluster.insecure;
    r.tlsServerName = m_target.cluster.tlsServerName;
    r.caPem = m_caPem;
    if (!credential.clientCertPem.isEmpty()) {
        r.clientCertPem = credential.clientCertPem;
        r.clientKeyPem = credential.clientKeyPem;
    } else {
        r.clientCertFile = credential.clientCertFile;
        r.clientKeyFile = credential.clientKeyFile;
    }
    if (!credential.token.isEmpty())
        r.auth = HttpAuth{HttpAuth::Kind::Bearer, {}, credential.token};
    else if (!credential.username.isEmpty())
        r.auth = HttpAuth{HttpAuth::Kind::Basic, credential.username, credential.password};
    return r;
}

void KubeApi::onReceived(quint64 httpId, const QByteArray &bytes)
{
    const auto handle = m_byHttpId.constFind(httpId);
    if (handle == m_byHttpId.cend())
        return;
    const auto it = m_pending.constFind(*handle);
    if (it != m_pending.cend() && it->bytes)
        it->bytes(bytes);
}

void KubeApi::onStreamOpened(quint64 httpId)
{
    const auto handle = m_byHttpId.constFind(httpId);
    if (handle == m_byHttpId.cend())
        return;
    const auto it = m_pending.constFind(*handle);
    if (it != m_pending.cend() && it->opened)
        it->opened();
}

void KubeApi::onFinished(quint64 httpId, const HttpResponse &response)
{
    const auto byId = m_byHttpId.find(httpId);
    if (byId == m_byHttpId.end())
        return;
    const quint64 handle = *byId;
    m_byHttpId.erase(byId);
    const auto it = m_pending.find(handle);
    if (it == m_pending.end())
        return;
    // A plugin's token the server no longer takes: once more with a fresh one.
    if (response.status == 401 && m_credentials->usesExecPlugin() && !it->retried) {
        it->retried = true;
        it->httpId = 0;
        m_credentials->invalidate();
        dispatch(handle);
        return;
    }
    const Done done = it->done;
    m_pending.erase(it);
    done(response);
}

QString kubeAppsPath(const QString &nameSpace, const QString &resource, const QString &name, const QString &subresource)
{
    QString path = QStringLiteral("/apis/apps/v1");
    if (!nameSpace.isEmpty())
        path += QLatin1String("/namespaces/") + QString::fromLatin1(QUrl::toPercentEncoding(nameSpace));
    path += u'/' + resource;
    if (!name.isEmpty())
        path += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(name));
    if (!subresource.isEmpty())
        path += u'/' + subresource;
    return path;
}

QString kubeErrorText(const HttpResponse &response)
{
    if (!response.transportOk())
        return response.errorMessage;
    const KubeStatus status = parseKubeStatus(response.body, response.status);
    QString text = QString::number(response.status);
    if (!status.reason.isEmpty())
        text += u' ' + status.reason;
    if (!status.message.isEmpty() && status.message != QStringLiteral("HTTP %1").arg(response.status))
        text += QLatin1String(": ") + status.message;
    return text;
}

} // namespace opsdeck
