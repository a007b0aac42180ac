#!/bin/sh
# cli_network.sh: 'eala analyze network' on the demo (its records and the
# twin-city list): the edges against the database read by sqlite3, the
# connected components and the PageRank of the top 10 against python3-igraph
# run on the same edges (to 1e-6), chains, memberships and a practice's paths
# worked out by hand from data/demo/demo.json, bad input; the API and the
# pages give the same figures; practices and adoptions recorded through the
# API and the forms, with their roles and their CSRF token.
. "$(dirname "$0")/lib.sh"

run demo
id_of() {   # id_of WORDS COUNTRY: the id of the one authority found
	"$EALA" list authorities --q "$1" --country "$2" --json | python3 -c "import json,sys; print(json.load(sys.stdin)[0]['id'])"
}
QUETIGNY=$(id_of quetigny FR)
BOUS=$(id_of bous DE)
KOULIKORO=$(id_of koulikoro ML)
FARAFANGANA=$(id_of farafangana MG)
PARIS=$(id_of paris FR)

run analyze network
expect_rc 0 "analyze network over the demo and its twin cities"
has out "authorities with at least one partnership" "says what the nodes are"
has out "Communities (Louvain, igraph multilevel)" "names the community algorithm"
has out "Betweenness: estimated from 500 sampled sources" "and says that betweenness is sampled on a large graph"
run analyze network --json
cp "$T/out" "$T/cli.json"
NODES=$(json "j['nodes']")
EDGES=$(json "j['edges']")

# the edges are the database's partnerships, read here by sqlite3: each pair
# of members once, whatever the number of partnerships between them
run analyze network --edges
expect_rc 0 "analyze network --edges"
cp "$T/out" "$T/edges.tsv"
sqlite3 "$EALA_DB" "SELECT DISTINCT min(a.authority_id, b.authority_id) || char(9) || max(a.authority_id, b.authority_id)
	FROM partnership_member a JOIN partnership_member b ON a.partnership_id = b.partnership_id
	AND a.authority_id < b.authority_id" | sort >"$T/db.tsv"
sort "$T/edges.tsv" >"$T/edges.sorted"
same "$(cmp -s "$T/edges.sorted" "$T/db.tsv" && echo same)" "same" \
	"the edges eala prints are the pairs of members of the database's partnerships"
same "$(wc -l <"$T/edges.tsv" | tr -d ' ')" "$EDGES" "one edge per line, as many as the summary counts"

# python3-igraph on the same edges: components, the largest, PageRank's top 10
/usr/bin/python3 - "$T/edges.tsv" "$T/cli.json" >"$T/igraph.txt" 2>&1 <<'EOF'
import json, sys
import igraph
ids, edges = {}, []
for line in open(sys.argv[1]):
    a, b = line.split()
    edges.append((ids.setdefault(a, len(ids)), ids.setdefault(b, len(ids))))
g = igraph.Graph(n=len(ids), edges=edges)
names = {v: int(k) for k, v in ids.items()}
cl = g.connected_components()
pr = g.pagerank(damping=0.85)
top = sorted(range(g.vcount()), key=lambda v: (-pr[v], names[v]))[:10]
e = json.load(open(sys.argv[2]))
print("nodes", g.vcount() == e["nodes"])
print("components", len(cl), e["components"]["count"])
print("largest", max(cl.sizes()), e["components"]["largest"])
mine = [(a["id"], a["pagerank"]) for a in e["top"]["pagerank"]]
print("ids", [names[v] for v in top] == [a for a, _ in mine])
print("values", all(abs(pr[v] - p) < 1e-6 for v, (_, p) in zip(top, mine)))
print("sum", abs(sum(pr) - 1) < 1e-9)
EOF
has igraph.txt "nodes True" "python3-igraph finds as many authorities in the same edges"
same "$(awk '$1 == "components" { print ($2 == $3 && $2 > 1000) }' "$T/igraph.txt")" "1" \
	"and the same number of connected components (over a thousand)"
same "$(awk '$1 == "largest" { print ($2 == $3) }' "$T/igraph.txt")" "1" "and the same largest component"
has igraph.txt "ids True" "the top 10 by PageRank are igraph's, in its order"
has igraph.txt "values True" "with the same PageRank to 1e-6"

# one authority: Quetigny, partner of Bous (twinning) and Koulikoro (cooperation)
run analyze network --authority "$QUETIGNY" --json
same "$(json "j['authority']['degree'], sorted(p['id'] for p in j['authority']['partners'])")" \
	"2 [$KOULIKORO, $BOUS]" "Quetigny's partners: Koulikoro and Bous"
same "$(json "j['authority']['component_size'], j['authority']['community_size']")" "3 3" \
	"the three of them form a component of their own, and a community"
run analyze network --authority "$QUETIGNY"
has out "Quetigny (#$QUETIGNY): 2 partners" "in a sentence too"

# the chain: Bous to Koulikoro through Quetigny; none to Farafangana
run analyze network --from "$BOUS" --to "$KOULIKORO"
has out "Bous to Koulikoro: 2 partnerships." "the shortest chain from Bous to Koulikoro has two partnerships"
has out "Quetigny (FR, #$QUETIGNY)" "through Quetigny"
run analyze network --from "$BOUS" --to "$KOULIKORO" --json
same "$(json "j['length'], [s['id'] for s in j['chain']]")" "2 [$BOUS, $QUETIGNY, $KOULIKORO]" "the same in JSON"
run analyze network --from "$BOUS" --to "$FARAFANGANA"
has out "No chain of partnerships links Bous and Farafangana: they are in different components." \
	"no chain between components, said so"

# memberships (demo.json): UCLG {Paris, Porto Alegre}, France urbaine 5, Cités
# Unies France 5 (Grand Nancy in both), Eurocities {Rennes, Lyon}, Metropolis
# {Lyon, Paris}, AIMF {Paris}: 13 authorities; pairs 10 + 10 + 1 + 1 + 1 = 23;
# groups: France urbaine with CUF (9), Paris, Porto Alegre, Lyon, Rennes (4)
run analyze network --memberships --json
same "$(json "j['networks'], j['authorities'], j['pairs_sharing'], j['groups'], j['largest_group']")" "6 13 23 2 9" \
	"the city networks, their members, the pairs sharing one, the groups they form"
run analyze network --memberships
has out "City networks: 6, with 13 member authorities; 23 pairs of authorities share at least one network." \
	"in a sentence"

# the practice: participatory budgeting, Porto Alegre 1989, Paris 2014,
# Grenoble and Rennes 2015; Paris and Porto Alegre are both in UCLG
run analyze network --practice "Participatory budgeting"
expect_rc 0 "analyze network --practice NAME"
has out "Paris (2014-09-01) after Porto Alegre (1989-01-01), fellow members of United Cities and Local Governments" \
	"Paris may have taken it from Porto Alegre through UCLG"
run analyze network --practice "Participatory budgeting" --json
same "$(json "[(y['year'], y['adoptions'], y['cumulative']) for y in j['by_year'] if y['adoptions']]")" \
	"[(1989, 1, 1), (2014, 1, 2), (2015, 2, 4)]" "adoption per year and in total"
same "$(json "len(j['by_year']), len(j['paths']), j['first_adopters']")" "27 1 3" \
	"every year from 1989 to 2015, one path, three adopters with no earlier link"
PB=$(json "j['id']")
run analyze network --practice "$PB" --json
same "$(json "j['name']")" "Participatory budgeting" "a practice by its id too"

# bad input: every problem at once, exit 2; unknown records named
run analyze network --from "$BOUS" --only nothing --authority 99999999
expect_rc 2 "a wrong command line is refused"
has err "--only nothing: not one of components, pagerank, communities, betweenness" "the unknown figure named"
has err "give --from and --to together" "the chain's missing end"
has err "--authority 99999999: no such authority" "and the unknown authority, all at once"
run analyze network --memberships --edges
expect_rc 2 "two views at once are refused"
run analyze network --practice "Nothing of the sort"
expect_rc 1 "an unknown practice is refused"
has err "--practice Nothing of the sort: no such practice" "and named"
run analyze gap --top 3
expect_rc 2 "the network's options do not go with another analysis"

# the API and the page: the same figures
run analyze network --authority "$QUETIGNY" --top 5 --json
cp "$T/out" "$T/cli5.json"
run analyze network --only components --json
cp "$T/out" "$T/cli-comp.json"
run analyze network --from "$BOUS" --to "$KOULIKORO" --json
cp "$T/out" "$T/cli-chain.json"
run analyze network --practice "$PB" --json
cp "$T/out" "$T/cli-pb.json"
run analyze network --memberships --json
cp "$T/out" "$T/cli-m.json"
EALA_PASSWORD=editor-pass run user add ed --role editor --authority "$QUETIGNY"
EALA_PASSWORD=viewer-pass run user add vi --role viewer
serve
get() {   # get PATH [curl options]: body in $T/out, status in $code
	p=$1
	shift
	code=$(curl -s -o "$T/out" -w '%{http_code}' "$@" "$URL$p")
}
equal() {   # equal FILE: $T/out is the same JSON as FILE (reals to 1e-12: PageRank's last digits vary)
	python3 -c "
import json, math
def same(x, y):
    if isinstance(x, float) or isinstance(y, float):
        return isinstance(x, (int, float)) and isinstance(y, (int, float)) and math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-15)
    if isinstance(x, dict):
        return isinstance(y, dict) and x.keys() == y.keys() and all(same(x[k], y[k]) for k in x)
    if isinstance(x, list):
        return isinstance(y, list) and len(x) == len(y) and all(same(a, b) for a, b in zip(x, y))
    return x == y
print(same(json.load(open('$T/out')), json.load(open('$1'))))"
}
get "/api/v1/analysis/network?authority=$QUETIGNY&top=5"
same "$code $(equal "$T/cli5.json")" "200 True" "GET /api/v1/analysis/network?authority=ID&top=5 gives the CLI's figures"
get "/api/v1/analysis/network?only=components"
same "$(equal "$T/cli-comp.json")" "True" "one figure alone (only=components)"
get "/api/v1/analysis/network?from=$BOUS&to=$KOULIKORO"
same "$(equal "$T/cli-chain.json")" "True" "the chain"
get "/api/v1/analysis/network/memberships"
same "$(equal "$T/cli-m.json")" "True" "the memberships"
get "/api/v1/practices/$PB"
same "$code $(equal "$T/cli-pb.json")" "200 True" "a practice's adoption and paths"
get "/api/v1/analysis/network?from=$BOUS&only=all&top=0"
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "400 ['only', 'to', 'top']" \
	"bad parameters are a 400 naming each"
get "/api/v1/analysis/network?authority=99999999"
same "$code" "404" "an unknown authority is a 404"
get "/analysis/network?authority=$QUETIGNY"
same "$code" "200" "the page /analysis/network"
has out "authorities have at least one partnership" "says what the figures mean"
has out '<canvas id="network-chart"' "with the degree chart"
has out "/partnerships/" "one authority's partners link to their partnerships"
get "/analysis/network?from=$BOUS&to=$KOULIKORO"
has out "Bous to Koulikoro: 2 partnerships." "the chain on the page"
get "/analysis/network?top=%3Cscript%3E"
same "$code" "400" "a bad parameter is a 400 page"
hasnt out "<script>alert" "which does not echo it raw"
get "/analysis/network?lang=fr"
has out "Réseaux de partenariats" "the page in French"
get "/authorities/$QUETIGNY"
has out "/analysis/network?authority=$QUETIGNY" "the authority's page links to its place in the network"

# recording practices and adoptions
login() {
	curl -s -X POST "$URL/api/v1/login" -d "{\"login\":\"$1\",\"password\":\"$2\"}" |
		python3 -c "import json,sys; print(json.load(sys.stdin)['token'])"
}
ED=$(login ed editor-pass)
VI=$(login vi viewer-pass)
get /api/v1/practices -X POST -d '{"name":"Citizen climate assembly"}'
same "$code" "401" "no practice without a session"
get /api/v1/practices -X POST -H "Authorization: Bearer $VI" -d '{"name":"Citizen climate assembly"}'
same "$code" "403" "nor from a viewer"
get /api/v1/practices -X POST -H "Authorization: Bearer $ED" -d '{"name":"Participatory budgeting","colour":1}'
same "$code $(json "sorted(e['field'] for e in j['errors'])")" "422 ['colour', 'name']" \
	"a practice whose name exists, with an unknown field, is refused, each named"
get /api/v1/practices -X POST -H "Authorization: Bearer $ED" -d '{"name":"Citizen climate assembly","description":"<b>x</b>"}'
same "$code" "201" "an editor adds a practice"
CCA=$(json "j['id']")
get "/api/v1/practices/$CCA/adoptions" -X POST -H "Authorization: Bearer $ED" \
	-d "{\"authority_id\":$QUETIGNY,\"date\":\"2020-02-30\"}"
same "$code $(json "j['errors'][0]['field']")" "422 date" "an impossible date is refused"
get "/api/v1/practices/$CCA/adoptions" -X POST -H "Authorization: Bearer $ED" \
	-d "{\"authority_id\":$BOUS,\"date\":\"2019-05-01\"}"
same "$code" "403" "Quetigny's editor does not record Bous's adoption"
get "/api/v1/practices/$CCA/adoptions" -X POST -H "Authorization: Bearer $ED" \
	-d "{\"authority_id\":$QUETIGNY,\"date\":\"2021-03-01\"}"
same "$code $(json "j['adoptions'][0]['authority_id']")" "201 $QUETIGNY" "but records Quetigny's"
get /api/v1/practices/99999/adoptions -X POST -H "Authorization: Bearer $ED" \
	-d "{\"authority_id\":$QUETIGNY,\"date\":\"2021-03-01\"}"
same "$code" "404" "an unknown practice is a 404"
get /api/v1/practices
same "$(json "[p['name'] for p in j['items']][-1]")" "Citizen climate assembly" "the list has it"
# the forms: a session cookie and the page's CSRF token
get /login -X POST -c "$T/jar" --data-urlencode "login=ed" --data-urlencode "password=editor-pass"
get "/practices/$CCA" -b "$T/jar"
has out "Record an adoption" "a signed-in editor sees the adoption form"
has out "&lt;b&gt;x&lt;/b&gt;" "the description escaped"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/out" | head -1)
get "/practices/$CCA/adoptions" -X POST -b "$T/jar" --data-urlencode "authority_id=$QUETIGNY" \
	--data-urlencode "date=2021-04-01"
same "$code" "403" "a form without its CSRF token is refused"
get "/practices/$CCA/adoptions" -X POST -b "$T/jar" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "authority_id=abc"
same "$code" "422" "a form with problems is shown again"
has out "must be the id of an authority" "saying what is wrong"
get "/practices/$CCA/adoptions" -X POST -b "$T/jar" --data-urlencode "csrf=$CSRF" \
	--data-urlencode "authority_id=$QUETIGNY" --data-urlencode "date=2021-04-01"
same "$code" "303" "the form records (here corrects) the adoption"
get "/api/v1/practices/$CCA"
same "$(json "[(a['id'], a['date']) for a in j['adoptions']]")" "[($QUETIGNY, '2021-04-01')]" "with its new date"
get "/practices" -X POST -b "$T/jar" --data-urlencode "csrf=$CSRF" --data-urlencode "name=Open data portal"
same "$code" "303" "the form adds a practice"
get "/practices"
has out "Open data portal" "listed on /practices"
get "/practices/$PB"
has out '<canvas id="practice-chart"' "a practice's page has its adoption chart"
has out "fellow members of" "and its paths"
has out "Illustrative, not documented (demo data): adoptions.date" "and says that the demo's dates are illustrative"
get "/practices/99999"
same "$code" "404" "an unknown practice's page is a 404"
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/node_modules/playwright-core" ]; then
	mkdir -p "$ROOT/build/test-shots"
	(cd "$ROOT" && SHOTS="$ROOT/build/test-shots" node tests/browser/network.js "$URL" "$PB") >"$T/tap" 2>&1
	tap_in "$T/tap"
else
	ok 1 "Chromium and playwright-core are installed (scripts/install-deps)"
fi
kill "$PID"
wait "$PID"
finish
