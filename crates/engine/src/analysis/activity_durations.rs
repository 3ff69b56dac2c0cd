//! Service times: how long each activity's events took, for logs with a start-timestamp column.
//!
//! Definition: an event's service time is its instant (the completion timestamp) minus its start
//! instant, the definition of pm4py's `get_service_time` (`start_timestamp` to `time:timestamp`). Only
//! selected events with a start count; the import leaves a start after its event's end empty (and says
//! so), so every service time is zero or more. Per activity: its selected events, how many of them have
//! a start, and numpy-style statistics of their service times in seconds ([`DurationStats`]). An activity
//! none of whose events has a start has no statistics (`None`: not available, no start time), never 0.
//!
//! Rows come by events with a start (the figures' sample size), then events, then name.

use super::stats::DurationStats;
use crate::filter::Selection;
use crate::log::columns::MISSING_TIME;
use crate::log::{ActivityId, EventLog};
use serde::{Deserialize, Serialize};

/// Service times of one activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityDuration {
    /// Activity name.
    pub activity: String,
    /// Selected events of the activity.
    pub events: u64,
    /// Those with a start time: the durations behind the statistics.
    pub with_start: u64,
    /// numpy-style median service time; `None` without a start time.
    pub median_s: Option<f64>,
    /// Mean service time.
    pub mean_s: Option<f64>,
    /// 90th percentile (linear interpolation).
    pub p90_s: Option<f64>,
    /// Shortest.
    pub min_s: Option<f64>,
    /// Longest.
    pub max_s: Option<f64>,
}

/// Service times per activity of the selected events (empty when the log has no start times).
pub fn activity_durations(log: &EventLog, sel: &Selection) -> Vec<ActivityDuration> {
    let Some(starts) = log.start_times() else {
        return Vec::new();
    };
    let (acts, times) = (log.activities(), log.times());
    let mut events = vec![0u64; log.activity_count()];
    let mut durations: Vec<Vec<i64>> = vec![Vec::new(); log.activity_count()];
    for (_, range) in sel.cases(log) {
        for e in range {
            let a = acts[e].index();
            events[a] += 1;
            let start = starts[e];
            if start != MISSING_TIME && start <= times[e] {
                durations[a].push(times[e] - start);
            }
        }
    }
    let mut rows: Vec<ActivityDuration> = events
        .iter()
        .zip(durations.iter_mut())
        .enumerate()
        .filter(|(_, (&n, _))| n > 0)
        .map(|(a, (&n, d))| {
            let stats = (!d.is_empty()).then(|| DurationStats::from_ms(d));
            ActivityDuration {
                activity: log.activity_name(ActivityId(a as u32)).to_string(),
                events: n,
                with_start: d.len() as u64,
                median_s: stats.map(|s| s.median_s),
                mean_s: stats.map(|s| s.mean_s),
                p90_s: stats.map(|s| s.p90_s),
                min_s: stats.map(|s| s.min_s),
                max_s: stats.map(|s| s.max_s),
            }
        })
        .collect();
    crate::values::order::sort_by(&mut rows, |x, y| {
        y.with_start
            .cmp(&x.with_start)
            .then(y.events.cmp(&x.events))
            .then_with(|| x.activity.cmp(&y.activity))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    fn log(csv: &str) -> EventLog {
        import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log
    }

    #[test]
    fn service_times_per_activity_numpy_style() {
        // Review: 10, 20, 40, 70 minutes; Send: no start at all; Pay: one start after its end (cleared).
        let l = log("case,activity,start,timestamp\n\
a,Review,2024-01-01T09:00:00Z,2024-01-01T09:10:00Z\n\
a,Send,,2024-01-01T10:00:00Z\n\
b,Review,2024-01-02T09:00:00Z,2024-01-02T09:20:00Z\n\
b,Pay,2024-01-03T09:00:00Z,2024-01-03T08:00:00Z\n\
c,Review,2024-01-02T09:00:00Z,2024-01-02T09:40:00Z\n\
d,Review,2024-01-02T09:00:00Z,2024-01-02T10:10:00Z\n\
d,Pay,2024-01-04T09:00:00Z,2024-01-04T09:00:00Z\n");
        let d = activity_durations(&l, &Selection::all(&l));
        let names: Vec<&str> = d.iter().map(|r| r.activity.as_str()).collect();
        assert_eq!(names, ["Review", "Pay", "Send"]);
        let r = &d[0];
        assert_eq!((r.events, r.with_start), (4, 4));
        // numpy.median([600, 1200, 2400, 4200]) = 1800; mean 2100;
        // numpy.percentile(..., 90) = 2400 + 0.7 * 1800 = 3660.
        assert_eq!(r.median_s, Some(1800.0));
        assert_eq!(r.mean_s, Some(2100.0));
        assert!((r.p90_s.unwrap() - 3660.0).abs() < 1e-9);
        assert_eq!((r.min_s, r.max_s), (Some(600.0), Some(4200.0)));
        // Pay: the start after its end was cleared at import; the other lasts 0 s.
        assert_eq!((d[1].events, d[1].with_start), (2, 1));
        assert_eq!(d[1].median_s, Some(0.0));
        // Send: not available, not 0.
        assert_eq!((d[2].events, d[2].with_start), (1, 0));
        assert_eq!(d[2].median_s, None);
        // A selection counts its events only.
        let only_a = Selection::from_fn(&l, |c| l.case_id(c) == "a");
        let d = activity_durations(&l, &only_a);
        assert_eq!(d[0].activity, "Review");
        assert_eq!(d[0].median_s, Some(600.0));
    }

    #[test]
    fn no_start_column_no_rows() {
        let l = log("case,activity,timestamp\na,x,2024-01-01T00:00:00Z\n");
        assert!(activity_durations(&l, &Selection::all(&l)).is_empty());
    }
}
