#pragma once

// A configured database as a row of the Health panel, so that "the database
// is down" shows without Prometheus: its monitoring connection's last poll
// turned into the health of a service named "db/<name>".

#include "db/database_monitor.h"
#include "health/service_health.h"

namespace opsdeck {

QString databaseHealthName(const QString &database);
ServiceHealth databaseHealth(const DatabaseSnapshot &snapshot);

} // namespace opsdeck
