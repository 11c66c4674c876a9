#!/usr/bin/env bash
# Installs what is missing, builds, starts the demo environment, opens the
# console on the demo profile, and stops the environment when the console exits.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

./scripts/install-deps.sh
cmake --preset release >/dev/null
# Only what the demo runs: the tests are test.sh's business.
cmake --build --preset release -j "$(nproc)" --target opsdeck opsdeck-cli opsdeck-demo-service

export OPSDECK_APP_PASSWORD=${OPSDECK_APP_PASSWORD:-ops-demo}
demo/demo-env.sh start
trap 'demo/demo-env.sh stop' EXIT
config=$(demo/demo-env.sh profile)

echo "demo: OpsDeck on profile 'demo'. Inject faults from another terminal, e.g."
echo "  demo/demo-env.sh fault trading-engine unhealthy   (none|slow|errors|degraded|unhealthy|down)"
build/release/app/opsdeck --config "$config" --profile demo "$@"
