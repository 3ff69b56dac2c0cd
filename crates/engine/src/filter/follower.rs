//! Follower filter: `A` followed by `B`, directly (the next event) or eventually (any later event),
//! optionally with the time between them at most `within` and at least `after`.

use super::groups::StepGroups;
use super::Selection;
use crate::log::EventLog;
use crate::validate::{to_ms, Unit};

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
    // Saturating: a filter that skipped `ViewFile::from_json`'s checks cannot overflow `t - w`
    // (negative and NaN durations count as 0).
    let within = within_s.map(|s| to_ms(s, Unit::Seconds));
    let after = after_s.map(|s| to_ms(s, Unit::Seconds));
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
                let lo = within.map_or(i64::MIN, |w| t[i].saturating_sub(w));
                let hi = after.map_or(i64::MAX, |x| t[i].saturating_sub(x));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    #[test]
    fn absurd_durations_cannot_overflow() {
        // A filter that skipped the view file's checks (built in code or sent to the web worker). These
        // used to overflow `t - w`: a panic in debug builds, an inverted window in release.
        let csv = "case,activity,timestamp\na,A,2024-01-01\na,B,2024-01-03\nb,A,1950-01-01\nb,B,1950-01-02\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let all = Selection::all(&log);
        let count = |within: Option<f64>, after: Option<f64>| {
            matching(&log, &all, "A", "B", false, within, after)
                .cases(&log)
                .count()
        };
        // Negative and NaN durations count as 0; huge ones as ten thousand years.
        assert_eq!(count(Some(-1e300), None), 0);
        assert_eq!(count(Some(f64::NAN), None), 0);
        assert_eq!(count(Some(1e300), None), 2);
        assert_eq!(count(None, Some(1e300)), 0);
        assert_eq!(count(None, Some(-1e300)), 2);
        assert_eq!(count(Some(f64::INFINITY), Some(0.0)), 2);
    }
}
