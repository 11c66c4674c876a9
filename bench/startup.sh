#!/usr/bin/env bash
# Start-up of the console: time from the process's start to the first painted
# window, and to the first data on a chart, with a dashboard of 8 PromQL panels
# × 2 series against a local Prometheus (the demo environment's, own ports).
# Runs the console RUNS times (default 7) and prints every run and the median.
#   bench/startup.sh [RUNS] [OPSDECK_BINARY]   (default build/release/app/opsdeck; run under Xvfb or offscreen)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
runs=${1:-7}
binary=${2:-$repo/build/release/app/opsdeck}
[ -x "$binary" ] || { echo "startup: no console at $binary"; exit 2; }
work=$(mktemp -d)
export OPSDECK_DEMO_STATE="$work/demo" OPSDECK_DEMO_BIN="${OPSDECK_DEMO_BIN:-$(dirname "$binary")/../demo}" OPSDECK_DEMO_WITHOUT_PG=1
export OPSDECK_DEMO_PORT_BASE=46080 OPSDECK_PROMETHEUS_PORT=46090 OPSDECK_ALERTMANAGER_PORT=46093
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" OPSDECK_AUDIT_LOG="$work/audit.jsonl"
[ -n "${DISPLAY:-}" ] || export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
trap '"$repo/demo/demo-env.sh" clean >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
demo/demo-env.sh start >/dev/null 2>&1
sleep 10  # some samples in Prometheus

panel() {  # title, PromQL
  printf '{ "title": "%s", "queries": [ { "legend": "{{service}}", "promql": "%s" } ] }' "$1" "$2"
}
panels=(
  "$(panel "p50 latency" 'histogram_quantile(0.5, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~\"api-gateway|trading-engine\"}[1m])))')"
  "$(panel "p95 latency" 'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~\"api-gateway|trading-engine\"}[1m])))')"
  "$(panel "p99 latency" 'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~\"api-gateway|trading-engine\"}[1m])))')"
  "$(panel "requests" 'sum by (service) (rate(http_requests_total{service=~\"api-gateway|trading-engine\"}[1m]))')"
  "$(panel "errors" 'sum by (service) (rate(http_requests_total{service=~\"api-gateway|trading-engine\",status=~\"5..\"}[1m]))')"
  "$(panel "cpu" 'sum by (service) (rate(process_cpu_seconds_total{service=~\"api-gateway|trading-engine\"}[1m]))')"
  "$(panel "memory" 'sum by (service) (process_resident_memory_bytes{service=~\"api-gateway|trading-engine\"})')"
  "$(panel "up" 'up{service=~\"api-gateway|trading-engine\"}')"
)
joined=$(IFS=,; echo "${panels[*]}")
cat >"$work/startup.json" <<JSON
{ "profiles": [ { "name": "startup", "prometheus": { "url": "http://127.0.0.1:46090" },
  "dashboards": [ { "title": "Eight PromQL panels", "panels": [ $joined ] } ] } ] }
JSON

painted=(); data=()
for i in $(seq "$runs"); do
  out=$("$binary" --config "$work/startup.json" --profile startup --startup-report --quit-after 3000 2>&1 || true)
  p=$(sed -n 's/^startup: painted_ms=\([0-9]*\).*/\1/p' <<<"$out")
  d=$(sed -n 's/^startup: first_data_ms=\([0-9]*\).*/\1/p' <<<"$out")
  echo "run $i: first paint ${p:-?} ms, first data ${d:-?} ms"
  painted+=("${p:-99999}"); data+=("${d:-99999}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: first paint $(median "${painted[@]}") ms, first data $(median "${data[@]}") ms ($runs runs, $(date -u +%Y-%m-%d))"
