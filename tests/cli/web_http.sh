#!/bin/sh
# web_http.sh: the real server on a free port, checked with curl: health, the
# JSON API (lists, filters, cursor, total, errors), ETag round trip, pages,
# the search's facets, an authority's map, HTML escaping of stored text,
# status codes, and a clean stop on SIGTERM.
. "$(dirname "$0")/lib.sh"

run init
printf 'id,name,country,level,official_code\n1,Quetigny,FR,municipality,21515\n2,Koulikoro,ML,municipality,\n3,"<script>alert(1)</script> & Co",FR,municipality,\n4,Bous,DE,municipality,\n' >auth.csv
printf 'id,kind,status,members,start_date\n10,decentralised_cooperation,active,1|2,1990-01-01\n11,twinning,active,1|4,1996-05-01\n12,twinning,active,3|4,\n' >part.csv
printf 'id,name,iati_type,authority_id\n20,Amis de Koulikoro,22,1\n21,Other association,22,3\n' >org.csv
printf 'id,title,authority_id,partnership_id,type,status\n30,Water,1,10,project,2\n31,Schools,3,12,project,2\n' >act.csv
run import csv auth.csv part.csv org.csv act.csv
expect_rc 0 "a small database for the server"
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
EALA_PASSWORD=viewer-pass run user add vi --role viewer
EALA_PASSWORD=admin-pass1 run user add ad --role admin
EALA_PASSWORD=coord-pass1 run user add co --role coordinator
run user grant co --role coordinator --authority 4
expect_rc 0 "an admin grants a coordinator an authority to edit"
EALA_PASSWORD=partner-pass run user add pa --role partner_contributor --authority 2

serve

get() {   # get PATH [curl options]: body in $T/out, status in $code
	p=$1
	shift
	code=$(curl -s -o "$T/out" -w '%{http_code}' "$@" "$URL$p")
}

get /healthz
same "$code" "200" "GET /healthz answers 200"
same "$(json "j['status']")" "ok" "and says ok"

get "/api/v1/authorities?limit=2"
same "$code" "200" "list authorities"
same "$(json "j['total'], len(j['items']), j['next_cursor']")" "4 2 2" "limit, total and next cursor"
get "/api/v1/authorities?limit=2&cursor=2"
same "$(json "[a['id'] for a in j['items']], j['next_cursor']")" "[3, 4] None" "the cursor gives the next page, and no cursor after the last"
get "/api/v1/partnerships?country=ML"
same "$(json "[p['id'] for p in j['items']]")" "[10]" "partnerships filtered by country"
get "/api/v1/partnerships?authority=4&kind=twinning"
same "$(json "sorted(p['id'] for p in j['items'])")" "[11, 12]" "partnerships of an authority, by kind"
get "/api/v1/partnerships?year=2000"
same "$(json "[p['id'] for p in j['items']]")" "[10, 11]" "partnerships active in a year"
get "/api/v1/partnerships/10"
same "$(json "[a['name'] for a in j['partners']]")" "['Quetigny', 'Koulikoro']" "one partnership, with its partners' names"
get "/api/v1/authorities?q=QUETIGNY"
same "$(json "[a['name'] for a in j['items']]")" "['Quetigny']" "search is case-insensitive"

get "/api/v1/authorities?limit=5000&country=XX&year=abc"
same "$code" "400" "bad filters are a 400"
same "$(json "sorted(e['field'] for e in j['errors'])")" "['country', 'limit', 'year']" "every field at fault is named"
get /api/v1/authorities/999
same "$code" "404" "a missing record is a 404"
get /api/v1/nothing
same "$code" "404" "an unknown API path is a 404"
same "$(json "'errors' in j")" "True" "with a JSON body"
get /api/v1/authorities -X DELETE
same "$code" "405" "a method a path does not take is a 405"

# ETag round trip
curl -s -D "$T/headers" -o /dev/null "$URL/api/v1/authorities/1"
ETAG=$(sed -n 's/^ETag: *//Ip' "$T/headers" | tr -d '\r')
[ -n "$ETAG" ]
ok $? "GET sends an ETag"
get /api/v1/authorities/1 -H "If-None-Match: $ETAG"
same "$code" "304" "If-None-Match with that ETag gives 304"
get /api/v1/authorities/2 -H "If-None-Match: $ETAG"
same "$code" "200" "another record's ETag does not match"

# pages, and stored text escaped in HTML and JSON
get /
same "$code" "200" "the home page"
has out "4 authorities" "says what is in the database"
get /authorities/3
same "$code" "200" "an authority page"
has out "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" "a <script> typed into a name comes back escaped in HTML"
hasnt out "<script>" "and never raw"
get "/search?q=%3Cscript%3E"
has out 'value="&lt;script&gt;"' "the search box echoes the query escaped"
hasnt out "<script>" "the search page has no raw script tag"
get /api/v1/authorities/3
same "$(json "j['name']")" "<script>alert(1)</script> & Co" "JSON carries the text as it is, encoded by jansson"
get /partnerships/10
has out "Quetigny" "a partnership page names its members"
get /partnerships/99
same "$code" "404" "a missing page is a 404"

# the search's facets: counts by country (authorities), partnership kind and
# action type; each a link that narrows the lists, the chosen one removable
get "/search?q=quetigny"
same "$code" "200" "a search"
has out '<a href="/search?q=quetigny&amp;country=FR">France</a> <span class="n">1</span>' \
	"counts the authorities found by country, each a link that narrows the search"
has out '<a href="/search?q=quetigny&amp;kind=decentralised_cooperation">Decentralised cooperation</a> <span class="n">1</span>' \
	"counts the partnerships found by kind"
has out '<a href="/search?q=quetigny&amp;kind=twinning">Town twinning</a> <span class="n">1</span>' "every kind"
has out 'href="/partnerships/10"' "and lists every partnership found"
get "/search?q=quetigny&kind=twinning"
has out 'href="/partnerships/11"' "a kind's link narrows the partnerships to that kind"
hasnt out 'href="/partnerships/10"' "leaving the others out"
has out '<strong aria-current="true">Town twinning</strong> <span class="n">1</span> <a class="remove" href="/search?q=quetigny">' \
	"the chosen kind is shown with a link that removes it"
get "/search?country=ML"
same "$code" "200" "a facet alone, without words, searches too"
has out 'href="/authorities/2"' "a country narrows the authorities"
hasnt out 'href="/authorities/1"' "to that country's"
has out 'href="/partnerships/10"' "and the partnerships to those with a member there"
hasnt out 'href="/partnerships/11"' "only those"
has out '<a href="/search?country=FR">France</a> <span class="n">2</span>' \
	"the other countries stay offered, counted without the chosen one"
get "/search?country=FR"
has out '<a href="/search?country=FR&amp;type=project">Cooperation project</a> <span class="n">2</span>' \
	"actions are counted by type, the country applied"
# every number is what its link lists: follow each one and count
python3 - "$URL" "$T/out" <<'PY'
import re, sys, urllib.request
url, page = sys.argv[1], open(sys.argv[2]).read()
section = {"country": "Authorities", "kind": "Partnerships", "type": "Actions"}
bad = 0
for href, n in re.findall(r'<li><a href="(/search\?[^"]*)">[^<]*</a> <span class="n">(\d+)</span>', page):
    href = href.replace("&amp;", "&")
    facet = re.findall(r"[?&](country|kind|type)=", href)[-1] if "type=" in href or "kind=" in href else "country"
    body = urllib.request.urlopen(url + href).read().decode()
    items = body.split("<h2>" + section[facet] + "</h2>\n<ul>\n")[1].split("</ul>")[0]
    listed = items.count("<li><a ")
    if listed != int(n):
        print("# %s says %s, lists %d" % (href, n, listed)); bad += 1
sys.exit(bad)
PY
ok $? "each facet's number is the length of the list its link shows"
get "/search?q=quetigny&country=XX"
same "$code" "400" "an unknown country is a 400, not a 500"
has out '<p class="error">Country: unknown value <code>XX</code></p>' "saying which filter and value"
has out '<a href="/search?q=quetigny">' "with a link to the search without it"
get "/search?q=quetigny&kind=%3Cscript%3E&type=nope"
same "$code" "400" "an unknown kind or type is a 400"
has out '<code>&lt;script&gt;</code>' "the value comes back escaped"
has out 'Action type: unknown value <code>nope</code>' "every filter at fault is named"
hasnt out "<script>" "never raw"
get "/search?q=quetigny&lang=fr"
has out "<h2>Partenariats par type</h2>" "the facets in French"
has out '>Jumelage</a>' "their values too"

# the pages in French: ?lang= switches and is remembered in a cookie; without
# either, Accept-Language decides; code lists and country names translate too
code=$(curl -s -D "$T/h" -o "$T/out" -w '%{http_code}' "$URL/?lang=fr")
same "$code" "200" "the home page in French"
has out '<html lang="fr">' "says it is French"
has out "Rechercher" "its header is translated"
has out '<a lang="en" href="?lang=en">English</a>' "and links back to English"
has h "Set-Cookie: eala_lang=fr" "the choice is kept in a cookie"
has h "Vary: Cookie, Accept-Language" "caches are told the page depends on the language"
get /authorities/4 -b eala_lang=fr
has out "<dt>Pays</dt><dd>Allemagne</dd>" "a later page stays French, country names from iso-codes included"
has out "<dd>Commune</dd>" "code-list labels are French"
get /authorities/4 -H "Accept-Language: fr-CA,fr;q=0.9,en;q=0.8"
has out "<dt>Pays</dt>" "Accept-Language picks French when no choice was made"
get /authorities/4 -H "Accept-Language: de-DE,de;q=0.9"
has out "<dt>Country</dt><dd>Germany</dd>" "a language eala lacks falls back to English"
get /authorities/4 -b eala_lang=fr -H "Accept-Language: fr"
get "/authorities/4?lang=en" -b eala_lang=fr
has out "<dt>Country</dt>" "?lang=en overrides the cookie"
get "/search?q=K%C3%B6ln+%26+co&lang=zz"
same "$code" "200" "an unknown language is ignored"
has out 'href="?q=K%C3%B6ln%20%26%20co&amp;lang=fr"' "the language switch keeps the search query, encoded"
get /login -b eala_lang=fr
has out "Mot de passe" "the login form is translated"
get /api/v1/authorities/4 -b eala_lang=fr
same "$(json "j['country']")" "DE" "the JSON API is not translated: codes stay codes"

get /api/v1/openapi.json
same "$(json "j['openapi'][:2], len(j['paths']) > 10")" "3. True" "the OpenAPI 3 document"
get /api
has out "GET /api/v1/partnerships" "the API documentation page lists the routes"
get "/api?lang=fr"
has out "<h1>L&#39;API d&#39;eala</h1>" "and speaks French when asked"
get /api/v1/atlas
same "$code" "200" "the atlas data"
same "$(json "len(j['places']), len(j['links']), j['kinds']")" "0 0 []" \
	"places without coordinates are left off the map"
get /atlas
has out '<canvas id="atlas-map"' "the atlas page has the map's canvas"
has out '<script src="/static/atlas.js"' "and loads the bundled script from eala itself"
hasnt out "https://" "and nothing from another site"
get /static/style.css
same "$code" "200" "the style sheet"

# logging in and out; bearer tokens and cookies with their CSRF token
get /api/v1/login -X POST -d '{"login":"ed","password":"wrong-pass"}'
same "$code" "401" "a wrong password is a 401"
get /api/v1/login -X POST -d '{"login":"nobody","password":"editor-pass"}'
same "$code" "401" "an unknown login is a 401 too"
get /api/v1/login -X POST -d 'login=ed'
same "$code" "400" "a body that is not JSON is a 400"
get /api/v1/login -X POST -c "$T/jar" -d '{"login":"ed","password":"editor-pass"}'
same "$code" "200" "the right password opens a session"
TOKEN=$(json "j['token']")
CSRF=$(json "j['csrf']")
same "$(json "j['roles']")" "[{'role': 'editor', 'authority_id': 1}]" "and says the user's roles"
grep -q "HttpOnly" "$T/jar"
ok $? "the session cookie is HttpOnly"
get /api/v1/me
same "$code" "401" "without credentials /me is a 401"
get /api/v1/me -H "Authorization: Bearer $TOKEN"
same "$(json "j['login']")" "ed" "a bearer token identifies the user"
get /api/v1/me -b "$T/jar"
same "$(json "j['login']")" "ed" "so does the cookie"
get /api/v1/logout -X POST -b "$T/jar"
same "$code" "403" "a state change with the cookie but no CSRF token is refused"
get /api/v1/logout -X POST -b "$T/jar" -H "X-CSRF-Token: $(printf '%064d' 0)"
same "$code" "403" "a wrong CSRF token too"
get /api/v1/logout -X POST -b "$T/jar" -H "X-CSRF-Token: $CSRF"
same "$code" "200" "the right one logs out"
get /api/v1/me -H "Authorization: Bearer $TOKEN"
same "$code" "401" "and the token no longer works"
[ "$(sqlite3 "$EALA_DB" "select count(*) from session where token_hash = '$TOKEN'")" = "0" ]
ok $? "the token itself is never stored"
head -c 1100000 /dev/zero | tr '\0' 'x' >"$T/big"
get /api/v1/login -X POST --data-binary "@$T/big"
same "$code" "413" "a body over 1 MiB is a 413"

# every state-changing route, for every role: the status each time
login() {   # login USER PASSWORD: the bearer token
	curl -s -X POST "$URL/api/v1/login" -d "{\"login\":\"$1\",\"password\":\"$2\"}" |
		python3 -c "import json,sys; print(json.load(sys.stdin)['token'])"
}
ED=$(login ed editor-pass)
VI=$(login vi viewer-pass)
AD=$(login ad admin-pass1)
CO=$(login co coord-pass1)
PA=$(login pa partner-pass)
# who  method path                      body                                                        status
while IFS='|' read -r who method path body want; do
	case "$who" in
	anonymous) auth="X-None: 1" ;;
	viewer) auth="Authorization: Bearer $VI" ;;
	editor) auth="Authorization: Bearer $ED" ;;
	admin) auth="Authorization: Bearer $AD" ;;
	coordinator) auth="Authorization: Bearer $CO" ;;
	partner) auth="Authorization: Bearer $PA" ;;
	esac
	if [ -n "$body" ]; then
		get "$path" -X "$method" -H "$auth" -d "$body"
	else
		get "$path" -X "$method" -H "$auth"
	fi
	same "$code" "$want" "$who $method $path: $want"
done <<'MATRIX'
anonymous|POST|/api/v1/authorities|{"name":"A","country":"FR","level":"municipality"}|401
anonymous|PUT|/api/v1/authorities/1|{"population":1}|401
anonymous|DELETE|/api/v1/actions/30||401
anonymous|POST|/api/v1/partnerships|{"kind":"twinning","status":"active","members":[1,3]}|401
viewer|POST|/api/v1/authorities|{"name":"A","country":"FR","level":"municipality"}|403
viewer|PUT|/api/v1/authorities/1|{"population":1}|403
viewer|POST|/api/v1/organisations|{"name":"O","iati_type":"22","authority_id":1}|403
viewer|PUT|/api/v1/partnerships/10|{"status":"dormant"}|403
viewer|DELETE|/api/v1/actions/30||403
editor|POST|/api/v1/authorities|{"name":"Bamako","country":"ML","level":"municipality"}|201
editor|PUT|/api/v1/authorities/1|{"population":9600}|200
editor|PUT|/api/v1/authorities/3|{"population":1}|403
editor|DELETE|/api/v1/authorities/3||403
editor|POST|/api/v1/organisations|{"name":"Club","iati_type":"22","authority_id":1}|201
editor|POST|/api/v1/organisations|{"name":"Club","iati_type":"22","authority_id":3}|403
editor|PUT|/api/v1/organisations/20|{"subtype":"diaspora_association"}|200
editor|PUT|/api/v1/organisations/21|{"subtype":"association"}|403
editor|DELETE|/api/v1/organisations/21||403
editor|POST|/api/v1/partnerships|{"kind":"friendship","status":"active","members":[1,3]}|201
editor|POST|/api/v1/partnerships|{"kind":"friendship","status":"active","members":[3,4]}|403
editor|PUT|/api/v1/partnerships/10|{"status":"dormant","status_date":"2025-01-01"}|200
editor|PUT|/api/v1/partnerships/10|{"members":[3,4]}|403
editor|PUT|/api/v1/partnerships/12|{"status":"dormant"}|403
editor|DELETE|/api/v1/partnerships/12||403
editor|POST|/api/v1/actions|{"title":"Mission","authority_id":1,"type":"mission","status":"2"}|201
editor|POST|/api/v1/actions|{"title":"Mission","authority_id":3,"type":"mission","status":"2"}|403
editor|PUT|/api/v1/actions/31|{"status":"3"}|403
editor|DELETE|/api/v1/actions/31||403
editor|DELETE|/api/v1/actions/30||200
coordinator|PUT|/api/v1/authorities/4|{"population":5000}|200
coordinator|PUT|/api/v1/authorities/3|{"population":1}|403
coordinator|PUT|/api/v1/partnerships/11|{"notes":"Bous is granted"}|200
coordinator|PUT|/api/v1/partnerships/10|{"notes":"not granted"}|403
coordinator|POST|/api/v1/actions|{"title":"Visit","authority_id":4,"type":"mission","status":"2"}|201
coordinator|DELETE|/api/v1/organisations/21||403
coordinator|POST|/api/v1/organisations|{"name":"Verein","iati_type":"22","authority_id":3}|403
partner|PUT|/api/v1/authorities/2|{"population":1}|403
partner|PUT|/api/v1/partnerships/10|{"status":"dormant"}|403
partner|POST|/api/v1/actions|{"title":"Report","authority_id":2,"type":"mission","status":"2"}|403
partner|POST|/api/v1/authorities|{"name":"A","country":"ML","level":"municipality"}|403
partner|DELETE|/api/v1/organisations/20||403
admin|PUT|/api/v1/authorities/3|{"population":1}|200
admin|DELETE|/api/v1/organisations/21||200
admin|DELETE|/api/v1/authorities/1||409
MATRIX

# cookies: HttpOnly always, Secure when a TLS proxy says the request was https
curl -s -D "$T/h" -o /dev/null -X POST "$URL/api/v1/login" -d '{"login":"ed","password":"editor-pass"}'
has h "HttpOnly; SameSite=Lax" "the session cookie is HttpOnly and SameSite"
hasnt h "Secure" "and not Secure over plain HTTP"
curl -s -D "$T/h" -o /dev/null -H "X-Forwarded-Proto: https" -X POST "$URL/api/v1/login" \
	-d '{"login":"ed","password":"editor-pass"}'
has h "Max-Age=43200; Secure" "behind a TLS proxy (X-Forwarded-Proto: https) it is Secure"

# observed outcomes, reported by both sides of a partnership: Koulikoro's
# partner contributor reports on Quetigny-Koulikoro (10) as the partner side,
# Quetigny's editor as the home side; nobody else may
OUT='{"partnership_id":10,"category":"sociocultural.openness","side":"partner","description":"Pupils exchange letters"}'
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $PA" -d "$OUT"
same "$code $(json "j['reported_by'], j['unexpected']")" "201 partner True" \
	"a partner contributor reports its own side of its partnership"
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $PA" -d '{"partnership_id":10,"category":"economic.jobs","side":"home","description":"x","reported_by":"home"}'
same "$code $(json "j['reported_by']")" "201 partner" "and cannot pass for the home side"
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $ED" -d "$OUT"
same "$code $(json "j['reported_by']")" "201 home" "Quetigny's editor reports the home side"
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $PA" \
	-d '{"partnership_id":12,"category":"economic.jobs","side":"home","description":"x"}'
same "$code" "403" "a partner contributor cannot report on a partnership of others"
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $VI" -d "$OUT"
same "$code" "403" "nor can a viewer"
get /api/v1/observed_outcomes -X POST -d "$OUT"
same "$code" "401" "nor anyone without a session"
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $PA" \
	-d '{"partnership_id":10,"category":"fun","side":"moon","colour":"red","date":"2021-02-30"}'
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "422 ['colour']" "an unknown field is refused, first"
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $PA" \
	-d '{"partnership_id":10,"category":"fun","side":"moon","date":"2021-02-30"}'
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "422 ['category', 'date', 'description', 'side']" \
	"an outcome with problems names every field at fault"
get "/api/v1/observed_outcomes?partnership=10"
same "$(json "sorted(i['reported_by'] for i in j['items'])")" "['home', 'partner', 'partner']" "the outcomes of the partnership"
get "/api/v1/analysis/gap?authority=1"
same "$(json "j['reported_home'], j['reported_partner'], j['reciprocity']")" "1 2 2.0" \
	"and the gap analysis counts both sides: reciprocity 2 partner reports for 1 at home"
# an outcome of a draft partnership stays out of what anonymous visitors read
get /api/v1/partnerships -X POST -H "Authorization: Bearer $AD" \
	-d '{"kind":"economic","status":"active","members":[3,4],"draft":true}'
DP=$(json "j['id']")
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $AD" \
	-d "{\"partnership_id\":$DP,\"category\":\"economic.jobs\",\"side\":\"home\",\"description\":\"Hidden\"}"
get /api/v1/observed_outcomes
same "$(json "[i['description'] for i in j['items']].count('Hidden')")" "0" "an anonymous list of outcomes leaves out a draft partnership's"
get /api/v1/observed_outcomes -H "Authorization: Bearer $VI"
same "$(json "[i['description'] for i in j['items']].count('Hidden')")" "1" "a signed-in one shows it"
get /api/v1/analysis/gap
ANON=$(json "j['observed']")
get /api/v1/analysis/gap -H "Authorization: Bearer $VI"
same "$(json "j['observed']")" "$((ANON + 1))" "and so does the gap analysis over every authority"

# drafts: anonymous visitors read published records only
get /api/v1/authorities -X POST -H "Authorization: Bearer $AD" \
	-d '{"name":"Draftville","country":"FR","level":"municipality","draft":true}'
same "$code" "201" "a record can be created as a draft"
DR=$(json "j['id']")
get "/api/v1/authorities/$DR" -H "Authorization: Bearer $VI"
same "$code $(json "j.get('draft')")" "200 True" "a signed-in reader sees it, marked draft"
get "/api/v1/authorities?q=draftville" -H "Authorization: Bearer $VI"
same "$(json "j['total']")" "1" "and finds it in lists"
get "/api/v1/authorities?q=draftville"
same "$(json "j['total']")" "0" "an anonymous list leaves it out, though a signed-in one came first"
get "/api/v1/authorities/$DR"
same "$code" "404" "an anonymous reader gets a 404 for it"
get "/authorities/$DR"
same "$code" "404" "and for its page"
get "/authorities/$DR/history"
same "$code" "404" "and for its history page"
get "/api/v1/authorities/$DR/history"
same "$code" "404" "and for its history in JSON"
get "/search?q=draftville"
hasnt out "Draftville" "the search page does not show it"
get /api/v1/stats
ANON=$(json "j['authorities']")
get /api/v1/stats -H "Authorization: Bearer $VI"
same "$(json "j['authorities']")" "$((ANON + 1))" "the counts an anonymous visitor reads leave the draft out"
get "/api/v1/authorities/$DR" -X PUT -H "Authorization: Bearer $AD" -d '{"draft":false}'
same "$code" "200" "publishing it"
get "/api/v1/authorities/$DR"
same "$code $(json "'draft' in j")" "200 False" "then everyone reads it"
get "/api/v1/authorities/$DR/history" -H "Authorization: Bearer $AD"
same "$(json "j['items'][-1]['before'].get('draft'), j['items'][-1]['after'].get('draft')")" "True None" \
	"the history shows when it was published"

# network memberships: an authority in a city network
get /api/v1/organisations -X POST -H "Authorization: Bearer $AD" \
	-d '{"name":"Cités Unies France","iati_type":"22","subtype":"city_network","country":"FR"}'
NET=$(json "j['id']")
get /api/v1/network_memberships -X POST -H "Authorization: Bearer $ED" \
	-d "{\"authority_id\":1,\"network_id\":$NET,\"role\":\"member\",\"start_date\":\"1995-01-01\"}"
same "$code" "201" "an editor adds their authority to a city network"
MEM=$(json "j['id']")
get /api/v1/network_memberships -X POST -H "Authorization: Bearer $ED" \
	-d "{\"authority_id\":3,\"network_id\":$NET,\"role\":\"member\"}"
same "$code" "403" "but not another authority"
get /api/v1/network_memberships -X POST -H "Authorization: Bearer $ED" \
	-d '{"authority_id":1,"network_id":20,"role":"chair","end_date":"1990-01-01","start_date":"2000-01-01"}'
same "$code" "422" "a membership with problems is refused"
same "$(json "sorted(e['field'] for e in j['errors'])")" "['end_date', 'network_id', 'role']" \
	"naming the network that is not a city network, the role and the dates"
get "/api/v1/network_memberships?authority=1"
same "$(json "[(m['network_id'], m['role']) for m in j['items']]")" "[($NET, 'member')]" "memberships listed by authority"
get "/api/v1/network_memberships/$MEM" -X PUT -H "Authorization: Bearer $ED" -d '{"role":"board"}'
same "$(json "j['role'], j['start_date']")" "board 1995-01-01" "a membership changes, the other fields stay"
get "/api/v1/network_memberships/$MEM" -X DELETE -H "Authorization: Bearer $VI"
same "$code" "403" "a viewer cannot delete it"
get "/api/v1/network_memberships/$MEM" -X DELETE -H "Authorization: Bearer $ED"
same "$code" "200" "its editor can"
get "/api/v1/network_memberships/$MEM/history"
same "$(json "[e['operation'] for e in j['items']]")" "['create', 'update', 'delete']" "and its history has every change"

# a <script> typed into every text field of every kind comes back escaped in
# every page and as typed in JSON
X='<script>alert(1)</script>'
xss() {   # xss KIND JSON-BODY: create as admin, print the new id
	curl -s -X POST -H "Authorization: Bearer $AD" "$URL/api/v1/$1" -d "$2" |
		python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"
}
body() { python3 -c "import json,sys; print(json.dumps(json.loads(sys.argv[1].replace('XSS', sys.argv[2]))))" "$1" "$X"; }
XA=$(xss authorities "$(body '{"name":"XSS","other_names":["XSS"],"country":"FR","level":"municipality","official_code":"XSS","source":"XSS","illustrative":"XSS","notes":"XSS"}')")
XO=$(xss organisations "$(body '{"name":"XSS","iati_type":"22","authority_id":1,"source":"XSS","illustrative":"XSS","notes":"XSS"}')")
XP=$(xss partnerships "$(body "{\"name\":\"XSS\",\"kind\":\"friendship\",\"status\":\"ended\",\"status_date\":\"2020-01-01\",\"status_reason\":\"XSS\",\"deliberation_ref\":\"XSS\",\"members\":[1,$XA],\"source\":\"XSS\",\"illustrative\":\"XSS\",\"notes\":\"XSS\"}")")
XX=$(xss actions "$(body "{\"title\":\"XSS\",\"description\":\"XSS\",\"authority_id\":$XA,\"partnership_id\":$XP,\"type\":\"mission\",\"status\":\"2\",\"departments\":\"XSS\",\"elected_officials\":\"XSS\",\"source\":\"XSS\",\"illustrative\":\"XSS\",\"notes\":\"XSS\"}")")
for page in "/authorities/$XA" "/organisations/$XO" "/partnerships/$XP" "/actions/$XX" "/search?q=script" "/" \
	"/authorities/$XA/history" "/partnerships/$XP/history" "/authorities/1"; do
	get "$page"
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$T/out" && ! grep -q "<script>alert" "$T/out"
	ok $? "$page shows the typed <script> escaped, never raw"
done
curl -s -o /dev/null -c "$T/xjar" -X POST --data-urlencode "login=ad" --data-urlencode "password=admin-pass1" "$URL/login"
get "/authorities/$XA/edit" -b "$T/xjar"
grep -q 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "$T/out" && ! grep -q "<script>alert" "$T/out"
ok $? "the edit form shows it escaped in its inputs"
get "/api/v1/actions/$XX"
same "$(json "sorted(k for k, v in j.items() if v == '$X')")" \
	"['departments', 'description', 'elected_officials', 'illustrative', 'notes', 'source', 'title']" \
	"JSON gives every text field back as typed"

# validation: every field at fault, at once
get /api/v1/partnerships -X POST -H "Authorization: Bearer $AD" \
	-d '{"kind":"twining","status":"on","members":[3,99],"start_date":"2021-02-30","nmae":"x"}'
same "$code" "422" "a record with problems is a 422"
same "$(json "sorted(e['field'] for e in j['errors'])")" \
	"['kind', 'members', 'nmae', 'start_date', 'status']" "naming every field at fault"
get /api/v1/authorities -X POST -H "Authorization: Bearer $AD" -d '[1,2]'
same "$code" "400" "a body that is not a JSON object is a 400"
# a partnership sent without a name is called after its members
get /api/v1/partnerships -X POST -H "Authorization: Bearer $AD" -d '{"kind":"economic","status":"planned","members":[2,4]}'
same "$(json "j['name']")" "Koulikoro – Bous" "a partnership without a name gets its members' names"
# text with markup is stored as it is and escaped on the way out
get /api/v1/authorities/2 -X PUT -H "Authorization: Bearer $AD" -d '{"notes":"<img src=x onerror=alert(1)>"}'
same "$(json "j['notes']")" "<img src=x onerror=alert(1)>" "JSON keeps the text as typed"
get /authorities/2
hasnt out "<img src=x" "the page never shows it raw"
# the history of a record, from the audit log
get /api/v1/authorities/1/history
same "$(json "[(e['actor'], e['operation'], e['before'].get('population'), e['after']['population']) for e in j['items']]")" \
	"[('ed', 'update', None, 9600)]" "the history says who changed what, before and after"
get /api/v1/partnerships/10/history
same "$(json "j['items'][0]['before']['status'], j['items'][0]['after']['status']")" "active dormant" \
	"the history of a partnership"

# the forms: log in, create with problems shown by their fields, save, edit
get /authorities/new
same "$code" "303" "a form without a session sends to the login page"
get /login
has out 'name="password" type="password"' "the login page"
get /login -X POST -d "login=ed&password=wrong-pass"
same "$code" "401" "a wrong password on the login form is refused"
get /login -X POST -c "$T/fjar" --data-urlencode "login=ed" --data-urlencode "password=editor-pass" \
	--data-urlencode "next=/partnerships/new"
same "$code" "303" "the login form opens a session"
curl -s -D "$T/h" -o /dev/null -b "$T/fjar" "$URL/authorities/new"
get /partnerships/new -b "$T/fjar"
same "$code" "200" "the new partnership form"
FCSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
[ ${#FCSRF} -eq 64 ]
ok $? "the form carries the session's CSRF token"
has out '<label for="f-kind">Kind <abbr title="required">*</abbr></label>' "each field has its label"
get /partnerships/new -X POST -b "$T/fjar" --data-urlencode "csrf=$FCSRF" \
	--data-urlencode "members=1, 99" --data-urlencode "kind=twinning" --data-urlencode "start_date=2021-02-30" \
	--data-urlencode "status_reason=<script>alert(1)</script>"
same "$code" "422" "a form with problems is shown again (422)"
has out '<span class="error" id="members-error">there is no authority #99</span>' "each problem is next to its field"
has out '<span class="error" id="status-error">is required</span>' "a missing required field too"
has out 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "what was typed comes back, escaped"
hasnt out "<script>alert" "never raw"
get "/partnerships/new?lang=fr" -X POST -b "$T/fjar" --data-urlencode "csrf=$FCSRF" \
	--data-urlencode "members=1, 99" --data-urlencode "kind=twinning" --data-urlencode "start_date=2021-02-30"
has out '<span class="error" id="members-error">il n&#39;y a pas de collectivité n° 99</span>' \
	"in French, the problems are French too"
has out '<span class="error" id="start_date-error">n&#39;est pas une date valide (AAAA-MM-JJ): &#39;2021-02-30&#39;</span>' \
	"those of the validation rules included"
get /api/v1/partnerships -X POST -H "Authorization: Bearer $ED" -H "Accept-Language: fr" \
	-d '{"kind":"twinning","status":"active","members":[1,99]}'
same "$(json "j['errors'][0]['message']")" "there is no authority #99" "the JSON API keeps its messages in English"
get /partnerships/new -X POST -b "$T/fjar" --data-urlencode "members=1, 2" --data-urlencode "kind=friendship" \
	--data-urlencode "status=planned"
same "$code" "403" "a form posted without its CSRF token is refused"
get /partnerships/new -X POST -b "$T/fjar" --data-urlencode "csrf=$FCSRF" --data-urlencode "members=1, 2" \
	--data-urlencode "kind=friendship" --data-urlencode "status=planned"
same "$code" "303" "a good form is saved"
NEWP=$(sed -n 's/^Location: *//Ip' "$T/h" >/dev/null; curl -s -o /dev/null -w '%{redirect_url}' -b "$T/fjar" -X POST \
	--data-urlencode "csrf=$FCSRF" --data-urlencode "members=1, 4" --data-urlencode "kind=economic" \
	--data-urlencode "status=planned" "$URL/partnerships/new")
case "$NEWP" in */partnerships/[0-9]*) r=0 ;; *) r=1 ;; esac
ok $r "and the browser goes to the new partnership's page ($NEWP)"
get "${NEWP#$URL}" -b "$T/fjar"
has out "Quetigny – Bous" "which shows it, named after its members"
has out '/edit">Edit</a>' "with an Edit link for its editor"
get /authorities/1/edit -X POST -b "$T/fjar" --data-urlencode "csrf=$FCSRF" --data-urlencode "name=Quetigny" \
	--data-urlencode "country=FR" --data-urlencode "level=municipality" --data-urlencode "population=9700" \
	--data-urlencode "official_code=21515"
same "$code" "303" "the edit form saves"
get /api/v1/authorities/1
same "$(json "j['population'], j.get('official_code')")" "9700 21515" "the change is in the record"
get /authorities/1/edit -X POST -b "$T/fjar" --data-urlencode "csrf=$FCSRF" --data-urlencode "name=Quetigny" \
	--data-urlencode "country=FR" --data-urlencode "level=municipality" --data-urlencode "population="
get /api/v1/authorities/1
same "$(json "'population' in j")" "False" "a field emptied in the form is emptied in the record"
get /authorities/3/edit -X POST -b "$T/fjar" --data-urlencode "csrf=$FCSRF" --data-urlencode "name=X" \
	--data-urlencode "country=FR" --data-urlencode "level=municipality"
same "$code" "403" "an editor cannot save another authority's record through a form either"
get /authorities/1/history
same "$code" "200" "the history page of a record"
has out "update by ed" "says who changed it"
has out "<th scope=\"row\">population</th><td>9600</td><td>9700</td>" "and what changed, before and after"
# a CSV file through the browser
get /import -X POST -b "$T/fjar" -F "csrf=$FCSRF" -F "file=@auth.csv"
same "$code" "403" "an editor cannot import whole files"
get /login -X POST -c "$T/cjar" --data-urlencode "login=co" --data-urlencode "password=coord-pass1"
get /import -b "$T/cjar"
CCSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
get /import -X POST -b "$T/cjar" -F "csrf=$CCSRF" -F "file=@auth.csv"
same "$code" "403" "nor can a coordinator: whole files are the admin's"
get /authorities/4/edit -X POST -b "$T/cjar" --data-urlencode "csrf=$CCSRF" --data-urlencode "name=Bous" \
	--data-urlencode "country=DE" --data-urlencode "level=municipality" --data-urlencode "population=2300"
same "$code" "303" "a coordinator edits a granted authority through its form"
get /authorities/1/edit -X POST -b "$T/cjar" --data-urlencode "csrf=$CCSRF" --data-urlencode "name=Quetigny" \
	--data-urlencode "country=FR" --data-urlencode "level=municipality"
same "$code" "403" "but not another"
get /login -X POST -c "$T/ajar" --data-urlencode "login=ad" --data-urlencode "password=admin-pass1"
get /import -b "$T/ajar"
ACSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
has out 'enctype="multipart/form-data"' "the import page has a file form"
printf 'name,country,level\nNantes,FR,municipality\nTurin,Italie,municipality\nLausanne,CH,city\n' >bad.csv
get /import -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "file=@bad.csv"
same "$code" "422" "a bad file is refused"
has out "<li>line 3: <code>country</code>: is not a code of the country list: &#39;ITALIE&#39;</li>" \
	"every problem is listed with its line and field"
has out "<li>line 4: <code>level</code>" "all of them"
printf 'name,country,level\nNantes,FR,municipality\n"Turin,Italie,municipality\n' >quote.csv
get "/import?lang=fr" -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "file=@quote.csv"
has out "un champ entre guillemets ouvert ici n&#39;est jamais fermé" "the import page speaks French, the CSV reader's problems included"
get "/import?lang=fr" -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "file=@bad.csv"
has out "<code>country</code>: n&#39;est pas un code de la liste country: &#39;ITALIE&#39;</li>" "and the rules' problems"
get /api/v1/authorities?q=nantes
same "$(json "j['total']")" "0" "and nothing was written"
printf 'name,country,level\nNantes,FR,municipality\n' >good.csv
get /import -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "dry_run=1" -F "file=@good.csv"
has out "checked, nothing written" "a dry run says so"
get /import -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "file=@good.csv"
same "$code" "200" "a good file is imported"
has out "1 created, 0 updated authorities" "and the page says what was created"
get /api/v1/authorities?q=nantes
same "$(json "j['total']")" "1" "the authority is in the database"
get /import -X POST -b "$T/ajar" -F "file=@good.csv"
same "$code" "403" "an import without the CSRF token is refused"
get /logout -X POST -b "$T/fjar" -c "$T/fjar" --data-urlencode "csrf=$FCSRF"
same "$code" "303" "logging out"
get /authorities/1/edit -b "$T/fjar"
same "$code" "303" "after which forms send to the login page again"

# login throttling: five wrong passwords for one login, and the sixth attempt is
# refused even with the right password, with a Retry-After; other logins go on
for i in 1 2 3 4 5; do
	get /api/v1/login -X POST -d '{"login":"vi","password":"guess-'$i'"}'
	printf '%s ' "$code" >>"$T/codes"
done
same "$(cat "$T/codes")" "401 401 401 401 401 " "five wrong passwords are each a 401"
code=$(curl -s -D "$T/h" -o "$T/out" -w '%{http_code}' -X POST -d '{"login":"vi","password":"viewer-pass"}' "$URL/api/v1/login")
same "$code" "429" "the sixth attempt is refused, right password or not"
has h "Retry-After: " "with a Retry-After header"
same "$(json "j['errors'][0]['message'][:21]")" "too many failed login" "and says why"
get /login -X POST -b eala_lang=fr --data-urlencode "login=vi" --data-urlencode "password=viewer-pass"
same "$code" "429" "the login form is throttled too"
has out "Trop de connexions manquées : réessayez dans 15 minutes." "and says for how long, in the page's language"
get /api/v1/login -X POST -d '{"login":"ed","password":"editor-pass"}'
same "$code" "200" "another login is not held up"

# the map of an authority's partners: /api/v1/atlas?authority=ID, and its page
for c in "1 47.31 5.11" "2 12.86 -7.56" "4 49.28 6.8"; do
	set -- $c
	get "/api/v1/authorities/$1" -X PUT -H "Authorization: Bearer $AD" -d "{\"lat\":$2,\"lng\":$3}"
done
get "/api/v1/atlas?authority=2"
same "$code" "200" "the atlas of one authority"
same "$(json "10 in [l[3] for l in j['links']], all(2 in (j['places'][l[0]][0], j['places'][l[1]][0]) for l in j['links'])")" \
	"True True" "has its partnerships only, each a line to one of its partners"
get "/api/v1/atlas?authority=4"
same "$(json "sorted(set([11, 12]) & set(l[3] for l in j['links']))")" "[11]" \
	"a partner without coordinates is left off the map"
get "/api/v1/atlas?authority=0"
same "$code" "400" "a bad authority is a 400"
get /authorities/2
has out '<canvas id="partners-map" data-authority="2"' "an authority's page has a map of its partners"
has out '<script src="/static/atlas.js" defer></script>' "drawn by the atlas script, not an inline one"
has out 'data-kinds="{&quot;' "with the kinds' names for its legend, escaped"
get /authorities/3
hasnt out 'partners-map' "an authority without coordinates has no map"

kill -TERM "$PID"
wait "$PID"
same "$?" "0" "SIGTERM stops the server cleanly"
has serve.log "stopping (SIGTERM)" "and it says so"
grep -q "GET /api/v1/authorities 200" "$T/serve.log"
ok $? "the access log has method, path and status"
hasnt serve.log "limit=" "and leaves the query string out"

finish
