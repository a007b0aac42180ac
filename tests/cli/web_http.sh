#!/bin/sh
# web_http.sh: the real server on a free port, checked with curl: health, the
# JSON API (lists, filters, cursor, total, errors), ETag round trip, pages,
# HTML escaping of stored text, status codes, and a clean stop on SIGTERM.
. "$(dirname "$0")/lib.sh"

run init
printf 'id,name,country,level,official_code\n1,Quetigny,FR,municipality,21515\n2,Koulikoro,ML,municipality,\n3,"<script>alert(1)</script> & Co",FR,municipality,\n4,Bous,DE,municipality,\n' >auth.csv
printf 'id,kind,status,members,start_date\n10,decentralised_cooperation,active,1|2,1990-01-01\n11,twinning,active,1|4,1996-05-01\n12,twinning,active,3|4,\n' >part.csv
run import csv auth.csv part.csv
expect_rc 0 "a small database for the server"
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
EALA_PASSWORD=viewer-pass run user add vi --role viewer

PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
URL="http://127.0.0.1:$PORT"
"$EALA" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
PID=$!
for i in $(seq 1 50); do
	curl -sf "$URL/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done

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

kill -TERM "$PID"
wait "$PID"
same "$?" "0" "SIGTERM stops the server cleanly"
has serve.log "stopping (SIGTERM)" "and it says so"
grep -q "GET /api/v1/authorities 200" "$T/serve.log"
ok $? "the access log has method, path and status"
hasnt serve.log "limit=" "and leaves the query string out"

finish
