#!/usr/bin/env python3
"""A stand-in for `eventmap extract` that answers from the expected files.

    oracle_extract.py extract --date D --outlet O -o DIR FILE

writes DIR/reports.csv, DIR/flows.csv and DIR/extract.json in the command's
format, made from ARTICLES/<name>.expected.tsv and <name>.places.tsv
(ARTICLES: $ORACLE_ARTICLES, else ../articles beside this script).  It is
how score.py is checked against the real test data before the tool exists:

    score.py --tool tests/extract/score/oracle_extract.py --articles tests/extract/articles

must PASS with recall and precision 1.  $ORACLE_FAULTS (comma-separated)
breaks the answer on purpose, to see the scorer notice:
  drop_hard   leave out the rows marked hard (sentence recall stays 1)
  wrong_place resolve every place mention one id off (a wrong place each)
  country     resolve every country word to the first place id
  category    make every figure's category "unknown"
  fail        exit 3 with a message
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT_COLUMNS = ("report_id,event_date,event_date_end,location,admin1,country,latitude,longitude,"
                  "geo_precision,scope,category,fatalities,qualifier,event_type,sub_event_type,"
                  "actor1,actor2,source,reported_by,notes,summary,evidence,review,figure_kind,"
                  "part_of,quote").split(",")
FLOW_COLUMNS = ("flow_id,date,origin,destination,people,qualifier,source,reported_by,notes,"
                "evidence,review,quote").split(",")


def read_tsv(path):
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip()]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t") + [""] * len(header))) for ln in lines[1:]]


def main(argv):
    if not argv or argv[0] != "extract":
        sys.stderr.write("usage: oracle_extract.py extract --date D --outlet O -o DIR FILE\n")
        return 1
    faults = set(filter(None, os.environ.get("ORACLE_FAULTS", "").split(",")))
    if "fail" in faults:
        sys.stderr.write("oracle_extract: failing on purpose (ORACLE_FAULTS=fail)\n")
        return 3
    args = argv[1:]
    opts, files = {}, []
    i = 0
    while i < len(args):
        if args[i] in ("--date", "--outlet", "-o"):
            opts[args[i]] = args[i + 1]
            i += 2
        else:
            files.append(args[i])
            i += 1
    out = opts["-o"]
    path = files[-1]
    name = os.path.basename(path).rsplit(".", 1)[0]
    arts = os.environ.get("ORACLE_ARTICLES", os.path.join(HERE, "..", "articles"))
    expected = read_tsv(os.path.join(arts, name + ".expected.tsv"))
    places = read_tsv(os.path.join(arts, name + ".places.tsv"))
    if not expected:
        sys.stderr.write("oracle_extract: no expected rows for %s\n" % name)
        return 1
    os.makedirs(out, exist_ok=True)
    outlet = opts.get("--outlet", "")
    nr = ne = nf = 0
    rows, flows, reports, flow_rows = [], [], [], []
    id_of_figure = {}
    for e in expected:
        if e.get("hard") == "1" and "drop_hard" in faults:
            continue
        region = e["place"] == "region"
        pid = "" if region or e["place_id"] == "unlisted" else e["place_id"]
        if "wrong_place" in faults and pid.isdigit():
            pid = str(int(pid) + 1)
        if e["kind"] == "flow":
            nf += 1
            fid = "f%03d" % nf
            flows.append({"id": fid, "origin": "Syrian coast", "destination": e["place"],
                          "destination_id": pid,
                          "people": int(e["figure"]) if e["figure"] else None})
            flow_rows.append({"flow_id": fid, "date": e["date"], "origin": "Syrian coast",
                              "destination": e["place"], "people": e["figure"],
                              "qualifier": e["qualifier"], "source": e["source"].split("|")[0],
                              "reported_by": "%s (%s)" % (outlet, path), "review": "draft"})
            continue
        if e["kind"] == "deaths":
            nr += 1
            rid = "r%03d" % nr
        else:
            ne += 1
            rid = "e%03d" % ne
        cat = e["category"] or "unknown"
        if "category" in faults and e["kind"] != "event":
            cat = "unknown"
        part_of = ""
        if e["part_of_figure"]:
            part_of = id_of_figure.get((e["kind"], e["part_of_figure"]), "")
        if e["figure"]:
            id_of_figure.setdefault((e["kind"], e["figure"]), rid)
        location = "Syrian coast" if region else e["place"]
        rows.append({"id": rid, "kind": e["kind"],
                     "figure": int(e["figure"]) if e["figure"] else None,
                     "qualifier": e["qualifier"], "category": cat,
                     "source": e["source"].split("|")[0], "location": location, "place_id": pid,
                     "date": e["date"], "date_end": e["date_end"],
                     "role": "part" if part_of else "", "part_of": part_of})
        reports.append({"report_id": rid, "event_date": e["date"], "event_date_end": e["date_end"],
                        "location": location, "country": "SY",
                        "geo_precision": "3" if region else "1",
                        "scope": "region" if region else "place", "category": cat,
                        "fatalities": e["figure"] if e["kind"] == "deaths" else "",
                        "qualifier": e["qualifier"], "event_type": e["event_type"],
                        "source": e["source"].split("|")[0],
                        "reported_by": "%s (%s)" % (outlet, path), "review": "draft",
                        "figure_kind": e["kind"], "part_of": part_of})
    for r in rows:
        if r["part_of"]:
            for t in rows:
                if t["id"] == r["part_of"] and not t["role"]:
                    t["role"] = "total"
    mentions = []
    seen = set()
    first_id = next((p["expected"] for p in places if p["expected"][:1].isdigit()), "170063")
    for p in places:
        x, text = p["expected"], p["text"]
        if x in ("person", "none", "ignored"):
            continue
        m = {"file": path, "start": None, "end": None, "text": text, "candidates": [], "rows": [],
             "reason": "oracle"}
        if x.startswith("country:"):
            if "country" in faults:
                m.update(kind="place", status="resolved",
                         place={"id": first_id, "name": text, "country": "", "lat": 0, "lon": 0})
            else:
                m.update(kind="country", status="resolved", place=None)
        elif x == "unlisted":
            m.update(kind="unlisted", status="unresolved", place=None)
        else:
            pid = x
            if "wrong_place" in faults and pid.isdigit():
                pid = str(int(pid) + 1)
            m.update(kind="place", status="resolved",
                     place={"id": pid, "name": text, "country": "", "lat": 0, "lon": 0})
            seen.add(x)
        mentions.append(m)
    for e in expected:
        pid = e["place_id"]
        if pid and pid != "unlisted" and pid not in seen:
            seen.add(pid)
            mentions.append({"file": path, "start": None, "end": None, "text": e["place"],
                             "kind": "place", "status": "resolved", "reason": "oracle",
                             "place": {"id": pid, "name": e["place"], "country": "", "lat": 0,
                                       "lon": 0},
                             "candidates": [], "rows": []})
    with open(os.path.join(out, "reports.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, REPORT_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in reports:
            w.writerow(r)
    with open(os.path.join(out, "flows.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FLOW_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in flow_rows:
            w.writerow(r)
    with open(os.path.join(out, "extract.json"), "w", encoding="utf-8") as f:
        json.dump({"inputs": [path], "mentions": mentions, "rows": rows, "flows": flows}, f,
                  ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
