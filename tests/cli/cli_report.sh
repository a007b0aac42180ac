#!/bin/sh
# cli_report.sh: 'eala report annual' and its page, on a small year worked out
# by hand (tests/cli/report_data.json, 2023 of Villeneuve-lès-Test):
#   money of the year: water points 18,500 + 10,000 spent (20,000 + 10,000
#   planned), youth exchange 4,250.50 (5,000): €32,751 spent of €35,000;
#   own budget €22,751, 1% water €10,000; Mali €28,500, Germany €4,251;
#   left out: the 2022 row, a draft action (99,999), an action of a draft
#   partnership (77,777), a draft organisation, Secretville;
#   organisations: Lycée (2 actions), Eau Solidaire (local), the Kayes women's
#   association (from elsewhere): 3, of which 2 local;
#   gap: expected 2 economic, 1 solidarity, 1 socio-cultural; observed in 2023
#   2 socio-cultural, 1 solidarity: nature gap (0.5 + 1/12 + 5/12) / 2 = 0.50;
#   targets ending in 2023: 12/10 met, 450/500 not: 1 of 2; reciprocity: 2
#   outcomes reported by partners for 1 at home.
# The HTML must parse without error (html5lib, strict), the PDF must have
# pages that are not blank and show the charts and the map (their colours)
# and the key figures (pdftotext).
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3    # Debian's, with python3-html5lib and python3-pil
run init
run import json "$ROOT/tests/cli/report_data.json"
expect_rc 0 "the small dataset imports"
V=$("$EALA" list authorities --q villeneuve --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")
HIDDEN=$("$EALA" list authorities --q "hidden town" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])")

# text of a file with its white space (new lines, no-break spaces) made single spaces
flat() {
	$PY -c "import sys,re; print(re.sub(r'\s+', ' ', open(sys.argv[1], encoding='utf-8').read().replace('\u202f', ' ').replace('\xa0', ' ')))" "$1"
}

run report annual --authority "$V" --year 2023 -o report.html
expect_rc 0 "report annual writes an HTML file"
has out "wrote report.html" "and says so"
flat report.html >"$T/html.txt"
has html.txt "<h1>Villeneuve-lès-Test: international action in 2023</h1>" "its title names the authority and the year"
has html.txt "<strong>2</strong> partnerships active" "key figure: the partnerships active in the year"
has html.txt "<strong>3</strong> actions during the year" "key figure: the published actions of the year"
has html.txt "<strong>€32,751</strong> spent, of €35,000 planned" "key figure: the money spent and planned, in euros"
has html.txt "<strong>2</strong> local organisations involved" "key figure: the local organisations"
has html.txt "The international budget voted for 2023 was €400,000, 0.8% of a total budget of €50,000,000." \
	"the budget of the year in a sentence"
has html.txt 'id="report-map"' "a map of where we act"
has html.txt "Our partners are in 2 countries: Mali, Germany." "the partners' countries by name"
has html.txt "<td>Kayes</td><td>Mali</td><td>Decentralised cooperation</td><td>2015</td><td>Active</td>" \
	"a partnership with labels, not codes"
has html.txt "<td>Water points in Kayes</td><td>Cooperation project</td><td>Mali</td><td class=\"years\">2022–2024</td><td class=\"num\">€28,500</td>" \
	"an action with its type, place, years and money of the year"
has html.txt "<td>Own budget of the authority</td><td class=\"num\">€25,000</td><td class=\"num\">€22,751</td>" \
	"money by source, planned and spent"
has html.txt "<td>1% water and sanitation (Oudin-Santini law, 2005)</td><td class=\"num\">€10,000</td><td class=\"num\">€10,000</td>" \
	"the 1% water money"
has html.txt "<td>Mali</td><td class=\"num\">€30,000</td><td class=\"num\">€28,500</td>" "money by country: Mali"
has html.txt "<td>Germany</td><td class=\"num\">€5,000</td><td class=\"num\">€4,251</td>" "money by country: Germany"
has html.txt 'class="report-chart" data-bars="2" id="money-source"' "a chart of the money by source"
has html.txt "Organisations that took part in the actions: 3, of which 2 local." "the organisations involved"
has html.txt "<td>Lycée Jean Moulin</td><td>School</td><td>Villeneuve-lès-Test</td><td class=\"num\">2</td>" \
	"a local organisation with its kind and its actions"
has html.txt "<td>Socio-cultural returns</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">2</td><td class=\"num\">1</td>" \
	"impacts expected and observed by category and side"
has html.txt "2 of the 4 impacts expected are Economic returns; 0 of the 3 observed are." "the gap page's first sentence"
has html.txt "Nature gap 0.50 (0: the same mix, 1: nothing in common)" "the nature gap in plain words"
has html.txt "Scope: 1 of 2 targets met (50%)." "the targets of the year"
has html.txt "of the 3 outcomes reported for 2023, 2 come from the partners and 1 from Villeneuve-lès-Test." \
	"reciprocity in a sentence"
has html.txt "Friendship evening &lt;b&gt;2023&lt;/b&gt;" "record text is escaped"
hasnt html.txt "Secret" "nothing of a draft partnership, nor its partner"
hasnt html.txt "Unpublished mission" "no draft action"
hasnt html.txt "99,999" "no money of a draft action"
hasnt html.txt "77,777" "no money of an action of a draft partnership"
hasnt html.txt "Hidden draft association" "no draft organisation"
hasnt html.txt "Cultural week 2021" "no action of another year"
hasnt html.txt "<script src=" "the script is inlined: the file opens offline"
hasnt html.txt "stylesheet" "and so is the style"
has html.txt 'id="report-world"' "and the map's countries"
has html.txt "<h2>Compliance notes</h2>" "compliance notes: 10,000 € of 1% water money with no water budget of the year"
has html.txt "no budget of the matching service is recorded for that year" "said as the checks say it"
$PY - report.html >"$T/out" 2>&1 <<'PY'
import sys, html5lib
parser = html5lib.HTMLParser(strict=True)
parser.parse(open(sys.argv[1], "rb"))
print("valid")
PY
has out "valid" "the HTML parses without a single error (html5lib, strict)"

run report annual --authority "$V" --year 2023 --lang fr -o rapport.html
expect_rc 0 "the report in French"
flat rapport.html >"$T/fr.txt"
has fr.txt '<html lang="fr">' "declared French"
has fr.txt "<h1>Villeneuve-lès-Test : action internationale en 2023</h1>" "with a French title"
has fr.txt "<strong>32 751 €</strong> dépensés, sur 35 000 € prévus" "euros written the French way"
has fr.txt "Nos partenaires sont dans 2 pays : Mali, Allemagne." "country names in French"
has fr.txt "<td>Budget propre de la collectivité</td>" "code-list labels in French"
has fr.txt "Écart de nature 0.50" "the gap page's sentences in French"
LANG=fr_FR.UTF-8 LC_ALL= LC_MESSAGES= "$EALA" report annual --authority "$V" --year 2023 -o env.html >/dev/null 2>&1
grep -q 'action internationale en 2023' env.html
ok $? "without --lang, the language comes from LANG"

run report annual --authority "$V" --year 2023 -o report.pdf
expect_rc 0 "report annual prints a PDF"
same "$(head -c 5 report.pdf)" "%PDF-" "a PDF file"
pdftoppm -png -r 50 report.pdf page
pages=$(ls page-*.png 2>/dev/null | wc -l)
[ "$pages" -ge 1 ]
ok $? "pdftoppm finds pages in it ($pages)"
$PY - page-*.png >"$T/out" 2>&1 <<'PY'
import sys
from PIL import Image
ink = chart = land = 0
for name in sys.argv[1:]:
    img = Image.open(name).convert("RGB")
    for (r, g, b) in img.getdata():
        if r + g + b < 600:
            ink += 1
        if abs(r - 0x9f) + abs(g - 0xb8) + abs(b - 0xcc) < 12:
            chart += 1      # the planned bars of the charts
        if abs(r - 0xd9) + abs(g - 0xd4) + abs(b - 0xc7) < 12:
            land += 1       # the countries of the map
print("ink", ink > 2000, "chart", chart > 200, "map", land > 2000)
PY
has out "ink True" "a page is not blank"
has out "chart True" "the charts are drawn before printing"
has out "map True" "and so is the map"
pdftotext report.pdf report.txt
flat report.txt >"$T/pdf.txt"
has pdf.txt "Villeneuve-lès-Test: international action in 2023" "the PDF names the authority and the year"
has pdf.txt "€32,751" "and carries the money spent"
has pdf.txt "2 of the 4 impacts expected are Economic returns; 0 of the 3 observed are." "and the gap sentence"
hasnt pdf.txt "Secret" "and no draft"
run report annual --authority "$V" --year 2023 --lang fr -o rapport.pdf
expect_rc 0 "a French PDF"
pdftotext rapport.pdf rapport.txt
flat rapport.txt >"$T/pdf-fr.txt"
has pdf-fr.txt "Villeneuve-lès-Test : action internationale en 2023" "in French"
has pdf-fr.txt "32 751 €" "with the money in French"

# bad arguments: a message and a non-zero exit, nothing written
run report annual --authority 99999999 --year 2023 -o x.html
expect_rc 1 "an unknown authority is refused"
has err "--authority 99999999: no such authority" "and named"
run report annual --authority "$V" --year 1800 -o x.html
expect_rc 2 "a year out of range is refused"
has err "--year: '1800' is not a number between 1900 and 2100" "and named"
run report annual --authority "$V" --year soon -o x.html
expect_rc 2 "a year that is not a number is refused"
run report annual --authority "$V" --year 2023 -o x.docx
expect_rc 2 "an unknown extension is refused"
has err "report annual needs -o FILE.html or -o FILE.pdf (not 'x.docx')" "and named"
run report annual --authority "$V" --year 2023
expect_rc 2 "no output file is refused"
run report annual --year 2023 -o x.html
expect_rc 2 "no authority is refused"
run report monthly --authority "$V" --year 2023 -o x.html
expect_rc 2 "an unknown report is refused"
run report annual --authority "$V" --year 2023 --lang xx -o x.html
expect_rc 2 "an unknown language is refused"
has err "unknown language 'xx' (en, fr)" "and named"
run report annual --authority "$HIDDEN" --year 2023 -o x.html
expect_rc 1 "the report of a draft authority is refused"
has err "is a draft" "and says why"
EALA_CHROMIUM=/nonexistent/chromium "$EALA" report annual --authority "$V" --year 2023 -o x.pdf >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "without Chromium, no PDF"
has err "printing a PDF needs Chromium, and /nonexistent/chromium is missing" "and a clear message"
EALA_CHROMIUM=/bin/false "$EALA" report annual --authority "$V" --year 2023 -o x.pdf >"$T/out" 2>"$T/err"
rc=$?
expect_rc 1 "when Chromium fails, no PDF"
has err "/bin/false failed to print the report" "and a clear message"
[ -z "$(ls x.* 2>/dev/null)" ]
ok $? "nothing half-written is left behind"

# the page: /authorities/ID/report
serve
curl -s -o "$T/page.html" -w '%{http_code}' "$URL/authorities/$V/report?year=2023" >"$T/code"
same "$(cat "$T/code")" "200" "the report's page answers"
flat "$T/page.html" >"$T/page.txt"
has page.txt "<h1>Villeneuve-lès-Test: international action in 2023</h1>" "with the title"
has page.txt "<strong>€32,751</strong> spent, of €35,000 planned" "the same figures as the file"
has page.txt "2 of the 4 impacts expected are Economic returns; 0 of the 3 observed are." "the gap sentence"
has page.txt '<script src="/static/report.js" defer>' "the charts' script from the server"
hasnt page.txt "Secret" "an anonymous visitor sees no draft"
hasnt page.txt "99,999" "nor a draft's money"
curl -s -o "$T/page.html" "$URL/authorities/$V/report"
has page.html "international action in 2023" "without a year, the last year with data"
curl -s -o "$T/page.html" "$URL/authorities/$V/report?year=2023&lang=fr"
has page.html "Villeneuve-lès-Test : action internationale en 2023" "the page in French"
curl -s -o "$T/page.html" "$URL/authorities/$V"
has page.html "/authorities/$V/report\"" "the authority's page links to its report"
for bad in "year=abc" "year=1800" "year=%3Cscript%3E"; do
	code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/authorities/$V/report?$bad")
	same "$code" "400" "a bad year ($bad) is a 400"
done
hasnt out "<script>" "which does not echo it raw"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/authorities/99999999/report?year=2023")
same "$code" "404" "an unknown authority is a 404"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/authorities/$HIDDEN/report?year=2023")
same "$code" "404" "a draft authority is a 404 to an anonymous visitor"
curl -s -o "$T/page.pdf" -D "$T/headers" "$URL/authorities/$V/report.pdf?year=2023"
has headers "Content-Type: application/pdf" "the PDF download"
same "$(head -c 5 "$T/page.pdf")" "%PDF-" "is a PDF"
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/authorities/$V/report.pdf?year=abc")
same "$code" "400" "a bad year is a 400 there too"
if [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/report.js "$URL" "$V") >"$T/tap" 2>&1
	tap_in "$T/tap"
else
	ok 1 "playwright-core is installed (scripts/build-web)"
fi
kill "$PID"
wait "$PID"
serve EALA_CHROMIUM=/nonexistent/chromium
code=$(curl -s -o "$T/out" -w '%{http_code}' "$URL/authorities/$V/report.pdf?year=2023")
same "$code" "503" "without Chromium on the server, the PDF is a 503"
has out "Chromium is not installed on the server" "with a message"
kill "$PID"
wait "$PID"
# compliance notes when the checks find something (issue 5's rules): on the
# demo, Quetigny's two conventions have no council deliberation recorded
EALA_DB="$T/demo.db" run demo
hasnt out "Compliance notes" "(the demo loads)"
EALA_DB="$T/demo.db" run report annual --authority 17149 --year 2019 -o quetigny.html
sed -n '/<section id="compliance">/,/<\/section>/p' quetigny.html >notes.html
has notes.html "<h2>Compliance notes</h2>" "a report notes what the money and law checks found"
has notes.html "The convention of Quetigny – Koulikoro, signed 1990-06-15, has no council deliberation recorded." \
	"each finding a sentence"
has notes.html "CGCT art. L1115-1" "with its legal source"
same "$(grep -c '<li>' notes.html)" "2" "the two conventions without a deliberation, nothing else"
EALA_DB="$T/demo.db" run report annual --authority 17149 --year 2019 --lang fr -o quetigny-fr.html
has quetigny-fr.html "Points de conformité" "and in French"
EALA_DB="$T/demo.db" run report annual --authority 17151 --year 2021 -o nancy.html
hasnt nancy.html 'id="compliance"' "a report whose checks find nothing to put right has no such section"
finish
