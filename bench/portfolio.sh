#!/bin/sh
# bench/portfolio.sh: the portfolio review over 1,000,000 partnerships
# (target: under 1 s). A synthetic database (bench/portfolio_data.py:
# 1,000,000 partnerships between 20,000 authorities, 1,000,000 actions,
# 2,000,000 financing rows; authority 1 a member of 100,000 partnerships) is
# made once; hyperfine then times 'eala analyze portfolio --json' over every
# authority (the national observatory's view) and for authority 1, beside
# pandas (bench/portfolio_pandas.py) computing the same aggregations on the
# same database. The figures of both are printed first, to check they agree.
# usage: bench/portfolio.sh path/to/eala [RUNS] [PARTNERSHIPS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-7}
N=${3:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-portfoliobench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
"$EALA" --db b.db init >/dev/null
/usr/bin/python3 "$ROOT/bench/portfolio_data.py" b.db "$N"
Y=$(date +%Y)
PY="/usr/bin/python3 $ROOT/bench/portfolio_pandas.py"
FIG='import json,sys; j=json.load(sys.stdin); print(j["actions"], round(j["budget"]), j["by_country"][0]["code"], round(j["hhi"]["country"]["value"], 4), round(j["hhi"]["domain"]["value"], 4), len(j["by_partnership_kind"]), len(j["by_action_type"]), j["thin_spread"]["active_partnerships"], j["thin_spread"]["under_threshold"], j["dormant"]["count"])'
echo "figures (actions, budget, first country, HHI country, HHI domain, kinds, types, active, under 5,000, dormant):"
echo "  eala, all:    $("$EALA" --db b.db analyze portfolio --json | /usr/bin/python3 -c "$FIG")"
echo "  pandas, all:  $($PY b.db 0 "$Y")"
echo "  eala, #1:     $("$EALA" --db b.db analyze portfolio --authority 1 --json | /usr/bin/python3 -c "$FIG")"
echo "  pandas, #1:   $($PY b.db 1 "$Y")"
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json portfolio.json -N \
	"$EALA --db b.db analyze portfolio --json" \
	"$PY b.db 0 $Y" \
	"$EALA --db b.db analyze portfolio --authority 1 --json" \
	"$PY b.db 1 $Y" >/dev/null
/usr/bin/python3 - portfolio.json "$N" <<'PY'
import json, statistics, sys
rows = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
names = ["eala analyze portfolio, every authority (%s partnerships)" % format(n, ","),
         "pandas, the same aggregations, every authority",
         "eala analyze portfolio --authority 1 (%s partnerships)" % format(n // 10, ","),
         "pandas, the same, authority 1"]
print("| command | median | min | max |")
print("|---|---|---|---|")
for name, r in zip(names, rows):
    t = r["times"]
    print("| %s | %.0f ms | %.0f ms | %.0f ms |" % (name, 1000 * statistics.median(t), 1000 * min(t), 1000 * max(t)))
m = [statistics.median(r["times"]) for r in rows]
print("\nratio eala / pandas: %.2fx over every authority, %.2fx for authority 1; target: under 1 s" % (m[0] / m[1], m[2] / m[3]))
PY
