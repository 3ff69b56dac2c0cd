#!/usr/bin/env python3
"""The pm4py side of bench/conformance.sh: the same work as `relance conformance LOG --model NET.pnml
--json`, in one process.

Reads the XES log (pm4py.read_xes + format_dataframe, as make_reference.py), reads the PNML model,
runs conformance_diagnostics_alignments(multi_processing=False) on the log (pm4py aligns each variant
once and copies the result to its cases), and computes the log-level figures with pm4py's own
evaluator. Prints one JSON line: times (load_s, align_s) and the figures, so both tools' answers can be
compared run by run.

Usage: pm4py_conformance.py LOG.xes[.gz] MODEL.pnml
"""
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("TQDM_DISABLE", "1")

t0 = time.perf_counter()
import pm4py  # noqa: E402
from pm4py.algo.evaluation.replay_fitness.variants import alignment_based  # noqa: E402

CASE, ACT, TS = "case:concept:name", "concept:name", "time:timestamp"


def main():
    log_path, model_path = sys.argv[1], sys.argv[2]
    t1 = time.perf_counter()
    df = pm4py.read_xes(log_path)
    df[TS] = df[TS].astype("datetime64[ns, UTC]")
    df = pm4py.format_dataframe(df, case_id=CASE, activity_key=ACT, timestamp_key=TS)
    net, im, fm = pm4py.read_pnml(model_path)
    t2 = time.perf_counter()
    diag = pm4py.conformance_diagnostics_alignments(df, net, im, fm, multi_processing=False)
    ev = alignment_based.evaluate(diag)
    t3 = time.perf_counter()
    print(json.dumps({
        "import_s": round(t1 - t0, 3),
        "load_s": round(t2 - t1, 3),
        "align_s": round(t3 - t2, 3),
        "cases": len(diag),
        "fit_cases": sum(1 for d in diag if d["fitness"] == 1.0),
        "log_fitness": ev["log_fitness"],
        "average_trace_fitness": ev["average_trace_fitness"],
    }))


if __name__ == "__main__":
    main()
