#!/bin/sh
# cli_trends.sh: 'eala analyze trends' on the demo, against what
# data/demo/demo.json says (seed 000: Chambéry's two new agreements of
# December 2017 in Quebec and China; the Hauts-de-France region ending five of
# its African and Malagasy partnerships on 11 December 2017); the same figures
# from the CLI (text, JSON, CSV), the API (JSON, CSV) and the page; drafts
# left out for anonymous readers; every bad argument named.
. "$(dirname "$0")/lib.sh"

run demo
run analyze trends --from 2017 --to 2017
expect_rc 0 "analyze trends for one year"
has out "From 2017 to 2017, 2 partnerships began and 5 ended (net -3)." "says what began and what ended"
# Quebec (Canada, high income) and Zhangjiakou (China, upper-middle)
has out "Of the 2 new partnerships with partners abroad, 0% were with low or lower-middle income countries, 50% with high-income countries and 0% with Europe." \
	"and with which countries"
run analyze trends --from 2017 --to 2017 --json
same "$(json "j['years'][0]['started_by_kind'], j['years'][0]['ended_by_kind'], j['years'][0]['by_income']['upper_middle'], j['years'][0]['by_income']['high']")" \
	"{'economic': 2} {'development_cooperation': 5} 1 1" "the JSON: by kind, ended by kind, by income group"
cp "$T/out" "$T/cli.json"
run analyze trends --csv --from 2017 --to 2017
expect_rc 0 "as CSV"
has out "year,measure,key,value" "one figure per line"
has out "2017,ended,development_cooperation,5" "the ended partnerships by kind"
has out "2017,by_income,upper_middle,1" "the income groups"
cp "$T/out" "$T/cli.csv"
run analyze trends --json
cp "$T/out" "$T/cli-all.json"
same "$(json "j['from'], j['to']")" "1963 2021" "without years: the span of the data (Brest-Plymouth, 1963)"
# bad arguments, all named at once
run analyze trends --from 2020 --to 2010 --json --csv --country FR
expect_rc 2 "bad arguments are refused"
has err "--from 2020 is after --to 2010" "a span the wrong way round"
has err "--json or --csv, not both" "two formats"
has err "give the years with --from and --to" "a filter trends does not take"
run analyze trends --from 1800
expect_rc 2 "a year out of range"
has err "analyze trends: --from and --to are years from 1900 to 2100" "and named"
run analyze gap --csv
expect_rc 2 "gap takes no --csv"
serve
curl -s -o "$T/api.json" "$URL/api/v1/analysis/trends?from=2017&to=2017"
same "$(python3 -c "import json; print(json.load(open('$T/api.json')) == json.load(open('$T/cli.json')))")" "True" \
	"GET /api/v1/analysis/trends gives the CLI's figures"
curl -s -o "$T/api-all.json" "$URL/api/v1/analysis/trends"
same "$(python3 -c "import json; print(json.load(open('$T/api-all.json')) == json.load(open('$T/cli-all.json')))")" "True" \
	"over every year too"
curl -s -D "$T/headers" -o "$T/api.csv" "$URL/api/v1/analysis/trends?from=2017&to=2017&format=csv"
same "$(cmp -s "$T/api.csv" "$T/cli.csv" && echo same)" "same" "and the CSV is the CLI's, byte for byte"
has headers "Content-Type: text/csv; charset=utf-8" "served as CSV"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/trends?from=abc&to=2010&format=xml")
same "$code $(json "[e['field'] for e in j['errors']]")" "400 ['from', 'format']" "bad parameters: a 400 naming each"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/trends?from=2020&to=2010")
same "$code $(json "j['errors'][0]['field']")" "400 from" "a span the wrong way round too"
# the page
curl -s -o "$T/page.html" "$URL/analysis/trends?from=2017&to=2017"
has page.html "<li>From 2017 to 2017, 2 partnerships began and 5 ended (net -3).</li>" "the page says the same"
has page.html '<tr><th scope="row">2017</th><td>2</td><td>5</td><td>2</td><td>0</td><td>0</td><td>1</td><td>1</td><td>0</td>' \
	"and in its table"
has page.html 'href="/api/v1/analysis/trends?format=csv&amp;from=2017&amp;to=2017"' "with a link to the CSV"
has page.html '<script src="/static/trends.js" defer></script>' "and its script"
hasnt page.html "<script>" "no inline script (CSP)"
curl -s -o "$T/page.html" "$URL/analysis/trends?from=2017&to=2017&lang=fr"
has page.html "De 2017 à 2017, 2 partenariats ont commencé et 5 ont pris fin (solde -3)." "in French"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/trends?from=%3Cscript%3E")
same "$code" "400" "a bad year is a 400 page"
hasnt out "<script>alert" "which does not echo it raw"
hasnt out "from=<script>" "nor in the form"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/trends.js "$URL") >"$T/tap" 2>&1
	tap_in "$T/tap"
else
	ok 1 "Chromium and playwright-core are installed (scripts/install-deps)"
fi
kill "$PID"
wait "$PID"
# a draft partnership counts for the CLI (signed-in officers) but not for anonymous readers
cat >"$T/draft.json" <<'JSON'
{"eala_dataset": 1, "authorities": [
  {"ref": "a", "name": "Alphaville", "country": "FR", "level": "municipality"},
  {"ref": "b", "name": "Betaville", "country": "ML", "level": "municipality"}],
 "partnerships": [{"ref": "p", "name": "A-B", "kind": "twinning", "status": "active", "start_date": "2031-01-01",
   "members": ["a", "b"], "draft": true}]}
JSON
run import json "$T/draft.json"
expect_rc 0 "a draft partnership imported"
run analyze trends --from 2031 --to 2031 --json
same "$(json "j['totals']['started'], j['totals']['by_income']['low']")" "1 1" "the CLI counts it"
serve
curl -s -o "$T/out" "$URL/api/v1/analysis/trends?from=2031&to=2031"
same "$(json "j['totals']['started']")" "0" "anonymous readers of the API do not"
kill "$PID"
wait "$PID"
finish
