//! Bottlenecks: where time is lost, and for whom.
//!
//! - [`transitions`]: every directly-follows step with its waiting-time statistics, optionally split by
//!   an attribute. A step's group is the case's value for a case attribute, and the value on the arriving
//!   event (the step being waited for, e.g. the clerk who posted the payment) for an event attribute.
//!   Sorted by impact, count × median, the time a step costs in all.
//! - [`calendar`]: weekday × hour of day, counting events or taking the median wait ending there, in the
//!   local time written in the file.
//! - [`resource_activity`]: for each resource and activity, the median time until the case's next step.

use super::stats::{median_ms, percentile_ms};
pub use crate::filter::groups::{GroupBy, StepGroups};
use crate::filter::Selection;
use crate::log::{EventLog, Scope};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Waiting-time statistics of one step (and group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransitionStat {
    /// Source activity.
    pub from: String,
    /// Target activity.
    pub to: String,
    /// Group value (`null` for the step over all groups; "(none)" for steps without a value).
    #[serde(default)]
    pub group: Option<String>,
    /// Occurrences.
    pub count: u64,
    /// Median wait, seconds.
    pub median_s: f64,
    /// Mean wait, seconds.
    pub mean_s: f64,
    /// 90th percentile wait, seconds.
    pub p90_s: f64,
    /// Total wait, seconds.
    pub total_s: f64,
    /// Count × median, seconds: the impact used for sorting.
    pub impact_s: f64,
}

/// Every step's waiting times, split by `by` when given; by impact descending, then names and group.
pub fn transitions(log: &EventLog, sel: &Selection, by: Option<&GroupBy>) -> Vec<TransitionStat> {
    let grouping = StepGroups::new(log, sel, by);
    let (acts, times) = (log.activities(), log.times());
    // (from, to, group) -> waits
    let mut groups: FxHashMap<(u32, u32, String), Vec<i64>> = FxHashMap::default();
    for (case, r) in sel.cases(log) {
        // A case attribute gives every step of the case the same group: compute it once.
        let case_group = grouping
            .as_ref()
            .filter(|g| g.attr.is_some_and(|a| a.scope == Scope::Case))
            .map(|g| g.of(case, r.start));
        for i in r.start..r.end.saturating_sub(1) {
            let wait = times[i + 1] - times[i];
            let g = match (&case_group, &grouping) {
                (Some(cg), _) => cg.clone(),
                (None, Some(g)) => g.of(case, i + 1),
                (None, None) => String::new(),
            };
            groups
                .entry((acts[i].0, acts[i + 1].0, g))
                .or_default()
                .push(wait);
        }
    }
    let name = |a: u32| log.activity_name(crate::ActivityId(a)).to_string();
    let grouped = grouping.is_some();
    let mut rows: Vec<TransitionStat> = groups
        .into_iter()
        .map(|((f, t, g), mut w)| stat(name(f), name(t), grouped.then_some(g), &mut w))
        .collect();
    crate::values::order::sort_by(&mut rows, |a, b| {
        b.impact_s
            .total_cmp(&a.impact_s)
            .then_with(|| a.from.cmp(&b.from))
            .then_with(|| a.to.cmp(&b.to))
            .then_with(|| a.group.cmp(&b.group))
    });
    rows
}

fn stat(from: String, to: String, group: Option<String>, waits: &mut [i64]) -> TransitionStat {
    let n = waits.len();
    let total: i128 = waits.iter().map(|&w| w as i128).sum();
    let median = median_ms(waits) / 1000.0;
    TransitionStat {
        from,
        to,
        group,
        count: n as u64,
        median_s: median,
        mean_s: total as f64 / n.max(1) as f64 / 1000.0,
        p90_s: percentile_ms(waits, 90.0) / 1000.0,
        total_s: total as f64 / 1000.0,
        impact_s: median * n as f64,
    }
}

/// What a calendar heatmap cell measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalendarMeasure {
    /// Events in the cell.
    Events,
    /// Median wait (seconds) of the steps ending in the cell.
    MedianWait,
}

/// A weekday × hour grid: `cells[weekday][hour]` (weekday 0 = Monday), with counts and the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarHeatmap {
    /// What `values` hold.
    pub measure: CalendarMeasure,
    /// Events (or steps) per cell.
    pub counts: Vec<Vec<u64>>,
    /// The measure per cell (`NaN` where empty, for waits).
    pub values: Vec<Vec<f64>>,
}

/// Events or median waits by weekday and hour of the local time written in the file.
pub fn calendar(log: &EventLog, sel: &Selection, measure: CalendarMeasure) -> CalendarHeatmap {
    let mut waits: Vec<Vec<Vec<i64>>> = vec![vec![Vec::new(); 24]; 7];
    let mut counts = vec![vec![0u64; 24]; 7];
    let times = log.times();
    for (_, r) in sel.cases(log) {
        for e in r.clone() {
            let local = log.local_time(e);
            let day = crate::calendar::weekday(local) as usize;
            let hour = crate::calendar::hour_of_day(local) as usize;
            counts[day][hour] += 1;
            if measure == CalendarMeasure::MedianWait && e > r.start {
                waits[day][hour].push(times[e] - times[e - 1]);
            }
        }
    }
    let values = match measure {
        CalendarMeasure::Events => counts
            .iter()
            .map(|row| row.iter().map(|&c| c as f64).collect())
            .collect(),
        CalendarMeasure::MedianWait => waits
            .iter_mut()
            .map(|row| row.iter_mut().map(|w| median_ms(w) / 1000.0).collect())
            .collect(),
    };
    CalendarHeatmap {
        measure,
        counts,
        values,
    }
}

/// Median time from a resource's events of an activity to the next event of the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceActivityCell {
    /// Resource.
    pub resource: String,
    /// Activity.
    pub activity: String,
    /// Events with a next step.
    pub count: u64,
    /// Median time to the next step, seconds.
    pub median_s: f64,
}

/// Every (resource, activity) pair with its median time to the next step, slowest first.
pub fn resource_activity(log: &EventLog, sel: &Selection) -> Vec<ResourceActivityCell> {
    let (acts, times, res) = (log.activities(), log.times(), log.resources());
    let mut m: FxHashMap<(u32, u32), Vec<i64>> = FxHashMap::default();
    for (_, r) in sel.cases(log) {
        for i in r.start..r.end.saturating_sub(1) {
            if res[i].is_some() {
                m.entry((res[i].0, acts[i].0))
                    .or_default()
                    .push(times[i + 1] - times[i]);
            }
        }
    }
    let mut out: Vec<ResourceActivityCell> = m
        .into_iter()
        .map(|((r, a), mut w)| ResourceActivityCell {
            resource: log
                .resource_name(crate::ResourceId(r))
                .unwrap_or_default()
                .to_string(),
            activity: log.activity_name(crate::ActivityId(a)).to_string(),
            count: w.len() as u64,
            median_s: median_ms(&mut w) / 1000.0,
        })
        .collect();
    crate::values::order::sort_by(&mut out, |a, b| {
        b.median_s
            .total_cmp(&a.median_s)
            .then_with(|| a.resource.cmp(&b.resource))
            .then_with(|| a.activity.cmp(&b.activity))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    fn log() -> EventLog {
        // Payments posted by Ann take 2 and 4 days, by Bob 1 day; segment is a case attribute.
        let csv = "case,activity,timestamp,resource,case:segment\n\
            1,received,2024-01-01T10:00:00+01:00,bank,SME\n1,posted,2024-01-03T10:00:00+01:00,Ann,SME\n\
            2,received,2024-01-01T10:00:00+01:00,bank,SME\n2,posted,2024-01-05T10:00:00+01:00,Ann,SME\n\
            3,received,2024-01-02T10:00:00+01:00,bank,Enterprise\n3,posted,2024-01-03T10:00:00+01:00,Bob,Enterprise\n";
        import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log
    }

    #[test]
    fn transitions_by_event_and_case_attribute() {
        let log = log();
        let sel = Selection::all(&log);
        let all = transitions(&log, &sel, None);
        assert_eq!(all.len(), 1);
        assert_eq!(
            (
                all[0].count,
                all[0].median_s / 86400.0,
                all[0].total_s / 86400.0
            ),
            (3, 2.0, 7.0)
        );
        let by_res = transitions(
            &log,
            &sel,
            GroupBy::for_column(&log, "resource", Some("resource")).as_ref(),
        );
        let got: Vec<(String, u64)> = by_res
            .iter()
            .map(|t| (t.group.clone().unwrap(), t.count))
            .collect();
        assert_eq!(got, [("Ann".to_string(), 2), ("Bob".to_string(), 1)]);
        let seg = GroupBy::for_column(&log, "case:segment", Some("resource"));
        assert_eq!(
            seg,
            Some(GroupBy::Attribute {
                name: "segment".into()
            })
        );
        assert_eq!(GroupBy::for_column(&log, "nope", None), None);
        let by_seg = transitions(&log, &sel, seg.as_ref());
        let got: Vec<(String, u64, f64)> = by_seg
            .iter()
            .map(|t| (t.group.clone().unwrap(), t.count, t.median_s / 86400.0))
            .collect();
        assert_eq!(
            got,
            [
                ("SME".to_string(), 2, 3.0),
                ("Enterprise".to_string(), 1, 1.0)
            ]
        );
        assert_eq!(by_seg[0].p90_s / 86400.0, 3.8);
    }

    #[test]
    fn resource_and_calendar() {
        let log = log();
        let sel = Selection::all(&log);
        let ra = resource_activity(&log, &sel);
        // Only the bank's "received" events have a next step.
        assert_eq!(ra.len(), 1);
        assert_eq!(
            (
                ra[0].resource.as_str(),
                ra[0].count,
                ra[0].median_s / 86400.0
            ),
            ("bank", 3, 2.0)
        );
        let cal = calendar(&log, &sel, CalendarMeasure::Events);
        // 2024-01-01 is a Monday; 10:00 local (+01:00).
        assert_eq!(cal.counts[0][10], 2);
        assert_eq!(cal.counts.iter().flatten().sum::<u64>(), 6);
        let waits = calendar(&log, &sel, CalendarMeasure::MedianWait);
        // Steps ending on Wednesday 2024-01-03 10:00: 2 days (case 1) and 1 day (case 3).
        assert_eq!(waits.values[2][10] / 86400.0, 1.5);
        assert!(waits.values[6][0].is_nan());
    }
}
