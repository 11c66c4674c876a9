#pragma once

// A private Docker engine for a test: dockerd on a socket in a temporary
// folder (never the system's), its own data and exec roots, no bridge network
// and no iptables (containers run on the host network, loopback only). Images
// come from `docker import` of a static busybox: no registry is reachable.
// Stopped and deleted with the object. Where dockerd cannot run (not
// installed, not root, a chroot), start() says why and tests skip.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace testsupport {

class DockerDaemon
{
public:
    DockerDaemon();
    ~DockerDaemon();

    bool start(int timeoutMs = 30000);
    void stop();       // SIGTERM, as an orderly shutdown
    // SIGKILL to dockerd, its containerd and the containers' shims, as a crash of the
    // whole engine (a dockerd killed alone leaves a containerd that its successor
    // waits for in vain); start() brings it back with the containers exited.
    void kill();
    const QString &lastError() const { return m_error; }
    QString socketPath() const { return m_dir.filePath(QStringLiteral("docker.sock")); }
    QString host() const { return QStringLiteral("unix://") + socketPath(); }

    // The docker command line against this engine; returns its stdout, or a null string with lastError().
    QString docker(const QStringList &args, int timeoutMs = 60000);
    // An image of a static busybox (sh, sleep, true, false, echo, wget...) under that name.
    bool importBusybox(const QString &image);

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_error;
};

} // namespace testsupport
