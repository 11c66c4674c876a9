#pragma once

// A service that runs without a container OpsDeck can see (a process, another
// host, a platform it does not read) is still a row of the Deployments panel,
// from what is read already: the version its /health reports, else the
// version label of a *_build_info series it exposes; the start from its
// process_start_time_seconds; the status from its health.

#include "deploy/deployment.h"
#include "health/service_health.h"

#include <optional>

namespace opsdeck {

class SeriesStore;

// store may be null (nothing scraped); the service's series carry service="<name>".
Deployment serviceDeployment(const QString &service, const std::optional<ServiceHealth> &health, const SeriesStore *store,
                             const QString &environment);

} // namespace opsdeck
