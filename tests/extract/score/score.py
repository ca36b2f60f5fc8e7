#!/usr/bin/env python3
"""Scores `eventmap extract` against hand-written expected rows.

For every line of ARTICLES/manifest.tsv (file, publication date, outlet) it
runs

    TOOL extract --date DATE --outlet OUTLET -o TMP FILE

reads TMP/extract.json, TMP/reports.csv and TMP/flows.csv, and matches the
rows it extracted against ARTICLES/<name>.expected.tsv:

  - a figure (deaths, wounded, detained, displaced) matches on kind, figure
    and category; its qualifier, source, place, part_of, dates and
    event_type are counted as separate agreements;
  - an event matches on event_type and the place id it resolved to; a
    region-wide event (place "region") on event_type alone, taking a
    region-scope row first;
  - a flow matches on its destination's place id and the number of people.

Each extracted row matches at most one expected row.  Expected rows marked
`hard` = 1 need more than one sentence or knowledge outside the text;
recall is given over all rows and over the sentence-level ones.

Places: the ids of the mentions extract.json resolved, against the place
ids the expected rows and ARTICLES/<name>.places.tsv name.  Three counts
must be 0:
  - country words placed as towns: a mention whose text is a country or
    nationality word (places.tsv `country:XX`, or a built-in list) that was
    resolved to a place;
  - confident wrong places: a resolved mention whose text places.tsv lists
    with another id, or as `unlisted`, `person` or `none`;
  - markup read as text: a mention of a text places.tsv lists as `ignored`
    (it appears only inside <script> or <style>).

Exit status: 0 when all three counts are 0, every article was extracted,
and --min-recall / --min-precision (over all kinds and articles) are met;
1 otherwise; 2 for a usage error (a missing tool, manifest or expected
file).  Seed lines (files under ../shared/seeds/) are skipped when the
seeds directory does not exist.

    score.py --tool build/eventmap --articles tests/extract/articles
    score.py --selftest
"""

import argparse
import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

KINDS = ["deaths", "wounded", "detained", "displaced", "event", "flow"]
FIGURE_KINDS = {"deaths", "wounded", "detained", "displaced"}
EXPECTED_COLUMNS = ["kind", "place", "place_id", "figure", "qualifier", "category", "source",
                    "event_type", "date", "date_end", "part_of_figure"]
SEED_PREFIX = "../shared/seeds/"
REGION_IDS = {"eventmap:syrian-coast"}

# Country and nationality words that are never towns, in any article.
COUNTRY_WORDS = {
    "syria", "syrian", "syrians", "lebanon", "lebanese", "iraq", "iraqi", "turkey", "türkiye",
    "turkish", "russia", "russian", "iran", "iranian", "israel", "israeli", "jordan",
    "jordanian", "egypt", "egyptian", "britain", "british", "uk", "united kingdom", "england",
    "france", "french", "united states", "us", "u.s", "america", "american", "germany",
    "german", "cyprus", "cypriot", "palestine", "palestinian", "saudi arabia", "saudi",
    "qatar", "qatari", "europe", "european",
    "سوريا", "سورية", "لبنان", "العراق", "تركيا", "روسيا", "إيران", "الأردن", "مصر", "فرنسا",
}

# Spellings of the same source; compared after norm_source().
SOURCE_ALIASES = [
    {"sohr", "syrian observatory for human rights", "the syrian observatory for human rights",
     "observatory", "the observatory", "war monitor", "monitor", "the monitor",
     "britain based observatory", "war monitoring group"},
    {"snhr", "syrian network for human rights"},
    {"sana", "state news agency", "syrian arab news agency", "state news agency sana",
     "the state news agency", "syria's state news agency"},
    {"unhcr", "un refugee agency", "the un refugee agency", "united nations refugee agency"},
    {"ocha", "un humanitarian office", "the un humanitarian office"},
    {"syrian defence ministry", "defence ministry", "defense ministry", "ministry of defence",
     "ministry of defense", "syria's defence ministry", "syrian defense ministry"},
    {"interior ministry", "ministry of interior", "the interior ministry"},
    {"scrd", "sentinel centre for rights & documentation"},
    {"resident", "residents", "a resident", "local residents", "eyewitnesses", "eyewitness"},
]


# ---------------------------------------------------------------- helpers

def norm_text(text):
    """A place or person name compared loosely: case, hyphens, possessive,
    a leading 'the', Arabic vowel marks and tatweel do not count."""
    t = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("‘", "'")
    t = re.sub("[\u064b-\u065f\u0670\u0640]", "", t)
    t = t.casefold().strip()
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"[-‐‑–—_/]", " ", t)
    t = re.sub(r"[^\w\s'.&]", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" .'")
    t = re.sub(r"^the ", "", t)
    return t


def tokens(text):
    return [t for t in (w.strip(".'") for w in norm_text(text).split()) if t]


ARTICLE_WORDS = re.compile(r"^(al|el|ash|ad|as|ar|an|at|az|ath|adh|aş|aḑ|aţ)\s+")


def skeleton(name):
    """Consonants of a transliterated name without its article: Sheikh Badr
    and Ash Shaykh Badr, Dreikish and Ad Duraykish, agree."""
    t = unicodedata.normalize("NFKD", norm_text(name))
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = ARTICLE_WORDS.sub("", t)
    return re.sub(r"[^a-z]|[aeiouywh]", "", t)


def contains_tokens(hay, needle):
    n = len(needle)
    return n > 0 and any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def norm_source(text):
    t = norm_text(text)
    t = re.sub(r"\s*\(.*?\)\s*", " ", t)  # "Ali Sheha (resident)" -> "ali sheha"
    t = re.sub(r"\(.*$", "", t)
    t = re.sub(r"^(a|an|the) ", "", t)
    return re.sub(r"\s+", " ", t).strip()


def source_agrees(expected, got):
    """expected may list alternatives: "SCRD|unattributed"."""
    g = norm_source(got)
    graw = norm_text(got)
    for alt in (expected or "").split("|"):
        e = norm_source(alt)
        if not e and not g:
            return True
        if not e or not g:
            continue
        if e == g or e.rstrip("s") == g.rstrip("s"):
            return True
        # "Ali Sheha (resident)" against "Ali Sheha", "resident"
        inner = re.findall(r"\((.*?)\)", alt)
        if any(norm_source(i) in (g, g.rstrip("s")) for i in inner):
            return True
        if len(e) >= 4 and len(g) >= 4 and (e in graw or g in norm_text(alt)):
            return True
        for group in SOURCE_ALIASES:
            if (e in group or e.rstrip("s") in group) and (g in group or g.rstrip("s") in group):
                return True
    return False


def parse_number(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    s = str(value).strip().replace(",", "").replace("\u202f", "").replace(" ", "")
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        return None


def same_number(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-6


def fmt_num(x):
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else str(x)


def ratio(num, den):
    return None if den == 0 else num / den


def fmt_ratio(r):
    return "   -" if r is None else "%.2f" % r


def s(value):
    """A JSON value as a string ('' for null)."""
    if value is None:
        return ""
    return str(value)


# ---------------------------------------------------------------- inputs

class UsageError(Exception):
    pass


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f.read().split("\n") if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise UsageError("%s: empty" % path)
    header = lines[0].rstrip("\r").split("\t")
    rows = []
    for n, ln in enumerate(lines[1:], 2):
        cells = ln.rstrip("\r").split("\t")
        if len(cells) > len(header):
            raise UsageError("%s:%d: %d cells, the header has %d" % (path, n, len(cells), len(header)))
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells))
        row["_line"] = n
        rows.append(row)
    return header, rows


def read_manifest(articles):
    path = os.path.join(articles, "manifest.tsv")
    if not os.path.isfile(path):
        raise UsageError("no manifest: %s" % path)
    header, rows = read_tsv(path)
    for col in ("file", "date", "outlet"):
        if col not in header:
            raise UsageError("%s: no column %r" % (path, col))
    for r in rows:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]):
            raise UsageError("%s:%d: date %r is not YYYY-MM-DD" % (path, r["_line"], r["date"]))
    return rows


def article_name(path):
    base = os.path.basename(path)
    return re.sub(r"\.(txt|html?|text)$", "", base)


def read_expected(articles, name):
    path = os.path.join(articles, name + ".expected.tsv")
    if not os.path.isfile(path):
        raise UsageError("no expected rows for %s: %s" % (name, path))
    header, rows = read_tsv(path)
    missing = [c for c in EXPECTED_COLUMNS if c not in header]
    if missing:
        raise UsageError("%s: missing columns %s" % (path, ", ".join(missing)))
    out = []
    for r in rows:
        kind = r["kind"].strip()
        if kind not in KINDS:
            raise UsageError("%s:%d: kind %r is not one of %s" % (path, r["_line"], kind, "|".join(KINDS)))
        fig = parse_number(r["figure"])
        if r["figure"].strip() and fig is None:
            raise UsageError("%s:%d: figure %r is not a number" % (path, r["_line"], r["figure"]))
        out.append({
            "line": r["_line"], "kind": kind, "place": r["place"].strip(),
            "place_id": r["place_id"].strip(), "figure": fig,
            "qualifier": r["qualifier"].strip(), "category": r["category"].strip(),
            "source": r["source"].strip(), "event_type": r["event_type"].strip(),
            "date": r["date"].strip(), "date_end": r["date_end"].strip(),
            "part_of_figure": parse_number(r["part_of_figure"]),
            "hard": r.get("hard", "").strip() == "1",
            "ref": r.get("dataset_id", "").strip(),
        })
    return out


def read_places(articles, name):
    path = os.path.join(articles, name + ".places.tsv")
    if not os.path.isfile(path):
        return []
    header, rows = read_tsv(path)
    if "text" not in header or "expected" not in header:
        raise UsageError("%s: needs columns text and expected" % path)
    out = []
    for r in rows:
        exp = r["expected"].strip()
        if not (exp in ("unlisted", "person", "none", "ignored") or exp.startswith("country:") or exp):
            raise UsageError("%s:%d: empty expected" % (path, r["_line"]))
        out.append({"text": r["text"].strip(), "expected": exp, "tokens": tokens(r["text"])})
    return out


def read_csv(path):
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_output(outdir):
    """The extracted rows, flows and mentions, normalised.  Raises
    ValueError naming what is missing or unreadable."""
    jpath = os.path.join(outdir, "extract.json")
    reports = read_csv(os.path.join(outdir, "reports.csv"))
    flows_csv = read_csv(os.path.join(outdir, "flows.csv"))
    doc = None
    if os.path.isfile(jpath):
        try:
            with open(jpath, encoding="utf-8") as f:
                doc = json.load(f)
        except (ValueError, UnicodeDecodeError) as e:
            raise ValueError("extract.json is not valid JSON: %s" % e)
        if not isinstance(doc, dict):
            raise ValueError("extract.json is not a JSON object")
    if doc is None and reports is None:
        raise ValueError("wrote neither extract.json nor reports.csv in %s" % outdir)
    warnings = []
    if doc is None:
        warnings.append("no extract.json: rows from reports.csv only (no non-death figures, no mentions)")
    if reports is None:
        warnings.append("no reports.csv")
    if flows_csv is None:
        warnings.append("no flows.csv")
    by_id = {r.get("report_id", ""): r for r in (reports or [])}
    flow_by_id = {r.get("flow_id", ""): r for r in (flows_csv or [])}

    rows = []
    jrows = doc.get("rows") if doc else None
    if isinstance(jrows, list):
        for jr in jrows:
            if not isinstance(jr, dict):
                continue
            rid = s(jr.get("id"))
            if rid in flow_by_id or rid.startswith("f"):
                continue  # flows are read below
            rep = by_id.get(rid, {})
            rows.append({
                "id": rid, "kind": s(jr.get("kind")) or rep.get("figure_kind", ""),
                "figure": parse_number(jr.get("figure")),
                "qualifier": s(jr.get("qualifier")) or rep.get("qualifier", ""),
                "category": s(jr.get("category")) or rep.get("category", ""),
                "source": s(jr.get("source")) or rep.get("source", ""),
                "location": s(jr.get("location")) or rep.get("location", ""),
                "place_id": s(jr.get("place_id")),
                "scope": rep.get("scope", ""),
                "date": s(jr.get("date")) or rep.get("event_date", ""),
                "date_end": s(jr.get("date_end")) or rep.get("event_date_end", ""),
                "part_of": s(jr.get("part_of")) or rep.get("part_of", ""),
                "event_type": rep.get("event_type", "") or s(jr.get("event_type")),
                "evidence": rep.get("evidence", ""), "quote": rep.get("quote", ""),
            })
    elif reports is not None:
        for rep in reports:
            kind = rep.get("figure_kind", "") or ("deaths" if rep.get("fatalities") else "event")
            rows.append({
                "id": rep.get("report_id", ""), "kind": kind,
                "figure": parse_number(rep.get("fatalities")),
                "qualifier": rep.get("qualifier", ""), "category": rep.get("category", ""),
                "source": rep.get("source", ""), "location": rep.get("location", ""),
                "place_id": "", "scope": rep.get("scope", ""),
                "date": rep.get("event_date", ""), "date_end": rep.get("event_date_end", ""),
                "part_of": rep.get("part_of", ""), "event_type": rep.get("event_type", ""),
                "evidence": rep.get("evidence", ""), "quote": rep.get("quote", ""),
            })
        warnings.append("no rows in extract.json: place ids unknown")

    flows = []
    jflows = doc.get("flows") if doc else None
    if isinstance(jflows, list):
        for jf in jflows:
            if not isinstance(jf, dict):
                continue
            fid = s(jf.get("id"))
            fc = flow_by_id.get(fid, {})
            flows.append({
                "id": fid, "kind": "flow", "origin": s(jf.get("origin")) or fc.get("origin", ""),
                "destination": s(jf.get("destination")) or fc.get("destination", ""),
                "place_id": s(jf.get("destination_id")),
                "figure": parse_number(jf.get("people") if jf.get("people") is not None
                                       else fc.get("people")),
                "qualifier": fc.get("qualifier", "") or s(jf.get("qualifier")),
                "source": fc.get("source", "") or s(jf.get("source")),
                "date": fc.get("date", "") or s(jf.get("date")), "date_end": "",
                "evidence": fc.get("evidence", ""), "quote": fc.get("quote", ""),
            })
    elif flows_csv is not None:
        for fc in flows_csv:
            flows.append({
                "id": fc.get("flow_id", ""), "kind": "flow", "origin": fc.get("origin", ""),
                "destination": fc.get("destination", ""), "place_id": "",
                "figure": parse_number(fc.get("people")), "qualifier": fc.get("qualifier", ""),
                "source": fc.get("source", ""), "date": fc.get("date", ""), "date_end": "",
                "evidence": fc.get("evidence", ""), "quote": fc.get("quote", ""),
            })

    mentions = []
    jm = doc.get("mentions") if doc else None
    if isinstance(jm, list):
        for m in jm:
            if not isinstance(m, dict):
                continue
            place = m.get("place") if isinstance(m.get("place"), dict) else None
            pid = s(place.get("id")) if place else ""
            mentions.append({
                "text": s(m.get("text")), "kind": s(m.get("kind")), "status": s(m.get("status")),
                "place_id": pid, "place_name": s(place.get("name")) if place else "",
                "start": m.get("start"), "end": m.get("end"), "file": s(m.get("file")),
                "reason": s(m.get("reason")),
                "placed": bool(pid) and s(m.get("status")) == "resolved",
            })
    elif doc is not None:
        warnings.append("extract.json has no mentions list")
    return {"rows": rows, "flows": flows, "mentions": mentions, "warnings": warnings}


# ---------------------------------------------------------------- matching

def ext_is_region(x):
    if x.get("scope"):
        return x["scope"] == "region"
    return (not x.get("place_id")) or x["place_id"] in REGION_IDS


def place_agrees(e, x):
    if e["place"] == "region" or (not e["place_id"] and e["kind"] != "flow"):
        return ext_is_region(x)
    if e["place_id"] == "unlisted":
        return not x.get("place_id") and (
            contains_tokens(tokens(x.get("location") or x.get("destination", "")), tokens(e["place"]))
            or not (x.get("location") or x.get("destination")))
    return x.get("place_id") == e["place_id"]


def date_agrees(e, x):
    ed, ee = e["date"], e["date_end"] or e["date"]
    xd, xe = x.get("date", ""), x.get("date_end", "") or x.get("date", "")
    return ed == xd and ee == xe


def key_matches(e, x, lenient):
    if e["kind"] in FIGURE_KINDS:
        return (x["kind"] == e["kind"] and same_number(e["figure"], x["figure"])
                and e["category"] == x.get("category", ""))
    if e["kind"] == "event":
        if x["kind"] != "event" or norm_text(e["event_type"]) != norm_text(x.get("event_type", "")):
            return False
        if e["place"] == "region" or not e["place_id"]:
            return lenient or ext_is_region(x)
        if e["place_id"] == "unlisted":
            return place_agrees(e, x)
        return x.get("place_id") == e["place_id"]
    if e["kind"] == "flow":
        if x["kind"] != "flow" or not same_number(e["figure"], x["figure"]):
            return False
        if e["place_id"] == "unlisted":
            return not x.get("place_id")
        return x.get("place_id") == e["place_id"]
    return False


def agreements(e, x, id_figure):
    """Which secondary fields agree: name -> bool (only fields the
    expected row states)."""
    a = {}
    if e["kind"] in FIGURE_KINDS or e["kind"] == "flow":
        if e["qualifier"] or e["figure"] is not None:
            a["qualifier"] = (e["qualifier"] or "") == (x.get("qualifier") or "")
    a["source"] = source_agrees(e["source"], x.get("source", ""))
    if e["kind"] in FIGURE_KINDS:
        a["place"] = place_agrees(e, x)
        if e["part_of_figure"] is not None:
            a["part_of"] = same_number(id_figure.get(x.get("part_of", "")), e["part_of_figure"])
        else:
            a["part_of"] = not x.get("part_of")
        if e["event_type"]:
            a["event_type"] = norm_text(e["event_type"]) == norm_text(x.get("event_type", ""))
    if e["date"] or e["date_end"] or e["kind"] != "flow":
        a["date"] = date_agrees(e, x)
    return a


def match(expected, extracted, id_figure):
    """Greedy one-to-one matching, best agreement first; a region event
    takes a region-scope row before any row of its type."""
    pairs = {}
    exp_taken, ext_taken = {}, set()
    for lenient in (False, True):
        cand = []
        for i, e in enumerate(expected):
            if i in exp_taken:
                continue
            for j, x in enumerate(extracted):
                if j in ext_taken or not key_matches(e, x, lenient):
                    continue
                score = sum(agreements(e, x, id_figure).values())
                cand.append((-score, i, j))
        cand.sort()
        for _, i, j in cand:
            if i in exp_taken or j in ext_taken:
                continue
            exp_taken[i] = j
            ext_taken.add(j)
            pairs[i] = j
    return pairs


def describe_expected(e):
    parts = [e["kind"]]
    if e["figure"] is not None:
        parts.append(fmt_num(e["figure"]))
    if e["kind"] in FIGURE_KINDS:
        parts.append(e["category"])
    if e["kind"] == "event":
        parts.append(e["event_type"])
    where = "region" if e["place"] == "region" else "%s [%s]" % (e["place"], e["place_id"])
    parts.append(("to " if e["kind"] == "flow" else "at ") + where)
    if e["source"]:
        parts.append("(%s)" % e["source"])
    if e["hard"]:
        parts.append("{hard}")
    if e["ref"]:
        parts.append("<%s>" % e["ref"])
    return " ".join(p for p in parts if p)


def describe_extracted(x):
    parts = [x.get("id", "?"), x["kind"]]
    if x.get("figure") is not None:
        parts.append(fmt_num(x["figure"]))
    if x["kind"] in FIGURE_KINDS:
        parts.append(x.get("category", ""))
    if x["kind"] == "event":
        parts.append(x.get("event_type", "") or "(no event_type)")
    if x["kind"] == "flow":
        parts.append("to %s [%s]" % (x.get("destination", ""), x.get("place_id", "")))
    else:
        where = x.get("location", "") or "?"
        parts.append("at %s [%s]" % (where, x.get("place_id", "") or ("region" if ext_is_region(x) else "")))
    if x.get("source"):
        parts.append("(%s)" % x["source"])
    q = (x.get("quote") or "").strip().replace("\n", " ")
    if q:
        parts.append('"%s"' % (q if len(q) <= 90 else q[:87] + "..."))
    return " ".join(p for p in parts if p)


# ---------------------------------------------------------------- places

def classify_mention(m, places):
    """The places.tsv entry for a mention: equal text first, else the
    longest entry whose words the mention contains."""
    mt = tokens(m["text"])
    if not mt:
        return None
    best = None
    for p in places:
        if p["tokens"] == mt:
            return p
    for p in places:
        if contains_tokens(mt, p["tokens"]):
            # the longest entry; on a tie a place before a country word
            # ("Lebanon's Akkar" is Akkar)
            rank = (len(p["tokens"]), not p["expected"].startswith("country:"))
            if best is None or rank > best[0]:
                best = (rank, p)
    return best[1] if best else None


def score_places(expected, places, mentions):
    exp_ids = {e["place_id"] for e in expected if e["place_id"] and e["place_id"] != "unlisted"}
    for p in places:
        if p["expected"] not in ("unlisted", "person", "none", "ignored") and \
                not p["expected"].startswith("country:"):
            exp_ids.add(p["expected"])
    placed = [m for m in mentions if m["placed"]]
    got_ids = {m["place_id"] for m in placed}
    country, wrong, markup = [], [], []
    for m in mentions:
        p = classify_mention(m, places)
        if p is not None and p["expected"] == "ignored":
            markup.append({"text": m["text"], "status": m["status"], "why": p["text"]})
            continue
        is_country = (p is not None and p["expected"].startswith("country:")) or \
            (p is None and norm_text(m["text"]) in COUNTRY_WORDS)
        if is_country:
            if m["placed"]:
                country.append({"text": m["text"], "placed_at": m["place_id"],
                                "name": m["place_name"],
                                "expected": p["expected"] if p else "country word"})
            continue
        if p is None or not m["placed"]:
            continue
        if p["expected"] in ("unlisted", "person", "none") or m["place_id"] != p["expected"]:
            wrong.append({"text": m["text"], "placed_at": m["place_id"], "name": m["place_name"],
                          "expected": p["expected"]})
    return {
        "expected_ids": sorted(exp_ids), "resolved_ids": sorted(got_ids),
        "found": sorted(exp_ids & got_ids), "missing": sorted(exp_ids - got_ids),
        "other": sorted(got_ids - exp_ids),
        "recall": ratio(len(exp_ids & got_ids), len(exp_ids)),
        "country_as_town": country, "wrong_place": wrong, "markup_read": markup,
        "mentions": len(mentions), "placed_mentions": len(placed),
    }


def check_offsets(path, out):
    """For plain-text inputs: does every row's quote and every mention's text
    sit at its byte offsets?  Returns a list of complaints (warnings)."""
    if path is None or not os.path.isfile(path) or re.search(r"\.html?$", path):
        return []
    with open(path, "rb") as f:
        data = f.read()
    bad = []
    for x in out["rows"] + out["flows"]:
        ev, q = x.get("evidence", ""), x.get("quote", "")
        if not ev or not q:
            continue
        mt = re.search(r":(\d+)-(\d+)$", ev.split(";")[0].strip())
        if not mt:
            bad.append("%s: evidence %r is not FILE:START-END" % (x.get("id"), ev))
            continue
        a, b = int(mt.group(1)), int(mt.group(2))
        if data[a:b].decode("utf-8", "replace") != q:
            bad.append("%s: evidence %s is not its quote" % (x.get("id"), ev))
    for m in out["mentions"]:
        a, b = m.get("start"), m.get("end")
        if isinstance(a, int) and isinstance(b, int):
            if data[a:b].decode("utf-8", "replace") != m["text"]:
                bad.append("mention %r at %d-%d: the file has %r" %
                           (m["text"], a, b, data[a:b].decode("utf-8", "replace")))
    return bad


# ---------------------------------------------------------------- scoring one article

def score_article(expected, places, out):
    extracted = out["rows"] + out["flows"]
    id_figure = {x["id"]: x["figure"] for x in out["rows"]}
    kinds = {}
    agree = {}
    missed, unexpected = [], []
    for k in KINDS:
        exp_k = [e for e in expected if e["kind"] == k]
        ext_k = [x for x in extracted if x["kind"] == k]
        pairs = match(exp_k, ext_k, id_figure)
        found = len(pairs)
        found_s = sum(1 for i in pairs if not exp_k[i]["hard"])
        n_s = sum(1 for e in exp_k if not e["hard"])
        kinds[k] = {"expected": len(exp_k), "expected_sentence": n_s, "found": found,
                    "found_sentence": found_s, "extracted": len(ext_k)}
        for i, j in pairs.items():
            for name, ok in agreements(exp_k[i], ext_k[j], id_figure).items():
                a = agree.setdefault(name, [0, 0])
                a[0] += int(ok)
                a[1] += 1
        missed += [describe_expected(e) for i, e in enumerate(exp_k) if i not in pairs]
        taken = set(pairs.values())
        unexpected += [describe_extracted(x) for j, x in enumerate(ext_k) if j not in taken]
    # rows of kinds the scorer does not know
    for x in extracted:
        if x["kind"] not in KINDS:
            unexpected.append("unknown kind %r: %s" % (x["kind"], describe_extracted(x)))
            kinds.setdefault("other", {"expected": 0, "expected_sentence": 0, "found": 0,
                                       "found_sentence": 0, "extracted": 0})["extracted"] += 1
    for v in kinds.values():
        v["recall"] = ratio(v["found"], v["expected"])
        v["recall_sentence"] = ratio(v["found_sentence"], v["expected_sentence"])
        v["precision"] = ratio(v["found"], v["extracted"])
    return {"kinds": kinds, "agreement": agree, "missed": missed, "unexpected": unexpected,
            "places": score_places(expected, places, out["mentions"])}


def add_kinds(total, kinds):
    for k, v in kinds.items():
        t = total.setdefault(k, {"expected": 0, "expected_sentence": 0, "found": 0,
                                 "found_sentence": 0, "extracted": 0})
        for f in ("expected", "expected_sentence", "found", "found_sentence", "extracted"):
            t[f] += v[f]


def finish_kinds(total):
    for v in total.values():
        v["recall"] = ratio(v["found"], v["expected"])
        v["recall_sentence"] = ratio(v["found_sentence"], v["expected_sentence"])
        v["precision"] = ratio(v["found"], v["extracted"])


def overall(kinds):
    t = {"expected": 0, "expected_sentence": 0, "found": 0, "found_sentence": 0, "extracted": 0}
    for v in kinds.values():
        for f in t:
            t[f] += v[f]
    t["recall"] = ratio(t["found"], t["expected"])
    t["recall_sentence"] = ratio(t["found_sentence"], t["expected_sentence"])
    t["precision"] = ratio(t["found"], t["extracted"])
    return t


def print_kinds(kinds, p):
    p("  %-10s %8s %5s %6s %5s %9s %7s %8s %9s" % (
        "kind", "expected", "sent", "found", "sent", "extracted", "recall", "rec.sent", "precision"))
    rows = [k for k in KINDS + ["other"] if k in kinds and
            (kinds[k]["expected"] or kinds[k]["extracted"])]
    for k in rows + ["all"]:
        v = overall(kinds) if k == "all" else kinds[k]
        p("  %-10s %8d %5d %6d %5d %9d %7s %8s %9s" % (
            k, v["expected"], v["expected_sentence"], v["found"], v["found_sentence"],
            v["extracted"], fmt_ratio(v["recall"]), fmt_ratio(v["recall_sentence"]),
            fmt_ratio(v["precision"])))


# ---------------------------------------------------------------- running

def find_repo(articles):
    d = os.path.abspath(articles)
    while True:
        if os.path.isdir(os.path.join(d, "geodata")) and os.path.isfile(os.path.join(d, "CMakeLists.txt")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return os.path.abspath(os.path.join(articles, "..", "..", ".."))
        d = parent


def resolve_input(entry, repo, seeds):
    """(path to pass, absolute path, is_seed)."""
    f = entry["file"]
    is_seed = f.startswith(SEED_PREFIX) or "/seeds/" in f
    if is_seed and seeds:
        p = os.path.join(seeds, os.path.basename(f))
        return p, os.path.abspath(p), True
    absolute = f if os.path.isabs(f) else os.path.normpath(os.path.join(repo, f))
    return f, absolute, is_seed


def run_tool(tool, entry, arg, repo, outdir, timeout):
    cmd = [tool, "extract", "--date", entry["date"], "--outlet", entry["outlet"], "-o", outdir, arg]
    try:
        proc = subprocess.run(cmd, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timed out after %gs: %s" % (timeout, " ".join(cmd))
    except OSError as e:
        return "could not run %s: %s" % (tool, e)
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        if len(err) > 6:
            err = err[:3] + ["..."] + err[-2:]
        tail = " | ".join(e.strip() for e in err) if err else "(no message on stderr)"
        sig = " (killed by signal %d)" % -proc.returncode if proc.returncode < 0 else ""
        return "exited with status %d%s: %s\n    command: %s" % (
            proc.returncode, sig, tail, " ".join(cmd))
    return None


def main(argv=None, out=None):
    out = out or sys.stdout

    def p(text=""):
        print(text, file=out)

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", help="the eventmap binary")
    ap.add_argument("--articles", help="directory with manifest.tsv, the articles and their expected rows")
    ap.add_argument("--seeds", help="where the seed articles are (default: REPO/../shared/seeds as the manifest says)")
    ap.add_argument("--repo", help="the repository the manifest's paths are relative to (default: found above --articles)")
    ap.add_argument("--outputs", help="score the outputs already in OUTPUTS/<name>/ instead of running --tool")
    ap.add_argument("--keep", help="keep each article's output in KEEP/<name>/")
    ap.add_argument("--only", help="comma-separated article names (file names without extension)")
    ap.add_argument("--json", help="write the scores and every miss as JSON to this file")
    ap.add_argument("--min-recall", type=float, help="fail below this recall over all kinds")
    ap.add_argument("--min-precision", type=float, help="fail below this precision over all kinds")
    ap.add_argument("--recall-on", choices=["all", "sentence"], default="all",
                    help="which recall --min-recall applies to (default all rows)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per article (default 120)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss, not the first 15")
    ap.add_argument("--check-data", action="store_true",
                    help="check the expected files against the articles and the gazetteer, then exit")
    ap.add_argument("--selftest", action="store_true", help="run the scorer on synthetic outputs")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0

    if args.selftest:
        return selftest(out)
    if not args.articles:
        p("score.py: --articles is required")
        return 2
    if args.check_data:
        return check_data(args, p)
    if not args.tool and not args.outputs:
        p("score.py: give --tool PATH (or --outputs DIR)")
        return 2
    tool = None
    if args.tool:
        tool = os.path.abspath(args.tool) if os.sep in args.tool else shutil.which(args.tool)
        if not tool or not os.path.isfile(tool) or not os.access(tool, os.X_OK):
            p("score.py: the tool %s does not exist or is not executable (build it first)" % args.tool)
            return 2
    repo = os.path.abspath(args.repo) if args.repo else find_repo(args.articles)
    seeds = os.path.abspath(args.seeds) if args.seeds else None
    try:
        manifest = read_manifest(args.articles)
    except UsageError as e:
        p("score.py: %s" % e)
        return 2
    only = set(args.only.split(",")) if args.only else None

    results, failures, skipped = [], [], []
    total = {}
    tmp = tempfile.mkdtemp(prefix="eventmap-score-")
    limit = None if args.verbose else 15
    try:
        for entry in manifest:
            name = article_name(entry["file"])
            if only and name not in only:
                continue
            arg, absolute, is_seed = resolve_input(entry, repo, seeds)
            if not os.path.isfile(absolute):
                if is_seed and not (args.outputs and os.path.isdir(os.path.join(args.outputs, name))):
                    skipped.append(name)
                    continue
                if not args.outputs:
                    p("score.py: %s: the article %s does not exist" % (name, absolute))
                    return 2
            try:
                expected = read_expected(args.articles, name)
                places = read_places(args.articles, name)
            except UsageError as e:
                p("score.py: %s" % e)
                return 2
            res = {"name": name, "file": entry["file"], "date": entry["date"],
                   "outlet": entry["outlet"], "status": "ok", "error": None}
            p("== %s  (--date %s --outlet %r)" % (entry["file"], entry["date"], entry["outlet"]))
            if args.outputs:
                outdir = os.path.join(args.outputs, name)
                if not os.path.isdir(outdir):
                    res["status"], res["error"] = "failed", "%s: no output directory %s" % (name, outdir)
            else:
                outdir = os.path.join(args.keep, name) if args.keep else os.path.join(tmp, name)
                if os.path.isdir(outdir):
                    shutil.rmtree(outdir)
                os.makedirs(os.path.dirname(os.path.abspath(outdir)), exist_ok=True)
                err = run_tool(tool, entry, arg, repo, outdir, args.timeout)
                if err:
                    res["status"], res["error"] = "failed", "eventmap extract failed on %s: %s" % (name, err)
            output = None
            if res["status"] == "ok":
                try:
                    output = load_output(outdir)
                except ValueError as e:
                    res["status"], res["error"] = "failed", "%s: unreadable output: %s" % (name, e)
            if output is None:
                output = {"rows": [], "flows": [], "mentions": [], "warnings": []}
                p("  FAILED: %s" % res["error"])
                failures.append(res["error"])
            sc = score_article(expected, places, output)
            res.update(sc)
            res["warnings"] = output["warnings"] + (
                check_offsets(absolute if os.path.isfile(absolute) else None, output)
                if res["status"] == "ok" else [])
            add_kinds(total, sc["kinds"])
            print_kinds(sc["kinds"], p)
            if sc["agreement"]:
                p("  agreement on matched rows: " + ", ".join(
                    "%s %d/%d" % (k, v[0], v[1]) for k, v in sorted(sc["agreement"].items())))
            pl = sc["places"]
            p("  places: %d of %d expected ids resolved%s; %d mentions, %d placed" % (
                len(pl["found"]), len(pl["expected_ids"]),
                (" (missing %s)" % ", ".join(pl["missing"])) if pl["missing"] else "",
                pl["mentions"], pl["placed_mentions"]))
            if pl["other"]:
                p("  also placed (not in the expected files): %s" % ", ".join(pl["other"]))
            p("  country words placed as towns: %d   confident wrong places: %d   markup read: %d" % (
                len(pl["country_as_town"]), len(pl["wrong_place"]), len(pl["markup_read"])))
            for c in pl["country_as_town"]:
                p("    COUNTRY AS TOWN: %r placed at %s %s (expected %s)" % (
                    c["text"], c["placed_at"], c["name"], c["expected"]))
            for w in pl["wrong_place"]:
                p("    WRONG PLACE: %r placed at %s %s (expected %s)" % (
                    w["text"], w["placed_at"], w["name"], w["expected"]))
            for m in pl["markup_read"]:
                p("    MARKUP READ: %r (%s) is only in <script>/<style>" % (m["text"], m["status"]))
            for label, items in (("missed", sc["missed"]), ("unexpected", sc["unexpected"])):
                for item in items[:limit]:
                    p("    %s: %s" % (label, item))
                if limit is not None and len(items) > limit:
                    p("    ... %d more %s (-v lists all)" % (len(items) - limit, label))
            for w in res["warnings"][:limit]:
                p("    warning: %s" % w)
            results.append(res)
            p()
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    finish_kinds(total)
    all_ = overall(total)
    n_country = sum(len(r["places"]["country_as_town"]) for r in results)
    n_wrong = sum(len(r["places"]["wrong_place"]) for r in results)
    n_markup = sum(len(r["places"]["markup_read"]) for r in results)
    p("== all articles (%d scored%s)" % (len(results), (", skipped (no seeds): " + ", ".join(skipped)) if skipped else ""))
    print_kinds(total, p)
    p("  country words placed as towns: %d (must be 0)" % n_country)
    p("  confident wrong places: %d (must be 0)" % n_wrong)
    p("  markup read as text: %d (must be 0)" % n_markup)

    problems = []
    if failures:
        problems.append("%d article(s) not extracted: %s" % (len(failures), "; ".join(failures)))
    if n_country:
        problems.append("%d country word(s) placed as towns" % n_country)
    if n_wrong:
        problems.append("%d confident wrong place(s)" % n_wrong)
    if n_markup:
        problems.append("%d mention(s) read from <script>/<style>" % n_markup)
    rec = all_["recall"] if args.recall_on == "all" else all_["recall_sentence"]
    if args.min_recall is not None and (rec or 0.0) < args.min_recall:
        problems.append("recall (%s) %.3f below %.3f" % (args.recall_on, rec or 0.0, args.min_recall))
    if args.min_precision is not None and (all_["precision"] or 0.0) < args.min_precision:
        problems.append("precision %.3f below %.3f" % (all_["precision"] or 0.0, args.min_precision))
    if not results:
        problems.append("no article scored")
    for pr in problems:
        p("FAIL: %s" % pr)
    if not problems:
        p("PASS")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"articles": results, "totals": {"kinds": total, "all": all_},
                       "skipped": skipped,
                       "violations": {"country_as_town": n_country, "wrong_place": n_wrong,
                                      "markup_read": n_markup},
                       "problems": problems, "passed": not problems},
                      f, ensure_ascii=False, indent=1)
    return 1 if problems else 0


# ---------------------------------------------------------------- data check

def load_gazetteer(repo):
    """id -> set of normalised names (GeoNames name, ascii name, alternates,
    arabic-names.tsv)."""
    names = {}
    g = os.path.join(repo, "geodata")
    for fname in ("geonames-levant.txt", "supplement.tsv"):
        path = os.path.join(g, fname)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            for ln in f:
                if ln.startswith("#") or ln.startswith("geonameid"):
                    continue
                c = ln.rstrip("\n").split("\t")
                if len(c) < 4:
                    continue
                names.setdefault(c[0], set()).update(
                    norm_text(n) for n in [c[1], c[2]] + c[3].split(",") if n)
    path = os.path.join(g, "arabic-names.tsv")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            for ln in f:
                c = ln.rstrip("\n").split("\t")
                if len(c) >= 2 and not ln.startswith("#") and c[0] != "geonameid":
                    names.setdefault(c[0], set()).add(norm_text(c[1]))
    return names


def article_text(path):
    with open(path, encoding="utf-8") as f:
        t = f.read()
    if re.search(r"\.html?$", path):
        import html as htmlmod
        t = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", t)
        t = re.sub(r"<[^>]*>", " ", t)
        t = htmlmod.unescape(t)
    return t


def known_name(gaz, pid, name, notes, where):
    if norm_text(name) in gaz[pid]:
        return True
    sk = skeleton(name)
    if sk and any(skeleton(n) == sk for n in gaz[pid]):
        notes.append("%s: %r is a spelling variant of %s's names (the geocoder's normalisation "
                     "must accept it)" % (where, name, pid))
        return True
    return False


def check_data(args, p):
    """Every expected place and places.tsv text is written in its article;
    every id exists in the gazetteer and has that name (or a spelling the
    article uses in a longer form); every unlisted name is absent from it."""
    repo = os.path.abspath(args.repo) if args.repo else find_repo(args.articles)
    seeds = os.path.abspath(args.seeds) if args.seeds else None
    gaz = load_gazetteer(repo)
    all_names = set().union(*gaz.values()) if gaz else set()
    problems, notes = [], []
    manifest = read_manifest(args.articles)
    for entry in manifest:
        name = article_name(entry["file"])
        _, absolute, is_seed = resolve_input(entry, repo, seeds)
        if not os.path.isfile(absolute):
            p("%s: skipped (no article at %s)" % (name, absolute))
            continue
        text = article_text(absolute)
        ntext = " " + " ".join(tokens(text)) + " "
        raw = open(absolute, encoding="utf-8").read()
        expected = read_expected(args.articles, name)
        places = read_places(args.articles, name)
        n = 0
        for e in expected:
            if e["place"] == "region" or not e["place_id"]:
                continue
            n += 1
            if (" %s " % " ".join(tokens(e["place"]))) not in ntext:
                problems.append("%s:%d: place %r is not written in the article" % (name, e["line"], e["place"]))
            if e["place_id"] == "unlisted":
                if norm_text(e["place"]) in all_names:
                    problems.append("%s:%d: %r is marked unlisted but the gazetteer has it" % (name, e["line"], e["place"]))
            elif e["place_id"] not in gaz:
                problems.append("%s:%d: id %s is in no gazetteer file" % (name, e["line"], e["place_id"]))
            elif not known_name(gaz, e["place_id"], e["place"], notes, "%s:%d" % (name, e["line"])):
                problems.append("%s:%d: %r is not a name of %s" % (name, e["line"], e["place"], e["place_id"]))
        for pl in places:
            n += 1
            where = ntext
            if pl["expected"] == "ignored":
                if (" %s " % " ".join(pl["tokens"])) in where:
                    problems.append("%s: %r is marked ignored but is in the text outside markup" % (name, pl["text"]))
                if pl["text"] not in raw:
                    problems.append("%s: %r is marked ignored but is not in the file" % (name, pl["text"]))
                continue
            if (" %s " % " ".join(pl["tokens"])) not in where:
                problems.append("%s: places.tsv %r is not written in the article" % (name, pl["text"]))
            x = pl["expected"]
            if x == "unlisted" and norm_text(pl["text"]) in all_names:
                problems.append("%s: %r is marked unlisted but the gazetteer has it" % (name, pl["text"]))
            elif x not in ("unlisted", "person", "none") and not x.startswith("country:"):
                if x not in gaz:
                    problems.append("%s: places.tsv id %s is in no gazetteer file" % (name, x))
                elif not known_name(gaz, x, pl["text"], notes, name):
                    problems.append("%s: %r is not a name of %s" % (name, pl["text"], x))
        p("%s: %d expected rows, %d place checks" % (name, len(expected), n))
    for nt in sorted(set(notes)):
        p("note: %s" % nt)
    for pr in problems:
        p("PROBLEM: %s" % pr)
    p("data check: %s" % ("%d problem(s)" % len(problems) if problems else "ok"))
    return 1 if problems else 0


# ---------------------------------------------------------------- selftest

FAKE_TOOL = r'''#!/usr/bin/env python3
# A stand-in for eventmap extract, for score.py --selftest.  MODE picks a fault.
import json, os, sys
mode = os.environ.get("SCORE_SELFTEST_MODE", "perfect")
a = sys.argv[1:]
assert a[0] == "extract", a
out = a[a.index("-o") + 1]
if mode == "fail":
    sys.stderr.write("eventmap extract: t1.txt: something broke\n")
    sys.exit(3)
os.makedirs(out, exist_ok=True)
rows = [
  {"id": "r001", "kind": "deaths", "figure": 10, "qualifier": "at_least", "category": "unknown",
   "source": "the monitor", "location": "Ariha", "place_id": "172994", "date": "2025-06-13",
   "date_end": "", "role": "", "part_of": ""},
  {"id": "e001", "kind": "event", "figure": None, "qualifier": "", "category": "unknown",
   "source": "unattributed", "location": "Ariha", "place_id": "172994", "date": "2025-06-13",
   "date_end": "", "role": "", "part_of": ""},
  {"id": "e002", "kind": "wounded", "figure": 30, "qualifier": "more_than", "category": "unknown",
   "source": "Nabil Kassab", "location": "Ariha", "place_id": "172994", "date": "2025-06-13",
   "date_end": "", "role": "", "part_of": ""},
]
types = {"r001": "Battles", "e001": "Battles", "e002": ""}
flows = [{"id": "f001", "origin": "", "destination": "Hermel", "destination_id": "279997", "people": 500}]
mentions = [
  {"text": "Syria", "kind": "country", "status": "resolved", "place": None},
  {"text": "Ariha", "kind": "place", "status": "resolved",
   "place": {"id": "172994", "name": "Ariha", "country": "SY", "lat": 35.8, "lon": 36.6}},
  {"text": "Kassab", "kind": "place", "status": "ambiguous", "place": None},
  {"text": "Hermel", "kind": "place", "status": "resolved",
   "place": {"id": "279997", "name": "El Hermel", "country": "LB", "lat": 34.4, "lon": 36.4}},
]
if mode == "miss":
    rows = [r for r in rows if r["id"] != "e002"]
if mode == "extra":
    rows.append({"id": "r002", "kind": "deaths", "figure": 2, "qualifier": "exact",
                 "category": "civilians", "source": "", "location": "", "place_id": "",
                 "date": "", "date_end": "", "role": "", "part_of": ""})
    types["r002"] = ""
if mode == "wrongplace":
    mentions[1]["place"] = {"id": "282457", "name": "Jericho", "country": "PS", "lat": 31.9, "lon": 35.5}
    rows[1]["place_id"] = "282457"
if mode == "person":
    mentions[2] = {"text": "Kassab", "kind": "place", "status": "resolved",
                   "place": {"id": "168519", "name": "Kassab", "country": "SY", "lat": 35.9, "lon": 35.9}}
if mode == "country":
    mentions[0] = {"text": "Syria", "kind": "place", "status": "resolved",
                   "place": {"id": "281773", "name": "Sir", "country": "PS", "lat": 32.4, "lon": 35.3}}
if mode == "builtin_country":
    mentions.append({"text": "Turkish", "kind": "place", "status": "resolved",
                     "place": {"id": "1", "name": "X", "country": "TR", "lat": 0, "lon": 0}})
if mode == "markup":
    mentions.append({"text": "Homs", "kind": "place", "status": "resolved",
                     "place": {"id": "169577", "name": "Homs", "country": "SY", "lat": 34.7, "lon": 36.7}})
if mode == "region_event":
    rows[1].update({"location": "Syrian coast", "place_id": "eventmap:syrian-coast"})
for m in mentions:
    m.update({"file": a[-1], "start": None, "end": None, "reason": "", "candidates": [], "rows": []})
doc = {"inputs": [a[-1]], "mentions": mentions, "rows": rows, "flows": flows}
if mode == "badjson":
    open(os.path.join(out, "extract.json"), "w").write("{not json")
else:
    json.dump(doc, open(os.path.join(out, "extract.json"), "w"))
with open(os.path.join(out, "reports.csv"), "w") as f:
    f.write("report_id,scope,event_type,figure_kind,fatalities\n")
    for r in rows:
        f.write("%s,%s,%s,%s,%s\n" % (r["id"], "region" if r["place_id"].startswith("eventmap:") else "place",
                types[r["id"]], r["kind"], r["figure"] if r["kind"] == "deaths" else ""))
with open(os.path.join(out, "flows.csv"), "w") as f:
    f.write("flow_id,date,origin,destination,people,qualifier,source\n")
    f.write("f001,2025-06-13,,Hermel,500,about,a Lebanese official\n")
'''

SELFTEST_EXPECTED = (
    "kind\tplace\tplace_id\tfigure\tqualifier\tcategory\tsource\tevent_type\tdate\tdate_end\tpart_of_figure\thard\n"
    "deaths\tAriha\t172994\t10\tat_least\tunknown\tSOHR\tBattles\t2025-06-13\t\t\t0\n"
    "event\tAriha\t172994\t\t\t\tunattributed\tBattles\t2025-06-13\t\t\t0\n"
    "wounded\tAriha\t172994\t30\tmore_than\tunknown\tNabil Kassab (doctor)\t\t2025-06-13\t\t\t0\n"
    "flow\tHermel\t279997\t500\tabout\t\tLebanese official\t\t2025-06-13\t\t\t0\n")

SELFTEST_PLACES = (
    "text\texpected\tnote\n"
    "Syria\tcountry:SY\t\n"
    "Ariha\t172994\t\n"
    "Kassab\tperson\t\n"
    "Hermel\t279997\t\n"
    "Homs\tignored\tonly in <style>\n")

SELFTEST_ARTICLE = ("At least 10 people were killed in clashes in Ariha on Friday, the monitor said. "
                    "Nabil Kassab said more than 30 were wounded. About 500 people fled to Hermel.\n")


def selftest(out):
    tmp = tempfile.mkdtemp(prefix="eventmap-score-selftest-")
    failed = []

    def check(label, cond):
        print("  %-62s %s" % (label, "ok" if cond else "FAILED"), file=out)
        if not cond:
            failed.append(label)

    try:
        repo = os.path.join(tmp, "repo")
        arts = os.path.join(repo, "tests", "extract", "articles")
        os.makedirs(arts)
        os.makedirs(os.path.join(repo, "geodata"))
        open(os.path.join(repo, "CMakeLists.txt"), "w").close()
        with open(os.path.join(arts, "t1.txt"), "w") as f:
            f.write(SELFTEST_ARTICLE)
        with open(os.path.join(arts, "t1.expected.tsv"), "w") as f:
            f.write(SELFTEST_EXPECTED)
        with open(os.path.join(arts, "t1.places.tsv"), "w") as f:
            f.write(SELFTEST_PLACES)
        with open(os.path.join(arts, "manifest.tsv"), "w") as f:
            f.write("file\tdate\toutlet\n"
                    "tests/extract/articles/t1.txt\t2025-06-14\tWire\n"
                    "../shared/seeds/000_missing.txt\t2025-03-08\tAFP\n")
        tool = os.path.join(tmp, "fake-eventmap")
        with open(tool, "w") as f:
            f.write(FAKE_TOOL)
        os.chmod(tool, 0o755)

        def run(mode, *extra):
            os.environ["SCORE_SELFTEST_MODE"] = mode
            jpath = os.path.join(tmp, "score-%s.json" % mode)
            buf = io.StringIO()
            rc = main(["--tool", tool, "--articles", arts, "--json", jpath] + list(extra), out=buf)
            doc = None
            if os.path.isfile(jpath):
                with open(jpath, encoding="utf-8") as f:
                    doc = json.load(f)
            return rc, doc, buf.getvalue()

        print("score.py selftest", file=out)
        rc, doc, text = run("perfect", "--min-recall", "1", "--min-precision", "1")
        tot = doc["totals"]["all"]
        check("perfect output: exit 0, recall 1, precision 1", rc == 0 and tot["recall"] == 1
              and tot["precision"] == 1)
        check("perfect output: the missing seed is skipped, not failed",
              doc["skipped"] == ["000_missing"])
        ag = doc["articles"][0]["agreement"]
        check("perfect output: source aliases agree (monitor ~ SOHR, Kassab)",
              ag["source"][0] == ag["source"][1])
        check("perfect output: flow qualifier/source/date agree",
              ag["qualifier"][0] == ag["qualifier"][1] and ag["date"][0] == ag["date"][1])

        rc, doc, text = run("miss")
        k = doc["articles"][0]["kinds"]["wounded"]
        check("a missed row is counted: wounded found 0 of 1", k["found"] == 0 and k["expected"] == 1)
        check("a missed row is listed by name", any("wounded 30" in m for m in doc["articles"][0]["missed"]))
        check("a miss alone does not fail without --min-recall", rc == 0)
        rc, doc, text = run("miss", "--min-recall", "0.9")
        check("a miss fails --min-recall 0.9 (exit 1)", rc == 1 and "recall" in text)

        rc, doc, text = run("extra", "--min-precision", "1")
        check("an extra row lowers precision and fails --min-precision 1",
              rc == 1 and doc["totals"]["kinds"]["deaths"]["precision"] == 0.5)

        rc, doc, text = run("wrongplace")
        v = doc["violations"]
        check("a wrong place (Ariha -> Jericho) is caught, exit 1",
              rc == 1 and v["wrong_place"] == 1 and "WRONG PLACE" in text)
        check("... and the event placed there no longer matches",
              doc["articles"][0]["kinds"]["event"]["found"] == 0)

        rc, doc, text = run("person")
        check("a person's name placed as a village (Kassab) is caught, exit 1",
              rc == 1 and doc["violations"]["wrong_place"] == 1)

        rc, doc, text = run("country")
        check("a country word placed as a town (Syria -> Sir) is caught, exit 1",
              rc == 1 and doc["violations"]["country_as_town"] == 1 and "COUNTRY AS TOWN" in text)
        rc, doc, text = run("builtin_country")
        check("a country word not in places.tsv (Turkish) is caught too",
              rc == 1 and doc["violations"]["country_as_town"] == 1)

        rc, doc, text = run("markup")
        check("a name only in <style>/<script> read as a mention is caught",
              rc == 1 and doc["violations"]["markup_read"] == 1)

        rc, doc, text = run("region_event")
        check("an event placed at the region does not match a town's event",
              doc["articles"][0]["kinds"]["event"]["found"] == 0)

        rc, doc, text = run("fail")
        check("a failing tool: exit 1, the message names the article and the error",
              rc == 1 and "failed on t1" in text and "something broke" in text
              and doc["articles"][0]["status"] == "failed")
        rc, doc, text = run("badjson")
        check("unreadable extract.json: exit 1, named", rc == 1 and "t1: unreadable output" in text)

        buf = io.StringIO()
        rc = main(["--tool", os.path.join(tmp, "no-such-tool"), "--articles", arts], out=buf)
        check("a missing tool: exit 2 with a clear message",
              rc == 2 and "does not exist" in buf.getvalue())

        # --outputs: score a directory of outputs without running a tool
        os.environ["SCORE_SELFTEST_MODE"] = "perfect"
        od = os.path.join(tmp, "outs")
        subprocess.run([tool, "extract", "--date", "2025-06-14", "--outlet", "Wire", "-o",
                        os.path.join(od, "t1"), "t1.txt"], check=True)
        buf = io.StringIO()
        rc = main(["--outputs", od, "--articles", arts], out=buf)
        check("--outputs scores a prepared directory", rc == 0 and "PASS" in buf.getvalue())
    finally:
        os.environ.pop("SCORE_SELFTEST_MODE", None)
        shutil.rmtree(tmp, ignore_errors=True)
    print("selftest: %s" % ("%d check(s) failed" % len(failed) if failed else "all checks passed"), file=out)
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
