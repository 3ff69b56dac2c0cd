//! Everything learned at one cut date, and the predictions for the invoices open then.
//!
//! The forecast is a cut at the as-of date; the backtest makes the same cut at past dates. A cut reads
//! every invoice's state from the events before it ([`super::features`]), builds the training set (paid
//! invoices with their delay, open overdue ones as censored), fits the delay model
//! ([`super::model`]) and the write-off model ([`super::write_off`]), and keeps the two baselines'
//! inputs: each customer's average delay and late share so far.

use super::dispute::{self, DisputeModel};
use super::features::{day_of, Book, Closure, Dispute, Recorded, State, NO_CUSTOMER};
use super::model::{DelayModel, Encoder, Features, Location, Sample};
use super::predict::{self, DelayPrediction, Predictive};
use super::regression::Rows;
use super::text;
use super::write_off::{NoModel, WriteOffModel};
use super::ForecastOptions;
use crate::calendar::MS_PER_DAY;
use crate::collections::RoleMap;
use crate::filter::Selection;
use crate::import::{ColumnRole, Message};
use crate::insights::drivers::{drivers, Driver};
use crate::insights::InsightsOptions;
use crate::log::EventLog;

/// The name the resource driver gets, so that it can be told apart from a column.
const RESOURCE_DRIVER: &str = "\u{1}resource";
/// An attribute with more groups than this is not an adjustment (too many levels to learn).
const MAX_LEVELS: usize = 20;

/// What a cut learned.
pub struct Cut<'a> {
    /// The book.
    pub book: &'a Book,
    /// Events before this instant are known (00:00 UTC after the cut day).
    pub until: i64,
    /// The cut day (the as-of date).
    pub day: i64,
    /// Closing steps recorded so far.
    pub rec: Recorded,
    /// Every record's state at the cut.
    pub states: Vec<State>,
    /// The indicator columns.
    pub encoder: Encoder,
    /// The delay model, or why there is none.
    pub delay: Result<DelayModel, Message>,
    /// The write-off model, or why there is none.
    pub write_off: Result<WriteOffModel, Message>,
    /// How disputes hold payments (`None` when the log records too few resolutions).
    pub disputes: Option<DisputeModel>,
    /// Paid invoices with a due date before the cut.
    pub paid: usize,
    /// Per column, the training invoices with it.
    column_counts: Vec<u64>,
    /// Per customer: (sum of delays, paid invoices, late or written off, closed with a due date).
    history: Vec<CustomerHistory>,
    global: CustomerHistory,
}

#[derive(Debug, Clone, Copy, Default)]
struct CustomerHistory {
    delay_sum: f64,
    paid: u32,
    late: u32,
    closed: u32,
}

/// The prediction for one invoice open at the cut.
#[derive(Debug, Clone)]
pub struct Prediction {
    /// Index of the record in the book.
    pub record: usize,
    /// Days after the due day at the end of the cut day (negative: before it).
    pub overdue: Option<i64>,
    /// The model's location of the delay.
    pub location: Option<Location>,
    /// The delay given that it is unpaid so far.
    pub delay: Option<DelayPrediction>,
    /// The floor a dispute puts under the delay (a sorted sample), if one holds the invoice.
    pub floor: Option<Vec<f64>>,
    /// Why there is no date, if there is none.
    pub why_not: Option<Message>,
    /// Probability of a write-off within the horizon.
    pub p_write_off: Option<f64>,
    /// Probability of being paid late or not at all.
    pub p_late: Option<f64>,
    /// Baseline: paid on the due date (the next day when already overdue).
    pub baseline_due_day: Option<i64>,
    /// Baseline: due date plus the customer's average delay (or every customer's when new).
    pub baseline_customer_day: Option<i64>,
    /// Baseline late probability: the customer's late share, smoothed towards everyone's.
    pub baseline_p_late: Option<f64>,
}

impl<'a> Cut<'a> {
    /// Learns at the cut whose known events end at `until`.
    pub fn new(
        log: &EventLog,
        map: &RoleMap,
        book: &'a Book,
        until: i64,
        write_off_role: bool,
        opts: &ForecastOptions,
    ) -> Cut<'a> {
        let rec = book.recorded(until);
        let states: Vec<State> = book
            .records
            .iter()
            .map(|r| book.state(r, until, rec))
            .collect();
        let day = day_of(until - 1);
        let as_of = crate::calendar::format_date(until - 1);
        // Attributes of the invoices issued so far, as of their first event.
        let known: Vec<bool> = {
            let mut v = vec![false; log.case_count()];
            for (r, s) in book.records.iter().zip(&states) {
                if s.issued.is_some() {
                    if let Some(x) = v.get_mut(r.case) {
                        *x = true;
                    }
                }
            }
            v
        };
        let population = Selection::from_fn(log, |c| known.get(c).copied().unwrap_or(false));
        let iopts = InsightsOptions {
            as_of_ms: Some(until - 1),
            resource_label: RESOURCE_DRIVER.into(),
            ..Default::default()
        };
        let attributes: Vec<Driver> = drivers(log, &population, map, &iopts)
            .drivers
            .into_iter()
            .filter(|d| usable(log, map, d))
            .collect();
        let amounts: Vec<f64> = states
            .iter()
            .filter(|s| s.issued.is_some())
            .map(|s| s.amount)
            .filter(|a| a.is_finite())
            .collect();
        let encoder = Encoder::new(&amounts, attributes);

        // The training set.
        let mut rows = Rows::new(encoder.columns.len(), encoder.stride());
        let mut samples = Vec::new();
        let mut cols = Vec::with_capacity(encoder.stride());
        let customers = book.customers.len();
        let mut history = vec![CustomerHistory::default(); customers];
        let mut global = CustomerHistory::default();
        // Disputed invoices teach the dispute model, not the habits, when resolutions are recorded.
        let durations = DisputeModel::durations(book, until);
        let habit = |disputed: Option<i64>, before: i64| {
            durations.is_none() || disputed.is_none_or(|d| d >= before)
        };
        for (r, s) in book.records.iter().zip(&states) {
            let (Some(issued), Some(due)) = (s.issued, s.due_day) else {
                continue;
            };
            let h = match s.closed {
                Some((Closure::Paid, t)) => {
                    let delay = (day_of(t) - due) as f64;
                    if habit(s.disputed, t) {
                        let f = Features {
                            case: r.case,
                            amount: s.amount,
                            terms_days: Some(due - day_of(issued)),
                        };
                        encoder.encode(&f, &mut cols);
                        rows.push(&cols);
                        samples.push(Sample {
                            delay,
                            customer: s.customer,
                            paid: true,
                        });
                    }
                    Some((delay, true, delay > 0.0))
                }
                Some((Closure::WrittenOff, _)) => Some((0.0, false, true)),
                Some((Closure::Otherwise, _)) => None,
                None => {
                    let overdue = day - due;
                    if overdue >= 0 && habit(s.disputed, until) {
                        let f = features(r.case, s);
                        encoder.encode(&f, &mut cols);
                        rows.push(&cols);
                        samples.push(Sample {
                            delay: overdue as f64,
                            customer: s.customer,
                            paid: false,
                        });
                    }
                    None
                }
            };
            if let Some((delay, paid, late)) = h {
                for x in [history.get_mut(s.customer as usize), Some(&mut global)]
                    .into_iter()
                    .flatten()
                {
                    if paid {
                        x.delay_sum += delay;
                        x.paid += 1;
                    }
                    x.late += u32::from(late);
                    x.closed += 1;
                }
            }
        }
        let paid = samples.iter().filter(|s| s.paid).count();
        let mut column_counts = vec![0u64; encoder.columns.len()];
        for i in 0..rows.len() {
            for c in rows.row(i) {
                if let Some(n) = column_counts.get_mut(c) {
                    *n += 1;
                }
            }
        }
        let delay = DelayModel::fit(&rows, &samples, customers, opts.min_paid_invoices)
            .ok_or_else(|| not_enough_payments(&states, paid, opts, &as_of));
        let disputes = match (&delay, durations) {
            (Ok(model), Some(durations)) => {
                let mut cols = Vec::with_capacity(encoder.stride());
                let habit_day = |i: usize| -> Option<i64> {
                    let s = states.get(i)?;
                    let r = book.records.get(i)?;
                    encoder.encode(&features(r.case, s), &mut cols);
                    let loc = model.location(cols.iter().copied(), s.customer);
                    let median = Predictive::unconditional(model, &loc)?.quantile(0.5);
                    Some(s.due_day? + median.round() as i64)
                };
                DisputeModel::fit(book, &states, until, durations, habit_day)
            }
            _ => None,
        };
        let write_off = if !write_off_role {
            Err(text::message("fc-na-no-write-off-role", vec![]))
        } else {
            WriteOffModel::fit(book, &states, rec, until, opts.horizon_days).map_err(
                |NoModel::TooFew { written_off, .. }| {
                    text::message(
                        "fc-na-few-write-offs",
                        vec![
                            ("n".into(), written_off.to_string()),
                            ("horizon".into(), opts.horizon_days.to_string()),
                            ("as_of".into(), as_of.clone()),
                        ],
                    )
                },
            )
        };
        Cut {
            book,
            until,
            day,
            rec,
            states,
            encoder,
            delay,
            write_off,
            disputes,
            paid,
            column_counts,
            history,
            global,
        }
    }

    /// Per encoder column, the training invoices with it.
    pub fn column_counts(&self) -> &[u64] {
        &self.column_counts
    }

    /// The records open at the cut.
    pub fn open(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.states.len()).filter(|&i| self.states[i].is_open())
    }

    /// The prediction for record `i` (open at the cut).
    pub fn predict(&self, i: usize) -> Prediction {
        let s = &self.states[i];
        let r = &self.book.records[i];
        let overdue = s.due_day.map(|d| self.day - d);
        let p_write_off = self
            .write_off
            .as_ref()
            .ok()
            .map(|m| m.probability(s, self.until));
        let mut p = Prediction {
            record: i,
            overdue,
            location: None,
            delay: None,
            floor: None,
            why_not: None,
            p_write_off,
            p_late: None,
            baseline_due_day: None,
            baseline_customer_day: None,
            baseline_p_late: None,
        };
        let Some(due) = s.due_day else {
            p.why_not = Some(text::message("fc-na-no-due-date", vec![]));
            return p;
        };
        let a = self.day - due;
        // Baselines: never before the day after the cut (it is unpaid at the end of the cut day).
        let first_day = self.day + 1;
        p.baseline_due_day = Some(due.max(first_day));
        let h = self.history.get(s.customer as usize).copied();
        let mean_delay = |h: CustomerHistory| (h.paid > 0).then(|| h.delay_sum / h.paid as f64);
        let customer_mean = h.and_then(mean_delay).or_else(|| mean_delay(self.global));
        p.baseline_customer_day = customer_mean.map(|m| predict::pay_day(due, m, first_day));
        let global_late =
            (self.global.closed > 0).then(|| self.global.late as f64 / self.global.closed as f64);
        p.baseline_p_late = if a >= 0 {
            Some(1.0)
        } else {
            global_late.map(|g| {
                let h = h.unwrap_or_default();
                (h.late as f64 + 2.0 * g) / (h.closed as f64 + 2.0)
            })
        };
        let model = match &self.delay {
            Ok(m) => m,
            Err(why) => {
                p.why_not = Some(why.clone());
                p.p_late = (a >= 0).then_some(1.0);
                return p;
            }
        };
        let mut cols = Vec::with_capacity(self.encoder.stride());
        self.encoder.encode(&features(r.case, s), &mut cols);
        let loc = model.location(cols.iter().copied(), s.customer);
        // A dispute holds the payment until it is resolved (and a few days more).
        if let (Some(d), Some(hold)) = (&self.disputes, dispute::hold(s)) {
            match d.floor(hold, due, self.day) {
                Some(f) => p.floor = Some(f),
                None => {
                    p.p_late = (a >= 0).then_some(1.0);
                    let age = match hold {
                        dispute::Hold::Open { raised } => self.day - raised,
                        dispute::Hold::Resolved { .. } => 0,
                    };
                    p.why_not = Some(text::message(
                        "fc-na-dispute-beyond",
                        vec![("age".into(), age.to_string())],
                    ));
                    p.location = Some(loc);
                    return p;
                }
            }
        }
        match predict::delay(model, &loc, a, p.floor.as_deref()) {
            Some(d) => {
                let wo = p_write_off.unwrap_or(0.0);
                p.p_late = Some(wo + (1.0 - wo) * d.p_late);
                p.delay = Some(d);
            }
            None => {
                p.p_late = (a >= 0).then_some(1.0);
                p.why_not = Some(text::message(
                    "fc-na-beyond-history",
                    vec![
                        ("overdue".into(), a.to_string()),
                        (
                            "later".into(),
                            model
                                .delays
                                .iter()
                                .filter(|&&d| d > a as f64 + 0.5)
                                .count()
                                .to_string(),
                        ),
                    ],
                ));
            }
        }
        p.location = Some(loc);
        p
    }

    /// The delay distribution of a dated prediction (for the cash and its band).
    pub fn distribution<'b>(&'b self, p: &'b Prediction) -> Option<Predictive<'b>> {
        let (Ok(model), Some(loc), Some(a), Some(_)) =
            (&self.delay, &p.location, p.overdue, &p.delay)
        else {
            return None;
        };
        let d = Predictive::above(model, loc, a as f64 + 0.5)?;
        Some(match &p.floor {
            Some(f) => d.with_floor(f),
            None => d,
        })
    }

    /// The payment day of a prediction's median, and its interval, as day numbers.
    pub fn days(&self, p: &Prediction) -> Option<(i64, i64, i64)> {
        let d = p.delay.as_ref()?;
        let due = self.states[p.record].due_day?;
        let first = self.day + 1;
        Some((
            predict::pay_day(due, d.median, first),
            predict::pay_day(due, d.p10, first),
            predict::pay_day(due, d.p90, first),
        ))
    }
}

/// The encoder's features of an invoice as it stands (open, or at the cut).
fn features(case: usize, s: &State) -> Features {
    Features {
        case,
        amount: s.amount,
        terms_days: match (s.issued, s.due_day) {
            (Some(i), Some(d)) => Some(d - day_of(i)),
            _ => None,
        },
    }
}

/// Whether a driver is an adjustment: a column of the file (not the resource of the first event, not a
/// date's month or weekday), not the customer (their effect is the model's own), the amount (banded
/// by the encoder), the due date or the currency, with at most [`MAX_LEVELS`] groups.
fn usable(log: &EventLog, map: &RoleMap, d: &Driver) -> bool {
    let Some(attr) = log.attribute(&d.attribute) else {
        return false;
    };
    let role = map.attributes.get(&attr.name).copied().unwrap_or(attr.role);
    !matches!(
        role,
        ColumnRole::Customer | ColumnRole::Amount | ColumnRole::DueDate | ColumnRole::Currency
    ) && d.levels.len() <= MAX_LEVELS
}

/// Why the delay model could not be fitted: no payment at all, every invoice open, or too few payments.
fn not_enough_payments(
    states: &[State],
    paid: usize,
    opts: &ForecastOptions,
    as_of: &str,
) -> Message {
    let issued = states.iter().filter(|s| s.issued.is_some()).count();
    let open = states.iter().filter(|s| s.is_open()).count();
    let any_paid = states.iter().any(|s| s.paid().is_some());
    if issued > 0 && open == issued {
        text::message(
            "fc-na-all-open",
            vec![
                ("n".into(), issued.to_string()),
                ("as_of".into(), as_of.to_string()),
            ],
        )
    } else if !any_paid {
        text::message(
            "fc-na-no-payments",
            vec![("as_of".into(), as_of.to_string())],
        )
    } else {
        text::message(
            "fc-na-few-payments",
            vec![
                ("n".into(), paid.to_string()),
                ("min".into(), opts.min_paid_invoices.to_string()),
                ("as_of".into(), as_of.to_string()),
            ],
        )
    }
}

/// The age in whole days at the end of the cut day of an instant.
pub fn age_days(until: i64, t: i64) -> i64 {
    (until - 1 - t).div_euclid(MS_PER_DAY)
}

/// The dispute state's words: open (age) or resolved (days since).
pub fn dispute_age(s: &State, until: i64) -> Option<(bool, i64)> {
    match s.dispute {
        Dispute::None => None,
        Dispute::Open { raised } => Some((true, age_days(until, raised))),
        Dispute::Resolved { resolved, .. } => Some((false, age_days(until, resolved))),
    }
}

/// Whether a customer id is a customer.
pub fn has_customer(s: &State) -> bool {
    s.customer != NO_CUSTOMER
}
