#pragma once

// The last known state's values as JSON and back: what each panel last showed,
// as the core values the models take (see last_known_state.h for the files).
// Decoding is lenient and bounded: a value that does not read is left out, and
// lists stop at their limit, so a damaged file yields less, never a crash.

#include "alerts/alerts.h"
#include "db/database_monitor.h"
#include "deploy/deployment.h"
#include "health/service_health.h"

#include <QJsonArray>
#include <QList>

namespace opsdeck::state {

QJsonArray healthToJson(const QList<ServiceHealth> &services);
QList<ServiceHealth> healthFromJson(const QJsonArray &array);

// Each source's last good snapshot (alerts and silences).
QJsonArray alertsToJson(const QList<AlertSnapshot> &snapshots);
QList<AlertSnapshot> alertsFromJson(const QJsonArray &array);

// The overview of each database: the server, its rates, sessions, standbys and
// slots (the tables and the statement history are not kept).
QJsonArray databasesToJson(const QList<DatabaseSnapshot> &snapshots);
QList<DatabaseSnapshot> databasesFromJson(const QJsonArray &array);

QJsonArray deploymentsToJson(const QList<Deployment> &deployments);
QList<Deployment> deploymentsFromJson(const QJsonArray &array);

// Limits of what is kept: enough for the picture, bounded on disk.
inline constexpr int maxAlertsPerSource = 5000;
inline constexpr int maxSessionsPerDatabase = 1000;
inline constexpr int maxRows = 5000;

} // namespace opsdeck::state
