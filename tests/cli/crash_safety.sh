#!/bin/sh
# crash_safety.sh: SIGKILL at random moments during writes, 50 times.
#
# 30 times 'eala import csv' of 20,000 authorities is killed after a random
# delay (up to 1.3 times an import's duration, measured first) on an empty
# database: each time the database
# passes PRAGMA integrity_check and the search index's own check, and holds
# either the records before the import or all of them with the import's
# audit event, never a part.
# 20 times 'eala serve' receives POSTs one after the other and is killed
# after a random delay: each time the database is whole, every write whose
# 201 came back is there, and every authority written has its audit event
# and the reverse (a write is its record and its event, or nothing).
# The delays are printed (seed in CRASH_SEED, else the clock) to replay a run.
. "$(dirname "$0")/lib.sh"

SEED=${CRASH_SEED:-$(date +%s)}
echo "# seed $SEED"
delay() {   # delay RUN MAX: a random number of seconds below MAX
	awk -v s="$SEED" -v r="$1" -v m="$2" 'BEGIN { srand((s % 100000) * 1000 + r); printf "%.3f", rand() * m }'
}
q() {
	sqlite3 "$EALA_DB" "$1"
}
whole() {   # the database passes SQLite's check and the search index's
	[ "$(q 'PRAGMA integrity_check')" = ok ] &&
		q "INSERT INTO authority_fts(authority_fts) VALUES ('integrity-check')" 2>/dev/null
}

run init
cp "$EALA_DB" base.db
python3 -c "
print('name,country,level')
for i in range(20000): print(f'Crash town {i},FR,municipality')" >big.csv

# ---- imports ----
# the delays span 1.3 times an import's own duration, measured here
t0=$(date +%s%N)
run import csv big.csv
expect_rc 0 "a whole import, timed"
took=$(( ($(date +%s%N) - t0) / 1000000 ))
span=$(awk -v ms="$took" 'BEGIN { printf "%.3f", ms * 1.3 / 1000 }')
echo "# an import takes $took ms; kills within $span s"
before=0 after=0 during=0
for r in $(seq 1 30); do
	sed "s/^Crash town/Run $r town/" big.csv >run.csv
	rm -f "$EALA_DB-wal" "$EALA_DB-shm"
	cp base.db "$EALA_DB"   # each import on a small database, so that the checks stay quick
	n0=$(q 'SELECT count(*) FROM authority')
	e0=$(q 'SELECT count(*) FROM audit_event')
	d=$(delay "$r" "$span")
	"$EALA" import csv run.csv >/dev/null 2>&1 &
	p=$!
	sleep "$d"
	kill -9 "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	whole
	ok $? "import $r killed after $d s: the database passes its integrity checks"
	n1=$(q 'SELECT count(*) FROM authority')
	e=$(q 'SELECT count(*) FROM audit_event')
	mine=$(q "SELECT count(*) FROM authority WHERE name LIKE 'Run $r town %'")
	if [ "$n1" = "$n0" ] && [ "$e" = "$e0" ] && [ "$mine" = 0 ]; then
		before=$((before + 1))
		ok 0 "import $r: the state before ($n1 authorities)"
	elif [ "$n1" = $((n0 + 20000)) ] && [ "$e" = $((e0 + 1)) ] && [ "$mine" = 20000 ]; then
		after=$((after + 1))
		ok 0 "import $r: the state after ($n1 authorities, one audit event more)"
	else
		during=$((during + 1))
		ok 1 "import $r: neither before nor after: $n1 authorities ($n0 before), $e audit events ($e0 before)"
	fi
done
echo "# imports killed: $before left the state before, $after the state after, $during neither"
[ "$before" -gt 0 ] && [ "$after" -gt 0 ]
ok $? "the delays killed some imports before their commit and let some finish"

# ---- the server ----
EALA_PASSWORD=crash-pass1 run user add ad --role admin
for r in $(seq 1 20); do
	serve
	TOKEN=$(curl -s -X POST "$URL/api/v1/login" -d '{"login":"ad","password":"crash-pass1"}' |
		sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')
	: >"acked.$r"
	(
		i=0
		while [ $i -lt 2000 ]; do
			i=$((i + 1))
			code=$(curl -s -o "w.$r" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
				-X POST "$URL/api/v1/authorities" \
				-d "{\"name\":\"Server $r write $i\",\"country\":\"FR\",\"level\":\"municipality\"}") || break
			[ "$code" = 201 ] && sed 's/^{"id":\([0-9]*\),.*/\1/' "w.$r" >>"acked.$r"
		done
	) &
	w=$!
	d=$(delay $((100 + r)) 0.8)
	sleep "$d"
	kill -9 "$PID"
	wait "$PID" 2>/dev/null
	wait "$w"
	whole
	ok $? "server $r killed after $d s ($(wc -l <"acked.$r" | tr -d ' ') writes acknowledged): the database passes its integrity checks"
	q "SELECT id FROM authority WHERE name LIKE 'Server $r write %'" | sort >"have.$r"
	sort "acked.$r" >"want.$r"
	[ -z "$(comm -23 "want.$r" "have.$r")" ]
	ok $? "server $r: every acknowledged write is there"
	same "$(q "SELECT count(*) FROM authority a WHERE name LIKE 'Server $r write %' AND NOT EXISTS
		(SELECT 1 FROM audit_event e WHERE e.kind = 'authority' AND e.record_id = a.id)")" 0 \
		"server $r: no authority without its audit event"
	same "$(q "SELECT count(*) FROM audit_event e WHERE e.kind = 'authority' AND e.record_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM authority a WHERE a.id = e.record_id)")" 0 \
		"server $r: no audit event without its authority"
done
finish
