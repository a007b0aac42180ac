#!/bin/sh
# cli_diagnostic.sh: 'eala analyze diagnostic' on a small territory worked out
# by hand (tests/cli/diagnostic_data.json: Villeneuve, partnerships with
# Koulikoro (Mali) and Bous (Germany), five organisations, eight links), the
# same figures from the API and on the page, drafts hidden from anonymous
# readers, bad input.
. "$(dirname "$0")/lib.sh"

run init
run import json "$ROOT/tests/cli/diagnostic_data.json"
expect_rc 0 "the hand-built territory imports"
has out "8 local actors' links abroad" "its links abroad are counted"
run analyze diagnostic --authority 1 --json
expect_rc 0 "analyze diagnostic --json"
# o1, o2, o4 in Villeneuve; o3 in Hameau, whose parent is Villeneuve; o5 elsewhere
same "$(json "j['actors'], j['link_count'], j['countries'], j['countries_without_partnership']")" \
	"4 7 4 2" "four local actors (one in a town of the authority), seven links, four countries, two without partnership"
same "$(json "[(c['code'], c['actors'], c['links'], c['partnership']) for c in j['by_country']]")" \
	"[('DE', 2, 2, True), ('SN', 2, 2, False), ('ML', 1, 2, True), ('BF', 1, 1, False)]" \
	"by country: actors, links, a partnership there or not"
same "$(json "[(c['code'], c['actors'], c['links']) for c in j['by_type']]")" \
	"[('diaspora_association', 1, 3), ('company', 1, 2), ('association', 1, 1), ('school', 1, 1)]" \
	"by type of actor"
same "$(json "[(c['code'], c['links']) for c in j['by_kind']]")" \
	"[('diaspora', 3), ('trade', 2), ('exchange', 1), ('project', 1)]" "by kind of link"
# Koulikoro and Bous: the same partner; Kayes, München: a partnership's
# country; Dakar, Senegal, Burkina Faso: the potential
same "$(json "j['matches']['same_partner'], j['matches']['same_country'], j['matches']['potential']")" \
	"2 2 3" "the links matched against the partnerships"
same "$(json "[(l['id'], l['match']) for l in j['links']]")" \
	"[(1, 'same_partner'), (2, 'same_country'), (3, 'potential'), (4, 'same_partner'), (5, 'same_country'), (6, 'potential'), (7, 'potential')]" \
	"link by link"
same "$(json "[(d['name'], [c['code'] for c in d['countries']]) for d in j['diaspora']]")" \
	"[('Diaspora malienne de Villeneuve', ['ML', 'SN'])]" "the diaspora association and its countries"
run analyze diagnostic --authority 1
expect_rc 0 "in text"
has out "4 local actors have links abroad in 4 countries (7 links)." "the first sentence"
has out "2 of those countries have no partnership of yours: Senegal (2 actors), Burkina Faso (1 actor)." \
	"the countries without a partnership, named with their actors"
has out "Of the 7 links, 2 go to one of your partner authorities, 2 to another place in a country where you have a partnership, and 3 to countries where you have none: that is the potential." \
	"the potential"
has out "1 diaspora association connects the territory to Mali, Senegal." "the diaspora"
run analyze diagnostic --authority 4
expect_rc 0 "an authority without local actors' links"
has out "No local actor's link abroad is recorded for this territory" "says so"
run analyze diagnostic
expect_rc 2 "the authority is required"
has err "analyze diagnostic needs --authority ID" "and the message says so"
run analyze diagnostic --authority 99
expect_rc 1 "an unknown authority is refused"
has err "--authority 99: no such authority" "and named"
run analyze diagnostic --authority 1 --year 2020
expect_rc 2 "the diagnostic has no year"
# the API and the page give the CLI's figures; anonymous readers do not see the draft organisation's link
serve
curl -s -o "$T/api.json" "$URL/api/v1/analysis/diagnostic?authority=1"
same "$(python3 -c "import json; j = json.load(open('$T/api.json')); print(j['actors'], j['link_count'], j['countries_without_partnership'], j['matches']['potential'], [l['id'] for l in j['links']])")" \
	"3 6 1 2 [1, 2, 3, 4, 5, 6]" "GET /api/v1/analysis/diagnostic: the draft organisation's link left out for anonymous readers"
run analyze diagnostic --authority 1 --json
python3 - "$T/api.json" "$T/out" <<'PY' >"$T/cmp"
import json, sys
api, cli = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
cli['links'] = [l for l in cli['links'] if l['id'] != 7]
print(api['links'] == cli['links'], api['diaspora'] == cli['diaspora'], api['partner_countries'] == cli['partner_countries'])
PY
same "$(cat "$T/cmp")" "True True True" "the API's links, diaspora and partner countries are the CLI's, the draft's link apart"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/diagnostic?authority=99")
same "$code" "404" "an unknown authority is a 404"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/diagnostic")
same "$code $(json "[e['field'] for e in j['errors']]")" "400 ['authority']" "no authority is a 400 naming it"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/diagnostic?authority=x")
same "$code" "400" "a bad authority is a 400"
curl -s -o "$T/page.html" "$URL/analysis/diagnostic?authority=1"
has page.html "<li>3 local actors have links abroad in 3 countries (6 links).</li>" "the page says it in sentences"
has page.html "<li>1 of those countries has no partnership of yours: Senegal (2 actors).</li>" "the potential by country"
has page.html '<tr><th scope="row">Senegal</th><td>2</td><td>2</td><td>no: potential</td></tr>' "a table by country"
has page.html 'id="diagnostic-map"' "a map"
has page.html '<script src="/static/diagnostic.js" defer></script>' "drawn by the bundled script"
hasnt page.html "Sahel" "the draft organisation is not shown to anonymous readers"
has page.html "Fromagerie de l&#39;Ouche" "names escaped"
curl -s -o "$T/page.html" "$URL/analysis/diagnostic?authority=1&lang=fr"
has page.html "3 acteurs locaux ont des liens à l" "in French"
curl -s -o "$T/page.html" "$URL/authorities/1"
has page.html 'href="/analysis/diagnostic?authority=1"' "the authority's page links to its diagnostic"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/diagnostic?authority=%3Cscript%3E")
same "$code" "400" "a bad authority is a 400 page"
hasnt out "<script>" "which does not echo it raw"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/static/diagnostic.js")
same "$code" "200" "the map's script is served"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/diagnostic.js "$URL" 1) >"$T/tap" 2>&1
	tap_in "$T/tap"
fi
kill "$PID"
wait "$PID"
finish
