//! Follower filter: `A` followed by `B`, directly (the next event) or eventually (any later event),
//! optionally with the time between them at most `within` and at least `after`.

use super::Selection;
use crate::analysis::bottleneck::StepGroups;
use crate::log::EventLog;

/// Cases with a qualifying `from` → `to` pair among their selected events.
pub fn matching(
    log: &EventLog,
    sel: &Selection,
    from: &str,
    to: &str,
    directly: bool,
    within_s: Option<f64>,
    after_s: Option<f64>,
) -> Selection {
    let (Some(a), Some(b)) = (log.find_activity(from), log.find_activity(to)) else {
        return Selection::from_fn(log, |_| false);
    };
    let (acts, t) = (log.activities(), log.times());
    let within = within_s.map(|s| (s * 1000.0).round() as i64);
    let after = after_s.map(|s| (s * 1000.0).round() as i64);
    let gap_ok = |g: i64| within.is_none_or(|w| g <= w) && after.is_none_or(|x| g >= x);
    let mut froms: Vec<i64> = Vec::new();
    Selection::from_fn(log, |c| {
        if !sel.contains(c) {
            return false;
        }
        let r = sel.events(log, c);
        if directly {
            return (r.start..r.end.saturating_sub(1))
                .any(|i| acts[i] == a && acts[i + 1] == b && gap_ok(t[i + 1] - t[i]));
        }
        // Eventually: some earlier `from` at a time in [t_to - within, t_to - after].
        froms.clear();
        for i in r {
            if acts[i] == b && !froms.is_empty() {
                let lo = within.map_or(i64::MIN, |w| t[i] - w);
                let hi = after.map_or(i64::MAX, |x| t[i] - x);
                let k = froms.partition_point(|&f| f < lo);
                if froms.get(k).is_some_and(|&f| f <= hi) {
                    return true;
                }
            }
            if acts[i] == a {
                froms.push(t[i]);
            }
        }
        false
    })
}

/// Cases with a selected step `from` → `to` (directly), in `group` when given.
pub fn step(
    log: &EventLog,
    sel: &Selection,
    from: &str,
    to: &str,
    group: Option<&super::StepGroup>,
) -> Selection {
    let (Some(a), Some(b)) = (log.find_activity(from), log.find_activity(to)) else {
        return Selection::from_fn(log, |_| false);
    };
    let grouping =
        group.and_then(|g| StepGroups::new(log, sel, Some(&g.by)).map(|s| (s, &g.value)));
    if group.is_some() && grouping.is_none() {
        return Selection::from_fn(log, |_| false);
    }
    let acts = log.activities();
    Selection::from_fn(log, |c| {
        if !sel.contains(c) {
            return false;
        }
        let r = sel.events(log, c);
        (r.start..r.end.saturating_sub(1)).any(|i| {
            acts[i] == a
                && acts[i + 1] == b
                && grouping
                    .as_ref()
                    .is_none_or(|(g, value)| g.of(c, i + 1) == **value)
        })
    })
}
