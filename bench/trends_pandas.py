"""trends_pandas.py: the peer of 'eala analyze trends' in bench/trends.sh:
pandas (Debian's python3-pandas) reads the same columns from the same
database and computes the same per-year aggregations (partnerships begun and
ended by kind, with partner countries, agreements signed, actions and one-off
actions by domain, financing by source, organisations by the year of their
first action), drafts left out as eala's public figures are not: eala's CLI
counts drafts too, so this does. Prints the yearly totals as JSON, which
trends.sh compares with eala's.
usage: trends_pandas.py DB"""
import json
import sqlite3
import sys

import pandas as pd

con = sqlite3.connect(sys.argv[1])
p = pd.read_sql_query("SELECT kind, status, start_date, status_date, end_date, agreement_signed,"
                      " partner_countries FROM partnership", con)
a = pd.read_sql_query("SELECT id, partnership_id, start_date, domains FROM action", con)
f = pd.read_sql_query("SELECT year, source, currency, planned, actual FROM financing", con)
o = pd.read_sql_query("SELECT o.id, coalesce(o.subtype, 'other') AS subtype, a.start_date FROM organisation o"
                      " JOIN action_participant ap ON ap.organisation_id = o.id JOIN action a ON a.id = ap.action_id",
                      con)
p["year"] = p["start_date"].str[:4]
started = p.groupby(["year", "kind"]).size()
abroad = p[p["partner_countries"].notna()].groupby(["year", "partner_countries"]).size()
e = p[p["status"] == "ended"].copy()
e["year"] = e["status_date"].fillna(e["end_date"]).str[:4]
ended = e.groupby(["year", "kind"]).size()
agreements = p[p["agreement_signed"].notna()].groupby(p["agreement_signed"].str[:4]).size()
a["year"] = a["start_date"].str[:4]
a["oneoff"] = a["partnership_id"].isna()
actions = a.groupby("year").agg(n=("id", "size"), oneoff=("oneoff", "sum"))
domains = a.assign(domain=a["domains"].str.split("|")).explode("domain").groupby(["year", "domain"]).size()
money = f[f["currency"] == "EUR"].groupby(["year", "source"])[["planned", "actual"]].sum()
o["year"] = o["start_date"].str[:4]
first = o.groupby(["id", "subtype"])["year"].min().reset_index().groupby(["year", "subtype"]).size()
out = {
    "started": {y: int(n) for y, n in started.groupby(level=0).sum().items()},
    "ended": {y: int(n) for y, n in ended.groupby(level=0).sum().items()},
    "with_partners_abroad": {y: int(n) for y, n in abroad.groupby(level=0).sum().items()},
    "agreements_signed": {y: int(n) for y, n in agreements.items()},
    "actions": {y: int(r.n) for y, r in actions.iterrows()},
    "one_off_actions": {y: int(r.oneoff) for y, r in actions.iterrows()},
    "domains": int(domains.sum()),
    "planned_eur": {str(y): float(v) for y, v in money["planned"].groupby(level=0).sum().items()},
    "new_organisations": {y: int(n) for y, n in first.groupby(level=0).sum().items()},
}
json.dump(out, sys.stdout, sort_keys=True)
