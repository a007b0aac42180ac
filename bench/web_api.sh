#!/bin/sh
# bench/web_api.sh: the API under load, beside nginx serving the same bytes.
#  GET /api/v1/partnerships?country=FR&limit=50 on the twin-city data, by wrk on
#  loopback (2 threads, 50 connections, 10 s, after a 3 s warm-up), 5 rounds
#  alternating eala and nginx; the medians of requests/s and of p99 latency.
#  Targets: eala at least 20,000 requests/s with p99 under 10 ms.
# usage: bench/web_api.sh path/to/eala [ROUNDS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
ROUNDS=${2:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-webbench-XXXXXX)
cleanup() { kill "$EPID" "$NPID" 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"
free_port() { python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"; }

"$EALA" --db t.db init >/dev/null
"$EALA" --db t.db import twin-cities "$ROOT/data/twin_cities.csv" >/dev/null 2>&1
EP=$(free_port)
"$EALA" --db t.db serve --listen "127.0.0.1:$EP" 2>/dev/null &
EPID=$!
for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$EP/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
Q='/api/v1/partnerships?country=FR&limit=50'
mkdir -p www/api/v1
curl -s "http://127.0.0.1:$EP$Q" >www/api/v1/partnerships.json
NP=$(free_port)
cat >nginx.conf <<NGINX
worker_processes 2;
pid $W/nginx.pid;
error_log $W/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	types { application/json json; }
	server {
		listen 127.0.0.1:$NP;
		root $W/www;
		location / { try_files /api/v1/partnerships.json =404; }
	}
}
NGINX
nginx -c "$W/nginx.conf" -p "$W" -g 'daemon off;' &
NPID=$!
sleep 0.5
echo "machine: $(nproc) cores; wrk -t2 -c50 -d10s; response: $(wc -c <www/api/v1/partnerships.json) bytes"
for i in $(seq 1 "$ROUNDS"); do
	for who in eala nginx; do
		port=$EP; [ "$who" = nginx ] && port=$NP
		[ "$i" = 1 ] && wrk -t2 -c50 -d3s "http://127.0.0.1:$port$Q" >/dev/null 2>&1
		wrk -t2 -c50 -d10s --latency "http://127.0.0.1:$port$Q" >"$who.$i.txt" 2>&1
	done
done
python3 - "$ROUNDS" <<'PY'
import re, statistics, sys
rounds = int(sys.argv[1])
def parse(path):
    t = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)", t)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    m = re.search(r"50%\s+([\d.]+)(us|ms|s)", t)
    p50 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return rps, p50, p99
res = {w: [parse(f"{w}.{i}.txt") for i in range(1, rounds + 1)] for w in ("eala", "nginx")}
print("| server | requests/s median (min, max) | p50 median | p99 median (min, max) |")
print("|---|---|---|---|")
for w, rows in res.items():
    rps = [r[0] for r in rows]; p50 = [r[1] for r in rows]; p99 = [r[2] for r in rows]
    print(f"| {w} | {statistics.median(rps):,.0f} ({min(rps):,.0f}, {max(rps):,.0f}) | "
          f"{statistics.median(p50):.2f} ms | {statistics.median(p99):.2f} ms ({min(p99):.2f}, {max(p99):.2f}) |")
e = statistics.median(r[0] for r in res["eala"]); n = statistics.median(r[0] for r in res["nginx"])
print(f"\neala / nginx requests/s: {e / n:.2f} (target: eala at least 20,000/s with p99 under 10 ms)")
PY
