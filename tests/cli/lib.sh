# lib.sh: a tiny TAP library for the CLI tests. Source it, then call the checks;
# 'finish' prints the plan and exits non-zero when a check failed.
# Each test script gets the eala binary as $1 and works in its own temporary folder.

EALA=${1:?usage: $0 path/to/eala}
case "$EALA" in /*) ;; *) EALA="$PWD/$EALA" ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA="$ROOT/data"
T=$(mktemp -d /tmp/eala-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
export EALA_DB="$T/eala.db"
unset EALA_DATADIR
n=0
failed=0

ok() {       # ok CONDITION-EXIT-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		printf "ok %s - %s\n" "$n" "$2"
	else
		printf "not ok %s - %s\n" "$n" "$2"
		failed=$((failed + 1))
	fi
}

# run CMD...: runs eala, keeps stdout in $T/out, stderr in $T/err, status in $rc
run() {
	"$EALA" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# expect_rc N DESCRIPTION: the last run exited with N
expect_rc() {
	[ "$rc" -eq "$1" ]
	s=$?
	ok $s "$2 (exit $rc, want $1)"
	[ $s -eq 0 ] || sed 's/^/# /' "$T/err" | head -20
}

# has FILE TEXT DESCRIPTION: FILE (out or err) contains TEXT
has() {
	grep -qF -- "$2" "$T/$1"
	s=$?
	ok $s "$3"
	[ $s -eq 0 ] || { echo "# wanted in $1: $2"; sed 's/^/# | /' "$T/$1" | head -20; }
}

hasnt() {
	! grep -qF -- "$2" "$T/$1"
	ok $? "$3"
}

# same A B DESCRIPTION: two strings are equal
same() {
	[ "$1" = "$2" ]
	s=$?
	ok $s "$3"
	[ $s -eq 0 ] || echo "# got '$1', want '$2'"
}

# json EXPR: evaluate a python expression on the JSON in $T/out (bound to j)
json() {
	python3 -c "import json,sys; j=json.load(open('$T/out')); print($1)"
}

# serve [ENV=VALUE...]: start 'eala serve' on a free loopback port with those
# variables in its environment, wait until it answers; sets PORT, URL and PID
# (stop it with: kill "$PID"; wait "$PID"). Its stderr goes to $T/serve.log.
serve() {
	PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
	URL="http://127.0.0.1:$PORT"
	env "$@" "$EALA" serve --listen "127.0.0.1:$PORT" 2>"$T/serve.log" &
	PID=$!
	for i in $(seq 1 50); do
		curl -sf "$URL/healthz" >/dev/null 2>&1 && break
		sleep 0.1
	done
}

# tap_in FILE: the TAP lines another program wrote count as checks of this
# script; its other lines are shown as comments
tap_in() {
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok 0 "${line#ok * - }" ;;
		"not ok "*) ok 1 "${line#not ok * - }" ;;
		"1.."*) ;;
		*) echo "# $line" ;;
		esac
	done <"$1"
}

finish() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
