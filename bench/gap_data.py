"""gap_data.py: a synthetic dataset for bench/gap.sh: AUTH authorities, PART
partnerships between them, ACT actions (one per partnership in turn), an
expected impact with one indicator and three yearly periods for every tenth
action, an observed outcome for every seventh. Categories, sides and values
are drawn from a fixed seed so that every run measures the same data.
usage: gap_data.py ACTIONS > dataset.json"""
import json
import random
import sys

random.seed(1)
acts = int(sys.argv[1])
auths = max(10, acts // 100)
parts = max(5, acts // 20)
cats = ["economic.jobs", "economic.tourism", "economic.exports", "sociocultural.openness",
        "sociocultural.networking", "institutional.practices", "solidarity.sdg"]
sides = ["home", "partner", "both"]
d = {"eala_dataset": 1, "authorities": [], "partnerships": [], "actions": [],
     "expected_impacts": [], "observed_outcomes": []}
for i in range(auths):
    d["authorities"].append({"ref": "a%d" % i, "name": "Town %d" % i, "country": "FR" if i % 2 else "ML",
                             "level": "municipality"})
for i in range(parts):
    a = i % auths
    b = (a + 1 + i // auths) % auths
    d["partnerships"].append({"ref": "p%d" % i, "name": "Town %d - Town %d" % (a, b), "kind": "decentralised_cooperation", "status": "active",
                              "members": ["a%d" % a, "a%d" % b], "start_date": "2015-01-01"})
for i in range(acts):
    p = i % parts
    d["actions"].append({"ref": "x%d" % i, "title": "Action %d" % i, "partnership": "p%d" % p,
                         "authority": d["partnerships"][p]["members"][0], "type": "project",
                         "status": "2", "start_date": "2019-01-01"})
    if i % 10 == 0:
        d["expected_impacts"].append({
            "ref": "e%d" % i, "partnership": "p%d" % p, "action": "x%d" % i,
            "category": random.choice(cats[:3] * 2 + cats[3:]), "side": random.choice(sides), "description": "Hoped",
            "indicators": [{"title": "Indicator", "unit": "count", "measure": "1", "ascending": True,
                            "periods": [{"start": "%d-01-01" % y, "end": "%d-12-31" % y,
                                         "target": 10, "actual": random.randint(0, 15)}
                                        for y in (2019, 2020, 2021)]}]})
    if i % 7 == 0:
        o = {"ref": "o%d" % i, "partnership": "p%d" % p, "action": "x%d" % i,
             "category": random.choice(cats[3:] * 2 + cats[:3]), "side": random.choice(sides),
             "reported_by": random.choice(["home", "home", "partner"]), "description": "Seen",
             "date": "%d-06-01" % random.choice((2019, 2020, 2021))}
        if i % 10 == 0:
            o["expected"] = "e%d" % i
        else:
            o["unexpected"] = True
        d["observed_outcomes"].append(o)
json.dump(d, sys.stdout)
