#!/usr/bin/env bash
# A soak run of the console: its own demo environment, the demo profile (the
# "All services" dashboard live, health every 2 s, alerts every 10 s), for
# MINUTES, resident memory sampled every 30 s, then the growth per hour by a
# least-squares fit (whole run and second half, so warm-up does not count).
#   bench/soak.sh [MINUTES] [OPSDECK_BINARY]      (default 60, build/release/app/opsdeck)
# Writes build/soak/rss.csv (seconds,kib) and prints the slopes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
minutes=${1:-60}
binary=${2:-$repo/build/release/app/opsdeck}
[ -x "$binary" ] || { echo "soak: no console at $binary (cmake --preset release && cmake --build build/release)"; exit 2; }
out="$repo/build/soak"
mkdir -p "$out"
state=$(mktemp -d)
export OPSDECK_DEMO_STATE="$state/demo" OPSDECK_DEMO_BIN="${OPSDECK_DEMO_BIN:-$(dirname "$binary")/../demo}"
export OPSDECK_DEMO_PORT_BASE=58080 OPSDECK_PROMETHEUS_PORT=59090 OPSDECK_ALERTMANAGER_PORT=59093 OPSDECK_PG_PORT=55432
export OPSDECK_APP_PASSWORD=${OPSDECK_APP_PASSWORD:-ops-demo} OPSDECK_AUDIT_LOG="$state/audit.jsonl"
export XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data" QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true; "$repo/demo/demo-env.sh" clean >/dev/null 2>&1 || true; rm -rf "$state"; }
trap cleanup EXIT
"$repo/demo/demo-env.sh" start >/dev/null
"$repo/demo/demo-env.sh" fault trading-engine slow >/dev/null   # some alerts and some movement
"$binary" --config "$("$repo/demo/demo-env.sh" profile)" --profile demo --quit-after $((minutes * 60 * 1000 + 60000)) \
  >"$out/console.log" 2>&1 &
pid=$!
echo "seconds,kib" >"$out/rss.csv"
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  [ "$now" -gt $((minutes * 60)) ] && break
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$now,$rss" >>"$out/rss.csv"
  sleep 30
done
awk -F, -v half=$((minutes * 30)) '
  NR > 1 { n++; x[n] = $1; y[n] = $2 }
  function slope(from,   i, c, sx, sy, sxx, sxy) {
    for (i = 1; i <= n; i++) if (x[i] >= from) { c++; sx += x[i]; sy += y[i]; sxx += x[i]*x[i]; sxy += x[i]*y[i] }
    return (c * sxy - sx * sy) / (c * sxx - sx * sx) * 3600 / 1024
  }
  END {
    printf "samples %d over %d s; RSS first %.1f MiB, last %.1f MiB, max %.1f MiB\n", n, x[n], y[1]/1024, y[n]/1024, max(n)/1024
    printf "growth: %.2f MiB/h over the whole run, %.2f MiB/h over the second half\n", slope(0), slope(half)
  }
  function max(k,   i, m) { for (i = 1; i <= k; i++) if (y[i] > m) m = y[i]; return m }
' "$out/rss.csv"
