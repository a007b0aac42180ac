"""trends_data.py: the database of bench/trends.sh: bench/export_data.py's
PARTNERSHIPS partnerships between pairs of AUTH = PARTNERSHIPS/20 authorities
in eight countries (FR, DE, ML, IT, PL, SN, CA, CN: every World Bank income
group but one, Europe and not), then, from a fixed seed: ended partnerships
dated (status_date 0 to 15 years after the start), a signed agreement on one
partnership in three, ACTIONS actions (one in three outside any partnership,
one to three domains each), one or two financing rows per action, and
ACTIONS/20 organisations taking part in them. Written with SQLite directly
into a database 'eala init' created; partner_countries (schema v8) is then
worked out by the statement the migration runs, as eala's store would.
usage: trends_data.py DB PARTNERSHIPS ACTIONS"""
import os
import random
import sqlite3
import subprocess
import sys

db, parts, actions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "export_data.py"), db, str(parts)],
               check=True)
random.seed(6)
auths = max(10, parts // 20)
con = sqlite3.connect(db)
cur = con.cursor()
ended = [(r[0], int(r[1][:4])) for r in cur.execute("SELECT id, start_date FROM partnership WHERE status = 'ended'")]
cur.executemany("UPDATE partnership SET status_date = ? WHERE id = ?",
                (("%d-06-30" % min(2025, y + random.randint(0, 15)), i) for i, y in ended))
cur.execute("UPDATE partnership SET agreement_signed = start_date WHERE id % 3 = 0")
migration = open(os.path.join(os.path.dirname(__file__), "..", "src", "store", "schema_v8.sql")).read()
start = migration.index("UPDATE partnership SET partner_countries")
cur.execute(migration[start:migration.index(";", start)])
domains = ["water_sanitation", "culture", "education_youth", "governance", "health", "economic_development",
           "environment", "agriculture"]
sources = ["own_budget", "water_1pct", "ministry_call", "afd_ficol", "eu_programme", "region"]
subtypes = ["association", "diaspora_association", "university", "school", "hospital", "company",
            "chamber", "water_agency", "development_operator"]


def action_rows():
    for i in range(1, actions + 1):
        year = random.randint(1990, 2024)
        yield (i, "Action %d" % i, None if i % 3 == 0 else random.randint(1, parts), (i - 1) % auths + 1,
               "project", "2", "%d-%02d-01" % (year, random.randint(1, 12)),
               "|".join(sorted(random.sample(domains, random.randint(1, 3)))))


cur.executemany("INSERT INTO action (id, title, partnership_id, authority_id, type, status, start_date, domains)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", action_rows())


def financing_rows():
    for i in range(1, actions + 1):
        for _ in range(random.randint(1, 2)):
            amount = random.randint(1, 100) * 1000
            yield (i, random.choice(sources), random.randint(1990, 2024), amount, amount * random.randint(5, 10) / 10)


cur.executemany("INSERT INTO financing (action_id, source, year, planned, actual) VALUES (?, ?, ?, ?, ?)",
                financing_rows())
orgs = max(1, actions // 20)
cur.executemany("INSERT INTO organisation (id, name, iati_type, subtype) VALUES (?, ?, '22', ?)",
                ((i, "Organisation %d" % i, subtypes[i % len(subtypes)]) for i in range(1, orgs + 1)))
cur.executemany("INSERT INTO action_participant (action_id, organisation_id, role) VALUES (?, ?, '4')",
                ((i, (i - 1) % orgs + 1) for i in range(1, actions + 1)))
con.commit()
con.close()
