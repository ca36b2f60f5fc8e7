#!/usr/bin/python3
"""Checks the default dataset against the articles it was built from.

Every row of reports.csv and flows.csv must say where in its article it
rests: `evidence` holds one or more pointers "seeds/<file>.txt:<start>-<end>"
(0-based byte offsets into the UTF-8 file, end exclusive) joined by "; ".
For each row this asserts that
  - every pointer names an article that exists and that `reported_by` names
    (the outlet's file in brackets);
  - every slice is one whole sentence: it starts where a sentence can start
    and ends at sentence-final punctuation or the end of a line, with no
    line break and no sentence boundary inside;
  - a row with a figure (fatalities, people) finds it in its slices as the
    text writes it ("1,000", "148", "four"), or as README.md explains it;
  - no notes or summary copies the article: no run of SEQ words in a row's
    own words occurs in any article.

Usage: check_dataset.py [--selftest] DATASET_DIR SEEDS_DIR
--selftest breaks rows of the dataset in memory (a pointer moved by a byte,
a figure changed, a sentence of an article pasted into notes) and asserts
that each is caught.
Exit 0 when every row passes, 1 naming each failure, 77 when SEEDS_DIR does
not exist (the articles are not part of the repository; the test is skipped).
"""
import csv
import os
import re
import sys

SEQ = 7
POINTER = re.compile(r"^seeds/([^/:]+\.txt):(\d+)-(\d+)$")
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen", "twenty"]
# Figures the text gives otherwise than as one number (README.md, Qualifiers).
SPECIAL = {"r009": [("nine",), ("four",)], "f003": [("thousands", "Thousands")]}
CAN_OPEN = re.compile(r"[A-Z0-9“\"‘(]")
ENDS = re.compile(r"[.!?][”\"’)]?$")
INNER = re.compile(r"[.!?][”\"’)]?\s+[A-Z“\"‘(]")


def words(text):
    return re.findall(r"[a-z0-9’']+", text.lower().replace("’", "'"))


def runs(text):
    w = words(text)
    return {" ".join(w[i:i + SEQ]) for i in range(len(w) - SEQ + 1)}


def written(n):
    forms = {str(n), f"{n:,}"}
    if n < len(WORDS):
        forms |= {WORDS[n], WORDS[n].capitalize()}
    return forms


def has_word(text, word):
    return re.search(r"(?<![\w,])" + re.escape(word) + r"(?![\w]|,\d)", text) is not None


class Check:
    def __init__(self, seeds):
        self.seeds = seeds
        self.failures = []
        self.articles = {}
        for name in sorted(os.listdir(seeds)):
            if name.endswith(".txt"):
                with open(os.path.join(seeds, name), "rb") as f:
                    self.articles[name] = f.read()
        self.article_runs = set()
        for data in self.articles.values():
            self.article_runs |= runs(data.decode("utf-8"))

    def fail(self, where, problem):
        self.failures.append(f"{where}: {problem}")

    def sentence(self, where, pointer):
        m = POINTER.match(pointer)
        if m is None:
            self.fail(where, f"evidence '{pointer}' is not seeds/<file>.txt:<start>-<end>")
            return None, ""
        name, start, end = m.group(1), int(m.group(2)), int(m.group(3))
        data = self.articles.get(name)
        if data is None:
            self.fail(where, f"evidence names {name}, which is not among the articles")
            return None, ""
        if not 0 <= start < end <= len(data):
            self.fail(where, f"{pointer}: outside the {len(data)} bytes of {name}")
            return name, ""
        try:
            text = data[start:end].decode("utf-8")
            before = data[:start].decode("utf-8").rstrip(" \t")
            after = data[end:].decode("utf-8")
        except UnicodeDecodeError:
            self.fail(where, f"{pointer}: the offsets cut a UTF-8 character")
            return name, ""
        if not CAN_OPEN.match(text):
            self.fail(where, f"{pointer}: '{text[:20]}' cannot open a sentence")
        if before and not before.endswith("\n") and not ENDS.search(before):
            self.fail(where, f"{pointer}: starts inside a sentence (after '{before[-20:]}')")
        if not (ENDS.search(text) and (after == "" or after[0].isspace())) and \
                not (after == "" or after[0] in "\r\n"):
            self.fail(where, f"{pointer}: ends inside a sentence ('{text[-20:]}')")
        if "\n" in text or INNER.search(text):
            self.fail(where, f"{pointer}: holds more than one sentence")
        return name, text

    def row(self, where, row, figure):
        pointers = [p.strip() for p in row.get("evidence", "").split(";") if p.strip()]
        if not pointers:
            self.fail(where, "no evidence: every row must point to its sentence")
            return
        texts = []
        for pointer in pointers:
            name, text = self.sentence(where, pointer)
            if name is not None and f"(seeds/{name})" not in row["reported_by"]:
                self.fail(where, f"evidence is in {name}, but reported_by is "
                                 f"'{row['reported_by']}'")
            texts.append(text)
        joined = " ".join(texts)
        key = row.get("report_id") or row.get("flow_id")
        if figure is not None:
            groups = SPECIAL.get(key, [tuple(written(figure))])
            for group in groups:
                if not any(has_word(joined, form) for form in group):
                    self.fail(where, f"the figure {figure} is not in its sentence: "
                                     f"'{joined[:120]}'")
        for column in ("notes", "summary"):
            copied = runs(row.get(column, "")) & self.article_runs
            if copied:
                self.fail(where, f"{column} copies the article: '{sorted(copied)[0]}'")


def figure_of(row, column):
    text = row.get(column, "").strip()
    return int(text) if text else None


def read_rows(dataset):
    for file, id_column, figure_column in (("reports.csv", "report_id", "fatalities"),
                                           ("flows.csv", "flow_id", "people")):
        with open(os.path.join(dataset, file), encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), 2):
                yield f"{file}:{line} ({row[id_column]})", row, figure_column


def selftest(check, rows):
    """Each broken copy of a row must fail, and the row itself must pass."""
    where, row, column = next(r for r in rows if r[1].get("fatalities", "").isdigit())
    first = POINTER.match(row["evidence"].split(";")[0].strip())
    name, start, end = first.group(1), int(first.group(2)), int(first.group(3))
    sentence = check.articles[name][start:end].decode("utf-8")
    broken = {
        "pointer moved": dict(row, evidence=f"seeds/{name}:{start + 1}-{end}"),
        "pointer cut short": dict(row, evidence=f"seeds/{name}:{start}-{end - 2}"),
        "no evidence": dict(row, evidence=""),
        "figure changed": dict(row, fatalities=str(int(row["fatalities"]) + 7)),
        "other outlet": dict(row, reported_by="BBC (seeds/elsewhere.txt)"),
        "notes copied": dict(row, notes="As it said: " + sentence),
    }
    problems = []
    check.row(where, row, figure_of(row, column))
    if check.failures:
        problems.append(f"the row itself fails: {check.failures}")
    for what, copy in broken.items():
        check.failures = []
        check.row(where, copy, figure_of(copy, column))
        if not check.failures:
            problems.append(f"{what}: not caught")
        else:
            print(f"ok {what}: {check.failures[0]}")
    for problem in problems:
        print("FAIL selftest", problem)
    return 1 if problems else 0


def main():
    args = sys.argv[1:]
    test = bool(args) and args[0] == "--selftest"
    if test:
        args = args[1:]
    if len(args) != 2:
        print(__doc__.split("\n\n")[-3], file=sys.stderr)
        return 2
    dataset, seeds = args
    if not os.path.isdir(seeds):
        print(f"check_dataset: {seeds}: no articles here; skipped")
        return 77
    check = Check(seeds)
    rows = list(read_rows(dataset))
    if test:
        return selftest(check, rows)
    for where, row, column in rows:
        check.row(where, row, figure_of(row, column))
    for failure in check.failures:
        print("FAIL", failure)
    print(f"{len(rows)} rows, {len(check.failures)} failures")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
