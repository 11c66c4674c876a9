#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// opsdeck-cli db overview | activity | blocking | queries | cancel PID | terminate PID
int runDb(CliContext &context);

} // namespace opsdeck::cli
