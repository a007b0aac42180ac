#!/bin/sh
# cli_results_csv.sh: the results chain as CSV: expected impacts (one row per
# indicator period) and observed outcomes, imported, checked by the gap
# analysis, refused with every problem named, updated by id, exported and
# imported back byte for byte, and through the web import page.
. "$(dirname "$0")/lib.sh"

run init

stats_now() {
	"$EALA" stats --json 2>/dev/null
}

# ---- the records the results belong to ----
cat >authorities.csv <<'EOF'
id,name,country,level
1,Quetigny,FR,municipality
2,Koulikoro,ML,municipality
3,Bous,DE,municipality
EOF
cat >partnerships.csv <<'EOF'
id,kind,status,members
10,decentralised_cooperation,active,1|2
11,twinning,active,1|3
EOF
cat >actions.csv <<'EOF'
id,title,authority_id,partnership_id,type,status
20,School support in Koulikoro,1,10,project,2
21,Youth exchange with Bous,1,11,youth_mobility,2
EOF

# two impacts: one with two indicators (three periods), one without indicator
# and without id (its rows would be grouped by partnership, action, category,
# side and description); two outcomes, one linked to impact 100, one unexpected
cat >impacts.csv <<'EOF'
id,partnership_id,action_id,category,side,description,indicator,unit,measure,ascending,cumulative,baseline,baseline_date,period_start,period_end,target,actual,source
100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,teachers,1,1,1,0,2019-12-31,2020-01-01,2020-12-31,20,25,plan 2020
100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,teachers,1,1,1,0,2019-12-31,2021-01-01,2021-12-31,40,30,plan 2020
100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Dropout rate,%,2,0,0,12.5,2019-12-31,2021-01-01,2021-12-31,10,9.5,plan 2020
,11,,economic.tourism,home,More visitors from Bous,,,,,,,,,,,,
EOF
cat >outcomes.csv <<'EOF'
id,partnership_id,action_id,expected_id,category,side,reported_by,description,date,evidence_url,source
200,10,20,100,sociocultural.capacities,partner,partner,25 teachers trained,2020-12-15,https://example.org/report.pdf,
201,11,,,sociocultural.openness,home,home,Pupils' exchange with Bous,2021-06-01,,
EOF

run import csv authorities.csv partnerships.csv actions.csv impacts.csv outcomes.csv
expect_rc 0 "expected impacts and observed outcomes import with the records they refer to, in one command"
has out "5 files, 13 rows" "every row is counted"
has out "expected_impacts 2 created, 0 updated; observed_outcomes 2 created, 0 updated;" \
	"four rows make one impact, one row another; two outcomes"
run stats --json
same "$(json "j['expected_impacts'], j['observed_outcomes']")" "2 2" "stats count them"
same "$(sqlite3 "$EALA_DB" "SELECT json_extract(after, '\$.created.expected_impacts'), json_extract(after, '\$.created.observed_outcomes') FROM audit_event WHERE operation = 'import' ORDER BY id DESC LIMIT 1")" \
	"2|2" "the import's audit event counts them"

run export csv expected_impacts
expect_rc 0 "export csv expected_impacts"
cat >want.csv <<'EOF'
id,partnership_id,action_id,category,side,description,indicator,unit,measure,ascending,cumulative,baseline,baseline_date,period_start,period_end,target,actual,source,illustrative
100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,teachers,1,1,1,0,2019-12-31,2020-01-01,2020-12-31,20,25,plan 2020,
100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,teachers,1,1,1,0,2019-12-31,2021-01-01,2021-12-31,40,30,plan 2020,
100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Dropout rate,%,2,0,0,12.5,2019-12-31,2021-01-01,2021-12-31,10,9.5,plan 2020,
101,11,,economic.tourism,home,More visitors from Bous,,,,,,,,,,,,import:impacts.csv,
EOF
cmp -s "$T/out" want.csv
ok $? "the export has one row per period, the impact without indicator one row, the new impact an id"
[ $? -eq 0 ] || diff want.csv "$T/out" | sed 's/^/# /'
run export csv observed_outcomes
has out "200,10,20,100,sociocultural.capacities,partner,partner,25 teachers trained,2020-12-15,https://example.org/report.pdf,import:outcomes.csv," \
	"the outcomes export has every column"
has out "201,11,,,sociocultural.openness,home,home,Pupils' exchange with Bous,2021-06-01,,import:outcomes.csv," \
	"an outcome without expectation"

# the gap analysis of Quetigny (member of both partnerships), by hand:
#  targets: 2020 teachers 25 >= 20 met; 2021 teachers 30 < 40 not met;
#  2021 dropout 9.5 <= 10 met (descending) -> 3 targets, 2 met;
#  impact 101 has no indicator; no outcome is linked to 101; outcome 201 is
#  unexpected; one outcome reported at home, one by the partner
run analyze gap --authority 1 --json
expect_rc 0 "analyze gap"
same "$(json "j['expected'], j['observed'], j['targets'], j['targets_met'], j['without_indicator'], j['without_evidence'], j['unexpected'], j['reported_home'], j['reported_partner']")" \
	"2 2 3 2 1 1 1 1 1" "the gap analysis counts what the files gave (targets met, unexpected outcomes...)"

# ---- a French spreadsheet: BOM, ';', CRLF, French headers, DD/MM/YYYY, decimal comma ----
printf '\357\273\277Id;Partenariat;Action;Catégorie;Côté;Description;Indicateur;Unité;Mesure;Croissant;Cumulatif;Valeur de référence;Date de référence;Début de période;Fin de période;Cible;Réel\r\n' >impacts_fr.csv
printf ';11;21;economic.tourism;both;Nuitées de visiteurs de Bous;Nuitées;nuits;1;oui;non;120,5;31/12/2019;1/1/2022;31/12/2022;150,5;160,25\r\n' >>impacts_fr.csv
printf '\357\273\277Id;Partenariat;Action;Impact attendu;Catégorie;Côté;Signalé par;Description;Date;Preuve\r\n' >resultats_fr.csv
printf ';11;;;sociocultural.openness;partner;partner;Classe bilingue ouverte;05/09/2022;\r\n' >>resultats_fr.csv
run import csv impacts_fr.csv resultats_fr.csv
expect_rc 0 "a French spreadsheet of impacts and outcomes imports"
has out "expected_impacts 1 created, 0 updated; observed_outcomes 1 created, 0 updated;" "told apart by their headers"
run export csv expected_impacts
has out "102,11,21,economic.tourism,both,Nuitées de visiteurs de Bous,Nuitées,nuits,1,1,0,120.5,2019-12-31,2022-01-01,2022-12-31,150.5,160.25,import:impacts_fr.csv," \
	"French dates, decimal commas and oui/non are read"
run export csv observed_outcomes
has out "202,11,,,sociocultural.openness,partner,partner,Classe bilingue ouverte,2022-09-05,,import:resultats_fr.csv," \
	"the outcome's French date is read"
printf 'categorie;cote;description;partenariat\neconomic.jobs;home;Emplois;11\n' >ambigu.csv
run import csv ambigu.csv --kind "impacts attendus" --dry-run
expect_rc 0 "--kind in French names the kind"
has out "dry run, nothing written: 1 file, 1 row: expected_impacts 1 created" "and a dry run counts without writing"
run import csv ambigu.csv --kind resultats_observes
expect_rc 1 "the wrong --kind is refused"
has err "ambigu.csv:1: field 'reported_by': missing column: observed_outcomes need it" "naming the missing column"
run import csv ambigu.csv --kind budgets
expect_rc 2 "an unknown --kind is a usage error"
has err "expected_impacts, observed_outcomes or stakeholder_links" "the usage names the results' kinds and the links"

# ---- bad rows: refused whole, every problem named with its line and column ----
S=$(stats_now)
run export csv expected_impacts
cp "$T/out" before_e.csv
cat >bad_impacts.csv <<'EOF'
id,partnership_id,action_id,category,side,description,indicator,unit,measure,period_start,period_end,target,actual,colour
300,10,21,economic.jobs,home,Jobs,Jobs created,jobs,7,2020-01-01,2020-02-30,5,x,red
300,10,20,economic.jobs,both,Jobs,Jobs created,jobs,1,2021-01-01,2021-12-31,5,4,red
301,99,,economical,nowhere,Other,,,,,,,,
302,10,,economic,home,Visits,Visits,,1,2021-01-01,2021-12-31,1,1,
302,10,,economic,home,Visits,Visits,,1,2021-01-01,2021-06-30,1,1,
303,10,,economic,home,No title,,persons,,,,,,
304,10,,economic,home,Two units,Jobs,jobs,1,2020-01-01,2020-12-31,1,1,
304,10,,economic,home,Two units,Jobs,posts,1,2021-01-01,2021-12-31,1,1,
EOF
cat >bad_outcomes.csv <<'EOF'
id,partnership_id,action_id,expected_id,category,side,reported_by,description,date,evidence_url
400,11,,100,economic,home,us,Something,31/02/2021,ftp://example.org
401,10,,999,economic,home,home,Else,,
EOF
run import csv bad_impacts.csv bad_outcomes.csv
expect_rc 1 "files with bad rows are refused"
for want in \
	"bad_impacts.csv:1: field 'colour': unknown column for expected_impacts" \
	"bad_impacts.csv:2: field 'actual': is not a number: 'x'" \
	"bad_impacts.csv:2: field 'measure': is not a code of the IndicatorMeasure list: '7'" \
	"bad_impacts.csv:2: field 'period_end': is not a valid date (YYYY-MM-DD): '2020-02-30'" \
	"bad_impacts.csv:2: field 'action_id': action #21 does not belong to partnership #10" \
	"bad_impacts.csv:3: field 'action_id': is '20' here but '21' on line 2, a row of the same expected impact" \
	"bad_impacts.csv:3: field 'side': is 'both' here but 'home' on line 2, a row of the same expected impact" \
	"bad_impacts.csv:3: field 'measure': is '1' here but '7' on line 2, a row of the same indicator" \
	"bad_impacts.csv:4: field 'category': is not a code of the impact-category list: 'economical'" \
	"bad_impacts.csv:4: field 'side': is not a code of the territory-side list: 'nowhere'" \
	"bad_impacts.csv:4: field 'partnership_id': partnership #99 does not exist (neither in the database nor in this import)" \
	"bad_impacts.csv:6: field 'period_start': two periods of an indicator start on the same day: '2021-01-01'" \
	"bad_impacts.csv:7: field 'indicator': is empty, but the row gives values of an indicator or a period" \
	"bad_impacts.csv:9: field 'unit': is 'posts' here but 'jobs' on line 8, a row of the same indicator" \
	"bad_outcomes.csv:2: field 'reported_by': must be 'home' or 'partner': 'us'" \
	"bad_outcomes.csv:2: field 'date': is not a valid date (YYYY-MM-DD): '2021-02-31'" \
	"bad_outcomes.csv:2: field 'evidence_url': is not an http or https address: 'ftp://example.org'" \
	"bad_outcomes.csv:2: field 'expected_id': expected impact #100 belongs to another partnership or action" \
	"bad_outcomes.csv:3: field 'expected_id': expected impact #999 does not exist (neither in the database nor in this import)" \
	"19 problems" "nothing imported"; do
	has err "$want" "named: $want"
done
same "$(stats_now)" "$S" "nothing was written"
run export csv expected_impacts
cmp -s "$T/out" before_e.csv
ok $? "the impacts are as they were"

printf 'id,category,side,description,unit\n100,economic,home,x,teachers\n' >noind.csv
run import csv noind.csv
expect_rc 1 "an indicator's column without the indicator column is refused"
has err "noind.csv:1: field 'unit': needs the column 'indicator'" "and says which column it needs"

# a good results file with a bad records file: nothing of either is written
printf 'id,name,country,level\n4,Dijon,XX,municipality\n' >bad_auth.csv
printf 'partnership_id,category,side,description\n11,economic,home,Good one\n' >good_impacts.csv
run import csv bad_auth.csv good_impacts.csv
expect_rc 1 "a good impacts file beside a bad authorities file"
same "$(stats_now)" "$S" "is not written either: one transaction for every kind"

# ---- update by id ----
sqlite3 "$EALA_DB" "SELECT id FROM indicator WHERE expected_impact_id = 100 AND title = 'Teachers trained'" >ind_before
# no target column: the targets stay; Dropout rate is not in the file: it goes
cat >update.csv <<'EOF'
id,category,side,description,indicator,period_start,period_end,actual
100,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,2020-01-01,2020-12-31,25
100,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,2021-01-01,2021-12-31,42
EOF
printf 'id,category,side,reported_by,description\n201,sociocultural.openness,home,home,Pupils and teachers exchange with Bous\n' >update_o.csv
run import csv update.csv update_o.csv
expect_rc 0 "rows with the id of an impact and of an outcome update them"
has out "expected_impacts 0 created, 1 updated; observed_outcomes 0 created, 1 updated;" "updated, not added"
run export csv expected_impacts
has out "100,10,20,sociocultural.capacities,partner,Teachers trained in Koulikoro,Teachers trained,teachers,1,1,1,0,2019-12-31,2021-01-01,2021-12-31,40,42,plan 2020," \
	"columns the file lacks keep their values (partnership, target, unit...), the actual changes"
hasnt out "Dropout rate" "an indicator the file does not give is removed"
same "$(sqlite3 "$EALA_DB" "SELECT id FROM indicator WHERE expected_impact_id = 100 AND title = 'Teachers trained'")" \
	"$(cat ind_before)" "the indicator keeps its id (its periods updated in place)"
run export csv observed_outcomes
has out "201,11,,,sociocultural.openness,home,home,Pupils and teachers exchange with Bous,2021-06-01,,import:outcomes.csv," \
	"the outcome's description changes, its other columns stay"
# by hand again: teachers 25 >= 20, 42 >= 40 (both met); dropout gone; 102: 160.25 >= 150.5
run analyze gap --authority 1 --json
same "$(json "j['targets'], j['targets_met']")" "3 3" "the gap analysis follows the update"

# ---- round trip ----
run export csv -o exp
expect_rc 0 "export csv -o DIR"
has out "wrote exp/expected_impacts.csv" "writes the expected impacts"
has out "wrote exp/observed_outcomes.csv" "and the observed outcomes"
run --db "$T/other.db" init
run --db "$T/other.db" import csv exp/*.csv
expect_rc 0 "the export imports into a new database"
has out "expected_impacts 3 created, 0 updated; observed_outcomes 3 created, 0 updated;" "every impact and outcome"
run --db "$T/other.db" export csv -o exp2
for k in expected_impacts observed_outcomes; do
	cmp -s "exp/$k.csv" "exp2/$k.csv"
	ok $? "round trip: $k.csv exported again is byte-identical"
done
run import csv exp/expected_impacts.csv exp/observed_outcomes.csv
expect_rc 0 "an export imported into its own database"
has out "expected_impacts 0 created, 3 updated; observed_outcomes 0 created, 3 updated;" "updates in place"
run export csv -o exp3
for k in expected_impacts observed_outcomes; do
	cmp -s "exp/$k.csv" "exp3/$k.csv"
	ok $? "and changes nothing in $k"
done

# ---- the web import page takes the same files (admins only) ----
EALA_PASSWORD=admin-pass1 run user add ad --role admin
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
serve
get() {   # get PATH [curl options]: body in $T/out, status in $code
	p=$1
	shift
	code=$(curl -s -o "$T/out" -w '%{http_code}' "$@" "$URL$p")
}
get /login -X POST -c "$T/ajar" --data-urlencode "login=ad" --data-urlencode "password=admin-pass1"
get /import -b "$T/ajar"
ACSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
has out "expected impacts, observed outcomes or local actors&#39;" "the import page names the results' files and the links"
printf 'partnership_id,category,side,description\n11,economic.jobs,home,Jobs in Bous\n' >web_impacts.csv
get /import -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "file=@web_impacts.csv"
same "$code" "200" "an admin imports an impacts file through the page"
has out "1 created, 0 updated expected impacts" "the page says what was created"
get /import -X POST -b "$T/ajar" -F "csrf=$ACSRF" -F "file=@bad_outcomes.csv"
same "$code" "422" "a bad outcomes file is refused"
has out "<li>line 2: <code>reported_by</code>: must be &#39;home&#39; or &#39;partner&#39;: &#39;us&#39;</li>" \
	"with its problems by line and column"
get /login -X POST -c "$T/ejar" --data-urlencode "login=ed" --data-urlencode "password=editor-pass"
get /import -b "$T/ejar"
ECSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
get /import -X POST -b "$T/ejar" -F "csrf=$ECSRF" -F "file=@web_impacts.csv"
same "$code" "403" "an editor cannot import results files"
kill "$PID"
wait "$PID" 2>/dev/null
run stats --json
same "$(json "j['expected_impacts']")" "4" "one impact came through the page, none from the refused or forbidden uploads"

finish
