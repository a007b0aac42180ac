#!/bin/sh
# cli_coordination.sh: 'eala analyze coordination' (pooling) on records
# worked out by hand (tests/cli/coordination_data.json: Grand Dijon,
# Quetigny inside it and Lyon in Mali; the same as tests/unit/
# test_coordination.c, plus a draft authority the CLI sees and anonymous
# readers do not), the same figures from the API and on the page, French,
# every bad option named.
. "$(dirname "$0")/lib.sh"

run init
run import json "$ROOT/tests/cli/coordination_data.json"
expect_rc 0 "the hand-built records import"
run analyze coordination --country ML --year 2021 --json
expect_rc 0 "analyze coordination --json"
# the draft Cachée counts for the CLI: 99,000 + 40,000 + 15,000 + 8,000
same "$(json "j['totals']['authorities'], j['totals']['partnerships'], j['totals']['actions'], j['totals']['budget']")" \
	"4 4 6 162000.0" "four authorities, four active partnerships (Lyon – Bamako ended in 2010), six actions, the financing summed"
same "$(json "[(a['name'], a['partnerships'], a['actions'], a['budget']) for a in j['authorities']]")" \
	"[('Cachée', 1, 1, 99000.0), ('Grand Dijon', 1, 2, 40000.0), ('Quetigny', 1, 1, 15000.0), ('Lyon <b>', 1, 2, 8000.0)]" \
	"the authorities, most money first"
same "$(json "[(c['place'], c['domain'], c['from'], c['to'], [a['id'] for a in c['actions']]) for c in j['clusters']]")" \
	"[('Koulikoro', 'water_sanitation', 2019, 2023, [1, 6, 2])]" \
	"one cluster: water in Koulikoro; Lyon's wells (2024–2025) overlap nothing"
same "$(json "[(p['child'], p['parent'], p['place'], p['domain'], p['overlap']) for p in j['parents']]")" \
	"[('Quetigny', 'Grand Dijon', 'Koulikoro', 'water_sanitation', True)]" "Quetigny and Grand Dijon, which contains it"
# 30 + 20 + 2×5 + 20 + 10; 30 + 20 + 3×5 + 10; 30 + 20 + 2×5 + 10
same "$(json "[(s['a'], s['b'], s['score'], s['from'], s['to']) for s in j['suggestions']]")" \
	"[('Grand Dijon', 'Quetigny', 90, 2021, 2022), ('Quetigny', 'Cachée', 75, 2020, 2022), ('Grand Dijon', 'Cachée', 70, 2021, 2022)]" \
	"three suggestions, ranked by score"
same "$(json "j['suggestions'][0]['reasons']")" \
	"['same_place', 'same_domain', 'overlapping_years', 'parent_and_child', 'budgets']" "each with its reasons"
run analyze coordination --country ml --year 2021
expect_rc 0 "in text (the country in lower case)"
has out "4 home authorities are active in Mali in 2021: 4 partnerships, 6 actions, 162000 EUR of financing." "the first sentence"
has out "Grand Dijon and Quetigny both act on Water and sanitation in Koulikoro, 2021–2022: pool (score 90)." "the best suggestion"
has out "Quetigny and Grand Dijon, which contains it, both act on Water and sanitation in Koulikoro." "the parent"
has out "  1. score 90: same_place same_domain overlapping_years parent_and_child budgets" "its reasons"
run analyze coordination --country ML --domain health --year 2021 --json
same "$(json "[(a['name'], a['partnerships'], a['actions'], a['budget']) for a in j['authorities']], j['suggestions']")" \
	"[('Lyon <b>', 1, 1, 8000.0)] []" "--domain health: Lyon alone, its partnership through its health action"
run analyze coordination --country ML --territory 5 --year 2021
expect_rc 0 "--territory"
has out "No home authority is active in Mali in 2021." "Lyon – Bamako ended in 2010"
run analyze coordination --country ML --territory 5 --year 2005 --json
same "$(json "[a['name'] for a in j['authorities']]")" "['Lyon <b>']" "in 2005 its years cover the year"
# bad input: every problem at once
run analyze coordination
expect_rc 2 "the country is required"
has err "analyze coordination needs --country ISO2" "and the message says so"
run analyze coordination --country XX --domain nowhere --authority 1
expect_rc 2 "bad options refused"
has err "--country 'XX' is not an ISO 3166-1 alpha-2 country code" "the country named"
has err "--domain 'nowhere' is not a code of the action-domain list" "the domain named"
has err "analyze coordination takes --country, --territory, --domain and --year only" "--authority named"
run analyze coordination --country ML --territory 1
expect_rc 2 "a territory in another country"
has err "--territory 1: Grand Dijon is in FR, not in ML" "is named"
run analyze coordination --country ML --territory 99
expect_rc 1 "an unknown territory"
has err "--territory 99: no such authority" "is named"
run analyze gap --territory 4
expect_rc 2 "--territory belongs to coordination"
# the API and the page: anonymous readers do not see the draft
serve
curl -s -o "$T/api.json" "$URL/api/v1/analysis/coordination?country=ML&year=2021"
same "$(python3 -c "import json; j = json.load(open('$T/api.json')); print(j['totals']['authorities'], j['totals']['budget'], [(s['a'], s['b'], s['score']) for s in j['suggestions']])")" \
	"3 63000.0 [('Grand Dijon', 'Quetigny', 90)]" "GET /api/v1/analysis/coordination: the draft left out"
run analyze coordination --country ML --year 2021 --json
python3 - "$T/api.json" "$T/out" <<'PY' >"$T/cmp"
import json, sys
api, cli = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
cli_auth = [a for a in cli['authorities'] if a['name'] != 'Cachée']
cli_sugg = [s for s in cli['suggestions'] if 'Cachée' not in (s['a'], s['b'])]
for s in cli_sugg + api['suggestions']:
    s.pop('cluster')
print(api['authorities'] == cli_auth, api['suggestions'] == cli_sugg, api['parents'] == cli['parents'])
PY
same "$(cat "$T/cmp")" "True True True" "the API's authorities, suggestions and parents are the CLI's, the draft apart"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/coordination?country=XX&domain=nowhere&year=x&territory=0")
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "400 ['country', 'domain', 'territory', 'year']" \
	"bad parameters: a 400 naming each"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/coordination")
same "$code $(json "[e['field'] for e in j['errors']]")" "400 ['country']" "no country: a 400 naming it"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/coordination?country=ML&territory=99")
same "$code" "404" "an unknown territory is a 404"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/coordination?country=ML&territory=6")
same "$code" "404" "so is a draft one for anonymous readers"
curl -s -o "$T/page.html" "$URL/analysis/coordination?country=ML&year=2021"
python3 - "$T/api.json" "$T/page.html" <<'PY' >"$T/cmp"
import html, json, sys
api, page = json.load(open(sys.argv[1])), open(sys.argv[2]).read()
print(all('<li>' + html.escape(s) + '</li>' in page for s in api['sentences']))
PY
same "$(cat "$T/cmp")" "True" "the page says the API's sentences"
has page.html "<li>3 home authorities are active in Mali in 2021: 3 partnerships, 5 actions, 63000 EUR of financing.</li>" "the first sentence"
has page.html '<tr><th scope="row"><a href="/authorities/1">Grand Dijon</a></th><td>1</td><td>2</td><td>40000</td></tr>' \
	"a table of the authorities"
has page.html "Lyon &lt;b&gt;" "names escaped"
has page.html 'id="coordination-chart"' "a chart"
has page.html '<script src="/static/coordination.js" defer></script>' "drawn by the bundled script"
has page.html '<option value="ML" selected>Mali</option>' "the country select"
hasnt page.html "Cachée" "the draft is not shown to anonymous readers"
has page.html "<td>90</td>" "the suggestion's score"
curl -s -o "$T/page.html" "$URL/analysis/coordination?country=ML&year=2021&lang=fr"
has page.html "<li>Mali, 2021 : 3 collectivités d&#39;origine y sont actives : 3 partenariats, 5 actions, 63000 EUR de financements.</li>" "in French"
has page.html "à mutualiser (score 90)" "the suggestion in French"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/coordination?country=%3Cscript%3E&domain=x")
same "$code" "400" "bad parameters: a 400 page"
has out "<code>country</code>" "naming the country"
has out "<code>domain</code>" "and the domain"
hasnt out "<script>" "without echoing them raw"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/coordination")
same "$code" "200" "the page without a country: the form"
curl -s -o "$T/page.html" "$URL/authorities/2"
has page.html 'href="/analysis/coordination?country=ML">Mali</a>' "an authority's page: who else works in its partners' country"
curl -s -o "$T/page.html" "$URL/authorities/4"
has page.html 'href="/analysis/coordination?country=ML&amp;territory=4">Who works with Koulikoro</a>' \
	"a partner's page: who works with it"
curl -s -o "$T/page.html" "$URL/analysis/coordination"
same "$(python3 -c "s = open('$T/page.html').read(); print(s.index('value=\"FR\"') < s.index('value=\"DE\"'))")" "True" \
	"the countries sorted by their name (France before Germany)"
curl -s -o "$T/page.html" "$URL/analysis/coordination?lang=fr"
same "$(python3 -c "s = open('$T/page.html').read(); print(s.index('value=\"DE\"') < s.index('value=\"AD\"'))")" "True" \
	"by their name in French (Allemagne before Andorre)"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/static/coordination.js")
same "$code" "200" "the chart's script is served"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/coordination.js "$URL") >"$T/tap" 2>&1
	tap_in "$T/tap"
fi
kill "$PID"
wait "$PID"
finish
