#!/bin/sh
# cli_export.sh: the exports from the command line and the API: CSV with
# chosen columns and labels (English and French), XLSX read back with
# openpyxl, GeoJSON by structure, JSON and NDJSON parsed, filters, drafts
# kept from anonymous readers, every bad option named, the search page's
# download links, and a 100,000-row export streamed without the server's
# memory growing with it.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

run init
printf 'id,name,country,level,population,lat,lng\n1,Quetigny,FR,municipality,9800,47.3131,5.1058\n2,Koulikoro,ML,municipality,,12.8627,-7.5599\n3,"Bous, ""Saar""",DE,municipality,7000,49.2775,6.7969\n4,Nowhere,FR,municipality,,,\n' >auth.csv
printf 'id,kind,status,members,start_date,agreement_signed\n10,decentralised_cooperation,active,1|2,1990-01-01,1991-06-12\n11,twinning,dormant,1|3,1996-05-01,\n12,friendship,active,1|2|3,,\n13,twinning,active,2|4,,\n' >part.csv
printf 'id,name,iati_type,authority_id\n20,Amis de Koulikoro,22,1\n' >org.csv
printf 'id,title,authority_id,partnership_id,type,status,domains,start_date\n30,Water,1,10,project,2,water_sanitation|culture,2019-03-01\n' >act.csv
run import csv auth.csv part.csv org.csv act.csv
expect_rc 0 "a small database"

# ---- CSV ----
run export csv -o dir
run export csv partnerships -o p.csv
expect_rc 0 "export csv partnerships"
cmp -s p.csv dir/partnerships.csv
ok $? "a kind's CSV is the same bytes as in the export of every kind (the import format)"
run --db round.db init
run --db round.db import csv dir/authorities.csv p.csv
run --db round.db export csv partnerships -o p2.csv
cmp -s p.csv p2.csv
ok $? "it imports back and exports the same bytes"

run export csv partnerships --columns id,kind,members
same "$(cat "$T/out")" "id,kind,members
10,decentralised_cooperation,1|2
11,twinning,1|3
12,friendship,1|2|3
13,twinning,2|4" "--columns: those columns, in that order"
run export csv partnerships --columns id,kind,status --labels --country ML
same "$(cat "$T/out")" "Id,Kind,Status
10,Decentralised cooperation,Active
12,Friendship relation (pact of friendship),Active
13,Town twinning,Active" "--labels: labelled header and code-list labels; --country filters"
run export csv partnerships --columns id,kind,status --labels --lang fr --status dormant
same "$(cat "$T/out")" "Id,Type,Statut
11,Jumelage,En sommeil" "--lang fr: French labels; --status filters"
run export csv actions --columns title,domains,start_date --labels
same "$(sed -n 2p "$T/out")" "Water,Water and sanitation|Culture and heritage,2019-03-01" "lists of codes become lists of labels"
run export csv authorities --columns id,name --q bous
same "$(cat "$T/out")" 'id,name
3,"Bous, ""Saar"""' "--q filters; quotes and commas are quoted"
run export csv partnerships --columns id,bogus,kind,nope
expect_rc 2 "unknown columns are a usage error"
has err "'bogus' is not a column of partnerships" "the first unknown column is named"
has err "'nope' is not a column of partnerships" "and the second, at once"
run export pdf partnerships
expect_rc 2 "an unknown format is a usage error"
has err "unknown format 'pdf'" "it is named"
run export csv towns
expect_rc 2 "an unknown kind is a usage error"
run export csv partnerships --kind nonsense
expect_rc 2 "a filter value outside its code list is refused"
run export csv expected_impacts --labels
expect_rc 2 "the results chain's CSV takes no --labels"

# ---- XLSX ----
run export xlsx -o all.xlsx --lang fr
expect_rc 0 "export xlsx"
$PY - "$T/all.xlsx" >xlsx.txt <<'PYEOF'
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print("sheets", wb.sheetnames)
ws = wb["Partenariats"]
print("header", [c.value for c in ws[1]][:4])
print("frozen", ws.freeze_panes, "filter", ws.auto_filter.ref)
row = [c.value for c in ws[2]]
print("row", row[0], row[2], row[3], isinstance(row[8], datetime.datetime) and row[8].date().isoformat())
a = wb["Collectivités"]
print("population", [c.value for c in a[2]][6], type([c.value for c in a[2]][6]).__name__)
print("rows", ws.max_row)
PYEOF
has xlsx.txt "sheets ['Collectivités', 'Organisations', 'Partenariats', 'Actions']" "a sheet per kind, named in the language"
has xlsx.txt "header ['Id', 'Nom', 'Type', 'Statut']" "labelled headers in the language"
has xlsx.txt "frozen A2 filter A1:Q5" "the header row is frozen, with an autofilter over the rows"
has xlsx.txt "row 10 Coopération décentralisée Active 1991-06-12" "ids as numbers, codes as labels, dates as dates"
has xlsx.txt "population 9800 int" "numbers as numbers"
run export xlsx partnerships --columns id,status --status dormant -o one.xlsx
$PY -c "
import openpyxl; wb = openpyxl.load_workbook('one.xlsx'); ws = wb.active
print(wb.sheetnames, [[c.value for c in r] for r in ws.iter_rows()])" >one.txt
has one.txt "['Partnerships'] [['Id', 'Status'], [11, 'Dormant']]" "one kind: chosen columns and filters"
run export xlsx
expect_rc 2 "a workbook needs -o FILE"
run export xlsx --status active -o x.xlsx
expect_rc 2 "filters of one kind need that kind in a workbook of every kind"

# ---- GeoJSON ----
run export geojson
expect_rc 0 "export geojson"
same "$(json "j['type'], len(j['features'])")" "FeatureCollection 7" "a FeatureCollection: 3 authorities with coordinates, 4 partnerships"
same "$(json "[f['geometry']['coordinates'] for f in j['features'] if f['properties']['record'] == 'authority'][0]")" "[5.1058, 47.3131]" "a Point is longitude, latitude (RFC 7946)"
same "$(json "[(f['id'], f['geometry']['type'] if f['geometry'] else None) for f in j['features'] if f['properties']['record'] == 'partnership']")" "[(10, 'LineString'), (11, 'LineString'), (12, 'MultiLineString'), (13, None)]" "partnerships as lines, a star for three members, no geometry without two places"
same "$(json "[f['properties'] for f in j['features'] if f['id'] == 10][0]['member_names']")" "['Quetigny', 'Koulikoro']" "with their members' names"
same "$(json "[f['geometry']['coordinates'] for f in j['features'] if f['id'] == 10 and f['properties']['record'] == 'partnership'][0]")" "[[5.1058, 47.3131], [-7.5599, 12.8627]]" "a line from home to partner"
run export geojson partnerships --kind twinning
same "$(json "[f['id'] for f in j['features']]")" "[11, 13]" "one kind, filtered"
run export geojson actions
expect_rc 2 "GeoJSON of actions is refused"
has err "GeoJSON holds authorities and partnerships only" "with the reason"

# ---- JSON, NDJSON ----
run export json partnerships --country DE
same "$(json "[(p['id'], [m['name'] for m in p['partners']]) for p in j]")" "[(11, ['Quetigny', 'Bous, \"Saar\"']), (12, ['Quetigny', 'Koulikoro', 'Bous, \"Saar\"'])]" "JSON: an array of the records as the API gives them"
run export ndjson authorities
same "$($PY -c "import json; print([json.loads(l)['id'] for l in open('$T/out')])")" "[1, 2, 3, 4]" "NDJSON: one record a line"
run export json
has out '"eala_dataset"' "export json without a kind is still the whole dataset"

# ---- the API ----
EALA_PASSWORD=admin-pass1 run user add ad --role admin
serve
get() {   # get PATH [curl options]: body in $T/out, headers in $T/head, status in $code
	p=$1
	shift
	code=$(curl -s -D "$T/head" -o "$T/out" -w '%{http_code}' "$@" "$URL$p")
}
AD=$(curl -s -X POST "$URL/api/v1/login" -d '{"login":"ad","password":"admin-pass1"}' |
	$PY -c "import json,sys; print(json.load(sys.stdin)['token'])")
get /api/v1/partnerships -X POST -H "Authorization: Bearer $AD" \
	-d '{"kind":"economic","status":"planned","members":[3,2],"name":"Secret deal","draft":true}'
same "$code" "201" "a draft partnership"
get "/api/v1/partnerships/export.csv?columns=id,name"
same "$code" "200" "GET /api/v1/partnerships/export.csv"
has head "Content-Disposition: attachment; filename=\"partnerships.csv\"" "as an attachment with a file name"
has head "Content-Type: text/csv" "typed CSV"
hasnt out "Secret deal" "anonymous readers get no draft"
get "/api/v1/partnerships/export.csv?columns=id,name" -H "Authorization: Bearer $AD"
has out "Secret deal" "signed-in readers get drafts"
get "/api/v1/partnerships/export.csv?columns=id,kind&labels=1&lang=fr&kind=twinning"
same "$(cat "$T/out")" "Id,Type
11,Jumelage
13,Jumelage" "labels in the asked language, filters as the list's"
get "/api/v1/export.geojson?country=ML"
same "$code $(json "sorted(f['id'] for f in j['features'])")" "200 [2, 10, 12, 13]" "GeoJSON of authorities and partnerships, filtered by country"
has head "Content-Type: application/geo+json" "typed GeoJSON"
get "/api/v1/actions/export.ndjson"
same "$code $(wc -l <"$T/out" | tr -d ' ')" "200 1" "NDJSON of actions"
get "/api/v1/export.xlsx"
cp "$T/out" web.xlsx
$PY -c "import openpyxl; wb = openpyxl.load_workbook('web.xlsx'); print(wb.sheetnames, wb['Partnerships'].max_row)" >web.txt
has web.txt "['Authorities', 'Organisations', 'Partnerships', 'Actions'] 5" "XLSX over the API: four sheets, no draft"
get "/api/v1/partnerships/export.pdf"
same "$code $(json "[e['field'] for e in j['errors']]")" "400 ['format']" "an unknown format is a 400 naming it"
get "/api/v1/actions/export.geojson?columns=x,y&year=1800&labels=2"
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "400 ['columns', 'kind', 'labels', 'year']" "every problem at once"
get "/api/v1/partnerships/export.csv?columns=id,bogus"
same "$code $(json "j['errors'][0]['message'][:40]")" "400 'bogus' is not a column of partnerships " "an unknown column is named"
get "/api/v1/export.csv"
same "$code $(json "j['errors'][0]['field']")" "400 kind" "CSV of every kind is refused: it needs a kind"
get "/api/v1/export.xlsx?status=active"
same "$code" "400" "a workbook of every kind takes no filter of one kind"
get "/search?q=%3Cscript%3E&country=FR&lang=fr"
has out 'href="/api/v1/authorities/export.csv?lang=fr&amp;q=%3Cscript%3E&amp;country=FR"' "the search page links to its lists' exports with its filters, escaped"
has out "CSV avec libellés" "in the page's language"
get "/authorities/2"
has out 'href="/api/v1/partnerships/export.csv?lang=en&amp;authority=2"' "an authority's page links to the exports of its partnerships"
has out 'href="/api/v1/actions/export.xlsx?lang=en&amp;authority=2"' "and of its actions"
get "/api/v1/partnerships/export.csv?lang=en&authority=2&columns=id"
same "$(tr '\n' ' ' <"$T/out")" "id 10 12 13 " "which export that authority's partnerships"
kill "$PID"
wait "$PID" 2>/dev/null

# ---- a large export, streamed ----
run --db big.db init
$PY "$ROOT/bench/export_data.py" "$T/big.db" 100000
# under AddressSanitizer (make check SAN=1) freed memory waits in a quarantine
# before reuse; without one the resident size measures what is live
EALA_DB="$T/big.db" ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0:thread_local_quarantine_size_kb=0" serve
rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
curl -s "$URL/api/v1/partnerships/export.csv?columns=id" >/dev/null   # warm the pages
before=$(rss)
get "/api/v1/partnerships/export.csv" -o big.csv
after=$(rss)
lines=$(wc -l <"$T/out" | tr -d ' ')
same "$code $lines" "200 99001" "a 100,000-partnership export completes (1,000 drafts left out, plus the header)"
grow=$(( (after - before) / 1024 ))
[ "$grow" -lt 16 ]
ok $? "the server's memory grew by $grow MB for a 14 MB body (under 16 MB: streamed)"
kill "$PID"
wait "$PID" 2>/dev/null

finish
