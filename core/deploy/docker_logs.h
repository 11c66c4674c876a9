#pragma once

// The logs of one or more containers (a service's replicas), the last N lines
// of each and then, when following, every new line as it is written. One
// stream per container (GET /containers/{id}/logs with timestamps, decoded
// frame by frame); lines come out tagged with their container. The streams
// have an HTTP client of their own: a service of many replicas followed must
// not take the connections the engine's other requests need.

#include "deploy/docker_endpoint.h"
#include "deploy/docker_streams.h"
#include "net/http_client.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <unordered_map>

namespace opsdeck {

struct ContainerLogLine {
    QString container;  // its name
    LogLine line;
};

class DockerLogs : public QObject
{
    Q_OBJECT
public:
    struct Target {
        QString id;
        QString name;
    };

    DockerLogs(const DockerEndpoint &endpoint, const QString &apiVersion, QObject *parent = nullptr);
    ~DockerLogs() override;

    // tail: lines of the past per container (0: none, -1: all); follow: keep the streams open.
    void start(const QList<Target> &containers, int tail, bool follow);
    void stop();
    bool running() const { return !m_streams.empty(); }

Q_SIGNALS:
    void lines(const QList<opsdeck::ContainerLogLine> &lines);
    // One container's stream ended: error is empty when it ended as asked (no follow, or the container stopped).
    void streamEnded(const QString &container, const QString &error);
    void finished();  // every stream ended

private:
    struct Stream {
        QString name;
        std::unique_ptr<DockerLogDecoder> decoder;
    };
    void onReceived(quint64 id, const QByteArray &bytes);
    void onFinished(quint64 id, const HttpResponse &response);

    std::unique_ptr<HttpClient> m_http;
    DockerEndpoint m_endpoint;
    QString m_apiVersion;
    std::unordered_map<quint64, Stream> m_streams;
};

} // namespace opsdeck
