#!/usr/bin/env bash
# The server-side cost of the Database panel's polls at 500 connections, as
# PostgreSQL itself measures it: a private server with 500 client sessions
# (pgbench, mostly idle between transactions, as a pool holds them), then the
# panel's own polling code (opsdeck_bench_dbpoll: DatabaseMonitor on one
# connection, N polls back to back, every fifth with pg_stat_statements), then
# pg_stat_statements read for OpsDeck's own statements (they start with
# /* opsdeck */): calls and mean time of each. Also the whole command a script
# runs, `opsdeck-cli db overview`, timed.
#   bench/db-poll-cost.sh [CONNECTIONS] [POLLS]     (default 500, 100)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
connections=${1:-500}
polls=${2:-100}
runs=5
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
cmake --preset bench >/dev/null
cmake --build build/bench -j "$(nproc)" --target opsdeck_bench_dbpoll opsdeck-cli >/dev/null
cli=build/bench/cli/opsdeck-cli
poller=build/bench/bench/opsdeck_bench_dbpoll

work=$(mktemp -d /tmp/opsdeck-dbcost.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work"
port=25432
while ss -ltn | grep -q ":$port "; do port=$((port + 1)); done
bench_pid=""
cleanup() {
  [ -n "$bench_pid" ] && kill "$bench_pid" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/data/log" -w -o "-c listen_addresses=127.0.0.1 -p $port \
  -c unix_socket_directories=$work -c max_connections=$((connections + 20)) -c shared_preload_libraries=pg_stat_statements \
  -c fsync=off -c synchronous_commit=off" start >/dev/null
psql=("$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres)
"${psql[@]}" -d postgres -c "CREATE DATABASE app" -c "\\c app" -c "CREATE EXTENSION pg_stat_statements" >/dev/null
"$bin/pgbench" -i -q -s 1 -h 127.0.0.1 -p "$port" -U postgres app >/dev/null 2>&1
# The clients: connected all the time, a transaction now and then (the whole pool: 100 a second).
PGAPPNAME=pool "$bin/pgbench" -n -c "$connections" -j 2 -R 100 -T 3600 -S -h 127.0.0.1 -p "$port" -U postgres app >/dev/null 2>&1 &
bench_pid=$!
for _ in $(seq 60); do
  n=$("${psql[@]}" -d app -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pool'")
  [ "$n" -ge "$connections" ] && break
  sleep 1
done
echo "connections: $n client sessions"

config=$work/config.json
cat >"$config" <<JSON
{"profiles": [{"name": "bench", "databases": [{"name": "app", "host": "127.0.0.1", "port": $port, "dbname": "app", "user": "postgres"}]}]}
JSON
"${psql[@]}" -d app -c "SELECT pg_stat_statements_reset()" >/dev/null
"$poller" 127.0.0.1 "$port" app postgres "$polls"
"${psql[@]}" -d app -c "
  SELECT calls, round(mean_exec_time::numeric, 3) AS mean_ms, round(max_exec_time::numeric, 3) AS max_ms,
         regexp_replace(left(query, 70), '\s+', ' ', 'g') AS statement
  FROM pg_stat_statements WHERE query LIKE '/* opsdeck */%' ORDER BY mean_exec_time DESC"
start=$(date +%s%N)
for _ in $(seq "$runs"); do "$cli" --config "$config" db overview >/dev/null; done
end=$(date +%s%N)
echo "opsdeck-cli db overview: $runs runs, $(( (end - start) / 1000000 / runs )) ms each (connect, full poll, 1 s, regular poll)"
