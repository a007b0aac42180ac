#!/bin/sh
# cli_iati.sh: IATI in and out. The IATI schema's own suite (every should-pass
# file accepted, every should-fail file refused), a small file whose records
# are checked field by field (figures computed by hand), refusals (1.x,
# unknown version, schema errors with their line, all or nothing), a second
# import that updates, and the export: valid against the 2.03 XSDs, and
# export -> import into an empty database -> export gives the same file.
. "$(dirname "$0")/lib.sh"

SUITE=/work/shared/data/iati/tests
FIX="$ROOT/tests/cli/iati"
XSD="$DATA/iati/schema"
run init

# ---- the IATI suite ----
if [ -d "$SUITE" ]; then
	find "$SUITE" -path '*should-pass*' -name '*.xml' | sort >pass.list
	find "$SUITE" -path '*should-fail*' -name '*.xml' | sort >fail.list
	npass=$(wc -l <pass.list | tr -d ' ')
	tr '\n' '\0' <pass.list | xargs -0 "$EALA" import iati --dry-run >"$T/out" 2>"$T/err"
	rc=$?
	expect_rc 0 "the $npass should-pass files of the IATI suite are accepted together"
	has out "dry run, nothing written: $npass files" "all of them read"
	refused=0; accepted=""
	while IFS= read -r f; do
		if "$EALA" import iati --dry-run "$f" >/dev/null 2>"$T/one.err"; then
			accepted="$accepted $f"
		elif grep -q "^$f:[0-9]*: " "$T/one.err"; then
			refused=$((refused + 1))
		else
			accepted="$accepted $f(no line in the message)"
		fi
	done <fail.list
	nfail=$(wc -l <fail.list | tr -d ' ')
	same "$refused" "$nfail" "each of the $nfail should-fail files is refused with a FILE:LINE message"
	[ -z "$accepted" ] || echo "# accepted:$accepted"
	echo "# IATI suite: $npass should-pass accepted, $refused of $nfail should-fail refused"
fi

# ---- a small file, checked by hand ----
cat >authorities.csv <<'CSV'
id,name,country,level
1,Madrid,ES,municipality
2,Koulikoro,ML,municipality
CSV
run import csv authorities.csv
run import iati "$FIX/madrid.xml"
expect_rc 0 "a file with a city council, a foreign town and an NGO imports"
has out "3 activities, 0 organisation records: actions 2 created, 0 updated, 1 left out" \
	"two actions; the ministry's activity has no local government and is left out"
has err "madrid.xml:39: field 'participating-org': activity 'XM-DAC-7-1-99' left out" \
	"the left-out activity is named with its line"
run export csv actions
has out "1,Drinking water in Koulikoro,Wells and a water committee.,,1,project,2,2020-01-15,2022-12-31,,14030,,ML,authority:1:1|authority:2:4|organisation:1:4,,,0,,iati:madrid.xml,,IATI recipient regions: 289" \
	"Ayuntamiento de Madrid is Madrid (a prefix in Spanish), Koulikoro is found by name, the NGO is an organisation; actual start, planned end, DAC sector only, regions in notes"
has out "2,Jumelage scolaire,Échanges de classes.,,3,project,3,2018-09-01,2019-06-30,,,,DE,authority:3:2" \
	"a type-11 organisation with an FR-COG ref becomes a French authority leading its action"
run export csv authorities
has out "3,Ville de Quetigny,,FR,municipality,21515," "its COG code comes from the ref, its level from 'Ville de'"
run export csv organisations
has out "1,Water for All,21,,GB,,iati:madrid.xml" "the NGO keeps its IATI type and the country of its ref"
run export json
# budgets 2020 10000 and 2021 15000 are planned; disbursements 4000 (Madrid: own
# budget) and 1000.5 (European Union: eu_programme) in 2020, expenditure 2500 in
# 2021 (no provider: the funder, Madrid, own budget); the commitment is not an actual
same "$(json "sorted((f['source'], f['year'], f.get('planned'), f.get('actual')) for f in j['financing'])")" \
	"[('eu_programme', 2020, None, 1000.5), ('own_budget', 2020, 10000, 4000), ('own_budget', 2021, 15000, 2500)]" \
	"budgets and transactions become three financing rows by source and year"
same "$(json "[(e['description'], [(i['title'], i['baseline'], [(p['start'], p.get('target'), p.get('actual')) for p in i['periods']]) for i in e['indicators']]) for e in j['expected_impacts']]")" \
	"[('Households connected', [('Households with a tap', 0, [('2020-01-01', 100, 80), ('2021-01-01', 200, None)])])]" \
	"the result becomes an expected impact with its indicator, baseline and periods"

# ---- a second import updates ----
run import iati "$FIX/madrid.xml"
expect_rc 0 "importing the file again works"
has out "actions 0 created, 2 updated" "it updates the two actions instead of adding them again"
run stats --json
same "$(json "(j['actions'], j['financing'], j['expected_impacts'])")" "(2, 3, 1)" \
	"financing rows and results are replaced, not doubled"

# ---- refusals ----
sed 's/version="2.03"/version="1.05"/' "$FIX/madrid.xml" >old.xml
run import iati old.xml
expect_rc 1 "a 1.x file is refused"
has err "old.xml:4: field 'version': IATI 1.05 is a 1.x file, which eala does not read: convert it to IATI 2.03 first" \
	"and the message says so"
sed 's/version="2.03"/version="2.04"/' "$FIX/madrid.xml" >new.xml
run import iati new.xml
expect_rc 1 "an unknown version is refused"
has err "IATI version 2.04 is not supported: eala reads versions 2.01 to 2.03" "with its reason"
sed 's/<activity-status code="2"\/>/<activity-status code="2"\/><bogus\/>/; s/<sector vocabulary="2" code="140"\/>//; s/type="11"><narrative>Koulikoro/type="11" role2="x"><narrative>Koulikoro/' \
	"$FIX/madrid.xml" >bad.xml
run stats --json
before=$(json "j['actions']")
run import iati "$FIX/madrid.xml" bad.xml
expect_rc 1 "a file with schema errors is refused, with the good file beside it"
has err "bad.xml:11: Element 'participating-org', attribute 'role2': The attribute 'role2' is not allowed." \
	"the first schema error with its line"
has err "bad.xml:13: Element 'bogus'" "and the second one: every error at once"
has err "nothing imported" "nothing imported"
run stats --json
same "$(json "j['actions']")" "$before" "no file of the command was written"
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<iati-activities version="2.03"><iati-activity>&e;</iati-activity></iati-activities>\n' >ent.xml
run import iati ent.xml
expect_rc 1 "an external entity is not expanded: the file is refused"
hasnt err "root:" "and nothing of /etc/passwd comes out"
printf '<html/>\n' >html.xml
run import iati html.xml
expect_rc 1 "a file that is not IATI is refused"
has err "html.xml:1: the root element is <html>" "naming its root"

# ---- export ----
run export iati -o out1.xml
expect_rc 0 "export iati writes the activities"
xmllint --noout --schema "$XSD/iati-activities-schema.xsd" out1.xml 2>"$T/xsd"
ok $? "the export validates against the IATI 2.03 activity schema"
has out1.xml "<iati-identifier>FR-COG-21515-7</iati-identifier>" "an imported activity keeps its identifier"
has out1.xml '<participating-org ref="ML-EALA-A2" type="11" role="4">' \
	"an authority without a ref gets eala's org-id: country, EALA, A and its id"
run export iati organisations -o org1.xml
xmllint --noout --schema "$XSD/iati-organisations-schema.xsd" org1.xml 2>"$T/xsd"
ok $? "the organisation export validates against the organisation schema"
run export iati --authority 3 -o q.xml
same "$(grep -c '<iati-activity>' q.xml)" "1" "--authority exports the actions that authority leads"
run export iati --authority 99
expect_rc 1 "an unknown authority is refused"
run export csv actions --authority 1
expect_rc 0 "--authority filters the CSV export too"
run export iati --country ML
expect_rc 2 "export iati takes --authority and -o only"
has err "export iati takes --authority ID and -o FILE only" "and says so"

# ---- the round trip ----
EALA_DB="$T/empty.db" "$EALA" init >/dev/null
EALA_DB="$T/empty.db" "$EALA" import iati out1.xml org1.xml >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "the export imports into an empty database"
EALA_DB="$T/empty.db" "$EALA" export iati -o out2.xml
cmp -s out1.xml out2.xml
ok $? "exporting it again gives the same file"
EALA_DB="$T/empty.db" "$EALA" export json >"$T/out"
same "$(json "sorted((f['source'], f['year'], f.get('planned'), f.get('actual')) for f in j['financing'])")" \
	"[('eu_programme', 2020, None, 1000.5), ('own_budget', 2020, 10000, 4000), ('own_budget', 2021, 15000, 2500)]" \
	"the financing comes back with its sources"

finish
