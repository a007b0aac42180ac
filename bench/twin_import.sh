#!/bin/sh
# bench/twin_import.sh: the foundation's performance targets, measured side by side.
#  1. 'eala import twin-cities' of the 25,917 pairs, name resolution included, against
#     the sqlite3 shell's raw '.import' of the same file into one table (target: at
#     most 5 times slower), and eala's peak memory (target: under 100 MB);
#  2. 'eala stats --json' and filtered 'eala list ... --json' on that data (target:
#     under 20 ms each).
# The two imports run alternately (sqlite3, eala, sqlite3, eala...) so that a change
# in the machine's speed during the run touches both; each pair gives a ratio, and
# the median of those ratios is the figure. Queries are timed by hyperfine.
# usage: bench/twin_import.sh path/to/eala [RUNS]   (INSTR=0 skips the callgrind count)
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-11}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV="$ROOT/data/twin_cities.csv"
W=$(mktemp -d /tmp/eala-bench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1), eala $("$EALA" --version | cut -d' ' -f2), runs: $RUNS"
echo

"$EALA" --db empty.db init >/dev/null
python3 - "$EALA" "$CSV" "$RUNS" <<'PY'
import os, shutil, statistics, subprocess, sys, time
eala, csv, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def clean(*names):
    for n in names:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(n + suffix):
                os.remove(n + suffix)
def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t
raw, ours, ratios = [], [], []
for i in range(runs + 1):                 # the first pair warms the caches
    clean("raw.db", "t.db")
    shutil.copy("empty.db", "t.db")
    r = timed(["sqlite3", "raw.db", ".import --csv " + csv + " twin"])
    e = timed([eala, "--db", "t.db", "import", "twin-cities", csv])
    if i:
        raw.append(r); ours.append(e); ratios.append(e / r)
def row(name, v):
    print(f"| {name} | {statistics.median(v)*1000:.1f} ms | {min(v)*1000:.1f} ms | {max(v)*1000:.1f} ms |")
print("| command | median | min | max |")
print("|---|---|---|---|")
row("sqlite3 .import (raw, one table)", raw)
row("eala import twin-cities", ours)
print()
print(f"ratio eala / sqlite3, median of {runs} alternating pairs: {statistics.median(ratios):.2f}x "
      f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x; target: at most 5x)")
PY

rm -f t.db*; cp empty.db t.db
/usr/bin/time -f "%M" -o mem.txt "$EALA" --db t.db import twin-cities "$CSV" >/dev/null 2>&1
echo "eala import peak memory (max RSS, GNU time): $(awk '{printf "%.1f", $1/1024}' mem.txt) MB (target: under 100 MB)"
echo

hyperfine --style basic --runs $((RUNS * 3)) --warmup 3 --export-json query.json -N \
	-n "eala stats --json" "$EALA --db t.db stats --json" \
	-n "eala list partnerships --country FR --json" "$EALA --db t.db list partnerships --country FR --json" \
	-n "eala list authorities --q saint --json" "$EALA --db t.db list authorities --q saint --json" \
	-n "eala list actions --year 2019 --json" "$EALA --db t.db list actions --year 2019 --json" \
	>/dev/null 2>&1
python3 - <<'PY'
import json
print("| query (target: under 20 ms) | median | min | max |")
print("|---|---|---|---|")
for r in json.load(open("query.json"))["results"]:
    print(f"| {r['command']} | {r['median']*1000:.1f} ms | {r['min']*1000:.1f} ms | {r['max']*1000:.1f} ms |")
PY

# Instructions, counted by callgrind: the same for the same binaries and input
# whatever else the machine does (skipped when valgrind is missing).
if command -v valgrind >/dev/null && [ "${INSTR:-1}" = 1 ]; then
	count() { valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$@" >/dev/null 2>&1
		  callgrind_annotate "$W/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
	rm -f raw.db t.db*; cp empty.db t.db
	a=$(count sqlite3 raw.db ".import --csv $CSV twin")
	b=$(count "$EALA" --db t.db import twin-cities "$CSV")
	echo
	python3 -c "a, b = $a, $b; print(f'instructions (callgrind): sqlite3 .import {a/1e9:.2f} G, eala import {b/1e9:.2f} G, ratio {b/a:.2f}x')"
fi
