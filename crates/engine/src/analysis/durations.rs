//! Case durations: time from a case's first to its last selected event.

use super::stats::{percentile_ms, DurationStats};
use crate::filter::Selection;
use crate::log::{CaseIdx, EventLog};

/// Duration of each selected case in milliseconds, in case order.
pub fn case_durations_ms(log: &EventLog, sel: &Selection) -> Vec<(CaseIdx, i64)> {
    let t = log.times();
    sel.cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(c, r)| (c, t[r.end - 1] - t[r.start]))
        .collect()
}

/// Statistics of the selected cases' durations (min, median, mean, max, p90).
pub fn case_duration_stats(log: &EventLog, sel: &Selection) -> DurationStats {
    let mut d: Vec<i64> = case_durations_ms(log, sel)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    DurationStats::from_ms(&mut d)
}

/// Equal-width histogram of case durations: `bins` counts between the smallest and largest duration
/// (or up to the 99th percentile when `clip` is set, the rest counted in the last bin).
pub fn duration_histogram(durations_ms: &[i64], bins: usize, clip: bool) -> Histogram {
    if durations_ms.is_empty() || bins == 0 {
        return Histogram::default();
    }
    let min = *durations_ms.iter().min().unwrap_or(&0);
    let max = if clip {
        let mut v = durations_ms.to_vec();
        percentile_ms(&mut v, 99.0).ceil() as i64
    } else {
        *durations_ms.iter().max().unwrap_or(&0)
    };
    let width = ((max - min) as f64 / bins as f64).max(1.0);
    let mut counts = vec![0u64; bins];
    for &d in durations_ms {
        let b = (((d - min) as f64 / width) as usize).min(bins - 1);
        counts[b] += 1;
    }
    Histogram {
        start_ms: min,
        width_ms: width,
        counts,
    }
}

/// Counts in equal-width bins.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Histogram {
    /// Lower bound of the first bin.
    pub start_ms: i64,
    /// Width of each bin.
    pub width_ms: f64,
    /// Count per bin.
    pub counts: Vec<u64>,
}
