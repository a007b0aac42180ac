#!/bin/sh
# cli_analyze.sh: 'eala analyze gap' on the demo: the seed's finding (economic
# returns expected, socio-cultural ones observed) in figures worked out by hand
# from data/demo/demo.json, the same figures in JSON, one authority, bad input.
. "$(dirname "$0")/lib.sh"

run demo
run analyze gap
expect_rc 0 "analyze gap over every authority"
# demo.json: 9 expected (5 economic, 2 socio-cultural, 1 institutional, 1 solidarity),
# 11 observed (1, 7, 2, 1): (|5/9-1/11| + |2/9-7/11| + |1/9-2/11| + |1/9-1/11|) / 2 = 0.485
has out "5 of the 9 impacts expected are Economic returns; 1 of the 11 observed are." \
	"says in a sentence what is expected and what is observed"
has out "Nature gap 0.48" "the nature gap"
has out "Economic returns is expected more than observed, Socio-cultural returns observed more than expected" \
	"and which way it goes"
run analyze gap --json
same "$(json "j['expected'], j['observed'], round(j['nature_gap'], 3), j['most_over_expected'], j['most_under_expected']")" \
	"9 11 0.485 economic sociocultural" "the same figures in JSON"
same "$(json "j['reported_home'], j['reported_partner'], j['unexpected']")" "7 4 6" \
	"outcomes reported on each side, and the unexpected ones"
Q=$("$EALA" list authorities --q quetigny --country FR --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
run analyze gap --authority "$Q" --json
same "$(json "j['authority'], j['expected'], j['observed']")" "$Q 3 3" "one authority's partnerships only"
run analyze gap --authority 99999999
expect_rc 1 "an unknown authority is refused"
has err "--authority 99999999: no such authority" "and named"
# the API gives the same figures as the CLI
run analyze gap --authority "$Q" --json
cp "$T/out" "$T/cli.json"
run analyze gap --json
cp "$T/out" "$T/cli-all.json"
serve
curl -s -o "$T/api.json" "$URL/api/v1/analysis/gap?authority=$Q"
same "$(python3 -c "import json; print(json.load(open('$T/api.json')) == json.load(open('$T/cli.json')))")" "True" \
	"GET /api/v1/analysis/gap?authority=ID gives the CLI's figures"
curl -s -o "$T/api.json" "$URL/api/v1/analysis/gap"
same "$(python3 -c "import json; print(json.load(open('$T/api.json')) == json.load(open('$T/cli-all.json')))")" "True" \
	"and so does the analysis over every authority"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/gap?authority=99999999")
same "$code" "404" "an unknown authority is a 404"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/gap?year=abc")
same "$code $(json "j['errors'][0]['field']")" "400 year" "a bad year is a 400 naming the field"
# the page: the same sentences, a table, the chart (Chart.js, in Chromium)
curl -s -o "$T/page.html" "$URL/analysis/gap"
has page.html "<li>5 of the 9 impacts expected are Economic returns; 1 of the 11 observed are.</li>" \
	"the page says the same in a sentence"
has page.html '<tr><th scope="row">Socio-cultural returns</th><td>2</td><td>0</td><td>7</td><td>3</td></tr>' \
	"and in its table"
curl -s -o "$T/page.html" "$URL/analysis/gap?lang=fr&authority=$Q"
has page.html "Impacts attendus et observés · Quetigny" "in French, for one authority"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/gap?authority=99999999")
same "$code" "404" "the page of an unknown authority is a 404"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/gap?year=%3Cscript%3E")
same "$code" "400" "a bad year is a 400 page"
hasnt out "<script>" "which does not echo it raw"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/gap.js "$URL") >"$T/tap" 2>&1
	tap_in "$T/tap"
else
	ok 1 "Chromium and playwright-core are installed (scripts/install-deps)"
fi
kill "$PID"
wait "$PID"
run analyze nothing
expect_rc 2 "an unknown analysis is refused"
has err "unknown analysis 'nothing'" "and named"
finish
