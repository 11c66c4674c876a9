#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// opsdeck-cli metrics parse [--format text] FILE|-, metrics scrape URL,
// metrics query PROMQL [--range DURATION --step DURATION]
int runMetrics(CliContext &context);

} // namespace opsdeck::cli
