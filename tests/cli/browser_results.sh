#!/bin/sh
# browser_results.sh: the results forms in headless Chromium
# (tests/browser/results.js) on a small database with an officer of Quetigny
# and a partner contributor of Koulikoro; screenshots in build/test-shots/.
. "$(dirname "$0")/lib.sh"

if [ ! -x /usr/bin/chromium ] || [ ! -d "$ROOT/node_modules/playwright-core" ]; then
	ok 1 "Chromium and playwright-core are installed (scripts/install-deps)"
	finish
	exit 1
fi
run init
printf 'id,name,country,level,lat,lng\n1,Quetigny,FR,municipality,47.31,5.11\n2,Koulikoro,ML,municipality,12.86,-7.56\n' >a.csv
printf 'id,kind,status,members\n10,decentralised_cooperation,active,1|2\n' >p.csv
run import csv a.csv p.csv
EALA_PASSWORD=officer-password run user add officer --role editor --authority 1
EALA_PASSWORD=partner-password run user add partner --role partner_contributor --authority 2
serve
SHOTS="$ROOT/build/test-shots"
mkdir -p "$SHOTS"
cd "$ROOT" || exit 1
SHOTS="$SHOTS" node tests/browser/results.js "$URL" >"$T/tap" 2>&1
tap_in "$T/tap"
kill -TERM "$PID"
wait "$PID"
sqlite3 "$EALA_DB" "SELECT count(*) FROM document; SELECT reporter FROM observed_outcome" >"$T/db"
same "$(tr '\n' ' ' <"$T/db")" "1 partner " "one document stored, the outcome reported by the partner's login"
finish
