//! The walk-forward backtest: the forecast made at past cut dates, each from what was known then,
//! scored against what happened by the as-of date.
//!
//! Cut dates run back from `horizon_days` before the as-of date, `cutoff_spacing_days` apart, so every
//! cut has at least the horizon (13 weeks) of outcomes after it. Each cut learns from the events before
//! it only ([`super::cut::Cut`]) and predicts the invoices open then; its scores use what happened
//! up to the as-of date and nothing after, like the forecast itself. Scores, over every cut together:
//!
//! - **Dates**: mean absolute error in days of the median date against the two baselines (the due date,
//!   or the next day when already overdue; the due date plus the customer's average delay, everyone's
//!   for a new customer, never before the next day), over the invoices paid by the as-of date; the
//!   share within ±3 and ±7 days. Invoices still open at the as-of date have no date to compare and are
//!   counted apart; so are those written off.
//! - **80 % interval**: the share of paid invoices whose payment day fell within it; an invoice still
//!   open at the as-of date whose interval ended before counts as a miss.
//! - **Late probability**: on invoices not yet due at the cut whose outcome is known (paid, written off,
//!   or unpaid past its due date by the as-of date): the Brier score against the baseline (the
//!   customer's late share smoothed towards everyone's, `(late + 2 g) / (closed + 2)`), and a
//!   reliability table: ten bands of predicted probability, each with its observed share and Wilson 95 %
//!   interval (Wilson, JASA 1927).
//! - **Write-off probability** (within the horizon): Brier score on the invoices open at the cut,
//!   against the share written off in the model's own training rows.
//! - **Cash band**: how often a week's cash from the cut's open invoices fell within the simulated
//!   band, and how much wider it would have had to be to hold 80 % of the weeks: the forecast's band is
//!   widened by that much (the simulations draw invoices independently; customers' invoices, and the
//!   model's own error, move together).

use super::cash::{self, Inflow};
use super::cut::Cut;
use super::features::{day_of, Book, Closure, State};
use super::text;
use super::ForecastOptions;
use crate::calendar::{format_date, MS_PER_DAY};
use crate::collections::RoleMap;
use crate::import::Message;
use crate::insights::stats::wilson;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// Fewest dated invoices for the date scores.
pub const MIN_EVALUATED: u64 = 10;
/// Fewest backtest weeks to widen the cash band from them.
pub const MIN_BAND_WEEKS: usize = 10;
/// Widest widening of the cash band.
const MAX_BAND_SCALE: f64 = 10.0;

/// One of the two baselines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// Paid on the due date.
    DueDate,
    /// Due date plus the customer's average delay.
    CustomerAverage,
}

/// A band of predicted late probability and what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReliabilityBin {
    /// Lowest probability of the band.
    pub low: f64,
    /// Highest (exclusive, but 1 is in the last band).
    pub high: f64,
    /// Invoices.
    pub invoices: u64,
    /// Mean predicted probability.
    pub mean_predicted: f64,
    /// Share late.
    pub observed: f64,
    /// Wilson 95 % interval of the share late.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
}

/// The scores of one cut date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutoffScore {
    /// The cut date.
    pub cutoff: String,
    /// Invoices open at the cut.
    pub open_invoices: u64,
    /// Of which paid by the as-of date with a model date (the date scores' invoices).
    pub invoices: u64,
    /// Model.
    pub mae_days: Option<f64>,
    /// Due-date baseline.
    pub baseline_due_mae_days: Option<f64>,
    /// Customer-average baseline.
    pub baseline_customer_mae_days: Option<f64>,
    /// 80 % interval coverage.
    pub coverage_80: Option<f64>,
}

/// The backtest shown with every forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// Cut dates scored, oldest first.
    pub cutoffs: Vec<String>,
    /// Mean absolute error of the forecast's dates, days.
    pub mae_days: Option<f64>,
    /// The same for "paid on the due date".
    pub baseline_due_mae_days: Option<f64>,
    /// The same for "due date plus the customer's average delay".
    pub baseline_customer_mae_days: Option<f64>,
    /// Brier score of the late probability.
    pub brier: Option<f64>,
    /// Brier score of the baseline late probability.
    pub baseline_brier: Option<f64>,
    /// Share of payment days within the 80 % interval.
    pub coverage_80: Option<f64>,
    /// Whether the scores are available.
    pub available: bool,
    /// Why not.
    pub unavailable: Option<Message>,
    /// Days of outcomes after every cut.
    pub horizon_days: i64,
    /// Invoices behind the date scores (open at a cut, paid by the as-of date, dated by the model).
    pub invoices: u64,
    /// Open at a cut and still open at the as-of date: no date to compare.
    pub still_open: u64,
    /// Open at a cut and written off by the as-of date.
    pub written_off: u64,
    /// Open at a cut, paid, but not dated by the model (no due date, later than its history).
    pub not_dated: u64,
    /// Share of the forecast's dates within 3 days.
    pub within_3_days: Option<f64>,
    /// Within 7 days.
    pub within_7_days: Option<f64>,
    /// Due-date baseline within 7 days.
    pub baseline_due_within_7_days: Option<f64>,
    /// Customer-average baseline within 7 days.
    pub baseline_customer_within_7_days: Option<f64>,
    /// Invoices behind the coverage (the dated ones plus the still-open certain misses).
    pub coverage_invoices: u64,
    /// Invoices behind the Brier scores.
    pub late_invoices: u64,
    /// Reliability of the late probability.
    pub reliability: Vec<ReliabilityBin>,
    /// Brier score of the write-off probability.
    pub write_off_brier: Option<f64>,
    /// Brier score of the training share written off.
    pub write_off_baseline_brier: Option<f64>,
    /// Invoices behind the write-off Brier scores.
    pub write_off_invoices: u64,
    /// Share of weeks whose cash fell within the band.
    pub cash_band_coverage: Option<f64>,
    /// Weeks behind it.
    pub cash_weeks: u64,
    /// How much the forecast's cash band is widened about its middle so that it would have
    /// held 80 % of these weeks (1: the simulated band already did); `null` with fewer than
    /// [`MIN_BAND_WEEKS`] weeks.
    pub cash_band_scale: Option<f64>,
    /// The baseline with the smaller error.
    pub better_baseline: Option<Baseline>,
    /// Whether the forecast's error is smaller than the better baseline's.
    pub beats_baseline: Option<bool>,
    /// `1 − mae / better baseline's mae`.
    pub improvement: Option<f64>,
    /// The verdict in a sentence.
    pub verdict: Option<Message>,
    /// Each cut's scores.
    pub per_cutoff: Vec<CutoffScore>,
}

/// Running sums of one score.
#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    sum: f64,
    n: u64,
}

impl Mean {
    fn add(&mut self, x: f64) {
        self.sum += x;
        self.n += 1;
    }
    fn get(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// One past cut: its model, its predictions for the invoices open then, which of them went into the
/// cash simulation, and the simulated weeks.
struct CutRun<'a> {
    cut: Cut<'a>,
    predictions: Vec<super::cut::Prediction>,
    in_cash: Vec<bool>,
    weeks: Vec<cash::Week>,
}

/// Runs the backtest. `finals` are the records' states at the as-of date (`until`).
pub fn run(
    log: &EventLog,
    map: &RoleMap,
    book: &Book,
    finals: &[State],
    until: i64,
    write_off_role: bool,
    opts: &ForecastOptions,
) -> Backtest {
    let as_of_day = day_of(until - 1);
    let mut b = empty(opts);
    let (mut mae, mut due_mae, mut cust_mae) = (Mean::default(), Mean::default(), Mean::default());
    let (mut w3, mut w7, mut due7, mut cust7) = (
        Mean::default(),
        Mean::default(),
        Mean::default(),
        Mean::default(),
    );
    let mut covered = Mean::default();
    let (mut brier, mut base_brier) = (Mean::default(), Mean::default());
    let (mut wo_brier, mut wo_base) = (Mean::default(), Mean::default());
    let mut cash_hits = Mean::default();
    let mut band_scales: Vec<f64> = Vec::new();
    let mut bins = vec![(0u64, 0u64, 0.0f64); 10];
    let first_issue = finals.iter().filter_map(|s| s.issued).min();
    let amounts = has_amounts(book, until);
    let cut_days: Vec<i64> = (0..opts.cutoffs as i64)
        .rev()
        .map(|j| as_of_day - opts.horizon_days - opts.cutoff_spacing_days * j)
        .filter(|&cut_day| first_issue.is_some_and(|t| day_of(t) < cut_day))
        .collect();
    // Each cut's model and predictions are its own: two cuts at once natively, scored in order. One
    // at a time in the browser's one-thread worker, so its peak memory stays one cut's.
    let at_once = if cfg!(target_arch = "wasm32") { 1 } else { 2 };
    for pair in cut_days.chunks(at_once) {
        let cuts = crate::parallel::map(pair, |_, &cut_day| {
            let cut = Cut::new(
                log,
                map,
                book,
                (cut_day + 1) * MS_PER_DAY,
                write_off_role,
                opts,
            );
            let predictions: Vec<super::cut::Prediction> = match cut.delay {
                Ok(_) => cut.open().map(|i| cut.predict(i)).collect(),
                Err(_) => Vec::new(),
            };
            // The cash of the cut's dated invoices, simulated week by week over the horizon.
            let mut in_cash = vec![false; predictions.len()];
            let weeks = {
                let mut inflows = Vec::new();
                for (k, p) in predictions.iter().enumerate() {
                    let weight = if amounts {
                        cut.states[p.record].amount
                    } else {
                        1.0
                    };
                    if let (Some(delay), Some(due), true) = (
                        cut.distribution(p),
                        cut.states[p.record].due_day,
                        weight.is_finite(),
                    ) {
                        in_cash[k] = true;
                        inflows.push(Inflow {
                            weight,
                            due_day: due,
                            p_write_off: p.p_write_off.unwrap_or(0.0),
                            delay,
                        });
                    }
                }
                cash::weeks(
                    &inflows,
                    cut.day,
                    (opts.horizon_days / 7).max(0) as usize,
                    opts.simulations,
                    opts.seed ^ cut.day as u64,
                )
            };
            CutRun {
                cut,
                predictions,
                in_cash,
                weeks,
            }
        });
        for run in &cuts {
            let CutRun {
                cut,
                predictions,
                in_cash,
                weeks: forecast,
            } = run;
            if cut.delay.is_err() {
                continue;
            }
            let cut_until = cut.until;
            let mut score = CutoffScore {
                cutoff: format_date(cut_until - 1),
                open_invoices: 0,
                invoices: 0,
                mae_days: None,
                baseline_due_mae_days: None,
                baseline_customer_mae_days: None,
                coverage_80: None,
            };
            let (mut m, mut dm, mut cm, mut cov) = (
                Mean::default(),
                Mean::default(),
                Mean::default(),
                Mean::default(),
            );
            let mut actual_day: Vec<(f64, i64)> = Vec::new();
            let wo_base_rate = cut
                .write_off
                .as_ref()
                .ok()
                .map(|w| w.written_off as f64 / w.rows.max(1) as f64);
            for (p, &dated) in predictions.iter().zip(in_cash) {
                let i = p.record;
                score.open_invoices += 1;
                let outcome = finals[i].closed;
                let days = cut.days(p);
                // Late probability, on invoices not yet due at the cut.
                if let (Some(a), Some(pl), Some(bl), Some(due)) =
                    (p.overdue, p.p_late, p.baseline_p_late, finals[i].due_day)
                {
                    let late = match outcome {
                        Some((Closure::Paid, t)) => Some(day_of(t) > due),
                        Some((Closure::WrittenOff, _)) => Some(true),
                        Some((Closure::Otherwise, _)) => None,
                        None => (as_of_day >= due).then_some(true),
                    };
                    if let (true, Some(late)) = (a < 0, late) {
                        let y = f64::from(u8::from(late));
                        brier.add((pl - y).powi(2));
                        base_brier.add((bl - y).powi(2));
                        let bin = ((pl * 10.0) as usize).min(9);
                        bins[bin].0 += 1;
                        bins[bin].1 += u64::from(late);
                        bins[bin].2 += pl;
                    }
                }
                // Write-off within the horizon after the cut (known: the as-of date is at least that far).
                if let (Some(pw), Some(base)) = (p.p_write_off, wo_base_rate) {
                    let window_end = cut_until + opts.horizon_days * MS_PER_DAY;
                    let y = f64::from(u8::from(matches!(
                        outcome,
                        Some((Closure::WrittenOff, t)) if t < window_end
                    )));
                    wo_brier.add((pw - y).powi(2));
                    wo_base.add((base - y).powi(2));
                }
                match outcome {
                    Some((Closure::Paid, t)) => {
                        let paid_day = day_of(t);
                        let Some((median, lo, hi)) = days else {
                            b.not_dated += 1;
                            continue;
                        };
                        let err = (median - paid_day).abs() as f64;
                        m.add(err);
                        w3.add(f64::from(u8::from(err <= 3.0)));
                        w7.add(f64::from(u8::from(err <= 7.0)));
                        cov.add(f64::from(u8::from(lo <= paid_day && paid_day <= hi)));
                        if let Some(d) = p.baseline_due_day {
                            let e = (d - paid_day).abs() as f64;
                            dm.add(e);
                            due7.add(f64::from(u8::from(e <= 7.0)));
                        }
                        if let Some(d) = p.baseline_customer_day {
                            let e = (d - paid_day).abs() as f64;
                            cm.add(e);
                            cust7.add(f64::from(u8::from(e <= 7.0)));
                        }
                    }
                    Some((Closure::WrittenOff, _)) => b.written_off += 1,
                    Some((Closure::Otherwise, _)) => {}
                    None => {
                        b.still_open += 1;
                        // Still unpaid at the as-of date: an interval that ended before it missed.
                        if let Some((_, _, hi)) = days {
                            if hi <= as_of_day {
                                cov.add(0.0);
                            }
                        }
                    }
                }
                // When the cash of the cut's dated invoices really came.
                if let (true, Some((Closure::Paid, t))) = (dated, outcome) {
                    let weight = if amounts { cut.states[i].amount } else { 1.0 };
                    actual_day.push((weight, day_of(t)));
                }
            }
            // Weekly cash over the horizon (every week ends by the as-of date).
            for w in forecast {
                if w.first_day + 6 > as_of_day {
                    continue;
                }
                let got: f64 = actual_day
                    .iter()
                    .filter(|(_, d)| (w.first_day..w.first_day + 7).contains(d))
                    .map(|(x, _)| x)
                    .sum();
                cash_hits.add(f64::from(u8::from(w.low <= got && got <= w.high)));
                // How much wider the band would have had to be to hold this week.
                band_scales.push(w.reach(got, MAX_BAND_SCALE));
            }
            score.invoices = m.n;
            score.mae_days = m.get();
            score.baseline_due_mae_days = dm.get();
            score.baseline_customer_mae_days = cm.get();
            score.coverage_80 = cov.get();
            mae.sum += m.sum;
            mae.n += m.n;
            due_mae.sum += dm.sum;
            due_mae.n += dm.n;
            cust_mae.sum += cm.sum;
            cust_mae.n += cm.n;
            covered.sum += cov.sum;
            covered.n += cov.n;
            b.cutoffs.push(score.cutoff.clone());
            b.per_cutoff.push(score);
        }
    }
    b.invoices = mae.n;
    if b.cutoffs.is_empty() || mae.n < MIN_EVALUATED {
        b.unavailable = Some(text::message(
            "fc-na-backtest",
            vec![
                ("horizon".into(), opts.horizon_days.to_string()),
                ("min".into(), MIN_EVALUATED.to_string()),
                ("min_paid".into(), opts.min_paid_invoices.to_string()),
            ],
        ));
        b.cutoffs.clear();
        b.per_cutoff.clear();
        return b;
    }
    b.available = true;
    b.mae_days = mae.get();
    b.baseline_due_mae_days = due_mae.get();
    b.baseline_customer_mae_days = cust_mae.get();
    b.within_3_days = w3.get();
    b.within_7_days = w7.get();
    b.baseline_due_within_7_days = due7.get();
    b.baseline_customer_within_7_days = cust7.get();
    b.coverage_80 = covered.get();
    b.coverage_invoices = covered.n;
    b.brier = brier.get();
    b.baseline_brier = base_brier.get();
    b.late_invoices = brier.n;
    b.write_off_brier = wo_brier.get();
    b.write_off_baseline_brier = wo_base.get();
    b.write_off_invoices = wo_brier.n;
    b.cash_band_coverage = cash_hits.get();
    b.cash_weeks = cash_hits.n;
    if band_scales.len() >= MIN_BAND_WEEKS {
        b.cash_band_scale =
            Some(crate::analysis::stats::percentile_f64(&mut band_scales, 80.0).max(1.0));
    }
    b.reliability = bins
        .iter()
        .enumerate()
        .filter(|(_, (n, _, _))| *n > 0)
        .map(|(i, &(n, late, sum))| {
            let (ci_low, ci_high) = wilson(late, n);
            ReliabilityBin {
                low: i as f64 / 10.0,
                high: (i + 1) as f64 / 10.0,
                invoices: n,
                mean_predicted: sum / n as f64,
                observed: late as f64 / n as f64,
                ci_low,
                ci_high,
            }
        })
        .collect();
    if let (Some(model), Some(d), Some(c)) = (
        b.mae_days,
        b.baseline_due_mae_days,
        b.baseline_customer_mae_days,
    ) {
        let (which, best) = if c <= d {
            (Baseline::CustomerAverage, c)
        } else {
            (Baseline::DueDate, d)
        };
        b.better_baseline = Some(which);
        b.beats_baseline = Some(model < best);
        b.improvement = (best > 0.0).then(|| 1.0 - model / best);
        b.verdict = Some(text::verdict(
            model,
            which,
            best,
            b.cutoffs.len(),
            model < best,
        ));
    }
    b
}

/// A backtest with no cut scored yet.
pub fn empty(opts: &ForecastOptions) -> Backtest {
    Backtest {
        cutoffs: Vec::new(),
        mae_days: None,
        baseline_due_mae_days: None,
        baseline_customer_mae_days: None,
        brier: None,
        baseline_brier: None,
        coverage_80: None,
        available: false,
        unavailable: None,
        horizon_days: opts.horizon_days,
        invoices: 0,
        still_open: 0,
        written_off: 0,
        not_dated: 0,
        within_3_days: None,
        within_7_days: None,
        baseline_due_within_7_days: None,
        baseline_customer_within_7_days: None,
        coverage_invoices: 0,
        late_invoices: 0,
        reliability: Vec::new(),
        write_off_brier: None,
        write_off_baseline_brier: None,
        write_off_invoices: 0,
        cash_band_coverage: None,
        cash_weeks: 0,
        cash_band_scale: None,
        better_baseline: None,
        beats_baseline: None,
        improvement: None,
        verdict: None,
        per_cutoff: Vec::new(),
    }
}

/// Whether the book has amounts known before `until` (then cash is money, else invoice counts).
pub fn has_amounts(book: &Book, until: i64) -> bool {
    book.records
        .iter()
        .any(|r| r.amount.before(until).is_some_and(f64::is_finite))
}
