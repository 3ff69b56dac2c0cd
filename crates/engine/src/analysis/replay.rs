//! Case replay: the moves of tokens along a process map, one token per case, for animating the map.
//!
//! A case walks the map's nodes in time order: from the start node to its first shown activity, along
//! each directly-follows step between shown activities (the map's activities slider hides some: a step
//! then bridges over them, as the map does), and to the end node. Following Disco, a token travels along
//! a step during the whole wait between the two events, so a slow step shows as a crowd on its path.
//! The moves into the first activity and out of the last take a short fixed time (1 % of the replayed
//! span), so tokens are seen arriving and leaving.
//!
//! Times are seconds from the replay's origin: the earliest case start (absolute), or each case's own
//! start (relative: every case starts at 0). Moves are sorted by start time, so a player scans only
//! those that have begun.

use super::process_map::{NodeKind, ProcessMap, END, START};
use crate::filter::Selection;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// A move that follows no drawn path (the paths slider hid the step): the token goes straight.
pub const NO_PATH: u32 = u32::MAX;

/// What the tokens' colours tell apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ReplayColour {
    /// The case's value of an attribute (its first value in the case for an event attribute): the
    /// seven most frequent values, then "other".
    Attribute {
        /// Attribute name.
        name: String,
    },
    /// Whether the case passes through an activity (e.g. a dispute).
    PassesThrough {
        /// Activity name.
        activity: String,
    },
}

/// Replay settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayOptions {
    /// Times from each case's start rather than real time.
    pub relative: bool,
    /// At most this many cases (an evenly spread sample beyond it).
    pub max_cases: usize,
    /// Colour classes; `None` for one colour.
    pub colour: Option<ReplayColour>,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        Self {
            relative: false,
            max_cases: 10_000,
            colour: None,
        }
    }
}

/// The moves of every replayed case, as parallel columns sorted by start time.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Replay {
    /// Instant of time 0 (UTC ms): the earliest case start; for a relative replay, also that instant.
    pub t0_ms: i64,
    /// Seconds from 0 to the end of the last move.
    pub span_s: f64,
    /// Whether times run from each case's start.
    pub relative: bool,
    /// Cases replayed.
    pub cases: u64,
    /// Cases in the selection (more than `cases` when sampled).
    pub cases_selected: u64,
    /// Names of the colour classes (empty: one colour).
    pub classes: Vec<String>,
    /// Per move: the position in the map's drawn edges (`kept`), or [`NO_PATH`].
    pub path: Vec<u32>,
    /// Per move: the node it leaves.
    pub from: Vec<u32>,
    /// Per move: the node it reaches.
    pub to: Vec<u32>,
    /// Per move: when it leaves, seconds.
    pub start_s: Vec<f64>,
    /// Per move: when it arrives, seconds.
    pub end_s: Vec<f64>,
    /// Per move: the case's colour class.
    pub class: Vec<u8>,
}

/// The replay of the selection's cases on a map whose drawn edges are `kept` (indices into
/// `map.edges`, as [`simplify_paths`](super::simplify_paths) gives them).
pub fn replay(
    log: &EventLog,
    sel: &Selection,
    map: &ProcessMap,
    kept: &[usize],
    opts: &ReplayOptions,
) -> Replay {
    const NONE: u32 = u32::MAX;
    // The node of each activity (hidden activities have none).
    let mut node_of = vec![NONE; log.activity_count()];
    for (i, n) in map.nodes.iter().enumerate() {
        if n.kind == NodeKind::Activity {
            if let Some(a) = log.find_activity(&n.name) {
                node_of[a.index()] = i as u32;
            }
        }
    }
    // The drawn edge of each (from, to), by position in `kept`.
    let mut drawn: std::collections::HashMap<(u32, u32), u32> = std::collections::HashMap::new();
    for (k, &i) in kept.iter().enumerate() {
        if let Some(e) = map.edges.get(i) {
            drawn.insert((e.from as u32, e.to as u32), k as u32);
        }
    }
    let (acts, times) = (log.activities(), log.times());
    // Cases with at least one shown activity, then an even sample of them.
    let shown: Vec<(usize, std::ops::Range<usize>)> = sel
        .cases(log)
        .filter(|(_, r)| r.clone().any(|e| node_of[acts[e].index()] != NONE))
        .collect();
    let stride = shown.len().div_ceil(opts.max_cases.max(1)).max(1);
    let sample: Vec<&(usize, std::ops::Range<usize>)> = shown.iter().step_by(stride).collect();

    let classes = colour_classes(log, &sample, opts.colour.as_ref());
    let first = |r: &std::ops::Range<usize>| times[r.start];
    let t0 = sample.iter().map(|(_, r)| first(r)).min().unwrap_or(0);
    let span_ms = sample
        .iter()
        .map(|(_, r)| times[r.end - 1] - if opts.relative { first(r) } else { t0 })
        .max()
        .unwrap_or(0);
    // Arriving and leaving take 1 % of the span (at least a second).
    let hop = (span_ms as f64 / 1000.0 * 0.01).max(1.0);
    let mut out = Replay {
        t0_ms: t0,
        relative: opts.relative,
        cases: sample.len() as u64,
        cases_selected: sel.len() as u64,
        classes: classes.0,
        ..Replay::default()
    };
    let push = |out: &mut Replay, from: u32, to: u32, s: f64, e: f64, class: u8| {
        out.path
            .push(drawn.get(&(from, to)).copied().unwrap_or(NO_PATH));
        out.from.push(from);
        out.to.push(to);
        out.start_s.push(s);
        out.end_s.push(e);
        out.class.push(class);
    };
    for (k, (_, r)) in sample.iter().enumerate() {
        let origin = if opts.relative { first(r) } else { t0 };
        let class = classes.1.get(k).copied().unwrap_or(0);
        let secs = |e: usize| (times[e] - origin) as f64 / 1000.0;
        let mut prev: Option<(u32, f64)> = None;
        for e in r.clone() {
            let n = node_of[acts[e].index()];
            if n == NONE {
                continue;
            }
            let t = secs(e);
            match prev {
                None => push(&mut out, START as u32, n, t - hop, t, class),
                Some((p, tp)) => push(&mut out, p, n, tp, t, class),
            }
            prev = Some((n, t));
        }
        if let Some((p, tp)) = prev {
            push(&mut out, p, END as u32, tp, tp + hop, class);
        }
    }
    // Sort the columns by start time (ties keep case order).
    let mut order: Vec<usize> = (0..out.path.len()).collect();
    crate::values::order::sort_by(&mut order, |&a, &b| {
        out.start_s[a].total_cmp(&out.start_s[b])
    });
    let permute_u32 = |v: &[u32]| order.iter().map(|&i| v[i]).collect::<Vec<u32>>();
    let permute_f64 = |v: &[f64]| order.iter().map(|&i| v[i]).collect::<Vec<f64>>();
    out.path = permute_u32(&out.path);
    out.from = permute_u32(&out.from);
    out.to = permute_u32(&out.to);
    out.start_s = permute_f64(&out.start_s);
    out.end_s = permute_f64(&out.end_s);
    out.class = order.iter().map(|&i| out.class[i]).collect();
    out.span_s = out.end_s.iter().copied().fold(0.0, f64::max);
    out
}

/// The colour classes and each sampled case's class.
fn colour_classes(
    log: &EventLog,
    sample: &[&(usize, std::ops::Range<usize>)],
    colour: Option<&ReplayColour>,
) -> (Vec<String>, Vec<u8>) {
    match colour {
        None => (Vec::new(), vec![0; sample.len()]),
        Some(ReplayColour::PassesThrough { activity }) => {
            let Some(a) = log.find_activity(activity) else {
                return (Vec::new(), vec![0; sample.len()]);
            };
            let acts = log.activities();
            (
                vec![
                    format!("passes through {activity}"),
                    format!("does not pass through {activity}"),
                ],
                sample
                    .iter()
                    .map(|(_, r)| {
                        if r.clone().any(|e| acts[e] == a) {
                            0
                        } else {
                            1
                        }
                    })
                    .collect(),
            )
        }
        Some(ReplayColour::Attribute { name }) => {
            let Some(attr) = log.attribute(name) else {
                return (Vec::new(), vec![0; sample.len()]);
            };
            let values: Vec<String> = sample
                .iter()
                .map(|(c, _)| {
                    let v = log.case_value(attr, *c);
                    if v.is_missing() {
                        "(none)".to_string()
                    } else {
                        v.display()
                    }
                })
                .collect();
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for v in &values {
                *counts.entry(v.as_str()).or_default() += 1;
            }
            let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
            crate::values::order::sort_by(&mut ranked, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            const SHOWN: usize = 7;
            let mut names: Vec<String> = ranked
                .iter()
                .take(SHOWN)
                .map(|(v, _)| v.to_string())
                .collect();
            let other = ranked.len() > SHOWN;
            if other {
                names.push("other".into());
            }
            let class = values
                .iter()
                .map(|v| {
                    names
                        .iter()
                        .take(SHOWN)
                        .position(|n| n == v)
                        .unwrap_or(SHOWN) as u8
                })
                .collect();
            (names, class)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{process_map, simplify_paths};
    use crate::import::{import_bytes, ImportOptions};

    fn log() -> EventLog {
        let csv = "case,activity,timestamp,segment\n\
            1,a,2024-01-01T00:00:00Z,SME\n1,b,2024-01-02T00:00:00Z,SME\n1,c,2024-01-04T00:00:00Z,SME\n\
            2,a,2024-01-03T00:00:00Z,Large\n2,c,2024-01-05T00:00:00Z,Large\n";
        import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log
    }

    #[test]
    fn tokens_follow_each_step_over_its_wait() {
        let log = log();
        let sel = Selection::all(&log);
        let map = process_map(&log, &sel, 100.0);
        let kept = simplify_paths(&map, 100.0);
        let r = replay(&log, &sel, &map, &kept, &ReplayOptions::default());
        assert_eq!(r.cases, 2);
        // Case 1: start→a, a→b, b→c, c→end; case 2: start→a, a→c, c→end.
        assert_eq!(r.path.len(), 7);
        let day = 86_400.0;
        let hop = 4.0 * day * 0.01; // 1 % of the 4-day span
        let name = |n: u32| map.nodes[n as usize].name.clone();
        let moves: Vec<(String, String, f64, f64)> = (0..r.path.len())
            .map(|i| (name(r.from[i]), name(r.to[i]), r.start_s[i], r.end_s[i]))
            .collect();
        assert!(moves.contains(&("a".into(), "b".into(), 0.0, day)));
        assert!(moves.contains(&("b".into(), "c".into(), day, 3.0 * day)));
        assert!(moves.contains(&("a".into(), "c".into(), 2.0 * day, 4.0 * day)));
        assert!(moves.contains(&("Start".into(), "a".into(), -hop, 0.0)));
        assert!((r.span_s - (4.0 * day + hop)).abs() < 1e-6);
        // Sorted by start; every drawn step points at its edge.
        assert!(r.start_s.windows(2).all(|w| w[0] <= w[1]));
        for i in 0..r.path.len() {
            let e = &map.edges[kept[r.path[i] as usize]];
            assert_eq!((e.from as u32, e.to as u32), (r.from[i], r.to[i]));
        }
    }

    #[test]
    fn relative_time_starts_every_case_at_zero_and_colours_by_attribute() {
        let log = log();
        let sel = Selection::all(&log);
        let map = process_map(&log, &sel, 100.0);
        let kept = simplify_paths(&map, 0.0);
        let opts = ReplayOptions {
            relative: true,
            colour: Some(ReplayColour::Attribute {
                name: "segment".into(),
            }),
            ..Default::default()
        };
        let r = replay(&log, &sel, &map, &kept, &opts);
        let arrivals: Vec<f64> = (0..r.path.len())
            .filter(|&i| r.from[i] == START as u32)
            .map(|i| r.end_s[i])
            .collect();
        assert_eq!(arrivals, [0.0, 0.0]);
        assert_eq!(r.classes, ["Large", "SME"]);
        // Steps hidden by the paths slider still move, straight.
        assert!(r.path.contains(&NO_PATH) || kept.len() == map.edges.len());
    }

    #[test]
    fn a_large_selection_is_sampled_evenly() {
        let mut csv = String::from("case,activity,timestamp\n");
        for c in 0..250 {
            csv.push_str(&format!(
                "{c},a,2024-01-01T00:00:00Z\n{c},b,2024-01-02T00:00:00Z\n"
            ));
        }
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let sel = Selection::all(&log);
        let map = process_map(&log, &sel, 100.0);
        let kept = simplify_paths(&map, 100.0);
        let opts = ReplayOptions {
            max_cases: 100,
            ..Default::default()
        };
        let r = replay(&log, &sel, &map, &kept, &opts);
        assert!(r.cases <= 100 && r.cases >= 80, "{}", r.cases);
        assert_eq!(r.cases_selected, 250);
    }
}
