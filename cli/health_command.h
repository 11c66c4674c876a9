#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// opsdeck-cli health [--json]: checks every service's health endpoints once.
int runHealth(CliContext &context);

} // namespace opsdeck::cli
