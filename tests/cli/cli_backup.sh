#!/bin/sh
# cli_backup.sh: 'eala backup' and 'eala restore': every refusal (existing
# file, not a database, another program's, older and newer schemas, a failed
# integrity check) leaves the database as it was; a backup taken while a
# server writes is whole and holds only acknowledged writes' records; a
# restore into a new file gives the same records; a restore into the live
# database of a running server: the server answers with the restored data at
# once (its cache too), every session has ended, and it goes on writing.
. "$(dirname "$0")/lib.sh"

count() {   # count DB TABLE
	sqlite3 "$1" "SELECT count(*) FROM $2"
}

run init
printf 'id,name,country,level\n1,Quetigny,FR,municipality\n2,Koulikoro,ML,municipality\n3,Bous,DE,municipality\n' >auth.csv
run import csv auth.csv
EALA_PASSWORD=admin-pass1 run user add ad --role admin
expect_rc 0 "a database of three authorities and an admin"

run backup b0.db
expect_rc 0 "backup of a quiet database"
has out "backed up $EALA_DB to b0.db" "backup says what it wrote"
same "$(sqlite3 b0.db 'PRAGMA integrity_check')" "ok" "the backup passes the integrity check"
same "$(count b0.db authority)" "3" "the backup holds the three authorities"
same "$(sqlite3 b0.db 'PRAGMA application_id; PRAGMA user_version' | tr '\n' ' ')" \
	"1161907265 $(sqlite3 "$EALA_DB" 'PRAGMA user_version') " "the backup is marked as eala's, at the same schema"
[ ! -e b0.db.tmp ]
ok $? "no temporary file left"

run backup b0.db
expect_rc 1 "backup does not overwrite a file"
has err "b0.db already exists: give --force to replace it" "and says how to"
run backup b0.db --force
expect_rc 0 "backup --force replaces it"
run backup "$T/no/such/folder/b.db"
expect_rc 1 "backup into a missing folder fails"
has err "cannot create $T/no/such/folder/b.db.tmp" "naming the file"
run restore b0.db --force
expect_rc 2 "restore does not take --force"

# refusals: each names the file, and the database keeps its three authorities
run restore missing.db
expect_rc 1 "restore of a missing file"
has err "missing.db: No such file or directory" "names it"
sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
run restore other.db
expect_rc 1 "restore of another program's database"
has err "other.db is not an eala database" "says it is not eala's"
printf 'id,name\n1,a\n' >junk.db
run restore junk.db
expect_rc 1 "restore of a file that is not a database"
has err "junk.db is not a database" "says it is not a database"
cp b0.db old.db
sqlite3 old.db 'PRAGMA user_version = 6'
run restore old.db
expect_rc 1 "restore of an older schema"
has err "old.db is at schema 6, this eala needs" "says which schema"
has err "run 'eala --db old.db init' on a copy of it first" "and what to do"
cp b0.db new.db
sqlite3 new.db 'PRAGMA user_version = 99'
run restore new.db
expect_rc 1 "restore of a newer eala's database"
has err "new.db was made by a newer eala (schema 99" "says so"
cp b0.db bad.db
sqlite3 bad.db "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX authority_country ON authority(name)' WHERE name = 'authority_country'"
run restore bad.db
expect_rc 1 "restore of a damaged database"
has err "bad.db fails its integrity check, not restoring it" "says so"
has err "row 1 missing from index authority_country" "with what the check found"
run --db other.db restore b0.db
expect_rc 1 "restore over another program's database"
has err "other.db is not an eala database: not replacing it" "refuses to replace it"
same "$(count other.db t)" "1" "which keeps its table"
same "$(count "$EALA_DB" authority)" "3" "after every refusal the database is as it was"
same "$(sqlite3 "$EALA_DB" 'PRAGMA integrity_check')" "ok" "and whole"
ls "$T"/eala.db.restore* >/dev/null 2>&1
ok $(( ! $? )) "no temporary file left beside the database"

# the live server
serve
login() {
	curl -s -X POST "$URL/api/v1/login" -d "{\"login\":\"ad\",\"password\":\"admin-pass1\"}" |
		python3 -c "import json,sys; print(json.load(sys.stdin)['token'])"
}
total() {   # the number of authorities the API lists
	curl -s "$URL/api/v1/authorities?limit=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['total'])"
}
TOKEN=$(login)
writer() {   # 150 authorities, one POST each; the acknowledged ids in acked
	for i in $(seq 1 150); do
		curl -s -o "w.$i" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
			-X POST "$URL/api/v1/authorities" \
			-d "{\"name\":\"Writer $i\",\"country\":\"FR\",\"level\":\"municipality\"}" >"c.$i"
		[ "$(cat "c.$i")" = 201 ] && sed 's/^{"id":\([0-9]*\),.*/\1/' "w.$i" >>acked
	done
}
: >acked
writer &
WPID=$!
sleep 0.5
run backup live.db
expect_rc 0 "backup while the server writes"
wait "$WPID"
same "$(sqlite3 live.db 'SELECT id FROM authority WHERE id > 3 ORDER BY id' | md5sum)" \
	"$(head -n $(($(count live.db authority) - 3)) acked | md5sum)" "the backup's new records are the first writes acknowledged"
same "$(wc -l <acked | tr -d ' ')" "150" "every write was acknowledged"
same "$(sqlite3 live.db 'PRAGMA integrity_check')" "ok" "the live backup passes the integrity check"
nb=$(count live.db authority)
[ "$nb" -gt 3 ] && [ "$nb" -lt 153 ]
ok $? "the live backup caught the writer in the middle ($nb authorities)"
# the backup is the state of one instant: ids 1..n, each one written (and acknowledged) in order
same "$(sqlite3 live.db 'SELECT max(id) FROM authority')" "$nb" "it holds a prefix of the writes, no gap"
same "$(sqlite3 live.db "SELECT count(*) FROM authority WHERE id > 3 AND name <> 'Writer ' || (id - 3)")" "0" \
	"each record of the backup is whole"

run --db fresh.db restore live.db
expect_rc 0 "restore into a new file"
same "$(sqlite3 fresh.db 'SELECT id, name, country FROM authority ORDER BY id' | md5sum)" \
	"$(sqlite3 live.db 'SELECT id, name, country FROM authority ORDER BY id' | md5sum)" \
	"the new file has the backup's records"
same "$(count fresh.db session)" "0" "and no login session"

same "$(total)" "153" "the server lists 153 authorities before the restore"
run restore b0.db
expect_rc 0 "restore into the live database of a running server"
has out "every login session has ended" "restore says sessions end"
same "$(total)" "3" "the server answers with the restored records at once"
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/authorities/100")
same "$code" "404" "a record written after the backup is gone"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL/api/v1/me")
same "$code" "401" "the session opened before the restore has ended"
TOKEN=$(login)
code=$(curl -s -o out -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -X POST "$URL/api/v1/authorities" \
	-d '{"name":"After","country":"FR","level":"municipality"}')
same "$code" "201" "the server writes after the restore"
same "$(json "j['id']")" "4" "after the restored records"
same "$(total)" "4" "and lists it"
kill "$PID"
wait "$PID"
same "$(sqlite3 "$EALA_DB" 'PRAGMA integrity_check')" "ok" "the database is whole after all that"
finish
