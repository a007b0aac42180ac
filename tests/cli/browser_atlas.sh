#!/bin/sh
# browser_atlas.sh: the pages in headless Chromium on a small database: the atlas
# (tests/browser/atlas.js) and an officer's flows (tests/browser/flows.js);
# screenshots are kept in build/test-shots/.
. "$(dirname "$0")/lib.sh"

if [ ! -x /usr/bin/chromium ] || [ ! -d "$ROOT/node_modules/playwright-core" ]; then
	ok 1 "Chromium and playwright-core are installed (scripts/install-deps)"
	finish
	exit 1
fi
run init
printf 'id,name,country,level,lat,lng\n1,Quetigny,FR,municipality,47.31,5.11\n2,Koulikoro,ML,municipality,12.86,-7.56\n3,Bous,DE,municipality,49.28,6.8\n4,Bamako,ML,municipality,12.64,-8.0\n' >a.csv
printf 'id,kind,status,members\n10,decentralised_cooperation,active,1|2\n11,twinning,active,1|3\n12,twinning,active,3|4\n' >p.csv
run import csv a.csv p.csv
EALA_PASSWORD=admin-password run user add admin --role admin
serve
SHOTS="$ROOT/build/test-shots"
mkdir -p "$SHOTS"
cd "$ROOT" || exit 1
SHOTS="$SHOTS" node tests/browser/atlas.js "$URL" >"$T/tap" 2>&1
SHOTS="$SHOTS" node tests/browser/flows.js "$URL" >>"$T/tap" 2>&1
tap_in "$T/tap"
kill -TERM "$PID"
wait "$PID"
finish
