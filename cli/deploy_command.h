#pragma once

#include "cli_context.h"

namespace opsdeck::cli {

// deploy list | history NAME | logs NAME | restart NAME | stop NAME | start NAME | rollback NAME
int runDeploy(CliContext &context);

} // namespace opsdeck::cli
