#!/bin/sh
# cli_compliance.sh: the money and law checks, the call check and the yearly
# ODA declaration, on the demo (figures worked out by hand from
# data/demo/demo.json in the comments) and on a small dataset built to break
# the rules; the same findings through the API and on the page; bad input.
. "$(dirname "$0")/lib.sh"
NB=$(printf '\302\240')    # amounts are written "150,000 €" with a no-break space

run demo
id_of() {  # id_of WORDS COUNTRY: the first authority found
	"$EALA" list authorities --q "$1" --country "$2" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])"
}
Q=$(id_of quetigny FR)
N=$(id_of "grand nancy" FR)
I=$(id_of "departement isere" FR)

# ---- the yearly ODA declaration ----
# Quetigny 2019 (demo.json): own budget paid 14,200 (Koulikoro programme: Mali,
# sectors 15112 and 11120: 7,100 each), 2,800 (awareness week: development
# education, in France: no country), 5,400 (Bous: Germany, not ODA-eligible,
# left out); the ministry's 10,000 grant is declared by the ministry.
# Total 14,200 + 2,800 = 17,000.
run export eapd --authority "$Q" --year 2019
expect_rc 0 "export eapd prints the return's summary"
has out "Yearly ODA declaration of Quetigny (#$Q) for 2019, in euros" "for the authority and the year"
has out "not the OECD DAC list of ODA recipients" "saying where the eligible countries come from"
has out "total declared                                                           17,000.00" "the total: 14,200 + 2,800"
has out "ML                    Mali                                               14,200.00" "by country"
has out "11120                 Education facilities and training                   7,100.00" "by sector, split evenly"
has out "Quetigny–Bous youth and sports twinning exchange: DE is not an ODA-eligible country: left out (5,400.00)" \
	"Germany's share left out, and listed"
run export eapd --authority "$Q" --year 2019 -o q2019.csv
expect_rc 0 "export eapd -o FILE.csv"
has out "wrote q2019.csv: 17000.00 EUR declared, 3 lines" "says what it wrote"
same "$(python3 -c "
import csv
rows = list(csv.DictReader(open('q2019.csv')))
t = {(r['section'], r['category'] or r['country'] or r['sector']): r['amount_eur'] for r in rows if r['section'] in ('total','category','country','sector')}
print(t[('total','')], t[('category','cooperation')], t[('category','development_education')], t[('country','ML')], t[('country','')], t[('sector','15112')], t[('sector','99820')], sum(1 for r in rows if r['section']=='line'), [r['action'] for r in rows if r['section']=='left_out'])
")" "17000.00 14200.00 2800.00 14200.00 2800.00 7100.00 2800.00 3 ['Quetigny–Bous youth and sports twinning exchange']" \
	"the CSV: totals by category, country and sector, the lines, what is left out"
# Isère 2019: IRAPA 55,000 (Armenia, 15112 and 43040: 27,500 each) and
# Gegharkunik 27,000 (Armenia, 43040 and 33210: 13,500 each); the ministry's
# 40,000 is not the department's money. Total 82,000; 43040: 27,500 + 13,500 = 41,000.
run export eapd --authority "$I" --year 2019 -o isere.xlsx
expect_rc 0 "export eapd -o FILE.xlsx"
same "$(/usr/bin/python3 -c "
import openpyxl
wb = openpyxl.load_workbook('isere.xlsx')
s = wb['Summary']
total = [r[2] for r in s.iter_rows(values_only=True) if r[1] == 'total declared'][0]
sec = {r[0]: r[2] for r in wb['By sector'].iter_rows(min_row=2, values_only=True)}
cty = {r[0]: r[2] for r in wb['By country'].iter_rows(min_row=2, values_only=True)}
print(wb.sheetnames, total, sec['43040'], sec['15112'], sec['33210'], cty)
")" "['Summary', 'By country', 'By sector', 'Lines', 'To complete'] 82000 41000 27500 13500 {'AM': 82000}" \
	"the XLSX, read back by openpyxl: the same totals worked out by hand"
# Grand Nancy 2020: the 1% water budget paid 138,000 in Madagascar (14030); the
# water agency's 100,000 is the agency's to declare.
run export eapd --authority "$N" --year 2020 -o - 
has out "1% water and sanitation budget                    138,000.00" "a 1% budget goes by its funding source"
has out "every action of the year has what the return needs" "and nothing is missing"
# Cherbourg 2021: two funds with planned amounts only
C=$(id_of cherbourg FR)
run export eapd --authority "$C" --year 2021
has out "field 'actual': no actual amount: the return declares what was paid (45,000.00 not counted)" \
	"an action without an actual amount is listed as lacking it"
run export eapd
expect_rc 2 "export eapd needs an authority and a year"
has err "export eapd: --authority ID is required" "names the authority"
has err "export eapd: --year Y is required" "and the year, both at once"
run export eapd --authority 99999999 --year 2019 -o x.pdf
expect_rc 2 "an unknown authority and a wrong file type"
has err "--authority 99999999: no such authority" "names the authority"
has err "-o x.pdf: the return is written as FILE.csv or FILE.xlsx" "and the file"
run export csv --year 2019
expect_rc 2 "export csv takes no filter"

# ---- the rules on the demo, 2021 ----
# water: Grand Nancy 150,000 of a 48,000,000 service budget: ceiling 480,000;
# FICOL: 300,000 from the AFD; 150,000 + 150,000 (1% water) + 20,000 (partner)
# = 320,000 of a 720,000 plan = 44.4%; one year.
run analyze compliance --year 2021
expect_rc 0 "analyze compliance over every authority"
has out "In 2021, Métropole du Grand Nancy put 150,000${NB}€ on \"1% water and sanitation (Oudin-Santini law, 2005)\", within the ceiling of 480,000${NB}€ (1.0% of its service budget of 48,000,000${NB}€)." \
	"the 1% water ceiling, in a sentence"
has out "the authorities and their partners bring 44.4% of the financing plan (320,000${NB}€ of 720,000${NB}€), at least the 30.0% required." \
	"the AFD facility's share"
has out "water_1pct: CGCT art. L1115-1-1, created by loi n° 2005-95 du 9 février 2005 (loi Oudin-Santini)" \
	"each rule cites its legal source"
has out "missing The convention of Quetigny – Koulikoro, signed 1990-06-15, has no council deliberation recorded." \
	"a convention without a recorded deliberation"
has out "0.16% of its budget of 455,000,000${NB}€" "the international budget's share: 720,000 / 455,000,000"
run analyze compliance --year 2021 --json
same "$(json "j['counts']")" "{'ok': 7, 'breach': 0, 'missing': 4, 'info': 2}" "the same findings counted in JSON"
cp "$T/out" "$T/cli-2021.json"
run analyze compliance --authority "$N" --year 2025 --json
same "$(json "[f['rule'] + ':' + f['status'] for f in j['findings'] if f['rule'] == 'convention_expired']")" \
	"['convention_expired:breach']" "Farafangana's convention expired on 2024-05-31: a breach on 31 December 2025"

# ---- the call check ----
run analyze compliance --action 5 --call afd_ficol --year 2021
expect_rc 0 "the check of an application"
has out "Application to: AFD facility for French local authorities (FICOL)" "names the call"
has out "11 in order or ready, 0 breaches, 0 missing" "Farafangana's water project has what the facility asks"
run analyze compliance --action 1 --call ministry_thematic --year 2021 --json
same "$(json "sorted(f['requirement'] for f in j['findings'] if f['status'] == 'missing')")" \
	"['deliberation', 'partner_commitment']" "Quetigny's programme lacks a deliberation and the partner's commitment"
run analyze compliance --action 1 --call nope
expect_rc 1 "an unknown call"
has err "--call nope: no such call (ministry_general, ministry_thematic, ministry_bilateral, eu_programme, afd_ficol)" \
	"is refused, with the calls there are"
run analyze compliance --action 1
expect_rc 1 "--action without --call"

# ---- a dataset that breaks the rules ----
cat >rules.json <<'JSON'
{"eala_dataset": 1, "title": "rule breakers",
 "authorities": [
  {"ref": "a", "name": "Alphaville", "country": "FR", "level": "municipality"},
  {"ref": "b", "name": "Betaville", "country": "FR", "level": "municipality", "overseas": true},
  {"ref": "m", "name": "Republic of Madagascar", "country": "MG", "level": "state"}],
 "partnerships": [
  {"ref": "am", "name": "Alphaville – Madagascar", "kind": "development_cooperation", "status": "active", "members": ["a", "m"],
   "agreement": {"signed": "2020-01-10", "expires": "2021-06-30", "deliberation_ref": "D-1", "deliberation_date": "2020-02-01"}},
  {"ref": "bm", "name": "Betaville – Madagascar", "kind": "development_cooperation", "status": "active", "members": ["b", "m"],
   "agreement": {"signed": "2020-01-10", "deliberation_ref": "D-2", "deliberation_date": "2019-12-01"}}],
 "actions": [
  {"ref": "w", "title": "Wells", "authority": "a", "partnership": "am", "type": "project", "status": "2",
   "countries": ["MG"], "sectors": ["14030"], "eapd_category": "cooperation"}],
 "financing": [
  {"action": "w", "source": "water_1pct", "year": 2021, "actual": 10001, "currency": "EUR"},
  {"action": "w", "source": "afd_ficol", "year": 2021, "planned": 150000, "currency": "EUR", "report_date": "2022-02-01"}],
 "budget_years": [{"authority": "a", "year": 2021, "total": 9000000, "international": 20000, "water": 1000000}]}
JSON
export EALA_DB="$T/rules.db"
run init
run import json rules.json
expect_rc 0 "a dataset with an ODA category and a grant's report date imports"
A=$(id_of alphaville FR)
run analyze compliance --authority "$A" --year 2021
# 10,001 against 1% of 1,000,000 = 10,000; AFD 150,000 below 200,000; own
# 10,001 of 160,001 = 6.3% below 30%; deliberation dated after signing; a
# state; the convention expired on 2021-06-30, before 31 December 2021
has out "breach  In 2021, Alphaville put 10,001${NB}€ on \"1% water and sanitation (Oudin-Santini law, 2005)\", more than the ceiling of 10,000${NB}€" \
	"over the 1% water ceiling by one euro"
has out "the AFD facility's amount, 150,000${NB}€, is below its floor of 200,000${NB}€." "below the facility's floor"
has out "bring 6.3% of the financing plan (10,001${NB}€ of 160,001${NB}€), less than the 30.0% required." "below the 30% share"
has out "was signed on 2020-01-10, before the council deliberation D-1 of 2020-02-01." "signed before its deliberation"
has out "binds Alphaville to a foreign state, Republic of Madagascar: only an overseas authority may sign with a state." \
	"a convention with a foreign state"
has out "is active but its convention expired on 2021-06-30 and no renewal is recorded." "an expired convention"
B=$(id_of betaville FR)
run analyze compliance --authority "$B" --json
same "$(json "[(f['rule'], f['status']) for f in j['findings']]")" \
	"[('deliberation', 'ok'), ('convention_party', 'ok')]" "an overseas authority may sign with a state"
run export json -o back.json
same "$(python3 -c "import json; d=json.load(open('back.json')); print(d['actions'][0]['eapd_category'], [f.get('report_date') for f in d['financing']])")" \
	"cooperation [None, '2022-02-01']" "the new fields go back out in the JSON dataset"
run export csv actions
has out ",eapd_category," "and in the actions' CSV"

# ---- the API and the page ----
export EALA_DB="$T/eala.db"
serve
curl -s -o "$T/api.json" "$URL/api/v1/analysis/compliance?year=2021"
same "$(python3 -c "import json; print(json.load(open('$T/api.json')) == json.load(open('$T/cli-2021.json')))")" "True" \
	"GET /api/v1/analysis/compliance gives the CLI's findings"
curl -s -o "$T/out" "$URL/api/v1/analysis/compliance?action=5&call=afd_ficol&year=2021"
same "$(json "j['counts']['ok'], j['call']['id']")" "11 afd_ficol" "and the call check"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/compliance?year=20x&call=%3Cscript%3E")
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "400 ['action', 'call', 'year']" \
	"bad parameters are a 400 naming every field"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/api/v1/analysis/compliance?authority=99999999")
same "$code" "404" "an unknown authority is a 404"
curl -s -o "$T/page.html" "$URL/analysis/compliance?authority=$N&year=2021"
has page.html "Legal source: CGCT art. L1115-1-1, created by loi n° 2005-95 du 9 février 2005 (loi Oudin-Santini)" \
	"the page cites each rule's law"
has page.html 'href="/authorities/'"$N"'">Métropole du Grand Nancy</a></li>' "each finding links to its record"
has page.html '<li class="finding ok"><span class="status">in order</span>' "with its status"
curl -s -o "$T/page.html" "$URL/analysis/compliance?authority=$N&year=2021&lang=fr"
has page.html "En 2021, Métropole du Grand Nancy a affecté" "in French"
curl -s -o "$T/page.html" "$URL/analysis/compliance?action=1&call=ministry_general&year=2021"
has page.html "<h2>The council deliberation</h2>" "the call check, by requirement"
has page.html '<span class="status">missing</span> No council deliberation is recorded for Quetigny – Koulikoro.' \
	"says what is missing"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/analysis/compliance?action=1&call=%3Cscript%3E")
same "$code" "400" "an unknown call is a 400 page"
hasnt out "<script>" "which does not echo it raw"
curl -s -o "$T/page.html" "$URL/authorities/$N"
has page.html "/analysis/compliance?authority=$N" "the authority's page links to its checks"
curl -s -o "$T/page.html" "$URL/actions/5"
has page.html '<option value="afd_ficol">' "an action's page offers the call check"
has page.html "Category in the yearly ODA declaration" "and shows its ODA category"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/compliance.js "$URL" 5 "$N") >"$T/tap" 2>&1
	tap_in "$T/tap"
fi
kill "$PID"; wait "$PID" 2>/dev/null
finish
