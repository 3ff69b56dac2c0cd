//! The filter stack: hand-computed results on small inline logs (every filter kind, keep and remove,
//! the edges of each: half-open periods, trimming, limits exactly on the boundary, same-activity
//! followers, case versus event attributes, numbers, top-k ties, stack order), then a cross-check of
//! counts and case ids against pm4py's filters on the logs of `../shared/data` (`pm4py_filters.json`,
//! written by `pm4py_filters.py`, whose docstring lists how pm4py's filters differ in definition).

use crate::common::shared_dir;
use relance_engine::analysis::summarize;
use relance_engine::filter::{Filter, FilterItem, FilterStack, TimeMode};
use relance_engine::import::{import_bytes, import_path, ImportOptions};
use relance_engine::EventLog;

const DAY_MS: i64 = 86_400_000;
const DAY_S: f64 = 86_400.0;

/// `2024-01-<d>T<h>:00:00Z` in UTC milliseconds.
fn at(d: i64, h: i64) -> i64 {
    1_704_067_200_000 + (d - 1) * DAY_MS + h * 3_600_000
}

fn day(d: i64) -> i64 {
    at(d, 0)
}

fn log(csv: &str) -> EventLog {
    let imported = import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
    assert_eq!(
        imported.report.skipped_rows, 0,
        "{:?}",
        imported.report.problems
    );
    imported.log
}

fn keep(filter: Filter) -> FilterItem {
    FilterItem { filter, keep: true }
}

fn remove(filter: Filter) -> FilterItem {
    FilterItem {
        filter,
        keep: false,
    }
}

/// The selected case ids (in case order) and the number of selected events after a stack, checking
/// that `summarize` agrees on the counts.
fn run(log: &EventLog, items: Vec<FilterItem>) -> (Vec<String>, usize) {
    let sel = FilterStack { items }.apply(log);
    let ids: Vec<String> = sel
        .cases(log)
        .map(|(c, r)| {
            assert!(
                !r.is_empty(),
                "selected case {} without events",
                log.case_id(c)
            );
            log.case_id(c).to_string()
        })
        .collect();
    let events = sel.event_count(log);
    assert_eq!(ids.len(), sel.len());
    if !sel.is_empty() {
        let s = summarize(log, &sel);
        assert_eq!(s.log.cases as usize, ids.len());
        assert_eq!(s.log.events as usize, events);
    }
    (ids, events)
}

/// Case ids only.
fn ids(log: &EventLog, items: Vec<FilterItem>) -> Vec<String> {
    run(log, items).0
}

fn timeframe(from_ms: i64, to_ms: i64, mode: TimeMode) -> Filter {
    Filter::Timeframe {
        from_ms,
        to_ms,
        mode,
    }
}

fn follower(
    from: &str,
    to: &str,
    directly: bool,
    within_s: Option<f64>,
    after_s: Option<f64>,
) -> Filter {
    Filter::Follower {
        from: from.into(),
        to: to.into(),
        directly,
        within_s,
        after_s,
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn attribute(name: &str, values: &[&str]) -> Filter {
    Filter::Attribute {
        name: name.into(),
        values: strings(values),
    }
}

fn endpoints(starts: &[&str], ends: &[&str]) -> Filter {
    Filter::Endpoints {
        starts: strings(starts),
        ends: strings(ends),
    }
}

// ---------------------------------------------------------------------------------------------------
// Timeframes.

/// Against the period [Jan 3, Jan 5):
/// t1 Jan 1 → Jan 3 (ends on `from`), t2 Jan 3 → Jan 5 (ends on `to`), t3 Jan 5 → Jan 7 (starts on `to`),
/// t4 Jan 2 → Jan 6 (spans the period with no event inside), t5 Jan 3 → Jan 4 (inside),
/// t6 Jan 1 → Jan 2 (before), t7 one event on Jan 9.
const TIMES: &str = "case_id,activity,timestamp
t1,A,2024-01-01T00:00:00Z
t1,B,2024-01-03T00:00:00Z
t2,A,2024-01-03T00:00:00Z
t2,B,2024-01-05T00:00:00Z
t3,A,2024-01-05T00:00:00Z
t3,B,2024-01-07T00:00:00Z
t4,A,2024-01-02T00:00:00Z
t4,B,2024-01-06T00:00:00Z
t5,A,2024-01-03T00:00:00Z
t5,B,2024-01-04T00:00:00Z
t6,A,2024-01-01T00:00:00Z
t6,B,2024-01-02T00:00:00Z
t7,A,2024-01-09T00:00:00Z
";

#[test]
fn timeframe_modes_are_half_open() {
    let log = log(TIMES);
    let period = |mode| vec![keep(timeframe(day(3), day(5), mode))];
    assert_eq!(ids(&log, period(TimeMode::Contained)), ["t5"]);
    // An event exactly at `from` is inside, one exactly at `to` is not.
    assert_eq!(
        ids(&log, period(TimeMode::Intersecting)),
        ["t1", "t2", "t4", "t5"]
    );
    assert_eq!(ids(&log, period(TimeMode::Started)), ["t2", "t5"]);
    assert_eq!(ids(&log, period(TimeMode::Completed)), ["t1", "t5"]);
    // One millisecond more and t2 (last event at Jan 5) is contained and completed in it.
    let wider = |mode| vec![keep(timeframe(day(3), day(5) + 1, mode))];
    assert_eq!(ids(&log, wider(TimeMode::Contained)), ["t2", "t5"]);
    assert_eq!(ids(&log, wider(TimeMode::Completed)), ["t1", "t2", "t5"]);
    // One millisecond later `from` and t1 (last event at Jan 3) no longer intersects.
    assert_eq!(
        ids(
            &log,
            vec![keep(timeframe(day(3) + 1, day(5), TimeMode::Intersecting))]
        ),
        ["t2", "t4", "t5"]
    );
    // Removing: the complement among all cases.
    assert_eq!(
        run(
            &log,
            vec![remove(timeframe(day(3), day(5), TimeMode::Contained))]
        ),
        (strings(&["t1", "t2", "t3", "t4", "t6", "t7"]), 11)
    );
    assert_eq!(
        ids(
            &log,
            vec![remove(timeframe(day(3), day(5), TimeMode::Started))]
        ),
        ["t1", "t3", "t4", "t6", "t7"]
    );
}

/// Regression: `[from, to)` with `to <= from` holds no instant, yet intersecting matched the cases
/// spanning `from` (t1 ends on Jan 3, t4 spans it), and removing such a trim dropped them.
#[test]
fn an_empty_period_matches_no_case() {
    let log = log(TIMES);
    for (from, to) in [(day(3), day(3)), (day(4), day(3))] {
        for mode in [
            TimeMode::Contained,
            TimeMode::Intersecting,
            TimeMode::Started,
            TimeMode::Completed,
            TimeMode::Trim,
        ] {
            assert!(
                ids(&log, vec![keep(timeframe(from, to, mode))]).is_empty(),
                "{mode:?}"
            );
            assert_eq!(
                run(&log, vec![remove(timeframe(from, to, mode))]),
                (strings(&["t1", "t2", "t3", "t4", "t5", "t6", "t7"]), 13),
                "{mode:?}"
            );
        }
    }
}

#[test]
fn trimming_keeps_events_in_the_period_and_drops_emptied_cases() {
    let log = log(TIMES);
    // t1 keeps its Jan 3 event, t2 its Jan 3 event (Jan 5 is `to`), t5 both; t4 spans the period but has
    // no event in it, so it is emptied and dropped like t3, t6 and t7.
    assert_eq!(
        run(&log, vec![keep(timeframe(day(3), day(5), TimeMode::Trim))]),
        (strings(&["t1", "t2", "t5"]), 4)
    );
    // Removing a trim drops the cases touching the period (intersecting, so t4 too: it is in neither).
    assert_eq!(
        run(
            &log,
            vec![remove(timeframe(day(3), day(5), TimeMode::Trim))]
        ),
        (strings(&["t3", "t6", "t7"]), 5)
    );
    // A period around one instant.
    assert_eq!(
        run(
            &log,
            vec![keep(timeframe(day(9), day(9) + 1, TimeMode::Trim))]
        ),
        (strings(&["t7"]), 1)
    );
}

#[test]
fn trimming_combined_with_other_filters() {
    let log = log(TIMES);
    let trim = || keep(timeframe(day(3), day(5), TimeMode::Trim));
    // Later filters see the trimmed events: t1 is now [B], t2 [A], t5 [A, B].
    assert_eq!(
        run(
            &log,
            vec![
                trim(),
                keep(Filter::EventCount {
                    min: Some(2),
                    max: None
                })
            ]
        ),
        (strings(&["t5"]), 2)
    );
    assert_eq!(
        ids(&log, vec![trim(), keep(endpoints(&["B"], &[]))]),
        ["t1"]
    );
    assert_eq!(
        ids(
            &log,
            vec![trim(), keep(follower("A", "B", true, None, None))]
        ),
        ["t5"]
    );
    assert_eq!(
        ids(
            &log,
            vec![
                trim(),
                keep(Filter::CaseDuration {
                    min_s: None,
                    max_s: Some(0.0)
                })
            ]
        ),
        ["t1", "t2"]
    );
    assert_eq!(
        run(
            &log,
            vec![
                trim(),
                remove(Filter::Activities {
                    names: strings(&["B"])
                })
            ]
        ),
        (strings(&["t2"]), 1)
    );
    // Contained in [Jan 3, Jan 4) judged on the trimmed events: t5's Jan 4 event is at `to`.
    assert_eq!(
        ids(
            &log,
            vec![trim(), keep(timeframe(day(3), day(4), TimeMode::Contained))]
        ),
        ["t1", "t2"]
    );
    // A second trim narrows the first.
    assert_eq!(
        run(
            &log,
            vec![trim(), keep(timeframe(day(4), day(10), TimeMode::Trim))]
        ),
        (strings(&["t5"]), 1)
    );
    // Order matters: no case starts with B before trimming.
    assert!(ids(&log, vec![keep(endpoints(&["B"], &[])), trim()]).is_empty());
    // A removing filter after a trim keeps the other cases trimmed.
    assert_eq!(
        run(
            &log,
            vec![
                trim(),
                remove(Filter::Cases {
                    ids: strings(&["t5"]),
                    label: None,
                })
            ]
        ),
        (strings(&["t1", "t2"]), 2)
    );
}

#[test]
fn case_duration_and_event_count_bounds_are_inclusive() {
    let log = log(TIMES);
    // Durations: t1, t2, t3 2 d; t4 4 d; t5, t6 1 d; t7 0 (one event).
    let dur = |min_s, max_s| vec![keep(Filter::CaseDuration { min_s, max_s })];
    assert_eq!(
        ids(&log, dur(Some(DAY_S), Some(2.0 * DAY_S))),
        ["t1", "t2", "t3", "t5", "t6"]
    );
    assert_eq!(
        ids(&log, dur(Some(2.0 * DAY_S), None)),
        ["t1", "t2", "t3", "t4"]
    );
    assert_eq!(ids(&log, dur(None, Some(DAY_S - 0.001))), ["t7"]);
    assert_eq!(ids(&log, dur(Some(2.0 * DAY_S + 0.001), None)), ["t4"]);
    assert_eq!(
        ids(
            &log,
            vec![remove(Filter::CaseDuration {
                min_s: Some(DAY_S),
                max_s: Some(2.0 * DAY_S)
            })]
        ),
        ["t4", "t7"]
    );
    let count = |min, max| vec![keep(Filter::EventCount { min, max })];
    assert_eq!(ids(&log, count(None, Some(1))), ["t7"]);
    assert_eq!(ids(&log, count(Some(2), Some(2))).len(), 6);
    assert_eq!(ids(&log, count(Some(1), None)).len(), 7);
    assert!(ids(&log, count(Some(3), None)).is_empty());
}

// ---------------------------------------------------------------------------------------------------
// Followers.

/// Gaps from each A to the following B: f1 1 d (direct), f2 3 d (C between), f3 B before A,
/// f4 two A's 12 h apart then B (1.5 d after the second A, 2 d after the first), f5 6 h (direct),
/// f6 A, X, A, B with B 1 d after the second A and 5 d after the first.
const FOLLOW: &str = "case_id,activity,timestamp
f1,A,2024-01-01T00:00:00Z
f1,B,2024-01-02T00:00:00Z
f1,C,2024-01-03T00:00:00Z
f2,A,2024-01-01T00:00:00Z
f2,C,2024-01-02T00:00:00Z
f2,B,2024-01-04T00:00:00Z
f3,B,2024-01-01T00:00:00Z
f3,A,2024-01-02T00:00:00Z
f4,A,2024-01-01T00:00:00Z
f4,A,2024-01-01T12:00:00Z
f4,B,2024-01-03T00:00:00Z
f5,A,2024-01-01T00:00:00Z
f5,B,2024-01-01T06:00:00Z
f6,A,2024-01-01T00:00:00Z
f6,X,2024-01-02T00:00:00Z
f6,A,2024-01-05T00:00:00Z
f6,B,2024-01-06T00:00:00Z
";

#[test]
fn follower_directly_versus_eventually() {
    let log = log(FOLLOW);
    let f = |from, to, directly| ids(&log, vec![keep(follower(from, to, directly, None, None))]);
    assert_eq!(f("A", "B", true), ["f1", "f4", "f5", "f6"]);
    assert_eq!(f("A", "B", false), ["f1", "f2", "f4", "f5", "f6"]);
    assert_eq!(f("B", "A", true), ["f3"]);
    assert_eq!(f("B", "A", false), ["f3"]);
    assert_eq!(f("A", "C", true), ["f2"]);
    assert_eq!(f("A", "C", false), ["f1", "f2"]);
    // Unknown activities match nothing.
    assert!(f("A", "nope", false).is_empty());
    assert_eq!(
        run(&log, vec![remove(follower("A", "B", true, None, None))]),
        (strings(&["f2", "f3"]), 5)
    );
}

#[test]
fn follower_same_activity_needs_two_occurrences() {
    let log = log(FOLLOW);
    let f = |directly, within_s, after_s| {
        ids(
            &log,
            vec![keep(follower("A", "A", directly, within_s, after_s))],
        )
    };
    assert_eq!(f(true, None, None), ["f4"]);
    assert_eq!(f(false, None, None), ["f4", "f6"]);
    assert_eq!(f(true, Some(12.0 * 3600.0), None), ["f4"]);
    assert_eq!(
        f(true, Some(12.0 * 3600.0 - 0.001), None),
        Vec::<String>::new()
    );
    assert_eq!(f(false, None, Some(DAY_S)), ["f6"]);
    assert_eq!(f(false, Some(DAY_S), None), ["f4"]);
}

#[test]
fn follower_time_limits_are_inclusive() {
    let log = log(FOLLOW);
    let f = |directly, within_s: Option<f64>, after_s: Option<f64>| {
        ids(
            &log,
            vec![keep(follower("A", "B", directly, within_s, after_s))],
        )
    };
    // Directly: gaps f1 1 d, f4 1.5 d, f5 6 h, f6 1 d.
    assert_eq!(f(true, Some(DAY_S), None), ["f1", "f5", "f6"]);
    assert_eq!(f(true, Some(DAY_S - 0.001), None), ["f5"]);
    assert_eq!(f(true, None, Some(DAY_S)), ["f1", "f4", "f6"]);
    assert_eq!(f(true, None, Some(DAY_S + 0.001)), ["f4"]);
    assert_eq!(f(true, Some(1.5 * DAY_S), Some(1.5 * DAY_S)), ["f4"]);
    // Eventually, any earlier A counts: f1 1 d, f2 3 d, f4 1.5 d or 2 d, f5 6 h, f6 1 d or 5 d.
    assert_eq!(f(false, Some(DAY_S), None), ["f1", "f5", "f6"]);
    assert_eq!(f(false, None, Some(2.0 * DAY_S)), ["f2", "f4", "f6"]);
    assert_eq!(f(false, None, Some(4.0 * DAY_S)), ["f6"]);
    assert_eq!(f(false, Some(2.0 * DAY_S), Some(2.0 * DAY_S)), ["f4"]);
    assert_eq!(f(false, Some(1.5 * DAY_S), Some(1.5 * DAY_S)), ["f4"]);
    // f6: the pair (first A, B) is 5 d, (second A, B) 1 d; nothing in between.
    assert_eq!(
        f(false, Some(4.0 * DAY_S), Some(2.0 * DAY_S + 0.001)),
        ["f2"]
    );
    assert!(f(false, Some(3.0 * DAY_S - 0.001), Some(2.0 * DAY_S + 0.001)).is_empty());
}

#[test]
fn endpoints_and_activities() {
    let log = log(FOLLOW);
    // Ends: f1 C, f2 B, f3 A, f4 B, f5 B, f6 B.
    assert_eq!(
        ids(&log, vec![keep(endpoints(&["A"], &[]))]),
        ["f1", "f2", "f4", "f5", "f6"]
    );
    assert_eq!(
        ids(&log, vec![keep(endpoints(&[], &["B"]))]),
        ["f2", "f4", "f5", "f6"]
    );
    assert_eq!(ids(&log, vec![keep(endpoints(&["B"], &["A"]))]), ["f3"]);
    assert_eq!(
        ids(&log, vec![keep(endpoints(&["A"], &["C", "B"]))]),
        ["f1", "f2", "f4", "f5", "f6"]
    );
    assert_eq!(ids(&log, vec![remove(endpoints(&["A"], &[]))]), ["f3"]);
    assert!(ids(&log, vec![keep(endpoints(&["nope"], &[]))]).is_empty());
    assert_eq!(ids(&log, vec![keep(endpoints(&[], &[]))]).len(), 6);
    let acts = |names: &[&str]| Filter::Activities {
        names: strings(names),
    };
    assert_eq!(
        run(&log, vec![keep(acts(&["C"]))]),
        (strings(&["f1", "f2"]), 6)
    );
    assert_eq!(ids(&log, vec![keep(acts(&["X", "C"]))]), ["f1", "f2", "f6"]);
    assert_eq!(ids(&log, vec![remove(acts(&["B"]))]), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------------
// Attributes.

/// `region` and `score` are case attributes (`case:` columns), `outcome` and `amount` event attributes;
/// `amount` and `score` are numbers (`100.0` is displayed `100`).
const ATTRS: &str = "case_id,activity,timestamp,resource,outcome,amount,case:region,case:score
a1,A,2024-01-01T00:00:00Z,ann,ok,100.0,north,7
a1,B,2024-01-02T00:00:00Z,bob,ko,,north,7
a2,A,2024-01-01T00:00:00Z,bob,,250.5,south,12
a2,B,2024-01-03T00:00:00Z,cat,ok,,south,12
a3,A,2024-01-02T00:00:00Z,ann,ok,40,,7.5
a4,A,2024-01-01T00:00:00Z,dan,,,east,
";

#[test]
fn attribute_filter_on_case_and_event_attributes() {
    let log = log(ATTRS);
    assert!(
        log.attribute("region").is_some(),
        "case: prefix is stripped"
    );
    let a = |name, values: &[&str]| ids(&log, vec![keep(attribute(name, values))]);
    // Case attributes.
    assert_eq!(
        run(&log, vec![keep(attribute("region", &["north"]))]),
        (strings(&["a1"]), 2)
    );
    assert_eq!(a("region", &["south", "east"]), ["a2", "a4"]);
    assert_eq!(
        a("region", &[""]),
        ["a3"],
        "an empty value selects missing values"
    );
    assert!(
        a("case:region", &["north"]).is_empty(),
        "the name has no case: prefix"
    );
    // Event attributes: any event of the case.
    assert_eq!(a("outcome", &["ko"]), ["a1"]);
    assert_eq!(a("outcome", &["ok"]), ["a1", "a2", "a3"]);
    assert_eq!(a("outcome", &[""]), ["a2", "a4"]);
    // Removing.
    assert_eq!(
        run(&log, vec![remove(attribute("region", &["north"]))]),
        (strings(&["a2", "a3", "a4"]), 4)
    );
    assert_eq!(
        ids(&log, vec![remove(attribute("outcome", &["ok"]))]),
        ["a4"]
    );
    // No such attribute: nothing matches, so removing keeps everything.
    assert!(a("nope", &["x"]).is_empty());
    assert_eq!(ids(&log, vec![remove(attribute("nope", &["x"]))]).len(), 4);
}

#[test]
fn attribute_filter_on_numbers() {
    let log = log(ATTRS);
    let a = |name, values: &[&str]| ids(&log, vec![keep(attribute(name, values))]);
    // Values are compared as displayed: 100.0 in the file is "100".
    assert_eq!(a("amount", &["100"]), ["a1"]);
    assert!(a("amount", &["100.0"]).is_empty());
    assert_eq!(a("amount", &["250.5", "40"]), ["a2", "a3"]);
    assert_eq!(a("score", &["7"]), ["a1"]);
    assert_eq!(a("score", &["7.5", "12"]), ["a2", "a3"]);
    let range = |name: &str, min, max| {
        ids(
            &log,
            vec![keep(Filter::NumericRange {
                name: name.into(),
                min,
                max,
            })],
        )
    };
    assert_eq!(range("amount", Some(40.0), Some(100.0)), ["a1", "a3"]);
    assert_eq!(
        range("amount", Some(40.001), Some(99.999)),
        Vec::<String>::new()
    );
    assert_eq!(range("amount", Some(100.0), None), ["a1", "a2"]);
    assert_eq!(range("score", Some(7.5), None), ["a2", "a3"]);
    assert_eq!(range("score", None, Some(7.0)), ["a1"]);
    assert_eq!(
        range("score", None, None),
        ["a1", "a2", "a3"],
        "a missing value is in no range"
    );
    assert!(
        range("outcome", None, None).is_empty(),
        "text is not a number"
    );
    assert_eq!(
        ids(
            &log,
            vec![remove(Filter::NumericRange {
                name: "score".into(),
                min: Some(7.5),
                max: None
            })]
        ),
        ["a1", "a4"]
    );
}

#[test]
fn attribute_filters_after_a_trim_see_the_remaining_events() {
    let log = log(ATTRS);
    // [Jan 2, Jan 4): a1 keeps B (ko), a2 keeps B (ok), a3 keeps A (amount 40); a4 drops out.
    let trim = || keep(timeframe(day(2), day(4), TimeMode::Trim));
    assert_eq!(run(&log, vec![trim()]), (strings(&["a1", "a2", "a3"]), 3));
    assert!(ids(&log, vec![trim(), keep(attribute("amount", &["100"]))]).is_empty());
    assert_eq!(
        ids(
            &log,
            vec![
                trim(),
                keep(Filter::NumericRange {
                    name: "amount".into(),
                    min: Some(0.0),
                    max: None
                })
            ]
        ),
        ["a3"]
    );
    assert_eq!(
        ids(&log, vec![trim(), keep(attribute("outcome", &["ok"]))]),
        ["a2", "a3"]
    );
    // Case attributes do not depend on events.
    assert_eq!(
        run(&log, vec![trim(), keep(attribute("region", &["north"]))]),
        (strings(&["a1"]), 1)
    );
    // Resources: a1 trimmed to bob's event.
    let res = |names: &[&str]| Filter::Resources {
        names: strings(names),
    };
    assert_eq!(ids(&log, vec![keep(res(&["ann"]))]), ["a1", "a3"]);
    assert_eq!(ids(&log, vec![trim(), keep(res(&["ann"]))]), ["a3"]);
    assert_eq!(
        ids(&log, vec![remove(res(&["ann", "nobody"]))]),
        ["a2", "a4"]
    );
}

#[test]
fn explicit_cases() {
    let log = log(ATTRS);
    let cases = |v: &[&str]| Filter::Cases {
        ids: strings(v),
        label: None,
    };
    assert_eq!(
        run(&log, vec![keep(cases(&["a3", "a1", "zz"]))]),
        (strings(&["a1", "a3"]), 3)
    );
    assert_eq!(
        ids(&log, vec![remove(cases(&["a3", "a1", "zz"]))]),
        ["a2", "a4"]
    );
    assert!(ids(&log, vec![keep(cases(&[]))]).is_empty());
}

// ---------------------------------------------------------------------------------------------------
// Variants.

/// Variants: A,B,C (v1, v2, v6), A,C (v3, v4), B,A (v5), A,D (v7). Trimmed to [Jan 1, Jan 3): A,B
/// (v1, v2, v6), A (v3, v4, v7), B,A (v5).
const VARIANTS: &str = "case_id,activity,timestamp
v1,A,2024-01-01T00:00:00Z
v1,B,2024-01-02T00:00:00Z
v1,C,2024-01-03T00:00:00Z
v2,A,2024-01-01T00:00:00Z
v2,B,2024-01-02T00:00:00Z
v2,C,2024-01-03T00:00:00Z
v3,A,2024-01-01T00:00:00Z
v3,C,2024-01-03T00:00:00Z
v4,A,2024-01-01T00:00:00Z
v4,C,2024-01-03T00:00:00Z
v5,B,2024-01-01T00:00:00Z
v5,A,2024-01-02T00:00:00Z
v6,A,2024-01-01T00:00:00Z
v6,B,2024-01-02T00:00:00Z
v6,C,2024-01-03T00:00:00Z
v7,A,2024-01-01T00:00:00Z
v7,D,2024-01-03T00:00:00Z
";

#[test]
fn step_filter_matches_a_breakdown_cell_exactly() {
    // The desk that posts (an event attribute, taken on the arriving event) and the segment (a case
    // attribute).
    let log = log("case,activity,time,desk,case:segment\n\
         a,Received,2024-01-01T00:00:00Z,,SME\n\
         a,Posted,2024-01-02T00:00:00Z,Ann,SME\n\
         b,Received,2024-01-01T00:00:00Z,Bob,Large\n\
         b,Posted,2024-01-03T00:00:00Z,Cy,Large\n\
         c,Received,2024-01-01T00:00:00Z,Ann,SME\n\
         c,Checked,2024-01-01T01:00:00Z,Ann,SME\n\
         c,Posted,2024-01-04T00:00:00Z,Bob,SME\n");
    use relance_engine::analysis::bottleneck::{transitions, GroupBy};
    use relance_engine::filter::StepGroup;
    let step = |by: Option<GroupBy>, value: &str| Filter::Step {
        from: "Received".into(),
        to: "Posted".into(),
        group: by.map(|by| StepGroup {
            by,
            value: value.into(),
        }),
    };
    let clerk = || {
        Some(GroupBy::Attribute {
            name: "desk".into(),
        })
    };
    // The group is the desk of the arriving "Posted" event: Ann also worked on c, whose Posted
    // (by Bob) does not directly follow Received.
    assert_eq!(ids(&log, vec![keep(step(clerk(), "Ann"))]), strings(&["a"]));
    assert_eq!(ids(&log, vec![keep(step(clerk(), "Cy"))]), strings(&["b"]));
    // c has no direct Received → Posted step at all.
    assert!(ids(&log, vec![keep(step(clerk(), "Bob"))]).is_empty());
    assert_eq!(ids(&log, vec![keep(step(None, ""))]), strings(&["a", "b"]));
    assert_eq!(ids(&log, vec![remove(step(None, ""))]), strings(&["c"]));
    let segment = || {
        Some(GroupBy::Attribute {
            name: "segment".into(),
        })
    };
    assert_eq!(
        ids(&log, vec![keep(step(segment(), "SME"))]),
        strings(&["a"])
    );
    assert!(ids(&log, vec![keep(step(Some(GroupBy::Resource), "Ann"))]).is_empty());
    // Every breakdown cell's filter selects exactly the cases of the cell's steps.
    let all = relance_engine::Selection::all(&log);
    for by in [clerk(), segment()] {
        for t in transitions(&log, &all, by.as_ref()) {
            let g = t.group.clone().unwrap();
            let f = Filter::Step {
                from: t.from.clone(),
                to: t.to.clone(),
                group: Some(StepGroup {
                    by: by.clone().unwrap(),
                    value: g.clone(),
                }),
            };
            assert_eq!(
                ids(&log, vec![keep(f)]).len() as u64,
                t.count,
                "{} → {} / {g}",
                t.from,
                t.to
            );
        }
    }
    assert_eq!(
        relance_engine::filter::describe(&step(clerk(), "Ann"), true),
        "Received → Posted where desk = Ann"
    );
}

fn top(k: usize) -> Filter {
    Filter::TopVariants { k }
}

#[test]
fn top_variants_break_ties_by_sequence() {
    let log = log(VARIANTS);
    assert_eq!(
        run(&log, vec![keep(top(1))]),
        (strings(&["v1", "v2", "v6"]), 9)
    );
    assert_eq!(
        ids(&log, vec![keep(top(2))]),
        ["v1", "v2", "v3", "v4", "v6"]
    );
    // A,D and B,A tie with one case each: the smaller sequence (A,D) ranks first (pm4py keeps B,A).
    assert_eq!(
        ids(&log, vec![keep(top(3))]),
        ["v1", "v2", "v3", "v4", "v6", "v7"]
    );
    assert_eq!(ids(&log, vec![keep(top(4))]).len(), 7);
    assert_eq!(ids(&log, vec![keep(top(100))]).len(), 7);
    assert!(ids(&log, vec![keep(top(0))]).is_empty());
    assert_eq!(
        run(&log, vec![remove(top(1))]),
        (strings(&["v3", "v4", "v5", "v7"]), 8)
    );
}

#[test]
fn variant_filters() {
    let log = log(VARIANTS);
    let min = |n| ids(&log, vec![keep(Filter::VariantMinCases { n })]);
    assert_eq!(min(2), ["v1", "v2", "v3", "v4", "v6"]);
    assert_eq!(min(3), ["v1", "v2", "v6"]);
    assert!(min(4).is_empty());
    assert_eq!(min(0).len(), 7);
    let seqs = |s: &[&[&str]]| Filter::Variants {
        sequences: s.iter().map(|q| strings(q)).collect(),
    };
    assert_eq!(
        run(&log, vec![keep(seqs(&[&["A", "C"], &["B", "A"]]))]),
        (strings(&["v3", "v4", "v5"]), 6)
    );
    // A prefix is not the variant; an unknown activity matches nothing.
    assert!(ids(&log, vec![keep(seqs(&[&["A", "B"], &["A", "nope"]]))]).is_empty());
    assert_eq!(
        ids(&log, vec![remove(seqs(&[&["A", "B", "C"]]))]),
        ["v3", "v4", "v5", "v7"]
    );
}

#[test]
fn stack_order_matters_for_variant_ranks() {
    let log = log(VARIANTS);
    let short = || {
        keep(Filter::EventCount {
            min: None,
            max: Some(2),
        })
    };
    // Top 2 of what remains (A,C 2 cases; then the A,D / B,A tie) versus the short cases of the top 2.
    assert_eq!(ids(&log, vec![short(), keep(top(2))]), ["v3", "v4", "v7"]);
    assert_eq!(ids(&log, vec![keep(top(2)), short()]), ["v3", "v4"]);
    // Without the C cases, A,D (tied with B,A) is the top variant; the top variant itself all has C.
    let no_c = || {
        remove(Filter::Activities {
            names: strings(&["C"]),
        })
    };
    assert_eq!(ids(&log, vec![no_c(), keep(top(1))]), ["v7"]);
    assert!(ids(&log, vec![keep(top(1)), no_c()]).is_empty());
    // Minimum cases counted among the remaining cases.
    assert_eq!(
        ids(&log, vec![no_c(), keep(Filter::VariantMinCases { n: 1 })]),
        ["v5", "v7"]
    );
    assert!(ids(&log, vec![no_c(), keep(Filter::VariantMinCases { n: 2 })]).is_empty());
}

#[test]
fn variants_after_a_trim_are_the_trimmed_sequences() {
    let log = log(VARIANTS);
    let trim = || keep(timeframe(day(1), day(3), TimeMode::Trim));
    // A (v3, v4, v7) ties A,B (v1, v2, v6) with 3 cases; the shorter sequence A ranks first.
    assert_eq!(
        run(&log, vec![trim(), keep(top(1))]),
        (strings(&["v3", "v4", "v7"]), 3)
    );
    assert_eq!(
        run(&log, vec![trim(), keep(top(2))]),
        (strings(&["v1", "v2", "v3", "v4", "v6", "v7"]), 9)
    );
    assert_eq!(
        ids(&log, vec![trim(), keep(Filter::VariantMinCases { n: 2 })]).len(),
        6
    );
    assert_eq!(
        run(
            &log,
            vec![
                trim(),
                keep(Filter::Variants {
                    sequences: vec![strings(&["A"])]
                })
            ]
        ),
        (strings(&["v3", "v4", "v7"]), 3)
    );
    // Trimming after ranking keeps the untrimmed top variant's cases, trimmed.
    assert_eq!(
        run(&log, vec![keep(top(1)), trim()]),
        (strings(&["v1", "v2", "v6"]), 6)
    );
}

#[test]
fn stacks_round_trip_through_json() {
    let stack = FilterStack {
        items: vec![
            keep(timeframe(day(1), day(3), TimeMode::Trim)),
            remove(follower("A", "A", false, Some(DAY_S), None)),
            keep(top(2)),
        ],
    };
    let text = serde_json::to_string(&stack).unwrap();
    assert_eq!(serde_json::from_str::<FilterStack>(&text).unwrap(), stack);
    // `keep` defaults to true.
    let parsed: FilterStack =
        serde_json::from_str(r#"{"items":[{"filter":{"kind":"top_variants","k":1}}]}"#).unwrap();
    assert_eq!(parsed.items, [keep(top(1))]);
}

// ---------------------------------------------------------------------------------------------------
// pm4py cross-check.

/// SHA-256 (FIPS 180-4), hex; only to compare case-id lists with `pm4py_filters.json`.
fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&(data.len() as u64 * 8).to_be_bytes());
    for block in msg.chunks(64) {
        let mut w = [0u32; 64];
        for i in 0..16 {
            w[i] = u32::from_be_bytes(block[4 * i..4 * i + 4].try_into().unwrap());
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let [a, b, c, d, e, f, g, hh] = v;
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            v = [t1.wrapping_add(t2), a, b, c, d.wrapping_add(t1), e, f, g];
        }
        for (x, y) in h.iter_mut().zip(v) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[test]
fn sha256_matches_known_digests() {
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(&[b'x'; 1000]),
        "44f8354494a5ba03ba1792a8d3e9c534c47a9181980fde7a3f44b06ef2ae7c7f"
    );
}

#[test]
fn pm4py_filters_agree() {
    let Some(shared) = shared_dir() else {
        eprintln!("skipping the pm4py filter cross-check: ../shared/ is not beside this checkout");
        return;
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/pm4py_filters.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let checks = doc["checks"].as_array().unwrap();
    assert!(checks.len() >= 40, "{} checks", checks.len());
    let mut logs: Vec<&str> = Vec::new();
    for c in checks {
        let name = c["log"].as_str().unwrap();
        if !logs.contains(&name) {
            logs.push(name);
        }
    }
    let mut problems = Vec::new();
    let mut done = 0;
    for name in logs {
        let imported = import_path(&shared.join("data").join(name), ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let log = &imported.log;
        for check in checks.iter().filter(|c| c["log"] == name) {
            let what = format!("{name}: {}", check["pm4py"].as_str().unwrap());
            let stack: FilterStack = serde_json::from_value(check["stack"].clone())
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let sel = stack.apply(log);
            let mut case_ids: Vec<&str> = sel.cases(log).map(|(c, _)| log.case_id(c)).collect();
            case_ids.sort_unstable();
            let mine = (
                sel.len() as u64,
                sel.event_count(log) as u64,
                sha256_hex(case_ids.join("\n").as_bytes()),
            );
            let theirs = (
                check["cases"].as_u64().unwrap(),
                check["events"].as_u64().unwrap(),
                check["ids_sha256"].as_str().unwrap().to_string(),
            );
            if mine != theirs {
                problems.push(format!(
                    "{what}: relance {} cases / {} events, pm4py {} / {}{}",
                    mine.0,
                    mine.1,
                    theirs.0,
                    theirs.1,
                    if mine.2 == theirs.2 {
                        ""
                    } else {
                        " (other case ids)"
                    }
                ));
            }
            done += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {done} differ:\n{}",
        problems.len(),
        problems.join("\n")
    );
    eprintln!("{done} pm4py filter checks agree");
}
