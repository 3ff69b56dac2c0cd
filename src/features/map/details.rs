//! The details of a map edge or activity: counts, waiting times and a duration histogram from the
//! log's selection, or what a summary document holds for them.

use super::protocol::Detail;
use crate::charts;
use crate::core::format;
use relance_engine::analysis::{self, dfg, duration_histogram, DurationStats, SummaryDocument};
use relance_engine::{EventLog, Selection};

fn fmt_days(s: f64) -> String {
    format::duration(s)
}

fn stats_lines(d: &DurationStats) -> Vec<(String, String)> {
    vec![
        (t!("detail-median-wait"), fmt_days(d.median_s)),
        (t!("detail-mean-wait"), fmt_days(d.mean_s)),
        (t!("detail-p90"), fmt_days(d.p90_s)),
        (t!("detail-shortest"), fmt_days(d.min_s)),
        (t!("detail-longest"), fmt_days(d.max_s)),
        (t!("detail-total"), fmt_days(d.sum_s)),
    ]
}

pub fn edge_detail(
    log: &EventLog,
    sel: &Selection,
    from: Option<&str>,
    to: Option<&str>,
    _stat: analysis::Stat,
) -> Detail {
    let (start, end) = (t!("map-start"), t!("map-end"));
    let title = format!("{} → {}", from.unwrap_or(&start), to.unwrap_or(&end));
    let (a, b) = (
        from.and_then(|n| log.find_activity(n)),
        to.and_then(|n| log.find_activity(n)),
    );
    let (Some(a), Some(b)) = (a, b) else {
        // An edge from the map's start or to its end: how many cases begin or end there.
        let g = dfg(log, sel);
        let n = match (from, a, to, b) {
            (None, _, Some(_), Some(b)) => g.activities[b.index()].starts,
            (Some(_), Some(a), None, _) => g.activities[a.index()].ends,
            _ => 0,
        };
        return Detail {
            title,
            lines: vec![(t!("detail-cases"), format::count(n))],
            histogram: None,
            histogram_svg: None,
        };
    };
    let mut durations = analysis::dfg::edge_durations(log, sel, a, b);
    let cases = analysis::dfg::cases_with_edge(log, sel, a, b).len();
    let hist = duration_histogram(&durations, 24, true);
    let stats = DurationStats::from_ms(&mut durations);
    let mut lines = vec![
        (t!("detail-occurrences"), format::count(stats.count)),
        (t!("detail-cases"), format::count(cases as u64)),
    ];
    lines.extend(stats_lines(&stats));
    Detail {
        title,
        lines,
        histogram_svg: Some(charts::duration_histogram_svg(
            &hist,
            &t!("chart-steps"),
            300,
            150,
        )),
        histogram: Some(hist),
    }
}

pub fn node_detail(log: &EventLog, sel: &Selection, name: &str) -> Detail {
    let Some(a) = log.find_activity(name) else {
        return Detail {
            title: name.to_string(),
            lines: Vec::new(),
            histogram: None,
            histogram_svg: None,
        };
    };
    let g = dfg(log, sel);
    let f = g.activities[a.index()];
    // Waiting time before the activity: from the previous event of the same case.
    let (acts, times) = (log.activities(), log.times());
    let mut waits = Vec::new();
    let mut resources: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
    for (_, r) in sel.cases(log) {
        for i in r.clone() {
            if acts[i] == a {
                if i > r.start {
                    waits.push(times[i] - times[i - 1]);
                }
                if let Some(res) = log.resource_name(log.resources()[i]) {
                    *resources.entry(res.to_string()).or_default() += 1;
                }
            }
        }
    }
    let hist = duration_histogram(&waits, 24, true);
    let stats = DurationStats::from_ms(&mut waits);
    let mut lines = vec![
        (t!("detail-events"), format::count(f.events)),
        (t!("detail-cases"), format::count(f.cases)),
        (t!("detail-starts"), format::count(f.starts)),
        (t!("detail-ends"), format::count(f.ends)),
    ];
    lines.extend(
        stats_lines(&stats)
            .into_iter()
            .take(3)
            .map(|(k, v)| (t!("detail-before", what = k), v)),
    );
    let mut top: Vec<(String, u64)> = resources.into_iter().collect();
    relance_engine::values::order::sort_by(&mut top, |x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    for (r, n) in top.into_iter().take(5) {
        lines.push((t!("detail-by", resource = r), format::count(n)));
    }
    Detail {
        title: name.to_string(),
        lines,
        histogram_svg: Some(charts::duration_histogram_svg(
            &hist,
            &t!("chart-events"),
            300,
            150,
        )),
        histogram: Some(hist),
    }
}

/// An activity's figures from the document.
pub fn summary_node_detail(doc: &SummaryDocument, name: String) -> Detail {
    let lines = match doc.summary.activities.iter().find(|a| a.name == name) {
        Some(a) => vec![
            (t!("detail-events"), format::count(a.events)),
            (t!("detail-cases"), format::count(a.cases)),
        ],
        None => Vec::new(),
    };
    Detail {
        title: name,
        lines,
        histogram: None,
        histogram_svg: None,
    }
}

/// An edge's figures from the document: its row of the directly-follows graph, or the cases starting
/// or ending there. An edge that bridges hidden activities has no row: its waiting times are not known.
pub fn summary_edge_detail(
    doc: &SummaryDocument,
    from: Option<String>,
    to: Option<String>,
) -> Detail {
    let s = &doc.summary;
    let (start, end) = (t!("map-start"), t!("map-end"));
    let title = format!(
        "{} → {}",
        from.as_deref().unwrap_or(&start),
        to.as_deref().unwrap_or(&end)
    );
    let d = format::duration;
    let lines = match (from.as_deref(), to.as_deref()) {
        (None, Some(b)) => s
            .start_activities
            .iter()
            .find(|r| r.name == b)
            .map(|r| vec![(t!("detail-cases"), format::count(r.cases))]),
        (Some(a), None) => s
            .end_activities
            .iter()
            .find(|r| r.name == a)
            .map(|r| vec![(t!("detail-cases"), format::count(r.cases))]),
        (Some(a), Some(b)) => s.dfg.iter().find(|e| e.from == a && e.to == b).map(|e| {
            vec![
                (t!("detail-occurrences"), format::count(e.count)),
                (t!("detail-cases"), format::count(e.cases)),
                (t!("detail-median-wait"), d(e.median_s)),
                (t!("detail-mean-wait"), d(e.mean_s)),
                (t!("detail-shortest"), d(e.min_s)),
                (t!("detail-longest"), d(e.max_s)),
                (t!("detail-total"), d(e.sum_s)),
            ]
        }),
        (None, None) => None,
    };
    Detail {
        title,
        lines: lines.unwrap_or_else(|| vec![(t!("detail-note"), t!("summary-bridging-edge"))]),
        histogram: None,
        histogram_svg: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::log_of;

    #[test]
    fn an_activity_named_start_is_not_the_maps_start() {
        // BPMN-made logs often name activities "Start" and "End" (audit §5, map naming).
        let csv =
            "case,activity,timestamp\n1,Start,2024-01-01\n1,End,2024-01-02\n2,Start,2024-01-01\n";
        let log = log_of(csv);
        let sel = Selection::all(&log);
        let d = edge_detail(&log, &sel, None, Some("Start"), analysis::Stat::Median);
        assert_eq!(d.lines, vec![("Cases".to_string(), "2".to_string())]);
        let d = edge_detail(
            &log,
            &sel,
            Some("Start"),
            Some("End"),
            analysis::Stat::Median,
        );
        assert_eq!(d.lines[0], ("Occurrences".to_string(), "1".to_string()));
        let d = edge_detail(&log, &sel, Some("End"), None, analysis::Stat::Median);
        assert_eq!(d.lines, vec![("Cases".to_string(), "1".to_string())]);
    }
}
