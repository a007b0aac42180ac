#!/bin/sh
# i18n_catalog.sh: every word the pages pass to tr() as a literal has its French
# translation in data/i18n/fr.json, the catalog is valid JSON without empty
# entries, and the server refuses to start on a broken catalog, naming the file.
. "$(dirname "$0")/lib.sh"

python3 - "$ROOT" >"$T/out" 2>&1 <<'PY'
import glob, json, re, sys
root = sys.argv[1]
fr = json.load(open(root + "/data/i18n/fr.json"))
lit = r'"((?:[^"\\]|\\.)*)"'
missing, used = [], 0
for path in sorted(glob.glob(root + "/src/web/*.c")):
    text = open(path).read()
    for m in re.finditer(r'\btr\(\s*[\w\->()]+?\s*,\s*((?:' + lit + r'\s*)+)\)', text):
        key = "".join(re.findall(lit, m.group(1))).encode().decode("unicode_escape").encode("latin-1").decode()
        used += 1
        if key not in fr:
            missing.append(path.rsplit("/", 1)[1] + ": " + key)
empty = [k for k, v in fr.items() if not isinstance(v, str) or not v.strip()]
print("used %d" % used)
print("missing %d" % len(missing), *missing, sep="\n")
print("empty %d" % len(empty), *empty, sep="\n")
PY
has out "missing 0" "every literal word of the pages has its French translation"
has out "empty 0" "no French entry is empty"
hasnt out "used 0" "and the check found the words (it reads src/web)"

cp -r "$DATA" data
printf '{"Search": "Rechercher",}\n' >data/i18n/fr.json
run init
EALA_DATADIR="$T/data" "$EALA" serve --listen 127.0.0.1:1 >"$T/out" 2>"$T/err"
s=$?
ok $([ $s -ne 0 ]; echo $?) "the server does not start on a broken catalog"
has err "i18n/fr.json:1" "and names the file and line"
finish
