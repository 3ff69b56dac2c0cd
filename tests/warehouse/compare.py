#!/usr/bin/env python3
"""Compares a summary document made where the data lives (relance warehouse / bundle) with
`relance analyze --json` of the same log: counts exactly, durations and shares within 1e-6
(relative, or absolute below 1). Usage: compare.py WAREHOUSE.json ANALYZE.json [LABEL] [--capped]
(--capped: the warehouse's variants are a prefix of the engine's and the rest is counted).
Exit status 0 iff they agree. Standard library only."""
import json
import math
import sys

FIELDS = ["log", "activities", "start_activities", "end_activities", "dfg", "variants", "case_duration_s"]


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def same(a, b, path, problems):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            problems.append("%s: keys %s vs %s" % (path, sorted(a), sorted(b)))
        for k in a:
            if k in b:
                same(a[k], b[k], path + "." + k, problems)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append("%s: %d vs %d items" % (path, len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, "%s[%d]" % (path, i), problems)
    elif isinstance(a, bool) or isinstance(b, bool) or isinstance(a, str) or isinstance(b, str):
        if a != b:
            problems.append("%s: %r vs %r" % (path, a, b))
    elif isinstance(a, int) and isinstance(b, int):
        if a != b:
            problems.append("%s: %r vs %r" % (path, a, b))
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not close(float(a), float(b)):
            problems.append("%s: %r vs %r" % (path, a, b))
    elif a != b:
        problems.append("%s: %r vs %r" % (path, a, b))


def main():
    args = [x for x in sys.argv[1:] if not x.startswith("--")]
    w = json.load(open(args[0]))
    a = json.load(open(args[1]))
    label = args[2] if len(args) > 2 else args[0]
    problems = []
    if "--capped" in sys.argv:
        # The warehouse kept the most frequent variants only: they must be the engine's first ones,
        # and the document must count the rest.
        n = len(w["variants"])
        rest = a["variants"][n:]
        other = w.get("variants_other") or {}
        if other.get("variants") != len(rest) or other.get("cases") != sum(v["cases"] for v in rest):
            problems.append("variants_other %r vs %d variants, %d cases left out" % (
                other, len(rest), sum(v["cases"] for v in rest)))
        a = dict(a, variants=a["variants"][:n])
    for f in FIELDS:
        same(w.get(f), a.get(f), f, problems)
    if problems:
        print("MISMATCH %s (%d differences):" % (label, len(problems)))
        for p in problems[:20]:
            print("  -", p)
        sys.exit(1)
    print("OK %s (%d cases, %d events, %d edges, %d variants)" % (
        label, a["log"]["cases"], a["log"]["events"], len(a["dfg"]), len(a["variants"])))


if __name__ == "__main__":
    main()
