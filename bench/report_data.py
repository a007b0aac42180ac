"""report_data.py: a synthetic dataset for bench/report.sh: one authority
with 40 partner authorities (40 partnerships), 1,000 actions active in 2023
with two financing rows each, 60 organisations taking part, 500 expected
impacts with one indicator of ten yearly periods (5,000 indicator values)
and 300 observed outcomes in 2023. Drawn from a fixed seed so that every run
measures the same data.
usage: report_data.py > dataset.json"""
import json
import random

random.seed(3)
countries = ["ML", "SN", "BF", "MG", "DE", "IT", "ES", "PL", "MA", "TN", "VN", "CA", "BR", "JP"]
sources = ["own_budget", "water_1pct", "ministry_call", "afd_ficol", "eu_programme", "region"]
cats = ["economic.jobs", "economic.tourism", "economic.exports", "sociocultural.openness",
        "sociocultural.networking", "institutional.practices", "solidarity.sdg"]
d = {"eala_dataset": 1, "authorities": [], "organisations": [], "partnerships": [], "actions": [],
     "financing": [], "expected_impacts": [], "observed_outcomes": []}
d["authorities"].append({"ref": "home", "name": "Benchville", "country": "FR", "level": "municipality",
                         "lat": 45.76, "lng": 4.84})
for i in range(40):
    c = countries[i % len(countries)]
    d["authorities"].append({"ref": "p%d" % i, "name": "Partner town %d" % i, "country": c,
                             "level": "municipality", "lat": random.uniform(-30, 60),
                             "lng": random.uniform(-80, 120)})
    d["partnerships"].append({"ref": "s%d" % i, "name": "Benchville - Partner town %d" % i,
                              "kind": random.choice(["twinning", "decentralised_cooperation"]),
                              "members": ["home", "p%d" % i], "status": "active",
                              "start_date": "%d-01-01" % random.randint(1970, 2020)})
for i in range(60):
    d["organisations"].append({"ref": "o%d" % i, "name": "Organisation %d" % i, "iati_type": "22",
                               "subtype": "association", "country": "FR" if i % 3 else "ML",
                               "authority": "home" if i % 3 else None})
    if d["organisations"][-1]["authority"] is None:
        del d["organisations"][-1]["authority"]
for i in range(1000):
    s = i % 40
    d["actions"].append({"ref": "x%d" % i, "title": "Action %d" % i, "partnership": "s%d" % s,
                         "authority": "home", "type": random.choice(["project", "mission", "event"]),
                         "status": "2", "start_date": "2022-01-01", "end_date": "2024-12-31",
                         "countries": [countries[s % len(countries)]],
                         "participants": [{"organisation": "o%d" % random.randrange(60), "role": "4"},
                                          {"organisation": "o%d" % random.randrange(60), "role": "4"}]})
    for k in range(2):
        planned = random.randint(1, 50) * 1000
        d["financing"].append({"action": "x%d" % i, "source": random.choice(sources), "year": 2023,
                               "planned": planned, "actual": round(planned * random.uniform(0.6, 1.0), 2),
                               "currency": "EUR"})
for i in range(500):
    d["expected_impacts"].append({
        "ref": "e%d" % i, "partnership": "s%d" % (i % 40), "category": random.choice(cats),
        "side": random.choice(["home", "partner", "both"]), "description": "Hoped",
        "indicators": [{"title": "Indicator", "unit": "count", "measure": "1", "ascending": True,
                        "periods": [{"start": "%d-01-01" % y, "end": "%d-12-31" % y, "target": 10,
                                     "actual": random.randint(0, 15)} for y in range(2014, 2024)]}]})
for i in range(300):
    o = {"ref": "r%d" % i, "partnership": "s%d" % (i % 40), "category": random.choice(cats),
         "side": random.choice(["home", "partner", "both"]),
         "reported_by": random.choice(["home", "home", "partner"]), "description": "Seen %d" % i,
         "date": "2023-%02d-01" % random.randint(1, 12)}
    if i % 2:
        o["expected"] = "e%d" % (i % 500)
    else:
        o["unexpected"] = True
    d["observed_outcomes"].append(o)
json.dump(d, __import__("sys").stdout)
