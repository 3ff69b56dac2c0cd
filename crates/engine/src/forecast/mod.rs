//! The open book: when each open invoice will be paid, the cash expected per week, and how well the same
//! forecast did on the log's own past.
//!
//! # Steps
//! 1. **Read** ([`features`]): every invoice's dated steps and values, each with when it became known;
//!    the state of an invoice at an instant reads only what was known before it.
//! 2. **Learn at a cut** ([`cut`]): the delay model ([`model`]: shrunk customer effects plus additive
//!    adjustments, fitted by [`regression`]) from the invoices paid before the cut, how long disputes
//!    hold payments ([`dispute`]), the write-off model ([`write_off`]: logistic regression on past
//!    landmark dates), the baselines' inputs.
//! 3. **Predict** ([`predict`]): for each invoice open at the as-of date, its delay distribution given
//!    that it is still unpaid: the median date, the 80 % interval, the late probability, and the parts
//!    of the date (reasons) that add up to it.
//! 4. **Cash** ([`cash`]): the 13 weeks after the as-of date, expected and a band.
//! 5. **Backtest** ([`backtest`]): the same at past cut dates, each from what was known then, scored
//!    against what happened: errors in days against two baselines, Brier score and reliability of the
//!    late probability, coverage of the interval.
//! 6. **Words** ([`text`]): every reason and verdict as a key and arguments, in English and French;
//!    the worklist as CSV for the collectors ([`worklist`]).
//!
//! # Leakage
//! Everything is read from events before the end of the as-of day; past cuts read events before the end
//! of their day. Changing or deleting an event after the as-of date changes no number of the forecast
//! (`tests/it/forecast.rs` checks it on random logs).
//!
//! # Honesty
//! A date that cannot be predicted is `null` with the reason (no due date, later than any invoice ever
//! paid, no payment history). The late probability of an invoice already past its due date is 1: it is
//! late whatever happens. If the backtest's dates are no better than a baseline's, the verdict says so
//! and each invoice carries the better baseline's date.
//!
//! ```
//! use relance_engine::{demo, forecast, import, collections::RoleMap, Selection};
//! let csv = demo::demo_csv(demo::DemoOptions { invoices: 3000, ..Default::default() });
//! let log = import::import_bytes(csv.as_bytes(), Default::default()).unwrap().log;
//! let map = RoleMap::guess(&log);
//! let f = forecast::forecast(&log, &Selection::all(&log), &map, &Default::default());
//! assert_eq!(f.as_of, "2025-07-31");
//! assert!(f.open_invoices.iter().any(|i| i.expected_payment_date.is_some()));
//! assert_eq!(f.cash_by_week.len(), 13);
//! assert_eq!(f.backtest.beats_baseline, Some(true));
//! ```

pub mod backtest;
pub mod cash;
pub mod cut;
pub mod dispute;
pub mod features;
pub mod model;
pub mod predict;
pub mod regression;
pub mod text;
pub mod worklist;
pub mod write_off;

pub use backtest::{Backtest, Baseline, CutoffScore, ReliabilityBin};
pub use model::Column;
pub use worklist::worklist_csv;

use crate::calendar::{format_date, MS_PER_DAY};
use crate::collections::availability::Found;
use crate::collections::facts::Context;
use crate::collections::{ActivityRole, RoleMap};
use crate::error::Error;
use crate::filter::Selection;
use crate::import::Message;
use crate::log::EventLog;
use cut::Cut;
use features::{day_of, Book, NO_CUSTOMER};
use predict::{Part, Source};
use serde::{Deserialize, Serialize};

/// A customer with fewer paid invoices than this has a thin history.
pub const THIN_HISTORY: u32 = 3;

/// Settings of the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForecastOptions {
    /// Any instant of the as-of day (UTC); default: the selection's last event.
    pub as_of_ms: Option<i64>,
    /// Past cut dates of the backtest.
    pub cutoffs: usize,
    /// Days between cut dates.
    pub cutoff_spacing_days: i64,
    /// Days of outcomes after the latest cut date (and the cash horizon of the backtest).
    pub horizon_days: i64,
    /// Weeks of cash.
    pub weeks: usize,
    /// Simulations behind the cash band.
    pub simulations: usize,
    /// Seed of the simulations.
    pub seed: u64,
    /// Fewest paid invoices with a due date to fit the model.
    pub min_paid_invoices: usize,
}

impl Default for ForecastOptions {
    fn default() -> Self {
        Self {
            as_of_ms: None,
            cutoffs: 4,
            cutoff_spacing_days: 30,
            horizon_days: 91,
            weeks: 13,
            simulations: 300,
            seed: 2024,
            min_paid_invoices: 30,
        }
    }
}

impl ForecastOptions {
    /// Checks the settings; the message names the one refused.
    pub fn validate(&self) -> Result<(), Error> {
        use crate::validate::{range_field, time_field};
        if let Some(t) = self.as_of_ms {
            time_field("as_of_ms", t)?;
        }
        range_field("cutoffs", self.cutoffs as f64, 0.0, 24.0)?;
        range_field(
            "cutoff_spacing_days",
            self.cutoff_spacing_days as f64,
            1.0,
            365.0,
        )?;
        range_field("horizon_days", self.horizon_days as f64, 7.0, 730.0)?;
        range_field("weeks", self.weeks as f64, 1.0, 104.0)?;
        range_field("simulations", self.simulations as f64, 0.0, 10_000.0)?;
        range_field(
            "min_paid_invoices",
            self.min_paid_invoices as f64,
            predict::MIN_TAIL as f64,
            1e6,
        )?;
        Ok(())
    }
}

/// A reason for an invoice's date: a part of its expected delay, in days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The sentence's key ([`text`]).
    pub key: String,
    /// Its arguments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
    /// The English sentence.
    pub text: String,
    /// Days this part adds to the delay after the due date (the base: the typical delay itself).
    pub days: f64,
}

/// One invoice open at the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenInvoice {
    /// The case id.
    pub case: String,
    /// The customer, as written in the file.
    pub customer: Option<String>,
    /// Amount.
    pub amount: Option<f64>,
    /// Due date.
    pub due_date: Option<String>,
    /// Probability of being paid after the due date or not at all (1 once past due).
    pub p_late: Option<f64>,
    /// Probability of a write-off within the next `horizon_days` (the cash horizon; `null` where the
    /// log has no write-offs to learn from).
    pub p_write_off: Option<f64>,
    /// Median payment date given that it was unpaid at the as-of date, if it is paid.
    pub expected_payment_date: Option<String>,
    /// 10th percentile.
    pub payment_date_p10: Option<String>,
    /// 90th percentile.
    pub payment_date_p90: Option<String>,
    /// The parts of the expected delay after the due date, the base first, then by size; their `days`
    /// add up to [`expected_days_after_due`](Self::expected_days_after_due).
    pub reasons: Vec<Reason>,
    /// Issue date.
    pub issued: String,
    /// Days from the due date to the as-of date (negative: not yet due).
    pub days_past_due: Option<i64>,
    /// Amount × probability late (`null` without an amount).
    pub amount_at_risk: Option<f64>,
    /// The median delay after the due date, days, unrounded.
    pub expected_days_after_due: Option<f64>,
    /// New customer, or fewer than [`THIN_HISTORY`] paid invoices: the date leans on similar invoices.
    pub thin_history: bool,
    /// The customer's paid invoices the model learned from.
    pub customer_paid_invoices: u32,
    /// A dispute is open.
    pub dispute_open: bool,
    /// Highest reminder level reached (0: none; 99: final notice).
    pub reminder_level: u8,
    /// Handed to a collection agency.
    pub agency: bool,
    /// The better baseline's date (the due date plus the customer's average delay, or the due date,
    /// whichever the backtest found closer; never before the day after the as-of date).
    pub baseline_payment_date: Option<String>,
    /// Where the date comes from: `model`, or `all_invoices` when the invoice is later than the model
    /// has seen for invoices like it.
    pub source: Option<DateSource>,
    /// Why there is no date.
    pub not_available: Option<Message>,
}

/// Where a date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The model: the invoice's location, its customer's spread, the residual pool.
    Model,
    /// Every paid invoice that was at least as late.
    AllInvoices,
}

/// One week of cash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CashWeek {
    /// First day.
    pub week_start: String,
    /// Last day.
    pub week_end: String,
    /// Expected cash.
    pub expected: f64,
    /// 10th percentile.
    pub low: f64,
    /// 90th percentile.
    pub high: f64,
}

/// What cash is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CashUnit {
    /// Amounts.
    Amount,
    /// Invoices (the log has no amounts).
    Invoices,
}

/// One adjustment of the delay model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    /// What it is.
    pub column: Column,
    /// In words.
    pub label: Message,
    /// Days it adds.
    pub days: f64,
    /// Training invoices with it.
    pub invoices: u64,
}

/// What the model learned, for the backtest card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    /// Paid invoices with a due date it learned from.
    pub paid_invoices: u64,
    /// Open overdue invoices counted at their expected delay.
    pub open_invoices_imputed: u64,
    /// Customers with paid invoices.
    pub customers: u64,
    /// Pseudo-invoices a customer's effect is shrunk with (`null`: customers do not differ).
    pub customer_pooling_invoices: Option<f64>,
    /// The intercept, days after the due date.
    pub typical_delay_days: f64,
    /// Typical spread of a customer's delays around their habit, days.
    pub spread_days: f64,
    /// Every adjustment, largest first.
    pub adjustments: Vec<Adjustment>,
    /// Landmark rows of the write-off model.
    pub write_off_rows: Option<u64>,
    /// Of which written off.
    pub write_off_written_off: Option<u64>,
}

/// A figure of the forecast that is not available, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    /// The figure (`forecast`, `p_write_off`, `backtest`, `customer_habits`).
    pub figure: String,
    /// Why.
    pub reason: Message,
}

/// Everything the forecast view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// The as-of date.
    pub as_of: String,
    /// Every invoice open at the end of the as-of day, by amount at risk (largest first).
    pub open_invoices: Vec<OpenInvoice>,
    /// Cash per week.
    pub cash_by_week: Vec<CashWeek>,
    /// The walk-forward backtest.
    pub backtest: Backtest,
    /// Whether dates could be predicted at all.
    pub available: bool,
    /// What is not available, and why.
    pub unavailable: Vec<Unavailable>,
    /// Currency of the amounts, if the log names one.
    pub currency: Option<String>,
    /// The horizon of `p_write_off` and of the backtest's outcomes, days.
    pub horizon_days: i64,
    /// What cash is counted in.
    pub cash_unit: CashUnit,
    /// Open amount (or invoices) left out of the cash forecast.
    pub cash_left_out: f64,
    /// What the model learned (`null` when it could not be fitted).
    pub model: Option<ModelSummary>,
    /// Definitions and assumptions.
    pub notes: Vec<Message>,
}

/// The forecast of the selected invoices as of `opts.as_of_ms` (default: the last event).
pub fn forecast(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    opts: &ForecastOptions,
) -> Forecast {
    let ctx = Context::new(log, map);
    let last = sel
        .cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(_, r)| log.times()[r.end - 1])
        .max()
        .unwrap_or(0);
    let as_of_day = day_of(opts.as_of_ms.unwrap_or(last));
    let until = (as_of_day + 1) * MS_PER_DAY;
    let as_of = format_date(until - 1);
    let mut f = Forecast {
        as_of: as_of.clone(),
        open_invoices: Vec::new(),
        cash_by_week: Vec::new(),
        backtest: backtest::empty(opts),
        available: false,
        unavailable: Vec::new(),
        currency: None,
        horizon_days: opts.horizon_days,
        cash_unit: CashUnit::Amount,
        cash_left_out: 0.0,
        model: None,
        notes: Vec::new(),
    };
    let found = Found::new(&ctx);
    let blocked = if !ctx.has_collections_roles() {
        Some("fc-na-not-receivables")
    } else if found.invoices().is_some() {
        Some("fc-na-no-invoice-role")
    } else {
        None
    };
    if let Some(key) = blocked {
        f.unavailable.push(Unavailable {
            figure: "forecast".into(),
            reason: text::message(key, vec![]),
        });
        return f;
    }
    let book = Book::read(&ctx, sel);
    let write_off_role = found.any(&[ActivityRole::WrittenOff]).is_none();
    let cut = Cut::new(log, map, &book, until, write_off_role, opts);
    // Reasons that hold for the whole log come first; the model's own (no payments yet) after.
    let log_reason = if found.payments().is_some() {
        Some(text::message("fc-na-no-payment-role", vec![]))
    } else if found.due_dates().is_some() {
        Some(text::message("fc-na-no-due-dates", vec![]))
    } else {
        None
    };
    let model = match (&log_reason, &cut.delay) {
        (Some(why), _) | (None, Err(why)) => {
            f.unavailable.push(Unavailable {
                figure: "forecast".into(),
                reason: why.clone(),
            });
            None
        }
        (None, Ok(m)) => Some(m),
    };
    f.available = model.is_some();
    f.currency = currency(log, map, &book, &cut.states, until);
    if let Err(why) = &cut.write_off {
        f.unavailable.push(Unavailable {
            figure: "p_write_off".into(),
            reason: why.clone(),
        });
    }
    if f.available {
        f.backtest = backtest::run(log, map, &book, &cut.states, until, write_off_role, opts);
        if let Some(why) = &f.backtest.unavailable {
            f.unavailable.push(Unavailable {
                figure: "backtest".into(),
                reason: why.clone(),
            });
        }
        let customers: Vec<u32> = {
            let mut v: Vec<u32> = cut
                .states
                .iter()
                .filter(|s| s.issued.is_some() && s.customer != NO_CUSTOMER)
                .map(|s| s.customer)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let customer_reason = if ctx.customer.is_none() {
            Some("fc-no-customer-column")
        } else if customers.len() == 1 {
            Some("fc-single-customer")
        } else {
            None
        };
        if let Some(key) = customer_reason {
            f.unavailable.push(Unavailable {
                figure: "customer_habits".into(),
                reason: text::message(key, vec![]),
            });
        }
    }
    let amounts = backtest::has_amounts(&book, until);
    if !amounts {
        f.cash_unit = CashUnit::Invoices;
    }
    let better = f.backtest.better_baseline;
    let mut inflows = Vec::new();
    let mut left_out = (0u64, 0.0f64);
    let predictions: Vec<cut::Prediction> = cut.open().map(|i| cut.predict(i)).collect();
    for p in &predictions {
        let i = p.record;
        let row = open_invoice(
            log,
            &book,
            &cut,
            p,
            better,
            f.currency.as_deref(),
            &log_reason,
        );
        // The cash of the dated invoices with an amount.
        let weight = if amounts { cut.states[i].amount } else { 1.0 };
        let dist = cut.distribution(p).filter(|_| log_reason.is_none());
        match (dist, cut.states[i].due_day, weight.is_finite()) {
            (Some(delay), Some(due_day), true) => inflows.push(cash::Inflow {
                weight,
                due_day,
                p_write_off: p.p_write_off.unwrap_or(0.0),
                delay,
            }),
            _ => {
                left_out.0 += 1;
                if weight.is_finite() {
                    left_out.1 += weight;
                }
            }
        }
        f.open_invoices.push(row);
    }
    f.open_invoices.sort_by(|a, b| {
        let risk = |r: &OpenInvoice| r.amount_at_risk.or(r.p_late).unwrap_or(-1.0);
        risk(b)
            .total_cmp(&risk(a))
            .then_with(|| a.case.cmp(&b.case))
    });
    f.cash_left_out = left_out.1;
    // The simulated band, widened as much as the backtest says it should have been.
    let scale = f.backtest.cash_band_scale.unwrap_or(1.0);
    f.cash_by_week = cash::weeks(&inflows, as_of_day, opts.weeks, opts.simulations, opts.seed)
        .iter()
        .map(|w| w.shown(scale))
        .collect();
    f.model = model.map(|m| summary(&cut, m, f.currency.as_deref()));
    f.notes = notes(&as_of, opts, amounts, left_out.0);
    f
}

/// The row of one open invoice.
fn open_invoice(
    log: &EventLog,
    book: &Book,
    cut: &Cut,
    p: &cut::Prediction,
    better: Option<Baseline>,
    currency: Option<&str>,
    log_reason: &Option<Message>,
) -> OpenInvoice {
    let r = &book.records[p.record];
    let s = &cut.states[p.record];
    let date = |d: i64| format_date(d * MS_PER_DAY);
    let model = cut.delay.as_ref().ok();
    let customer_fit = model.and_then(|m| m.customer(s.customer));
    let paid = customer_fit.map_or(0, |c| c.paid);
    let amount = s.amount.is_finite().then_some(s.amount);
    let mut row = OpenInvoice {
        case: log.case_id(r.case).to_string(),
        customer: (s.customer != NO_CUSTOMER)
            .then(|| book.customers.get(s.customer as usize).cloned())
            .flatten(),
        amount,
        due_date: s.due_day.map(date),
        p_late: p.p_late,
        p_write_off: p.p_write_off,
        expected_payment_date: None,
        payment_date_p10: None,
        payment_date_p90: None,
        reasons: Vec::new(),
        issued: s.issued.map(format_date).unwrap_or_default(),
        days_past_due: p.overdue,
        amount_at_risk: amount.zip(p.p_late).map(|(a, l)| a * l),
        expected_days_after_due: None,
        thin_history: paid < THIN_HISTORY && cut_has_customers(cut),
        customer_paid_invoices: paid,
        dispute_open: matches!(s.dispute, features::Dispute::Open { .. }),
        reminder_level: s.level,
        agency: s.agency,
        baseline_payment_date: match better {
            Some(Baseline::DueDate) => p.baseline_due_day.map(date),
            _ => p.baseline_customer_day.map(date),
        },
        source: None,
        not_available: p.why_not.clone(),
    };
    if let Some(why) = log_reason {
        row.not_available = Some(why.clone());
        return row;
    }
    let (Some(d), Some((median, lo, hi))) = (&p.delay, cut.days(p)) else {
        return row;
    };
    row.expected_payment_date = Some(date(median));
    row.payment_date_p10 = Some(date(lo));
    row.payment_date_p90 = Some(date(hi));
    row.expected_days_after_due = Some(d.median);
    row.source = Some(match d.source {
        Source::Model => DateSource::Model,
        Source::AllInvoices => DateSource::AllInvoices,
    });
    let overdue = p.overdue.unwrap_or(0);
    for (part, days) in &d.parts {
        let (key, args): (&str, Vec<(String, String)>) = match part {
            Part::Base => ("fc-base", vec![("days".into(), format!("{days:.1}"))]),
            Part::Column(c) => match cut.encoder.columns.get(*c) {
                Some(col) => column_words(col, currency),
                None => continue,
            },
            Part::Customer => match customer_fit {
                _ if s.customer == NO_CUSTOMER => ("fc-no-customer", vec![]),
                Some(c) if c.paid >= THIN_HISTORY => (
                    "fc-customer",
                    vec![
                        ("median".into(), format!("{:.1}", c.median_delay)),
                        ("paid".into(), c.paid.to_string()),
                        ("customer".into(), row.customer.clone().unwrap_or_default()),
                    ],
                ),
                _ => ("fc-thin-history", vec![("paid".into(), paid.to_string())]),
            },
            Part::Dispute => match cut::dispute_age(s, cut.until) {
                Some((true, age)) => ("fc-dispute-open", vec![("age".into(), age.to_string())]),
                Some((false, age)) => {
                    ("fc-dispute-resolved", vec![("age".into(), age.to_string())])
                }
                None => continue,
            },
            Part::Unpaid => (
                if d.source == Source::AllInvoices {
                    "fc-beyond-habit"
                } else {
                    "fc-unpaid"
                },
                vec![("overdue".into(), overdue.to_string())],
            ),
        };
        let m = text::message(key, args);
        row.reasons.push(Reason {
            key: m.key,
            args: m.args,
            text: m.text,
            days: *days,
        });
    }
    // The base first, then the largest parts.
    if let Some((_, rest)) = row.reasons.split_first_mut() {
        rest.sort_by(|a, b| b.days.abs().total_cmp(&a.days.abs()));
    }
    row
}

/// Whether some invoice issued by the cut has a customer (a row without one then has a thin history).
fn cut_has_customers(cut: &Cut) -> bool {
    cut.states
        .iter()
        .any(|s| s.issued.is_some() && s.customer != NO_CUSTOMER)
}

/// The most common currency of the invoices issued by `until`, as known then (the currency column's
/// first value in each invoice's events before `until`).
fn currency(
    log: &EventLog,
    map: &RoleMap,
    book: &Book,
    states: &[features::State],
    until: i64,
) -> Option<String> {
    use crate::import::ColumnRole;
    let attr = map
        .column(ColumnRole::Currency)
        .and_then(|n| log.attribute(n))
        .or_else(|| log.attribute_with_role(ColumnRole::Currency))?;
    let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
    let times = log.times();
    for (r, s) in book.records.iter().zip(states) {
        if s.issued.is_none() {
            continue;
        }
        let value = match attr.scope {
            crate::log::Scope::Case => Some(attr.get(r.case)),
            crate::log::Scope::Event => log
                .case_events(r.case)
                .take_while(|&e| times[e] < until)
                .map(|e| attr.get(e))
                .find(|v| !v.is_missing()),
        };
        if let Some(v) = value.filter(|v| !v.is_missing()) {
            *counts.entry(v.display()).or_default() += 1;
        }
        if counts.values().sum::<u64>() >= 1000 {
            break;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(k, _)| k)
}

/// The sentence of an adjustment column.
fn column_words(col: &Column, currency: Option<&str>) -> (&'static str, Vec<(String, String)>) {
    let opt = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
    match col {
        Column::Amount { low, high } => (
            "fc-amount",
            vec![
                ("low".into(), opt(*low)),
                ("high".into(), opt(*high)),
                ("currency".into(), currency.unwrap_or_default().to_string()),
            ],
        ),
        Column::Terms { low, high } => (
            "fc-terms",
            vec![
                ("low".into(), low.to_string()),
                (
                    "high".into(),
                    high.map(|h| h.to_string()).unwrap_or_default(),
                ),
            ],
        ),
        Column::Attribute { name, value } => (
            "fc-attribute",
            vec![
                ("name".into(), name.clone()),
                ("value".into(), value.clone()),
            ],
        ),
    }
}

/// The model card: what the delay model learned.
fn summary(cut: &Cut, m: &model::DelayModel, currency: Option<&str>) -> ModelSummary {
    let counts = cut.column_counts();
    let mut adjustments: Vec<Adjustment> = cut
        .encoder
        .columns
        .iter()
        .enumerate()
        .filter(|&(c, _)| counts.get(c).copied().unwrap_or(0) > 0)
        .map(|(c, col)| {
            let (key, args) = column_words(col, currency);
            Adjustment {
                column: col.clone(),
                label: text::message(key, args),
                days: m.fit.beta.get(c).copied().unwrap_or(0.0),
                invoices: counts.get(c).copied().unwrap_or(0),
            }
        })
        .collect();
    adjustments.sort_by(|a, b| b.days.abs().total_cmp(&a.days.abs()));
    let wo = cut.write_off.as_ref().ok();
    ModelSummary {
        paid_invoices: cut.paid as u64,
        open_invoices_imputed: m.customers.iter().map(|c| c.open as u64).sum(),
        customers: m.customers.iter().filter(|c| c.paid > 0).count() as u64,
        customer_pooling_invoices: m.k.is_finite().then_some(m.k),
        typical_delay_days: m.fit.intercept,
        spread_days: m.typical_spread,
        adjustments,
        write_off_rows: wo.map(|w| w.rows as u64),
        write_off_written_off: wo.map(|w| w.written_off as u64),
    }
}

/// The definitions and assumptions shown under the forecast.
fn notes(as_of: &str, opts: &ForecastOptions, amounts: bool, left_out: u64) -> Vec<Message> {
    let mut v = vec![
        text::message("fc-note-dates", vec![("as_of".into(), as_of.to_string())]),
        text::message("fc-note-reasons", vec![]),
        text::message(
            "fc-note-cash",
            vec![("simulations".into(), opts.simulations.to_string())],
        ),
    ];
    if !amounts {
        v.push(text::message("fc-note-counts", vec![]));
    }
    if left_out > 0 {
        v.push(text::message(
            "fc-note-cash-left-out",
            vec![("n".into(), left_out.to_string())],
        ));
    }
    v.push(text::message(
        "fc-note-write-off",
        vec![("horizon".into(), opts.horizon_days.to_string())],
    ));
    v.push(text::message("fc-note-partial", vec![]));
    v
}
