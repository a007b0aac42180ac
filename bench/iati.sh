#!/bin/sh
# bench/iati.sh: IATI import, validation included, against xmllint on the same
# file. Target: at least 20 MB/s. bench/iati_data.py writes a valid 2.03 file
# (20,000 activities, about 50 MB); hyperfine times, each a whole process:
#   eala import iati FILE          (read, validate against the XSD, write to a
#                                   fresh database in one transaction)
#   eala import iati --dry-run     (the same, the transaction rolled back)
#   xmllint --stream --noout --schema iati-activities-schema.xsd FILE
# and the table gives MB/s (file size / time) for the median, min and max.
# usage: bench/iati.sh path/to/eala [RUNS] [ACTIVITIES]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-5}
N=${3:-20000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
XSD="$ROOT/data/iati/schema/iati-activities-schema.xsd"
W=$(mktemp -d /tmp/eala-iatibench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
python3 "$ROOT/bench/iati_data.py" "$N" >big.xml
xmllint --stream --noout --schema "$XSD" big.xml
"$EALA" --db check.db init >/dev/null
"$EALA" --db check.db import iati big.xml
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json times.json -N \
	--prepare "sh -c 'rm -f b.db b.db-wal b.db-shm && $EALA --db b.db init'" \
	"$EALA --db b.db import iati big.xml" \
	"$EALA --db b.db import iati --dry-run big.xml" \
	"xmllint --stream --noout --schema $XSD big.xml" >/dev/null
python3 - times.json "$(wc -c <big.xml)" "$N" <<'PY'
import json, statistics, sys
size = int(sys.argv[2]) / 1e6
res = json.load(open(sys.argv[1]))["results"]
names = ["eala import iati (validate + write)", "eala import iati --dry-run", "xmllint --stream --schema"]
print("| %s activities, %.1f MB | median | min | max | MB/s (median) | MB/s (min-max) |" % (format(int(sys.argv[3]), ","), size))
print("|---|---|---|---|---|---|")
med = []
for name, r in zip(names, res):
    t = r["times"]
    m = statistics.median(t)
    med.append(m)
    print("| %s | %.2f s | %.2f s | %.2f s | %.1f | %.1f-%.1f |" % (name, m, min(t), max(t), size / m,
                                                                   size / max(t), size / min(t)))
print()
print("import / xmllint time: %.2f; dry run / xmllint: %.2f" % (med[0] / med[2], med[1] / med[2]))
PY
