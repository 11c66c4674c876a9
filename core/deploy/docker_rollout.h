#pragma once

// The operator's actions on a Docker or Compose service, replica by replica:
// restart (each waits to be healthy before the next goes), stop, start, and
// roll back to another image. A rollback re-creates each replica from the
// other image with the same configuration (the old one is renamed and stopped,
// kept until the end); if a new replica is not healthy within its health
// check's window, every replica replaced so far is put back as it was.
//
// Refused in a read-only profile. The audit log gets the intent before the
// first request and the outcome after the last. Requests go through the shared
// HttpClient; the job lives on the thread that creates it.

#include "audit/audit_log.h"
#include "deploy/deployment.h"
#include "deploy/docker_endpoint.h"
#include "net/http_client.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QTimer;

namespace opsdeck {

struct DockerRolloutRequest {
    enum class Kind { Restart, Stop, Start, Rollback };
    Kind kind = Kind::Restart;
    QString environment;
    QString deployment;     // "shop/api"
    QStringList replicas;   // container ids, in the order they are worked on
    QString fromImage;      // Rollback: what runs now, for the audit and the history
    QString toImage;        // Rollback: the image to run
    QString reason;         // the operator's words, for the audit log
    // How long a replica may take to be healthy when it has no health check: running this long without a restart.
    int settleMs = 2000;
    // Extra time on top of the health check's own window.
    int healthMarginMs = 5000;
};

QString rolloutActionKey(DockerRolloutRequest::Kind kind);  // restart, stop, start, rollback

// The body of POST /containers/create that re-creates a container from another
// image with its configuration: its Config (the image replaced; what the old
// image brought, its entrypoint, command, environment entries, labels, health
// check, dropped where the container kept them as they were, so the new
// image's own apply; no hostname on the host's network), HostConfig and
// networks. Empty with error on an inspection that cannot be read.
QByteArray dockerRecreateBody(const QByteArray &containerInspection, const QByteArray &imageInspection, const QString &image,
                              QString *error);

struct DockerRolloutResult {
    bool ok = false;
    QString message;      // for people, one line
    bool putBack = false; // a rollback failed and what ran before runs again
};

class DockerRollout : public QObject
{
    Q_OBJECT
public:
    DockerRollout(HttpClient *http, const DockerEndpoint &endpoint, const QString &apiVersion, AuditLog audit,
                  const AuditActor &actor, bool readOnly, DockerRolloutRequest request, QObject *parent = nullptr);
    ~DockerRollout() override;

    void start();
    const DockerRolloutRequest &request() const { return m_request; }
    // What the action will change, said before it is done: one line per replica.
    static QStringList plan(const DockerRolloutRequest &request, const QList<DockerContainer> &replicas);

Q_SIGNALS:
    void progress(const QString &step);
    void finished(const opsdeck::DockerRolloutResult &result);

private:
    using Continuation = std::function<void(const HttpResponse &)>;
    struct Replaced {
        QString name, oldId, newId;
    };
    void call(HttpRequest::Method method, const QString &pathAndQuery, const QByteArray &body, int timeoutMs, Continuation then);
    void onFinished(quint64 id, const HttpResponse &response);
    void next();
    void restartReplica(const QString &id);
    void rollbackReplica(const QString &id);
    void keepOld(const QByteArray &createBody);
    void createNew(const QByteArray &createBody);
    void waitHealthy(const QString &id, qint64 windowMs, std::function<void(bool, QString)> done);
    void pollHealth(const QString &id, qint64 deadline, qint64 runningSince, std::function<void(bool, QString)> done);
    void putBack(const QString &why);
    void removeOldAndFinish();
    void refuse(const QString &message);
    void finish(bool ok, const QString &message, bool putBackDone = false);
    QString failure(const QString &what, const HttpResponse &r) const;

    QPointer<HttpClient> m_http;
    DockerEndpoint m_endpoint;
    QString m_apiVersion;
    AuditTrail m_audit;
    bool m_readOnly;
    DockerRolloutRequest m_request;
    QHash<quint64, Continuation> m_waiting;
    int m_index = -1;
    QList<Replaced> m_replaced;
    Replaced m_current;
    bool m_done = false;
};

} // namespace opsdeck

Q_DECLARE_METATYPE(opsdeck::DockerRolloutResult)
