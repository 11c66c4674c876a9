#pragma once

// Where a profile's Docker engine answers and how to reach it: a Unix socket
// (unix:///var/run/docker.sock, through libcurl's socket option), or tcp://
// with TLS client certificates (https) or without (plain http, port 2375).
// Chosen like the docker command line: the profile's "docker" object, else
// $DOCKER_HOST (with $DOCKER_TLS_VERIFY and $DOCKER_CERT_PATH), else the
// local socket.

#include "config/config.h"
#include "net/http_types.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

namespace opsdeck {

struct DockerEndpoint {
    QString socketPath;  // set for unix://
    QUrl base;           // http://docker-<hash of the socket> for a socket; http(s)://host:port for tcp://
    QString caFile, certFile, keyFile;
    QString host;        // as configured, for people: "unix:///var/run/docker.sock"
    bool tls() const { return base.scheme() == u"https"; }
};

// The endpoint, or nothing with the reason in error (a host that is neither
// unix:// nor tcp://, a tcp:// without a port).
std::optional<DockerEndpoint> dockerEndpoint(const std::optional<DockerConfig> &config, const QProcessEnvironment &environment,
                                             QString *error);

// A request to the engine: pathAndQuery under /v<apiVersion> when one was
// negotiated ("/containers/json?all=1"), bare otherwise (/_ping, /version).
HttpRequest dockerRequest(const DockerEndpoint &endpoint, const QString &apiVersion, const QString &pathAndQuery);

} // namespace opsdeck
