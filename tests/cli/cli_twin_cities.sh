#!/bin/sh
# cli_twin_cities.sh: importing the real twin-city list and malformed variants of it.
. "$(dirname "$0")/lib.sh"

TWINS="$DATA/twin_cities.csv"
run init

run import twin-cities "$TWINS"
expect_rc 0 "the 25,917-pair twin-city list imports"
has out "25,917 rows read, 8 rejected" "every row is read; 8 rows cannot be resolved"
has err "twin_cities.csv:4827: field 'country2': empty country for 'Varna, Bulgaria'" \
	"a skipped row is listed with its line, field and reason"
has err "both ends are the same place: 'Nienburg' and 'Nienburg'" "a town twinned with itself is skipped"
run stats --json
A=$(json "j['authorities']")
P=$(json "j['partnerships']")
same "$P" "24762" "24,762 twinnings once the pairs listed in both directions are merged"
same "$(json "j['twinnings']")" "$P" "they are all of kind twinning"

run import twin-cities "$TWINS"
expect_rc 0 "importing the same file again"
has out "0 created, 51,818 matched" "matches every authority"
has out "partnerships: 0 created" "and creates no partnership"
run stats --json
same "$(json "j['authorities']") $(json "j['partnerships']")" "$A $P" "importing the same file twice changes nothing"

# spellings: one place under several spellings, two places under one
run list authorities --q "saint etienne" --country FR --json
same "$(json "[a['name'] for a in j if a['name'] in ('Saint-Étienne', 'Saint Etienne')]")" \
	"['Saint-Étienne']" "Saint-Étienne and Saint Etienne are one authority"
run list authorities --q furth --country DE --json
same "$(json "sorted(a['name'] for a in j if a['name'] in ('Furth', 'Fürth'))")" "['Furth', 'Fürth']" \
	"Fürth and Furth stay two towns"
run list authorities --q pitesti --json
same "$(json "len(j)")" "1" "Pitești with comma-below and Piteşti with cedilla are one town"
run list authorities --q newport --country GB --json
same "$(json "len(j) >= 2")" "True" "Newport in Wales and Newport in England stay apart"
run list partnerships --q "grenoble" --json
has out '"kind": "twinning"' "twinnings can be found by the name of a town"

# the same format without coordinates
printf 'city1,country1,city2,country2\nQuetigny,France,Bous,Germany\nBous,Germany,Quetigny,France\n' >nocoord.csv
run --db "$T/n.db" init
run --db "$T/n.db" import twin-cities nocoord.csv
expect_rc 0 "a list without coordinate columns imports"
has out "1 created, 1 duplicates merged" "and its reversed pair is merged"

# malformed files are refused whole and change nothing
check_refused() {   # FILE WHAT TEXT [TEXT2]
	run import twin-cities "$1"
	expect_rc 1 "$2 is refused"
	has err "$3" "$2: the message says where and why"
	[ -z "${4:-}" ] || has err "$4" "$2: every problem is reported, not only the first"
	run stats --json
	same "$(json "j['authorities']") $(json "j['partnerships']")" "$A $P" "$2: the database is unchanged"
}
head -100 "$TWINS" >quote.csv
printf '"Lyon,France,45.76,4.83,Beer Sheva,Israel,31.25,34.79\n' >>quote.csv
tail -n +101 "$TWINS" | head -50 >>quote.csv
check_refused quote.csv "an unclosed quote" "quote.csv:101: malformed quoting in the row that starts here"

head -20 "$TWINS" >fields.csv
printf 'Lyon,France,45.76,4.83,Beer Sheva\n' >>fields.csv
printf 'Lyon,France,45.76,4.83,Beer Sheva,Israel,31.25,34.79,extra\n' >>fields.csv
check_refused fields.csv "rows with the wrong number of fields" "fields.csv:21: has 5 fields, the header has 8" \
	"fields.csv:22: has 9 fields"

head -5 "$TWINS" >latin1.csv
printf 'F\374rth,Germany,49.47,11,Limerick,Ireland,52.66,-8.63\n' >>latin1.csv
check_refused latin1.csv "a file that is not UTF-8" "latin1.csv:6: field 1 is not valid UTF-8"

: >empty.csv
check_refused empty.csv "an empty file" "empty.csv: the file is empty"

printf 'town,nation\nLyon,France\n' >header.csv
check_refused header.csv "a file without the twin-city columns" "field 'city1': missing column"

# a 100 MB line
head -3 "$TWINS" >big.csv
python3 -c "import sys; sys.stdout.write('Lyon,France,45.76,4.83,' + 'x' * (100 * 1024 * 1024) + ',Israel,31.25,34.79\n')" >>big.csv
check_refused big.csv "a 100 MB line" "big.csv:4: line is longer than"
rm -f big.csv

# an unknown country is skipped, the rest imports
printf 'city1,country1,city2,country2\nQuetigny,France,Koulikoro,Mali\nAtlantis City,Atlantis,Lyon,France\n' >unknown.csv
run --db "$T/u.db" init
run --db "$T/u.db" import twin-cities unknown.csv
expect_rc 0 "a file with an unknown country imports its other rows"
has err "unknown.csv:3: field 'country1': unknown country 'Atlantis'" "the skipped row is named with its line"
has out "1 created" "the good row is imported"

# --dry-run
run --db "$T/d.db" init
run --db "$T/d.db" import twin-cities "$TWINS" --dry-run
expect_rc 0 "--dry-run"
has out "dry run, nothing written" "--dry-run says it wrote nothing"
run --db "$T/d.db" stats --json
same "$(json "j['authorities']")" "0" "--dry-run leaves the database empty"

finish
