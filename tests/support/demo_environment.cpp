#include "demo_environment.h"

#include <QProcess>

namespace testsupport {

DemoEnvironment::DemoEnvironment(QString sourceDir, QString demoBinDir, Ports ports, bool withPostgres)
    : m_sourceDir(std::move(sourceDir)), m_binDir(std::move(demoBinDir)), m_ports(ports), m_withPostgres(withPostgres)
{
}

DemoEnvironment::~DemoEnvironment()
{
    if (m_started)
        run({QStringLiteral("clean")});
}

QProcessEnvironment DemoEnvironment::environment() const
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPSDECK_DEMO_STATE"), m_state.path());
    env.insert(QStringLiteral("OPSDECK_DEMO_BIN"), m_binDir);
    env.insert(QStringLiteral("OPSDECK_DEMO_PORT_BASE"), QString::number(m_ports.servicesBase));
    env.insert(QStringLiteral("OPSDECK_PROMETHEUS_PORT"), QString::number(m_ports.prometheus));
    env.insert(QStringLiteral("OPSDECK_ALERTMANAGER_PORT"), QString::number(m_ports.alertmanager));
    env.insert(QStringLiteral("OPSDECK_PG_PORT"), QString::number(m_ports.postgres));
    if (!m_withPostgres)
        env.insert(QStringLiteral("OPSDECK_DEMO_WITHOUT_PG"), QStringLiteral("1"));
    return env;
}

bool DemoEnvironment::run(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(environment());
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QStringLiteral("bash"), QStringList{m_sourceDir + QStringLiteral("/demo/demo-env.sh")} + args);
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool DemoEnvironment::start()
{
    m_started = true;  // clean up even a half-started environment
    return m_state.isValid() && run({QStringLiteral("start")});
}

bool DemoEnvironment::fault(const QString &service, const QString &mode)
{
    return run({QStringLiteral("fault"), service, mode});
}

QString DemoEnvironment::configPath() const
{
    return m_state.filePath(QStringLiteral("opsdeck-demo.json"));
}

QString DemoEnvironment::prometheusUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_ports.prometheus);
}

} // namespace testsupport
