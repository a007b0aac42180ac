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
has out "created $EALA_DB (schema 9)" "init says it created schema 9"
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

# a database of schema 1 is upgraded in place, its data kept
sqlite3 "$T/v1.db" <"$ROOT/src/store/schema_v1.sql"
sqlite3 "$T/v1.db" "PRAGMA application_id = 1161907265; PRAGMA user_version = 1;
	INSERT INTO authority(name, country, level) VALUES ('Quetigny', 'FR', 'municipality');"
run --db "$T/v1.db" stats
expect_rc 1 "a database of an older schema is not used as it is"
has err "run 'eala init'" "and the message says to upgrade it"
run --db "$T/v1.db" init
expect_rc 0 "init upgrades it"
has out "upgraded $T/v1.db from schema 1 to 9" "and says from which schema to which"
run --db "$T/v1.db" stats --json
same "$(json "j['authorities']")" "1" "the records are still there"

# accounts: roles are checked, passwords kept as Argon2id hashes
run user add nobody --role editor
expect_rc 2 "an editor needs an authority"
EALA_PASSWORD=short run user add marie --role viewer
expect_rc 1 "a password shorter than 8 characters is refused"
EALA_PASSWORD=long-enough run user add marie --role viewer --name "Marie Curie"
expect_rc 0 "a viewer is added"
EALA_PASSWORD=long-enough run user add marie --role viewer
expect_rc 1 "a login is used once"
run user list
has out "Marie Curie  (viewer)" "user list shows the user and the roles"
[ "$(sqlite3 "$EALA_DB" "select password_hash like '\$argon2id\$%' from user")" = "1" ]
ok $? "the password is stored as an Argon2id hash"

# EALA_DB and --db
run --db "$T/second.db" init
expect_rc 0 "--db chooses the database"
[ -f "$T/second.db" ]
ok $? "the file named by --db exists"

finish
