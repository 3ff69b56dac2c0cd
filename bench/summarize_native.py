#!/usr/bin/env python3
"""Markdown tables from bench/native.sh's TSV: medians, ratios, peak RSS, CSV import throughput.
Usage: summarize_native.py native.tsv ROAD.csv DEMO.csv"""
import csv
import os
import statistics
import sys

tsv, road, demo = sys.argv[1:4]
rows = list(csv.DictReader(open(tsv), delimiter="\t"))


def col(inp, tool, key):
    return [float(r[key]) for r in rows if r["input"] == inp and r["tool"] == tool]


def med(xs):
    return statistics.median(xs)


print()
print("| input | runs | relance wall (median) | pm4py wall (median) | ratio | relance after start-up | pm4py after start-up | ratio | relance peak RSS | pm4py peak RSS | max load1 |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for path in (road, demo):
    inp = os.path.basename(path)
    rw, pw = col(inp, "relance", "wall_s"), col(inp, "pm4py", "wall_s")
    ri = [a + b for a, b in zip(col(inp, "relance", "load_s"), col(inp, "relance", "analyses_s"))]
    pi = [a + b for a, b in zip(col(inp, "pm4py", "load_s"), col(inp, "pm4py", "analyses_s"))]
    rr, pr = col(inp, "relance", "maxrss_kib"), col(inp, "pm4py", "maxrss_kib")
    load = max(col(inp, "relance", "load1") + col(inp, "pm4py", "load1"))
    print(f"| {inp} | {len(rw)}+{len(pw)} | {med(rw):.3f} s | {med(pw):.3f} s | {med(pw)/med(rw):.1f}x "
          f"| {med(ri):.3f} s | {med(pi):.3f} s | {med(pi)/med(ri):.1f}x "
          f"| {med(rr)/1024:.0f} MiB | {med(pr)/1024:.0f} MiB | {load:.2f} |")

print()
print("| input | relance import_s | relance analyses_s | pm4py load_s | pm4py analyses_s | relance wall min–max | pm4py wall min–max |")
print("|---|---|---|---|---|---|---|")
for path in (road, demo):
    inp = os.path.basename(path)
    rw, pw = col(inp, "relance", "wall_s"), col(inp, "pm4py", "wall_s")
    print(f"| {inp} | {med(col(inp,'relance','load_s')):.3f} | {med(col(inp,'relance','analyses_s')):.3f} "
          f"| {med(col(inp,'pm4py','load_s')):.3f} | {med(col(inp,'pm4py','analyses_s')):.3f} "
          f"| {min(rw):.3f}–{max(rw):.3f} s | {min(pw):.3f}–{max(pw):.3f} s |")

print()
print("| native CSV import throughput | relance | bytes | import_s median (min–max) | MB/s (10^6 B/s) median | MB/s range |")
print("|---|---|---|---|---|---|")
for path in (road, demo):
    inp = os.path.basename(path)
    size = os.path.getsize(path)
    for tool, what in (("relance", "every core"), ("relance1", "one thread")):
        imp = col(inp, tool, "load_s")
        if not imp:
            continue
        print(f"| {inp} | {what} | {size:,} | {med(imp):.3f} ({min(imp):.3f}–{max(imp):.3f}) s | {size/med(imp)/1e6:.0f} "
              f"| {size/max(imp)/1e6:.0f}–{size/min(imp)/1e6:.0f} |")

print()
print("| one thread (RELANCE_THREADS=1) | wall (median) | vs pm4py wall | after start-up | vs pm4py after start-up | peak RSS |")
print("|---|---|---|---|---|---|")
for path in (road, demo):
    inp = os.path.basename(path)
    w1 = col(inp, "relance1", "wall_s")
    if not w1:
        continue
    i1 = [a + b for a, b in zip(col(inp, "relance1", "load_s"), col(inp, "relance1", "analyses_s"))]
    pw = col(inp, "pm4py", "wall_s")
    pi = [a + b for a, b in zip(col(inp, "pm4py", "load_s"), col(inp, "pm4py", "analyses_s"))]
    print(f"| {inp} | {med(w1):.3f} s | {med(pw)/med(w1):.1f}x | {med(i1):.3f} s | {med(pi)/med(i1):.1f}x "
          f"| {med(col(inp, 'relance1', 'maxrss_kib'))/1024:.0f} MiB |")
