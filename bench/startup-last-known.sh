#!/usr/bin/env bash
# Start-up from the last known state, with the network gone: the demo environment
# runs, the console watches it for a while (health, alerts, databases) and is
# closed, which saves its picture; then everything is stopped and the console is
# started RUNS times (default 7) against endpoints that no longer answer. Prints
# each run's time from the process's start to its first painted window, whether
# that window showed the last known state, and what its Health panel showed.
# The profile is the demo's with a dashboard of 8 PromQL panels on screen.
#   bench/startup-last-known.sh [RUNS] [OPSDECK_BINARY]   (under Xvfb or offscreen)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${1:-7}
binary=${2:-$repo/build/release/app/opsdeck}
[ -x "$binary" ] || { echo "startup-last-known: no console at $binary"; exit 2; }
work=$(mktemp -d)
export OPSDECK_DEMO_STATE="$work/demo" OPSDECK_DEMO_BIN="${OPSDECK_DEMO_BIN:-$(dirname "$binary")/../demo}"
export OPSDECK_DEMO_PORT_BASE=47080 OPSDECK_PROMETHEUS_PORT=47090 OPSDECK_ALERTMANAGER_PORT=47093 OPSDECK_PG_PORT=47432
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" OPSDECK_AUDIT_LOG="$work/audit.jsonl"
export OPSDECK_STATE_DIR="$work/state"
[ -n "${DISPLAY:-}" ] || export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
trap '"$repo/demo/demo-env.sh" clean >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
demo/demo-env.sh start >/dev/null 2>&1
config=$work/opsdeck-demo.json
# The demo profile, with a dashboard of 8 PromQL panels first (as bench/startup.sh has it);
# kept here: stopping the demo removes its own copy.
python3 - "$(demo/demo-env.sh profile)" "$config" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
demo = next(p for p in config["profiles"] if p["name"] == "demo")
metrics = ["rate(http_requests_total[1m])", "histogram_quantile(0.5, sum by (service, le) (rate(http_request_duration_seconds_bucket[1m])))",
           "histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket[1m])))",
           "histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket[1m])))",
           "sum by (service) (rate(http_requests_total{status=~\"5..\"}[1m]))", "rate(process_cpu_seconds_total[1m])",
           "process_resident_memory_bytes", "up"]
panels = [{"title": "panel %d" % (i + 1), "queries": [{"legend": "{{service}}", "promql": m}]} for i, m in enumerate(metrics)]
demo["dashboards"].insert(0, {"title": "Eight PromQL panels", "panels": panels})
json.dump(config, open(sys.argv[2], "w"), indent=1)
PY
export OPSDECK_APP_PASSWORD=ops-demo  # the demo's default
demo/demo-env.sh fault trading-engine unhealthy >/dev/null 2>&1 || true

# The first run sees it all live for 20 s, then closes (and saves).
"$binary" --config "$config" --profile demo --dashboard "Eight PromQL panels" --quit-after 20000 >/dev/null 2>&1 || true
saved=$(ls "$OPSDECK_STATE_DIR"/*/ 2>/dev/null | tr '\n' ' ')
echo "saved: $saved"
demo/demo-env.sh stop >/dev/null 2>&1

painted=()
for i in $(seq "$runs"); do
  out=$("$binary" --config "$config" --profile demo --dashboard "Eight PromQL panels" --startup-report --quit-after 1500 --state-report "$work/state-$i.json" 2>&1 || true)
  p=$(sed -n 's/^startup: painted_ms=\([0-9]*\).*/\1/p' <<<"$out")
  k=$(sed -n 's/^startup: .*last_known_state=\([01]\).*/\1/p' <<<"$out")
  shown=$(python3 -c 'import json,sys; print(", ".join("%s %s%s" % (h["service"], h["status"], " (stale)" if h["stale"] else "") for h in json.load(open(sys.argv[1]))["health"]))' "$work/state-$i.json" 2>/dev/null || echo "?")
  echo "run $i: first paint ${p:-?} ms, last known state shown: ${k:-?}; after 1.5 s: $shown"
  painted+=("${p:-99999}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: first paint with the last known state $(median "${painted[@]}") ms ($runs runs, $(date -u +%Y-%m-%d))"
