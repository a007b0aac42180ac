#!/bin/sh
# web_roles.sh: the permission matrix (tests/cli/web_roles.py) against the real
# server: every state-changing route, every role, in and out of scope.
. "$(dirname "$0")/lib.sh"

run init
printf 'id,name,country,level\n1,Quetigny,FR,municipality\n2,Koulikoro,ML,municipality\n3,Autreville,FR,municipality\n4,Bous,DE,municipality\n' >auth.csv
printf 'id,name,iati_type,subtype,country\n50,Cités Unies France,22,city_network,FR\n' >org.csv
run import csv auth.csv org.csv
expect_rc 0 "a small database"
EALA_PASSWORD=admin-pass1 run user add ad --role admin
EALA_PASSWORD=viewer-pass run user add vi --role viewer
EALA_PASSWORD=partner-pass run user add pa --role partner_contributor --authority 2
EALA_PASSWORD=editor-pass run user add ed --role editor --authority 1
EALA_PASSWORD=coord-pass1 run user add co --role coordinator
run user grant co --role coordinator --authority 1
EALA_PASSWORD=coord-pass2 run user add cn --role coordinator
expect_rc 0 "one user per role"

PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
"$EALA" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
PID=$!
for i in $(seq 1 50); do
	curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
	sleep 0.1
done
python3 "$ROOT/tests/cli/web_roles.py" "http://127.0.0.1:$PORT" 50 >"$T/matrix" 2>&1
s=$?
while read -r line; do
	case "$line" in
	"ok "*) ok 0 "${line#ok * - }" ;;
	"not ok "*) ok 1 "${line#not ok * - }" ;;
	"1.."*) ;;
	*) echo "# $line" ;;
	esac
done <"$T/matrix"
ok $s "the matrix ran to its end"
kill "$PID"
wait "$PID"
finish
