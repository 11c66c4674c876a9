#pragma once

#include <QHash>
#include <QObject>

#include <functional>

namespace opsdeck {

class HttpClient;
struct HttpRequest;
struct HttpResponse;

// Requests answered to a function each, for code that asks one thing after another
// (a source's Test, discovery) rather than keeping a table of its own request ids.
// Owns its HttpClient; an answer that comes after this object is gone is dropped.
class HttpCalls : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const HttpResponse &response)>;

    explicit HttpCalls(QObject *parent = nullptr);
    ~HttpCalls() override;

    // done is called once, on this object's thread.
    void send(const HttpRequest &request, Done done);
    // For clients that take an HttpClient themselves (KubeApi).
    HttpClient *client() const { return m_client; }

private:
    HttpClient *m_client;
    QHash<quint64, Done> m_pending;
};

} // namespace opsdeck
