#!/bin/sh
# bench/report.sh: the annual report of one authority with 1,000 actions and
# 5,000 indicator values (bench/report_data.py), targets: HTML under 200 ms,
# PDF under 5 s. The dataset is imported once; hyperfine then times
# 'eala report annual' to an HTML file and to a PDF (headless Chromium),
# each a whole process run as a user would start it.
# usage: bench/report.sh path/to/eala [RUNS]
set -eu
EALA=$(readlink -f "${1:-build/eala}")
RUNS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d /tmp/eala-reportbench-XXXXXX)
trap 'rm -rf "$W"' EXIT
cd "$W"
python3 "$ROOT/bench/report_data.py" >data.json
"$EALA" --db b.db init >/dev/null
"$EALA" --db b.db import json data.json >/dev/null
"$EALA" --db b.db report annual --authority 1 --year 2023 -o r.html >/dev/null
hyperfine --style basic --runs "$RUNS" --warmup 2 --export-json html.json -N \
	"$EALA --db b.db report annual --authority 1 --year 2023 -o r.html" >/dev/null
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json pdf.json \
	"$EALA --db b.db report annual --authority 1 --year 2023 -o r.pdf" >/dev/null
pages=$(pdfinfo r.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
python3 - html.json pdf.json "$(wc -c <r.html)" "$(wc -c <r.pdf)" "${pages:-?}" <<'PY'
import json, statistics, sys
print("| report (1,000 actions, 5,000 indicator values) | median | min | max | target |")
print("|---|---|---|---|---|")
for name, f, target in (("HTML (%s bytes)" % sys.argv[3], sys.argv[1], "200 ms"),
                        ("PDF (%s bytes, %s pages)" % (sys.argv[4], sys.argv[5]), sys.argv[2], "5 s")):
    t = json.load(open(f))["results"][0]["times"]
    print("| %s | %.0f ms | %.0f ms | %.0f ms | %s |" % (name, 1000 * statistics.median(t), 1000 * min(t),
                                                       1000 * max(t), target))
PY
