#!/bin/sh
# cli_dataset.sh: the demo (twin-city list plus the seeds' cases) and the JSON dataset.
. "$(dirname "$0")/lib.sh"

DEMO="$DATA/demo/demo.json"
# count KEY: how many records of KEY the demo file has
count() {
	python3 -c "import json; print(len(json.load(open('$DEMO')).get('$1', [])))"
}
# the twin-city list gives 24,762 twinnings once the pairs listed both ways are
# merged (cli_twin_cities.sh); the demo's partnerships of another kind cannot
# merge with them
TWINNINGS=24762
NOT_TWINNING=$(python3 -c "import json; print(sum(p['kind'] != 'twinning' for p in json.load(open('$DEMO'))['partnerships']))")

# ---- eala demo ----
run demo
expect_rc 0 "eala demo on a fresh database"
has out "loaded the demo dataset into $EALA_DB" "says it loaded the demo"
has out "twin-city list: 25,917 pairs read" "says it read the twin-city list"
has out "seeds' cases: $(count authorities) authorities, $(count organisations) organisations, $(count partnerships) partnerships, $(count actions) actions" \
	"says how many of the seeds' records it loaded"
run stats --json
S=$(cat "$T/out")
same "$(json "j['partnerships'] >= $TWINNINGS + $NOT_TWINNING")" "True" \
	"stats: the twin-city list's $TWINNINGS twinnings and the demo's $NOT_TWINNING other partnerships"
same "$(json "j['authorities'] > 17000")" "True" "stats: more than 17,000 authorities"
for k in actions organisations expected_impacts observed_outcomes financing strategies; do
	same "$(json "j['$k']")" "$(count $k)" "stats: $k as many as in demo.json"
done

run demo
expect_rc 0 "eala demo a second time"
has out "the demo dataset is already in" "says the demo is already there"
run stats --json
same "$(cat "$T/out")" "$S" "and changes nothing"

# ---- the seeds' cases ----
run list authorities --q quetigny --json
expect_rc 0 "list authorities --q quetigny"
Q=$(json "[a['id'] for a in j if a['name'] == 'Quetigny' and a['country'] == 'FR'][0]" 2>/dev/null)
[ -n "$Q" ]
ok $? "finds Quetigny (FR)"
run show authority "${Q:-0}" --json
expect_rc 0 "show authority Quetigny"
PARTNERS=""
for m in $(json "' '.join(str(m) for p in j['partnerships'] for m in p['members'] if m != j['id'])" 2>/dev/null); do
	run show authority "$m" --json
	PARTNERS="$PARTNERS$(json "j['name'] + ' (' + j['country'] + ')'");"
done
case "$PARTNERS" in *"Koulikoro (ML);"*) s=0 ;; *) s=1 ;; esac
ok $s "Quetigny has a partnership with Koulikoro (ML)"
case "$PARTNERS" in *"Bous (DE);"*) s=0 ;; *) s=1 ;; esac
ok $s "Quetigny has a partnership with Bous (DE)"
[ $s -eq 0 ] || echo "# partners: $PARTNERS"

run list partnerships --status ended --json
expect_rc 0 "list partnerships --status ended"
HDF=$(python3 -c "import json; print(sorted(p['name'] for p in json.load(open('$DEMO'))['partnerships'] if p['status'] == 'ended' and 'hauts_de_france' in p['members']))")
same "$(json "sorted(p['name'] for p in j if any(x['name'] == 'Région Hauts-de-France' for x in p['partners']))")" "$HDF" \
	"the partnerships Hauts-de-France stopped are listed as ended"
same "$(json "len(j) > 0 and all(p['status'] == 'ended' for p in j)")" "True" "only ended partnerships are listed"

run list actions --q farafangana --json
expect_rc 0 "list actions --q farafangana"
same "$(json "[a['domains'] for a in j if a['title'] == 'Drinking water and sanitation in Farafangana']")" \
	"[['water_sanitation']]" "finds the Farafangana water and sanitation action"
A=$(json "[a['authority_id'] for a in j if a['title'] == 'Drinking water and sanitation in Farafangana'][0]" 2>/dev/null)
run show authority "${A:-0}" --json
same "$(json "j['name']")" "Métropole du Grand Nancy" "the water action is Grand Nancy's"

# ---- the JSON dataset: export, import into a new database, export again ----
run export json -o x.json
expect_rc 0 "export json -o FILE"
run --db "$T/new.db" init
run --db "$T/new.db" import json x.json
expect_rc 0 "the exported dataset imports into a new database"
run --db "$T/new.db" stats --json
same "$(json "j['audit_events']")" "1" \
	"the import is recorded as an audit event (as import csv and twin-cities are)"
same "$(json "sorted((k, v) for k, v in j.items() if k != 'audit_events')")" \
	"$(printf '%s' "$S" | python3 -c "import json,sys; print(sorted((k, v) for k, v in json.load(sys.stdin).items() if k != 'audit_events'))")" \
	"the new database has the same counts of every kind"
run --db "$T/new.db" export json -o y.json
expect_rc 0 "export json from the new database"
cmp -s x.json y.json
ok $? "the dataset exported again is byte-identical"

run --db "$T/dry.db" init
run --db "$T/dry.db" import json x.json --dry-run
expect_rc 0 "import json --dry-run"
has out "dry run, nothing written" "says it wrote nothing"
run --db "$T/dry.db" stats --json
same "$(json "j['authorities'], j['partnerships']")" "0 0" "and the database stays empty"

# ---- a dataset with errors: every problem named by its JSON path, nothing written ----
cat >bad.json <<'EOF'
{"eala_dataset": 1,
 "authorities": [
  {"ref": "atlantis", "name": "Atlantis", "country": "XX", "level": "municipality"},
  {"ref": "zorbaville", "name": "Zorbaville", "country": "DE", "level": "municipality", "population": "many"},
  {"ref": "yvetteville", "name": "Yvetteville", "country": "FR", "level": "municipality"}
 ],
 "partnerships": [
  {"ref": "p", "name": "Yvetteville – Zorbaville", "kind": "twinning", "status": "active",
   "members": ["yvetteville", "nowhere"], "start_date": "2021-02-30"}
 ]
}
EOF
run import json bad.json
expect_rc 1 "a dataset with errors is refused"
has err "bad.json: field 'authorities[0].country': is not a code of the country list: 'XX'" "an unknown country is named by its path"
has err "field 'authorities[1].population': must be a whole number" "a field of the wrong type is named by its path"
has err "field 'partnerships[0].members[1]': 'nowhere' is not the ref of any of the authorities" \
	"an undefined ref is named by its path"
has err "field 'partnerships[0].start_date': is not a valid date (YYYY-MM-DD): '2021-02-30'" \
	"an impossible date is named by its path"
has err "bad.json: nothing imported" "says nothing was imported"
run stats --json
same "$(cat "$T/out")" "$S" "the database is unchanged"
run list authorities --q yvetteville --json
same "$(json "len(j)")" "0" "the good record of the refused file is not written"

# ---- files that are not JSON ----
printf 'authorities,name\nLyon,FR\n' >notjson.json
run import json notjson.json
expect_rc 1 "a CSV file given as JSON is refused"
has err "notjson.json:1:" "the message names the file and the line"
printf '{"eala_dataset": 1,\n "authorities": [\n  {"ref": "a",, "name": "x"}\n ]\n}\n' >broken.json
run import json broken.json
expect_rc 1 "broken JSON is refused"
has err "broken.json:3:" "the message names the line of the syntax error"
run stats --json
same "$(cat "$T/out")" "$S" "the database is unchanged"

# a draft keeps its mark through a dataset
printf '{"eala_dataset": 1, "authorities": [{"ref": "d1", "name": "Draftville", "country": "FR", "level": "municipality", "draft": true}]}\n' >draft.json
run --db "$T/d.db" init
run --db "$T/d.db" import json draft.json
expect_rc 0 "a dataset with a draft imports"
run --db "$T/d.db" export json -o d2.json
same "$(python3 -c "import json; print([(a['name'], a.get('draft')) for a in json.load(open('d2.json'))['authorities']])")" \
	"[('Draftville', True)]" "and exports with its draft mark"

finish
