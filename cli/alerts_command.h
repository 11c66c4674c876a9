#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// opsdeck-cli alerts list [--filter MATCHERS]
//             alerts ack (--fingerprint FP | --match MATCHERS) --comment TEXT [--duration D|until-resolved]
//             alerts unack --silence ID
//             alerts silences
int runAlerts(CliContext &context);

} // namespace opsdeck::cli
