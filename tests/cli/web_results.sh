#!/bin/sh
# web_results.sh: the results chain through the API (issue 4): expected
# impacts with indicators, targets and periods; actual values and observed
# outcomes reported by each side for its own side; evidence documents; who may
# do what; every problem named; drafts hidden; the gap analysis follows.
. "$(dirname "$0")/lib.sh"

run init
printf 'id,name,country,level\n1,Quetigny,FR,municipality\n2,Koulikoro,ML,municipality\n3,Bous,DE,municipality\n' >auth.csv
printf 'id,kind,status,members,start_date\n10,decentralised_cooperation,active,1|2,1990-01-01\n11,twinning,active,1|3,1996-05-01\n' >part.csv
printf 'id,title,authority_id,partnership_id,type,status\n30,Water,1,10,project,2\n31,Standalone mission,3,,mission,2\n' >act.csv
run import csv auth.csv part.csv act.csv
expect_rc 0 "a small database: Quetigny-Koulikoro (10), Quetigny-Bous (11), actions 30 and 31"
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
EALA_PASSWORD=partner-pass run user add pa --role partner_contributor --authority 2
EALA_PASSWORD=bous-editor run user add be --role editor --authority 3
EALA_PASSWORD=viewer-pass run user add vi --role viewer
EALA_PASSWORD=admin-pass1 run user add ad --role admin
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
PA=$(login pa partner-pass)
BE=$(login be bous-editor)
VI=$(login vi viewer-pass)
AD=$(login ad admin-pass1)

# an expected impact with two indicators, baselines and targets per period
EXP='{"partnership_id":10,"action_id":30,"category":"sociocultural.openness","side":"partner",
 "description":"Pupils of Koulikoro learn about Quetigny",
 "indicators":[{"title":"Pupils in exchanges","unit":"pupils","measure":"1","baseline":0,"baseline_date":"2022-01-01",
   "periods":[{"start":"2023-01-01","end":"2023-12-31","target":40},{"start":"2024-01-01","end":"2024-12-31","target":60}]},
  {"title":"Teachers trained","unit":"teachers","cumulative":true,"periods":[{"start":"2024-01-01","end":"2024-12-31","target":5}]}]}'
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" -d "$EXP"
same "$code" "201" "Quetigny's editor adds an expected impact to its partnership"
E1=$(json "j['id']")
I1=$(json "j['indicators'][0]['id']")
I2=$(json "j['indicators'][1]['id']")
same "$(json "len(j['indicators']), [len(i['periods']) for i in j['indicators']], j['indicators'][1]['cumulative']")" \
	"2 [2, 1] True" "with its indicators and their periods"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $PA" -d "$EXP"
same "$code" "403" "a partner contributor does not set what is expected"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $BE" -d "$EXP"
same "$code" "403" "nor does the editor of an authority outside the partnership"
get /api/v1/expected_impacts -X POST -d "$EXP"
same "$code" "401" "nor anyone without a session"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" -d '{"partnership_id":10,"action_id":31,"category":"fun","side":"moon",
 "indicators":[{"unit":"x","periods":[{"start":"2024-02-30","end":"2023-01-01"},{"start":"2024-02-30","end":"2024-12-31"}]}]}'
same "$code" "422" "an expected impact with problems is refused"
same "$(json "sorted(e['field'] for e in j['errors'])")" \
	"['action_id', 'category', 'description', 'indicators[0].periods[0].start', 'indicators[0].periods[1].start', 'indicators[0].periods[1].start', 'indicators[0].title', 'side']" \
	"and every problem names its field, down to the period"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" -d '{"partnership_id":10,"indicators":[7,{"periods":{}}],"colour":1}'
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "422 ['colour', 'indicators[0].', 'indicators[1].periods']" \
	"so does a malformed one"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" -d '{"partnership_id":999,"category":"economic.jobs","side":"home","description":"x"}'
same "$code $(json "[e['field'] for e in j['errors']]")" "422 ['partnership_id']" "a missing partnership is named"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" -d '{"category":"economic.jobs","side":"home","description":"x"}'
same "$code $(json "[e['field'] for e in j['errors']]")" "422 ['partnership']" "a result belongs to a partnership or an action"
# an expectation attached to an action only counts for the action's authority
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $BE" \
	-d '{"action_id":31,"category":"economic.exports","side":"home","description":"Contracts for Bous firms"}'
same "$code" "201" "Bous's editor adds an expected impact to its standalone action"
E2=$(json "j['id']")
get "/api/v1/analysis/gap?authority=3"
same "$(json "j['expected']")" "1" "and the gap analysis of Bous counts it"

get "/api/v1/expected_impacts?partnership=10"
same "$code $(json "j['total'], j['items'][0]['description']")" "200 1 Pupils of Koulikoro learn about Quetigny" "the expected impacts of a partnership"
get "/api/v1/expected_impacts?authority=1"
same "$(json "[i['id'] for i in j['items']]")" "[$E1]" "of an authority"
get "/api/v1/expected_impacts?action=31"
same "$(json "[i['id'] for i in j['items']]")" "[$E2]" "of an action"
get "/api/v1/expected_impacts?authority=x"
same "$code" "400" "a bad filter is a 400"
get "/api/v1/expected_impacts/$E1"
same "$code $(json "j['indicators'][0]['periods'][1]['target']")" "200 60.0" "one expected impact"
get /api/v1/expected_impacts/999
same "$code" "404" "a missing one is a 404"

# change: a description; indicators given with their ids keep them; one dropped
get "/api/v1/expected_impacts/$E1" -X PUT -H "Authorization: Bearer $ED" -d "{\"description\":\"Pupils of both towns exchange\",
 \"indicators\":[{\"id\":$I1,\"title\":\"Pupils in exchanges\",\"unit\":\"pupils\",\"baseline\":0,
 \"periods\":[{\"start\":\"2023-01-01\",\"end\":\"2023-12-31\",\"target\":40},{\"start\":\"2024-01-01\",\"end\":\"2024-12-31\",\"target\":50}]},
 {\"title\":\"Letters exchanged\",\"periods\":[{\"start\":\"2024-01-01\",\"end\":\"2024-12-31\",\"target\":100}]}]}"
same "$code" "200" "the editor changes the expected impact"
same "$(json "j['description'], j['indicators'][0]['id'] == $I1, [i['title'] for i in j['indicators']], j['indicators'][0]['periods'][1]['target']")" \
	"Pupils of both towns exchange True ['Pupils in exchanges', 'Letters exchanged'] 50.0" \
	"an indicator kept keeps its id, one left out goes, a new one is added"
I3=$(json "j['indicators'][1]['id']")
get "/api/v1/expected_impacts/$E1" -X PUT -H "Authorization: Bearer $PA" -d '{"description":"x"}'
same "$code" "403" "a partner contributor does not change the expectation itself"

# actual values: the partner reports the partner side's impact
ACT="{\"values\":[{\"indicator_id\":$I1,\"start\":\"2023-01-01\",\"actual\":45},{\"indicator_id\":$I1,\"start\":\"2024-01-01\",\"actual\":30}]}"
get "/api/v1/expected_impacts/$E1/actuals" -X PUT -H "Authorization: Bearer $PA" -d "$ACT"
same "$code $(json "[p.get('actual') for p in j['indicators'][0]['periods']]")" "200 [45.0, 30.0]" \
	"Koulikoro's partner contributor reports the actual values of its side's impact"
get "/api/v1/expected_impacts/$E1/actuals" -X PUT -H "Authorization: Bearer $PA" \
	-d "{\"values\":[{\"indicator_id\":9999,\"start\":\"2024-01-01\",\"actual\":1},{\"indicator_id\":$I1,\"start\":\"2025-01-01\",\"actual\":1},{\"start\":\"x\"}],\"extra\":1}"
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "422 ['extra', 'values[0]', 'values[1]', 'values[2]']" \
	"an indicator it does not have, a period it does not have and a malformed value are each named"
get "/api/v1/expected_impacts/$E1/actuals" -X PUT -H "Authorization: Bearer $BE" -d "$ACT"
same "$code" "403" "an authority outside the partnership reports nothing"
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" \
	-d '{"partnership_id":10,"category":"economic.attractiveness","side":"home","description":"Quetigny firms find markets",
	 "indicators":[{"title":"Contracts","periods":[{"start":"2024-01-01","end":"2024-12-31","target":3}]}]}'
E3=$(json "j['id']")
I4=$(json "j['indicators'][0]['id']")
get "/api/v1/expected_impacts/$E3/actuals" -X PUT -H "Authorization: Bearer $PA" \
	-d "{\"values\":[{\"indicator_id\":$I4,\"start\":\"2024-01-01\",\"actual\":9}]}"
same "$code" "403" "the partner does not report the home side's impact"
get "/api/v1/expected_impacts/$E3/actuals" -X PUT -H "Authorization: Bearer $ED" \
	-d "{\"values\":[{\"indicator_id\":$I4,\"start\":\"2024-01-01\",\"actual\":1}]}"
same "$code" "200" "the home side does"

# the gap analysis reads the targets: 2023 met (45 of 40), 2024 not (30 of
# 50), contracts not (1 of 3): 1 of 3 targets met
get "/api/v1/analysis/gap?authority=1"
same "$(json "j['targets'], j['targets_met']")" "3 1" "the gap analysis counts the targets met: 1 of 3"

# observed outcomes, each side its own; changes and deletions by side
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $PA" \
	-d "{\"partnership_id\":10,\"expected_id\":$E1,\"category\":\"sociocultural.openness\",\"side\":\"partner\",\"description\":\"Letters from Koulikoro\",\"date\":\"2024-05-01\"}"
same "$code $(json "j['reported_by'], j['reporter'], j['unexpected']")" "201 partner pa False" \
	"the partner reports an outcome of an expectation: its side and login are recorded"
O1=$(json "j['id']")
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $ED" \
	-d '{"partnership_id":10,"category":"sociocultural.openness","side":"home","description":"A concert in Quetigny","date":"2024-06-01"}'
same "$code $(json "j['reported_by'], j['reporter'], j['unexpected']")" "201 home ed True" \
	"the home side reports an unexpected outcome"
O2=$(json "j['id']")
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $ED" \
	-d "{\"partnership_id\":11,\"expected_id\":$E1,\"category\":\"economic.jobs\",\"side\":\"home\",\"description\":\"x\"}"
same "$code $(json "[e['field'] for e in j['errors']]")" "422 ['expected_id']" "an outcome cannot answer another partnership's expectation"
get "/api/v1/observed_outcomes/$O2" -X PUT -H "Authorization: Bearer $PA" -d '{"description":"changed by the partner"}'
same "$code" "403" "the partner does not change the home side's outcome"
get "/api/v1/observed_outcomes/$O1" -X PUT -H "Authorization: Bearer $PA" -d '{"description":"Letters and drawings from Koulikoro"}'
same "$code $(json "j['description'], j['reported_by'], j['reporter']")" "200 Letters and drawings from Koulikoro partner pa" \
	"it changes its own"
get "/api/v1/observed_outcomes/$O1" -X PUT -H "Authorization: Bearer $ED" -d '{"date":"2024-05-02"}'
same "$code $(json "j['reported_by'], j['reporter']")" "200 partner pa" \
	"the home editor may correct it, and who reported it stays"
get "/api/v1/observed_outcomes/$O1"
same "$code $(json "j['date']")" "200 2024-05-02" "one outcome"

# evidence: a document uploaded, read back, replaced, refused when wrong
printf '%%PDF-1.4\n%% evidence of the letters\n' >evidence.pdf
get "/api/v1/observed_outcomes/$O1/evidence?name=letters%20%C3%A9t%C3%A9.pdf" -X PUT -H "Authorization: Bearer $PA" \
	--data-binary @evidence.pdf -H "Content-Type: application/pdf"
same "$code" "200" "the partner uploads a PDF as the evidence of its outcome"
DOC=$(json "j['evidence_document']")
curl -s -D "$T/h" -o "$T/doc" "$URL/documents/$DOC"
cmp -s "$T/doc" evidence.pdf
ok $? "the document reads back byte for byte"
has h "Content-Type: application/pdf" "as a PDF"
has h "attachment; filename=\"document-$DOC.pdf\"; filename*=UTF-8''letters%20%C3%A9t%C3%A9.pdf" \
	"as an attachment with its name"
printf '<html><script>alert(1)</script>' >page.html
get "/api/v1/observed_outcomes/$O1/evidence?name=page.html" -X PUT -H "Authorization: Bearer $PA" --data-binary @page.html
same "$code $(json "[e['field'] for e in j['errors']]")" "422 ['evidence_file']" "an HTML page is not taken as evidence"
get "/api/v1/observed_outcomes/$O1/evidence?name=fake.pdf" -X PUT -H "Authorization: Bearer $PA" --data-binary @page.html
same "$code" "422" "nor a file that says it is a PDF and is not"
get "/api/v1/observed_outcomes/$O2/evidence?name=e.pdf" -X PUT -H "Authorization: Bearer $PA" --data-binary @evidence.pdf
same "$code" "403" "the partner uploads nothing to the home side's outcome"
head -c 17000000 /dev/zero >big.pdf
get "/api/v1/observed_outcomes/$O1/evidence?name=big.pdf" -X PUT -H "Authorization: Bearer $PA" --data-binary @big.pdf
same "$code" "413" "a file over 16 MiB is a 413"
printf '\211PNG\r\n\032\n0000' >photo.png
get "/api/v1/observed_outcomes/$O1/evidence?name=photo.png" -X PUT -H "Authorization: Bearer $PA" --data-binary @photo.png
same "$code" "200" "a photo replaces the PDF"
DOC2=$(json "j['evidence_document']")
get "/documents/$DOC"
same "$code" "404" "and the PDF no outcome cites any more is gone"
get "/documents/$DOC2"
same "$code" "200" "the photo is there"
get "/api/v1/observed_outcomes/$O1/evidence" -X DELETE -H "Authorization: Bearer $PA"
same "$code $(json "'evidence_document' in j")" "200 False" "the partner takes its evidence away"
get "/documents/$DOC2"
same "$code" "404" "and the document goes with it"

# drafts: the results of a draft partnership are hidden from anonymous readers
get /api/v1/partnerships -X POST -H "Authorization: Bearer $AD" -d '{"kind":"decentralised_cooperation","status":"active","members":[1,3],"draft":true}'
DP=$(json "j['id']")
get /api/v1/expected_impacts -X POST -H "Authorization: Bearer $ED" \
	-d "{\"partnership_id\":$DP,\"category\":\"economic.jobs\",\"side\":\"home\",\"description\":\"Hidden\"}"
EH=$(json "j['id']")
get /api/v1/observed_outcomes -X POST -H "Authorization: Bearer $ED" \
	-d "{\"partnership_id\":$DP,\"category\":\"economic.jobs\",\"side\":\"home\",\"description\":\"Hidden\"}"
OH=$(json "j['id']")
printf '%%PDF-1.4\n' >hidden.pdf
get "/api/v1/observed_outcomes/$OH/evidence?name=h.pdf" -X PUT -H "Authorization: Bearer $ED" --data-binary @hidden.pdf
DH=$(json "j['evidence_document']")
get "/api/v1/expected_impacts/$EH"
same "$code" "404" "an anonymous reader does not see a draft partnership's expected impact"
get "/api/v1/observed_outcomes/$OH"
same "$code" "404" "nor its outcome"
get "/documents/$DH"
same "$code" "404" "nor its document"
get "/api/v1/expected_impacts?authority=1"
same "$(json "[i['description'] for i in j['items']].count('Hidden')")" "0" "nor in lists"
get "/api/v1/expected_impacts/$EH" -H "Authorization: Bearer $VI"
same "$code" "200" "a signed-in viewer does"
get "/documents/$DH" -H "Authorization: Bearer $VI"
same "$code" "200" "and its document"

# deletions, audited
get "/api/v1/observed_outcomes/$O2" -X DELETE -H "Authorization: Bearer $PA"
same "$code" "403" "the partner does not delete the home side's outcome"
get "/api/v1/observed_outcomes/$O2" -X DELETE -H "Authorization: Bearer $ED"
same "$code" "200" "the home editor deletes it"
get "/api/v1/expected_impacts/$E1" -X DELETE -H "Authorization: Bearer $PA"
same "$code" "403" "the partner does not delete an expectation"
get "/api/v1/expected_impacts/$E1" -X DELETE -H "Authorization: Bearer $ED"
same "$code" "200" "the editor does"
get "/api/v1/observed_outcomes/$O1"
same "$(json "j.get('expected_id'), j['unexpected']")" "None False" "the outcome that answered it stays, linked to nothing"
get "/api/v1/expected_impacts/$E1"
same "$code" "404" "the expectation is gone"
kill "$PID"
wait "$PID" 2>/dev/null
sqlite3 "$EALA_DB" "SELECT kind || ' ' || operation || ' ' || actor FROM audit_event ORDER BY id" >audit.txt
has audit.txt "expected_impact create ed" "each write is in the audit log, with who made it"
has audit.txt "observed_outcome update pa" "the partner's too"
has audit.txt "expected_impact delete ed" "and deletions"
sqlite3 "$EALA_DB" "PRAGMA foreign_key_check; PRAGMA integrity_check" >check.txt
same "$(cat check.txt)" "ok" "the database is consistent"
finish
