#include "docker_endpoint.h"

#include <QDir>

namespace opsdeck {

std::optional<DockerEndpoint> dockerEndpoint(const std::optional<DockerConfig> &config, const QProcessEnvironment &environment,
                                             QString *error)
{
    DockerConfig c = config.value_or(DockerConfig{});
    if (c.host.isEmpty()) {
        c.host = environment.value(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix:///var/run/docker.sock"));
        // The docker command line's own variables: TLS files in one folder, by their usual names.
        if (environment.value(QStringLiteral("DOCKER_TLS_VERIFY")) == u"1" && c.certFile.isEmpty()) {
            const QDir certs(environment.value(QStringLiteral("DOCKER_CERT_PATH"), QDir::home().filePath(QStringLiteral(".docker"))));
            c.caFile = certs.filePath(QStringLiteral("ca.pem"));
            c.certFile = certs.filePath(QStringLiteral("cert.pem"));
            c.keyFile = certs.filePath(QStringLiteral("key.pem"));
        }
    }
    DockerEndpoint e;
    e.host = c.host;
    e.caFile = c.caFile;
    e.certFile = c.certFile;
    e.keyFile = c.keyFile;
    if (c.host.startsWith(QLatin1String("unix://"))) {
        e.socketPath = c.host.mid(7);
        if (e.socketPath.isEmpty()) {
            *error = QStringLiteral("docker host %1: no socket path").arg(c.host);
            return std::nullopt;
        }
        // Only the Host header sees this name: the socket is what is connected to.
        // One name per socket, so that libcurl's cap of connections per host
        // counts each engine apart (a long-lived stream to one engine must not
        // hold back the requests to another).
        e.base = QUrl(QStringLiteral("http://docker-%1").arg(qHash(e.socketPath), 8, 16, QLatin1Char('0')));
        return e;
    }
    if (c.host.startsWith(QLatin1String("tcp://"))) {
        const QUrl url(QStringLiteral("http://") + c.host.mid(6));
        if (!url.isValid() || url.host().isEmpty() || url.port() <= 0) {
            *error = QStringLiteral("docker host %1: tcp:// needs a host and a port (2376 with TLS)").arg(c.host);
            return std::nullopt;
        }
        e.base = url;
        e.base.setPath({});
        if (!c.certFile.isEmpty() || !c.caFile.isEmpty())
            e.base.setScheme(QStringLiteral("https"));
        return e;
    }
    *error = QStringLiteral("docker host %1: must start with unix:// or tcp://").arg(c.host);
    return std::nullopt;
}

HttpRequest dockerRequest(const DockerEndpoint &endpoint, const QString &apiVersion, const QString &pathAndQuery)
{
    HttpRequest r;
    const QString prefix = apiVersion.isEmpty() ? QString() : QStringLiteral("/v") + apiVersion;
    r.url = QUrl(endpoint.base.toString(QUrl::RemovePath) + prefix + pathAndQuery);
    r.unixSocketPath = endpoint.socketPath;
    r.caFile = endpoint.caFile;
    r.clientCertFile = endpoint.certFile;
    r.clientKeyFile = endpoint.keyFile;
    r.headers << qMakePair(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    return r;
}

} // namespace opsdeck
