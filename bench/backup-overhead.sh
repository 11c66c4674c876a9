#!/usr/bin/env bash
# What a backup and a restore cost through OpsDeck against bare pg_dump and
# pg_restore on the same database, the whole processes timed (median of
# RUNS): `opsdeck-cli backup create` (pg_dump -F c, then fsync, the read-back
# hash and the manifest) against `pg_dump -F c -f FILE`; a restore into a new
# database beside the target (`backup restore --mode scratch`: preflight with
# checksums, pg_restore, table check) against `createdb` + `pg_restore -d`.
# Then, at ROWS and at BIG_ROWS, a swap restore while a probe connects to the
# target every few milliseconds: the longest time it could not connect, and
# the unavailable_ms the restore itself reports. And when the first progress
# line of a backup and of a restore arrives, counted from the process's start.
#   bench/backup-overhead.sh [ROWS] [BIG_ROWS] [RUNS]   (default 200000, 5000000, 3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows=${1:-200000}
big_rows=${2:-5000000}
runs=${3:-3}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
cmake --preset bench >/dev/null
cmake --build build/bench -j "$(nproc)" --target opsdeck-cli >/dev/null
cli=$PWD/build/bench/cli/opsdeck-cli

work=$(mktemp -d /tmp/opsdeck-backup-bench.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$work"
port=26432
while ss -ltn | grep -q ":$port "; do port=$((port + 1)); done
probe_pid=""
cleanup() {
  [ -n "$probe_pid" ] && kill "$probe_pid" 2>/dev/null || true
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

as_pg "$bin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/data/log" -w -o "-c listen_addresses=127.0.0.1 -p $port \
  -c unix_socket_directories=$work -c max_wal_size=4GB" start >/dev/null
psql=("$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres)
export OPSDECK_AUDIT_LOG=$work/audit.jsonl

fill() {  # database rows
  "${psql[@]}" -d postgres -c "CREATE DATABASE $1" >/dev/null
  "${psql[@]}" -d "$1" -c "CREATE TABLE orders (id bigint PRIMARY KEY, customer int, total numeric(12,2),
      placed_at timestamptz, note text)" \
    -c "INSERT INTO orders SELECT g, g % 5000, (g::bigint * 7919 % 100000) / 100.0, now() - g * interval '1 second',
      md5(g::text) FROM generate_series(1, $2) g" \
    -c "CREATE INDEX ON orders (customer)" -c "VACUUM ANALYZE orders" >/dev/null
}
mkdir -p "$work/backups"
cat >"$work/config.json" <<JSON
{"profiles": [{"name": "bench", "operator": "bench",
  "databases": [{"name": "small", "host": "127.0.0.1", "port": $port, "dbname": "small", "user": "postgres"},
                {"name": "big", "host": "127.0.0.1", "port": $port, "dbname": "big", "user": "postgres"}],
  "backups": {"directory": "$work/backups", "pg_bin_dir": "$bin"}}]}
JSON
run=("$cli" --config "$work/config.json" --profile bench)
now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
timed() {  # command... -> prints milliseconds
  local t0; t0=$(now_ms)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  echo $(($(now_ms) - t0))
}
# The first progress line of a command, in ms after it started.
first_progress() {  # command...
  local t0 line; t0=$(now_ms)
  "$@" --progress 2>&1 >/dev/null | while IFS= read -r line; do
    case $line in progress:*) echo $(($(now_ms) - t0)); cat >/dev/null; break ;; esac
  done
}

echo "filling small ($rows rows)..."
fill small "$rows"
size=$("${psql[@]}" -d small -At -c "SELECT pg_size_pretty(pg_database_size('small'))")
echo "small: $rows rows, $size"

bare_dump=() ours_dump=() bare_restore=() ours_restore=()
for i in $(seq "$runs"); do
  bare_dump+=("$(timed "$bin/pg_dump" -F c -h 127.0.0.1 -p "$port" -U postgres -f "$work/bare.dump" small)")
  sync
  ours_dump+=("$(timed "${run[@]}" backup create --database small)")
done
id=$("${run[@]}" backup list --database small --json | sed -n 's/^ *"id": "\(.*\)",$/\1/p' | head -1)
for i in $(seq "$runs"); do
  "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS bare_restore" >/dev/null
  t0=$(now_ms)
  "${psql[@]}" -d postgres -c "CREATE DATABASE bare_restore" >/dev/null
  "$bin/pg_restore" --exit-on-error -h 127.0.0.1 -p "$port" -U postgres -d bare_restore "$work/bare.dump"
  bare_restore+=($(($(now_ms) - t0)))
  t0=$(now_ms)
  out=$("${run[@]}" backup restore "$id" --target small --confirm small --mode scratch --json)
  ours_restore+=($(($(now_ms) - t0)))
  scratch=$(echo "$out" | sed -n 's/^ *"scratch_database": "\(.*\)",$/\1/p')
  "${psql[@]}" -d postgres -c "DROP DATABASE \"$scratch\"" >/dev/null
done
bd=$(printf '%s\n' "${bare_dump[@]}" | median); od=$(printf '%s\n' "${ours_dump[@]}" | median)
br=$(printf '%s\n' "${bare_restore[@]}" | median); or=$(printf '%s\n' "${ours_restore[@]}" | median)
echo "backup:  pg_dump -F c ${bd} ms, opsdeck-cli backup create ${od} ms ($(awk -v a="$od" -v b="$bd" 'BEGIN {printf "%+.1f %%", (a - b) * 100 / b}')) [runs: ${bare_dump[*]} / ${ours_dump[*]}]"
echo "restore: createdb + pg_restore ${br} ms, opsdeck-cli backup restore --mode scratch ${or} ms ($(awk -v a="$or" -v b="$br" 'BEGIN {printf "%+.1f %%", (a - b) * 100 / b}')) [runs: ${bare_restore[*]} / ${ours_restore[*]}]"
echo "first progress: backup create $(first_progress "${run[@]}" backup create --database small) ms, restore $(first_progress "${run[@]}" backup restore "$id" --target small --confirm small --mode scratch) ms after the process started"
for d in $("${psql[@]}" -d postgres -At -c "SELECT datname FROM pg_database WHERE datname LIKE 'small\\_\\_%'"); do
  "${psql[@]}" -d postgres -c "DROP DATABASE \"$d\"" >/dev/null
done

# The swap window, seen from outside: a client connecting to the target every few ms.
swap_window() {  # database
  local db=$1 id log=$work/probe.log
  id=$("${run[@]}" backup list --database "$db" --json | sed -n 's/^ *"id": "\(.*\)",$/\1/p' | head -1)
  [ -n "$id" ] || { "${run[@]}" backup create --database "$db" >/dev/null; id=$("${run[@]}" backup list --database "$db" --json | sed -n 's/^ *"id": "\(.*\)",$/\1/p' | head -1); }
  : >"$log"
  ( while :; do
      if "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d "$db" -At -c "SELECT 1" >/dev/null 2>&1; then
        echo "$(now_ms) ok"; else echo "$(now_ms) fail"; fi
    done >"$log" ) &
  probe_pid=$!
  local t0 out total
  t0=$(now_ms)
  out=$("${run[@]}" backup restore "$id" --target "$db" --confirm "$db" --end-sessions --json)
  total=$(($(now_ms) - t0))
  sleep 0.3
  kill "$probe_pid" 2>/dev/null; wait "$probe_pid" 2>/dev/null || true
  probe_pid=""
  local reported window probes
  reported=$(echo "$out" | sed -n 's/^ *"unavailable_ms": \(-\?[0-9]*\),\?$/\1/p')
  # The longest stretch from the last success before a failure to the first success after it.
  window=$(awk '$2 == "ok" { if (failed) { gap = $1 - lastok; if (gap > max) max = gap; failed = 0 } lastok = $1 }
                $2 == "fail" { failed = 1 } END { print max + 0 }' "$log")
  probes=$(wc -l <"$log")
  echo "swap restore of $db: ${total} ms in all (with its safety backup); the target refused connections for at most ${window} ms as a client saw it (${probes} probes), ${reported} ms as the restore measured it"
  "${psql[@]}" -d postgres -At -c "SELECT datname FROM pg_database WHERE datname LIKE '${db}\\_\\_pre\\_%'" | while read -r d; do
    "${psql[@]}" -d postgres -c "DROP DATABASE \"$d\"" >/dev/null
  done
}
swap_window small
echo "filling big ($big_rows rows)..."
fill big "$big_rows"
echo "big: $big_rows rows, $("${psql[@]}" -d big -At -c "SELECT pg_size_pretty(pg_database_size('big'))")"
bare_big=() ours_big=()
for i in $(seq 2); do
  bare_big+=("$(timed "$bin/pg_dump" -F c -h 127.0.0.1 -p "$port" -U postgres -f "$work/bare.dump" big)")
  rm -f "$work/bare.dump"; sync
  ours_big+=("$(timed "${run[@]}" backup create --database big)")
done
bb=$(printf '%s\n' "${bare_big[@]}" | sort -n | head -1); ob=$(printf '%s\n' "${ours_big[@]}" | sort -n | head -1)
echo "backup of big: pg_dump -F c ${bb} ms, opsdeck-cli backup create ${ob} ms ($(awk -v a="$ob" -v b="$bb" 'BEGIN {printf "%+.1f %%", (a - b) * 100 / b}')) [best of: ${bare_big[*]} / ${ours_big[*]}]"
swap_window big
