#!/bin/sh
# bench/trends.sh: the observatory's trends over 1,000,000 partnerships
# (target: under 1 s). bench/trends_data.py builds the database once
# (1,000,000 partnerships between 50,000 authorities in eight countries,
# 100,000 actions with 150,000 financing rows and 5,000 organisations);
# hyperfine then times 'eala analyze trends' as JSON and as CSV beside the
# peer: pandas (bench/trends_pandas.py) computing the same per-year
# aggregations from the same database. Before timing, the two must agree on
# every year's figures.
# usage: bench/trends.sh path/to/eala [RUNS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-trendsbench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
"$EALA" --db b.db init >/dev/null
python3 "$ROOT/bench/trends_data.py" b.db 1000000 100000
"$EALA" --db b.db analyze trends --json >eala.json
/usr/bin/python3 "$ROOT/bench/trends_pandas.py" b.db >pandas.json
/usr/bin/python3 - eala.json pandas.json <<'PY'
import json, sys
e, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
for m in ["started", "ended", "with_partners_abroad", "agreements_signed", "actions", "one_off_actions",
          "new_organisations"]:
    mine = {str(y["year"]): y[m] for y in e["years"] if y[m]}
    assert mine == p[m], (m, sorted(set(mine.items()) ^ set(p[m].items()))[:5])
assert sum(sum(y["domains"].values()) for y in e["years"]) == p["domains"]
planned = {str(y["year"]): y["planned_eur"] for y in e["years"] if y["planned_eur"]}
assert planned.keys() == p["planned_eur"].keys() and all(abs(planned[k] - p["planned_eur"][k]) < 0.01 for k in planned)
print("eala and pandas agree on every year (%d years, %d partnerships)" % (len(e["years"]), e["totals"]["started"]))
PY
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json trends.json -N \
	"$EALA --db b.db analyze trends --json" \
	"$EALA --db b.db analyze trends --csv" \
	"$EALA --db b.db analyze trends --from 2000 --to 2009 --json" \
	"/usr/bin/python3 $ROOT/bench/trends_pandas.py b.db" >/dev/null
python3 - trends.json <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))["results"]
names = ["eala analyze trends --json (1,000,000 partnerships)", "eala analyze trends --csv",
         "eala analyze trends --from 2000 --to 2009", "pandas: the same aggregations"]
print("| command | median | min | max |")
print("|---|---|---|---|")
for name, r in zip(names, rows):
    t = r["times"]
    print("| %s | %.0f ms | %.0f ms | %.0f ms |" % (name, 1000 * statistics.median(t), 1000 * min(t), 1000 * max(t)))
a, c = statistics.median(rows[0]["times"]), statistics.median(rows[3]["times"])
print("\nratio pandas / eala: %.1fx; target: under 1 s over 1,000,000 partnerships" % (c / a))
PY
