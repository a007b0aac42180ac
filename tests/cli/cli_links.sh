#!/bin/sh
# cli_links.sh: collecting local actors' links abroad: the CSV template, an
# import with French headers, bad rows named by line and column with nothing
# written, the export's round trip, the diagnostic's figures after an import,
# the API's roles (editor of the organisation's authority 201, another
# authority's editor 403, anonymous 401) with audit events, and the form on
# the organisation's page. The territory is tests/cli/diagnostic_data.json
# (authorities 1 Villeneuve, 2 Hameau (in Villeneuve), 3 Autreville,
# 4 Koulikoro (ML), 5 Bous (DE); organisations 1 the Malian diaspora, 2 a
# school, 3 a company in Hameau, 4 a draft association, 5 a club of Autreville).
. "$(dirname "$0")/lib.sh"

run init
run import json "$ROOT/tests/cli/diagnostic_data.json"
expect_rc 0 "the hand-built territory imports"

# ---- the template ----
run export csv stakeholder_links --template
expect_rc 0 "export csv stakeholder_links --template"
same "$(cat "$T/out")" "organisation_id,country,partner_authority_id,place,domain,kind,since,source,illustrative,notes" \
	"the template is the English header row, without id"
run export csv stakeholder_links --template --lang fr -o modele.csv
expect_rc 0 "--lang fr -o FILE"
same "$(cat modele.csv)" "organisation;pays;collectivite_partenaire;lieu;domaine;nature_du_lien;depuis;source;illustratif;notes" \
	"the French template: French names separated by ';'"
run export csv authorities --template
expect_rc 2 "other kinds have no template"
has err "only 'export csv stakeholder_links --template' has one" "and the message says which has"
run export csv stakeholder_links --template --lang de
expect_rc 2 "a template in another language is refused"
run export csv stakeholder_links --template --country FR
expect_rc 2 "a template takes no filter"

# ---- an import filled in from the French template ----
# analyze diagnostic before: 4 actors, 7 links, 4 countries (tests/cli/cli_diagnostic.sh)
run analyze diagnostic --authority 1 --json
same "$(json "j['actors'], j['link_count'], j['countries'], j['matches']['potential']")" "4 7 4 3" "the diagnostic before the import"
cp modele.csv rempli.csv
cat >>rempli.csv <<'EOF'
2;ml;4;;education_youth;exchange;05/03/2019;questionnaire 2025;;
5;CM;;Douala;;project;2012;;;
1;SN;;Thiès;social_inclusion;diaspora;2010;questionnaire 2025;;
EOF
run import csv rempli.csv
expect_rc 0 "the filled-in French template imports"
has out "1 file, 3 rows: stakeholder_links 3 created, 0 updated;" "three links created"
run export csv stakeholder_links
has out "9,2,ML,4,,education_youth,exchange,2019-03-05,questionnaire 2025,," \
	"the country in capitals, the French date turned around, the partner kept"
has out "10,5,CM,,Douala,,project,2012,,," "an empty cell is no value"
# the school's link to Koulikoro (a partner: same_partner) and the diaspora's to
# Senegal (potential) are Villeneuve's; Autreville's club's is not
run analyze diagnostic --authority 1 --json
same "$(json "j['actors'], j['link_count'], j['countries'], j['matches']['same_partner'], j['matches']['potential']")" \
	"4 9 4 3 4" "the diagnostic after: two more links, one more to a partner, one more potential"
same "$(json "[(c['code'], c['actors'], c['links']) for c in j['by_country']]")" \
	"[('ML', 2, 3), ('SN', 2, 3), ('DE', 2, 2), ('BF', 1, 1)]" "Mali now has two actors"
run analyze diagnostic --authority 3 --json
same "$(json "j['actors'], j['link_count']")" "1 2" "Autreville's club has two links to Cameroon"

# ---- bad rows: every problem by line and column, nothing written ----
cat >mauvais.csv <<'EOF'
organisation;pays;collectivite_partenaire;nature_du_lien;depuis;couleur
1;ML;4;diaspora;2010;
EOF
run import csv mauvais.csv
expect_rc 1 "an unknown column refuses the file"
has err "mauvais.csv:1: field 'couleur': unknown column for stakeholder_links" "named by the header's line"
cat >mauvais.csv <<'EOF'
organisation,country,partner_authority_id,kind,since,domain
99,ML,4,diaspora,2010,
1,XX,abc,friendship,13/13/2010,
1,ML,4,diaspora,2010,cooking
,DE,,exchange,,
1,SN,,diaspora,,
EOF
run import csv mauvais.csv
expect_rc 1 "bad rows refuse the file"
has err "mauvais.csv:2: field 'organisation_id': organisation #99 does not exist" "an unknown organisation, by line and column"
has err "mauvais.csv:3: field 'partner_authority_id': is not a record id" "a bad id"
has err "mauvais.csv:3: field 'country': is not a code of the country list: 'XX'" "a bad country"
has err "mauvais.csv:3: field 'kind': is not a code of the stakeholder-link-kind list: 'friendship'" "a bad kind"
has err "mauvais.csv:3: field 'since': is not a year (YYYY) or a date (YYYY-MM-DD)" "a bad date"
has err "mauvais.csv:4: field 'domain': is not a code" "a bad domain"
has err "mauvais.csv:5: field 'organisation_id': is required" "a missing organisation"
has err "7 problems" "every problem at once"
run export csv stakeholder_links
same "$(grep -c . "$T/out")" "12" "nothing written: still eleven links and the header (the good last row neither)"
printf 'organisation_id,country\n1,ML\n' >sans.csv
run import csv sans.csv
expect_rc 1 "the kind of link is required"
has err "sans.csv:1: field 'kind': missing column: stakeholder_links need it" "named"

# ---- with the other kinds, in one transaction ----
cat >orgs.csv <<'EOF'
id,name,iati_type,subtype,country,authority_id
40,Jumelage de Villeneuve,22,association,FR,1
EOF
printf 'organisation_id,country,partner_authority_id,kind,since\n40,DE,5,exchange,1990\n' >liens.csv
run import csv liens.csv orgs.csv
expect_rc 0 "a link to an organisation of the same import"
has out "organisations 1 created, 0 updated; stakeholder_links 1 created, 0 updated;" "both written"
run export csv stakeholder_links
has out "12,40,DE,5,,,exchange,1990,import:liens.csv,," "a file without a source column is the links' source"

# ---- round trip ----
run export csv stakeholder_links -o a.csv
run --db "$T/other.db" init
run --db "$T/other.db" import json "$ROOT/tests/cli/diagnostic_data.json"
run --db "$T/other.db" import csv orgs.csv
run --db "$T/other.db" import csv a.csv
expect_rc 0 "the export imports into another database"
has out "stakeholder_links 4 created, 8 updated;" "with their ids (the dataset's links updated, the others created)"
run --db "$T/other.db" export csv stakeholder_links -o b.csv
cmp -s a.csv b.csv
ok $? "the second export is byte for byte the first"
cmp -s a.csv b.csv || diff a.csv b.csv | sed "s/^/# /"

# ---- the API ----
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
EALA_PASSWORD=other-pass run user add ot --role editor --authority 3
EALA_PASSWORD=coord-pass run user add co --role coordinator
run user grant co --role coordinator --authority 1
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
OT=$(login ot other-pass)
CO=$(login co coord-pass)
get "/api/v1/stakeholder_links?organisation=1"
same "$code $(json "j['total'], [l['country'] for l in j['items']]")" "200 4 ['ML', 'ML', 'SN', 'SN']" \
	"GET ?organisation=: the diaspora's four links"
get "/api/v1/stakeholder_links?authority=1"
same "$(json "j['total'], 7 in [l['id'] for l in j['items']]")" "9 False" \
	"GET ?authority=: Villeneuve's and Hameau's links, the draft organisation's left out for anonymous readers"
get "/api/v1/stakeholder_links?authority=1" -H "Authorization: Bearer $ED"
same "$(json "j['total']")" "10" "a signed-in reader sees the draft organisation's link too"
get "/api/v1/stakeholder_links/7"
same "$code" "404" "a draft organisation's link is a 404 for anonymous readers"
get "/api/v1/stakeholder_links?organisation=x"
same "$code $(json "[e['field'] for e in j['errors']]")" "400 ['organisation']" "a bad filter is a 400 naming it"
LINK='{"organisation_id":2,"country":"DE","partner_authority_id":5,"kind":"exchange","domain":"education_youth","since":"2014"}'
get /api/v1/stakeholder_links -X POST -d "$LINK"
same "$code" "401" "anonymous: 401"
get /api/v1/stakeholder_links -X POST -H "Authorization: Bearer $OT" -d "$LINK"
same "$code" "403" "an editor of another authority: 403"
get /api/v1/stakeholder_links -X POST -H "Authorization: Bearer $ED" -d "$LINK"
same "$code $(json "j['country'], j['kind'], j['partner_authority_id']")" "201 DE exchange 5" "the editor of the school's authority: 201"
NEW=$(json "j['id']")
get /api/v1/stakeholder_links -X POST -H "Authorization: Bearer $ED" -d '{"organisation_id":3,"country":"SN","kind":"trade"}'
same "$code" "403" "a company of Hameau, an authority of its own: Villeneuve's editor may not add its links"
get /api/v1/stakeholder_links -X POST -H "Authorization: Bearer $ED" \
	-d '{"organisation_id":99,"country":"Mali","kind":"friend","since":"last year","colour":"red"}'
same "$code $(json "sorted(e['field'] for e in j['errors'])")" \
	"422 ['colour', 'country', 'kind', 'organisation_id', 'since']" "every field at fault at once"
get "/api/v1/stakeholder_links/$NEW" -X PUT -H "Authorization: Bearer $CO" -d '{"since":"2013","place":"Saarland"}'
same "$code $(json "j['since'], j['place'], j['kind']")" "200 2013 Saarland exchange" "a granted coordinator changes it; the fields not given stay"
get "/api/v1/stakeholder_links/$NEW" -X PUT -H "Authorization: Bearer $ED" -d '{"organisation_id":5}'
same "$code" "403" "moving it to another authority's organisation: 403"
get "/api/v1/stakeholder_links/$NEW" -X DELETE -H "Authorization: Bearer $OT"
same "$code" "403" "another authority's editor cannot delete it"
get "/api/v1/stakeholder_links/$NEW" -X DELETE -H "Authorization: Bearer $ED"
same "$code" "200" "its authority's editor deletes it"
get "/api/v1/stakeholder_links/$NEW"
same "$code" "404" "gone"
same "$(sqlite3 "$EALA_DB" "SELECT group_concat(operation || ':' || actor, ' ') FROM audit_event WHERE kind = 'stakeholder_link' AND record_id = $NEW")" \
	"create:ed update:co delete:ed" "each write is an audit event with who made it"
get /api/v1/openapi.json
same "$(json "sorted(j['paths']['/api/v1/stakeholder_links/{id}'].keys())")" "['delete', 'get', 'put']" "documented in openapi.json"

# ---- the template from the /import page ----
get "/import/stakeholder_links.csv?lang=fr"
same "$code $(cat "$T/out")" "200 organisation;pays;collectivite_partenaire;lieu;domaine;nature_du_lien;depuis;source;illustratif;notes" \
	"GET /import/stakeholder_links.csv?lang=fr: the French template, as the CLI writes it"
code=$(curl -s -o "$T/out" -D "$T/headers" -w '%{http_code}' "$URL/import/stakeholder_links.csv?lang=en")
has headers 'filename="stakeholder_links.csv"' "downloaded as a file"
has headers "text/csv" "as CSV"
get "/import/stakeholder_links.csv?lang=de"
same "$code" "400" "another language is a 400"

# ---- the organisation's page and its form ----
get /organisations/2
has out '<section id="links-abroad">' "the organisation's page lists its links abroad"
has out "<td>Germany</td><td><a href=\"/authorities/5\">Bous</a></td><td>Education and youth" \
	"country, partner and domain by their labels"
hasnt out "/stakeholder_links/new" "anonymous readers get no form"
get /organisations/2 -H "Accept-Language: fr"
has out "<td>Allemagne</td>" "the labels in the page's language"
get /login -X POST -c "$T/jar" --data-urlencode "login=ed" --data-urlencode "password=editor-pass"
get /organisations/2 -b "$T/jar"
has out '<a href="/stakeholder_links/new?organisation=2">Add a link abroad</a>' "its authority's editor may add one"
get "/stakeholder_links/new?organisation=2" -b "$T/jar"
same "$code" "200" "the form"
has out '<option value="diaspora">Family or diaspora ties</option>' "the kinds of link as a select, by their labels"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
get /import -b "$T/jar"
has out 'href="/import/stakeholder_links.csv?lang=fr"' "the /import page offers the template"
get /stakeholder_links/new -b "$T/jar" -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "organisation_id=2" \
	--data-urlencode "country=ZZ" --data-urlencode "kind=" --data-urlencode "since=soon" --data-urlencode "place=<script>x</script>"
same "$code" "422" "a wrong form is a 422"
has out "is not a code of the country list" "the problem next to the country"
has out "Kind of link" "the kind named by its label"
has out 'value="&lt;script&gt;x&lt;/script&gt;"' "what was typed comes back, escaped"
get /stakeholder_links/new -b "$T/jar" -X POST --data-urlencode "organisation_id=2" --data-urlencode "country=ML" \
	--data-urlencode "kind=exchange"
same "$code" "403" "no CSRF token: 403"
get /stakeholder_links/new -b "$T/jar" -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "organisation_id=2" \
	--data-urlencode "country=ML" --data-urlencode "partner_authority_id=4" --data-urlencode "kind=training" \
	--data-urlencode "domain=education_youth" --data-urlencode "since=2021"
same "$code" "303" "saved, back to the organisation"
get /organisations/2 -b "$T/jar"
has out "<td>Mali</td><td><a href=\"/authorities/4\">Koulikoro</a></td><td>Education and youth</td><td>Training or research</td><td>2021</td>" \
	"the new link listed"
FID=$(sqlite3 "$EALA_DB" "SELECT max(id) FROM stakeholder_link")
get "/stakeholder_links/$FID/edit" -b "$T/jar" -X POST --data-urlencode "csrf=$CSRF" --data-urlencode "organisation_id=2" \
	--data-urlencode "country=ML" --data-urlencode "partner_authority_id=4" --data-urlencode "kind=training" --data-urlencode "since=2022"
same "$code $(sqlite3 "$EALA_DB" "SELECT since FROM stakeholder_link WHERE id = $FID")" "303 2022" "changed"
get /login -X POST -c "$T/ojar" --data-urlencode "login=ot" --data-urlencode "password=other-pass"
get "/stakeholder_links/$FID/edit" -b "$T/ojar"
same "$code" "403" "another authority's editor may not open the form"
get /organisations/2 -b "$T/ojar"
hasnt out "/stakeholder_links/new" "nor is offered it"
get "/stakeholder_links/$FID/delete" -b "$T/jar" -X POST --data-urlencode "csrf=$CSRF"
same "$code $(sqlite3 "$EALA_DB" "SELECT count(*) FROM stakeholder_link WHERE id = $FID")" "303 0" "deleted"
same "$(sqlite3 "$EALA_DB" "SELECT group_concat(operation || ':' || actor, ' ') FROM (SELECT operation, actor FROM audit_event WHERE kind = 'stakeholder_link' AND record_id = $FID ORDER BY id DESC LIMIT 3)")" \
	"delete:ed update:ed create:ed" "the form's writes are audited like the API's (latest first)"

kill "$PID"
wait "$PID" 2>/dev/null
finish
