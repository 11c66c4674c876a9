#!/usr/bin/env bash
# The whole `opsdeck-cli metrics parse` process a user runs, beside the reference
# parser (Go expfmt, whole process) and `promtool check metrics`, on the same
# generated page in one run: wall time and peak memory (GNU time's max RSS).
#   bench/parse-command.sh [MIB]     (default 75 MiB: a 78.6 MB page)
# Needs golang-go and golang-github-prometheus-common-dev (installed if missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mib=${1:-75}

missing=()
for p in golang-go golang-github-prometheus-common-dev prometheus time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" --target opsdeck-cli >/dev/null
cmake --preset bench >/dev/null && cmake --build build/bench -j "$(nproc)" --target opsdeck_bench_inputs >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
page=$work/page.prom
build/bench/bench/opsdeck_bench_inputs "$page" "$mib"
(cd bench/expfmt && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$work/gocache" go build -o "$work/expfmt-bench" .)
cat "$page" >/dev/null  # in the page cache for every contender alike

measure() {  # label command...: the best wall time of five runs, and the peak RSS of that run
  local label=$1; shift
  local best="" rss="" secs kb
  for _ in 1 2 3 4 5; do
    /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
    read -r secs kb < <(tail -n 1 "$work/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; rss=$kb; fi
  done
  printf '| %s | %s s | %s MB |\n' "$label" "$best" "$((rss / 1024))"
}

echo "== $(nproc) cores, $(date -u +%Y-%m-%d), page $(stat -c %s "$page") bytes, $(grep -vc '^#' "$page") samples"
echo "| command | wall time (best of 5) | peak memory |"
echo "| --- | --- | --- |"
measure "opsdeck-cli metrics parse" build/release/cli/opsdeck-cli metrics parse "$page"
measure "Go expfmt TextToMetricFamilies (whole process)" "$work/expfmt-bench" "$page" 1
measure "promtool check metrics" sh -c "promtool check metrics < '$page'"
build/release/cli/opsdeck-cli metrics parse "$page" | tail -n 1
