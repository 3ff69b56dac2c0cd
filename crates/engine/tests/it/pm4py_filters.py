#!/usr/bin/env python3
"""pm4py filter results that `filters.rs` compares Relance's filter stack with.

Usage (pm4py in a venv: python3 -m venv /tmp/pm4py-venv && /tmp/pm4py-venv/bin/pip install pm4py pyarrow):

  /tmp/pm4py-venv/bin/python crates/engine/tests/it/pm4py_filters.py [--data ../shared/data] [--out FILE]

Loads several logs of ../shared/data exactly as ../shared/reference/tools/make_reference.py does
(CSV read as text, timestamps parsed with pandas.to_datetime(utc=True, format="ISO8601") so naive
timestamps are UTC, normalised to datetime64[ns, UTC], then pm4py.format_dataframe, a STABLE sort by
(case, timestamp, file position)), applies pm4py filters with concrete parameters, and writes for each
check the number of cases and events left and the sha256 of the sorted case ids joined by "\n",
together with the equivalent Relance `FilterStack` (serde JSON of relance_engine::filter::FilterStack).
The Rust test applies that stack to the same file and asserts the same counts and hash.

How each pm4py filter was read (pm4py 2.7, pandas implementation) and where it differs from Relance:

* Time bounds.  pm4py's `filter_time_range` is CLOSED [dt1, dt2] for modes events (Relance: trim),
  traces_contained, traces_starting_in, traces_completing_in, but traces_intersecting is OPEN on both
  sides: `min < dt2 and max > dt1`.  Relance periods are half-open [from, to), intersecting meaning
  `first < to and last >= from`.  With millisecond timestamps the exact equivalents are
  closed [dt1, dt2] == Relance [dt1, dt2 + 1 ms), open (dt1, dt2) == Relance [dt1 + 1 ms, dt2).
  So a case whose last event is exactly at dt1 intersects the period for Relance, not for pm4py.
  The boundaries below are actual event instants, so these edges are exercised (road fines: 26 cases
  end exactly at q25 and 5,040 at q50, so a naive mapping of the bounds would miss by that much).
* Time zones.  pm4py parses dt strings naive and calls fix_naivety (naive = UTC; aware instants are
  converted to UTC).  Boundaries here are pandas UTC timestamps; Relance gets UTC milliseconds.  Naive
  timestamps in a CSV are UTC for both (checked on roadtraffic50traces.csv).
* Top-k variants.  pm4py sorts variants by (count, variant tuple) with reverse=True, so a tie at the
  cut keeps the lexicographically LARGEST sequences; Relance ranks by count desc then sequence ASC and
  keeps the smallest.  Only k values with no tie at the cut are compared (asserted below); Relance's tie
  rule is tested by hand in filters.rs.
* Attribute values.  pm4py compares the raw strings of the column (`isin`); Relance compares values as
  it displays them: text as is, numbers without trailing zeros ("35.0" in the file is "35").  Compared
  here only on text columns and on integer-valued number columns (where both spellings agree).  pm4py
  never matches a missing value (NaN) unless keep_nan_values; Relance matches a missing value when ""
  is among the values.  Not used here.
* Attribute names.  pm4py's trace attributes keep the `case:` prefix (case:channel); Relance strips it
  (channel, a case-scoped attribute).  org:resource is Relance's resource column (Resources filter),
  concept:name its activity (Activities filter).
* filter_event_attribute_values(level="case") keeps (retain) or drops (not retain) cases with at least
  one event having one of the values: Relance Attribute / Activities / Resources with keep true / false.
* Start / end activities: first / last event after the stable sort, as Relance's Endpoints.
* filter_case_size(min, max) and filter_case_performance(min, max) are inclusive, as Relance's
  EventCount and CaseDuration (duration = last - first timestamp, seconds).
* filter_directly_follows_relation([(a, b)]) == Follower{directly: true}.  It re-sorts with
  sort_values([case, timestamp]); pandas' multi-column sort is stable, so ties keep the format_dataframe
  order.  filter_paths_performance((a, b), lo, hi) == Follower{directly, after_s: lo, within_s: hi}
  (inclusive both).
* filter_eventually_follows_relation([(a, b)]) pairs an `a` row with any LATER `b` row of the case (row
  index strictly greater, so a == b needs two occurrences) == Follower{directly: false}.  With
  ltl_checker.eventually_follows(..., timestamp_diff_boundaries=[(lo, hi)]) the gap must lie in
  [lo, hi] == Follower{after_s: lo, within_s: hi}.
* filter_variants_by_coverage_percentage(p) keeps variants with count >= p * cases ==
  VariantMinCases{n: smallest integer >= p * cases}.
* attributes_filter.apply_numeric(lo, hi) (column made numeric) keeps cases with an event value in
  [lo, hi] == NumericRange{min: lo, max: hi}.
* A pm4py chain of filters == a Relance stack in the same order (each filter sees what the previous left,
  so top-k after a trim ranks the trimmed variants).
"""
import argparse
import hashlib
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
os.environ.setdefault("TQDM_DISABLE", "1")

import pandas as pd  # noqa: E402
import pm4py  # noqa: E402
from pm4py.algo.filtering.pandas.attributes import attributes_filter  # noqa: E402
from pm4py.algo.filtering.pandas.ltl import ltl_checker  # noqa: E402
from pm4py.algo.filtering.pandas.variants import variants_filter  # noqa: E402
from pm4py.statistics.variants.pandas import get as variants_get  # noqa: E402

CASE, ACT, TS = "case:concept:name", "concept:name", "time:timestamp"
CSV_RENAME = {"resource": "org:resource", "lifecycle": "lifecycle:transition"}
HERE = os.path.dirname(os.path.abspath(__file__))


def load(path):
    """make_reference.py's CSV loading, then format_dataframe (stable sort by case, time, row)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    ren = {"case_id": CASE, "activity": ACT, "timestamp": TS}
    for k, v in CSV_RENAME.items():
        if k in df.columns and v not in df.columns:
            ren[k] = v
    for v in set(ren.values()):
        if v in df.columns and v not in ren:
            df = df.drop(columns=[v])
    df = df.rename(columns=ren)
    df[TS] = pd.to_datetime(df[TS], utc=True, format="ISO8601")
    df[TS] = df[TS].astype("datetime64[ns, UTC]")
    return pm4py.format_dataframe(df, case_id=CASE, activity_key=ACT, timestamp_key=TS)


def ms(ts):
    """UTC milliseconds of a pandas timestamp (the data has millisecond resolution at most)."""
    ns = pd.Timestamp(ts).value
    assert ns % 1_000_000 == 0, ts
    return ns // 1_000_000


def instant(df, q):
    """An actual event instant at quantile q of the log's timestamps, so bounds hit events exactly."""
    t = df[TS].sort_values().reset_index(drop=True)
    return t.iloc[min(len(t) - 1, int(q * len(t)))]


def item(kind, keep=True, **fields):
    return {"filter": dict(kind=kind, **fields), "keep": keep}


def closed(df, mode, dt1, dt2, keep=True):
    """Relance item for a pm4py closed period [dt1, dt2]."""
    return item("timeframe", keep, from_ms=ms(dt1), to_ms=ms(dt2) + 1, mode=mode)


def variants_apply(df, admitted):
    """pm4py's variants_filter.apply, with the variants frame's `variant` column made plain tuples.

    With pandas 3, format_dataframe gives the activity column an arrow string dtype, the variants frame
    gets an arrow list column, and `isin` then fails (ArrowNotImplementedError: 'is_in' has no kernel
    for list<string>).  Passing the same frame with object tuples (the `variants_df` parameter) avoids
    it without changing which cases are selected.
    """
    vdf = variants_filter.get_variants_df(df).copy()
    vdf["variant"] = pd.Series([tuple(str(a) for a in v) for v in vdf["variant"]], index=vdf.index, dtype=object)
    admitted = [tuple(str(a) for a in v) for v in admitted]
    return variants_filter.apply(df, admitted, parameters={"variants_df": vdf})


def top_k(df, k):
    """pm4py's filter_variants_top_k (same ranking: sorted by (count, variant), reverse=True), refusing a k
    where the cut splits a tie (pm4py and Relance break ties oppositely)."""
    variants = variants_get.get_variants_count(df)
    ranked = sorted(([v, c] for v, c in variants.items()), key=lambda x: (x[1], x[0]), reverse=True)
    counts = [c for _, c in ranked]
    assert k < len(counts) and counts[k - 1] != counts[k], ("tie at top-k cut", k, counts[: k + 1])
    return variants_apply(df, [v for v, _ in ranked[:k]])


def coverage(df, p):
    """pm4py's filter_variants_by_coverage_percentage (count >= p * cases)."""
    variants = variants_get.get_variants_count(df)
    n = df[CASE].nunique()
    return variants_apply(df, [v for v, c in variants.items() if c >= p * n])


def eventually_within(df, a, b, lo, hi):
    return ltl_checker.eventually_follows(
        df, [a, b], parameters={ltl_checker.Parameters.TIMESTAMP_DIFF_BOUNDARIES: [(lo, hi)]}
    )


def numeric(df, attr, lo, hi):
    d = df.copy()
    d[attr] = pd.to_numeric(d[attr])
    out = attributes_filter.apply_numeric(
        d, lo, hi, parameters={attributes_filter.Parameters.ATTRIBUTE_KEY: attr}
    )
    return df[df[CASE].isin(set(out[CASE]))]


def min_cases(df, p):
    n_cases = df[CASE].nunique()
    return next(n for n in range(n_cases + 2) if n >= p * n_cases)


def checks_for(name, df):
    """(description, pm4py function, Relance stack items) for one log."""
    S, E = pm4py.filter_start_activities, pm4py.filter_end_activities
    ev = pm4py.filter_event_attribute_values
    tr = pm4py.filter_trace_attribute_values
    dfr, efr = pm4py.filter_directly_follows_relation, pm4py.filter_eventually_follows_relation
    tr_range = pm4py.filter_time_range
    out = []

    def add(desc, fn, *items):
        out.append((desc, fn, list(items)))

    if name == "running-example.csv":
        add("filter_end_activities(['pay compensation'])", lambda d: E(d, ["pay compensation"]),
            item("endpoints", starts=[], ends=["pay compensation"]))
        add("filter_end_activities(['pay compensation'], retain=False)",
            lambda d: E(d, ["pay compensation"], retain=False),
            item("endpoints", False, starts=[], ends=["pay compensation"]))
        add("filter_directly_follows_relation([('check ticket', 'decide')])",
            lambda d: dfr(d, [("check ticket", "decide")]),
            item("follower", **{"from": "check ticket"}, to="decide", directly=True, within_s=None, after_s=None))
        add("filter_eventually_follows_relation([('decide', 'decide')])",
            lambda d: efr(d, [("decide", "decide")]),
            item("follower", **{"from": "decide"}, to="decide", directly=False, within_s=None, after_s=None))
        add("filter_eventually_follows_relation([('examine casually', 'check ticket')], retain=False)",
            lambda d: efr(d, [("examine casually", "check ticket")], retain=False),
            item("follower", False, **{"from": "examine casually"}, to="check ticket", directly=False,
                 within_s=None, after_s=None))
        add("filter_event_attribute_values('Resource', ['Sue'], level='case')",
            lambda d: ev(d, "Resource", ["Sue"], level="case"),
            item("attribute", name="Resource", values=["Sue"]))
        add("filter_event_attribute_values('org:resource', ['Sean', 'Sue'], level='case', retain=False)",
            lambda d: ev(d, "org:resource", ["Sean", "Sue"], level="case", retain=False),
            item("resources", False, names=["Sean", "Sue"]))
        add("filter_case_size(5, 9)", lambda d: pm4py.filter_case_size(d, 5, 9),
            item("event_count", min=5, max=9))
        t1, t2 = instant(df, 0.25), instant(df, 0.75)
        add("filter_time_range(q25, q75, 'traces_contained')",
            lambda d: tr_range(d, t1, t2, mode="traces_contained"), closed(df, "contained", t1, t2))
        t3, t4 = instant(df, 0.1), instant(df, 0.2)
        add("filter_time_range(q10, q20, 'traces_intersecting')",
            lambda d: tr_range(d, t3, t4, mode="traces_intersecting"),
            item("timeframe", from_ms=ms(t3) + 1, to_ms=ms(t4), mode="intersecting"))

    if name == "roadtraffic50traces.csv":  # naive timestamps: UTC on both sides
        t1, t2 = pd.Timestamp("2007-01-01T00:00:00Z"), pd.Timestamp("2007-07-23T00:00:00Z")
        add("filter_time_range('2007-01-01', '2007-07-23' (an event instant), 'traces_contained')",
            lambda d: tr_range(d, t1, t2, mode="traces_contained"), closed(df, "contained", t1, t2))
        add("filter_time_range('2007-01-01', '2007-07-23', 'events')",
            lambda d: tr_range(d, t1, t2, mode="events"), closed(df, "trim", t1, t2))

    if name == "Road_Traffic_Fine_Management_Process.csv.gz":
        add("filter_start_activities(['Create Fine'])", lambda d: S(d, ["Create Fine"]),
            item("endpoints", starts=["Create Fine"], ends=[]))
        add("filter_end_activities(['Send Fine', 'Payment'])", lambda d: E(d, ["Send Fine", "Payment"]),
            item("endpoints", starts=[], ends=["Send Fine", "Payment"]))
        add("filter_end_activities(['Send for Credit Collection'], retain=False)",
            lambda d: E(d, ["Send for Credit Collection"], retain=False),
            item("endpoints", False, starts=[], ends=["Send for Credit Collection"]))
        add("filter_variants_top_k(5)", lambda d: top_k(d, 5), item("top_variants", k=5))
        add("filter_variants_by_coverage_percentage(0.01)",
            lambda d: coverage(d, 0.01),
            item("variant_min_cases", n=min_cases(df, 0.01)))
        add("filter_variants([('Create Fine', 'Payment'), ('Create Fine', 'Send Fine')])",
            lambda d: variants_apply(d, [("Create Fine", "Payment"), ("Create Fine", "Send Fine")]),
            item("variants", sequences=[["Create Fine", "Payment"], ["Create Fine", "Send Fine"]]))
        add("filter_case_size(3, 4)", lambda d: pm4py.filter_case_size(d, 3, 4),
            item("event_count", min=3, max=4))
        # 60 and 365 days are exact durations of many cases (midnight timestamps).
        add("filter_case_performance(60 d, 365 d)",
            lambda d: pm4py.filter_case_performance(d, 60 * 86400.0, 365 * 86400.0),
            item("case_duration", min_s=60 * 86400.0, max_s=365 * 86400.0))
        t1, t2 = instant(df, 0.25), instant(df, 0.5)
        add("filter_time_range(q25, q50, 'traces_contained')",
            lambda d: tr_range(d, t1, t2, mode="traces_contained"), closed(df, "contained", t1, t2))
        add("filter_time_range(q25, q50, 'traces_intersecting')",
            lambda d: tr_range(d, t1, t2, mode="traces_intersecting"),
            item("timeframe", from_ms=ms(t1) + 1, to_ms=ms(t2), mode="intersecting"))
        add("filter_time_range(q25, q50, 'traces_starting_in')",
            lambda d: tr_range(d, t1, t2, mode="traces_starting_in"), closed(df, "started", t1, t2))
        add("filter_time_range(q25, q50, 'traces_completing_in_exclude')",
            lambda d: tr_range(d, t1, t2, mode="traces_completing_in_exclude"),
            closed(df, "completed", t1, t2, keep=False))
        add("filter_time_range(q25, q50, 'events')",
            lambda d: tr_range(d, t1, t2, mode="events"), closed(df, "trim", t1, t2))
        add("filter_time_range(q25, q50, 'events') | filter_variants_top_k(3)",
            lambda d: top_k(tr_range(d, t1, t2, mode="events"), 3),
            closed(df, "trim", t1, t2), item("top_variants", k=3))
        add("filter_time_range(q25, q50, 'events') | filter_end_activities(['Create Fine'])",
            lambda d: E(tr_range(d, t1, t2, mode="events"), ["Create Fine"]),
            closed(df, "trim", t1, t2), item("endpoints", starts=[], ends=["Create Fine"]))
        add("filter_variants_top_k(4) | filter_case_size(2, 3)",
            lambda d: pm4py.filter_case_size(top_k(d, 4), 2, 3),
            item("top_variants", k=4), item("event_count", min=2, max=3))
        add("filter_case_size(2, 3) | filter_variants_top_k(4)",
            lambda d: top_k(pm4py.filter_case_size(d, 2, 3), 4),
            item("event_count", min=2, max=3), item("top_variants", k=4))
        add("filter_directly_follows_relation([('Create Fine', 'Payment')])",
            lambda d: dfr(d, [("Create Fine", "Payment")]),
            item("follower", **{"from": "Create Fine"}, to="Payment", directly=True, within_s=None, after_s=None))
        add("filter_directly_follows_relation([('Payment', 'Payment')], retain=False)",
            lambda d: dfr(d, [("Payment", "Payment")], retain=False),
            item("follower", False, **{"from": "Payment"}, to="Payment", directly=True, within_s=None,
                 after_s=None))
        add("filter_eventually_follows_relation([('Payment', 'Payment')])",
            lambda d: efr(d, [("Payment", "Payment")]),
            item("follower", **{"from": "Payment"}, to="Payment", directly=False, within_s=None, after_s=None))
        add("filter_eventually_follows_relation([('Create Fine', 'Payment')])",
            lambda d: efr(d, [("Create Fine", "Payment")]),
            item("follower", **{"from": "Create Fine"}, to="Payment", directly=False, within_s=None, after_s=None))
        add("filter_paths_performance(('Create Fine', 'Send Fine'), 30 d, 90 d)",
            lambda d: pm4py.filter_paths_performance(d, ("Create Fine", "Send Fine"), 30 * 86400.0, 90 * 86400.0),
            item("follower", **{"from": "Create Fine"}, to="Send Fine", directly=True,
                 within_s=90 * 86400.0, after_s=30 * 86400.0))
        add("ltl eventually_follows(['Create Fine', 'Payment'], diff in [0 s, 10 d])",
            lambda d: eventually_within(d, "Create Fine", "Payment", 0, 10 * 86400.0),
            item("follower", **{"from": "Create Fine"}, to="Payment", directly=False,
                 within_s=10 * 86400.0, after_s=0.0))
        add("ltl eventually_follows(['Send Fine', 'Payment'], diff in [30 d, 60 d])",
            lambda d: eventually_within(d, "Send Fine", "Payment", 30 * 86400.0, 60 * 86400.0),
            item("follower", **{"from": "Send Fine"}, to="Payment", directly=False,
                 within_s=60 * 86400.0, after_s=30 * 86400.0))
        add("filter_event_attribute_values('dismissal', ['G', '#'], level='case')",
            lambda d: ev(d, "dismissal", ["G", "#"], level="case"),
            item("attribute", name="dismissal", values=["G", "#"]))
        add("filter_event_attribute_values('dismissal', ['NIL'], level='case', retain=False)",
            lambda d: ev(d, "dismissal", ["NIL"], level="case", retain=False),
            item("attribute", False, name="dismissal", values=["NIL"]))
        add("filter_event_attribute_values('points', ['5', '10'], level='case')  (a number column)",
            lambda d: ev(d, "points", ["5", "10"], level="case"),
            item("attribute", name="points", values=["5", "10"]))
        add("filter_event_attribute_values('concept:name', ['Appeal to Judge'], level='case')",
            lambda d: ev(d, "concept:name", ["Appeal to Judge"], level="case"),
            item("activities", names=["Appeal to Judge"]))
        add("attributes_filter.apply_numeric('amount', 36, 74)",
            lambda d: numeric(d, "amount", 36.0, 74.0),
            item("numeric_range", name="amount", min=36.0, max=74.0))

    if name == "receipt.csv.gz":
        add("filter_trace_attribute_values('case:channel', ['Desk', 'Post'])",
            lambda d: tr(d, "case:channel", ["Desk", "Post"]),
            item("attribute", name="channel", values=["Desk", "Post"]))
        add("filter_trace_attribute_values('case:department', ['General'], retain=False)",
            lambda d: tr(d, "case:department", ["General"], retain=False),
            item("attribute", False, name="department", values=["General"]))
        add("filter_trace_attribute_values('case:group', ['Group 2', 'Group 11'])",
            lambda d: tr(d, "case:group", ["Group 2", "Group 11"]),
            item("attribute", name="group", values=["Group 2", "Group 11"]))
        add("filter_event_attribute_values('org:group', ['Group 13', 'Group 14'], level='case')",
            lambda d: ev(d, "org:group", ["Group 13", "Group 14"], level="case"),
            item("attribute", name="org:group", values=["Group 13", "Group 14"]))
        add("filter_event_attribute_values('org:resource', ['Resource21'], level='case', retain=False)",
            lambda d: ev(d, "org:resource", ["Resource21"], level="case", retain=False),
            item("resources", False, names=["Resource21"]))
        add("filter_start_activities(['Confirmation of receipt'])",
            lambda d: S(d, ["Confirmation of receipt"]),
            item("endpoints", starts=["Confirmation of receipt"], ends=[]))
        add("filter_end_activities(['T10 Determine necessity to stop indication'])",
            lambda d: E(d, ["T10 Determine necessity to stop indication"]),
            item("endpoints", starts=[], ends=["T10 Determine necessity to stop indication"]))
        add("filter_variants_top_k(3)", lambda d: top_k(d, 3), item("top_variants", k=3))
        add("filter_case_size(7, 20)", lambda d: pm4py.filter_case_size(d, 7, 20),
            item("event_count", min=7, max=20))
        add("filter_case_performance(1 h, 7 d)",
            lambda d: pm4py.filter_case_performance(d, 3600.0, 7 * 86400.0),
            item("case_duration", min_s=3600.0, max_s=7 * 86400.0))
        t1, t2 = instant(df, 0.3), instant(df, 0.6)
        add("filter_time_range(q30, q60, 'traces_contained')",
            lambda d: tr_range(d, t1, t2, mode="traces_contained"), closed(df, "contained", t1, t2))
        add("filter_time_range(q30, q60, 'traces_intersecting')",
            lambda d: tr_range(d, t1, t2, mode="traces_intersecting"),
            item("timeframe", from_ms=ms(t1) + 1, to_ms=ms(t2), mode="intersecting"))
        add("filter_time_range(q30, q60, 'events') | filter_case_performance(0, 1 d)",
            lambda d: pm4py.filter_case_performance(tr_range(d, t1, t2, mode="events"), 0.0, 86400.0),
            closed(df, "trim", t1, t2), item("case_duration", min_s=0.0, max_s=86400.0))
        add("filter_directly_follows_relation([('T02 Check confirmation of receipt', "
            "'T03 Adjust confirmation of receipt')])",
            lambda d: dfr(d, [("T02 Check confirmation of receipt", "T03 Adjust confirmation of receipt")]),
            item("follower", **{"from": "T02 Check confirmation of receipt"},
                 to="T03 Adjust confirmation of receipt", directly=True, within_s=None, after_s=None))
        add("filter_eventually_follows_relation([('T06 Determine necessity of stop advice', "
            "'T02 Check confirmation of receipt')])",
            lambda d: efr(d, [("T06 Determine necessity of stop advice", "T02 Check confirmation of receipt")]),
            item("follower", **{"from": "T06 Determine necessity of stop advice"},
                 to="T02 Check confirmation of receipt", directly=False, within_s=None, after_s=None))

    if name == "bpic2012.csv.gz":
        add("filter_start_activities(['A_SUBMITTED'])", lambda d: S(d, ["A_SUBMITTED"]),
            item("endpoints", starts=["A_SUBMITTED"], ends=[]))
        add("filter_end_activities(['A_DECLINED', 'A_CANCELLED'])",
            lambda d: E(d, ["A_DECLINED", "A_CANCELLED"]),
            item("endpoints", starts=[], ends=["A_DECLINED", "A_CANCELLED"]))
        add("filter_variants_top_k(2)", lambda d: top_k(d, 2), item("top_variants", k=2))
        add("filter_case_size(10, 30)", lambda d: pm4py.filter_case_size(d, 10, 30),
            item("event_count", min=10, max=30))
        add("filter_case_performance(1 d, 10 d)",
            lambda d: pm4py.filter_case_performance(d, 86400.0, 10 * 86400.0),
            item("case_duration", min_s=86400.0, max_s=10 * 86400.0))
        t1, t2 = instant(df, 0.4), instant(df, 0.7)
        add("filter_time_range(q40, q70, 'traces_contained')",
            lambda d: tr_range(d, t1, t2, mode="traces_contained"), closed(df, "contained", t1, t2))
        add("filter_time_range(q40, q70, 'traces_intersecting')",
            lambda d: tr_range(d, t1, t2, mode="traces_intersecting"),
            item("timeframe", from_ms=ms(t1) + 1, to_ms=ms(t2), mode="intersecting"))
        add("filter_time_range(q40, q70, 'events') | filter_variants_top_k(3)",
            lambda d: top_k(tr_range(d, t1, t2, mode="events"), 3),
            closed(df, "trim", t1, t2), item("top_variants", k=3))
        add("filter_directly_follows_relation([('A_SUBMITTED', 'A_PARTLYSUBMITTED')])  (tied timestamps)",
            lambda d: dfr(d, [("A_SUBMITTED", "A_PARTLYSUBMITTED")]),
            item("follower", **{"from": "A_SUBMITTED"}, to="A_PARTLYSUBMITTED", directly=True,
                 within_s=None, after_s=None))
        add("filter_directly_follows_relation([('W_Nabellen offertes', 'W_Nabellen offertes')])",
            lambda d: dfr(d, [("W_Nabellen offertes", "W_Nabellen offertes")]),
            item("follower", **{"from": "W_Nabellen offertes"}, to="W_Nabellen offertes", directly=True,
                 within_s=None, after_s=None))
        add("filter_eventually_follows_relation([('O_SENT', 'O_SENT')])",
            lambda d: efr(d, [("O_SENT", "O_SENT")]),
            item("follower", **{"from": "O_SENT"}, to="O_SENT", directly=False, within_s=None, after_s=None))
        add("filter_eventually_follows_relation([('A_ACCEPTED', 'O_SENT_BACK')], retain=False)",
            lambda d: efr(d, [("A_ACCEPTED", "O_SENT_BACK")], retain=False),
            item("follower", False, **{"from": "A_ACCEPTED"}, to="O_SENT_BACK", directly=False,
                 within_s=None, after_s=None))
        add("ltl eventually_follows(['O_SENT', 'O_SENT_BACK'], diff in [1 d, 7 d])",
            lambda d: eventually_within(d, "O_SENT", "O_SENT_BACK", 86400.0, 7 * 86400.0),
            item("follower", **{"from": "O_SENT"}, to="O_SENT_BACK", directly=False,
                 within_s=7 * 86400.0, after_s=86400.0))
        add("filter_paths_performance(('A_PARTLYSUBMITTED', 'A_PREACCEPTED'), 60 s, 1 h)",
            lambda d: pm4py.filter_paths_performance(d, ("A_PARTLYSUBMITTED", "A_PREACCEPTED"), 60.0, 3600.0),
            item("follower", **{"from": "A_PARTLYSUBMITTED"}, to="A_PREACCEPTED", directly=True,
                 within_s=3600.0, after_s=60.0))
        add("filter_event_attribute_values('lifecycle:transition', ['SCHEDULE'], level='case', retain=False)",
            lambda d: ev(d, "lifecycle:transition", ["SCHEDULE"], level="case", retain=False),
            item("attribute", False, name="lifecycle", values=["SCHEDULE"]))
        add("filter_event_attribute_values('concept:name', ['A_DECLINED'], level='case', retain=False)"
            " | filter_variants_top_k(3)",
            lambda d: top_k(ev(d, "concept:name", ["A_DECLINED"], level="case", retain=False), 3),
            item("activities", False, names=["A_DECLINED"]), item("top_variants", k=3))
        add("filter_trace_attribute_values('case:AMOUNT_REQ', ['5000', '10000', '15000'])  (numbers)",
            lambda d: tr(d, "case:AMOUNT_REQ", ["5000", "10000", "15000"]),
            item("attribute", name="AMOUNT_REQ", values=["5000", "10000", "15000"]))
        add("attributes_filter.apply_numeric('case:AMOUNT_REQ', 5000, 10000)",
            lambda d: numeric(d, "case:AMOUNT_REQ", 5000.0, 10000.0),
            item("numeric_range", name="AMOUNT_REQ", min=5000.0, max=10000.0))
        add("filter_event_attribute_values('org:resource', ['11201', '10138'], level='case')",
            lambda d: ev(d, "org:resource", ["11201", "10138"], level="case"),
            item("resources", names=["11201", "10138"]))
    return out


LOGS = [
    "running-example.csv",
    "roadtraffic50traces.csv",
    "receipt.csv.gz",
    "bpic2012.csv.gz",
    "Road_Traffic_Fine_Management_Process.csv.gz",
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(HERE, "../../../../../shared/data"))
    ap.add_argument("--out", default=os.path.join(HERE, "pm4py_filters.json"))
    a = ap.parse_args()
    checks = []
    for name in LOGS:
        df = load(os.path.join(a.data, name))
        for desc, fn, items in checks_for(name, df):
            res = fn(df)
            ids = sorted(set(res[CASE].astype(str)))
            n_events = int(len(res))
            if not 0 < len(ids) < df[CASE].nunique():
                print("note: %s: %s keeps %d of %d cases" % (name, desc, len(ids), df[CASE].nunique()),
                      file=sys.stderr)
            checks.append({
                "log": name,
                "pm4py": desc,
                "stack": {"items": items},
                "cases": len(ids),
                "events": n_events,
                "ids_sha256": hashlib.sha256("\n".join(ids).encode()).hexdigest(),
            })
            print("%s: %s -> %d cases, %d events" % (name, desc, len(ids), n_events), file=sys.stderr)
    doc = {
        "about": "pm4py filter results; written by pm4py_filters.py, checked by filters.rs",
        "versions": {"pm4py": pm4py.__version__, "pandas": pd.__version__},
        "ids_sha256": "sha256 of the sorted distinct case ids joined by newlines",
        "checks": checks,
    }
    with open(a.out, "w") as f:
        f.write("{\n")
        for k in ("about", "versions", "ids_sha256"):
            f.write(" %s: %s,\n" % (json.dumps(k), json.dumps(doc[k])))
        f.write(' "checks": [\n')
        f.write(",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in checks))
        f.write("\n ]\n}\n")
    print("%d checks -> %s" % (len(checks), a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
