#!/usr/bin/env bash
# The OpsDeck demo environment: three demo services, a node_exporter for the host,
# Prometheus, Alertmanager and PostgreSQL, all on loopback, all kept in one state folder.
#
#   demo/demo-env.sh start            start everything (builds nothing; see ../demo.sh)
#   demo/demo-env.sh stop             stop everything it started
#   demo/demo-env.sh clean            stop, then delete the state folder and the databases
#   demo/demo-env.sh status           what runs, on which port
#   demo/demo-env.sh fault SERVICE MODE   none|slow|errors|degraded|unhealthy|down
#   demo/demo-env.sh deploy SERVICE VERSION   replace SERVICE's container by one of VERSION
#                                     (api-gateway 1.4.3 is the deliberately slower release)
#   demo/demo-env.sh profile          print the path of the generated OpsDeck config
#
# Where Docker can run (dockerd installed, root), the three services run as
# containers of a Compose-labelled project "demo" on a private dockerd (its
# socket under the state folder, never the system's; no bridge network,
# containers on the host's loopback), from images made with `docker import` of
# the demo binary and the libraries it needs. Elsewhere (a chroot) they run as
# processes and the Deployments panel says that Docker is not available.
# OPSDECK_DEMO_DOCKER=0 keeps them processes.
#
# Environment: OPSDECK_DEMO_STATE (state folder, default <repo>/.demo-state),
# OPSDECK_DEMO_BIN (folder with opsdeck-demo-service, default <repo>/build/release/demo),
# OPSDECK_DEMO_PORT_BASE (default 18080: services use BASE..BASE+2), and
# OPSDECK_PROMETHEUS_PORT (19090), OPSDECK_ALERTMANAGER_PORT (19093), OPSDECK_PG_PORT (15432),
# OPSDECK_NODE_EXPORTER_PORT (19100), OPSDECK_KUBE_PORT (16443: the stand-in Kubernetes API of the
# demo-k8s profile, opsdeck-demo-kube);
# OPSDECK_DEMO_WITHOUT_PG=1 leaves PostgreSQL out (tests that do not need it start faster);
# OPSDECK_DEMO_WORKLOAD=0 leaves out the live workload on the app database (demo/workload.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
state=${OPSDECK_DEMO_STATE:-$repo/.demo-state}
bin=${OPSDECK_DEMO_BIN:-$repo/build/release/demo}
base_port=${OPSDECK_DEMO_PORT_BASE:-18080}
prom_port=${OPSDECK_PROMETHEUS_PORT:-19090}
am_port=${OPSDECK_ALERTMANAGER_PORT:-19093}
pg_port=${OPSDECK_PG_PORT:-15432}
node_port=${OPSDECK_NODE_EXPORTER_PORT:-19100}
# The stand-in Kubernetes API of the "demo-k8s" profile (opsdeck-demo-kube; no API server runs here).
kube_port=${OPSDECK_KUBE_PORT:-16443}
pg_bin=${OPSDECK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
app_password=${OPSDECK_APP_PASSWORD:-ops-demo}

services=(api-gateway trading-engine market-data)
versions=(1.4.2 2.7.0 0.9.13)
# The release after each: what `deploy` rolls out. api-gateway's is four times slower.
next_versions=(1.4.3 2.7.1 0.9.14)
next_latency=(4 1 1)
docker_dir=$state/docker
docker_sock=$docker_dir/docker.sock
rates=(60 30 90)  # simulated requests a second: each service has its own traffic
# Each service answers /health in another of the shapes real services use.
formats=(json health+json spring)

log() { printf 'demo-env: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_http() {  # url seconds
  local url=$1 deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# TERM, then KILL after TENTHS tenths of a second (default 50) if it is still there.
stop_pid() {  # name [tenths]
  local file=$state/pids/$1.pid
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq "${2:-50}"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}
dk() { docker --host "unix://$docker_sock" "$@"; }
docker_running() { [ -S "$docker_sock" ] && pid_alive "$state/pids/dockerd.pid"; }

# The private engine. Fails (and cleans up) where dockerd cannot run.
start_docker() {
  [ "${OPSDECK_DEMO_DOCKER:-1}" = 1 ] || return 1
  command -v dockerd >/dev/null && command -v docker >/dev/null && [ "$(id -u)" = 0 ] || return 1
  mkdir -p "$docker_dir"
  # containerd's sockets live under the exec root: a short path, whatever the state folder's.
  local exec_root; exec_root=$(mktemp -d /tmp/opsdeck-demo-docker.XXXXXX)
  echo "$exec_root" >"$docker_dir/exec-root.path"
  rm -f "$docker_dir/dockerd.pid"
  setsid dockerd --host "unix://$docker_sock" --data-root "$docker_dir/data" --exec-root "$exec_root" \
    --pidfile "$docker_dir/dockerd.pid" --bridge=none --iptables=false --ip-masq=false \
    >"$state/logs/dockerd.log" 2>&1 </dev/null &
  echo $! >"$state/pids/dockerd.pid"
  for _ in $(seq 150); do
    dk version >/dev/null 2>&1 && return 0
    pid_alive "$state/pids/dockerd.pid" || break
    sleep 0.2
  done
  log "dockerd cannot run here (see $state/logs/dockerd.log): the services run as processes"
  stop_docker
  return 1
}

# dockerd stops its containers as it shuts down; what a crash left (containerd, shims, mounts) goes too.
stop_docker() {
  [ -f "$state/pids/dockerd.pid" ] || return 0
  stop_pid dockerd 300  # 30 s: it stops every container first
  local exec_root; exec_root=$(cat "$docker_dir/exec-root.path" 2>/dev/null || true)
  for root in "$docker_dir" ${exec_root:+"$exec_root"}; do
    pkill -9 -f -- "$root" 2>/dev/null || true
    awk -v r="$root" '$2 ~ "^"r {print $2}' /proc/self/mounts | sort -r | while read -r point; do umount -l "$point" 2>/dev/null || true; done
  done
  if [ -n "$exec_root" ]; then rm -rf "$exec_root"; fi
  rm -f "$docker_dir/exec-root.path" "$docker_sock"
}

# One image per release: the demo binary, the libraries it loads, a static
# busybox for the health check; the release's version and speed in its entrypoint.
build_image() {  # service version latency-factor
  local root=$docker_dir/rootfs
  if [ ! -x "$root/bin/opsdeck-demo-service" ]; then
    mkdir -p "$root/bin" "$root/tmp" "$root/faults"
    cp "$bin/opsdeck-demo-service" "$root/bin/"
    ldd "$bin/opsdeck-demo-service" | awk '/=>/ {print $3} /^[[:space:]]*\/lib/ {print $1}' | while read -r lib; do
      [ -f "$lib" ] || continue
      mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
    done
    cp "$(command -v busybox)" "$root/bin/busybox"
    ln -sf busybox "$root/bin/sh" && ln -sf busybox "$root/bin/wget"
  fi
  tar -C "$root" -cf - . | dk import \
    --change "ENTRYPOINT [\"/bin/opsdeck-demo-service\", \"--version\", \"$2\", \"--latency-factor\", \"$3\"]" \
    --change "LABEL org.opencontainers.image.version=$2" - "opsdeck-demo/$1:$2" >/dev/null
}

# A service's one replica, as Compose labels it; its port on the host's loopback.
run_container() {  # index version
  local i=$1 name=${services[$1]} port=$((base_port + $1))
  dk run -d --name "demo-$name-1" --network host --restart unless-stopped --stop-timeout 5 \
    --label com.docker.compose.project=demo --label com.docker.compose.service="$name" \
    --label com.docker.compose.container-number=1 --label com.docker.compose.oneoff=False \
    -v "$state/faults:/faults:ro" \
    --health-cmd "wget -q -O /dev/null http://127.0.0.1:$port/health/live || exit 1" \
    --health-interval 2s --health-timeout 2s --health-retries 3 \
    "opsdeck-demo/$name:$2" --name "$name" --port "$port" --health-format "${formats[$i]}" \
    --rps "${rates[$i]}" --fault-file "/faults/$name" >/dev/null
}

start_bg() {  # name command...
  local name=$1; shift
  nohup "$@" >"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$state/pids/$name.pid"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    # From /, since the postgres user may not enter the caller's folder (a clone under /root).
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pgdata_dir() {
  if [ -f "$state/pgdata.path" ]; then cat "$state/pgdata.path"; return; fi
  local dir=$state/pgdata
  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root; its own user must reach the folder.
    mkdir -p "$dir" && chown postgres:postgres "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      rmdir "$dir" 2>/dev/null || true
      dir=$(mktemp -d /tmp/opsdeck-demo-pg.XXXXXX)
      chown postgres:postgres "$dir"
    fi
  fi
  echo "$dir" | tee "$state/pgdata.path"
}

write_prometheus_config() {
  {
    cat <<YAML
global:
  scrape_interval: 2s
  scrape_timeout: 1s
  evaluation_interval: 2s
rule_files: ["$here/prometheus/rules.yml"]
alerting:
  alertmanagers:
    - static_configs: [{targets: ["127.0.0.1:$am_port"]}]
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ["127.0.0.1:$prom_port"]}]
  - job_name: alertmanager
    static_configs: [{targets: ["127.0.0.1:$am_port"]}]
  - job_name: node
    static_configs: [{targets: ["127.0.0.1:$node_port"]}]
  - job_name: demo-services
    static_configs:
YAML
    for i in "${!services[@]}"; do
      printf '      - targets: ["127.0.0.1:%d"]\n        labels: {service: "%s"}\n' $((base_port + i)) "${services[$i]}"
    done
  } >"$state/prometheus.yml"
}

write_profile() {
  local entries="" sep="" docker_entry=""
  if docker_running; then docker_entry=$'\n      "docker": { "host": "unix://'"$docker_sock"'" },'; fi
  for i in "${!services[@]}"; do
    local url="http://127.0.0.1:$((base_port + i))"
    entries+="$sep        { \"name\": \"${services[$i]}\", \"metrics_url\": \"$url/metrics\", \"health_url\": \"$url/health\",
          \"liveness_url\": \"$url/health/live\", \"readiness_url\": \"$url/health/ready\", \"interval_s\": 2 }"
    sep=$',\n'
  done
  cat >"$state/opsdeck-demo.json" <<JSON
{
  "profiles": [
    {
      "name": "demo",
      "read_only": false,
      "services": [
$entries,
        { "name": "host", "metrics_url": "http://127.0.0.1:$node_port/metrics", "interval_s": 5 }
      ],
      "prometheus": { "url": "http://127.0.0.1:$prom_port" },
      "alertmanagers": [ { "name": "main", "urls": ["http://127.0.0.1:$am_port"] } ],
      "databases": [
        { "name": "app", "host": "127.0.0.1", "port": $pg_port, "dbname": "app", "user": "ops",
          "password": { "env": "OPSDECK_APP_PASSWORD" } },
        { "name": "monitoring", "host": "127.0.0.1", "port": $pg_port, "dbname": "monitoring", "user": "ops",
          "password": { "env": "OPSDECK_APP_PASSWORD" }, "alerts_table": "alerts",
          "logs_table": "logs", "quality_table": "data_quality_checks" }
      ],
      "backups": { "directory": "$state/backups", "keep_days": 30, "keep_min": 3 },$docker_entry
      "dashboards": [
        { "title": "All services",
          "panels": [
            { "title": "p95 latency by service", "unit": "ms", "thresholds": [ { "value": 100, "label": "p95 target 100 ms" } ],
              "queries": [ { "legend": "{{service}}", "local": { "function": "quantile", "quantile": 0.95,
                "metric": "http_request_duration_seconds", "by": ["service"], "scale": 1000 } } ] },
            { "title": "Requests by service", "unit": "req/s",
              "queries": [ { "legend": "{{service}}", "local": { "function": "rate", "metric": "http_requests_total", "by": ["service"] } } ] },
            { "title": "Error ratio by service", "unit": "%", "thresholds": [ { "value": 5, "label": "HighErrorRate 5 %" } ],
              "queries": [ { "legend": "{{service}}", "local": { "function": "ratio", "metric": "http_requests_total",
                "numerator": "status=~\"5..\"", "by": ["service"], "scale": 100 } } ] },
            { "title": "Resident memory", "unit": "bytes",
              "queries": [ { "legend": "{{service}}", "local": { "function": "gauge", "metric": "process_resident_memory_bytes", "by": ["service"] } } ] },
            { "title": "Alerts firing (from Prometheus)",
              "queries": [ { "legend": "{{alertname}} {{service}}", "promql": "ALERTS{alertstate=\"firing\"}" } ] }
          ] },
        { "grafana": "$here/grafana/host.json" }
      ]
    },
    {
      "name": "demo-k8s",
      "kubernetes": { "kubeconfig": "$state/kubeconfig", "namespaces": ["demo"] },
      "alertmanagers": [ { "name": "main", "urls": ["http://127.0.0.1:$am_port"] } ]
    },
    {
      "name": "demo-read-only",
      "read_only": true,
      "services": [
$entries
      ],
      "prometheus": { "url": "http://127.0.0.1:$prom_port" },
      "alertmanagers": [ { "name": "main", "urls": ["http://127.0.0.1:$am_port"] } ]
    }
  ]
}
JSON
}

start_postgres() {
  local pgdata; pgdata=$(pgdata_dir)
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    log "initialising PostgreSQL in $pgdata"
    as_postgres "$pg_bin/initdb" -D "$pgdata" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$state/logs/initdb.log" 2>&1 || die "initdb failed: see $state/logs/initdb.log"
    local fresh=1
  fi
  [ -n "$pg_bin" ] || die "PostgreSQL is not installed (scripts/install-deps.sh)"
  as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pgdata -c shared_preload_libraries=pg_stat_statements" \
    start >/dev/null || die "PostgreSQL did not start: see $pgdata/server.log"
  if [ "${fresh:-0}" = 1 ]; then
    log "loading the demo databases"
    local psql=("$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h "$pgdata" -p "$pg_port" -U postgres)
    as_postgres "${psql[@]}" -d postgres -c "CREATE ROLE ops LOGIN PASSWORD '$app_password' IN ROLE pg_monitor, pg_signal_backend;" \
      -c "CREATE DATABASE app OWNER ops;" -c "CREATE DATABASE monitoring OWNER ops;"
    # The SQL goes in on stdin, read by this shell: postgres may not read the clone's files.
    { echo "SET ROLE ops;"; cat "$here/sql/app.sql"; } | as_postgres "${psql[@]}" -d app >/dev/null
    { echo "SET ROLE ops;"; cat "$here/sql/monitoring.sql"; } | as_postgres "${psql[@]}" -d monitoring >/dev/null
    as_postgres "${psql[@]}" -d app -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;" >/dev/null
  fi
  # Restores create a scratch database and rename it into place: the owner needs CREATEDB
  # (a state folder from before backups existed gets it too).
  as_postgres "$pg_bin/psql" -q -h "$pgdata" -p "$pg_port" -U postgres -d postgres -c "ALTER ROLE ops CREATEDB;" >/dev/null
  if [ "${OPSDECK_DEMO_WORKLOAD:-1}" = 1 ]; then
    PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=ops PGPASSWORD=$app_password PGDATABASE=app PG_BIN=$pg_bin \
      start_bg workload "$here/workload.sh"
  fi
}

# The demo opens with one verified backup of app in its catalogue, so the first
# restore a new user tries works. Taken once per state folder, by the real CLI.
seed_backup() {
  local cli=${OPSDECK_CLI:-$repo/build/release/cli/opsdeck-cli}
  if [ ! -x "$cli" ]; then
    log "no opsdeck-cli at $cli: the backup catalogue starts empty"
    return 0
  fi
  if find "$state/backups" -name manifest.json 2>/dev/null | grep -q .; then
    return 0
  fi
  # Its audit lines go to the demo's own log: a test's audit log holds the test's actions only.
  local run=(env OPSDECK_APP_PASSWORD="$app_password" OPSDECK_AUDIT_LOG="$state/audit.jsonl"
             "$cli" --config "$state/opsdeck-demo.json" --profile demo)
  local id
  id=$("${run[@]}" backup create --database app --label "taken when the demo started" --json 2>>"$state/logs/seed-backup.log" \
       | sed -n 's/^ *"id": "\(.*\)",$/\1/p')
  if [ -z "$id" ] || ! "${run[@]}" backup verify "$id" --test-restore >>"$state/logs/seed-backup.log" 2>&1; then
    log "the first backup of app failed: see $state/logs/seed-backup.log"
    return 0
  fi
  log "backup $id of app taken and test-restored"
}

cmd_start() {
  [ -x "$bin/opsdeck-demo-service" ] || die "no demo service binary in $bin (build first: ./demo.sh does)"
  mkdir -p "$state/pids" "$state/logs" "$state/faults" "$state/prometheus-data" "$state/alertmanager-data" "$state/backups"
  local taken=()
  for i in "${!services[@]}"; do port_taken $((base_port + i)) && taken+=("$((base_port + i)) (${services[$i]})"); done
  port_taken "$prom_port" && taken+=("$prom_port (Prometheus)")
  port_taken "$am_port" && taken+=("$am_port (Alertmanager)")
  port_taken "$node_port" && taken+=("$node_port (node_exporter)")
  port_taken "$kube_port" && taken+=("$kube_port (the stand-in Kubernetes API)")
  [ "${OPSDECK_DEMO_WITHOUT_PG:-0}" = 1 ] || { port_taken "$pg_port" && taken+=("$pg_port (PostgreSQL)"); }
  if [ ${#taken[@]} -gt 0 ]; then
    die "port(s) already in use: ${taken[*]}. Is a demo already running ('$0 stop')? Or choose others with OPSDECK_DEMO_PORT_BASE, OPSDECK_PROMETHEUS_PORT, OPSDECK_ALERTMANAGER_PORT, OPSDECK_PG_PORT."
  fi

  for name in "${services[@]}"; do echo none >"$state/faults/$name"; done
  if start_docker; then
    for i in "${!services[@]}"; do
      build_image "${services[$i]}" "${versions[$i]}" 1
      build_image "${services[$i]}" "${next_versions[$i]}" "${next_latency[$i]}"
      run_container "$i" "${versions[$i]}"
    done
    log "the services run as containers on a private dockerd ($docker_sock)"
  else
    for i in "${!services[@]}"; do
      local name=${services[$i]}
      start_bg "$name" "$bin/opsdeck-demo-service" --name "$name" --port $((base_port + i)) \
        --version "${versions[$i]}" --health-format "${formats[$i]}" --rps "${rates[$i]}" --fault-file "$state/faults/$name"
    done
  fi

  # The host the services run on, as users scrape theirs (the Grafana "Node Exporter" dashboards).
  start_bg node-exporter prometheus-node-exporter --web.listen-address="127.0.0.1:$node_port" \
    --collector.disable-defaults --collector.cpu --collector.meminfo --collector.loadavg --collector.filesystem \
    --collector.netdev --collector.diskstats --collector.uname --collector.time --collector.stat

  write_prometheus_config
  cp "$here/prometheus/alertmanager.yml" "$state/alertmanager.yml"
  start_bg alertmanager prometheus-alertmanager --config.file="$state/alertmanager.yml" \
    --storage.path="$state/alertmanager-data" --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address=
  start_bg prometheus prometheus --config.file="$state/prometheus.yml" --storage.tsdb.path="$state/prometheus-data" \
    --web.listen-address="127.0.0.1:$prom_port" --rules.alert.resend-delay=2s --web.enable-lifecycle

  # A cluster for the Kubernetes half of the Deployments panel: the tests' stand-in API server, seeded.
  if [ -x "$bin/opsdeck-demo-kube" ]; then
    start_bg kube-api "$bin/opsdeck-demo-kube" --port "$kube_port" --kubeconfig "$state/kubeconfig"
  fi

  [ "${OPSDECK_DEMO_WITHOUT_PG:-0}" = 1 ] || start_postgres
  write_profile
  [ "${OPSDECK_DEMO_WITHOUT_PG:-0}" = 1 ] || seed_backup

  for i in "${!services[@]}"; do
    wait_http "http://127.0.0.1:$((base_port + i))/health/live" 10 || die "${services[$i]} did not start: see $state/logs/${services[$i]}.log"
  done
  wait_http "http://127.0.0.1:$node_port/metrics" 10 || die "node_exporter did not start: see $state/logs/node-exporter.log"
  wait_http "http://127.0.0.1:$am_port/-/ready" 15 || die "Alertmanager did not start: see $state/logs/alertmanager.log"
  wait_http "http://127.0.0.1:$prom_port/-/ready" 15 || die "Prometheus did not start: see $state/logs/prometheus.log"
  log "up: services on $base_port-$((base_port + ${#services[@]} - 1)), node_exporter $node_port, Prometheus $prom_port, Alertmanager $am_port, PostgreSQL $pg_port, Kubernetes (stand-in, profile demo-k8s) $kube_port"
  log "profile: $state/opsdeck-demo.json"
}


cmd_stop() {
  [ -d "$state" ] || return 0
  for name in workload prometheus alertmanager node-exporter kube-api "${services[@]}"; do stop_pid "$name"; done
  stop_docker
  if [ -f "$state/pgdata.path" ]; then
    local pgdata; pgdata=$(cat "$state/pgdata.path")
    if [ -f "$pgdata/postmaster.pid" ]; then
      as_postgres "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    fi
  fi
  log "stopped"
}

cmd_clean() {
  cmd_stop
  if [ -f "$state/pgdata.path" ]; then rm -rf "$(cat "$state/pgdata.path")"; fi
  rm -rf "$state"
}

cmd_status() {
  if docker_running; then
    dk ps -a --format '{{.Names}}: {{.Status}} ({{.Image}})'
  fi
  for name in "${services[@]}" node-exporter prometheus alertmanager kube-api; do
    if docker_running && [ ! -f "$state/pids/$name.pid" ]; then continue; fi
    if pid_alive "$state/pids/$name.pid"; then echo "$name: running (pid $(cat "$state/pids/$name.pid"))"; else echo "$name: stopped"; fi
  done
  if [ -f "$state/pgdata.path" ] && [ -f "$(cat "$state/pgdata.path")/postmaster.pid" ]; then
    echo "postgresql: running (port $pg_port)"
  else
    echo "postgresql: stopped"
  fi
}

cmd_fault() {
  local name=${1:?service name} mode=${2:?mode}
  case "$mode" in none|slow|errors|degraded|unhealthy|down) ;; *) die "unknown fault '$mode'";; esac
  [ -f "$state/faults/$name" ] || die "no demo service named '$name' (${services[*]})"
  echo "$mode" >"$state/faults/$name"
  log "$name: fault $mode"
}

# A new release of a service, as `compose up` rolls it out: the old container
# stops, the new one starts on the same port and is waited for until healthy.
cmd_deploy() {
  local name=${1:?service name} version=${2:?version} index=-1
  for i in "${!services[@]}"; do [ "${services[$i]}" = "$name" ] && index=$i; done
  [ "$index" -ge 0 ] || die "no demo service named '$name' (${services[*]})"
  docker_running || die "the demo runs without Docker here: its services are processes, there is nothing to deploy"
  dk image inspect "opsdeck-demo/$name:$version" >/dev/null 2>&1 \
    || die "no image opsdeck-demo/$name:$version; the demo has $(dk images --format '{{.Tag}}' "opsdeck-demo/$name" | tr '\n' ' ')"
  dk stop "demo-$name-1" >/dev/null 2>&1 || true
  dk rm "demo-$name-1" >/dev/null 2>&1 || true
  run_container "$index" "$version"
  for _ in $(seq 60); do
    [ "$(dk inspect --format '{{.State.Health.Status}}' "demo-$name-1" 2>/dev/null)" = healthy ] && { log "$name: $version is up and healthy"; return 0; }
    sleep 0.5
  done
  die "$name $version did not become healthy in 30 s: see 'docker --host unix://$docker_sock logs demo-$name-1'"
}

case "${1:-}" in
  start) cmd_start ;;
  deploy) shift; cmd_deploy "$@" ;;
  stop) cmd_stop ;;
  clean) cmd_clean ;;
  status) cmd_status ;;
  fault) shift; cmd_fault "$@" ;;
  profile) echo "$state/opsdeck-demo.json" ;;
  *) sed -n '2,30p' "$0" >&2; exit 2 ;;
esac
