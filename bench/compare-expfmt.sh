#!/usr/bin/env bash
# Puts OpsDeck's text parser beside the reference parser (Go expfmt) on the same
# generated 50 MB page, in one run on this machine. Needs golang-go and
# golang-github-prometheus-common-dev (Debian); builds both offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! dpkg-query -W -f='${Status}' golang-github-prometheus-common-dev 2>/dev/null | grep -q "install ok installed"; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends golang-go golang-github-prometheus-common-dev
fi
cmake --preset bench >/dev/null
cmake --build build/bench -j "$(nproc)" --target opsdeck_bench opsdeck_bench_inputs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/bench/bench/opsdeck_bench_inputs "$work/page.prom"
(cd bench/expfmt && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/gocache" go build -o "$work/expfmt-bench" .)
echo "== $(nproc) cores, $(date -u +%Y-%m-%d)"
"$work/expfmt-bench" "$work/page.prom" 3
build/bench/bench/opsdeck_bench --benchmark_filter='ParseTextGenerated' --benchmark_counters_tabular=true
