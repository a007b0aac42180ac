#!/bin/sh
# cli_portfolio.sh: 'eala analyze portfolio' on a small portfolio worked out by
# hand (tests/cli/portfolio_data.json: Aville, five partnerships, four
# actions, 100,000 euros from 2020 to 2022, a strategy), the same figures from
# the API and on the page, bad input.
. "$(dirname "$0")/lib.sh"

run init
run import json "$ROOT/tests/cli/portfolio_data.json"
expect_rc 0 "the hand-built portfolio imports"
run analyze portfolio --authority 1 --json
expect_rc 0 "analyze portfolio --json"
# a1 25,000 (2020, actual) + 35,000 (2021, planned); a2 10,000; a3 20,000
# split between China and Mali; a4 10,000 (its 999 USD left out)
same "$(json "j['actions'], j['partnerships'], j['budget'], j['first_year'], j['last_year']")" \
	"4 5 100000.0 2020 2022" "actions, partnerships and the budget in euros, a row in dollars left out"
same "$(json "[(b['code'], b['actions'], b['budget']) for b in j['by_country']]")" \
	"[('ML', 3, 80000.0), ('CN', 1, 10000.0), ('DE', 1, 10000.0)]" \
	"by country, an action's budget split evenly between its countries"
same "$(json "[(b['code'], b['budget']) for b in j['by_income_group']]")" \
	"[('Low income', 80000.0), ('High income', 10000.0), ('Upper middle income', 10000.0)]" \
	"by World Bank income group"
same "$(json "[(b['code'], b['budget']) for b in j['by_domain']]")" \
	"[('health', 40000.0), ('water_sanitation', 30000.0), ('economic_development', 20000.0), ('culture', 10000.0)]" \
	"by domain, split likewise"
# 0.8² + 0.1² + 0.1² = 0.66; 0.4² + 0.3² + 0.2² + 0.1² = 0.30
same "$(json "round(j['hhi']['country']['value'], 6), j['hhi']['country']['level'], round(j['hhi']['domain']['value'], 6)")" \
	"0.66 concentrated 0.3" "the Herfindahl-Hirschman index by country and by domain"
# 3 years; active partnerships 1, 2, 3, 5 get 20,000, 3,333, 6,667 and 0 a year
same "$(json "j['thin_spread']['years'], j['thin_spread']['active_partnerships'], j['thin_spread']['under_threshold'], round(j['thin_spread']['budget_per_partnership'], 2)")" \
	"3 4 2 7500.0" "thin spread: two of four active partnerships under 5,000 euros a year, 7,500 on average"
# Mali 80% for a target of 50%; economic development 20% for 30%; a1, a3, a4 on a priority
same "$(json "[(p['code'], p['target'], p['budget_share'], p['action_share']) for p in j['strategy']['priorities']], j['strategy']['budget_on_priorities'], j['strategy']['actions_on_priorities']")" \
	"[('ML', 0.5, 0.8, 0.75), ('economic_development', 0.3, 0.2, 0.25)] 0.9 0.75" \
	"coherence with the strategy in force"
same "$(json "[(u['country'], u['solidarity_actions'], u['attractiveness_actions']) for u in j['unlinked']]")" \
	"[('ML', 2, 1)]" "solidarity and attractiveness in Mali with no partnership in common"
run analyze portfolio --authority 1 --year 2022
expect_rc 0 "one year in text"
has out "2 partnerships are dormant: recorded as such, or active with no action starting and no financing from 2020 to 2022." \
	"dormant partnerships up to the year"
has out "dormant: #4 Aville – Thiès (recorded as dormant" "one by its status"
has out "dormant: #5 Aville – Cusco (active; no activity recorded)" "one active without activity"
hasnt out "#2 Aville – Bous" "not the twinning active in 2021"
run analyze portfolio --authority 1 --year 2021 --json
same "$(json "j['actions'], j['budget'], j['thin_spread']['years']")" "3 65000.0 1" \
	"2021: the actions active or financed that year and its financing"
run analyze portfolio --authority 1 --threshold 3000 --json
same "$(json "j['thin_spread']['threshold'], j['thin_spread']['under_threshold']")" "3000.0 1" \
	"--threshold moves the line (3,333 a year is above 3,000)"
run analyze portfolio --authority 1 --year 2022 --dormant-years 1 --json
same "$(json "j['dormant']['count']")" "5" "--dormant-years 1: only 2022 counts, when nothing of the five partnerships happened (a4 is standalone)"
run analyze portfolio --authority 99
expect_rc 1 "an unknown authority is refused"
has err "--authority 99: no such authority" "and named"
run analyze portfolio --threshold lots
expect_rc 2 "a threshold that is not a number is refused"
run analyze gap --threshold 10
expect_rc 2 "the portfolio's options go with the portfolio only"
# the API and the page give the CLI's figures
run analyze portfolio --authority 1 --year 2022 --json
cp "$T/out" "$T/cli.json"
serve
curl -s -o "$T/api.json" "$URL/api/v1/analysis/portfolio?authority=1&year=2022"
same "$(python3 -c "import json; print(json.load(open('$T/api.json')) == json.load(open('$T/cli.json')))")" "True" \
	"GET /api/v1/analysis/portfolio gives the CLI's figures"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/portfolio?authority=99")
same "$code" "404" "an unknown authority is a 404"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/portfolio?threshold=-5&dormant_years=x")
same "$code $(json "[e['field'] for e in j['errors']]")" "400 ['threshold', 'dormant_years']" \
	"bad parameters are a 400 naming each one"
curl -s -o "$T/page.html" "$URL/analysis/portfolio?authority=1"
has page.html "<li>Mali receives 80% of the budget; the first three countries 100%.</li>" "the page says it in sentences"
has page.html "<li>By country the budget is concentrated: Herfindahl-Hirschman index 0.66.</li>" "the index and its meaning"
has page.html '<tr><th scope="row">Mali</th><td>3</td><td>80000</td><td>80 %</td></tr>' "a table per breakdown"
has page.html 'class="portfolio-chart" id="by-country"' "and a chart"
has page.html '<script src="/static/portfolio.js" defer></script>' "drawn by the bundled script"
curl -s -o "$T/page.html" "$URL/analysis/portfolio?authority=1&lang=fr"
has page.html "Mali reçoit 80" "in French"
curl -s -o "$T/page.html" "$URL/authorities/1"
has page.html 'href="/analysis/portfolio?authority=1"' "the authority's page links to its portfolio review"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/portfolio?year=%3Cscript%3E")
same "$code" "400" "a bad year is a 400 page"
hasnt out "<script>" "which does not echo it raw"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/static/portfolio.js")
same "$code" "200" "the charts' script is served"
kill "$PID"
wait "$PID"
finish
