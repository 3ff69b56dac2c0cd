//! The directly-follows graph: activities, start and end activities, and for every pair of consecutive
//! events in a case an edge with its count, the number of cases passing it, and the waiting times
//! (pm4py's `discover_dfg` and `discover_performance_dfg`: duration = time(next) − time(previous)).
//!
//! Edges are indexed through a dense `from × to` table when the activity count allows (up to 1,024
//! activities, a 4 MiB table), else a hash map. Durations are gathered per edge with a counting sort into
//! one flat vector, so a whole log costs two passes and no allocation per event.

use super::stats::DurationStats;
use crate::filter::Selection;
use crate::log::{ActivityId, EventLog};
use rustc_hash::FxHashMap;

/// An activity's frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityFreq {
    /// Events with this activity.
    pub events: u64,
    /// Cases with at least one such event.
    pub cases: u64,
    /// Cases starting with it.
    pub starts: u64,
    /// Cases ending with it.
    pub ends: u64,
}

/// An edge of the directly-follows graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Source activity.
    pub from: ActivityId,
    /// Target activity.
    pub to: ActivityId,
    /// Number of times `to` directly followed `from`.
    pub count: u64,
    /// Number of cases with at least one such step.
    pub cases: u64,
    /// Waiting times of those steps.
    pub duration: DurationStats,
}

/// The directly-follows graph of a selection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dfg {
    /// Per activity (indexed by [`ActivityId`]); activities absent from the selection have zero counts.
    pub activities: Vec<ActivityFreq>,
    /// Edges, by count descending, then source and target name.
    pub edges: Vec<Edge>,
    /// Selected cases.
    pub cases: u64,
    /// Selected events.
    pub events: u64,
}

impl Dfg {
    /// Activities that occur in the selection.
    pub fn present(&self) -> impl Iterator<Item = ActivityId> + '_ {
        self.activities
            .iter()
            .enumerate()
            .filter(|(_, f)| f.events > 0)
            .map(|(i, _)| ActivityId(i as u32))
    }
}

/// Maps an activity pair to a dense edge number.
enum EdgeIndex {
    Dense { n: usize, slot: Vec<u32> },
    Sparse(FxHashMap<(u32, u32), u32>),
}

impl EdgeIndex {
    fn new(n_activities: usize) -> Self {
        if n_activities <= 1024 {
            EdgeIndex::Dense {
                n: n_activities,
                slot: vec![u32::MAX; n_activities * n_activities],
            }
        } else {
            EdgeIndex::Sparse(FxHashMap::default())
        }
    }

    /// The edge number of a pair, assigning `next` if it is new.
    #[inline]
    fn get_or_insert(&mut self, a: ActivityId, b: ActivityId, next: u32) -> u32 {
        match self {
            EdgeIndex::Dense { n, slot } => {
                let s = &mut slot[a.index() * *n + b.index()];
                if *s == u32::MAX {
                    *s = next;
                }
                *s
            }
            EdgeIndex::Sparse(m) => *m.entry((a.0, b.0)).or_insert(next),
        }
    }

    #[inline]
    fn get(&self, a: ActivityId, b: ActivityId) -> u32 {
        match self {
            EdgeIndex::Dense { n, slot } => slot[a.index() * n + b.index()],
            EdgeIndex::Sparse(m) => m.get(&(a.0, b.0)).copied().unwrap_or(u32::MAX),
        }
    }
}

/// Computes the directly-follows graph of the selected cases.
pub fn dfg(log: &EventLog, sel: &Selection) -> Dfg {
    dfg_with(log, sel, |_| true)
}

/// The directly-follows graph of the log projected on some activities: events of other activities are
/// taken out of each case first, so steps bridge over them (as Disco's activity slider does).
pub fn dfg_projected(log: &EventLog, sel: &Selection, keep: &[bool]) -> Dfg {
    dfg_with(log, sel, |a| keep.get(a.index()).copied().unwrap_or(false))
}

fn dfg_with(log: &EventLog, sel: &Selection, keep: impl Fn(ActivityId) -> bool + Copy) -> Dfg {
    let acts = log.activities();
    let times = log.times();
    let n_act = log.activity_count();
    let mut freq = vec![ActivityFreq::default(); n_act];
    let mut last_case_act = vec![u32::MAX; n_act];
    let mut index = EdgeIndex::new(n_act);
    let mut pairs: Vec<(ActivityId, ActivityId)> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut case_counts: Vec<u64> = Vec::new();
    let mut last_case_edge: Vec<u32> = Vec::new();
    let (mut n_cases, mut n_events) = (0u64, 0u64);

    for (case, r) in sel.cases(log) {
        let mut prev: Option<ActivityId> = None;
        let mut first: Option<ActivityId> = None;
        for &a in &acts[r] {
            if !keep(a) {
                continue;
            }
            n_events += 1;
            let f = &mut freq[a.index()];
            f.events += 1;
            if last_case_act[a.index()] != case as u32 {
                last_case_act[a.index()] = case as u32;
                f.cases += 1;
            }
            match prev {
                None => first = Some(a),
                Some(p) => {
                    let e = index.get_or_insert(p, a, pairs.len() as u32) as usize;
                    if e == pairs.len() {
                        pairs.push((p, a));
                        counts.push(0);
                        case_counts.push(0);
                        last_case_edge.push(u32::MAX);
                    }
                    counts[e] += 1;
                    if last_case_edge[e] != case as u32 {
                        last_case_edge[e] = case as u32;
                        case_counts[e] += 1;
                    }
                }
            }
            prev = Some(a);
        }
        if let (Some(f), Some(l)) = (first, prev) {
            n_cases += 1;
            freq[f.index()].starts += 1;
            freq[l.index()].ends += 1;
        }
    }

    // Second pass: durations grouped by edge.
    let mut offsets = Vec::with_capacity(counts.len() + 1);
    let mut acc = 0usize;
    for &c in &counts {
        offsets.push(acc);
        acc += c as usize;
    }
    offsets.push(acc);
    let mut fill = offsets.clone();
    let mut durations = vec![0i64; acc];
    for (_, r) in sel.cases(log) {
        let mut prev: Option<usize> = None;
        for i in r {
            if !keep(acts[i]) {
                continue;
            }
            if let Some(p) = prev {
                let e = index.get(acts[p], acts[i]) as usize;
                durations[fill[e]] = times[i] - times[p];
                fill[e] += 1;
            }
            prev = Some(i);
        }
    }

    let mut edges: Vec<Edge> = pairs
        .iter()
        .enumerate()
        .map(|(e, &(from, to))| Edge {
            from,
            to,
            count: counts[e],
            cases: case_counts[e],
            duration: DurationStats::from_ms(&mut durations[offsets[e]..offsets[e + 1]]),
        })
        .collect();
    crate::values::order::sort_by(&mut edges, |a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| log.activity_name(a.from).cmp(log.activity_name(b.from)))
            .then_with(|| log.activity_name(a.to).cmp(log.activity_name(b.to)))
    });
    Dfg {
        activities: freq,
        edges,
        cases: n_cases,
        events: n_events,
    }
}

/// Waiting times (ms) of every step from `from` to `to` in the selection, for a histogram.
pub fn edge_durations(
    log: &EventLog,
    sel: &Selection,
    from: ActivityId,
    to: ActivityId,
) -> Vec<i64> {
    let (acts, times) = (log.activities(), log.times());
    let mut out = Vec::new();
    for (_, r) in sel.cases(log) {
        for i in r.start..r.end.saturating_sub(1) {
            if acts[i] == from && acts[i + 1] == to {
                out.push(times[i + 1] - times[i]);
            }
        }
    }
    out
}

/// Cases that contain the step `from` → `to`.
pub fn cases_with_edge(
    log: &EventLog,
    sel: &Selection,
    from: ActivityId,
    to: ActivityId,
) -> Selection {
    let acts = log.activities();
    Selection::from_fn(log, |c| {
        sel.contains(c) && {
            let r = sel.events(log, c);
            acts[r].windows(2).any(|w| w[0] == from && w[1] == to)
        }
    })
}
