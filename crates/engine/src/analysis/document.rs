//! The summary document: `relance analyze --json`'s output read back, as `relance warehouse` and
//! `relance bundle` also print it when a log is analysed where it lives (DuckDB, PostgreSQL, Spark,
//! Snowflake, BigQuery) and only aggregates come back.
//!
//! A document holds aggregates only: activities, start and end activities, the directly-follows graph
//! with waiting times, variants (capped: [`OtherVariants`] counts what the cap left out), case-duration
//! statistics and, when a collections mapping was given, the collections measures. No case, no event:
//! drill-down to cases is not possible from it, and [`SummarySource::drill_down`] says so.
//!
//! [`summary_map`] builds the process map for an activities-slider position from those aggregates. The
//! engine's map ([`super::process_map`]) projects the log on the shown activities so that steps bridge
//! over hidden ones; without the log, the same projection is computed from the variants, which is exact
//! for counts when the document holds every variant. Waiting times of a step that bridges a hidden
//! activity are not known (they would need the events' times), so such edges carry no durations; when
//! variants were capped the map keeps only the edges among shown activities ([`MapCounts`] says which).

use super::process_map::{MapEdge, MapNode, NodeKind, ProcessMap, END, START};
use super::stats::DurationStats;
use super::summary::{DfgRow, Summary};
use crate::import::ImportReport;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Variants the cap left out of [`Summary::variants`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OtherVariants {
    /// How many variants.
    pub variants: u64,
    /// Their cases.
    pub cases: u64,
}

/// Where the aggregates were computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummarySource {
    /// The engine (`duckdb 1.5.6`, `postgres`, or the dialect of a bundle).
    pub engine: String,
    /// What was read (a file, a table, a bundle folder).
    pub input: String,
    /// Whether cases can be listed (never, for a document of aggregates).
    pub drill_down: bool,
    /// Why not, in one sentence for the screen.
    pub drill_down_note: String,
}

/// A summary document: `analyze --json`'s fields, plus what says where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryDocument {
    /// The core analyses.
    #[serde(flatten)]
    pub summary: Summary,
    /// The import report (for a warehouse: rows counted there, and notes on what was assumed).
    pub import: ImportReport,
    /// Variants left out by the cap (absent: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants_other: Option<OtherVariants>,
    /// Where the aggregates were computed (absent for `analyze --json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SummarySource>,
    /// Collections measures, when a mapping was given: an object with the arrays `dso_monthly`,
    /// `dunning`, `disputes`, `cash_application` and `promises`, whose rows have the fields of the
    /// engine's `DsoMonth`, `DunningRow`, `DisputeRow`, `CashApplicationRow` and `PromiseRow` (kept as
    /// JSON: a figure that is not available is `null` there, which those types do not read back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collections: Option<serde_json::Value>,
}

impl SummaryDocument {
    /// Reads a document.
    pub fn from_json(text: &str) -> Result<SummaryDocument, crate::Error> {
        serde_json::from_str(text).map_err(|e| crate::Error::Json {
            what: "summary document",
            message: e.to_string(),
        })
    }

    /// Whether the document holds every variant (then [`summary_map`] projects exactly).
    pub fn has_all_variants(&self) -> bool {
        self.variants_other.is_none_or(|o| o.variants == 0)
            && self.summary.variants.len() as u64 == self.summary.log.variants
    }
}

/// How a summary map's counts were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MapCounts {
    /// Every activity shown: the document's own graph, exact.
    Exact,
    /// Projected from every variant: counts exact, steps bridge hidden activities as on a log;
    /// bridging steps have no waiting times.
    ProjectedFromVariants,
    /// Variants were capped: only the edges among shown activities, no bridging (counts of those
    /// edges exact; cases whose steps pass hidden activities lose those steps).
    ShownEdgesOnly,
}

/// A process map built from a summary document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryMap {
    /// The map (same shape as the engine's; edges without known waiting times have `NaN` durations).
    pub map: ProcessMap,
    /// How its counts were obtained.
    pub counts: MapCounts,
    /// Edges (indices into `map.edges`) whose waiting times are not known.
    pub no_durations: Vec<usize>,
    /// One sentence for the screen.
    pub note: String,
}

/// The document's own edges among the shown activities (`index`: name → node), with the start and end
/// edges of shown activities: exact when every activity is shown.
fn shown_edges(s: &Summary, index: &BTreeMap<&str, usize>) -> Vec<MapEdge> {
    let mut edges = Vec::new();
    for (rows, start) in [(&s.start_activities, true), (&s.end_activities, false)] {
        for r in rows.iter() {
            if let Some(&i) = index.get(r.name.as_str()) {
                let (from, to) = if start { (START, i) } else { (i, END) };
                edges.push(endpoint_edge(from, to, r.cases));
            }
        }
    }
    for e in &s.dfg {
        if let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            edges.push(dfg_edge(a, b, e));
        }
    }
    edges
}

/// The map of a summary document keeping `activity_pct` percent of the activities (most frequent first,
/// at least one), as [`super::process_map`] does on a log.
pub fn summary_map(doc: &SummaryDocument, activity_pct: f64) -> SummaryMap {
    let s = &doc.summary;
    let mut ranked: Vec<&super::summary::ActivityRow> = s.activities.iter().collect();
    crate::values::order::sort_by(&mut ranked, |a, b| {
        b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name))
    });
    let total = ranked.len();
    let keep_n = ((activity_pct.clamp(0.0, 100.0) / 100.0 * total as f64 - 1e-9).ceil() as usize)
        .clamp(total.min(1), total);
    let shown: Vec<&str> = ranked[..keep_n].iter().map(|a| a.name.as_str()).collect();
    let index: BTreeMap<&str, usize> = shown.iter().enumerate().map(|(i, n)| (*n, i + 2)).collect();
    let dfg: BTreeMap<(&str, &str), &DfgRow> = s
        .dfg
        .iter()
        .map(|e| ((e.from.as_str(), e.to.as_str()), e))
        .collect();

    let (counts, node_counts, edges, cases) = if keep_n == total {
        let nodes: Vec<(u64, u64)> = ranked.iter().map(|a| (a.events, a.cases)).collect();
        let edges = shown_edges(s, &index);
        (MapCounts::Exact, nodes, edges, s.log.cases)
    } else if doc.has_all_variants() {
        projected(s, &index, &dfg, keep_n)
    } else {
        let nodes: Vec<(u64, u64)> = ranked[..keep_n]
            .iter()
            .map(|a| (a.events, a.cases))
            .collect();
        let edges = shown_edges(s, &index);
        let starts: u64 = s
            .start_activities
            .iter()
            .filter(|r| index.contains_key(r.name.as_str()))
            .map(|r| r.cases)
            .sum();
        (MapCounts::ShownEdgesOnly, nodes, edges, starts)
    };

    let mut nodes = vec![
        MapNode {
            name: "Start".into(),
            kind: NodeKind::Start,
            events: cases,
            cases,
        },
        MapNode {
            name: "End".into(),
            kind: NodeKind::End,
            events: cases,
            cases,
        },
    ];
    for (name, (events, c)) in shown.iter().zip(node_counts) {
        nodes.push(MapNode {
            name: name.to_string(),
            kind: NodeKind::Activity,
            events,
            cases: c,
        });
    }
    let mut edges = edges;
    crate::values::order::sort_by(&mut edges, |a, b| {
        b.count
            .cmp(&a.count)
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    let no_durations: Vec<usize> = edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.duration.median_s.is_nan())
        .map(|(i, _)| i)
        .collect();
    let events = nodes[2..].iter().map(|n| n.events).sum();
    let note = match counts {
        MapCounts::Exact => "Every activity shown: counts and waiting times as computed where the data lives.".to_string(),
        MapCounts::ProjectedFromVariants => format!(
            "{keep_n} of {total} activities: counts projected from all {} variants (exact); {} step(s) bridging hidden activities have no waiting times (they need the events).",
            s.variants.len(),
            no_durations.len()
        ),
        MapCounts::ShownEdgesOnly => format!(
            "{keep_n} of {total} activities: variants were capped, so steps through hidden activities cannot be bridged; only direct steps among shown activities are drawn."
        ),
    };
    SummaryMap {
        map: ProcessMap {
            nodes,
            edges,
            cases,
            events,
            activities_total: total,
            hidden_cases: s.log.cases.saturating_sub(cases),
        },
        counts,
        no_durations,
        note,
    }
}

fn endpoint_edge(from: usize, to: usize, cases: u64) -> MapEdge {
    MapEdge {
        from,
        to,
        count: cases,
        cases,
        duration: DurationStats::default(),
    }
}

fn dfg_edge(from: usize, to: usize, e: &DfgRow) -> MapEdge {
    MapEdge {
        from,
        to,
        count: e.count,
        cases: e.cases,
        duration: DurationStats {
            count: e.count,
            mean_s: e.mean_s,
            median_s: e.median_s,
            min_s: e.min_s,
            max_s: e.max_s,
            sum_s: e.sum_s,
            p90_s: f64::NAN,
        },
    }
}

/// Node counts, edges and drawn cases of the variants projected on the shown activities.
fn projected(
    s: &Summary,
    index: &BTreeMap<&str, usize>,
    dfg: &BTreeMap<(&str, &str), &DfgRow>,
    keep_n: usize,
) -> (MapCounts, Vec<(u64, u64)>, Vec<MapEdge>, u64) {
    let mut node = vec![(0u64, 0u64); keep_n];
    // (from, to) → (count, cases, bridged occurrences)
    let mut edge: BTreeMap<(usize, usize), (u64, u64, u64)> = BTreeMap::new();
    let mut drawn = 0u64;
    for v in &s.variants {
        let n = v.cases;
        // Positions of shown activities in the full sequence.
        let kept: Vec<(usize, usize)> = v
            .activities
            .iter()
            .enumerate()
            .filter_map(|(p, a)| index.get(a.as_str()).map(|&i| (p, i)))
            .collect();
        let (Some(&(_, first)), Some(&(_, last))) = (kept.first(), kept.last()) else {
            continue;
        };
        drawn += n;
        let mut seen_node = vec![false; keep_n];
        for &(_, i) in &kept {
            node[i - 2].0 += n;
            if !seen_node[i - 2] {
                seen_node[i - 2] = true;
                node[i - 2].1 += n;
            }
        }
        let mut seen_edge: Vec<(usize, usize)> = Vec::new();
        let mut add = |key: (usize, usize), bridged: bool, seen: &mut Vec<(usize, usize)>| {
            let e = edge.entry(key).or_insert((0, 0, 0));
            e.0 += n;
            if bridged {
                e.2 += n;
            }
            if !seen.contains(&key) {
                seen.push(key);
                e.1 += n;
            }
        };
        add((START, first), false, &mut seen_edge);
        add((last, END), false, &mut seen_edge);
        for w in kept.windows(2) {
            let bridged = w[1].0 != w[0].0 + 1;
            add((w[0].1, w[1].1), bridged, &mut seen_edge);
        }
    }
    let names: BTreeMap<usize, &str> = index.iter().map(|(n, i)| (*i, *n)).collect();
    let edges = edge
        .into_iter()
        .map(|((from, to), (count, cases, bridged))| {
            if from == START || to == END {
                return endpoint_edge(from, to, count);
            }
            let direct = names
                .get(&from)
                .zip(names.get(&to))
                .and_then(|(a, b)| dfg.get(&(*a, *b)));
            match direct {
                // Every occurrence is a direct step of the log: its waiting times are the graph's.
                Some(e) if bridged == 0 && e.count == count => MapEdge {
                    cases,
                    ..dfg_edge(from, to, e)
                },
                _ => MapEdge {
                    from,
                    to,
                    count,
                    cases,
                    duration: DurationStats {
                        count,
                        mean_s: f64::NAN,
                        median_s: f64::NAN,
                        min_s: f64::NAN,
                        max_s: f64::NAN,
                        sum_s: f64::NAN,
                        p90_s: f64::NAN,
                    },
                },
            }
        })
        .collect();
    (MapCounts::ProjectedFromVariants, node, edges, drawn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::process_map::tests::edge_rows;
    use crate::analysis::{process_map, summarize};
    use crate::import::{import_bytes, ImportOptions};
    use crate::Selection;

    const LOG: &str = "case,activity,timestamp\n\
        a,Create,2024-01-01T00:00:00Z\na,Check,2024-01-02T00:00:00Z\na,Pay,2024-01-04T00:00:00Z\n\
        b,Create,2024-01-01T00:00:00Z\nb,Pay,2024-01-03T00:00:00Z\n\
        c,Create,2024-01-01T00:00:00Z\nc,Check,2024-01-01T12:00:00Z\nc,Remind,2024-01-05T00:00:00Z\nc,Pay,2024-01-06T00:00:00Z\n\
        d,Check,2024-01-01T00:00:00Z\nd,Pay,2024-01-02T00:00:00Z\n";

    fn doc() -> (crate::log::EventLog, SummaryDocument) {
        let imported = import_bytes(LOG.as_bytes(), ImportOptions::default()).unwrap();
        let sel = Selection::all(&imported.log);
        let mut v = serde_json::to_value(summarize(&imported.log, &sel)).unwrap();
        v["import"] = serde_json::to_value(&imported.report).unwrap();
        let d = SummaryDocument::from_json(&v.to_string()).unwrap();
        (imported.log, d)
    }

    #[test]
    fn analyze_json_reads_back_as_a_document() {
        let (_, d) = doc();
        assert_eq!(d.summary.log.cases, 4);
        assert!(d.has_all_variants());
        assert!(d.source.is_none() && d.variants_other.is_none());
    }

    #[test]
    fn every_position_of_the_slider_matches_the_map_of_the_log() {
        let (log, d) = doc();
        let sel = Selection::all(&log);
        for pct in [100.0, 75.0, 50.0, 25.0] {
            let from_log = process_map(&log, &sel, pct);
            let from_doc = summary_map(&d, pct);
            assert_eq!(edge_rows(&from_doc.map), edge_rows(&from_log), "at {pct} %");
            let nodes = |m: &ProcessMap| {
                m.nodes
                    .iter()
                    .map(|n| (n.name.clone(), n.events, n.cases))
                    .collect::<Vec<_>>()
            };
            assert_eq!(nodes(&from_doc.map), nodes(&from_log), "at {pct} %");
            assert_eq!(from_doc.map.cases, from_log.cases);
            assert_eq!(from_doc.map.hidden_cases, from_log.hidden_cases);
        }
        // All shown: waiting times are the document's graph.
        let full = summary_map(&d, 100.0);
        assert_eq!(full.counts, MapCounts::Exact);
        assert!(full.no_durations.is_empty());
    }

    #[test]
    fn bridging_steps_have_no_waiting_times_and_direct_ones_keep_theirs() {
        let (_, d) = doc();
        // 3 of 4 activities: Remind (1 event) hidden; c's Check → Remind → Pay becomes Check → Pay.
        let m = summary_map(&d, 75.0);
        assert_eq!(m.counts, MapCounts::ProjectedFromVariants);
        let name = |i: usize| m.map.nodes[i].name.as_str();
        let check_pay = m
            .map
            .edges
            .iter()
            .position(|e| name(e.from) == "Check" && name(e.to) == "Pay")
            .unwrap();
        assert_eq!(m.map.edges[check_pay].count, 3);
        assert!(m.no_durations.contains(&check_pay));
        // Create → Pay happens only directly (case b): 2 days.
        let create_pay = m
            .map
            .edges
            .iter()
            .find(|e| name(e.from) == "Create" && name(e.to) == "Pay")
            .unwrap();
        assert_eq!(create_pay.duration.median_s, 172_800.0);
    }

    #[test]
    fn capped_variants_keep_only_edges_among_shown_activities() {
        let (_, mut d) = doc();
        d.summary.variants.truncate(1);
        d.variants_other = Some(OtherVariants {
            variants: 3,
            cases: 3,
        });
        assert!(!d.has_all_variants());
        let m = summary_map(&d, 75.0);
        assert_eq!(m.counts, MapCounts::ShownEdgesOnly);
        let name = |i: usize| m.map.nodes[i].name.as_str();
        // Check → Pay is drawn with its direct count only (cases a and d), not c's bridged step.
        let check_pay = m
            .map
            .edges
            .iter()
            .find(|e| name(e.from) == "Check" && name(e.to) == "Pay")
            .unwrap();
        assert_eq!(check_pay.count, 2);
        assert!(m.note.contains("capped"));
    }
}
