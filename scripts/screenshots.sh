#!/usr/bin/env bash
# Screenshots of the console as a user sees it: the demo environment with one
# service down and one slow, the console maximised on an X server (Xvfb) at
# each of the usual screen sizes, left running long enough for live data.
#   scripts/screenshots.sh [OUT_DIR] [SECONDS]    (default docs/screenshots, 45 s)
# Writes console-1366x768.png and console-1920x1080.png (the "All services"
# dashboard), host-1366x768.png and host-1920x1080.png (the demo's Grafana
# import of a node_exporter dashboard, with its variables and tiles), and
# database-<page>-<size>.png: the Database panel's overview, sessions, blocking
# tree and top queries on the demo's live workload (its lock chain forms 30 s
# after the demo starts and lasts 30 s: the shots are taken inside it);
# backups-<size>.png, the Backups panel with the demo's first backup, and
# restore-<size>.png, its restore dialog with the preflight done; deploy-marker-<size>.png
# (a slower release going out, marked on the charts) and deployments-<size>.png; kube-deployments-<size>.png
# and kube-rollback-<size>.png (the demo-k8s profile's Deployments, and a rollback's diff);
# welcome-<size>.png, find-services-<size>.png and profile-editor-<size>.png: the first run
# (no configuration), discovery from the demo's Prometheus, and the demo profile in the editor;
# console-light-<size>.png and console-dark-<size>.png (the two themes), command-palette-<size>.png
# (Ctrl+K with "trad" typed), wall-<size>.png (wall mode), and last-known-<size>.png and
# wall-last-known-<size>.png: the console started again after the demo environment was
# stopped, showing the last known state; hidpi-1.png, hidpi-1.5.png and hidpi-2.png (the
# console at 100, 150 and 200 %).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-docs/screenshots}
seconds=${2:-45}
mkdir -p "$out"
cmake --build --preset release -j "$(nproc)" --target opsdeck opsdeck-cli opsdeck-demo-service >/dev/null

export OPSDECK_DEMO_STATE=$(mktemp -d) OPSDECK_DEMO_PORT_BASE=38180 OPSDECK_PROMETHEUS_PORT=39190 \
  OPSDECK_ALERTMANAGER_PORT=39193 OPSDECK_PG_PORT=35532 OPSDECK_NODE_EXPORTER_PORT=39200 OPSDECK_KUBE_PORT=36443 OPSDECK_APP_PASSWORD=${OPSDECK_APP_PASSWORD:-ops-demo}
trap 'demo/demo-env.sh clean >/dev/null 2>&1 || true' EXIT
demo/demo-env.sh start >/dev/null
demo/demo-env.sh fault market-data down >/dev/null
demo/demo-env.sh fault trading-engine slow >/dev/null
config=$(demo/demo-env.sh profile)

shoot() {  # name size [console options...]
  local name=$1 size=$2 home; shift 2
  home=$(mktemp -d)
  XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data \
    xvfb-run -a -s "-screen 0 ${size}x24" \
    build/release/app/opsdeck --config "$config" --profile demo -qwindowgeometry "${size}+0+0" \
      --quit-after $((seconds * 1000)) --screenshot "$out/$name-$size.png" "$@" >/dev/null 2>&1
  rm -rf "$home"
  echo "screenshots: $out/$name-$size.png"
}

for size in 1366x768 1920x1080; do
  shoot console "$size"
  shoot host "$size" --dashboard "Host (node_exporter)"
done
# The database pages, taken side by side so that all of them fall in one lock chain.
for size in 1366x768 1920x1080; do
  demo/demo-env.sh stop >/dev/null && demo/demo-env.sh start >/dev/null
  sleep 5
  for page in overview sessions blocking queries; do
    seconds=35 shoot "database-$page" "$size" --panel "database:$page" &
  done
  wait
done
# The Backups panel and its restore dialog, on the backup the demo starts with.
for size in 1366x768 1920x1080; do
  seconds=12 shoot backups "$size" --panel backups &
  seconds=12 shoot restore "$size" --panel backups:restore &
  wait
done
# Deployments: the api-gateway dashboard as its slower release 1.4.3 goes out
# 20 s in (the marker on every chart, the p95 climbing after it), and the
# Deployments panel after it. Only where the demo runs its services on Docker.
if [ -S "$OPSDECK_DEMO_STATE/docker/docker.sock" ]; then
  for size in 1366x768 1920x1080; do
    demo/demo-env.sh deploy api-gateway 1.4.2 >/dev/null
    (sleep 20; demo/demo-env.sh deploy api-gateway 1.4.3 >/dev/null) &
    seconds=70 shoot deploy-marker "$size" --dashboard api-gateway &
    seconds=70 shoot deployments "$size" --panel deployments &
    wait
  done
fi

# Kubernetes: the demo-k8s profile's cluster (opsdeck-demo-kube, the tests' stand-in API server,
# seeded), its Deployments with the revisions of the first, and a rollback's template diff.
if [ -f "$OPSDECK_DEMO_STATE/kubeconfig" ]; then
  for size in 1366x768 1920x1080; do
    seconds=10 shoot kube-deployments "$size" --profile demo-k8s --panel deployments &
    seconds=10 shoot kube-rollback "$size" --profile demo-k8s --panel deployments:rollback &
    wait
  done
fi

# The first run: the welcome view of a console without a configuration, discovery from the
# demo's Prometheus, and the demo profile in the profile editor.
for size in 1366x768 1920x1080; do
  none=$(mktemp -d)/config.json
  seconds=4 shoot welcome "$size" --config "$none" &
  seconds=8 shoot find-services "$size" --config "$none" --dialog "find-services:http://127.0.0.1:$OPSDECK_PROMETHEUS_PORT" &
  seconds=6 shoot profile-editor "$size" --dialog profile-editor &
  wait
done

# Light and dark, and the command palette.
for size in 1366x768 1920x1080; do
  seconds=30 shoot console-light "$size" --theme light &
  seconds=30 shoot console-dark "$size" --theme dark &
  wait
  seconds=15 shoot command-palette "$size" --dialog "command-palette:trad" &
  seconds=20 shoot wall "$size" --wall --wall-panels health,dashboards,alerts &
  wait
done

# HiDPI: the same 1366x768 layout at 100 %, 150 % and 200 % (hidpi-<scale>.png).
for scale in 1 1.5 2; do
  screen=$(python3 -c "print('%dx%d' % (round(1366 * $scale), round(768 * $scale)))")
  home=$(mktemp -d)
  QT_SCALE_FACTOR=$scale XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data \
    xvfb-run -a -s "-screen 0 ${screen}x24" build/release/app/opsdeck --config "$config" --profile demo \
      -qwindowgeometry "1366x768+0+0" --quit-after 30000 --screenshot "$out/hidpi-$scale.png" >/dev/null 2>&1 &
done
wait
echo "screenshots: $out/hidpi-{1,1.5,2}.png"

# The last known state: a console that watched the demo is closed, the demo stops, and the
# console started again shows what it last saw.
export OPSDECK_STATE_DIR=$(mktemp -d)
seconds=20 shoot before-last-known 1366x768 >/dev/null
rm -f "$out/before-last-known-1366x768.png"
demo/demo-env.sh stop >/dev/null
for size in 1366x768 1920x1080; do
  seconds=3 shoot last-known "$size"
  seconds=3 shoot wall-last-known "$size" --wall --wall-panels alerts
done
