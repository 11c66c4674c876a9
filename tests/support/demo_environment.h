#pragma once

// The demo environment (demo/demo-env.sh) for integration tests: its own state
// folder and ports, so tests run beside each other and beside a developer's demo.

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <vector>

namespace testsupport {

// Distinct loopback TCP ports that nothing listens on now, asked of the OS (each
// socket is held until all are chosen, so none is handed out twice). With
// consecutive, the ports follow one another, for scripts that take a base port.
std::vector<int> freePorts(int count, bool consecutive = false);

class DemoEnvironment
{
public:
    struct Ports {
        int servicesBase;
        int prometheus;
        int alertmanager;
        int postgres;
        int nodeExporter;
        int kube;  // the stand-in Kubernetes API (opsdeck-demo-kube)
    };

    // Ports the OS says are free now: tests never collide with another program's fixed ports.
    static Ports choosePorts();

    DemoEnvironment(QString sourceDir, QString demoBinDir, bool withPostgres);
    ~DemoEnvironment();

    bool start();
    bool fault(const QString &service, const QString &mode);
    QString configPath() const;
    QString statePath(const QString &name) const { return m_state.filePath(name); }
    QString prometheusUrl() const;
    const Ports &ports() const { return m_ports; }
    QProcessEnvironment environment() const;

private:
    bool run(const QStringList &args);

    QString m_sourceDir;
    QString m_binDir;
    Ports m_ports;
    bool m_withPostgres;
    QTemporaryDir m_state;
    bool m_started = false;
};

} // namespace testsupport
