//! The process map: the directly-follows graph with an artificial start and end, simplified the way
//! Disco does it.
//!
//! The activities slider keeps the most frequent activities (by events) and recomputes the graph on the
//! log projected on them, so steps bridge over hidden activities instead of disappearing. The paths
//! slider ([`simplify_paths`]) then keeps a share of the edges, always including the widest path (the
//! path whose weakest edge is strongest) from the start to every activity and from every activity to the
//! end, so each shown activity stays connected from start to end.

use super::dfg::dfg_projected;
use super::stats::DurationStats;
use crate::filter::Selection;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Index of the artificial start node.
pub const START: usize = 0;
/// Index of the artificial end node.
pub const END: usize = 1;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// Where cases begin.
    Start,
    /// Where cases end.
    End,
    /// An activity.
    Activity,
}

/// A node of the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapNode {
    /// Activity name (or "Start"/"End").
    pub name: String,
    /// Start, end or activity.
    pub kind: NodeKind,
    /// Events (for start and end: cases).
    pub events: u64,
    /// Cases.
    pub cases: u64,
}

/// An edge of the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapEdge {
    /// Source node index.
    pub from: usize,
    /// Target node index.
    pub to: usize,
    /// Occurrences.
    pub count: u64,
    /// Cases passing it.
    pub cases: u64,
    /// Waiting times (zero for start and end edges).
    pub duration: DurationStats,
}

/// A process map before path simplification.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProcessMap {
    /// `nodes[0]` is the start, `nodes[1]` the end, then activities by frequency.
    pub nodes: Vec<MapNode>,
    /// Edges by count descending.
    pub edges: Vec<MapEdge>,
    /// Cases drawn (cases with at least one shown activity).
    pub cases: u64,
    /// Events drawn.
    pub events: u64,
    /// Activities in the selection before the activities slider.
    pub activities_total: usize,
    /// Selected cases with no shown activity (not drawn).
    pub hidden_cases: u64,
}

/// Most activities the map shows when it opens. Beyond this the boxes no longer fit a screen at a
/// readable size and the layout's work grows quickly; Disco likewise opens a large log on its most
/// frequent activities, and the activities slider reaches the rest.
pub const OPENING_ACTIVITIES: usize = 60;

/// The activities-slider position (percent) that shows [`OPENING_ACTIVITIES`] of `total` activities.
pub fn opening_activity_pct(total: usize) -> f64 {
    if total <= OPENING_ACTIVITIES {
        100.0
    } else {
        OPENING_ACTIVITIES as f64 * 100.0 / total as f64
    }
}

/// Builds the map of the selection keeping `activity_pct` percent of the activities (at least one).
pub fn process_map(log: &EventLog, sel: &Selection, activity_pct: f64) -> ProcessMap {
    let full = super::dfg::dfg(log, sel);
    let mut ranked: Vec<usize> = (0..full.activities.len())
        .filter(|&a| full.activities[a].events > 0)
        .collect();
    crate::values::order::sort_by(&mut ranked, |&a, &b| {
        full.activities[b]
            .events
            .cmp(&full.activities[a].events)
            .then_with(|| {
                log.activity_name(crate::ActivityId(a as u32))
                    .cmp(log.activity_name(crate::ActivityId(b as u32)))
            })
    });
    let total = ranked.len();
    // The epsilon keeps 60.000000001 (float rounding of 60 %) at 60 activities.
    let keep_n = ((activity_pct.clamp(0.0, 100.0) / 100.0 * total as f64 - 1e-9).ceil() as usize)
        .clamp(total.min(1), total);
    let mut keep = vec![false; full.activities.len()];
    for &a in &ranked[..keep_n] {
        keep[a] = true;
    }
    let g = if keep_n == total {
        full
    } else {
        dfg_projected(log, sel, &keep)
    };

    let mut node_of = vec![usize::MAX; keep.len()];
    let mut nodes = vec![
        MapNode {
            name: "Start".into(),
            kind: NodeKind::Start,
            events: g.cases,
            cases: g.cases,
        },
        MapNode {
            name: "End".into(),
            kind: NodeKind::End,
            events: g.cases,
            cases: g.cases,
        },
    ];
    for &a in &ranked[..keep_n] {
        let f = g.activities[a];
        if f.events == 0 {
            continue;
        }
        node_of[a] = nodes.len();
        nodes.push(MapNode {
            name: log.activity_name(crate::ActivityId(a as u32)).to_string(),
            kind: NodeKind::Activity,
            events: f.events,
            cases: f.cases,
        });
    }
    let mut edges: Vec<MapEdge> = Vec::with_capacity(g.edges.len() + 2 * nodes.len());
    for &a in &ranked[..keep_n] {
        let f = g.activities[a];
        if f.starts > 0 {
            edges.push(MapEdge {
                from: START,
                to: node_of[a],
                count: f.starts,
                cases: f.starts,
                duration: DurationStats::default(),
            });
        }
        if f.ends > 0 {
            edges.push(MapEdge {
                from: node_of[a],
                to: END,
                count: f.ends,
                cases: f.ends,
                duration: DurationStats::default(),
            });
        }
    }
    for e in &g.edges {
        edges.push(MapEdge {
            from: node_of[e.from.index()],
            to: node_of[e.to.index()],
            count: e.count,
            cases: e.cases,
            duration: e.duration,
        });
    }
    crate::values::order::sort_by(&mut edges, |a, b| {
        b.count
            .cmp(&a.count)
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    ProcessMap {
        nodes,
        edges,
        cases: g.cases,
        events: g.events,
        activities_total: total,
        hidden_cases: sel.len() as u64 - g.cases,
    }
}

/// The edges to draw for a paths setting (0..=100): the widest-path backbone that connects every node
/// from the start and to the end, plus the most frequent remaining edges until `paths_pct` percent of all
/// edges are shown. Returns edge indices in the map's edge order.
pub fn simplify_paths(map: &ProcessMap, paths_pct: f64) -> Vec<usize> {
    let n = map.nodes.len();
    let m = map.edges.len();
    if n <= END {
        // Not a map from `process_map` (no start and end nodes): nothing to simplify.
        return (0..m).collect();
    }
    let mut keep = vec![false; m];
    let weight = |e: &MapEdge| e.count;
    // Widest paths from START (forward) and to END (backward): modified Dijkstra maximising the minimum
    // edge weight; ties go to the lower edge index, so the result is deterministic.
    // Edges out of (forward) and into (backward) each node, in edge order: O(m log n) in all, where a
    // scan of every edge per node was O(n·m) (the 2026-11-30 audit counted 1.8e9 edge visits).
    let mut out_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in map.edges.iter().enumerate() {
        if e.from < n && e.to < n {
            out_of[e.from].push(i);
            into[e.to].push(i);
        }
    }
    for forward in [true, false] {
        let adjacent = if forward { &out_of } else { &into };
        let mut best = vec![0u64; n];
        let mut via = vec![usize::MAX; n];
        let src = if forward { START } else { END };
        best[src] = u64::MAX;
        let mut heap = BinaryHeap::new();
        heap.push((best[src], Reverse(src)));
        let mut done = vec![false; n];
        while let Some((w, Reverse(u))) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            for &i in &adjacent[u] {
                let e = &map.edges[i];
                let (a, b) = if forward {
                    (e.from, e.to)
                } else {
                    (e.to, e.from)
                };
                if done[b] || a == b {
                    continue;
                }
                let cand = w.min(weight(e));
                if cand > best[b] {
                    best[b] = cand;
                    via[b] = i;
                    heap.push((cand, Reverse(b)));
                }
            }
        }
        for &i in via.iter().filter(|&&i| i != usize::MAX) {
            keep[i] = true;
        }
    }
    let target = ((paths_pct.clamp(0.0, 100.0) / 100.0) * m as f64).round() as usize;
    let mut shown = keep.iter().filter(|&&k| k).count();
    // Edges are ordered by count, so this adds the most frequent remaining ones.
    for k in keep.iter_mut() {
        if shown >= target {
            break;
        }
        if !*k {
            *k = true;
            shown += 1;
        }
    }
    (0..m).filter(|&i| keep[i]).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    fn log() -> EventLog {
        let csv = "case,activity,timestamp\n\
            1,a,2024-01-01\n1,b,2024-01-02\n1,c,2024-01-03\n\
            2,a,2024-01-01\n2,c,2024-01-05\n\
            3,a,2024-01-01\n3,b,2024-01-02\n3,b,2024-01-04\n3,c,2024-01-05\n\
            4,a,2024-01-01\n4,d,2024-01-03\n";
        import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log
    }

    /// The drawn edges as (from, to, count, cases), sorted: what two maps must agree on.
    pub(crate) fn edge_rows(m: &ProcessMap) -> Vec<(String, String, u64, u64)> {
        let mut v: Vec<_> = m
            .edges
            .iter()
            .map(|e| {
                (
                    m.nodes[e.from].name.clone(),
                    m.nodes[e.to].name.clone(),
                    e.count,
                    e.cases,
                )
            })
            .collect();
        crate::values::order::sort_by(&mut v, |a, b| a.cmp(b));
        v
    }

    #[test]
    fn full_map_has_start_end_and_all_steps() {
        let log = log();
        let m = process_map(&log, &Selection::all(&log), 100.0);
        let names: Vec<&str> = m.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Start", "End", "a", "b", "c", "d"]);
        let find = |f: &str, t: &str| {
            m.edges
                .iter()
                .find(|e| m.nodes[e.from].name == f && m.nodes[e.to].name == t)
                .map(|e| (e.count, e.cases))
        };
        assert_eq!(find("Start", "a"), Some((4, 4)));
        assert_eq!(find("b", "b"), Some((1, 1)));
        assert_eq!(find("c", "End"), Some((3, 3)));
        assert_eq!(find("a", "c"), Some((1, 1)));
        assert_eq!(m.hidden_cases, 0);
    }

    #[test]
    fn activity_slider_bridges_hidden_activities() {
        let log = log();
        // a (4 events), b (3), c (3), d (1): 50% keeps a and b (c loses the name tie to b).
        let m = process_map(&log, &Selection::all(&log), 50.0);
        let names: Vec<&str> = m.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Start", "End", "a", "b"]);
        let steps = edge_rows(&m);
        let count =
            |from: &str, to: &str| steps.iter().find(|s| s.0 == from && s.1 == to).map(|s| s.2);
        assert_eq!(count("a", "b"), Some(2));
        assert_eq!(count("a", "End"), Some(2));
        assert_eq!(m.activities_total, 4);
    }

    #[test]
    fn opening_position_shows_at_most_sixty_activities() {
        for total in [1, 59, 60, 61, 100, 120, 999, 5000, 123_457] {
            let pct = opening_activity_pct(total);
            let shown = ((pct / 100.0 * total as f64 - 1e-9).ceil() as usize).clamp(1, total);
            assert!(shown <= OPENING_ACTIVITIES, "{total}: {shown}");
            assert!(
                shown >= OPENING_ACTIVITIES.min(total) * 9 / 10,
                "{total}: {shown}"
            );
        }
    }

    #[test]
    fn paths_slider_keeps_every_node_connected() {
        let log = log();
        let m = process_map(&log, &Selection::all(&log), 100.0);
        let kept = simplify_paths(&m, 0.0);
        // Every activity has a kept edge in and a kept edge out.
        for v in 2..m.nodes.len() {
            assert!(
                kept.iter().any(|&i| m.edges[i].to == v),
                "no way into {}",
                m.nodes[v].name
            );
            assert!(
                kept.iter().any(|&i| m.edges[i].from == v),
                "no way out of {}",
                m.nodes[v].name
            );
        }
        assert!(kept.len() < m.edges.len());
        assert_eq!(simplify_paths(&m, 100.0).len(), m.edges.len());
    }
}
