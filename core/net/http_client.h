#pragma once

#include "net/http_types.h"

#include <QObject>

#include <memory>

namespace opsdeck {

// Asynchronous HTTP requests (GET, POST, DELETE) on libcurl's multi interface, driven by one worker
// thread that the client owns. send() may be called from any thread; the answer
// arrives through finished(), emitted on the worker thread, so receivers in
// other threads get it queued. Receivers match answers by the id send() returned.
//
// Only http and https are allowed, also on redirects; credentials are never sent
// to another host after a redirect; the body is capped while it arrives.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    using RequestId = quint64;

    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    RequestId send(const HttpRequest &request);
    void cancel(RequestId id);
    int inFlight() const;

Q_SIGNALS:
    void finished(quint64 id, const opsdeck::HttpResponse &response);
    // For a request with stream set: the server answered 2xx and its body starts now.
    void streamOpened(quint64 id);
    // For a request with stream set: the next bytes of the body, in order.
    void received(quint64 id, const QByteArray &bytes);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace opsdeck
