#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, GUI on the
# offscreen platform, CLI, integration against real servers on loopback), then
# builds the asan preset and runs them all again under AddressSanitizer and
# UBSan, so a memory error fails the suite instead of waiting for a user.
# Exits non-zero if either run fails. Extra arguments go to both ctest runs
# (e.g. -R health). OPSDECK_SKIP_ASAN=1 skips the second run, for quick local loops.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
ctest --preset release -j 2 "$@"

if [ "${OPSDECK_SKIP_ASAN:-0}" != 1 ]; then
  echo "== the same tests under AddressSanitizer and UBSan"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$(nproc)"
  ctest --preset asan -j 2 "$@"
fi
