#!/bin/sh
# bench/match.sh: partner matching on the demo (the twin-city list's 17,000
# places and 25,000 partnerships): 'eala analyze match' for Lyon (#4015)
# against every authority abroad, for one country, and for the demo's call
# #1, beside the peer: Python's sqlite3 module reading the same rows and
# scoring the same six parts (bench/match_peer.py). Before timing, the two
# must agree on the ten best and their scores. No target was set: this
# says what an answer costs on the web (GET /api/v1/analysis/match).
# usage: bench/match.sh path/to/eala [RUNS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-matchbench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
"$EALA" --db b.db demo >/dev/null
"$EALA" --db b.db analyze match --authority 4015 --json >eala.json
/usr/bin/python3 "$ROOT/bench/match_peer.py" b.db 4015 "$ROOT/data" >peer.json
/usr/bin/python3 - eala.json peer.json <<'PY'
import json, sys
e, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
mine = [[c["id"], c["score"]] for c in e["candidates"]]
assert mine == p, (mine, p)
print("eala and the peer agree on the ten best of %d candidates" % e["considered"])
PY
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json match.json -N \
	"$EALA --db b.db analyze match --authority 4015 --json" \
	"$EALA --db b.db analyze match --authority 4015 --country ML --json" \
	"$EALA --db b.db analyze match --call 1 --json" \
	"/usr/bin/python3 $ROOT/bench/match_peer.py b.db 4015 $ROOT/data" >/dev/null
python3 - match.json <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"]
print("| command | median | min | max |")
print("|---|---|---|---|")
names = ["eala analyze match --authority 4015 (every country)", "eala analyze match --authority 4015 --country ML",
         "eala analyze match --call 1", "Python sqlite3: the same ranking as the first"]
for name, x in zip(names, r):
    t = x["times"]
    print("| %s | %.0f ms | %.0f ms | %.0f ms |" % (name, 1000 * statistics.median(t), 1000 * min(t), 1000 * max(t)))
print("ratio peer / eala (every country, medians): %.1fx" % (statistics.median(r[3]["times"]) / statistics.median(r[0]["times"])))
PY
