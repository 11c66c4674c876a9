#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// opsdeck-cli metrics parse [--format text] FILE|-
int runMetrics(CliContext &context);

} // namespace opsdeck::cli
