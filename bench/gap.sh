#!/bin/sh
# bench/gap.sh: the gap analysis over 100,000 actions (target: under 1 s).
# A synthetic dataset (bench/gap_data.py: 1,000 authorities, 5,000
# partnerships, 100,000 actions, 10,000 expected impacts with 30,000 indicator
# periods, 14,286 observed outcomes) is imported once; hyperfine then times
# 'eala analyze gap --json' over everything and for one authority, beside the
# sqlite3 shell reading the same rows (the floor: the data's own read cost).
# usage: bench/gap.sh path/to/eala [RUNS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-gapbench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
python3 "$ROOT/bench/gap_data.py" 100000 >big.json
"$EALA" --db b.db init >/dev/null
"$EALA" --db b.db import json big.json >/dev/null
READ="SELECT category, side FROM expected_impact; SELECT id, expected_impact_id FROM indicator;"
READ="$READ SELECT * FROM indicator_period; SELECT category, side, reported_by, expected_id, date FROM observed_outcome;"
hyperfine --style basic --runs "$RUNS" --warmup 2 --export-json gap.json -N \
	"$EALA --db b.db analyze gap --json" \
	"$EALA --db b.db analyze gap --authority 1 --json" \
	"sqlite3 b.db '$READ'" >/dev/null
python3 - gap.json <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))["results"]
names = ["eala analyze gap (100,000 actions)", "eala analyze gap --authority 1", "sqlite3 reading the same rows"]
print("| command | median | min | max |")
print("|---|---|---|---|")
for name, r in zip(names, rows):
    t = r["times"]
    print("| %s | %.0f ms | %.0f ms | %.0f ms |" % (name, 1000 * statistics.median(t), 1000 * min(t), 1000 * max(t)))
a, c = statistics.median(rows[0]["times"]), statistics.median(rows[2]["times"])
print("\nratio eala / sqlite3 read: %.2fx; target: under 1 s over 100,000 actions" % (a / c))
PY
