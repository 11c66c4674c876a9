#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer and UBSan on, core
# included) and runs each, seeded from ../shared/corpora and tests/fuzz/seeds.
# Exits 77 (skipped) when clang or its fuzzer runtime is absent.
#   tests/fuzz/run-fuzzers.sh SECONDS      explore for that long per target (by hand)
#   tests/fuzz/run-fuzzers.sh --runs N     N inputs per target with a fixed seed:
#                                          repeatable, what the test suite runs
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ "${1:-}" = "--runs" ]; then
  limit=(-runs="${2:?number of runs}" -seed=1 -max_total_time=300)
  what="${2} runs"
else
  limit=(-max_total_time="${1:-20}")
  what="${1:-20} s"
fi
build=${OPSDECK_FUZZ_BUILD:-$repo/build/fuzz}

if ! command -v clang++ >/dev/null || ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long){return 0;}' \
     | clang++ -x c++ -fsanitize=fuzzer - -o /dev/null 2>/dev/null; then
  echo "run-fuzzers: clang with libFuzzer is not installed (apt install clang libclang-rt-14-dev); skipped"
  exit 77
fi

cmake -S "$repo" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DOPSDECK_BUILD_FUZZERS=ON -DOPSDECK_BUILD_TESTS=OFF -DOPSDECK_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_text_exposition fuzz_openmetrics fuzz_health fuzz_prometheus_api fuzz_alerts

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared="$repo/../shared/corpora"
seed() {  # target, source folders...
  local dir="$work/$1"; shift
  mkdir -p "$dir"
  for src in "$@"; do [ -d "$src" ] && cp "$src"/* "$dir"/ 2>/dev/null || true; done
}
seed fuzz_text_exposition "$shared/prometheus-text/valid" "$shared/prometheus-text/invalid"
seed fuzz_openmetrics "$shared/openmetrics/valid" "$shared/openmetrics/invalid"
seed fuzz_health "$here/seeds/health"
seed fuzz_prometheus_api "$here/seeds/prometheus-api" "$here/regressions/prometheus-api" "$shared/alertmanager/0.27.0"
seed fuzz_alerts "$here/seeds/alerts" "$shared/alertmanager/0.22.0" "$shared/alertmanager/0.27.0"
# Recorded answers share file names across versions: keep both.
for v in 0.22.0 0.27.0; do
  for f in "$shared/alertmanager/$v"/*; do [ -f "$f" ] && cp "$f" "$work/fuzz_alerts/$v-$(basename "$f")"; done
done

status=0
for target in fuzz_text_exposition fuzz_openmetrics fuzz_health fuzz_prometheus_api fuzz_alerts; do
  echo "== $target: $what"
  if ! "$build/tests/fuzz/$target" "$work/$target" "${limit[@]}" -max_len=65536 -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/$target-" 2>"$work/$target.log"; then
    echo "run-fuzzers: $target found a failure:"; tail -40 "$work/$target.log"
    mkdir -p "$repo/build/fuzz-artifacts" && cp "$work/$target-"* "$repo/build/fuzz-artifacts/" 2>/dev/null || true
    status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$work/$target.log" | tail -2
  fi
done
exit $status
