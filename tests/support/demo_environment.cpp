#include "demo_environment.h"

#include <QProcess>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace testsupport {

namespace {

// A listening socket on 127.0.0.1:port (0: the OS chooses); -1 if the port is taken.
int listenOn(int port, int *bound)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(quint16(port));
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 1) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        ::close(fd);
        return -1;
    }
    *bound = ntohs(addr.sin_port);
    return fd;
}

} // namespace

std::vector<int> freePorts(int count, bool consecutive)
{
    std::vector<int> ports;
    std::vector<int> held;
    for (int attempt = 0; attempt < 100 && int(ports.size()) < count; ++attempt) {
        int port = 0;
        const int fd = listenOn(consecutive && !ports.empty() ? ports.back() + 1 : 0, &port);
        if (fd >= 0) {
            held.push_back(fd);
            ports.push_back(port);
            continue;
        }
        for (const int h : held)  // the next port was taken: start the run again elsewhere
            ::close(h);
        held.clear();
        ports.clear();
    }
    for (const int h : held)
        ::close(h);
    return ports;
}

DemoEnvironment::Ports DemoEnvironment::choosePorts()
{
    const std::vector<int> services = freePorts(3, true);
    const std::vector<int> others = freePorts(5);
    if (services.size() != 3 || others.size() != 5)
        return {0, 0, 0, 0, 0, 0};  // start() then fails and says so
    return {services[0], others[0], others[1], others[2], others[3], others[4]};
}

DemoEnvironment::DemoEnvironment(QString sourceDir, QString demoBinDir, bool withPostgres)
    : m_sourceDir(std::move(sourceDir)), m_binDir(std::move(demoBinDir)), m_ports(choosePorts()), m_withPostgres(withPostgres)
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
    env.insert(QStringLiteral("OPSDECK_NODE_EXPORTER_PORT"), QString::number(m_ports.nodeExporter));
    env.insert(QStringLiteral("OPSDECK_KUBE_PORT"), QString::number(m_ports.kube));
    // Tests count sessions and rows themselves: no background workload on the app database.
    env.insert(QStringLiteral("OPSDECK_DEMO_WORKLOAD"), QStringLiteral("0"));
    if (!m_withPostgres)
        env.insert(QStringLiteral("OPSDECK_DEMO_WITHOUT_PG"), QStringLiteral("1"));
    // The demo's own password for its ops role, which its profile names (demo-env.sh's default).
    if (!env.contains(QStringLiteral("OPSDECK_APP_PASSWORD")))
        env.insert(QStringLiteral("OPSDECK_APP_PASSWORD"), QStringLiteral("ops-demo"));
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
    if (m_ports.servicesBase == 0) {
        qWarning("DemoEnvironment: the OS gave no free loopback ports");
        return false;
    }
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
