#pragma once

// One Docker engine, kept current without polling: the API version
// negotiated (/_ping, /version; 20.10's API 1.41 and later), the event stream
// opened, then the containers listed; each container event is a cue to inspect
// that container again, so the engine stays the truth and an event that comes
// during a list is never lost to it. A dropped stream is said, retried with a
// growing pause, and answered with a new list. Containers are kept by id: a
// relist and the events around it never show one twice or lose one.
//
// Lives on the thread that creates it; requests go through the shared
// HttpClient and answers come back queued.

#include "deploy/deploy_history_log.h"
#include "deploy/deployment.h"
#include "deploy/docker_containers.h"
#include "deploy/docker_endpoint.h"
#include "deploy/docker_streams.h"
#include "net/http_client.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

class QTimer;

namespace opsdeck {

struct DockerSnapshot {
    enum class Connection {
        Connecting,   // not yet reached, or reconnecting after a drop (the data, if any, is stale)
        Live,         // listed and following events
        Unavailable,  // no engine answers at the endpoint (no socket, refused): said calmly, retried
    };
    Connection connection = Connection::Connecting;
    QString environment;
    QString host;           // the endpoint, for people
    QString error;          // why it is not live; empty when live
    QString engineVersion;  // "20.10.24"
    QString apiVersion;     // negotiated: "1.41"
    qint64 listedMs = 0;    // when the last list came (0: never); the data's age
    QList<DockerContainer> containers;
    QList<Deployment> deployments;
};

class DockerWatcher : public QObject
{
    Q_OBJECT
public:
    DockerWatcher(HttpClient *http, const DockerEndpoint &endpoint, const QString &environment, QObject *parent = nullptr);
    ~DockerWatcher() override;

    void start();
    void stop();
    const DockerSnapshot &snapshot() const { return m_snapshot; }
    const DockerEndpoint &endpoint() const { return m_endpoint; }
    // Live, and every container inspected once: what a one-shot reader (the CLI) waits for.
    bool settled() const;
    // The changes seen, oldest first, at most historyLimit.
    const QList<DeployChange> &history() const { return m_history; }
    // Keeps the history on disk there (and starts from what it holds), so that it
    // outlives the process; without one it lives as long as the watcher.
    void setHistoryLog(const QString &path);

    static constexpr int historyLimit = 1000;
    static QString maximumApiVersion() { return QStringLiteral("1.52"); }
    static QString minimumApiVersion() { return QStringLiteral("1.41"); }

Q_SIGNALS:
    // snapshot() changed; coalesced, at most one per publishDelayMs.
    void changed();
    void deployChanged(const opsdeck::DeployChange &change);

private:
    enum class Step { Idle, Ping, Version, Events, List };
    void connectEngine();
    void onFinished(quint64 id, const opsdeck::HttpResponse &response);
    void onStreamOpened(quint64 id);
    void onReceived(quint64 id, const QByteArray &bytes);
    void onPing(const HttpResponse &r);
    void onVersion(const HttpResponse &r);
    void onList(const HttpResponse &r);
    void onInspect(const QString &id, const HttpResponse &r);
    void onEventsEnded(const HttpResponse &r);
    void handleEvent(const DockerEvent &event);
    void noteImage(const QString &name, const QString &image, qint64 timeMs);
    void noteListedImages();
    void recordChange(const DeployChange &change);
    void inspect(const QString &id);
    void failed(DockerSnapshot::Connection connection, const QString &error);
    void retryLater();
    void schedulePublish();
    void publish();
    quint64 send(const QString &pathAndQuery, int timeoutMs, bool stream = false);

    QPointer<HttpClient> m_http;
    DockerEndpoint m_endpoint;
    DockerSnapshot m_snapshot;
    Step m_step = Step::Idle;
    bool m_running = false;
    quint64 m_pending = 0;     // the request of the current step
    quint64 m_eventsId = 0;    // the open event stream
    QHash<quint64, QString> m_inspecting;  // request -> container id
    QSet<QString> m_inspectAgain;          // an event came while its inspection was out
    QSet<QString> m_touchedDuringList;     // events seen while the list was out: kept and re-inspected
    QSet<QString> m_destroyed;             // ids never to come back (a late inspection must not revive one)
    QHash<QString, DockerContainer> m_containers;
    LineSplitter m_eventLines;
    qint64 m_lastEventNano = 0;
    QSet<QString> m_seenEvents;            // time+id+action of the events applied to history
    QHash<QString, QString> m_lastImage;   // deployment name -> the image it last started
    QHash<QString, qint64> m_lastImageMs;  // and when
    QList<DeployChange> m_history;
    std::optional<DeployHistoryLog> m_historyLog;
    QTimer *m_retry;
    QTimer *m_publish;
    int m_backoffMs = 1000;
};

} // namespace opsdeck
