#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// backup create|list|verify|restore|prune|leftovers: the backup catalogue (docs/backups.md).
int runBackup(CliContext &context);

} // namespace opsdeck::cli
