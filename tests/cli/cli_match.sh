#!/bin/sh
# cli_match.sh: partner calls and matching on a fixture worked out by hand
# (tests/cli/match_data.json; the figures of tests/unit/test_match.c with two
# home authorities in Senegal): 'eala analyze match' for a call and for an
# authority, the same figures from the API and on the pages, the calls API
# (who may write, drafts hidden from anonymous readers), the form (CSRF,
# errors next to the fields), bad input named.
. "$(dirname "$0")/lib.sh"

run init
run import json "$ROOT/tests/cli/match_data.json"
expect_rc 0 "the hand-built fixture imports"

# Call 1 (Villeneuve #1, FR, 100,000, networks n1 n2, seeks SN VN MG for
# water and health). Rufisque (#5) and Keur Massar (#4, a draft
# partnership) are partners: left out. Weights 30/15/15/15/15/10.
#  Ndar #2 (SN, 50,000, n1, water): 15 + 11.25 + 7.5 + 15 + 15 + 10/3 = 67.08
#  Antsirabe #6 (MG, 100,000, health; the lycée's action goes to MG):
#     15 + 15 + 0 + 15 + 7.5 + 10/2 = 57.5
#  Thua Thien #3 (VN region, 400,000, n1 n2 n3, health; a link to Hoi An):
#     15 + 1.875 + 15 + 0 + 7.5 + 10 = 49.38
run analyze match --call 1 --json
expect_rc 0 "analyze match --call 1 --json"
same "$(json "[(c['rank'], c['id'], c['score']) for c in j['candidates']]")" \
	"[(1, 2, 67.08), (2, 6, 57.5), (3, 3, 49.38)]" "three candidates ranked with their scores"
same "$(json "j['considered'], j['excluded_partners'], j['domains'], j['countries']")" \
	"3 2 ['water_sanitation', 'health'] ['SN', 'VN', 'MG']" "partners left out, what is sought"
same "$(json "[(k, v['value'], v['points']) for k, v in j['candidates'][0]['parts'].items()]")" \
	"[('domain', 0.5, 15.0), ('size_level', 0.75, 11.25), ('networks', 0.5, 7.5), ('language', 1.0, 15.0), ('stakeholders', 1.0, 15.0), ('underserved', 0.33, 3.33)]" \
	"the best candidate's parts, each computed by hand"
same "$(json "[(c['id'], c['parts']['size_level']['points'], c['parts']['stakeholders']['points'], c['home_authorities']) for c in j['candidates']]")" \
	"[(2, 11.25, 15.0, 2), (6, 15.0, 7.5, 1), (3, 1.88, 7.5, 0)]" "size and level, local actors' links (abroad, and the lycée's action in Madagascar), home authorities there"
same "$(json "j['weights_file'], j['weights']['domain'], j['weights']['underserved']")" \
	"data/rules/match.csv 30.0 10.0" "the weights and their file are said"
run analyze match --call 1
expect_rc 0 "in text"
has out "Weights (data/rules/match.csv): domain 30, size_level 15, networks 15, language 15, stakeholders 15, underserved 10" \
	"the text names the weights"
has out "3 candidates were scored (2 partners already left out)." "the first sentence"
has out "The best match is Ndar <Toute-Petite> (Senegal), 67.1 points out of 100" "the best match"
run analyze match --call 1 --top 1 --json
same "$(json "[c['id'] for c in j['candidates']], j['considered']")" "[2] 3" "--top 1 keeps the best"
run analyze match --authority 1 --country SN --json
expect_rc 0 "analyze match --authority 1 --country SN"
same "$(json "[(c['id'], c['score']) for c in j['candidates']], j['domains']")" \
	"[(2, 67.08)] ['water_sanitation', 'health']" "for the authority: its actions' domains sought, the same score"
run analyze match --authority 1 --json
same "$(json "sorted(c['country'] for c in j['candidates'])")" "['MG', 'SN', 'VN']" \
	"without a country: every authority abroad, none of its own country"

# bad input, named
run analyze match
expect_rc 2 "a call or an authority is needed"
has err "analyze match needs --call ID or --authority ID" "and said"
run analyze match --call x
expect_rc 2 "a call's id is a number"
has err "--call 'x': a partner call's id is a whole number above 0" "named"
run analyze match --call 9
expect_rc 1 "an unknown call"
has err "--call 9: no such partner call" "named"
run analyze match --authority 99
expect_rc 1 "an unknown authority"
has err "--authority 99: no such authority" "named"
run analyze match --authority 1 --country ZZ
expect_rc 2 "an unknown country"
has err "--country 'ZZ': not an ISO 3166-1 alpha-2 code" "named"
run analyze match --call 1 --country SN
expect_rc 2 "a call names its own countries"
run analyze match --call 1 --top 0
expect_rc 2 "--top must be 1 or more"
run analyze gap --top 3
expect_rc 2 "--top goes with match only"

# the API and the pages
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
EALA_PASSWORD=other-pass1 run user add ot --role editor --authority 7
serve
get() {   # get PATH [curl options]: body in $T/out, status in $code
	p=$1
	shift
	code=$(curl -s -o "$T/out" -w '%{http_code}' "$@" "$URL$p")
}
login() {
	curl -s -X POST "$URL/api/v1/login" -d "{\"login\":\"$1\",\"password\":\"$2\"}" |
		python3 -c "import json,sys; print(json.load(sys.stdin)['token'])"
}
ED=$(login ed editor-pass)
OT=$(login ot other-pass1)
get "/api/v1/analysis/match?call=1"
same "$code $(json "[(c['id'], c['score']) for c in j['candidates']], j['considered'], j['excluded_partners']")" \
	"200 [(2, 67.08), (6, 57.5), (3, 49.38), (4, 33.33)] 4 1" \
	"anonymous: the draft partnership with Keur Massar is not read, so Keur Massar is a candidate (0 + 7.5 + 0 + 15 + 7.5 + 3.33)"
get "/api/v1/analysis/match?call=1" -H "Authorization: Bearer $ED"
run analyze match --call 1 --json
python3 - "$T/out" <<PY >"$T/cmp"
import json, sys, urllib.request
req = urllib.request.Request("$URL/api/v1/analysis/match?call=1", headers={"Authorization": "Bearer $ED"})
api = json.load(urllib.request.urlopen(req))
cli = json.load(open(sys.argv[1]))
print(api == cli)
PY
same "$(cat "$T/cmp")" "True" "signed in, the API's ranking is the CLI's"
get "/api/v1/analysis/match?call=2"
same "$code" "404" "the draft call's ranking is hidden from anonymous readers"
get "/api/v1/analysis/match?call=x&top=0"
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "400 ['call', 'top']" "bad parameters are named, all at once"
get "/api/v1/analysis/match"
same "$code" "400" "a call or an authority is needed"
get "/api/v1/analysis/match?authority=1&country=SN"
same "$code $(json "[(c['id'], c['score']) for c in j['candidates']]")" "200 [(2, 67.08), (4, 33.33)]" \
	"GET ?authority=1&country=SN"
get "/api/v1/analysis/match?authority=99"
same "$code" "404" "an unknown authority is a 404"

# the calls API
get /api/v1/partner_calls
same "$code $(json "[c['id'] for c in j['items']]")" "200 [1]" "anonymous readers list the published call only"
get /api/v1/partner_calls -H "Authorization: Bearer $ED"
same "$(json "[c['id'] for c in j['items']]")" "[1, 2]" "signed-in users see the draft too"
get "/api/v1/partner_calls?country=MG&status=open"
same "$(json "[c['id'] for c in j['items']]")" "[1]" "filters: a country sought, a status"
get "/api/v1/partner_calls?country=XX&status=maybe&authority=0"
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "400 ['authority', 'country', 'status']" "bad filters named"
get /api/v1/partner_calls/2
same "$code" "404" "a draft call is a 404 for anonymous readers"
get /api/v1/partner_calls/1
same "$code $(json "j['title'], j['countries']")" "200 Partners for water and health ['SN', 'VN', 'MG']" "a published call"
NEW='{"authority_id":1,"title":"Culture <b>partners</b>","countries":["VN"],"domains":["culture"],"deadline":"2027-01-31"}'
get /api/v1/partner_calls -X POST -d "$NEW"
same "$code" "401" "anonymous: 401"
get /api/v1/partner_calls -X POST -H "Authorization: Bearer $OT" -d "$NEW"
same "$code" "403" "an editor of another authority: 403"
get /api/v1/partner_calls -X POST -H "Authorization: Bearer $ED" -d "$NEW"
same "$code $(json "j['id'], j['status']")" "201 3 draft" "the authority's editor: 201, a draft until published"
get /api/v1/partner_calls/3
same "$code" "404" "not published yet: hidden from anonymous readers"
get /api/v1/partner_calls/3 -X PUT -H "Authorization: Bearer $OT" -d '{"status":"open"}'
same "$code" "403" "another authority's editor cannot publish it"
get /api/v1/partner_calls/3 -X PUT -H "Authorization: Bearer $ED" -d '{"status":"open"}'
same "$code $(json "j['status'], j['title']")" "200 open Culture <b>partners</b>" "published by a change of status"
get /api/v1/partner_calls/3
same "$code" "200" "now anonymous readers see it"
get /api/v1/partner_calls/3 -X PUT -H "Authorization: Bearer $ED" \
	-d '{"status":"maybe","countries":["XX"],"deadline":"2027-02-30","authority_id":99,"colour":"red"}'
same "$code $(json "sorted(e['field'] for e in j['errors'])")" \
	"422 ['authority_id', 'colour', 'countries', 'deadline', 'status']" "every bad field named at once"
get /api/v1/partner_calls/3 -X DELETE -H "Authorization: Bearer $OT"
same "$code" "403" "another authority's editor cannot delete it"
get /api/v1/partner_calls/3 -X DELETE -H "Authorization: Bearer $ED"
same "$code" "200" "its editor deletes it"
get /api/v1/partner_calls/3 -H "Authorization: Bearer $ED"
same "$code" "404" "gone"

# the pages
get /partner_calls
same "$code" "200" "the calls page"
has out '<a href="/partner_calls/1">Partners for water and health</a>' "lists the published call"
hasnt out "Secret call" "not the draft"
has out 'id="calls-map"' "a map"
has out '<script src="/static/calls.js" defer></script>' "drawn by the bundled script"
get /partner_calls/1
same "$code" "200" "a call's page"
has out '<li>4 candidates were scored (1 partner already left out).</li>' "its sentences (anonymous reader: drafts left out)"
has out '<a href="/authorities/2">Ndar &lt;Toute-Petite&gt;</a></th><td>Senegal</td><td class="score">67.1</td><td>15.0</td><td>11.2</td><td>7.5</td><td>15.0</td><td>15.0</td><td>3.3</td>' \
	"the candidates with their parts, names escaped"
hasnt out "<Toute-Petite>" "never raw"
get "/partner_calls/1?lang=fr"
has out "<li>4 candidats ont été évalués (1 partenaire déjà écarté).</li>" "in French"
has out "<th scope=\"col\">réseaux partagés</th>" "the parts' names in French"
get /partner_calls/2
same "$code" "404" "the draft call's page is hidden from anonymous readers"
get "/analysis/match?authority=1&country=SN"
same "$code" "200" "the authority's matching page"
has out '<td class="score">67.1</td>' "the same score as the CLI"
get "/analysis/match?authority=x"
same "$code" "400" "a bad authority on the page"
get /authorities/1
has out 'href="/analysis/match?authority=1"' "the authority's page links to its matching"

# the form: a session, the CSRF token, errors next to the fields
get /partner_calls/new
same "$code" "303" "the form needs a session"
get /login -X POST -c "$T/jar" --data-urlencode "login=ed" --data-urlencode "password=editor-pass"
get "/partner_calls/new?authority=1" -b "$T/jar"
same "$code" "200" "the new call form"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
[ ${#CSRF} -eq 64 ]
ok $? "the form carries the session's CSRF token"
get /partner_calls/new -X POST -b "$T/jar" --data-urlencode "title=No token" --data-urlencode "authority_id=1" \
	--data-urlencode "status=draft"
same "$code" "403" "without the token: refused"
get /partner_calls/new -X POST -b "$T/jar" --data-urlencode "csrf=$CSRF" --data-urlencode "authority_id=1" \
	--data-urlencode "deadline=2027-13-01" --data-urlencode "status=draft"
same "$code" "422" "a form with problems is shown again"
has out '<span class="error" id="title-error">' "the missing title next to its field"
has out '<span class="error" id="deadline-error">' "the bad deadline next to its field"
get /partner_calls/new -X POST -b "$T/jar" --data-urlencode "csrf=$CSRF" --data-urlencode "authority_id=1" \
	--data-urlencode "title=Youth exchanges" --data-urlencode "countries=MG" --data-urlencode "domains=education_youth" \
	--data-urlencode "status=open"
same "$code" "303" "saved, then shown"
get "/api/v1/partner_calls?authority=1"
same "$code $(json "[(c['title'], c['countries'], c['status']) for c in j['items']][-1]")" \
	"200 ('Youth exchanges', ['MG'], 'open')" "the call saved by the form"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/static/calls.js")
same "$code" "200" "the map's script is served"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/calls.js "$URL") >"$T/tap" 2>&1
	tap_in "$T/tap"
fi
kill "$PID"
wait "$PID" 2>/dev/null
finish
