#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// opsdeck-cli config init [--from-prometheus URL] | validate [FILE] | show
int runConfig(CliContext &context);

} // namespace opsdeck::cli
