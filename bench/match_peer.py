"""bench/match_peer.py: the peer of bench/match.sh: the same partner ranking
as 'eala analyze match --authority ID' (every other country), in Python over
the same database with the sqlite3 module: the same rows read, the six parts
scored as docs/DATA.md section 11 says, the ten best printed as JSON
[[id, score], ...] to check that both agree.
usage: match_peer.py DB AUTHORITY_ID DATA_DIR"""
import csv, json, sqlite3, sys

db, me_id, data = sys.argv[1], int(sys.argv[2]), sys.argv[3]
con = sqlite3.connect(db)
weights = {r["part"]: float(r["weight"]) for r in csv.DictReader(open(data + "/rules/match.csv"))}
total = sum(weights.values())
langs = {r["country"]: set(r["languages"].split("|")) for r in csv.DictReader(open(data + "/country-languages.csv"))}
Q = ("SELECT a.id, a.country, a.level, a.population,"
     " (SELECT group_concat(x.domains, '|') FROM action x WHERE x.domains IS NOT NULL AND (x.authority_id = a.id"
     "  OR x.partnership_id IN (SELECT m.partnership_id FROM partnership_member m WHERE m.authority_id = a.id))),"
     " (SELECT group_concat(n.network_id, ',') FROM network_membership n WHERE n.authority_id = a.id)"
     " FROM authority a WHERE %s ORDER BY a.id")
me = con.execute(Q % "a.id = ?", (me_id,)).fetchone()
sought = list(dict.fromkeys(d for d in (me[4] or "").split("|") if d))
my_nets = set((me[5] or "").split(",")) - {""}
partners = {r[0] for r in con.execute(
    "SELECT m.authority_id FROM partnership_member me JOIN partnership_member m ON m.partnership_id = me.partnership_id"
    " AND m.authority_id <> me.authority_id WHERE me.authority_id = ?", (me_id,))}
links = con.execute("SELECT l.country, l.partner_authority_id FROM stakeholder_link l JOIN organisation o"
                    " ON o.id = l.organisation_id WHERE o.authority_id = ? OR o.authority_id IN"
                    " (SELECT id FROM authority WHERE parent_id = ?)", (me_id, me_id)).fetchall()
presence = dict(con.execute(
    "SELECT o.country, count(DISTINCT h.authority_id) FROM authority ha JOIN partnership_member h"
    " ON h.authority_id = ha.id JOIN partnership p ON p.id = h.partnership_id"
    " JOIN json_each('[' || p.members || ']') m JOIN authority o ON o.id = m.value AND o.country <> ?1"
    " WHERE ha.country = ?1 GROUP BY o.country", (me[1],)).fetchall())
ranked = []
for a in con.execute(Q % "a.country <> ?", (me[1],)):
    if a[0] in partners:
        continue
    doms = set((a[4] or "").split("|"))
    part = {"domain": sum(d in doms for d in sought) / len(sought) if sought else 0}
    ratio = min(me[3], a[3]) / max(me[3], a[3]) if me[3] and a[3] else 0
    part["size_level"] = ratio / 2 + (0.5 if me[2] == a[2] else 0)
    shared = len(my_nets & (set((a[5] or "").split(",")) - {""}))
    part["networks"] = min(shared, 2) / 2
    part["language"] = 1 if langs.get(me[1], set()) & langs.get(a[1], set()) else 0
    to_it = any(p == a[0] for _, p in links)
    part["stakeholders"] = 1 if to_it else 0.5 if any(c == a[1] for c, _ in links) else 0
    part["underserved"] = 1 / (1 + presence.get(a[1], 0))
    score = sum(100 * weights[k] * v / total for k, v in part.items())
    ranked.append((-round(score * 100), a[0], score))
ranked.sort()
print(json.dumps([[i, round(s, 2)] for _, i, s in ranked[:10]]))
