#pragma once

// What runs where, one row per service per environment: the containers of a
// Compose service (or one standalone container) folded into a version, a
// replica count and a status with its reason; a Kubernetes Deployment fills the
// same row (core/kube).

#include "deploy/docker_containers.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace opsdeck {

enum class DeploymentStatus {
    Running,   // every replica up (and healthy where a health check exists)
    Rolling,   // two images at once, or a replica still starting
    Degraded,  // some replicas up, some not
    Failed,    // none up, and the reason is an error (an exit code, a restart loop)
    Stopped,   // none up, stopped on purpose (exit code 0, or never started)
};

QString deploymentStatusKey(DeploymentStatus status);  // "running", "rolling"… as the CLI's JSON says

struct Deployment {
    QString name;         // "shop/api" for a Compose service; the container's name for a standalone one
    QString environment;  // the profile's name
    QString source;       // "docker" or "kubernetes"
    QString project;      // the Compose project (empty for a standalone container), or the namespace
    QString service;      // the Compose service, the container's name, or the Deployment's name
    QStringList images;   // each image once, the most replicas' first
    QString version;      // of the first image
    int desired = 0;
    int running = 0;
    int healthy = 0;
    DeploymentStatus status = DeploymentStatus::Stopped;
    QString reason;       // for people, one line; empty when running
    qint64 changedMs = 0; // the latest start, creation or exit among the replicas
    QStringList containerIds;
    // Kubernetes only
    qint64 revision = 0;
    bool paused = false;
    QString managedBy;    // a GitOps controller that owns the spec ("Argo CD (application shop)")

    // A row of a Docker engine or a Kubernetes cluster, not a service's own (made from its health).
    bool runsOnEngine() const { return source == u"docker" || source == u"kubernetes"; }
    // A Compose service and a Deployment may share a name ("shop/api"): the source tells them apart.
    QString key() const { return environment + u'\x1f' + source + u'\x1f' + name; }
};

// A change seen on a deployment: a new image (a deploy, a rollback) or a restart.
struct DeployChange {
    enum class Kind { Deploy, Restart };
    Kind kind = Kind::Deploy;
    qint64 timeMs = 0;
    QString environment;
    QString name;       // the deployment's
    QString fromImage;  // Deploy only; empty when nothing was seen before
    QString toImage;
    QString actor;      // who did it, when known (the operator, for OpsDeck's own actions)
};

// The version an image runs: its tag ("shop/api:1.4.2" → "1.4.2"), else the
// OCI version label the image carries (org.opencontainers.image.version), else
// "latest" or the short image id.
QString imageVersion(const QString &image, const QMap<QString, QString> &labels, const QString &imageId);

// The Compose project and service of a container as a deployment's name: "project/service".
QString deploymentName(const DockerContainer &container);

// Containers grouped by Compose project and service (one-off `compose run`
// containers left out), a standalone container as its own row; sorted by name.
QList<Deployment> groupDockerDeployments(const QList<DockerContainer> &containers, const QString &environment);

} // namespace opsdeck
