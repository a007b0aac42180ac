#!/bin/sh
# bench/twin_import.sh: the foundation's performance targets, measured side by side.
#  1. 'eala import twin-cities' of the 25,917 pairs, name resolution included, against
#     the sqlite3 shell's raw '.import' of the same file into one table (target: at
#     most 5 times slower), and eala's peak memory (target: under 100 MB);
#  2. 'eala stats --json' and a filtered 'eala list ... --json' on that data
#     (target: under 20 ms each).
# Timings by hyperfine (median, min, max of RUNS runs); memory by GNU time.
# usage: bench/twin_import.sh path/to/eala [RUNS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV="$ROOT/data/twin_cities.csv"
W=$(mktemp -d /tmp/eala-bench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), eala $("$EALA" --version | cut -d' ' -f2), runs: $RUNS"
echo

"$EALA" --db empty.db init >/dev/null
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json import.json \
	--prepare "rm -f raw.db" -n "sqlite3 .import (raw, one table)" \
	"sqlite3 raw.db '.import --csv $CSV twin'" \
	--prepare "rm -f t.db t.db-wal t.db-shm; cp empty.db t.db" -n "eala import twin-cities" \
	"$EALA --db t.db import twin-cities $CSV" >/dev/null 2>&1

rm -f t.db*; cp empty.db t.db
/usr/bin/time -f "%M" -o mem.txt "$EALA" --db t.db import twin-cities "$CSV" >/dev/null 2>&1

hyperfine --style basic --runs $((RUNS * 3)) --warmup 3 --export-json query.json -N \
	-n "eala stats --json" "$EALA --db t.db stats --json" \
	-n "eala list partnerships --country FR --json" "$EALA --db t.db list partnerships --country FR --json" \
	-n "eala list authorities --q saint --json" "$EALA --db t.db list authorities --q saint --json" \
	>/dev/null 2>&1

python3 - "$W" <<'PY'
import json, sys
w = sys.argv[1]
def rows(name):
    return json.load(open(f"{w}/{name}"))["results"]
print("| command | median | min | max |")
print("|---|---|---|---|")
imp = rows("import.json")
for r in imp + rows("query.json"):
    print(f"| {r['command']} | {r['median']*1000:.1f} ms | {r['min']*1000:.1f} ms | {r['max']*1000:.1f} ms |")
ratio = imp[1]["median"] / imp[0]["median"]
print()
print(f"eala import / sqlite3 raw import (medians): {ratio:.1f}x (target: at most 5x)")
mem = int(open(f"{w}/mem.txt").read().split()[-1])
print(f"eala import peak memory (max RSS): {mem/1024:.1f} MB (target: under 100 MB)")
PY
