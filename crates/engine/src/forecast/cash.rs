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
