//! Order statistics with numpy's conventions.
//!
//! Median of an even count is the mean of the two middle values (`numpy.median`); percentiles
//! interpolate linearly between the two nearest ranks (`numpy.percentile`'s default `linear` method,
//! index `q · (n − 1)`). Durations are kept as integer milliseconds until the end, so sums are exact.

use serde::{Deserialize, Serialize};

/// Summary of a set of durations, in seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DurationStats {
    /// Number of durations.
    pub count: u64,
    /// Arithmetic mean.
    pub mean_s: f64,
    /// numpy-style median.
    pub median_s: f64,
    /// Smallest.
    pub min_s: f64,
    /// Largest.
    pub max_s: f64,
    /// Total.
    pub sum_s: f64,
    /// 90th percentile (linear interpolation).
    pub p90_s: f64,
}

impl DurationStats {
    /// Statistics of durations in milliseconds. Reorders `ms`.
    pub fn from_ms(ms: &mut [i64]) -> DurationStats {
        if ms.is_empty() {
            return DurationStats::default();
        }
        let n = ms.len();
        let sum: i128 = ms.iter().map(|&x| x as i128).sum();
        let (mut min, mut max) = (i64::MAX, i64::MIN);
        for &x in ms.iter() {
            min = min.min(x);
            max = max.max(x);
        }
        DurationStats {
            count: n as u64,
            mean_s: sum as f64 / n as f64 / 1000.0,
            median_s: median_ms(ms) / 1000.0,
            min_s: min as f64 / 1000.0,
            max_s: max as f64 / 1000.0,
            sum_s: sum as f64 / 1000.0,
            p90_s: percentile_ms(ms, 90.0) / 1000.0,
        }
    }

    /// The statistic a performance view asks for.
    pub fn get(&self, stat: Stat) -> f64 {
        match stat {
            Stat::Median => self.median_s,
            Stat::Mean => self.mean_s,
            Stat::Total => self.sum_s,
            Stat::Max => self.max_s,
            Stat::Min => self.min_s,
            Stat::P90 => self.p90_s,
        }
    }
}

/// Which duration statistic to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stat {
    /// Median.
    #[default]
    Median,
    /// Mean.
    Mean,
    /// Sum.
    Total,
    /// Maximum.
    Max,
    /// Minimum.
    Min,
    /// 90th percentile.
    P90,
}

/// numpy-style median of integer values; `NaN` for none. Reorders `v`.
pub fn median_ms(v: &mut [i64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    let (lower, &mut hi, _) = v.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        hi as f64
    } else {
        let lo = lower.iter().copied().max().unwrap_or(hi);
        (lo as f64 + hi as f64) / 2.0
    }
}

/// numpy-style percentile (`q` in 0..=100, linear interpolation); `NaN` for none. Reorders `v`.
pub fn percentile_ms(v: &mut [i64], q: f64) -> f64 {
    percentile_by(v, q, i64::cmp, |x| x as f64)
}

/// numpy-style median of floats (NaN-free input); `NaN` for none. Reorders `v`.
pub fn median_f64(v: &mut [f64]) -> f64 {
    percentile_f64(v, 50.0)
}

/// numpy-style percentile of floats (NaN-free input). Reorders `v`.
pub fn percentile_f64(v: &mut [f64], q: f64) -> f64 {
    percentile_by(v, q, f64::total_cmp, |x| x)
}

/// numpy's linear interpolation between the two values around rank `q` % of `v`, found by selection
/// (no full sort); `NaN` for none.
fn percentile_by<T: Copy>(
    v: &mut [T],
    q: f64,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
    value: impl Fn(T) -> f64,
) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 100.0) / 100.0 * (n - 1) as f64;
    let lo_i = pos.floor() as usize;
    let frac = pos - lo_i as f64;
    let (_, &mut lo, upper) = v.select_nth_unstable_by(lo_i, &cmp);
    let lo = value(lo);
    if frac == 0.0 {
        return lo;
    }
    match upper.iter().copied().min_by(&cmp) {
        Some(hi) => lo + frac * (value(hi) - lo),
        None => lo,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_median_and_percentile() {
        assert_eq!(median_ms(&mut [3, 1, 2]), 2.0);
        assert_eq!(median_ms(&mut [4, 1, 3, 2]), 2.5);
        assert!(median_ms(&mut []).is_nan());
        // numpy.percentile([1,2,3,4,5,6,7,8,9,10], 90) == 9.1
        let mut v: Vec<i64> = (1..=10).rev().collect();
        assert!((percentile_ms(&mut v, 90.0) - 9.1).abs() < 1e-12);
        assert_eq!(percentile_ms(&mut [5], 90.0), 5.0);
        assert_eq!(percentile_ms(&mut [1, 2], 100.0), 2.0);
        assert_eq!(median_f64(&mut [2.0, 1.0]), 1.5);
        assert!((percentile_f64(&mut [1.0, 2.0, 3.0, 4.0], 90.0) - 3.7).abs() < 1e-12);
    }

    #[test]
    fn duration_stats_in_seconds() {
        let s = DurationStats::from_ms(&mut [1000, 3000, 2000, 6000]);
        assert_eq!(s.count, 4);
        assert_eq!(s.median_s, 2.5);
        assert_eq!(s.mean_s, 3.0);
        assert_eq!(s.sum_s, 12.0);
        assert_eq!(s.min_s, 1.0);
        assert_eq!(s.max_s, 6.0);
        assert!((s.p90_s - 5.1).abs() < 1e-12);
    }
}
