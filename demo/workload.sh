#!/usr/bin/env bash
# A live workload on the demo's application database, so that the Database
# panel shows something true when the demo opens: an order API at a steady
# rate (pgbench with a script of our own), a report that runs long now and
# then, a session left idle in its transaction, and now and then a chain of
# three sessions waiting on each other's row locks. Runs until it is stopped;
# started and stopped by demo-env.sh.
#   PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE in the environment; PG_BIN: pg's bin folder.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${PG_BIN:?}
children=()
trap 'kill "${children[@]}" 2>/dev/null; exit 0' TERM INT

psql_as() {  # application sql...
  local app=$1; shift
  PGAPPNAME=$app "$bin/psql" -X -q -v ON_ERROR_STOP=0 "$@" >/dev/null 2>&1
}

# The order API: about 20 transactions a second, two connections.
PGAPPNAME=order-api "$bin/pgbench" -n -c 2 -j 1 -R 20 -T 86400 -f "$here/workload/orders.sql" >/dev/null 2>&1 &
children+=($!)

tick=0
while true; do
  # Every 40 s: the nightly report someone runs by day, slow on purpose.
  if (( tick % 40 == 5 )); then
    psql_as reporting -c "SELECT symbol, sum(quantity * price) FROM orders GROUP BY symbol; SELECT pg_sleep(25);" &
    children+=($!)
  fi
  # Every 60 s: a session that opens a transaction and then waits on its user.
  if (( tick % 60 == 15 )); then
    { echo "BEGIN; SELECT count(*) FROM customers WHERE tier = 'pro';"; sleep 40; echo "COMMIT;"; } | psql_as admin-console &
    children+=($!)
  fi
  # Every 90 s: settlement holds AAPL, a rebalancer holds MSFT and wants AAPL,
  # a pricer wants MSFT: a chain of three, resolved after 30 s.
  if (( tick % 90 == 30 )); then
    psql_as settlement -c "BEGIN; UPDATE instruments SET tick_size = tick_size WHERE symbol = 'AAPL'; SELECT pg_sleep(30); COMMIT;" &
    children+=($!)
    sleep 1
    psql_as rebalancer -c "BEGIN; UPDATE instruments SET tick_size = tick_size WHERE symbol = 'MSFT'; UPDATE instruments SET tick_size = tick_size WHERE symbol = 'AAPL'; COMMIT;" &
    children+=($!)
    sleep 1
    psql_as pricer -c "UPDATE instruments SET tick_size = tick_size WHERE symbol = 'MSFT';" &
    children+=($!)
  fi
  sleep 1 & wait $!
  tick=$((tick + 1))
  # Forget the children that are done.
  alive=()
  for pid in "${children[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  children=("${alive[@]}")
done
