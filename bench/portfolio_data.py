"""portfolio_data.py: a synthetic database for bench/portfolio.sh: PART
partnerships between AUTH = PART/50 authorities, authority 1 (a big region or
network) a member of every tenth of them, one action per partnership led by
its first member (one or two countries among 40, one or two domains, a type),
two financing rows per action (2018-2024), a strategy for authority 1. Rows go
in with SQLite directly into a database that 'eala init' created (an import of
a million rows would measure the import). Fixed seed: every run reads the
same data.
usage: portfolio_data.py DB PARTNERSHIPS"""
import random
import sqlite3
import sys

random.seed(6)
db, parts = sys.argv[1], int(sys.argv[2])
auths = max(10, parts // 50)
kinds = ["twinning", "decentralised_cooperation", "friendship", "economic", "city_diplomacy", "development_cooperation"]
statuses = ["active", "active", "active", "active", "dormant", "ended", "planned"]
countries = ["FR", "DE", "ML", "IT", "PL", "SN", "CA", "CN", "MG", "BF", "MA", "TN", "VN", "JP", "US", "BR",
             "AR", "PE", "CL", "MX", "ES", "PT", "GB", "IE", "BE", "NL", "LU", "AT", "CH", "CZ", "RO", "BG",
             "GR", "TR", "IL", "LB", "AM", "GE", "UA", "IN"]
domains = ["water_sanitation", "waste", "health", "culture", "education_youth", "economic_development",
           "tourism", "governance", "agriculture", "sport"]
types = ["project", "mission", "event", "twinning_exchange", "economic_promotion", "technical_exchange",
         "emergency_aid"]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA synchronous = OFF")
cur = con.cursor()
cur.executemany("INSERT INTO authority (id, name, country, level, source) VALUES (?, ?, ?, 'municipality', 'bench')",
                ((i, "Town %d" % i, countries[i % len(countries)]) for i in range(1, auths + 1)))


def home(i):
    return 1 if i % 10 == 0 else (i - 1) % (auths - 1) + 2


def partnerships():
    for i in range(1, parts + 1):
        a = home(i)
        b = (a + 1 + (i - 1) // auths) % auths + 1
        if b == a:
            b = a % auths + 1
        year = random.randint(1960, 2023)
        yield (i, "Town %d – Town %d" % (a, b), kinds[i % len(kinds)], random.choice(statuses),
               "%d-01-01" % year, "%d,%d" % (a, b), "%d,%d,%d" % (min(a, b), max(a, b), i))


cur.executemany("INSERT INTO partnership (id, name, kind, status, start_date, source, members, member_key)"
                " VALUES (?1, ?2, ?3, ?4, ?5, 'bench', ?6, ?7)", partnerships())
cur.execute("INSERT INTO partnership_member (authority_id, partnership_id)"
            " SELECT CAST(substr(members, 1, instr(members, ',') - 1) AS INTEGER), id FROM partnership")
cur.execute("INSERT OR IGNORE INTO partnership_member (authority_id, partnership_id)"
            " SELECT CAST(substr(members, instr(members, ',') + 1) AS INTEGER), id FROM partnership")


def actions():
    for i in range(1, parts + 1):
        cs = random.sample(countries, random.choice((1, 1, 1, 2)))
        ds = random.sample(domains, random.choice((1, 1, 2)))
        y = random.randint(2016, 2024)
        yield (i, "Action %d" % i, i, home(i), random.choice(types), "2", "%d-03-01" % y, "|".join(ds), "|".join(cs))


cur.executemany("INSERT INTO action (id, title, partnership_id, authority_id, type, status, start_date, domains,"
                " countries, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')", actions())


def financing():
    for i in range(1, parts + 1):
        for k in range(2):
            y = random.randint(2018, 2024)
            planned = random.randint(500, 60000)
            actual = planned * random.uniform(0.6, 1.1) if random.random() < 0.7 else None
            yield (i, random.choice(("own_budget", "water_1pct", "ministry_call")), y, planned, actual)


cur.executemany("INSERT INTO financing (action_id, source, year, planned, actual) VALUES (?, ?, ?, ?, ?)", financing())
cur.execute("INSERT INTO strategy (id, authority_id, title, start_year, end_year) VALUES (1, 1, 'Bench', 2018, 2026)")
cur.executemany("INSERT INTO strategy_priority (strategy_id, type, code, target_share) VALUES (1, ?, ?, ?)",
                [("country", "ML", 0.2), ("country", "SN", 0.1), ("domain", "water_sanitation", 0.3)])
con.commit()
con.close()
