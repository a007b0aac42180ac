#!/usr/bin/python3
"""Write data/oda-eligible.csv from the World Bank income groups.

The OECD DAC list of ODA recipients is not shipped with eala; this derives an
approximation from data/wb_country_class.csv (about 2021): the economies the
World Bank classes as low, lower-middle or upper-middle income are eligible,
except those the DAC's own rules leave out (EU member states, G8 members,
territories of a DAC member). Run: /usr/bin/python3 scripts/oda-eligible.py
"""
import csv
import json
import sys

GROUPS = {"Low income", "Lower middle income", "Upper middle income"}
# The DAC list leaves out G8 members and EU member states (and candidates with
# a firm accession date), and territories that are part of a DAC member.
EXCLUDED = {
    "BGR": "member state of the European Union: not on the DAC list",
    "RUS": "G8 member: not on the DAC list",
    "ASM": "territory of the United States, a DAC member: not on the DAC list",
}
BASIS = ("derived from the World Bank income group in data/wb_country_class.csv "
         "(classification of about 2021), not the OECD DAC list of ODA recipients")

iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
alpha2 = {c["alpha_3"]: c["alpha_2"] for c in iso}
alpha2["XKX"] = "XK"
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["iso2", "iso3", "name", "income_group", "eligible", "basis"])
rows = sorted(csv.DictReader(open("data/wb_country_class.csv")), key=lambda r: alpha2.get(r["iso3"], ""))
for r in rows:
    if r["income_group"] not in GROUPS or r["iso3"] not in alpha2:
        continue
    why = EXCLUDED.get(r["iso3"])
    out.writerow([alpha2[r["iso3"]], r["iso3"], r["economy"], r["income_group"], 0 if why else 1,
                  BASIS + ("; " + why if why else "")])
