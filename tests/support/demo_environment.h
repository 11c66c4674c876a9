#pragma once

// The demo environment (demo/demo-env.sh) for integration tests: its own state
// folder and ports, so tests run beside each other and beside a developer's demo.

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace testsupport {

class DemoEnvironment
{
public:
    struct Ports {
        int servicesBase;
        int prometheus;
        int alertmanager;
        int postgres;
    };

    DemoEnvironment(QString sourceDir, QString demoBinDir, Ports ports, bool withPostgres);
    ~DemoEnvironment();

    bool start();
    bool fault(const QString &service, const QString &mode);
    QString configPath() const;
    QString statePath(const QString &name) const { return m_state.filePath(name); }
    QString prometheusUrl() const;
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
