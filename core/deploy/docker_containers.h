#pragma once

// Containers as the Docker Engine API describes them: the list
// (GET /containers/json?all=1) and one container's inspection
// (GET /containers/{id}/json), read leniently so that the answers of every
// engine from 20.10 (API 1.41) to today's decode alike. The list of API 1.52
// and later carries the health status; before, it is read from the "Status"
// text ("Up 2 minutes (healthy)"); the inspection adds the health check's last
// outputs, the restart count, the exit code and the start time.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace opsdeck {

struct DockerPort {
    QString ip;
    int privatePort = 0;
    int publicPort = 0;  // 0: not published
    QString type;        // tcp, udp
};

struct DockerContainer {
    QString id;
    QString name;         // without the leading slash
    QString image;        // as the container was created: "shop/api:1.4.2", "shop/api@sha256:…"
    QString imageId;      // sha256:… (the local image)
    QString digest;       // the manifest's sha256:… when known (API 1.48+ lists it; a reference by digest names it)
    QString state;        // created, running, paused, restarting, removing, exited, dead
    QString health;       // none, starting, healthy, unhealthy; empty when not known yet
    QString healthOutput; // the health check's last output, trimmed (inspection only)
    int failingStreak = 0;
    int restartCount = -1;  // -1: not known (the list does not say)
    int exitCode = 0;
    qint64 createdMs = 0;
    qint64 startedMs = 0;   // 0: not known or never started
    qint64 finishedMs = 0;
    QString statusText;     // the engine's own words: "Up 2 minutes (healthy)", "Exited (1) 3 seconds ago"
    QList<DockerPort> ports;
    QMap<QString, QString> labels;
    // How long the health check may take to call a new container healthy: its
    // start period, then each of its retries' interval and timeout, then one more
    // interval. 0 when the container has no health check (inspection only).
    qint64 healthWindowMs = 0;
    bool inspected = false;  // the fields the list leaves out are filled

    // The Compose labels: com.docker.compose.project, .service, .container-number, .oneoff.
    QString composeProject() const { return labels.value(QStringLiteral("com.docker.compose.project")); }
    QString composeService() const { return labels.value(QStringLiteral("com.docker.compose.service")); }
    bool oneOff() const;  // `docker compose run`: not part of the service's replicas
    bool isRunning() const { return state == u"running"; }
    // Running and either healthy or without a health check.
    bool isHealthy() const { return isRunning() && (health.isEmpty() || health == u"none" || health == u"healthy"); }
};

struct DockerContainerList {
    bool ok = false;
    QString error;
    QList<DockerContainer> containers;
};

DockerContainerList parseDockerContainerList(const QByteArray &body);

struct DockerContainerInspection {
    bool ok = false;
    QString error;
    DockerContainer container;
};

DockerContainerInspection parseDockerContainerInspection(const QByteArray &body);

// The health in a list's "Status" text, for engines before API 1.52: "healthy",
// "unhealthy", "starting" or empty.
QString healthFromStatusText(const QString &status);

// The engine's error answer ({"message": "…"}), or the body's first line.
QString dockerErrorMessage(const QByteArray &body);

} // namespace opsdeck
