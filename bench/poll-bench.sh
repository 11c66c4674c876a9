#!/usr/bin/env bash
# 200 endpoints polled every second, as the console polls services: the CPU the
# console's side costs (fetch, parse, store), in this process only. The pages
# are real ones captured first (a demo service's, 73 samples, 6.7 KB; Debian's
# node_exporter's, about 520 samples, 59 KB) and served by nginx, which holds
# 200 keep-alive connections without effort (the exporters themselves refuse
# that many at once); each target is a host of its own (127.0.0.x), as 200
# real endpoints would be.
#   bench/poll-bench.sh [TARGETS] [SECONDS]     (default 200 targets, 30 s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
targets=${1:-200}
seconds=${2:-30}
missing=()
for p in prometheus-node-exporter nginx-light; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && ! command -v nginx >/dev/null; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
cmake --preset bench >/dev/null
cmake --build build/bench -j "$(nproc)" --target opsdeck_bench_polling opsdeck-demo-service
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/www"
build/bench/demo/opsdeck-demo-service --name api-gateway --port 47381 >/dev/null 2>&1 & pids+=($!)
prometheus-node-exporter --web.listen-address=127.0.0.1:47382 >/dev/null 2>&1 & pids+=($!)
sleep 1
curl -sf http://127.0.0.1:47381/metrics -o "$work/www/demo.prom"
curl -sf http://127.0.0.1:47382/metrics -o "$work/www/node.prom"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  types { "text/plain; version=0.0.4" prom; }
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 47380; root $work/www; }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.5
echo "== $(nproc) cores, $(date -u +%Y-%m-%d): demo service page ($(wc -c <"$work/www/demo.prom") bytes)"
build/bench/bench/opsdeck_bench_polling "$targets" "$seconds" http://127.0.0.1:47380/demo.prom
echo "== node_exporter page ($(wc -c <"$work/www/node.prom") bytes)"
build/bench/bench/opsdeck_bench_polling "$targets" "$seconds" http://127.0.0.1:47380/node.prom
