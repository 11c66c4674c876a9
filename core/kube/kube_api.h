#pragma once

// Requests to one Kubernetes API server, as a kubeconfig context describes it:
// its CA (and only its CA), insecure-skip-tls-verify where the context says so,
// and the user's credentials, fetched before each request (an exec plugin runs
// only when its answer expired). A 401 to a plugin's token drops it and the
// request is sent once more with a fresh one. Callers get the answer through
// a callback on the thread that owns the KubeApi; requests go through the
// shared HttpClient.

#include "kube/kube_credentials.h"
#include "kube/kubeconfig.h"
#include "net/http_client.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

namespace opsdeck {

struct KubeCall {
    HttpRequest::Method method = HttpRequest::Method::Get;
    QString path;  // "/apis/apps/v1/namespaces/shop/deployments/api"
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;  // application/strategic-merge-patch+json…
    int timeoutMs = 30000;
    qint64 maxBodyBytes = 64 * 1024 * 1024;
};

class KubeApi : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const HttpResponse &response)>;
    using Bytes = std::function<void(const QByteArray &bytes)>;

    KubeApi(HttpClient *http, KubeTarget target, QObject *parent = nullptr);
    ~KubeApi() override;

    const KubeTarget &target() const { return m_target; }
    KubeCredentials *credentials() const { return m_credentials; }

    // Returns a handle for cancel(); done is always called once, unless cancelled.
    quint64 call(const KubeCall &call, Done done);
    // A watch: opened once the server answered 2xx, bytes as they arrive, then
    // done when the stream ends (an empty body on success).
    quint64 stream(const KubeCall &call, std::function<void()> opened, Bytes bytes, Done done);
    void cancel(quint64 handle);

    // The server's address for people, without credentials.
    QString serverText() const { return m_target.server.toString(QUrl::RemoveUserInfo); }

private:
    struct Pending {
        KubeCall call;
        std::function<void()> opened;
        Bytes bytes;
        Done done;
        bool stream = false;
        bool retried = false;
        quint64 httpId = 0;
    };
    quint64 enqueue(Pending pending);
    void dispatch(quint64 handle);
    void onFinished(quint64 httpId, const opsdeck::HttpResponse &response);
    void onReceived(quint64 httpId, const QByteArray &bytes);
    void onStreamOpened(quint64 httpId);
    HttpRequest request(const Pending &pending, const KubeCredential &credential) const;

    QPointer<HttpClient> m_http;
    KubeTarget m_target;
    KubeCredentials *m_credentials;
    QByteArray m_caPem;
    QString m_caError;
    QHash<quint64, Pending> m_pending;
    QHash<quint64, quint64> m_byHttpId;
    quint64 m_nextHandle = 1;
};

// Paths of apps/v1 Deployments and ReplicaSets; an empty namespace means every namespace.
QString kubeAppsPath(const QString &nameSpace, const QString &resource, const QString &name = {},
                     const QString &subresource = {});

// A failed answer for people: "409 Conflict: the object has been modified…", "cannot connect: …".
QString kubeErrorText(const HttpResponse &response);

} // namespace opsdeck
