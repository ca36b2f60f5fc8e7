#!/usr/bin/env python3
"""bench/web: a synthetic year of reports over Syria and Lebanon.

Writes REPORTS.csv: N reports (default 20,000) over the 365 days of 2024
at the 120 most populous towns of SY and LB in the gazetteer, each with
its coordinates (so the page, not the geocoder, is measured): death
figures from two sources with qualifiers, events of every ACLED type with
no figure, some reports over several days, and a region-wide total a
week.  The same seed gives the same file.

usage: gen.py REPORTS.csv [N]
"""
import csv
import datetime
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPES = ["Battles", "Violence against civilians", "Explosions/Remote violence",
         "Protests", "Riots", "Strategic developments"]
CATEGORIES = ["civilians", "security_forces", "pro_assad_fighters", "unknown"]
QUALIFIERS = ["exact", "exact", "exact", "at_least", "about", "more_than"]


def towns(limit):
    rows = []
    with open(ROOT / "geodata" / "geonames-levant.txt", encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if len(col) < 15 or col[8] not in ("SY", "LB") or col[6] != "P":
                continue
            rows.append((int(col[14] or 0), col[2], float(col[4]), float(col[5]), col[8]))
    rows.sort(reverse=True)
    return rows[:limit]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[-1])
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 20000
    rng = random.Random(2024)
    places = towns(120)
    start = datetime.date(2024, 1, 1)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["report_id", "event_date", "event_date_end", "location", "country",
                    "latitude", "longitude", "geo_precision", "scope", "category",
                    "fatalities", "qualifier", "event_type", "source", "reported_by",
                    "summary"])
        for i in range(n):
            day = start + datetime.timedelta(days=rng.randrange(366))
            end = day + datetime.timedelta(days=rng.choice([0] * 8 + [1, 2]))
            pop, name, lat, lon, cc = places[min(int(rng.paretovariate(1.2)) - 1, len(places) - 1)]
            kind = rng.choice(TYPES)
            deaths = kind in TYPES[:3] and rng.random() < 0.6
            region = i % 400 == 0
            w.writerow([f"y{i:06d}", day.isoformat(), end.isoformat() if end != day else "",
                        "Syria" if region else name, cc, "" if region else f"{lat:.5f}",
                        "" if region else f"{lon:.5f}", 3 if region else 1,
                        "region" if region else "place",
                        rng.choice(CATEGORIES) if deaths or region else "",
                        rng.randint(1, 40) * (20 if region else 1) if deaths or region else "",
                        rng.choice(QUALIFIERS) if deaths or region else "",
                        kind, rng.choice(["SOHR", "SNHR", "ACLED", "local council"]),
                        rng.choice(["AFP", "Reuters", "BBC", "Enab Baladi"]),
                        f"{kind.lower()} reported in {name}"])


if __name__ == "__main__":
    main()
