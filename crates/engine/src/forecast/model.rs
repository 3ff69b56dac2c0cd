//! The delay model: how many days after its due date an invoice is paid, learned from the paid
//! invoices known at a cut date.
//!
//! `delay = b0 + Σ adjustments + customer effect + spread × ε`
//!
//! - **Adjustments** (ridge least squares over indicators, [`super::regression`]): the amount band (cut
//!   at the 20th, 40th, 60th, 80th, 90th and 95th percentiles of the amounts, so that the largest invoices
//!   have a band of their own), the payment terms band (due date minus issue date), and the invoice's
//!   attributes as of its first event (the insights' drivers: segment, region, any column with a few
//!   values). Each level has its own coefficient shrunk towards 0 by λ = [`LEVEL_PSEUDO_INVOICES`]
//!   pseudo-invoices, so a new customer gets the prediction of invoices like theirs.
//! - **Customer effect**: the mean of the customer's residuals shrunk towards 0, `Σr / (n + k)`, with
//!   `k = σ²_within / τ²_between` estimated by one-way ANOVA (the Bühlmann credibility weight; partial
//!   pooling of a random-intercept model, Gelman & Hill, *Data Analysis Using Regression and
//!   Multilevel/Hierarchical Models*, 2007, §12.2). Fitted by alternating the two steps.
//! - **Spread** per customer: the variance of their residuals, shrunk on the log scale towards the
//!   typical customer's by empirical Bayes, plus the uncertainty of their effect; **ε** is drawn from the
//!   pool (of invoices located like this one, [`Pools`]) of leave-one-out
//!   standardised residuals (each paid invoice's residual under its customer's effect and spread computed
//!   without it), so intervals carry the error of a prediction, not of a fit.
//! - **Open invoices** at the cut are censored (paid later than the cut day, how much later unknown): the
//!   overdue ones enter the second fit at their expected delay given that they were still unpaid
//!   (Buckley & James, Biometrika 1979), so slow customers are not judged on their fast invoices only.
//!   Written-off, cancelled and credited invoices are left out: the delay is the delay of paid invoices.
//!   So are disputed ones when the log records resolutions: a dispute holds the payment until it is
//!   resolved ([`super::dispute`]), which is no habit of the customer's.

use super::features::NO_CUSTOMER;
use super::regression::{least_squares, Fit, Rows};
use crate::analysis::bands::Bands;
use crate::insights::drivers::Driver;
use serde::{Deserialize, Serialize};

/// λ of the adjustments: a level seen on this many invoices moves halfway to its own mean.
pub const LEVEL_PSEUDO_INVOICES: f64 = 20.0;
/// Added to a residual variance (days²) before its logarithm: a customer paid to the day every time
/// still has a finite log-variance.
const LOG_VARIANCE_FLOOR: f64 = 0.25;
/// Smallest spread, days (an invoice paid to the day every time still gets an interval).
const MIN_SPREAD_DAYS: f64 = 1.0;
/// Alternations of adjustments and customer effects.
const ALTERNATIONS: usize = 6;

/// Amount bands: cut at these percentiles of the amounts.
const AMOUNT_PERCENTILES: [f64; 6] = [20.0, 40.0, 60.0, 80.0, 90.0, 95.0];

/// Payment terms bands, days from issue to due: up to 15, 16–35, 36–50, 51–75, over 75.
const TERMS_CUTS: [i64; 4] = [16, 36, 51, 76];

/// What an indicator column stands for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Column {
    /// The amount band: from `low` (inclusive) to `high` (exclusive); open ends are `null`.
    Amount {
        /// Lower bound.
        low: Option<f64>,
        /// Upper bound.
        high: Option<f64>,
    },
    /// Payment terms (issue to due) from `low` to `high` days, inclusive; `high` `null` for the last band.
    Terms {
        /// Fewest days.
        low: i64,
        /// Most days.
        high: Option<i64>,
    },
    /// An attribute of the invoice as of its first event.
    Attribute {
        /// Column name as in the file.
        name: String,
        /// The value (or group of values: "other", "(missing)").
        value: String,
    },
}

/// Turns an invoice's features into indicator columns.
#[derive(Debug, Clone)]
pub struct Encoder {
    /// Every column.
    pub columns: Vec<Column>,
    amount: Option<Bands>,
    amount_at: usize,
    terms_at: usize,
    drivers: Vec<(Driver, usize)>,
}

/// An invoice's features for the encoder.
#[derive(Debug, Clone, Copy)]
pub struct Features {
    /// The case (for its attributes).
    pub case: usize,
    /// Amount (`NaN` unknown).
    pub amount: f64,
    /// Due day minus issue day.
    pub terms_days: Option<i64>,
}

impl Encoder {
    /// The columns for these amounts (of the training invoices) and attributes.
    pub fn new(amounts: &[f64], drivers: Vec<Driver>) -> Encoder {
        let mut columns = Vec::new();
        let amount = Bands::at_percentiles(amounts, &AMOUNT_PERCENTILES);
        let amount_at = columns.len();
        if let Some(b) = &amount {
            for i in 0..b.len() {
                let (low, high) = b.bounds(i);
                columns.push(Column::Amount { low, high });
            }
        }
        let terms_at = columns.len();
        let mut low = 0;
        for &cut in TERMS_CUTS.iter() {
            columns.push(Column::Terms {
                low,
                high: Some(cut - 1),
            });
            low = cut;
        }
        columns.push(Column::Terms { low, high: None });
        let mut placed = Vec::with_capacity(drivers.len());
        for d in drivers {
            let at = columns.len();
            for v in &d.levels {
                columns.push(Column::Attribute {
                    name: d.attribute.clone(),
                    value: v.clone(),
                });
            }
            placed.push((d, at));
        }
        Encoder {
            columns,
            amount,
            amount_at,
            terms_at,
            drivers: placed,
        }
    }

    /// Most columns one invoice can have set.
    pub fn stride(&self) -> usize {
        2 + self.drivers.len()
    }

    /// The columns set for an invoice.
    pub fn encode(&self, f: &Features, out: &mut Vec<u32>) {
        out.clear();
        if let (Some(b), true) = (&self.amount, f.amount.is_finite()) {
            out.push((self.amount_at + b.band(f.amount)) as u32);
        }
        if let Some(t) = f.terms_days {
            let band = TERMS_CUTS.partition_point(|&c| c <= t);
            out.push((self.terms_at + band) as u32);
        }
        for (d, at) in &self.drivers {
            if let Some(&l) = d.level.get(f.case) {
                if (l as usize) < d.levels.len() {
                    out.push((at + l as usize) as u32);
                }
            }
        }
    }
}

/// One invoice of the training set.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Delay in days (paid), or the last day it was known unpaid, relative to the due day (censored).
    pub delay: f64,
    /// Customer id.
    pub customer: u32,
    /// Paid (the delay is observed) or still open (paid later than `delay`).
    pub paid: bool,
}

/// What the model knows of one customer.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CustomerFit {
    /// Paid invoices in the training set.
    pub paid: u32,
    /// Open overdue invoices in the training set (imputed).
    pub open: u32,
    /// Shrunk effect, days.
    pub effect: f64,
    /// Spread, days.
    pub spread: f64,
    /// Median delay of their paid invoices, days.
    pub median_delay: f64,
}

/// A fitted delay model.
#[derive(Debug, Clone)]
pub struct DelayModel {
    /// Intercept and adjustments.
    pub fit: Fit,
    /// Per customer id.
    pub customers: Vec<CustomerFit>,
    /// The credibility constant `k`.
    pub k: f64,
    /// Spread of an invoice without customer history, days.
    pub spread: f64,
    /// Typical spread of a customer's delays around their habit, days.
    pub typical_spread: f64,
    /// Sorted leave-one-out standardised residuals of the paid invoices.
    pub pool: Vec<f64>,
    /// The same, by location.
    pub pools: Pools,
    /// Sorted delays of the paid invoices.
    pub delays: Vec<f64>,
}

/// A prediction before conditioning: location, spread and the parts of the location.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    /// Mean delay, days.
    pub mean: f64,
    /// Spread, days.
    pub spread: f64,
    /// The intercept.
    pub base: f64,
    /// `(column, coefficient)` of each column set.
    pub adjustments: Vec<(usize, f64)>,
    /// The customer's effect (0 without a customer).
    pub customer_effect: f64,
}

impl DelayModel {
    /// Fits the model. `rows[i]` are the columns of `samples[i]`; `customers` is the number of customer
    /// ids. `None` when fewer than `min_paid` samples are paid.
    pub fn fit(
        rows: &Rows,
        samples: &[Sample],
        customers: usize,
        min_paid: usize,
    ) -> Option<DelayModel> {
        let paid = samples.iter().filter(|s| s.paid).count();
        if paid < min_paid.max(2) {
            return None;
        }
        let observed: Vec<f64> = samples
            .iter()
            .map(|s| if s.paid { 1.0 } else { 0.0 })
            .collect();
        let y: Vec<f64> = samples.iter().map(|s| s.delay).collect();
        let first = fit_once(rows, &y, &observed, samples, customers)?;
        // Buckley–James: each open overdue invoice at its expected delay given it is later than its
        // last unpaid day; those the model cannot place (later than any paid one) stay out.
        let mut y2 = y.clone();
        let mut w2 = observed.clone();
        for (i, s) in samples.iter().enumerate() {
            if s.paid {
                continue;
            }
            let loc = first.location(rows.row(i).map(|c| c as u32), s.customer);
            if let Some(m) = first.conditional_mean(&loc, s.delay + 0.5) {
                y2[i] = m;
                w2[i] = 1.0;
            }
        }
        let mut model = fit_once(rows, &y2, &w2, samples, customers)?;
        for (i, s) in samples.iter().enumerate() {
            if let Some(c) = model.customers.get_mut(s.customer as usize) {
                if !s.paid && w2[i] > 0.0 {
                    c.open += 1;
                }
            }
        }
        Some(model)
    }

    /// The location and spread of an invoice's delay from its columns and customer.
    pub fn location(&self, cols: impl Iterator<Item = u32>, customer: u32) -> Location {
        let adjustments: Vec<(usize, f64)> = cols
            .filter_map(|c| self.fit.beta.get(c as usize).map(|&b| (c as usize, b)))
            .collect();
        let c = self.customer(customer);
        let (customer_effect, spread) = match c {
            Some(c) => (c.effect, c.spread),
            None => (0.0, self.spread),
        };
        Location {
            mean: self.fit.intercept
                + adjustments.iter().map(|(_, b)| b).sum::<f64>()
                + customer_effect,
            spread,
            base: self.fit.intercept,
            adjustments,
            customer_effect,
        }
    }

    /// The customer's fit, if the training set had them.
    pub fn customer(&self, id: u32) -> Option<&CustomerFit> {
        if id == NO_CUSTOMER {
            return None;
        }
        self.customers
            .get(id as usize)
            .filter(|c| c.paid + c.open > 0)
    }

    /// Mean delay given that it is above `threshold`, from the residual pool; `None` when fewer than
    /// [`super::predict::MIN_TAIL`] residuals lie beyond.
    pub fn conditional_mean(&self, loc: &Location, threshold: f64) -> Option<f64> {
        let e = (threshold - loc.mean) / loc.spread;
        let (n, sum) = self.pools.tail(loc.mean, e);
        if n < super::predict::MIN_TAIL {
            return None;
        }
        Some(loc.mean + loc.spread * sum / n as f64)
    }
}

/// One fit: alternate the adjustments and the customer effects, then the spreads and the residual pool.
/// `w` 0 leaves a sample out; the pool takes the paid samples only.
fn fit_once(
    rows: &Rows,
    y: &[f64],
    w: &[f64],
    samples: &[Sample],
    customers: usize,
) -> Option<DelayModel> {
    let n = samples.len();
    let mut effect = vec![0.0; customers];
    let mut k = f64::INFINITY;
    let mut fit = None;
    let mut target = vec![0.0; n];
    let mut resid = vec![0.0; n];
    for _ in 0..ALTERNATIONS {
        for i in 0..n {
            target[i] = y[i] - customer_effect(&effect, samples[i].customer);
        }
        let f = least_squares(rows, &target, w, LEVEL_PSEUDO_INVOICES)?;
        for i in 0..n {
            resid[i] = y[i] - rows.predict(i, &f);
        }
        let sums = CustomerSums::of(&resid, w, samples, customers);
        k = sums.credibility();
        for (c, e) in effect.iter_mut().enumerate() {
            *e = sums.sum[c] / (sums.n[c] + k);
        }
        fit = Some(f);
    }
    let fit = fit?;
    let sums = CustomerSums::of(&resid, w, samples, customers);
    // Pooled spread: residuals around each customer's effect.
    let (mut sq, mut wt) = (0.0, 0.0);
    for i in 0..n {
        if w[i] > 0.0 {
            let e = resid[i] - customer_effect(&effect, samples[i].customer);
            sq += w[i] * e * e;
            wt += w[i];
        }
    }
    let pooled_var = (sq / wt.max(1.0)).max(MIN_SPREAD_DAYS * MIN_SPREAD_DAYS);
    let prior = SpreadPrior::of(&sums, &effect, pooled_var, k);
    let mut fits = vec![CustomerFit::default(); customers];
    for c in 0..customers {
        let (s, q, m) = (sums.sum[c], sums.sq[c], sums.n[c]);
        let u = effect[c];
        // Σ (r − u)² = Q − 2uS + n u².
        fits[c].effect = u;
        fits[c].spread = prior.spread((q - 2.0 * u * s + m * u * u).max(0.0), m);
    }
    let pooled = prior.spread(0.0, 0.0);
    let mut per_customer: Vec<Vec<f64>> = vec![Vec::new(); customers];
    // (location without the invoice, standardised residual) of each paid invoice.
    let mut residuals: Vec<(f64, f64)> = Vec::with_capacity(n);
    let mut delays = Vec::with_capacity(n);
    for i in 0..n {
        let s = &samples[i];
        if !s.paid {
            continue;
        }
        delays.push(y[i]);
        let r = resid[i];
        let fixed = y[i] - r;
        let (location, z) = match s.customer {
            c if (c as usize) < customers => {
                let c = c as usize;
                per_customer[c].push(y[i]);
                fits[c].paid += 1;
                // Leave this invoice out of its customer's effect and spread.
                let (s_, q_, m_) = (sums.sum[c] - r, sums.sq[c] - r * r, sums.n[c] - 1.0);
                let u = s_ / (m_ + k);
                let spread = prior.spread((q_ - 2.0 * u * s_ + m_ * u * u).max(0.0), m_);
                (fixed + u, (r - u) / spread)
            }
            _ => (fixed, r / pooled),
        };
        if z.is_finite() && location.is_finite() {
            residuals.push((location, z));
        }
    }
    for (c, mut v) in per_customer.into_iter().enumerate() {
        fits[c].median_delay = crate::analysis::stats::median_f64(&mut v);
    }
    let mut pool: Vec<f64> = residuals.iter().map(|&(_, z)| z).collect();
    pool.sort_by(f64::total_cmp);
    delays.sort_by(f64::total_cmp);
    Some(DelayModel {
        fit,
        customers: fits,
        k,
        spread: pooled,
        typical_spread: prior.within.sqrt(),
        pools: Pools::of(residuals),
        pool,
        delays,
    })
}

/// The residual pools by location: invoices expected early (prompt customers) and late (slow ones) do
/// not scatter alike, so each prediction draws from the residuals of the invoices whose location was
/// like its own: the paid invoices cut into up to [`MAX_POOLS`] groups of equal size by location, each
/// of at least [`MIN_POOL`] (conditional residual quantiles, FORECAST.md).
#[derive(Debug, Clone, Default)]
pub struct Pools {
    /// Upper location bound of each group but the last.
    bounds: Vec<f64>,
    /// Sorted standardised residuals of each group.
    groups: Vec<Vec<f64>>,
    /// For each group, `tails[k]` = the sum of its residuals from the `k`-th on (one more than the
    /// group: the last is 0), so a tail's mean costs a search, not a sum over the tail (the model's
    /// second fit asks it for every open overdue invoice).
    tails: Vec<Vec<f64>>,
}

/// Most residual pools.
const MAX_POOLS: usize = 4;
/// Fewest residuals in a pool.
const MIN_POOL: usize = 300;

impl Pools {
    fn of(mut residuals: Vec<(f64, f64)>) -> Pools {
        let n = residuals.len();
        if n == 0 {
            return Pools::default();
        }
        residuals.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let k = (n / MIN_POOL).clamp(1, MAX_POOLS);
        let mut out = Pools::default();
        for g in 0..k {
            let (lo, hi) = (g * n / k, (g + 1) * n / k);
            let mut z: Vec<f64> = residuals[lo..hi].iter().map(|&(_, z)| z).collect();
            z.sort_by(f64::total_cmp);
            let mut tails = vec![0.0; z.len() + 1];
            for k in (0..z.len()).rev() {
                tails[k] = tails[k + 1] + z[k];
            }
            out.tails.push(tails);
            out.groups.push(z);
            if g + 1 < k {
                out.bounds
                    .push(0.5 * (residuals[hi - 1].0 + residuals[hi].0));
            }
        }
        out
    }

    /// The pool for an invoice with this location.
    pub fn get(&self, location: f64) -> &[f64] {
        let g = self.bounds.partition_point(|&b| b <= location);
        self.groups.get(g).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// The residuals above `e` in the pool for this location: how many, and their sum.
    pub fn tail(&self, location: f64, e: f64) -> (usize, f64) {
        let g = self.bounds.partition_point(|&b| b <= location);
        let (Some(pool), Some(tails)) = (self.groups.get(g), self.tails.get(g)) else {
            return (0, 0.0);
        };
        let k = pool.partition_point(|&z| z <= e);
        (pool.len() - k, tails.get(k).copied().unwrap_or(0.0))
    }

    /// Number of pools.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// The customers' spreads, by empirical Bayes on the log of each one's residual variance (Bühlmann
/// credibility on `ln s²`, whose sampling variance is about `2 / (n − 1)`; Cook & Lin, *Statistical
/// Science* 2001, on shrinking variances): customers differ in how erratic they are (prompt payers
/// hardly vary, slow ones a lot), so a customer's spread leans on their own invoices as far as their
/// number allows. A prediction's spread adds the uncertainty of the customer's effect, `σ² / (n + k)`,
/// so a new customer's delay spreads over the customers' habits as well.
struct SpreadPrior {
    mean_log: f64,
    tau2: f64,
    /// Typical within-customer variance, `exp(mean_log)`.
    within: f64,
    k: f64,
}

impl SpreadPrior {
    fn of(sums: &CustomerSums, effect: &[f64], pooled_var: f64, k: f64) -> SpreadPrior {
        let mut logs = Vec::new();
        let mut sampling = Vec::new();
        for (c, &u) in effect.iter().enumerate() {
            let n = sums.n[c];
            if n < 2.0 {
                continue;
            }
            let ss = (sums.sq[c] - 2.0 * u * sums.sum[c] + n * u * u).max(0.0);
            logs.push((ss / (n - 1.0) + LOG_VARIANCE_FLOOR).ln());
            sampling.push(2.0 / (n - 1.0));
        }
        if logs.len() < 3 {
            return SpreadPrior {
                mean_log: pooled_var.ln(),
                tau2: 0.0,
                within: pooled_var,
                k,
            };
        }
        let c = logs.len() as f64;
        let mean_log = logs.iter().sum::<f64>() / c;
        let total = logs.iter().map(|l| (l - mean_log).powi(2)).sum::<f64>() / (c - 1.0);
        let tau2 = (total - sampling.iter().sum::<f64>() / c).max(0.0);
        SpreadPrior {
            mean_log,
            tau2,
            within: mean_log.exp(),
            k,
        }
    }

    /// The spread of a prediction for a customer with `n` invoices whose residuals around their
    /// effect have the sum of squares `ss` (n = 0: a new customer).
    fn spread(&self, ss: f64, n: f64) -> f64 {
        let own = if n >= 2.0 {
            let l = (ss / (n - 1.0) + LOG_VARIANCE_FLOOR).ln();
            let w = self.tau2 / (self.tau2 + 2.0 / (n - 1.0));
            (self.mean_log + w * (l - self.mean_log)).exp()
        } else {
            self.within
        };
        let location = if self.k.is_finite() {
            own / (n + self.k)
        } else {
            0.0
        };
        (own + location).sqrt().max(MIN_SPREAD_DAYS)
    }
}

fn customer_effect(effect: &[f64], c: u32) -> f64 {
    effect.get(c as usize).copied().unwrap_or(0.0)
}

/// Per customer: weighted count, sum and sum of squares of residuals.
struct CustomerSums {
    n: Vec<f64>,
    sum: Vec<f64>,
    sq: Vec<f64>,
}

impl CustomerSums {
    fn of(resid: &[f64], w: &[f64], samples: &[Sample], customers: usize) -> CustomerSums {
        let mut s = CustomerSums {
            n: vec![0.0; customers],
            sum: vec![0.0; customers],
            sq: vec![0.0; customers],
        };
        for (i, smp) in samples.iter().enumerate() {
            let c = smp.customer as usize;
            if c < customers && w[i] > 0.0 {
                s.n[c] += w[i];
                s.sum[c] += w[i] * resid[i];
                s.sq[c] += w[i] * resid[i] * resid[i];
            }
        }
        s
    }

    /// `k = σ²_within / τ²_between` by one-way ANOVA with unequal group sizes (the method of moments;
    /// Searle, Casella & McCulloch, *Variance Components*, 1992, §3.6); infinite (no customer effect)
    /// with fewer than two customers or no customer with two invoices.
    fn credibility(&self) -> f64 {
        let groups: Vec<usize> = (0..self.n.len()).filter(|&c| self.n[c] > 0.0).collect();
        let g = groups.len() as f64;
        let total: f64 = groups.iter().map(|&c| self.n[c]).sum();
        if g < 2.0 || total <= g {
            return f64::INFINITY;
        }
        let grand = groups.iter().map(|&c| self.sum[c]).sum::<f64>() / total;
        let mut ssw = 0.0;
        let mut ssb = 0.0;
        let mut sq_sizes = 0.0;
        for &c in &groups {
            let mean = self.sum[c] / self.n[c];
            ssw += (self.sq[c] - self.n[c] * mean * mean).max(0.0);
            ssb += self.n[c] * (mean - grand).powi(2);
            sq_sizes += self.n[c] * self.n[c];
        }
        let msw = ssw / (total - g);
        let msb = ssb / (g - 1.0);
        let n0 = (total - sq_sizes / total) / (g - 1.0);
        let tau2 = (msb - msw) / n0;
        if tau2 <= 0.0 || !tau2.is_finite() {
            return f64::INFINITY;
        }
        (msw / tau2).clamp(0.1, 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Customers with habits of −5, +10 and +30 days and 10 invoices each, a unit noise: each effect
    /// comes out near its habit minus the mean, shrunk a little; a new customer gets none.
    #[test]
    fn customer_habits_are_learned_and_shrunk() {
        let mut rows = Rows::new(1, 1);
        let mut samples = Vec::new();
        for (c, habit) in [(0u32, -5.0), (1, 10.0), (2, 30.0)] {
            for i in 0..10 {
                rows.push(&[]);
                samples.push(Sample {
                    delay: habit + [-1.0, 1.0][i % 2],
                    customer: c,
                    paid: true,
                });
            }
        }
        let m = DelayModel::fit(&rows, &samples, 4, 10).unwrap();
        let mean = 35.0 / 3.0;
        for (c, habit) in [(0, -5.0), (1, 10.0), (2, 30.0)] {
            let e = m.customers[c].effect;
            let want = habit - mean;
            assert!(
                (e - want).abs() < 0.1 * want.abs().max(1.0) && e.abs() <= want.abs() + 1e-9,
                "customer {c}: {e} vs {want}"
            );
            assert_eq!(m.customers[c].paid, 10);
        }
        let loc = m.location(std::iter::empty(), 1);
        assert!((loc.mean - 10.0).abs() < 0.5, "{loc:?}");
        // Every customer varies by ±1 day: about 1 day (the effect's uncertainty adds a little).
        assert!((loc.spread - 1.0).abs() < 0.3, "{loc:?}");
        let new = m.location(std::iter::empty(), 3);
        assert_eq!(new.customer_effect, 0.0);
        assert!((new.mean - mean).abs() < 0.5);
        assert_eq!(m.pool.len(), 30);
        assert!(DelayModel::fit(&rows, &samples, 4, 31).is_none());
    }

    /// An open invoice still unpaid 6 days after its due date, of a customer whose paid invoices took
    /// 2.5 to 7.5 days, raises their effect (Buckley–James): it is paid later than 6 days.
    #[test]
    fn open_overdue_invoices_count_as_late() {
        let mut rows = Rows::new(1, 1);
        let mut samples = Vec::new();
        for c in 0..30u32 {
            for i in 0..6 {
                rows.push(&[]);
                samples.push(Sample {
                    delay: 5.0 + (c % 3) as f64 * 5.0 + (i as f64 - 2.5),
                    customer: c,
                    paid: true,
                });
            }
        }
        let before = DelayModel::fit(&rows, &samples, 30, 10).unwrap();
        rows.push(&[]);
        samples.push(Sample {
            delay: 6.0,
            customer: 0,
            paid: false,
        });
        let after = DelayModel::fit(&rows, &samples, 30, 10).unwrap();
        assert!(after.customers[0].effect > before.customers[0].effect);
        assert_eq!(after.customers[0].open, 1);
    }
}
