#pragma once

// The credentials of one kubeconfig user, ready for a request: a token (given,
// or read from its tokenFile each time, as a projected service-account token
// rotates), a client certificate, a user name and password, or what an exec
// credential plugin answers. A plugin runs in the background (never on the
// caller's stack), with KUBERNETES_EXEC_INFO set, and its answer is kept until
// its expirationTimestamp; a 401 drops it so that the next request runs the
// plugin again. No credential is ever logged: errors carry the plugin's
// stderr, never its stdout.

#include "kube/kubeconfig.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QProcess;

namespace opsdeck {

struct KubeCredential {
    QString token;
    QString username, password;
    QByteArray clientCertPem, clientKeyPem;
    QString clientCertFile, clientKeyFile;
    qint64 expiresMs = 0;  // 0: does not expire
};

// An ExecCredential as a plugin prints it; nullopt with error when it is not
// one, is of another apiVersion than the one asked for, or carries nothing usable.
std::optional<KubeCredential> parseExecCredential(const QByteArray &json, const QString &apiVersion, QString *error);

// The KUBERNETES_EXEC_INFO a plugin is given: non-interactive, the cluster
// included when the config asks for it.
QByteArray execCredentialRequest(const KubeExecConfig &exec, const KubeCluster &cluster, const QString &server);

class KubeCredentials : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const KubeCredential &credential, const QString &error)>;

    explicit KubeCredentials(KubeTarget target, QObject *parent = nullptr);
    ~KubeCredentials() override;

    // Calls back with the credential: at once when it is at hand, later when a
    // plugin must run (callers waiting meanwhile share that one run).
    void withCredential(Callback callback);
    // The server refused the credential (401): forget a plugin's answer.
    void invalidate();
    bool usesExecPlugin() const { return m_target.user.exec.has_value(); }
    int pluginRuns() const { return m_runs; }

    static constexpr int pluginTimeoutMs = 60000;

private:
    bool cachedValid() const;
    void runPlugin();
    void finishPlugin(const KubeCredential &credential, const QString &error);

    KubeTarget m_target;
    std::optional<KubeCredential> m_cached;
    QList<Callback> m_waiting;
    QPointer<QProcess> m_process;
    int m_runs = 0;
};

} // namespace opsdeck
