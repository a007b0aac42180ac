#!/usr/bin/env python3
"""bench/iati_data.py: a large valid IATI 2.03 activity file for bench/iati.sh.

N activities (argument, default 20,000), each reported by one of 200 city
councils (type 11, FR-COG refs), with 3 participating organisations, 2
countries, 2 sectors, 3 budgets, 4 transactions and a result with an indicator
of 3 periods: about 2.6 KB an activity. Deterministic (seeded).
"""
import random
import sys
from xml.sax.saxutils import escape

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rnd = random.Random(5)
countries = ["ML", "SN", "BF", "MG", "BJ", "TG", "NE", "CM", "HT", "VN"]
sectors = ["14030", "11120", "12220", "15112", "31120", "43040"]
out = sys.stdout
out.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
for i in range(1, n + 1):
    town = rnd.randrange(1, 201)
    ref = "FR-COG-%05d" % (21000 + town)
    name = "Ville numéro %d" % town
    partner = rnd.choice(countries)
    y = 2015 + i % 8
    w = out.write
    w('  <iati-activity default-currency="EUR">\n')
    w('    <iati-identifier>%s-%d</iati-identifier>\n' % (ref, i))
    w('    <reporting-org ref="%s" type="11"><narrative>%s</narrative></reporting-org>\n' % (ref, escape(name)))
    w('    <title><narrative>Project %d &amp; partners in %s</narrative><narrative xml:lang="fr">Projet %d</narrative></title>\n' % (i, partner, i))
    w('    <description type="1"><narrative>Water, schools and local governance: activity %d of the benchmark.</narrative></description>\n' % i)
    w('    <participating-org ref="%s" type="11" role="1"><narrative>%s</narrative></participating-org>\n' % (ref, escape(name)))
    w('    <participating-org ref="%s-EALA-A%d" type="11" role="4"><narrative>Commune %d</narrative></participating-org>\n' % (partner, town, town))
    w('    <participating-org ref="FR-RNA-W%06d" type="22" role="4"><narrative>Association %d</narrative></participating-org>\n' % (i % 500, i % 500))
    w('    <activity-status code="%d"/>\n' % (2 + i % 3))
    w('    <activity-date type="1" iso-date="%d-01-01"/>\n    <activity-date type="2" iso-date="%d-02-01"/>\n' % (y, y))
    w('    <activity-date type="3" iso-date="%d-12-31"/>\n' % (y + 2))
    w('    <recipient-country code="%s" percentage="70"/>\n    <recipient-country code="%s" percentage="30"/>\n' % (partner, rnd.choice(countries)))
    w('    <sector vocabulary="1" code="%s" percentage="60"/>\n    <sector vocabulary="1" code="%s" percentage="40"/>\n' % (rnd.choice(sectors), rnd.choice(sectors)))
    for k in range(3):
        w('    <budget type="1" status="1"><period-start iso-date="%d-01-01"/><period-end iso-date="%d-12-31"/><value currency="EUR" value-date="%d-01-01">%d</value></budget>\n' % (y + k, y + k, y + k, rnd.randrange(1000, 90000)))
    for k in range(4):
        w('    <transaction><transaction-type code="%d"/><transaction-date iso-date="%d-06-30"/><value currency="EUR" value-date="%d-06-30">%d</value><provider-org ref="%s"><narrative>%s</narrative></provider-org></transaction>\n' % (3 + k % 2, y + k % 3, y + k % 3, rnd.randrange(100, 20000), ref, escape(name)))
    w('    <result type="2"><title><narrative>Households connected %d</narrative></title>\n' % i)
    w('      <indicator measure="1" ascending="1"><title><narrative>Households with a tap</narrative></title><baseline year="%d" iso-date="%d-12-31" value="0"/>\n' % (y - 1, y - 1))
    for k in range(3):
        w('        <period><period-start iso-date="%d-01-01"/><period-end iso-date="%d-12-31"/><target value="%d"/><actual value="%d"/></period>\n' % (y + k, y + k, 100 * (k + 1), 90 * (k + 1)))
    w('      </indicator>\n    </result>\n  </iati-activity>\n')
out.write('</iati-activities>\n')
