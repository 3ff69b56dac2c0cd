//! The core analyses in one named, serialisable document: what `relance analyze --json` prints and what
//! the app's overview shows.

use super::{case_duration_stats, dfg, variants};
use crate::calendar::format_iso_utc;
use crate::filter::Selection;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// Counts for the whole selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogSummary {
    /// Cases.
    pub cases: u64,
    /// Events.
    pub events: u64,
    /// Distinct activities.
    pub activities: u64,
    /// Distinct variants.
    pub variants: u64,
    /// First event instant (ISO-8601 UTC).
    pub first_event: Option<String>,
    /// Last event instant (ISO-8601 UTC).
    pub last_event: Option<String>,
}

/// An activity's counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityRow {
    /// Name.
    pub name: String,
    /// Events.
    pub events: u64,
    /// Cases containing it.
    pub cases: u64,
}

/// A start or end activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointRow {
    /// Name.
    pub name: String,
    /// Cases starting (or ending) with it.
    pub cases: u64,
}

/// A directly-follows edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DfgRow {
    /// Source activity.
    pub from: String,
    /// Target activity.
    pub to: String,
    /// Occurrences.
    pub count: u64,
    /// Cases passing it.
    pub cases: u64,
    /// Mean waiting time.
    pub mean_s: f64,
    /// Median waiting time.
    pub median_s: f64,
    /// Shortest.
    pub min_s: f64,
    /// Longest.
    pub max_s: f64,
    /// Total.
    pub sum_s: f64,
}

/// A variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantRow {
    /// Activity sequence.
    pub activities: Vec<String>,
    /// Cases.
    pub cases: u64,
    /// Share of cases.
    pub share: f64,
    /// Cumulative share.
    pub cumulative_share: f64,
    /// Median case duration.
    pub median_duration_s: f64,
}

/// Case duration statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseDurationRow {
    /// Shortest.
    pub min: f64,
    /// numpy-style median.
    pub median: f64,
    /// Mean.
    pub mean: f64,
    /// Longest.
    pub max: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// The core analyses of a selection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Counts.
    pub log: LogSummary,
    /// Activities by events descending, then name.
    pub activities: Vec<ActivityRow>,
    /// Start activities by cases descending, then name.
    pub start_activities: Vec<EndpointRow>,
    /// End activities by cases descending, then name.
    pub end_activities: Vec<EndpointRow>,
    /// Edges by count descending, then names.
    pub dfg: Vec<DfgRow>,
    /// Variants by cases descending, then sequence.
    pub variants: Vec<VariantRow>,
    /// Case durations, seconds.
    pub case_duration_s: CaseDurationRow,
}

/// Computes every core analysis of a selection.
pub fn summarize(log: &EventLog, sel: &Selection) -> Summary {
    let g = dfg(log, sel);
    let v = variants(log, sel);
    let name = |a| log.activity_name(a).to_string();
    let mut activities: Vec<ActivityRow> = g
        .present()
        .map(|a| ActivityRow {
            name: name(a),
            events: g.activities[a.index()].events,
            cases: g.activities[a.index()].cases,
        })
        .collect();
    crate::values::order::sort_by(&mut activities, |a, b| {
        b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name))
    });
    let endpoints = |pick: fn(&super::ActivityFreq) -> u64| {
        let mut rows: Vec<EndpointRow> = g
            .present()
            .filter(|a| pick(&g.activities[a.index()]) > 0)
            .map(|a| EndpointRow {
                name: name(a),
                cases: pick(&g.activities[a.index()]),
            })
            .collect();
        crate::values::order::sort_by(&mut rows, |a, b| {
            b.cases.cmp(&a.cases).then_with(|| a.name.cmp(&b.name))
        });
        rows
    };
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    let times = log.times();
    for (_, r) in sel.cases(log) {
        if !r.is_empty() {
            first = first.min(times[r.start]);
            last = last.max(times[r.end - 1]);
        }
    }
    let cd = case_duration_stats(log, sel);
    Summary {
        log: LogSummary {
            cases: g.cases,
            events: g.events,
            activities: activities.len() as u64,
            variants: v.variants.len() as u64,
            first_event: (first != i64::MAX).then(|| format_iso_utc(first)),
            last_event: (last != i64::MIN).then(|| format_iso_utc(last)),
        },
        start_activities: endpoints(|f| f.starts),
        end_activities: endpoints(|f| f.ends),
        activities,
        dfg: g
            .edges
            .iter()
            .map(|e| DfgRow {
                from: name(e.from),
                to: name(e.to),
                count: e.count,
                cases: e.cases,
                mean_s: e.duration.mean_s,
                median_s: e.duration.median_s,
                min_s: e.duration.min_s,
                max_s: e.duration.max_s,
                sum_s: e.duration.sum_s,
            })
            .collect(),
        variants: v
            .variants
            .iter()
            .map(|x| VariantRow {
                activities: x.activities.iter().map(|&a| name(a)).collect(),
                cases: x.cases,
                share: x.share,
                cumulative_share: x.cumulative_share,
                median_duration_s: x.duration.median_s,
            })
            .collect(),
        case_duration_s: CaseDurationRow {
            min: cd.min_s,
            median: cd.median_s,
            mean: cd.mean_s,
            max: cd.max_s,
            p90: cd.p90_s,
        },
    }
}
