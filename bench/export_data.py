"""export_data.py: a synthetic database for bench/export.sh and the export
tests: AUTH authorities (every twentieth without coordinates) and PART
partnerships between pairs of them, written into an eala database that
'eala init' created (the schema is eala's; rows go in with SQLite directly,
as an import of a million rows would measure the import, not the export).
Kinds, statuses, dates and the odd quoted name are drawn from a fixed seed,
so every run exports the same data. Every hundredth partnership is a draft.
usage: export_data.py DB PARTNERSHIPS"""
import random
import sqlite3
import sys

random.seed(5)
db, parts = sys.argv[1], int(sys.argv[2])
auths = max(10, parts // 20)
kinds = ["twinning", "decentralised_cooperation", "friendship", "economic", "city_diplomacy"]
statuses = ["active", "active", "active", "dormant", "ended", "planned"]
countries = ["FR", "DE", "ML", "IT", "PL", "SN", "CA", "CN"]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode = WAL")
cur = con.cursor()
cur.executemany(
    "INSERT INTO authority (id, name, country, level, population, lat, lng, source)"
    " VALUES (?, ?, ?, 'municipality', ?, ?, ?, 'bench')",
    ((i, "Town %d%s" % (i, ', "on sea"' if i % 97 == 0 else ""), countries[i % len(countries)],
      random.randint(500, 500000), None if i % 20 == 0 else round(random.uniform(-50, 60), 4),
      None if i % 20 == 0 else round(random.uniform(-120, 140), 4)) for i in range(1, auths + 1)))


def rows():
    for i in range(1, parts + 1):
        a = (i - 1) % auths + 1
        b = (a + (i - 1) // auths) % auths + 1
        if b == a:
            b = a % auths + 1
        year = random.randint(1950, 2024)
        yield (i, "Town %d – Town %d" % (a, b), kinds[i % len(kinds)], random.choice(statuses),
               "%d-%02d-%02d" % (year, random.randint(1, 12), random.randint(1, 28)),
               "%d,%d" % (a, b), "%d,%d,%d" % (min(a, b), max(a, b), i), 1 if i % 100 == 0 else 0)


cur.executemany(
    "INSERT INTO partnership (id, name, kind, status, start_date, source, members, member_key, draft)"
    " VALUES (?1, ?2, ?3, ?4, ?5, 'bench', ?6, ?7, ?8)", rows())
cur.execute("INSERT INTO partnership_member (authority_id, partnership_id)"
            " SELECT CAST(substr(members, 1, instr(members, ',') - 1) AS INTEGER), id FROM partnership")
cur.execute("INSERT OR IGNORE INTO partnership_member (authority_id, partnership_id)"
            " SELECT CAST(substr(members, instr(members, ',') + 1) AS INTEGER), id FROM partnership")
con.commit()
con.close()
