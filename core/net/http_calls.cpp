#include "net/http_calls.h"

#include "net/http_client.h"

namespace opsdeck {

HttpCalls::HttpCalls(QObject *parent) : QObject(parent), m_client(new HttpClient(this))
{
    connect(m_client, &HttpClient::finished, this, [this](quint64 id, const HttpResponse &response) {
        if (Done done = m_pending.take(id))
            done(response);
    });
}

HttpCalls::~HttpCalls() = default;

void HttpCalls::send(const HttpRequest &request, Done done)
{
    m_pending.insert(m_client->send(request), std::move(done));
}

} // namespace opsdeck
