#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, GUI on the
# offscreen platform, integration against real servers on loopback).
# Exits with ctest's status. Extra arguments go to ctest (e.g. -R health).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
ctest --preset release -j 2 "$@"
