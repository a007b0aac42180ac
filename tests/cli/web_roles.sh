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

serve
python3 "$ROOT/tests/cli/web_roles.py" "$URL" 50 >"$T/matrix" 2>&1
s=$?
tap_in "$T/matrix"
ok $s "the matrix ran to its end"
kill "$PID"
wait "$PID"
finish
