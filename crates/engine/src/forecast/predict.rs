//! Predictions for an invoice still unpaid at the as-of date: its delay distribution given that it was
//! not paid by then, the dates and probabilities read from it, and the parts that add up to its date.
//!
//! The model gives a location and a spread ([`super::model::Location`]); the delay is `location + spread
//! × ε` with ε drawn from the model's residual pool. An invoice unpaid at the end of the as-of day, `a`
//! days after its due day, is paid on day `a + 1` or later: the distribution is the pool cut below
//! `a + ½` (rounded to days), so an invoice 40 days overdue is never predicted to have been paid last
//! week. When fewer than [`MIN_TAIL`] residuals lie beyond the cut (the invoice is later than its
//! customer's habit allows), the distribution is that of every paid invoice that was at least as late
//! ([`Source::AllInvoices`]); when fewer than that many were ever this late, no date is predicted.
//!
//! The median is the expected date (it minimises the mean absolute error in days); the 10th and 90th
//! percentiles bound the 80 % interval. The parts of the date are exact: the intercept, each
//! adjustment, the customer's effect, and the shift that being unpaid so far adds, sum to the median.

use super::model::{DelayModel, Location};

/// Fewest residuals (or paid invoices) behind a conditional distribution.
pub const MIN_TAIL: usize = 20;

/// Where a predictive distribution comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The model: location and spread of the invoice, the residual pool.
    Model,
    /// Later than the model has seen for this invoice: the paid invoices that were as late.
    AllInvoices,
}

/// A delay distribution: `mean + spread × v` for the sorted values `v[lo..]`, and when a dispute holds
/// the invoice, the larger of that and a floor drawn from its own sorted sample.
#[derive(Debug, Clone, Copy)]
pub struct Predictive<'a> {
    values: &'a [f64],
    mean: f64,
    spread: f64,
    lo: usize,
    floor: Option<&'a [f64]>,
    /// Where it comes from.
    pub source: Source,
}

impl<'a> Predictive<'a> {
    /// The delay of an invoice with this location, unconditional.
    pub fn unconditional(model: &'a DelayModel, loc: &Location) -> Option<Predictive<'a>> {
        let pool = model.pools.get(loc.mean);
        (!pool.is_empty()).then_some(Predictive {
            values: pool,
            mean: loc.mean,
            spread: loc.spread,
            lo: 0,
            floor: None,
            source: Source::Model,
        })
    }

    /// The delay given that it is above `threshold` days; `None` when neither the model's pool nor the
    /// paid invoices have [`MIN_TAIL`] values beyond it.
    pub fn above(model: &'a DelayModel, loc: &Location, threshold: f64) -> Option<Predictive<'a>> {
        let e = (threshold - loc.mean) / loc.spread;
        let pool = model.pools.get(loc.mean);
        let lo = pool.partition_point(|&z| z <= e);
        if pool.len() - lo >= MIN_TAIL {
            return Some(Predictive {
                values: pool,
                mean: loc.mean,
                spread: loc.spread,
                lo,
                floor: None,
                source: Source::Model,
            });
        }
        let lo = model.delays.partition_point(|&d| d <= threshold);
        (model.delays.len() - lo >= MIN_TAIL).then_some(Predictive {
            values: &model.delays,
            mean: 0.0,
            spread: 1.0,
            lo,
            floor: None,
            source: Source::AllInvoices,
        })
    }

    /// The same distribution held by a floor (a sorted sample of delays): the larger of the two.
    pub fn with_floor(self, floor: &'a [f64]) -> Predictive<'a> {
        Predictive {
            floor: (!floor.is_empty()).then_some(floor),
            ..self
        }
    }

    fn tail(&self) -> &'a [f64] {
        self.values.get(self.lo..).unwrap_or(&[])
    }

    fn map(&self, v: f64) -> f64 {
        self.mean + self.spread * v
    }

    /// P(delay ≤ x).
    pub fn cdf(&self, x: f64) -> f64 {
        let t = self.tail();
        if t.is_empty() {
            return f64::NAN;
        }
        let v = (x - self.mean) / self.spread;
        let habit = t.partition_point(|&z| z <= v) as f64 / t.len() as f64;
        match self.floor {
            None => habit,
            Some(f) => habit * f.partition_point(|&d| d <= x) as f64 / f.len() as f64,
        }
    }

    /// The `p` quantile (0 to 1): numpy's linear interpolation without a floor; with one, the smallest
    /// delay whose distribution function reaches `p` (bisection to 0.01 day).
    pub fn quantile(&self, p: f64) -> f64 {
        let t = self.tail();
        if t.is_empty() {
            return f64::NAN;
        }
        let p = p.clamp(0.0, 1.0);
        let Some(f) = self.floor else {
            let pos = p * (t.len() - 1) as f64;
            let i = pos.floor() as usize;
            let frac = pos - i as f64;
            let lo = t[i.min(t.len() - 1)];
            let hi = t[(i + 1).min(t.len() - 1)];
            return self.map(lo + frac * (hi - lo));
        };
        let (first, last) = (f[0], f[f.len() - 1]);
        let mut lo = self.map(t[0]).max(first) - 0.01;
        let mut hi = self.map(t[t.len() - 1]).max(last);
        while hi - lo > 0.01 {
            let mid = 0.5 * (lo + hi);
            if self.cdf(mid) >= p {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// P(delay > x).
    pub fn prob_above(&self, x: f64) -> f64 {
        1.0 - self.cdf(x)
    }

    /// P(x0 < delay ≤ x1).
    pub fn prob_between(&self, x0: f64, x1: f64) -> f64 {
        (self.cdf(x1) - self.cdf(x0)).max(0.0)
    }

    /// One delay drawn at random.
    pub fn draw(&self, rng: &mut crate::insights::stats::SplitMix64) -> f64 {
        let t = self.tail();
        if t.is_empty() {
            return f64::NAN;
        }
        let i = (rng.next_u64() % t.len() as u64) as usize;
        let habit = self.map(t[i]);
        match self.floor {
            None => habit,
            Some(f) => habit.max(f[(rng.next_u64() % f.len() as u64) as usize]),
        }
    }
}

/// The day a delay (continuous days after the due day) falls on, never before `first_day`.
pub fn pay_day(due_day: i64, delay: f64, first_day: i64) -> i64 {
    (due_day + (delay + 0.5).floor() as i64).max(first_day)
}

/// A part of an invoice's expected delay.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// The intercept: a typical invoice's delay.
    Base,
    /// An adjustment (a column of the encoder).
    Column(usize),
    /// The customer's effect.
    Customer,
    /// Being unpaid at the as-of date: the median given that, minus the median without it.
    Unpaid,
    /// A dispute holding the payment: the median with its floor, minus the median without it.
    Dispute,
}

/// The conditional prediction of an invoice's delay.
#[derive(Debug, Clone)]
pub struct DelayPrediction {
    /// Median delay, days (continuous).
    pub median: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 90th percentile.
    pub p90: f64,
    /// P(paid after the due day | paid).
    pub p_late: f64,
    /// The parts of the median, with their days; they sum to `median`.
    pub parts: Vec<(Part, f64)>,
    /// Where the distribution comes from.
    pub source: Source,
}

/// The delay of an invoice `overdue` days after its due day at the end of the as-of day (negative:
/// before it), unpaid so far, held by a dispute's `floor` (a sorted sample of delays) if any.
pub fn delay(
    model: &DelayModel,
    loc: &Location,
    overdue: i64,
    floor: Option<&[f64]>,
) -> Option<DelayPrediction> {
    let threshold = overdue as f64 + 0.5;
    let habit = Predictive::above(model, loc, threshold)?;
    let unheld = habit.quantile(0.5);
    let dist = match floor {
        Some(f) => habit.with_floor(f),
        None => habit,
    };
    let median = dist.quantile(0.5);
    let plain = Predictive::unconditional(model, loc)?.quantile(0.5);
    let mut parts = vec![(Part::Base, loc.base)];
    parts.extend(loc.adjustments.iter().map(|&(c, b)| (Part::Column(c), b)));
    parts.push((Part::Customer, loc.customer_effect));
    // The model's unconditional median differs from its mean by the pool's skew: that belongs to the
    // typical invoice, so the base carries it and the parts still sum to the median.
    parts[0].1 += plain - loc.mean;
    parts.push((Part::Unpaid, unheld - plain));
    if floor.is_some() {
        parts.push((Part::Dispute, median - unheld));
    }
    // Late: paid on a day after the due day, i.e. a delay above ½ once rounded.
    let p_late = if overdue >= 0 {
        1.0
    } else {
        dist.prob_above(0.5)
    };
    Some(DelayPrediction {
        median,
        p10: dist.quantile(0.1),
        p90: dist.quantile(0.9),
        p_late,
        parts,
        source: dist.source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::model::{DelayModel, Sample};
    use crate::forecast::regression::Rows;

    /// Delays 0..=99 days for one kind of invoice: unconditional median 49.5; unpaid 60 days after the
    /// due day, the median of 61..=99 is 80; the parts sum to the median.
    fn uniform_model() -> DelayModel {
        let mut rows = Rows::new(1, 1);
        let samples: Vec<Sample> = (0..100)
            .map(|d| {
                rows.push(&[]);
                Sample {
                    delay: d as f64,
                    customer: crate::forecast::features::NO_CUSTOMER,
                    paid: true,
                }
            })
            .collect();
        DelayModel::fit(&rows, &samples, 0, 10).unwrap()
    }

    #[test]
    fn unpaid_invoices_are_predicted_given_that_they_are_unpaid() {
        let m = uniform_model();
        let loc = m.location(std::iter::empty(), crate::forecast::features::NO_CUSTOMER);
        let p = delay(&m, &loc, -10, None).unwrap();
        assert!((p.median - 49.5).abs() < 1e-9, "{p:?}");
        assert!((p.p_late - 0.99).abs() < 1e-9, "{}", p.p_late);
        let p = delay(&m, &loc, 60, None).unwrap();
        assert!((p.median - 80.0).abs() < 1e-9, "{p:?}");
        assert_eq!(p.p_late, 1.0);
        assert!(p.p10 >= 60.5 && p.p90 <= 99.0, "{p:?}");
        let sum: f64 = p.parts.iter().map(|(_, d)| d).sum();
        assert!((sum - p.median).abs() < 1e-9);
        // 85 days overdue: 14 invoices were later, fewer than MIN_TAIL: no date.
        assert!(delay(&m, &loc, 85, None).is_none());
        // A dispute holding it until day 70 or 90 (half each): the median of max(delay, floor) given
        // unpaid at 60 is the smallest x with P(delay ≤ x)·P(floor ≤ x) ≥ ½: 90, where the floor is
        // passed; the parts still sum to it.
        let floor = [70.0, 90.0];
        let p = delay(&m, &loc, 60, Some(&floor)).unwrap();
        assert!((p.median - 90.0).abs() < 0.02, "{p:?}");
        let sum: f64 = p.parts.iter().map(|(_, d)| d).sum();
        assert!((sum - p.median).abs() < 1e-9);
        assert!(matches!(p.parts.last(), Some((Part::Dispute, d)) if (*d - 10.0).abs() < 0.02));
        assert_eq!(pay_day(100, 3.4, 0), 103);
        assert_eq!(pay_day(100, 3.5, 0), 104);
        assert_eq!(pay_day(100, -9.5, 0), 91);
        assert_eq!(pay_day(100, -20.0, 95), 95);
    }
}
