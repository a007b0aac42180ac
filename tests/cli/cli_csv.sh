#!/bin/sh
# cli_csv.sh: importing and exporting authorities, organisations, partnerships
# and actions as CSV (English and French spreadsheets, malformed files, round trip).
. "$(dirname "$0")/lib.sh"

run init

# stats_now: the whole 'stats --json' text, to tell that nothing changed
stats_now() {
	"$EALA" stats --json 2>/dev/null
}

# ---- a valid set, comma separated, English headers, in one command ----
# the region comes after the town that names it as parent; the second
# partnership has no name and is named after its members
cat >en_authorities.csv <<'EOF'
id,name,country,level,population,lat,lng,other_names,parent_id
1001,Quetignyville,FR,municipality,9800,47.31,5.1,Quetigny-ville|QV,1003
1002,Koulikoroville,ML,municipality,40000,12.86,-7.56,,
1003,Région Côte-Est,FR,region,,,,,
EOF
cat >en_organisations.csv <<'EOF'
id,name,iati_type,subtype,country,authority_id
4001,"Association ""Amis de Koulikoroville""",22,association,FR,1001
EOF
cat >en_partnerships.csv <<'EOF'
id,name,kind,status,start_date,members,notes
2001,Quetignyville – Koulikoroville,decentralised_cooperation,active,1990-01-01,1001|1002,"Signed in the ""salle des fêtes"", with the mayor; the council
voted it the week before"
2002,,twinning,planned,,1001|1002,
EOF
cat >en_actions.csv <<'EOF'
id,title,authority_id,partnership_id,type,status,domains,countries,start_date,sdgs,participants
3001,Water wells in Koulikoroville,1001,2001,project,2,water_sanitation|health,ML,2020-03-01,6,organisation:4001:4|authority:1002:2
3002,Youth exchange,1001,2002,youth_mobility,1,education_youth,ML,,,
EOF

run import csv en_authorities.csv en_organisations.csv en_partnerships.csv en_actions.csv
expect_rc 0 "authorities, organisations, partnerships and actions files import in one command"
has out "4 files, 8 rows" "the report counts the files and rows"
has out "authorities 3 created" "and the records created of each kind"
run stats --json
same "$(json "j['authorities'], j['organisations'], j['partnerships'], j['actions']")" "3 1 2 2" \
	"stats count the imported records"
run show partnership 2001 --json
expect_rc 0 "show partnership of an imported id"
same "$(json "j['members']")" "[1001, 1002]" "the partnership has its two members"
same "$(json "j['notes']")" "Signed in the \"salle des fêtes\", with the mayor; the council
voted it the week before" "a quoted field with quotes, commas and a line break is read whole"
run show partnership 2002 --json
same "$(json "j['name']")" "Quetignyville – Koulikoroville" "a partnership without a name is named after its members"
run show authority 1001 --json
same "$(json "j['parent_id'], j['other_names']")" "1003 ['Quetigny-ville', 'QV']" \
	"a parent given later in the file and a '|' list of other names are kept"
run list actions --domain water_sanitation --json
expect_rc 0 "list actions --domain"
same "$(json "[a['id'] for a in j]")" "[3001]" "the water action is found by its domain, the other is not"
run show action 3001 --json
same "$(json "[(p.get('organisation_id'), p.get('authority_id'), p['role']) for p in j['participants']]")" \
	"[(4001, None, '4'), (None, 1002, '2')]" "participants organisation:ID:ROLE|authority:ID:ROLE are read"

# ---- the same kind of data as a French spreadsheet writes it ----
# UTF-8 BOM, ';', CRLF, French header names with accents and spaces,
# DD/MM/YYYY dates, decimal comma, lower-case country, oui for yes
printf '\357\273\277Id;Nom;Pays;Niveau;Population;Latitude;Longitude;Autres noms\r\n' >fr_collectivites.csv
printf '11;Dijonville;fr;municipality;155000;47,32;5,04;Dijon-ville\r\n' >>fr_collectivites.csv
printf '12;Bousdorf;DE;municipality;7000;49,28;6,8;\r\n' >>fr_collectivites.csv
printf '\357\273\277Id;Nom;Type;Statut;Date de début;Date de fin;Membres;Convention signée\r\n' >fr_partenariats.csv
printf '21;Dijonville – Bousdorf;twinning;ended;05/03/1995;31/12/2019;11|12;15/06/1995\r\n' >>fr_partenariats.csv
printf '\357\273\277Id;Titre;Collectivité;Partenariat;Type;Statut;Date de début;Domaines;Pays;Participation citoyenne\r\n' >fr_actions.csv
printf '31;Échange de jeunes;11;21;youth_mobility;3;1/7/2018;education_youth|sport;de;oui\r\n' >>fr_actions.csv

run import csv fr_collectivites.csv fr_partenariats.csv fr_actions.csv
expect_rc 0 "a French spreadsheet export (BOM, ';', French headers, DD/MM/YYYY, decimal comma) imports"
run show authority 11 --json
same "$(json "j['name'], j['country'], j['lat'], j['lng'], j['population']")" "Dijonville FR 47.32 5.04 155000" \
	"the first column is read despite the BOM; decimal commas and lower-case country are understood"
run show partnership 21 --json
same "$(json "j['start_date'], j['end_date'], j['agreement_signed']")" "1995-03-05 2019-12-31 1995-06-15" \
	"DD/MM/YYYY dates come back as YYYY-MM-DD (day first, as in France)"
run show action 31 --json
same "$(json "j['title'], j['start_date'], j['countries'], j['citizen_participation']")" \
	"Échange de jeunes 2018-07-01 ['DE'] True" "D/M/YYYY without leading zeros, 'pays' and 'oui' are read"

# ---- malformed files: refused whole, every problem named, nothing written ----
S=$(stats_now)
# check_refused FILE WHAT TEXT [TEXT2...]: the import of FILE fails, stderr has every TEXT
check_refused() {
	f=$1 what=$2
	shift 2
	run import csv "$f"
	expect_rc 1 "$what is refused"
	has err "$1" "$what: the message names the file, the line and the problem"
	shift
	for t in "$@"; do
		has err "$t" "$what: every problem is reported, not only the first ($t)"
	done
	has err "nothing imported" "$what: says nothing was imported"
	same "$(stats_now)" "$S" "$what: the database is unchanged"
}
H='id,name,country,level,population,lat,lng'

{ echo "$H"; echo '1101,Alpha,FR,municipality,1,,'; echo '1102,"Beta,FR,municipality,1,,'
  echo '1103,Gamma,FR,municipality,1,,'; } >quote.csv
check_refused quote.csv "an unclosed quote" "quote.csv:3: a quoted field opened here is never closed"

{ echo "$H"; echo '1101,Alpha,FR,municipality,1,,'; echo '1102,Beta,FR,municipality'
  echo '1103,Gamma,FR,municipality,1,,,extra'; } >fields.csv
check_refused fields.csv "rows with the wrong number of fields" "fields.csv:3: has 4 fields, the header has 7" \
	"fields.csv:4: has 8 fields, the header has 7"

{ echo "$H"; echo '1101,Alpha,FR,municipality,1,,'; echo '1102,Beta,XX,municipality,1,,'; } >country.csv
check_refused country.csv "an unknown country code" "country.csv:3: field 'country': is not a code of the country list: 'XX'"

{ echo 'id,name,kind,status,start_date,end_date,members'
  echo '2101,A,economic,active,2021-02-30,,1001|1002'
  echo '2102,B,friendship,ended,,31/04/2021,1001|1002'; } >date.csv
check_refused date.csv "an impossible date" \
	"date.csv:2: field 'start_date': is not a valid date (YYYY-MM-DD): '2021-02-30'" \
	"date.csv:3: field 'end_date'"

{ echo "$H"; echo '1101,Alpha,FR,municipality,1,,'; printf '1102,F\374rth,DE,municipality,1,,\n'; } >latin1.csv
check_refused latin1.csv "a Latin-1 file (not UTF-8)" "latin1.csv:3: field 2 is not valid UTF-8"

: >empty.csv
check_refused empty.csv "an empty file" "empty.csv: the file is empty"

{ echo "$H"; echo '1101,Alpha,FR,municipality,1,,'; } >big.csv
python3 -c "import sys; sys.stdout.write('1102,' + 'x' * (100 * 1024 * 1024) + ',FR,municipality,1,,\n')" >>big.csv
check_refused big.csv "a 100 MB line" "big.csv:3: line is longer than"
rm -f big.csv

{ echo "$H,colour"; echo '1101,Alpha,FR,municipality,1,,,blue'; } >unknowncol.csv
check_refused unknowncol.csv "an unknown column" "unknowncol.csv:1: field 'colour': unknown column for authorities"

{ echo 'id,name,kind,status,members'; echo '2101,X,economic,active,1001|9999'; } >ref.csv
check_refused ref.csv "a reference to a missing authority" \
	"ref.csv:2: field 'members': authority #9999 does not exist"

{ echo "$H"; echo '1101,Alpha,XX,municipality,1,,'; echo '1102,Beta,FR,village,1,,'
  echo '1103,Gamma,FR,municipality,many,,'; echo '1104,Delta,FR,municipality,1,95,3'
  echo '1105,Epsilon,FR,municipality,1,,'; } >several.csv
check_refused several.csv "a file with several problems" "several.csv:2: field 'country'" \
	"several.csv:3: field 'level'" "several.csv:4: field 'population'" "several.csv:5: field 'lat'" \
	"4 problems"
run show authority 1105
expect_rc 1 "the good row of a refused file is not written"

# ---- --dry-run ----
printf 'id,name,country,level\n1201,Dryville,FR,municipality\n' >dry.csv
run import csv dry.csv --dry-run
expect_rc 0 "--dry-run on a valid file"
has out "dry run, nothing written" "--dry-run says it wrote nothing"
has out "authorities 1 created" "and what it would have done"
same "$(stats_now)" "$S" "--dry-run leaves the database unchanged"
run show authority 1201
expect_rc 1 "the dry-run record is not there"

# ---- several files: all or nothing ----
printf 'id,name,country,level\n1301,Goodville,FR,municipality\n' >good.csv
run import csv good.csv country.csv
expect_rc 1 "a good file and a bad file in one command are refused"
has err "country.csv:3:" "the bad file is named"
same "$(stats_now)" "$S" "and the good file is not written either"
run show authority 1301
expect_rc 1 "the good file's record is not there"
run import csv several.csv country.csv
expect_rc 1 "two bad files"
has err "several.csv:5:" "problems of the first file are reported"
has err "country.csv:3:" "and of the second"

# ---- export and round trip ----
run export csv authorities
expect_rc 0 "export csv authorities to stdout"
same "$(head -1 "$T/out")" "id,name,other_names,country,level,official_code,population,lat,lng,parent_id,overseas,source,illustrative,notes" \
	"the export starts with the English header line"
has out "1003,Région Côte-Est,,FR,region," "and has the records"

run export csv -o exp
expect_rc 0 "export csv -o DIR"
for k in authorities organisations partnerships actions expected_impacts observed_outcomes stakeholder_links; do
	[ -s "exp/$k.csv" ]
	ok $? "export csv -o DIR writes $k.csv"
done
has out "wrote exp/actions.csv" "export says what it wrote"

run --db "$T/other.db" init
run --db "$T/other.db" import csv exp/*.csv
expect_rc 0 "the exported files import into a new database"
has out "7 files, 12 rows" "every exported row is read (the results chain's and the links' files have no rows)"
run --db "$T/other.db" stats --json
same "$(json "j['authorities'], j['organisations'], j['partnerships'], j['actions']")" "5 1 3 3" \
	"the new database has every record"
run --db "$T/other.db" export csv -o exp2
expect_rc 0 "export from the new database"
for k in authorities organisations partnerships actions; do
	cmp -s "exp/$k.csv" "exp2/$k.csv"
	ok $? "round trip: $k.csv exported again is byte-identical"
done

# importing an export into the database it came from updates in place
run import csv exp/*.csv
expect_rc 0 "re-importing an export into its own database"
has out "authorities 0 created, 5 updated" "updates the records instead of adding copies"
run export csv -o exp3
for k in authorities organisations partnerships actions; do
	cmp -s "exp/$k.csv" "exp3/$k.csv"
	ok $? "re-import changed nothing in $k"
done

# an update through a file with only some columns keeps the others
run --db "$T/upd.db" init
printf 'id,name,country,level,official_code,population,lat,lng\n7,Quetigny,FR,municipality,21515,9600,47.31,5.11\n' >upd1.csv
run --db "$T/upd.db" import csv upd1.csv
printf 'id,name,country,level\n7,Quetigny (Côte-d'"'"'Or),FR,municipality\n' >upd2.csv
run --db "$T/upd.db" import csv upd2.csv
expect_rc 0 "a file with only some columns updates a record"
run --db "$T/upd.db" show authority 7 --json
same "$(json "j['name'], j['official_code'], j['population'], j['lat']")" \
	"Quetigny (Côte-d'Or) 21515 9600 47.31" "columns the file does not have keep their values"
printf 'id,name,country,level,population\n7,Quetigny,FR,municipality,\n' >upd3.csv
run --db "$T/upd.db" import csv upd3.csv
run --db "$T/upd.db" show authority 7 --json
same "$(json "'population' in j, j['official_code']")" "False 21515" "an empty cell clears that field only"

# a row without id whose country and official code are known updates that authority
run --db "$T/code.db" init
printf 'name,country,level,official_code,population\nChambéry,FR,municipality,73065,59000\n' >code1.csv
run --db "$T/code.db" import csv code1.csv
printf 'nom;pays;niveau;code_officiel;population\nChambéry;fr;municipality;73065;60000\n' >code2.csv
run --db "$T/code.db" import csv code2.csv
has out "0 created, 1 updated" "a row with a known official code updates the authority"
run --db "$T/code.db" list authorities --json
same "$(json "[(a['name'], a['population']) for a in j]")" "[('Chambéry', 60000)]" \
	"and does not add the same place twice"

finish
