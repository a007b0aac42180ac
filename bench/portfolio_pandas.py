"""portfolio_pandas.py: the peer of 'eala analyze portfolio' for
bench/portfolio.sh: the same aggregations with pandas (Debian's
python3-pandas) on the same database: actions and budget (financing in
euros, actual else planned) by country and by domain (split evenly), by
partnership kind and action type, the Herfindahl-Hirschman index by country
and domain, the budget per active partnership and the share under 5,000 euros
a year, dormant partnerships (status, or active with nothing from the
reference year - 2 on). Prints a few figures to compare with eala's.
usage: portfolio_pandas.py DB AUTHORITY|0 REFERENCE_YEAR"""
import sqlite3
import sys

import pandas as pd

db, auth, ref = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = sqlite3.connect(db)
where = "WHERE a.authority_id = %d" % auth if auth else ""
act = pd.read_sql("SELECT a.id, a.partnership_id, a.type, p.kind, a.countries, a.domains,"
                  " CAST(substr(a.start_date, 1, 4) AS INTEGER) AS start FROM action a"
                  " LEFT JOIN partnership p ON p.id = a.partnership_id " + where, con)
fin = pd.read_sql("SELECT f.action_id AS id, f.year, coalesce(f.actual, f.planned) AS amount FROM financing f"
                  " JOIN action a ON a.id = f.action_id " + where + (" AND" if where else " WHERE") +
                  " f.currency = 'EUR'", con)
pwhere = ("WHERE id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = %d)" % auth) if auth else ""
par = pd.read_sql("SELECT id, kind, status, CAST(substr(start_date, 1, 4) AS INTEGER) AS start FROM partnership "
                  + pwhere, con)
budget = fin.groupby("id")["amount"].sum()
act["budget"] = act["id"].map(budget).fillna(0.0)
last = fin[fin.year <= ref].groupby("id")["year"].max()
act["last"] = act["id"].map(last).fillna(0).combine(act["start"].where(act["start"] <= ref, 0).fillna(0), max)


def split(col):
    s = act[["budget", col]].copy()
    s[col] = s[col].fillna("").str.split("|")
    s["n"] = s[col].str.len()
    s = s.explode(col)
    s["part"] = s["budget"] / s["n"]
    return s.groupby(col).agg(actions=("part", "size"), budget=("part", "sum")).sort_values("budget", ascending=False)


def hhi(t):
    share = t["budget"] / t["budget"].sum()
    return float((share * share).sum())


by_country, by_domain = split("countries"), split("domains")
by_kind = act.groupby(act["kind"].fillna("")).agg(actions=("id", "size"), budget=("budget", "sum"))
by_type = act.groupby("type").agg(actions=("id", "size"), budget=("budget", "sum"))
years = int(fin.year.max() - fin.year.min() + 1)
pb = act.groupby("partnership_id")["budget"].sum()
pl = act.groupby("partnership_id")["last"].max()
active = par[par.status == "active"].copy()
active["per_year"] = active["id"].map(pb).fillna(0.0) / years
window = ref - 2
active["last"] = active["id"].map(pl).fillna(0)
idle = active[(active["last"] < window) & ((active["start"].fillna(0) == 0) | (active["start"] < window))]
dormant = int((par.status == "dormant").sum()) + len(idle)
print(len(act), round(act.budget.sum()), by_country.index[0], round(hhi(by_country), 4), round(hhi(by_domain), 4),
      len(by_kind), len(by_type), len(active), int((active.per_year < 5000).sum()), dormant)
