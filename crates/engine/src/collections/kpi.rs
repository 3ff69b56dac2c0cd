//! Receivables KPIs: invoice-to-cash time, on-time payment rate, DSO by month-end (simple and countback),
//! Best Possible DSO, Average Days Delinquent, Collection Effectiveness Index, aging and write-offs.
//!
//! What opens and closes a receivable is stated in [`super::facts`]; every measure here that speaks of
//! open receivables uses [`Invoice::open_at`], and only invoices (cases with an "invoice created" or
//! "invoice sent") are sales.
//!
//! Formulas (amounts are invoice amounts; without an amount column every invoice weighs 1; the
//! report states them in [`DEFINITIONS`]):
//! - **Simple DSO** at a month-end T = open receivables at T ÷ credit sales of the 3 months before T × 91.
//! - **Countback DSO**: take the open receivables and walk back month by month, subtracting each month's
//!   sales while they fit; DSO = the whole months' calendar days plus the last month's days × the share
//!   left (at most 120 months back).
//! - **Best Possible DSO** = current (not past due) receivables at T ÷ 3-month sales × 91.
//! - **Average Days Delinquent** = simple DSO − BPDSO.
//! - **CEI** for a period = (receivables at start + sales in the period − receivables at end) ÷
//!   (receivables at start + sales in the period − current receivables at end) × 100. The headline CEI is
//!   that ratio over the last 12 months of the log (or all of it, if shorter).
//! - **On-time payment rate** = invoices paid on or before their due date ÷ paid invoices with a due date.
//! - **Invoice-to-cash** = payment received − issue, in days, over paid invoices.
//!
//! Month-ends are in the log's local time ([`LocalMonths`]): local midnight on the 1st, at the UTC
//! offset of the log's event nearest to that instant. A month is measured at its end, the last one at
//! the as-of date.
//!
//! Cost: the monthly series is O(invoices × log(months) + months × 120): sales are bucketed per month
//! and summed as prefix sums, the receivables open at every month-end come from one sweep over the
//! invoices (each adds its amount from the month-end after its issue to the one after it closes, as a
//! difference array), and countback walks the monthly sales backwards. At most [`MAX_MONTHS`] months
//! are shown (the most recent ones), so one invoice dated in year 1 cannot create 24,000 months of work.
//! Amounts are summed exactly as integer millionths (so a month whose invoices all closed has
//! receivables of exactly 0), each bounded to ±10^15.

use super::availability::Unavailable;
use super::facts::Invoice;
use crate::analysis::stats::{median_f64, percentile_f64};
use crate::calendar::{civil_from_days, days_from_civil, days_in_month, MS_PER_DAY};
use crate::log::{CaseIdx, EventLog};
use serde::{Deserialize, Serialize};

mod cash;
pub use cash::*;

/// The most recent months the DSO series shows (50 years).
pub const MAX_MONTHS: usize = 600;

/// How far back countback DSO walks, in months.
const COUNTBACK_MONTHS: usize = 120;

/// Each KPI's formula, keyed by its field in the report's `kpis` (the DSO ones by their field in each
/// `dso_monthly` month): the report carries them (`kpi_definitions`), so a figure read from the JSON
/// says how it was computed. Amounts are invoice amounts; without an amount column every invoice
/// weighs 1. What opens and closes a receivable is the report's `dso_definition`.
pub const DEFINITIONS: &[(&str, &str)] = &[
    (
        "dso_simple",
        "open receivables at the month-end ÷ credit sales of the 3 months before it × 91 days",
    ),
    (
        "dso_countback",
        "the open receivables at the month-end matched against each month's credit sales going back \
         in time (at most 120 months): the whole months' calendar days plus the last month's days × \
         the share of its sales still needed",
    ),
    (
        "bpdso",
        "current (not yet due) receivables at the month-end ÷ credit sales of the 3 months before it \
         × 91 days",
    ),
    ("add", "simple DSO − best possible DSO (average days delinquent)"),
    (
        "cei",
        "(receivables at the start + credit sales in the period − receivables at the end) ÷ \
         (receivables at the start + credit sales in the period − current receivables at the end) × \
         100; the headline over the last 12 months of the log (all of it when shorter), each month's \
         over that month",
    ),
    (
        "on_time_payment_rate",
        "invoices paid on or before their due date ÷ paid invoices that have a due date",
    ),
    (
        "invoice_to_cash_days",
        "days from the invoice's issue to its first payment received, over paid invoices: median and \
         90th percentile (numpy's linear rule)",
    ),
];

/// The fields of a DSO month that rest on telling current from past due receivables: without due
/// dates they are not available (the report, its breakdown and the warehouse's document alike).
pub const PAST_DUE_FIELDS: [&str; 4] = ["past_due", "bpdso", "add", "cei"];

/// Median and 90th percentile.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Spread {
    /// numpy-style median.
    pub median: f64,
    /// 90th percentile (linear).
    pub p90: f64,
    /// Number of values.
    pub n: u64,
}

impl Spread {
    /// Median and p90 of values (NaN-free); NaN when empty.
    pub fn of(mut v: Vec<f64>) -> Spread {
        Spread {
            median: median_f64(&mut v),
            p90: percentile_f64(&mut v, 90.0),
            n: v.len() as u64,
        }
    }

    /// Median and p90 both not available.
    pub fn unavailable() -> Spread {
        Spread {
            median: f64::NAN,
            p90: f64::NAN,
            n: 0,
        }
    }
}

/// DSO figures at one month-end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DsoMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Simple DSO (days).
    pub dso_simple: f64,
    /// Countback DSO (days).
    pub dso_countback: f64,
    /// Best possible DSO (days).
    pub bpdso: f64,
    /// Average days delinquent.
    pub add: f64,
    /// CEI of the month (percent).
    pub cei: f64,
    /// Open receivables at month-end.
    pub receivables: f64,
    /// Of which past due.
    pub past_due: f64,
    /// Credit sales in the month.
    pub sales: f64,
    /// The instant the month is measured at (UTC ms): local midnight on the 1st of the next month, or
    /// the as-of date for the last month. The "open at month-end" drill-down uses it.
    #[serde(default)]
    pub end_ms: i64,
    /// Figures of this month that are `null`, and why (no sales in the window, nothing collectible).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unavailable: Vec<Unavailable>,
    /// Whether the month's figures are partial: its trailing 3-month window reaches outside the
    /// window the extract's invoices were issued in, or the month is not over at the as-of date
    /// ([`Partial`] says which). Such a month is drawn apart and never headlined.
    #[serde(default)]
    pub partial: bool,
    /// Why the month is partial (`None` when it is complete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_reason: Option<Partial>,
}

/// Why a month-end's DSO is partial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Partial {
    /// The 3 months of sales behind it begin before the first invoice of the extract: the receivables
    /// of invoices issued earlier are missing.
    BeforeIssuing,
    /// Its window reaches past the last invoice of the extract: the sales stop while the follow-ups
    /// go on (the run-off of a cut extract), so DSO falls towards 0 or is not defined.
    AfterIssuing,
    /// The month is not over at the as-of date.
    MonthNotOver,
}

impl Partial {
    /// The reason as in the JSON (`before_issuing`, `after_issuing`, `month_not_over`).
    pub fn key(self) -> &'static str {
        match self {
            Partial::BeforeIssuing => "before_issuing",
            Partial::AfterIssuing => "after_issuing",
            Partial::MonthNotOver => "month_not_over",
        }
    }

    /// The reason in English words.
    pub fn words(self) -> &'static str {
        match self {
            Partial::BeforeIssuing => {
                "its 3 months of sales begin before the first invoice of the extract"
            }
            Partial::AfterIssuing => "its window reaches past the last invoice of the extract",
            Partial::MonthNotOver => "the month is not over at the as-of date",
        }
    }
}

/// The window the invoices of an extract were issued in: an AR extract holds the invoices issued in a
/// window plus their later events, so the receivables before the window are missing and the months
/// after it only run off. Found from the issue instants themselves, with a tolerance at both edges of
/// twice the mean gap between issue days (from 1 to 31 days), so weekends, holidays or monthly billing
/// do not cut a month. The same figures come out of the warehouse SQL (first and last issue, number
/// of issue days).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IssuingWindow {
    /// The first issue (UTC ms).
    pub from_ms: i64,
    /// The last issue (UTC ms).
    pub to_ms: i64,
    /// Tolerance at the window's edges, in days.
    pub tolerance_days: i64,
}

impl IssuingWindow {
    /// The window of the invoices' issue instants (`None` without invoices).
    pub fn of(inv: &[Invoice]) -> Option<IssuingWindow> {
        let issued = || inv.iter().filter(|i| i.invoiced).map(|i| i.issued);
        let (from_ms, to_ms) = (issued().min()?, issued().max()?);
        let mut days: Vec<i64> = issued().map(|t| t.div_euclid(MS_PER_DAY)).collect();
        days.sort_unstable();
        days.dedup();
        Some(IssuingWindow::from_issues(
            from_ms,
            to_ms,
            days.len() as u64,
        ))
    }

    /// The window from its first and last issue and the number of distinct (UTC) days with an issue.
    pub fn from_issues(from_ms: i64, to_ms: i64, issue_days: u64) -> IssuingWindow {
        let span = to_ms.div_euclid(MS_PER_DAY) - from_ms.div_euclid(MS_PER_DAY);
        let tolerance_days = if issue_days > 1 {
            let mean_gap = span as f64 / (issue_days - 1) as f64;
            ((2.0 * mean_gap).ceil() as i64).clamp(1, 31)
        } else {
            1
        };
        IssuingWindow {
            from_ms,
            to_ms,
            tolerance_days,
        }
    }

    /// Whether the extract was cut: invoices stop well before the as-of date while their follow-ups go
    /// on (more than the tolerance plus a month).
    pub fn is_cut(&self, as_of: i64) -> bool {
        as_of
            > self
                .to_ms
                .saturating_add((self.tolerance_days + 31) * MS_PER_DAY)
    }
}

/// Why the DSO of a month measured at `end_ms` is partial: its trailing 3 months of sales (from
/// `start3_ms`, the start of the month two before) reach outside the issuing window, or it is
/// measured more than a day before its natural end `next_start_ms` (the start of the next month).
pub fn month_partial(
    window: Option<&IssuingWindow>,
    start3_ms: i64,
    end_ms: i64,
    next_start_ms: i64,
) -> Option<Partial> {
    let outside = window.and_then(|w| {
        let slack = w.tolerance_days * MS_PER_DAY;
        if end_ms > w.to_ms.saturating_add(slack) {
            Some(Partial::AfterIssuing)
        } else if start3_ms < w.from_ms.saturating_sub(slack) {
            Some(Partial::BeforeIssuing)
        } else {
            None
        }
    });
    outside.or((end_ms < next_start_ms.saturating_sub(MS_PER_DAY)).then_some(Partial::MonthNotOver))
}

/// The DSO series and what was left out of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DsoSeries {
    /// One row per month-end, oldest first.
    pub months: Vec<DsoMonth>,
    /// Set when the invoices span more than [`MAX_MONTHS`] months and the oldest are not shown.
    pub note: Option<String>,
    /// The window the invoices were issued in.
    pub window: Option<IssuingWindow>,
}

impl DsoSeries {
    /// The month to headline: the latest complete month (not [`DsoMonth::partial`]) whose simple DSO
    /// is defined.
    pub fn headline(&self) -> Option<&DsoMonth> {
        headline_month(&self.months)
    }
}

/// The latest complete month of a series whose simple DSO is defined.
pub fn headline_month(months: &[DsoMonth]) -> Option<&DsoMonth> {
    months
        .iter()
        .rev()
        .find(|m| !m.partial && m.dso_simple.is_finite())
}

/// Write-off figures.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WriteOffs {
    /// Invoices written off (`None`: no activity is recognised as a write-off).
    pub invoices: Option<u64>,
    /// Their amount.
    pub amount: f64,
    /// Share of all invoices.
    pub rate: f64,
    /// Share of the written-off invoices that went to an agency first.
    pub via_agency_share: f64,
    /// The cases.
    #[serde(skip)]
    pub cases: Vec<CaseIdx>,
}

/// One aging bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgingBucket {
    /// `current`, `1-30`, `31-60`, `61-90`, `90+`.
    pub bucket: String,
    /// Open invoices.
    pub invoices: u64,
    /// Their amount.
    pub amount: f64,
    /// The cases.
    #[serde(skip)]
    pub cases: Vec<CaseIdx>,
}

/// Month number `year × 12 + month − 1`: consecutive months are consecutive numbers.
fn month_index(y: i64, m: u32) -> i64 {
    y * 12 + m as i64 - 1
}

fn year_month(index: i64) -> (i64, u32) {
    (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32)
}

/// The month number of an instant's UTC date.
fn utc_month(t: i64) -> i64 {
    let (y, m, _) = civil_from_days(t.div_euclid(MS_PER_DAY));
    month_index(y, m)
}

/// Where months begin in a log's local time: local midnight on the 1st, at the UTC offset of the log's
/// event nearest to that instant (so `+01:00` at the start of March and `+02:00` at the start of April
/// in a Paris log). A log without offsets, and [`LocalMonths::utc`], use UTC midnight.
///
/// The offset in force at midnight is not written anywhere; the nearest event is the best witness:
/// daylight-saving changes happen at night on a weekend, and the nearest event after a month's start
/// is usually on the first working day, after the change if there was one that weekend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LocalMonths {
    /// Month number of `offsets_min[0]`.
    first: i64,
    /// UTC offset (minutes) at the start of each month from `first` on; months outside take the
    /// nearest known one; empty means UTC.
    offsets_min: Vec<i16>,
}

impl LocalMonths {
    /// Months in UTC.
    pub fn utc() -> LocalMonths {
        LocalMonths::default()
    }

    /// Month starts for the receivables measures of `invoices` as of `as_of` (every month a DSO series,
    /// its countback and the 12-month CEI can reach), each at the offset of the log's event nearest to
    /// it. One pass over the log's events, each placed among the month starts by binary search.
    pub fn of_log(log: &EventLog, invoices: &[Invoice], as_of: i64) -> LocalMonths {
        if log.offset_minutes(0).is_none() {
            return LocalMonths::utc();
        }
        let Some(first) = invoices
            .iter()
            .filter(|i| i.invoiced)
            .map(|i| i.issued)
            .min()
        else {
            return LocalMonths::utc();
        };
        let hi = utc_month(as_of) + 1;
        let reach = (MAX_MONTHS + COUNTBACK_MONTHS + 12) as i64;
        let lo = (utc_month(first) - 1).max(hi - reach).min(hi);
        let starts: Vec<i64> = (lo..=hi)
            .map(|mi| {
                let (y, m) = year_month(mi);
                days_from_civil(y, m, 1) * MS_PER_DAY
            })
            .collect();
        // Per month start, the last event before it and the first at or after it: (instant, offset).
        let mut before: Vec<Option<(i64, i16)>> = vec![None; starts.len()];
        let mut after: Vec<Option<(i64, i16)>> = vec![None; starts.len()];
        for (e, &t) in log.times().iter().enumerate() {
            let off = log.offset_minutes(e).unwrap_or(0);
            let j = starts.partition_point(|&s| s <= t);
            if let Some(b) = before.get_mut(j) {
                if b.is_none_or(|(bt, _)| t > bt) {
                    *b = Some((t, off));
                }
            }
            if let Some(a) = j.checked_sub(1).and_then(|k| after.get_mut(k)) {
                if a.is_none_or(|(at, _)| t < at) {
                    *a = Some((t, off));
                }
            }
        }
        let offsets_min = starts
            .iter()
            .zip(before.iter().zip(&after))
            .map(|(&s, (b, a))| match (b, a) {
                (Some((bt, bo)), Some((at, ao))) => {
                    if s.saturating_sub(*bt) < at.saturating_sub(s) {
                        *bo
                    } else {
                        *ao
                    }
                }
                (Some((_, o)), None) | (None, Some((_, o))) => *o,
                (None, None) => 0,
            })
            .collect();
        LocalMonths {
            first: lo,
            offsets_min,
        }
    }

    fn offset_ms(&self, month: i64) -> i64 {
        let last = self.offsets_min.len() as i64 - 1;
        if last < 0 {
            return 0;
        }
        let k = (month - self.first).clamp(0, last) as usize;
        self.offsets_min.get(k).copied().unwrap_or(0) as i64 * 60_000
    }

    /// The instant (UTC ms) month number `month` begins.
    fn start(&self, month: i64) -> i64 {
        let (y, m) = year_month(month);
        days_from_civil(y, m, 1) * MS_PER_DAY - self.offset_ms(month)
    }

    /// The month number of the month instant `t` falls in.
    fn month_of(&self, t: i64) -> i64 {
        let mi = utc_month(t);
        // Offsets are under a day, so the local month is the UTC one or a neighbour.
        if t < self.start(mi) {
            mi - 1
        } else if t >= self.start(mi + 1) {
            mi + 1
        } else {
            mi
        }
    }
}

/// An amount as integer millionths, bounded to ±10^15 so sums of up to 2^32 of them cannot overflow.
fn units(amount: f64) -> i128 {
    (amount.clamp(-1e15, 1e15) * 1e6).round() as i128
}

fn amount(units: i128) -> f64 {
    units as f64 / 1e6
}

/// DSO, BPDSO, ADD and CEI at every month-end in UTC from the first issue to `as_of` (the last month
/// ends at `as_of`): [`dso_series`] with [`LocalMonths::utc`].
pub fn dso_monthly(inv: &[Invoice], as_of: i64) -> Vec<DsoMonth> {
    dso_series(inv, as_of, &LocalMonths::utc()).months
}

/// DSO, BPDSO, ADD and CEI at every month-end of `months` from the month of the first issue to the
/// month of `as_of` (which ends at `as_of`), at most the last [`MAX_MONTHS`].
pub fn dso_series(inv: &[Invoice], as_of: i64, months: &LocalMonths) -> DsoSeries {
    let invoices: Vec<&Invoice> = inv.iter().filter(|i| i.invoiced).collect();
    let Some(first) = invoices.iter().map(|i| i.issued).min() else {
        return DsoSeries::default();
    };
    let first_month = months.month_of(first);
    let last_month = months.month_of(as_of.saturating_sub(1));
    if first_month > last_month {
        return DsoSeries::default();
    }
    let shown_from = first_month.max(last_month - MAX_MONTHS as i64 + 1);
    // Countback of the first shown month walks up to 119 months further back.
    let from = first_month.max(shown_from - COUNTBACK_MONTHS as i64);
    let n = (last_month - from + 1) as usize;
    let starts: Vec<i64> = (0..n).map(|k| months.start(from + k as i64)).collect();
    let ends: Vec<i64> = (0..n)
        .map(|k| months.start(from + k as i64 + 1).min(as_of))
        .collect();
    // The instants receivables are measured at: the first month's start, then every month-end.
    let mut at = Vec::with_capacity(n + 1);
    at.push(starts[0]);
    at.extend_from_slice(&ends);
    let mut sales = vec![0i128; n];
    let mut open = vec![0i128; n + 2];
    let mut due = vec![0i128; n + 2];
    let last_end = ends[n - 1];
    for i in &invoices {
        let w = units(i.weight());
        if i.issued >= starts[0] && i.issued < last_end {
            let k = starts.partition_point(|&s| s <= i.issued) - 1;
            sales[k] += w;
        }
        // Open at at[p] for p in lo..hi: issued before at[p], not settled before it.
        let lo = at.partition_point(|&t| t <= i.issued);
        let hi = i
            .settled()
            .map_or(n + 1, |s| at.partition_point(|&t| t <= s));
        if lo < hi {
            open[lo] += w;
            open[hi] -= w;
            if let Some(d) = i.due {
                let past = at.partition_point(|&t| t < d + MS_PER_DAY).max(lo);
                if past < hi {
                    due[past] += w;
                    due[hi] -= w;
                }
            }
        }
    }
    let running = |diff: &[i128]| -> Vec<i128> {
        diff.iter()
            .scan(0i128, |acc, &d| {
                *acc += d;
                Some(*acc)
            })
            .collect()
    };
    let receivables = running(&open);
    let past_due = running(&due);
    let mut cumulative = vec![0i128; n + 1];
    for k in 0..n {
        cumulative[k + 1] = cumulative[k] + sales[k];
    }
    let month_days = |k: usize| -> f64 {
        let (y, m) = year_month(from + k as i64);
        if ends[k] < months.start(from + k as i64 + 1) {
            (ends[k] - starts[k]) as f64 / MS_PER_DAY as f64
        } else {
            days_in_month(y, m) as f64
        }
    };
    let countback = |k: usize, ar: i128| -> f64 {
        let mut remaining = ar;
        let mut days = 0.0;
        for step in 0..COUNTBACK_MONTHS {
            if remaining <= 0 {
                break;
            }
            let Some(j) = k.checked_sub(step) else { break };
            let s = sales[j];
            if s >= remaining {
                days += month_days(j) * remaining as f64 / s as f64;
                remaining = 0;
                break;
            }
            remaining -= s;
            days += month_days(j);
        }
        if remaining > 0 {
            f64::NAN
        } else {
            days
        }
    };
    let window = IssuingWindow::of(inv);
    let first_shown = (shown_from - from) as usize;
    let out = (first_shown..n)
        .map(|k| {
            let ar = receivables[k + 1];
            let current = ar - past_due[k + 1];
            let prev = receivables[k];
            let sales3 = cumulative[k + 1] - cumulative[k.saturating_sub(2)];
            let ratio = |x: i128| {
                if sales3 > 0 {
                    amount(x) / amount(sales3) * 91.0
                } else {
                    f64::NAN
                }
            };
            let dso = ratio(ar);
            let bpdso = ratio(current);
            let cei_den = prev + sales[k] - current;
            let cei = if cei_den > 0 {
                amount(prev + sales[k] - ar) / amount(cei_den) * 100.0
            } else {
                f64::NAN
            };
            let dso_countback = countback(k, ar);
            let mut unavailable = Vec::new();
            let mut why = |figure: &str, reason: &str| {
                unavailable.push(Unavailable::data(figure, reason));
            };
            if sales3 <= 0 {
                for figure in ["dso_simple", "bpdso", "add"] {
                    why(figure, "no credit sales in the 3 months to this month-end");
                }
            }
            if dso_countback.is_nan() {
                why(
                    "dso_countback",
                    "the open receivables exceed the credit sales of the 120 months to this month-end",
                );
            }
            if cei.is_nan() {
                why(
                    "cei",
                    "nothing was collectible in the month: receivables at its start plus its sales, less the current receivables at its end, are 0 or less",
                );
            }
            let (y, m) = year_month(from + k as i64);
            let month = from + k as i64;
            let partial_reason = month_partial(
                window.as_ref(),
                months.start(month - 2),
                ends[k],
                months.start(month + 1),
            );
            DsoMonth {
                month: format!("{y:04}-{m:02}"),
                dso_simple: dso,
                dso_countback,
                bpdso,
                add: dso - bpdso,
                cei,
                receivables: amount(ar),
                past_due: amount(past_due[k + 1]),
                sales: amount(sales[k]),
                end_ms: ends[k],
                unavailable,
                partial: partial_reason.is_some(),
                partial_reason,
            }
        })
        .collect();
    let note = (shown_from > first_month).then(|| {
        let (fy, fm) = year_month(first_month);
        let (sy, sm) = year_month(shown_from);
        format!(
            "the invoices span {} months (the first issued in {fy:04}-{fm:02}): DSO is shown for the last {MAX_MONTHS}, from {sy:04}-{sm:02}; older invoices still open count in the receivables",
            last_month - first_month + 1
        )
    });
    DsoSeries {
        months: out,
        note,
        window,
    }
}

/// The instant at which a month of [`dso_monthly`] (`YYYY-MM`) is measured in UTC: the start of the next
/// month, or `as_of` for the month that contains it. A series in local time carries its own instants:
/// [`month_end_in`].
pub fn month_end(month: &str, as_of: i64) -> Option<i64> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) {
        return None;
    }
    Some(LocalMonths::utc().start(month_index(y, m) + 1).min(as_of))
}

/// The instant at which month `month` (`YYYY-MM`) of a DSO series is measured, as the series computed
/// it (local month-end, or the as-of date for the last month).
pub fn month_end_in(months: &[DsoMonth], month: &str) -> Option<i64> {
    months.iter().find(|m| m.month == month).map(|m| m.end_ms)
}

#[cfg(test)]
mod tests;
