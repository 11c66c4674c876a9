#!/usr/bin/env bash
# Puts OpsDeck's text parser beside the reference parser (Go expfmt) in one run
# on this machine, on the same inputs: the generated 50 MB page, and real pages
# captured now from Debian's node exporter, postgres exporter (against the demo
# PostgreSQL) and Prometheus's own /metrics. OpsDeck's re-scrape through the
# raw-series cache is measured on each page too. Needs golang-go,
# golang-github-prometheus-common-dev and the exporters (Debian; installed if
# missing); builds both parsers offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD

missing=()
for p in golang-go golang-github-prometheus-common-dev prometheus-node-exporter prometheus-postgres-exporter; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
cmake --preset bench >/dev/null
cmake --build build/bench -j "$(nproc)" --target opsdeck_bench opsdeck_bench_inputs opsdeck-demo-service
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  OPSDECK_DEMO_STATE="$work/demo" "$repo/demo/demo-env.sh" clean >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/pages"
build/bench/bench/opsdeck_bench_inputs "$work/page.prom"

# Real pages, captured from real processes on loopback.
fetch() {  # url file: waits up to 10 s for the page
  for _ in $(seq 50); do curl -sf "$1" -o "$2" && [ -s "$2" ] && return 0; sleep 0.2; done
  echo "compare-expfmt: no page at $1" >&2; return 1
}
prometheus-node-exporter --web.listen-address=127.0.0.1:47100 >/dev/null 2>&1 & pids+=($!)
fetch http://127.0.0.1:47100/metrics "$work/pages/node_exporter.prom"
export OPSDECK_DEMO_STATE="$work/demo" OPSDECK_DEMO_BIN="$repo/build/bench/demo" OPSDECK_DEMO_PORT_BASE=47080 \
  OPSDECK_PROMETHEUS_PORT=47090 OPSDECK_ALERTMANAGER_PORT=47093 OPSDECK_PG_PORT=47432
demo/demo-env.sh start >/dev/null
sleep 5  # a few scrapes and rule evaluations, so Prometheus's page has its usual families
fetch http://127.0.0.1:47090/metrics "$work/pages/prometheus.prom"
DATA_SOURCE_NAME="postgresql://ops:${OPSDECK_APP_PASSWORD:-ops-demo}@127.0.0.1:47432/app?sslmode=disable" \
  prometheus-postgres-exporter --web.listen-address=127.0.0.1:47187 >/dev/null 2>&1 & pids+=($!)
fetch http://127.0.0.1:47187/metrics "$work/pages/postgres_exporter.prom"
fetch http://127.0.0.1:47080/metrics "$work/pages/demo_service.prom"

(cd bench/expfmt && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/gocache" go build -o "$work/expfmt-bench" .)
echo "== $(nproc) cores, $(date -u +%Y-%m-%d)"
echo "-- Go expfmt (best of the rounds)"
echo -n "generated: "; "$work/expfmt-bench" "$work/page.prom" 3
for page in "$work"/pages/*.prom; do
  echo -n "$(basename "$page" .prom) ($(wc -c <"$page") bytes): "; "$work/expfmt-bench" "$page" 200
done
echo "-- OpsDeck"
OPSDECK_BENCH_PAGES="$work/pages" build/bench/bench/opsdeck_bench \
  --benchmark_filter='ParseTextGenerated|RescrapeKnownSeriesGenerated|ParseTextPage|RescrapePage' --benchmark_counters_tabular=true
