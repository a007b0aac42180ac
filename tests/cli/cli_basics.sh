#!/bin/sh
# cli_basics.sh: the command table, help, exit codes, init and the schema checks.
. "$(dirname "$0")/lib.sh"

run --help
expect_rc 0 "--help exits 0"
for c in init demo import export list show stats; do
	has out "  $c " "--help lists '$c' (generated from the command table)"
done

run frobnicate
expect_rc 2 "an unknown command is a usage error"
has err "unknown command 'frobnicate'" "and says which"

run stats
expect_rc 1 "stats without a database fails"
has err "run 'eala init' first" "and says to run eala init"

run init
expect_rc 0 "init creates the database"
has out "created $EALA_DB (schema 1)" "init says it created schema 1"
run init
expect_rc 0 "init again"
has out "is up to date" "init again changes nothing"

run stats --json
expect_rc 0 "stats --json"
same "$(json "j['authorities'], j['partnerships'], j['actions'], j['organisations']")" "0 0 0 0" \
	"stats --json has the four counts, all zero on a new database"

run stats --dry-run
expect_rc 2 "an option a command does not take is refused"

run list towns
expect_rc 2 "list of an unknown kind"
run list authorities --country XX
expect_rc 2 "an unknown country code in a filter"
has err "'XX' is not a code of the country list" "names the code"
run list partnerships --kind alliance
expect_rc 2 "an unknown partnership kind"
has err "twinning" "and lists the kinds"
run list authorities --year 1200
expect_rc 2 "a year out of range"
run show authority 42
expect_rc 1 "show of a missing record"
has err "no authority #42" "says which record is missing"
run show authority abc
expect_rc 2 "show with an id that is not a number"

# a database from a newer eala is refused, not damaged
python3 - "$T/newer.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA application_id = 1161907265")
c.execute("PRAGMA user_version = 42")
c.execute("CREATE TABLE future(x)")
c.commit()
PY
run --db "$T/newer.db" init
expect_rc 1 "init refuses a database from a newer eala"
has err "made by a newer eala (schema 42" "and says so"
run --db "$T/newer.db" stats
expect_rc 1 "stats refuses it too"

# another program's database is left alone
python3 -c "import sqlite3; c=sqlite3.connect('$T/other.db'); c.execute('create table invoices(x)'); c.commit()"
run --db "$T/other.db" init
expect_rc 1 "init refuses another program's database"
has err "not an eala database" "and says so"

# EALA_DB and --db
run --db "$T/second.db" init
expect_rc 0 "--db chooses the database"
[ -f "$T/second.db" ]
ok $? "the file named by --db exists"

finish
