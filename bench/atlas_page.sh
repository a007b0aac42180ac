#!/bin/sh
# bench/atlas_page.sh: the atlas page of the demo database in headless Chromium:
# time to interactive and bytes transferred (targets: under 2 s, under 1.5 MB).
# The first run warms the server's cache of the map data; the figures are of
# the runs after it.
# usage: bench/atlas_page.sh path/to/eala [RUNS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-atlasbench-XXXXXX)
trap 'kill $PID 2>/dev/null; rm -rf "$W"' EXIT
cd "$W"
"$EALA" --db t.db demo >/dev/null
PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
"$EALA" --db t.db serve --listen "127.0.0.1:$PORT" 2>/dev/null &
PID=$!
for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
cd "$ROOT"
node bench/atlas_page.js "http://127.0.0.1:$PORT" $((RUNS + 1)) >"$W/runs.jsonl"
python3 - "$W/runs.jsonl" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
first, rest = runs[0], runs[1:]
t = [r["interactive_ms"] for r in rest]; b = [r["bytes"] for r in rest]
print(f"first load (server cache cold): {first['interactive_ms']} ms, {first['bytes']/1e6:.2f} MB")
print(f"interactive: median {statistics.median(t):.0f} ms (min {min(t)}, max {max(t)}) over {len(rest)} runs; target under 2000 ms")
print(f"transferred: median {statistics.median(b)/1e6:.2f} MB (min {min(b)/1e6:.2f}, max {max(b)/1e6:.2f}); target under 1.5 MB")
PY
