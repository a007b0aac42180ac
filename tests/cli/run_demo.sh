#!/bin/sh
# run_demo.sh: what 'make run' does (scripts/run-demo) on a fresh database:
# the demo loaded, the tour printed with the address and the demo logins, the
# server up, each demo login working with its role; run again, it reuses the
# database.
. "$(dirname "$0")/lib.sh"

PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
URL="http://127.0.0.1:$PORT"
start() {
	LISTEN="127.0.0.1:$PORT" "$ROOT/scripts/run-demo" "$EALA" "$T/demo.db" >"$T/run.out" 2>"$T/run.err" &
	PID=$!
	for i in $(seq 1 600); do
		curl -sf "$URL/healthz" >/dev/null 2>&1 && break
		sleep 0.1
	done
}
start
has run.out "users                         5" "the demo database gets one login per role"
has run.out "In the browser: $URL/" "the tour gives the address"
has run.out "Demo logins (password: the login followed by -demo" "and the demo logins"
for who in admin:admin coordinator:coordinator editor:editor partner:partner_contributor viewer:viewer; do
	login=${who%%:*}
	role=${who#*:}
	curl -s -o "$T/out" -X POST "$URL/api/v1/login" -d "{\"login\":\"$login\",\"password\":\"$login-demo\"}"
	same "$(json "j['roles'][0]['role']")" "$role" "the $login demo login works and has the $role role"
done
kill "$PID"
wait "$PID" 2>/dev/null
start
has run.out "users                         5" "run again, the same database is served"
kill "$PID"
wait "$PID" 2>/dev/null
finish
