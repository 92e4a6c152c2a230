#!/usr/bin/env python3
# Writes N incidents in the incident CSV layout (src/io/incident_csv.h) to
# stdout: 60 % in Gaussian clusters around 12 Swedish town centres, 40 %
# spread over their surroundings, EST categories, times over two years,
# lat/lon and SWEREF 99 TM x/y (projected by cs2cs from PROJ, so the
# importer and a plain COPY get the same numbers). Deterministic: the
# same N and seed give the same bytes.
# usage: gen-incidents.py N [SEED] > incidents.csv
import random
import subprocess
import sys

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261122)
towns = [(59.6099, 16.5448), (59.3293, 18.0686), (57.7089, 11.9746),
         (55.6050, 13.0038), (59.8586, 17.6389), (58.4108, 15.6214),
         (59.2753, 15.2134), (56.0465, 12.6945), (63.8258, 20.2630),
         (60.6749, 17.1413), (57.7826, 14.1618), (62.3908, 17.3069)]
cats = ['skadegorelse.klotter', 'skadegorelse.glaskross',
        'skadegorelse.brand', 'otrygghet.samling',
        'otrygghet.ordningsstorning', 'narkotika.handel', 'nedskrapning',
        'inbrott', 'stold.fordon', 'vald.misshandel', 'otrygghet.plats']
orgs = ['BENCH-K', 'BENCH-P', 'BENCH-B']
t0 = 1704063600  # 2024-01-01T00:00:00+01:00
rows = []
for i in range(n):
    lat0, lon0 = towns[rng.randrange(len(towns))]
    s = 0.004 if rng.random() < 0.6 else 0.05
    rows.append((lat0 + rng.gauss(0, s), lon0 + rng.gauss(0, 2 * s),
                 t0 + rng.randrange(2 * 365 * 86400)))
proj = subprocess.run(['cs2cs', '-f', '%.3f', 'EPSG:4326', 'EPSG:3006'],
                      input=''.join('%.7f %.7f\n' % (la, lo) for la, lo, _ in rows),
                      capture_output=True, text=True, check=True).stdout.split('\n')
out = sys.stdout
out.write('external_id,source,organisation,category,observed_from,lat,lon,'
          'x,y,severity,certainty,description\n')
import time
for i, ((lat, lon, t), xy) in enumerate(zip(rows, proj)):
    nn, e = xy.split()[:2]  # EPSG:3006 axis order: northing, easting
    ts = time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))
    desc = 'händelse %d, "citat", komma' % i if i % 3 == 0 else ''
    if desc:
        desc = '"' + desc.replace('"', '""') + '"'
    out.write('b%d,bench,%s,%s,%s,%.7f,%.7f,%s,%s,%d,%s,%s\n' % (
        i, orgs[i % 3], cats[rng.randrange(len(cats))], ts, lat, lon, e, nn,
        1 + rng.randrange(3), 'observed' if rng.random() < 0.8 else 'suspected',
        desc))
