#!/bin/sh
# bench/export.sh: the export target of issue 5, measured beside a peer.
#  'eala export csv partnerships' of 1,000,000 partnerships to a file (target:
#  under 10 s, peak memory under 100 MB), beside the sqlite3 shell dumping the
#  same rows and columns of the same table with -csv (the peer: no filters,
#  no code lists, no member lists to rebuild). hyperfine times both in the
#  same run, a warm-up each; the ratio is of the medians. Peak memory is GNU
#  time's max RSS. Then one run of each other format over the same data, for
#  their time and memory (XLSX: libxlsxwriter's constant-memory mode).
# usage: bench/export.sh path/to/eala [RUNS] [PARTNERSHIPS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-7}
N=${3:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-bench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), eala $("$EALA" --version | cut -d' ' -f2), runs: $RUNS, partnerships: $N"
"$EALA" --db b.db init >/dev/null
/usr/bin/python3 "$ROOT/bench/export_data.py" b.db "$N"
echo "data: $("$EALA" --db b.db stats --json | /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["partnerships"], "partnerships,", j["authorities"], "authorities")'), $(du -m b.db | cut -f1) MB database"
echo

# the same columns in the same order as the export, members '|' separated
SQL="SELECT id, name, kind, status, status_date, status_reason, start_date, end_date,
 agreement_signed, agreement_expires, agreement_renewed, deliberation_ref, deliberation_date,
 replace(members, ',', '|'), source, illustrative, notes FROM partnership ORDER BY id"
hyperfine --style none --warmup 1 --runs "$RUNS" --export-json h.json \
	-n "sqlite3 -csv (peer)" "sqlite3 -csv b.db \"$SQL\" >peer.csv" \
	-n "eala export csv partnerships" "$EALA --db b.db export csv partnerships -o eala.csv" >/dev/null
/usr/bin/python3 - h.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("| command | median | min | max |")
print("|---|---|---|---|")
for x in r:
    print(f"| {x['command']} | {x['median']:.2f} s | {x['min']:.2f} s | {x['max']:.2f} s |")
print()
print(f"ratio eala / sqlite3 (medians): {r[1]['median'] / r[0]['median']:.2f}x; "
      f"target: eala under 10 s")
PY
echo "rows: eala $(($(wc -l <eala.csv) - 1)), sqlite3 $(wc -l <peer.csv) (eala quotes the names with commas, as the import reads them)"

mem() {   # mem LABEL CMD...: seconds and max RSS of one run
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o m.txt "$@" >/dev/null
	awk -v l="$label" '{printf "| %s | %.2f s | %.1f MB |\n", l, $1, $2/1024}' m.txt
}
echo
echo "| one run | time | peak memory (max RSS) |"
echo "|---|---|---|"
mem "sqlite3 -csv (peer)" sh -c "sqlite3 -csv b.db \"$SQL\" >peer.csv"
mem "eala export csv partnerships" "$EALA" --db b.db export csv partnerships -o eala.csv
mem "eala export csv partnerships --labels --lang fr" "$EALA" --db b.db export csv partnerships --labels --lang fr -o labels.csv
mem "eala export ndjson partnerships" "$EALA" --db b.db export ndjson partnerships -o p.ndjson
mem "eala export geojson partnerships" "$EALA" --db b.db export geojson partnerships -o p.geojson
mem "eala export xlsx partnerships" "$EALA" --db b.db export xlsx partnerships -o p.xlsx
echo "(target for the CSV export: under 100 MB)"
