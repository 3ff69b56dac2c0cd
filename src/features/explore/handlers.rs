//! The worker's side of explore: the heatmaps (steps by impact, the slowest steps split by an attribute
//! or the resource, weekday × hour, resource × activity), the cases behind a cell, the dotted chart
//! (rows ordered by an attribute numerically when it holds numbers) and a case's timeline.

use super::protocol::{Answer, Bottlenecks, HeatCell, Request};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::analysis::{bottleneck, timeline};
use relance_engine::{EventLog, Selection};

/// Answers an explore request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    let (log, sel) = session.cases()?;
    Ok(match req {
        Request::Bottlenecks { by, calendar } => Reply::Feature(Answer::Bottlenecks(Box::new(
            bottlenecks(log, sel, by, calendar),
        ))),
        Request::CellCases { cell } => {
            let (label, ids) = cell_cases(log, sel, &cell);
            Reply::cases(label, ids)
        }
        Request::Dotted { order, relative } => Reply::Feature(Answer::Dotted(Box::new(
            dotted_chart(log, sel, &order, relative, 100_000),
        ))),
        Request::Case { id, index, step } => {
            let base = match (&id, index) {
                (Some(id), _) => log.find_case(id.trim()),
                (None, Some(i)) if (i as usize) < log.case_count() => Some(i as usize),
                _ => None,
            };
            let case = match (base, step) {
                (b, 0) if b.is_some() => b,
                (None, 0) => timeline::neighbour(log, sel, None, 1),
                (b, s) => timeline::neighbour(log, sel, b, s),
            };
            let found = case.map(|c| Box::new(timeline::timeline(log, sel, c)));
            Reply::Feature(Answer::Case(found))
        }
    })
}

/// The heatmaps; the breakdown splits the 12 slowest steps.
fn bottlenecks(
    log: &EventLog,
    sel: &Selection,
    by: Option<bottleneck::GroupBy>,
    calendar: bottleneck::CalendarMeasure,
) -> Bottlenecks {
    let mut transitions = bottleneck::transitions(log, sel, None);
    let breakdown = match &by {
        None => Vec::new(),
        Some(g) => {
            let slowest: Vec<(String, String)> = transitions
                .iter()
                .take(12)
                .map(|t| (t.from.clone(), t.to.clone()))
                .collect();
            bottleneck::transitions(log, sel, Some(g))
                .into_iter()
                .filter(|t| slowest.iter().any(|(f, to)| *f == t.from && *to == t.to))
                .collect()
        }
    };
    transitions.truncate(400);
    let mut resource_activity = bottleneck::resource_activity(log, sel);
    resource_activity.truncate(400);
    Bottlenecks {
        transitions,
        breakdown,
        by,
        calendar: bottleneck::calendar(log, sel, calendar),
        resource_activity,
        attributes: log.attributes().iter().map(|a| a.name.clone()).collect(),
    }
}

/// The selected cases with an event in a heatmap cell, and the cell in words.
fn cell_cases(log: &EventLog, sel: &Selection, cell: &HeatCell) -> (String, Vec<String>) {
    let (acts, res) = (log.activities(), log.resources());
    let mut ids = Vec::new();
    for (c, r) in sel.cases(log) {
        let hit = match cell {
            HeatCell::Calendar { weekday, hour } => r.clone().any(|e| {
                let local = log.local_time(e);
                relance_engine::calendar::weekday(local) == *weekday
                    && relance_engine::calendar::hour_of_day(local) == *hour
            }),
            HeatCell::ResourceActivity { resource, activity } => (r.start..r.end.saturating_sub(1))
                .any(|e| {
                    log.resource_name(res[e]) == Some(resource.as_str())
                        && log.activity_name(acts[e]) == activity
                }),
        };
        if hit {
            ids.push(log.case_id(c).to_string());
        }
    }
    let label = match cell {
        HeatCell::Calendar { weekday, hour } => format!("weekday {weekday}, {hour}:00"),
        HeatCell::ResourceActivity { resource, activity } => format!("{activity} by {resource}"),
    };
    (label, ids)
}

/// The dotted chart, with rows ordered by an attribute numerically when all its values are numbers
/// (amounts: 200 before 1000), and as text otherwise.
pub fn dotted_chart(
    log: &EventLog,
    sel: &Selection,
    order: &timeline::DottedOrder,
    relative: bool,
    limit: usize,
) -> timeline::DottedChart {
    let timeline::DottedOrder::Attribute { name } = order else {
        return timeline::dotted(log, sel, order, relative, limit);
    };
    let Some(attr) = log.attribute(name) else {
        return timeline::dotted(log, sel, order, relative, limit);
    };
    // Every row, by case start (then case index, the engine's tie-break), then a stable sort on the key.
    let all = timeline::dotted(
        log,
        sel,
        &timeline::DottedOrder::Start,
        relative,
        usize::MAX,
    );
    let mut keys = Vec::with_capacity(all.row_case.len());
    for &c in &all.row_case {
        let v = log.case_value(attr, c as usize);
        if v.is_missing() {
            keys.push(f64::NAN);
            continue;
        }
        match v.as_number().filter(|x| x.is_finite()) {
            Some(x) => keys.push(x),
            None => return timeline::dotted(log, sel, order, relative, limit),
        }
    }
    let mut rows: Vec<usize> = (0..all.row_case.len()).collect();
    // Cases without a value come last.
    rows.sort_by(|&a, &b| match (keys[a].is_nan(), keys[b].is_nan()) {
        (false, false) => keys[a].total_cmp(&keys[b]),
        (x, y) => x.cmp(&y),
    });
    let omitted = rows.len().saturating_sub(limit) as u64;
    rows.truncate(limit);
    // Absolute times start at the earliest case start among the rows kept.
    let shift = if relative {
        0.0
    } else {
        rows.iter()
            .map(|&r| all.dot_time[all.row_start[r] as usize])
            .fold(f64::INFINITY, f64::min)
    };
    let shift = if shift.is_finite() { shift } else { 0.0 };
    let mut out = timeline::DottedChart {
        activities: all.activities.clone(),
        t0_ms: all.t0_ms + (shift * 1000.0).round() as i64,
        relative,
        omitted,
        ..Default::default()
    };
    for r in rows {
        out.row_case.push(all.row_case[r]);
        out.row_start.push(out.dot_time.len() as u32);
        for k in all.row_start[r] as usize..all.row_start[r + 1] as usize {
            let t = all.dot_time[k] - shift;
            out.t_max = out.t_max.max(t);
            out.dot_time.push(t);
            out.dot_activity.push(all.dot_activity[k]);
        }
    }
    out.row_start.push(out.dot_time.len() as u32);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::log_of;

    #[test]
    fn dotted_rows_sort_numbers_as_numbers() {
        let csv = "case,activity,timestamp,amount\n\
            a,x,2024-01-01T00:00:00Z,1000\nb,x,2024-01-02T00:00:00Z,200\n\
            c,x,2024-01-03T00:00:00Z,\nd,x,2024-01-04T00:00:00Z,30.5\ne,x,2024-01-05T00:00:00Z,-4\n";
        let log = log_of(csv);
        let sel = Selection::all(&log);
        let order = timeline::DottedOrder::Attribute {
            name: "amount".into(),
        };
        let ids = |d: &timeline::DottedChart| {
            d.row_case
                .iter()
                .map(|&c| log.case_id(c as usize).to_string())
                .collect::<Vec<_>>()
        };
        let d = dotted_chart(&log, &sel, &order, false, 10);
        assert_eq!(ids(&d), ["e", "d", "b", "a", "c"]);
        assert_eq!(d.row_start, [0, 1, 2, 3, 4, 5]);
        // Limited to 2 rows: the two smallest, with times from the earliest of them.
        let d = dotted_chart(&log, &sel, &order, false, 2);
        assert_eq!(ids(&d), ["e", "d"]);
        assert_eq!(d.omitted, 3);
        assert_eq!(d.dot_time, [86_400.0, 0.0]);
        assert_eq!(d.t_max, 86_400.0);
    }
}
