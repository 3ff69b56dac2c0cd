#!/usr/bin/env python3
"""pm4py doing the work of `relance analyze --json` in one process.

Usage: pm4py_analyze.py LOG.csv[.gz]

Load exactly like ../shared/reference/tools/bench_pm4py.py `read_csv` (pandas read of the
case / activity / timestamp / resource columns as strings, to_datetime(ISO8601, utc),
pm4py.format_dataframe), then: activity counts (events and cases), start and end activities,
DFG, performance DFG with every aggregation, variants with counts, case-duration statistics.

stdout: one small JSON document (so nothing is optimised away).
stderr: `timing load_s=...` and `timing analyses_s=...` (in-process, after start-up/imports).
"""
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("TQDM_DISABLE", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pm4py  # noqa: E402

CASE_COLS = ("case_id", "invoice_id", "case:concept:name")


def read_csv(path):
    header = pd.read_csv(path, nrows=0).columns
    case = next(c for c in CASE_COLS if c in header)
    keep = (case, "activity", "timestamp", "resource")
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""],
                     usecols=lambda c: c in keep)
    df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True, format="ISO8601")
    df = pm4py.format_dataframe(df, case_id=case, activity_key="activity", timestamp_key="timestamp")
    return df


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    path = sys.argv[1]

    t0 = time.perf_counter()
    df = read_csv(path)
    t1 = time.perf_counter()

    act = "concept:name"
    case = "case:concept:name"
    act_events = pm4py.get_event_attribute_values(df, act)
    act_cases = df.groupby(act)[case].nunique().to_dict()
    starts = pm4py.get_start_activities(df)
    ends = pm4py.get_end_activities(df)
    dfg, _sa, _ea = pm4py.discover_dfg(df)
    perf = pm4py.discover_performance_dfg(df, perf_aggregation_key="all")[0]
    variants = pm4py.get_variants(df)
    durations = np.asarray(pm4py.get_all_case_durations(df), dtype=float)
    dur_stats = {
        "min": float(durations.min()), "max": float(durations.max()),
        "mean": float(durations.mean()), "median": float(np.median(durations)),
        "p90": float(np.percentile(durations, 90)),
    }
    t2 = time.perf_counter()

    top = sorted(variants.items(), key=lambda kv: -(kv[1] if isinstance(kv[1], int) else len(kv[1])))[:1]
    out = {
        "events": int(len(df)),
        "cases": int(df[case].nunique()),
        "activities": len(act_events),
        "activity_cases": len(act_cases),
        "start_activities": len(starts),
        "end_activities": len(ends),
        "dfg_edges": len(dfg),
        "perf_dfg_edges": len(perf),
        "perf_keys": sorted(next(iter(perf.values())).keys()) if perf else [],
        "variants": len(variants),
        "top_variant": [list(top[0][0]), top[0][1] if isinstance(top[0][1], int) else len(top[0][1])] if top else None,
        "case_duration_s": dur_stats,
        "pm4py": pm4py.__version__,
    }
    print(json.dumps(out))
    print(f"timing load_s={t1 - t0:.3f}", file=sys.stderr)
    print(f"timing analyses_s={t2 - t1:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
