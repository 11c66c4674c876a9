#include "deploy/docker_logs.h"

#include "deploy/docker_containers.h"

namespace opsdeck {

DockerLogs::DockerLogs(const DockerEndpoint &endpoint, const QString &apiVersion, QObject *parent)
    : QObject(parent), m_http(std::make_unique<HttpClient>()), m_endpoint(endpoint), m_apiVersion(apiVersion)
{
    connect(m_http.get(), &HttpClient::received, this, &DockerLogs::onReceived);
    connect(m_http.get(), &HttpClient::finished, this, &DockerLogs::onFinished);
}

DockerLogs::~DockerLogs()
{
    stop();
}

void DockerLogs::start(const QList<Target> &containers, int tail, bool follow)
{
    stop();
    for (const Target &target : containers) {
        const QString query = QStringLiteral("/containers/%1/logs?stdout=1&stderr=1&timestamps=1&tail=%2&follow=%3")
                                  .arg(target.id, tail < 0 ? QStringLiteral("all") : QString::number(tail), follow ? QStringLiteral("1") : QStringLiteral("0"));
        HttpRequest r = dockerRequest(m_endpoint, m_apiVersion, query);
        r.stream = true;
        r.connectTimeoutMs = 3000;
        r.maxBodyBytes = 64 * 1024;  // an error answer; the log itself streams
        Stream stream;
        stream.name = target.name;
        // Whether the container has a TTY decides the framing; its first bytes say which.
        stream.decoder = std::make_unique<DockerLogDecoder>(DockerLogDecoder::Framing::Detect, true);
        m_streams.emplace(m_http->send(r), std::move(stream));
    }
    if (m_streams.empty())
        Q_EMIT finished();
}

void DockerLogs::stop()
{
    for (const auto &[id, stream] : m_streams)
        m_http->cancel(id);
    m_streams.clear();
}

void DockerLogs::onReceived(quint64 id, const QByteArray &bytes)
{
    const auto it = m_streams.find(id);
    if (it == m_streams.end())
        return;
    const QList<LogLine> decoded = it->second.decoder->feed(bytes);
    if (decoded.isEmpty())
        return;
    QList<ContainerLogLine> out;
    out.reserve(decoded.size());
    for (const LogLine &line : decoded)
        out.append({it->second.name, line});
    Q_EMIT lines(out);
}

void DockerLogs::onFinished(quint64 id, const HttpResponse &response)
{
    const auto it = m_streams.find(id);
    if (it == m_streams.end())
        return;
    const QString name = it->second.name;
    QList<ContainerLogLine> rest;
    for (const LogLine &line : it->second.decoder->flush())
        rest.append({name, line});
    QString error = it->second.decoder->error();
    m_streams.erase(it);
    if (!rest.isEmpty())
        Q_EMIT lines(rest);
    if (error.isEmpty() && !response.isSuccess())
        error = response.transportOk() ? QStringLiteral("HTTP %1: %2").arg(response.status).arg(dockerErrorMessage(response.body))
                                       : response.errorMessage;
    Q_EMIT streamEnded(name, error);
    if (m_streams.empty())
        Q_EMIT finished();
}

} // namespace opsdeck
