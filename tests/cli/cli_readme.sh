#!/bin/sh
# cli_readme.sh: every console example of README.md runs, on the demo database,
# and prints exactly what the README shows (a wrong example fails, as jq's
# manual tests do). Set README_SHOW=1 to print what the commands print instead.
. "$(dirname "$0")/lib.sh"

run demo
expect_rc 0 "the demo database for the README tour"
mkdir -p "$T/bin"
ln -s "$EALA" "$T/bin/eala"
ln -s "$DATA" "$T/data"   # the IATI schema, for the example that validates an export

python3 - "$ROOT/README.md" "$T" <<'PY' >"$T/tap"
import os, subprocess, sys
readme, tmp = sys.argv[1], sys.argv[2]
env = dict(os.environ, PATH=tmp + "/bin:" + os.environ["PATH"], EALA_DB="eala.db")
lines = open(readme, encoding="utf-8").read().split("\n")
examples, block = [], None
for line in lines:
    if line.startswith("```console"):
        block = []
        continue
    if block is not None and line.startswith("```"):
        block = None
        continue
    if block is None:
        continue
    if line.startswith("$ "):
        examples.append([line[2:], []])
    elif examples:
        examples[-1][1].append(line)
for cmd, want in examples:
    got = subprocess.run(cmd, shell=True, cwd=tmp, env=env, capture_output=True, text=True)
    out = (got.stdout + got.stderr).rstrip("\n").split("\n") if (got.stdout + got.stderr) else []
    if os.environ.get("README_SHOW"):
        print("$ " + cmd, file=sys.stderr)
        print("\n".join(out), file=sys.stderr)
    ok = out == want
    print(("ok" if ok else "not ok") + " - README: $ " + cmd)
    if not ok:
        import difflib
        for d in difflib.unified_diff(want, out, "README", "got", lineterm=""):
            print("# " + d)
PY
while IFS= read -r line; do
	case "$line" in
	"ok "*) ok 0 "${line#ok - }" ;;
	"not ok "*) ok 1 "${line#not ok - }" ;;
	*) echo "$line" ;;
	esac
done <"$T/tap"
finish
