//! The worker's side of the overview: counts, case durations, the case-duration histogram and events
//! per week (each bar or week a filter), the activities table.

use super::protocol::{Overview, Request};
use super::weekly_chart::weekly_chart;
use crate::charts;
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::analysis::{self, case_durations_ms, duration_histogram};
use relance_engine::{EventLog, Selection};

/// Answers the overview request.
pub fn answer(session: &mut Session, _req: Request) -> Result<Reply<Overview>, String> {
    let (log, sel) = session.cases()?;
    Ok(Reply::Feature(overview(log, sel)))
}

fn overview(log: &EventLog, sel: &Selection) -> Overview {
    let s = analysis::summarize(log, sel);
    let durations: Vec<i64> = case_durations_ms(log, sel)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    let times = log.times();
    let mut week_counts: Vec<(i64, u64)> = Vec::new();
    {
        let mut weeks: std::collections::BTreeMap<i64, u64> = std::collections::BTreeMap::new();
        const WEEK: i64 = 7 * 86_400_000;
        for (_, r) in sel.cases(log) {
            for &t in &times[r] {
                // Weeks start on Monday: 1970-01-05 was a Monday.
                let w = (t - 4 * 86_400_000).div_euclid(WEEK) * WEEK + 4 * 86_400_000;
                *weeks.entry(w).or_default() += 1;
            }
        }
        week_counts.extend(weeks);
    }
    let mut resources = vec![false; log.resource_count()];
    for (_, r) in sel.cases(log) {
        for res in log.resources()[r].iter().filter(|r| r.is_some()) {
            if let Some(seen) = resources.get_mut(res.0 as usize) {
                *seen = true;
            }
        }
    }
    let histogram = duration_histogram(&durations, 40, true);
    Overview {
        total_cases: log.case_count() as u64,
        resources: resources.iter().filter(|&&x| x).count() as u64,
        durations: charts::duration_histogram_chart(&histogram, &t!("chart-cases"), 640, 260),
        weekly: weekly_chart(&week_counts, 640, 260),
        activities_table: s
            .activities
            .iter()
            .map(|a| (a.name.clone(), a.events, a.cases))
            .collect(),
        log: s.log,
        case_duration_s: s.case_duration_s,
    }
}
