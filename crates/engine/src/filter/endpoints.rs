//! Endpoint and activity-presence filters.

use super::Selection;
use crate::log::{ActivityId, EventLog};

fn ids(log: &EventLog, names: &[String]) -> Vec<ActivityId> {
    names.iter().filter_map(|n| log.find_activity(n)).collect()
}

/// Cases starting with one of `starts` and ending with one of `ends` (an empty list accepts any).
pub fn matching(log: &EventLog, sel: &Selection, starts: &[String], ends: &[String]) -> Selection {
    let (s, e) = (ids(log, starts), ids(log, ends));
    let acts = log.activities();
    Selection::from_fn(log, |c| {
        sel.contains(c) && {
            let r = sel.events(log, c);
            (starts.is_empty() || s.contains(&acts[r.start]))
                && (ends.is_empty() || e.contains(&acts[r.end - 1]))
        }
    })
}

/// Cases with at least one selected event of one of the activities.
pub fn with_activities(log: &EventLog, sel: &Selection, names: &[String]) -> Selection {
    let wanted = ids(log, names);
    let acts = log.activities();
    Selection::from_fn(log, |c| {
        sel.contains(c) && acts[sel.events(log, c)].iter().any(|a| wanted.contains(a))
    })
}
