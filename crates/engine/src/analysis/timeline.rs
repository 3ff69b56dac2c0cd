//! One case in detail (the case explorer) and the dotted chart of many.

use crate::calendar::format_iso_utc;
use crate::filter::Selection;
use crate::log::{CaseIdx, EventLog, Scope};
use serde::{Deserialize, Serialize};

/// One event of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// Activity.
    pub activity: String,
    /// Instant, ISO-8601 UTC.
    pub time: String,
    /// Offset written in the file (`+02:00`), if any.
    pub offset: Option<String>,
    /// Resource.
    pub resource: Option<String>,
    /// Wait since the previous event of the case, seconds.
    pub wait_s: Option<f64>,
    /// Event attributes present on this event.
    pub attributes: Vec<(String, String)>,
}

/// A case with all its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseTimeline {
    /// Case id.
    pub id: String,
    /// Internal index (for next/previous).
    pub index: u32,
    /// Position among the selected cases (1-based), if selected.
    pub position: Option<u64>,
    /// Selected cases.
    pub selected: u64,
    /// Duration, seconds.
    pub duration_s: f64,
    /// Case attributes.
    pub attributes: Vec<(String, String)>,
    /// Events in time order (all of them, even when a filter trimmed some).
    pub events: Vec<TimelineEvent>,
}

/// The timeline of a case.
pub fn timeline(log: &EventLog, sel: &Selection, case: CaseIdx) -> CaseTimeline {
    let r = log.case_events(case);
    let times = log.times();
    let events = r
        .clone()
        .map(|e| TimelineEvent {
            activity: log.activity_name(log.activities()[e]).to_string(),
            time: format_iso_utc(times[e]),
            offset: log.offset_minutes(e).map(|m| {
                format!(
                    "{}{:02}:{:02}",
                    if m < 0 { '-' } else { '+' },
                    m.abs() / 60,
                    m.abs() % 60
                )
            }),
            resource: log.resource_name(log.resources()[e]).map(str::to_string),
            wait_s: (e > r.start).then(|| (times[e] - times[e - 1]) as f64 / 1000.0),
            attributes: log
                .attributes()
                .iter()
                .filter(|a| a.scope == Scope::Event)
                .map(|a| (a.name.clone(), a.get(e)))
                .filter(|(_, v)| !v.is_missing())
                .map(|(n, v)| (n, v.display()))
                .collect(),
        })
        .collect();
    let position = sel
        .contains(case)
        .then(|| sel.cases(log).take_while(|(c, _)| *c != case).count() as u64 + 1);
    CaseTimeline {
        id: log.case_id(case).to_string(),
        index: case as u32,
        position,
        selected: sel.len() as u64,
        duration_s: (times[r.end - 1] - times[r.start]) as f64 / 1000.0,
        attributes: log
            .attributes()
            .iter()
            .filter(|a| a.scope == Scope::Case)
            .map(|a| (a.name.clone(), a.get(case)))
            .filter(|(_, v)| !v.is_missing())
            .map(|(n, v)| (n, v.display()))
            .collect(),
        events,
    }
}

/// The selected case after (`step > 0`) or before (`step < 0`) `case`, wrapping around; the first
/// selected case when `case` is `None`.
pub fn neighbour(
    log: &EventLog,
    sel: &Selection,
    case: Option<CaseIdx>,
    step: i32,
) -> Option<CaseIdx> {
    let n = log.case_count();
    if sel.is_empty() || n == 0 {
        return None;
    }
    let Some(start) = case else {
        return sel.cases(log).next().map(|(c, _)| c);
    };
    let mut c = start;
    for _ in 0..n {
        c = if step >= 0 {
            (c + 1) % n
        } else {
            (c + n - 1) % n
        };
        if sel.contains(c) {
            return Some(c);
        }
    }
    None
}

/// How the dotted chart orders its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum DottedOrder {
    /// By first event.
    Start,
    /// By duration, longest first.
    Duration,
    /// By an attribute's case value, then start.
    Attribute {
        /// Attribute name.
        name: String,
    },
}

/// A dotted chart: one row per case, one dot per event.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DottedChart {
    /// Case index of each row.
    pub row_case: Vec<u32>,
    /// Where each row's dots start in `dot_time` (one more entry than rows).
    pub row_start: Vec<u32>,
    /// Dot times: seconds since `t0` (absolute) or since the case start (relative).
    pub dot_time: Vec<f64>,
    /// Dot activity (index into `activities`).
    pub dot_activity: Vec<u32>,
    /// Activity names.
    pub activities: Vec<String>,
    /// Origin of absolute times (UTC ms).
    pub t0_ms: i64,
    /// Largest dot time.
    pub t_max: f64,
    /// Whether times are relative to each case's start.
    pub relative: bool,
    /// Rows left out beyond the limit.
    pub omitted: u64,
}

/// The dotted chart of the selection, at most `limit` rows (the first ones in `order`).
pub fn dotted(
    log: &EventLog,
    sel: &Selection,
    order: &DottedOrder,
    relative: bool,
    limit: usize,
) -> DottedChart {
    let times = log.times();
    let mut rows: Vec<(usize, std::ops::Range<usize>)> =
        sel.cases(log).filter(|(_, r)| !r.is_empty()).collect();
    match order {
        DottedOrder::Start => rows.sort_by_key(|(c, r)| (times[r.start], *c)),
        DottedOrder::Duration => {
            rows.sort_by_key(|(c, r)| (std::cmp::Reverse(times[r.end - 1] - times[r.start]), *c))
        }
        DottedOrder::Attribute { name } => {
            let attr = log.attribute(name);
            let key = |c: usize| {
                attr.map(|a| log.case_value(a, c).display())
                    .unwrap_or_default()
            };
            let mut keyed: Vec<(String, i64, usize, std::ops::Range<usize>)> = rows
                .into_iter()
                .map(|(c, r)| (key(c), times[r.start], c, r))
                .collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            rows = keyed.into_iter().map(|(_, _, c, r)| (c, r)).collect();
        }
    }
    let omitted = rows.len().saturating_sub(limit) as u64;
    rows.truncate(limit);
    let t0 = rows.iter().map(|(_, r)| times[r.start]).min().unwrap_or(0);
    let mut out = DottedChart {
        activities: log.activity_names().map(str::to_string).collect(),
        t0_ms: t0,
        relative,
        omitted,
        ..Default::default()
    };
    for (c, r) in rows {
        out.row_case.push(c as u32);
        out.row_start.push(out.dot_time.len() as u32);
        let origin = if relative { times[r.start] } else { t0 };
        for e in r {
            let t = (times[e] - origin) as f64 / 1000.0;
            out.t_max = out.t_max.max(t);
            out.dot_time.push(t);
            out.dot_activity.push(log.activities()[e].0);
        }
    }
    out.row_start.push(out.dot_time.len() as u32);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    fn log() -> EventLog {
        let csv = "case,activity,timestamp,amount,case:region\n\
            a,x,2024-01-02T10:00:00+02:00,5,North\na,y,2024-01-05T10:00:00+02:00,,North\n\
            b,x,2024-01-01T00:00:00Z,7,South\nb,y,2024-01-01T01:00:00Z,,South\n\
            c,x,2024-01-03T00:00:00Z,1,Alps\n";
        import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log
    }

    #[test]
    fn timeline_has_waits_offsets_and_attributes() {
        let log = log();
        let sel = Selection::all(&log);
        let t = timeline(&log, &sel, 0);
        assert_eq!(t.id, "a");
        assert_eq!(t.position, Some(1));
        assert_eq!(t.events.len(), 2);
        assert_eq!(t.events[0].offset.as_deref(), Some("+02:00"));
        assert_eq!(t.events[1].wait_s, Some(3.0 * 86400.0));
        assert_eq!(
            t.events[0].attributes,
            [("amount".to_string(), "5".to_string())]
        );
        assert_eq!(t.attributes, [("region".to_string(), "North".to_string())]);
    }

    #[test]
    fn next_and_previous_within_the_selection() {
        let log = log();
        let sel = Selection::from_fn(&log, |c| c != 1);
        assert_eq!(neighbour(&log, &sel, None, 1), Some(0));
        assert_eq!(neighbour(&log, &sel, Some(0), 1), Some(2));
        assert_eq!(neighbour(&log, &sel, Some(2), 1), Some(0));
        assert_eq!(neighbour(&log, &sel, Some(0), -1), Some(2));
    }

    #[test]
    fn dotted_orders_and_limits() {
        let log = log();
        let sel = Selection::all(&log);
        let d = dotted(&log, &sel, &DottedOrder::Start, false, 10);
        assert_eq!(d.row_case, [1, 0, 2]);
        assert_eq!(d.row_start, [0, 2, 4, 5]);
        assert_eq!(d.dot_time[1], 3600.0);
        let by_duration = dotted(&log, &sel, &DottedOrder::Duration, true, 2);
        assert_eq!(by_duration.row_case, [0, 1]);
        assert_eq!(by_duration.omitted, 1);
        assert_eq!(by_duration.dot_time[1], 3.0 * 86400.0);
        let by_region = dotted(
            &log,
            &sel,
            &DottedOrder::Attribute {
                name: "region".into(),
            },
            false,
            10,
        );
        assert_eq!(by_region.row_case, [2, 0, 1]);
    }
}
