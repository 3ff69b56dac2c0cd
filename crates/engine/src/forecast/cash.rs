//! Cash expected per week from the open invoices, with a band.
//!
//! Week `k` runs from the as-of day + 1 + 7k to 7 days later. Its expected cash is the sum over open
//! invoices of amount × (1 − write-off probability) × the probability that the payment day falls in the
//! week. The band is the 10th to 90th percentile of the week's total over seeded simulations in which
//! each invoice is written off with its probability or paid on a day drawn from its distribution,
//! independently of the others: customers' invoices move together in reality, which is why the
//! backtest reports how often the band held the cash that came in.

use super::predict::{pay_day, Predictive};
use crate::analysis::stats::percentile_f64;
use crate::calendar::{format_date, MS_PER_DAY};
use crate::insights::stats::SplitMix64;

/// One open invoice as the cash forecast sees it.
#[derive(Debug, Clone, Copy)]
pub struct Inflow<'a> {
    /// Amount (or 1 when the log has no amounts).
    pub weight: f64,
    /// Due day.
    pub due_day: i64,
    /// Probability of a write-off.
    pub p_write_off: f64,
    /// Delay distribution given unpaid so far.
    pub delay: Predictive<'a>,
}

/// One week's expected cash, as day numbers and amounts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Week {
    /// First day.
    pub first_day: i64,
    /// Expected cash.
    pub expected: f64,
    /// 10th percentile of the simulations.
    pub low: f64,
    /// 90th percentile.
    pub high: f64,
}

impl Week {
    /// The band widened `scale` times about its own middle, never below 0. A week's cash is skewed
    /// (often nothing, sometimes a large invoice), so its expected value can lie outside the 10–90 %
    /// band; widening about the expected value instead turned such bands inside out (a high below
    /// the low) or pushed them past every amount that could come in.
    pub fn widened(&self, scale: f64) -> (f64, f64) {
        let (middle, half) = self.middle_and_half();
        ((middle - half * scale).max(0.0), middle + half * scale)
    }

    /// The band's middle and half-width.
    fn middle_and_half(&self) -> (f64, f64) {
        ((self.low + self.high) / 2.0, (self.high - self.low) / 2.0)
    }

    /// The week as the forecast shows it, its band widened `scale` times.
    pub fn shown(&self, scale: f64) -> super::CashWeek {
        let (low, high) = self.widened(scale);
        super::CashWeek {
            week_start: format_date(self.first_day * MS_PER_DAY),
            week_end: format_date((self.first_day + 6) * MS_PER_DAY),
            expected: self.expected,
            low,
            high,
        }
    }

    /// How many times wider the band would have had to be to hold `got` (0 when it did), at most
    /// `max`.
    pub fn reach(&self, got: f64, max: f64) -> f64 {
        if self.low <= got && got <= self.high {
            return 0.0;
        }
        let (middle, half) = self.middle_and_half();
        if half > 0.0 {
            ((got - middle).abs() / half).min(max)
        } else {
            max
        }
    }
}

/// The weeks after `as_of_day`.
pub fn weeks(
    inflows: &[Inflow],
    as_of_day: i64,
    weeks: usize,
    simulations: usize,
    seed: u64,
) -> Vec<Week> {
    let start = as_of_day + 1;
    let mut out: Vec<Week> = (0..weeks)
        .map(|k| Week {
            first_day: start + 7 * k as i64,
            expected: 0.0,
            low: 0.0,
            high: 0.0,
        })
        .collect();
    for f in inflows {
        let paid = f.weight * (1.0 - f.p_write_off);
        for w in out.iter_mut() {
            // Paid on a day of the week: delay + ½ rounded down lands in [first, first + 7).
            let x0 = (w.first_day - f.due_day) as f64 - 0.5;
            w.expected += paid * f.delay.prob_between(x0, x0 + 7.0);
        }
    }
    if simulations == 0 || weeks == 0 {
        return out;
    }
    let mut totals = vec![0.0; simulations * weeks];
    let mut rng = SplitMix64::new(seed);
    for s in 0..simulations {
        let row = &mut totals[s * weeks..(s + 1) * weeks];
        for f in inflows {
            if rng.uniform() < f.p_write_off {
                continue;
            }
            let d = f.delay.draw(&mut rng);
            if !d.is_finite() {
                continue;
            }
            let k = (pay_day(f.due_day, d, start) - start) / 7;
            if let Some(x) = usize::try_from(k).ok().and_then(|k| row.get_mut(k)) {
                *x += f.weight;
            }
        }
    }
    let mut col = vec![0.0; simulations];
    for (k, w) in out.iter_mut().enumerate() {
        for s in 0..simulations {
            col[s] = totals[s * weeks + k];
        }
        w.low = percentile_f64(&mut col, 10.0);
        w.high = percentile_f64(&mut col, 90.0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Week;

    /// A skewed week (expected value outside the 10–90 % band) widens about the band's middle: the
    /// band never turns inside out, never goes below 0 and never leaves a band of one amount
    /// (regression: a band of 243.10 became 243.6–243.6 about an expected 222.8, and a band of 0–0
    /// about an expected 17.6 became 0.0 to −0.43).
    #[test]
    fn a_band_widens_about_its_middle() {
        let week = |expected, low, high| Week {
            first_day: 0,
            expected,
            low,
            high,
        };
        assert_eq!(week(222.8, 243.1, 243.1).widened(1.02), (243.1, 243.1));
        assert_eq!(week(17.6, 0.0, 0.0).widened(1.02), (0.0, 0.0));
        assert_eq!(week(50.0, 20.0, 100.0).widened(2.0), (0.0, 140.0));
        assert_eq!(week(50.0, 40.0, 60.0).widened(1.5), (35.0, 65.0));
        // Reach: 0 inside; the distance from the middle over the half-width outside; the most when
        // the band is a single amount.
        let w = week(50.0, 40.0, 60.0);
        assert_eq!(w.reach(45.0, 10.0), 0.0);
        assert_eq!(w.reach(75.0, 10.0), 2.5);
        assert_eq!(w.reach(20.0, 10.0), 3.0);
        assert_eq!(week(0.0, 0.0, 0.0).reach(5.0, 10.0), 10.0);
    }
}
