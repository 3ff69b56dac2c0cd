//! Performance filters: case duration and number of events.

use super::Selection;
use crate::log::EventLog;

/// Cases whose duration (first to last selected event) is within `[min_s, max_s]`.
pub fn duration(
    log: &EventLog,
    sel: &Selection,
    min_s: Option<f64>,
    max_s: Option<f64>,
) -> Selection {
    let t = log.times();
    Selection::from_fn(log, |c| {
        sel.contains(c) && {
            let r = sel.events(log, c);
            let d = (t[r.end - 1] - t[r.start]) as f64 / 1000.0;
            min_s.is_none_or(|m| d >= m) && max_s.is_none_or(|m| d <= m)
        }
    })
}

/// Cases with a number of selected events within `[min, max]`.
pub fn event_count(
    log: &EventLog,
    sel: &Selection,
    min: Option<u64>,
    max: Option<u64>,
) -> Selection {
    Selection::from_fn(log, |c| {
        sel.contains(c) && {
            let n = sel.events(log, c).len() as u64;
            min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
        }
    })
}
