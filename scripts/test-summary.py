#!/usr/bin/env python3
"""Count the TAP results of every test in a Meson test log and print the
closing line 'N passed, N failed'. Exit 1 when anything failed.

usage: test-summary.py BUILD/meson-logs/testlog.json
"""
import json
import re
import sys

OK = re.compile(r"^ok \d+")
NOT_OK = re.compile(r"^not ok \d+")


def main():
    passed = failed = 0
    problems = []
    with open(sys.argv[1], encoding="utf-8") as log:
        for line in log:
            t = json.loads(line)
            out = (t.get("stdout") or "").splitlines()
            p = sum(1 for l in out if OK.match(l))
            bad = [l for l in out if NOT_OK.match(l)]
            passed += p
            failed += len(bad)
            problems += ["%s: %s" % (t["name"], l) for l in bad]
            if t["result"] not in ("OK", "EXPECTEDFAIL") and not bad:
                # a crash, a timeout or a wrong plan: the test as a whole failed
                failed += 1
                problems.append("%s: %s (exit %s)" % (t["name"], t["result"], t.get("returncode")))
    for p in problems:
        print("FAILED " + p)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
