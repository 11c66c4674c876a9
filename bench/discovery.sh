#!/usr/bin/env bash
# The whole `opsdeck-cli config init --from-prometheus` as a user runs it, against a
# stand-in Prometheus of many targets (the shape of /api/v1/targets): some answer
# /health, most cannot be connected to (a cluster's pod IPs seen from a laptop), some
# accept and never answer (a hung service). Prints the wall time and peak memory.
#   bench/discovery.sh [ANSWERING] [REFUSED] [HUNG]     (default 100 900 50)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
answering=${1:-100} refused=${2:-900} hung=${3:-50}
cli=${OPSDECK_CLI:-build/release/cli/opsdeck-cli}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

python3 - "$answering" "$refused" "$hung" "$work/port" <<'PY' &
import asyncio, json, socket, sys
answering, refused, hung, port_file = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports

async def health(reader, writer):
    await reader.readuntil(b"\r\n\r\n")
    body = b'{"status":"healthy","version":"1.0.0"}'
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    await writer.drain()
    writer.close()

async def hang(reader, writer):
    await asyncio.sleep(3600)

async def main():
    targets = []
    for _ in range(answering):
        server = await asyncio.start_server(health, "127.0.0.1", 0)
        targets.append(("shop", server.sockets[0].getsockname()[1]))
    for _ in range(hung):
        server = await asyncio.start_server(hang, "127.0.0.1", 0)
        targets.append(("batch", server.sockets[0].getsockname()[1]))
    targets += [("pods", p) for p in free_ports(refused)]
    active = [{"labels": {"job": job, "instance": "127.0.0.1:%d" % port}, "scrapeUrl": "http://127.0.0.1:%d/metrics" % port,
               "health": "up", "lastError": "", "lastScrapeDuration": 0.01, "scrapePool": job} for job, port in targets]
    answer = json.dumps({"status": "success", "data": {"activeTargets": active, "droppedTargets": []}}).encode()
    managers = json.dumps({"status": "success", "data": {"activeAlertmanagers": [], "droppedAlertmanagers": []}}).encode()

    async def prometheus(reader, writer):
        head = await reader.readuntil(b"\r\n\r\n")
        body = answer if b"/api/v1/targets" in head else managers
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        await writer.drain()
        writer.close()

    api = await asyncio.start_server(prometheus, "127.0.0.1", 0)
    with open(port_file, "w") as f:
        f.write(str(api.sockets[0].getsockname()[1]))
    await asyncio.sleep(3600)

asyncio.run(main())
PY
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
echo "targets: $answering answering /health, $refused refusing connections, $hung accepting and never answering"
/usr/bin/time -f "config init: %e s wall, %M KB peak" \
  "$cli" config init --from-prometheus "http://127.0.0.1:$port" --config "$work/config.json" | sed -n '1,2p' | cut -c1-120
