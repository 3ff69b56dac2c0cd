//! Receivables KPIs: invoice-to-cash time, on-time payment rate, DSO by month-end (simple and countback),
//! Best Possible DSO, Average Days Delinquent, Collection Effectiveness Index, aging and write-offs.
//!
//! What opens and closes a receivable is stated in [`super::facts`]; every measure here that speaks of
//! open receivables uses [`Invoice::open_at`], and only invoices (cases with an "invoice created" or
//! "invoice sent") are sales.
//!
//! Formulas (amounts are invoice amounts; without an amount column every invoice weighs 1):
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

/// The most recent months the DSO series shows (50 years).
pub const MAX_MONTHS: usize = 600;

/// How far back countback DSO walks, in months.
const COUNTBACK_MONTHS: usize = 120;

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

/// Open receivables (and the past-due part of them) at `t`, as amounts.
fn receivables_at(invoices: &[&Invoice], t: i64) -> (i128, i128) {
    let mut open = 0;
    let mut past_due = 0;
    for i in invoices.iter().filter(|i| i.open_at(t)) {
        open += units(i.weight());
        if i.past_due_at(t) {
            past_due += units(i.weight());
        }
    }
    (open, past_due)
}

/// The invoices open at `t` (the receivables behind DSO), and those of them past due (behind ADD).
pub fn receivables_cases_at(inv: &[Invoice], t: i64) -> (Vec<CaseIdx>, Vec<CaseIdx>) {
    let open: Vec<&Invoice> = inv.iter().filter(|i| i.open_at(t)).collect();
    let past_due = open
        .iter()
        .filter(|i| i.past_due_at(t))
        .map(|i| i.case)
        .collect();
    (open.iter().map(|i| i.case).collect(), past_due)
}

/// Paid invoices whose invoice-to-cash time is at least `days`.
pub fn slower_to_cash(inv: &[Invoice], days: f64) -> Vec<CaseIdx> {
    inv.iter()
        .filter(|i| {
            i.invoiced
                && i.paid
                    .is_some_and(|p| (p - i.issued) as f64 / MS_PER_DAY as f64 >= days)
        })
        .map(|i| i.case)
        .collect()
}

/// CEI over the last 12 months before `as_of` (or since the first invoice), months in UTC: [`cei_in`]
/// with [`LocalMonths::utc`].
pub fn cei(inv: &[Invoice], as_of: i64) -> f64 {
    cei_in(inv, as_of, &LocalMonths::utc())
}

/// CEI from the start of the 12th month before the one holding `as_of` (or from the first invoice) to
/// `as_of`, months as `months` places them.
pub fn cei_in(inv: &[Invoice], as_of: i64, months: &LocalMonths) -> f64 {
    let invoices: Vec<&Invoice> = inv.iter().filter(|i| i.invoiced).collect();
    let Some(first) = invoices.iter().map(|i| i.issued).min() else {
        return f64::NAN;
    };
    let start = months
        .start(months.month_of(as_of.saturating_sub(1)) - 11)
        .max(first);
    let (begin, _) = receivables_at(&invoices, start);
    let sales: i128 = invoices
        .iter()
        .filter(|i| i.issued >= start && i.issued <= as_of)
        .map(|i| units(i.weight()))
        .sum();
    let (end, past_due) = receivables_at(&invoices, as_of.saturating_add(1));
    let den = begin + sales - (end - past_due);
    if den > 0 {
        amount(begin + sales - end) / amount(den) * 100.0
    } else {
        f64::NAN
    }
}

/// Aging of the receivables open at `at`: current, 1-30, 31-60, 61-90 and over 90 days past due.
pub fn aging(inv: &[Invoice], at: i64) -> Vec<AgingBucket> {
    let names = ["current", "1-30", "31-60", "61-90", "90+"];
    let mut buckets: Vec<AgingBucket> = names
        .iter()
        .map(|b| AgingBucket {
            bucket: b.to_string(),
            invoices: 0,
            amount: 0.0,
            cases: Vec::new(),
        })
        .collect();
    for i in inv.iter().filter(|i| i.open_at(at)) {
        let days_past = i.due.map(|d| (at - d).div_euclid(MS_PER_DAY)).unwrap_or(0);
        let k = match days_past {
            d if d <= 0 => 0,
            1..=30 => 1,
            31..=60 => 2,
            61..=90 => 3,
            _ => 4,
        };
        buckets[k].invoices += 1;
        buckets[k].amount += i.weight();
        buckets[k].cases.push(i.case);
    }
    buckets
}

/// Invoice-to-cash days of paid invoices (cases with an issue: see [`Invoice::invoiced`]).
pub fn invoice_to_cash(inv: &[Invoice]) -> Spread {
    Spread::of(
        inv.iter()
            .filter(|i| i.invoiced)
            .filter_map(|i| i.paid.map(|p| (p - i.issued) as f64 / MS_PER_DAY as f64))
            .collect(),
    )
}

/// On-time payment rate, and the cases paid late.
pub fn on_time(inv: &[Invoice]) -> (f64, Vec<CaseIdx>) {
    let mut n = 0u64;
    let mut ok = 0u64;
    let mut late = Vec::new();
    for i in inv {
        if let (Some(p), Some(d)) = (i.paid, i.due) {
            n += 1;
            // Paid on the due day counts as on time.
            if p < d + MS_PER_DAY {
                ok += 1;
            } else {
                late.push(i.case);
            }
        }
    }
    (
        if n > 0 {
            ok as f64 / n as f64
        } else {
            f64::NAN
        },
        late,
    )
}

/// Write-offs.
pub fn write_offs(inv: &[Invoice]) -> WriteOffs {
    let written: Vec<&Invoice> = inv.iter().filter(|i| i.written_off.is_some()).collect();
    let via = written
        .iter()
        .filter(|i| i.agency.is_some_and(|a| Some(a) < i.written_off))
        .count();
    WriteOffs {
        invoices: Some(written.len() as u64),
        // Summed from +0.0: `Iterator::sum` of no f64 is -0.0, printed "-0.00".
        amount: written.iter().fold(0.0, |a, i| a + i.weight()),
        rate: if inv.is_empty() {
            f64::NAN
        } else {
            written.len() as f64 / inv.len() as f64
        },
        via_agency_share: if written.is_empty() {
            f64::NAN
        } else {
            via as f64 / written.len() as f64
        },
        cases: written.iter().map(|i| i.case).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d) * MS_PER_DAY
    }

    fn inv(case: usize, issued: i64, due: i64, paid: Option<i64>, amount: f64) -> Invoice {
        Invoice {
            case,
            invoiced: true,
            issued,
            due: Some(due),
            amount,
            customer: None,
            segment: None,
            paid,
            posted: None,
            cleared: None,
            credited: None,
            agency: None,
            written_off: None,
            cancelled: None,
            reissued: false,
            first_reminder: None,
            applied: paid,
        }
    }

    /// January: 300 issued on 1/10, due 2/9; February: 600 on 2/10, due 3/12; the January invoice is
    /// paid 2/20, the February one stays open.
    fn two_months() -> Vec<Invoice> {
        vec![
            inv(
                0,
                day(2024, 1, 10),
                day(2024, 2, 9),
                Some(day(2024, 2, 20)),
                300.0,
            ),
            inv(1, day(2024, 2, 10), day(2024, 3, 12), None, 600.0),
        ]
    }

    #[test]
    fn dso_by_hand() {
        let v = two_months();
        let months = dso_monthly(&v, day(2024, 3, 31));
        assert_eq!(
            months.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(),
            ["2024-01", "2024-02", "2024-03"]
        );
        // End of January: 300 open of 300 sales in 3 months → 91 days; countback: 300 of January's 300,
        // January had 31 days → 31.
        assert_eq!(months[0].dso_simple, 91.0);
        assert_eq!(months[0].dso_countback, 31.0);
        assert_eq!(months[0].bpdso, 91.0, "not yet due");
        // End of February: 600 open of 900 sales → 60.67; countback: 600 = all of February (29 days).
        assert!((months[1].dso_simple - 600.0 / 900.0 * 91.0).abs() < 1e-9);
        assert_eq!(months[1].dso_countback, 29.0);
        // CEI February: (300 + 600 − 600) / (300 + 600 − 600) = 100 %.
        assert_eq!(months[1].cei, 100.0);
        // End of March (as-of 3/31): 600 open, past due since 3/12; sales 900 over Jan–Mar.
        assert_eq!(months[2].past_due, 600.0);
        assert_eq!(months[2].bpdso, 0.0);
        assert!((months[2].add - months[2].dso_simple).abs() < 1e-9);
        // March CEI: no collection out of 600 collectible → 0 %.
        assert_eq!(months[2].cei, 0.0);
    }

    #[test]
    fn the_cases_behind_dso_add_and_slow_payments() {
        let v = two_months();
        let as_of = day(2024, 3, 20);
        assert_eq!(month_end("2024-01", as_of), Some(day(2024, 2, 1)));
        assert_eq!(month_end("2024-03", as_of), Some(as_of));
        assert_eq!(month_end("2024-13", as_of), None);
        assert_eq!(month_end("March", as_of), None);
        // End of January: the January invoice is open and not yet due.
        let t = month_end("2024-01", as_of).unwrap();
        assert_eq!(receivables_cases_at(&v, t), (vec![0], vec![]));
        // End of February: January's was paid on 2/20; February's is open and current.
        let t = month_end("2024-02", as_of).unwrap();
        assert_eq!(receivables_cases_at(&v, t), (vec![1], vec![]));
        // As of 3/20: February's invoice is past due since 3/12.
        assert_eq!(receivables_cases_at(&v, as_of), (vec![1], vec![1]));
        // Paid 41 days after issue.
        assert_eq!(slower_to_cash(&v, 41.0), vec![0]);
        assert!(slower_to_cash(&v, 41.5).is_empty());
    }

    #[test]
    fn countback_spans_months() {
        // 100 issued each month Jan..Mar, nothing paid: at the end of March, 300 open → all of March (31),
        // February (29) and January (31) = 91 days.
        let v: Vec<Invoice> = (1..=3)
            .map(|m| {
                inv(
                    m as usize,
                    day(2024, m, 5),
                    day(2024, m, 5) + 30 * MS_PER_DAY,
                    None,
                    100.0,
                )
            })
            .collect();
        let months = dso_monthly(&v, day(2024, 4, 1));
        assert_eq!(months[2].dso_countback, 91.0);
        // Half of March's sales open: 15.5 days.
        let v2 = vec![
            inv(0, day(2024, 3, 5), day(2024, 4, 5), None, 50.0),
            inv(
                1,
                day(2024, 3, 6),
                day(2024, 4, 5),
                Some(day(2024, 3, 20)),
                50.0,
            ),
        ];
        assert_eq!(dso_monthly(&v2, day(2024, 4, 1))[0].dso_countback, 15.5);
    }

    #[test]
    fn aging_on_time_and_invoice_to_cash() {
        let at = day(2024, 6, 30);
        let v = vec![
            inv(0, day(2024, 6, 1), day(2024, 7, 1), None, 10.0), // current
            inv(1, day(2024, 5, 1), day(2024, 5, 31), None, 20.0), // 30 days past due
            inv(2, day(2024, 4, 1), day(2024, 4, 30), None, 30.0), // 61 days
            inv(3, day(2024, 1, 1), day(2024, 1, 31), None, 40.0), // 151 days
            inv(
                4,
                day(2024, 1, 1),
                day(2024, 1, 31),
                Some(day(2024, 1, 31)),
                50.0,
            ), // paid on the due day
            inv(
                5,
                day(2024, 1, 1),
                day(2024, 1, 31),
                Some(day(2024, 2, 1)),
                60.0,
            ), // one day late
        ];
        let a = aging(&v, at);
        let got: Vec<(u64, f64)> = a.iter().map(|b| (b.invoices, b.amount)).collect();
        assert_eq!(got, [(1, 10.0), (1, 20.0), (0, 0.0), (1, 30.0), (1, 40.0)]);
        let (rate, late) = on_time(&v);
        assert_eq!(rate, 0.5);
        assert_eq!(late, [5]);
        let itc = invoice_to_cash(&v);
        assert_eq!(itc.n, 2);
        assert_eq!(itc.median, 30.5);
    }

    /// The straightforward implementation this module had before the sweep: every month walks every
    /// invoice (receivables, two sales sums, up to 120 more for countback). Kept as the oracle.
    mod oracle {
        use super::super::*;

        fn month_start(y: i64, m: u32) -> i64 {
            days_from_civil(y, m, 1) * MS_PER_DAY
        }

        fn next_month(y: i64, m: u32) -> (i64, u32) {
            if m == 12 {
                (y + 1, 1)
            } else {
                (y, m + 1)
            }
        }

        fn prev_month(y: i64, m: u32) -> (i64, u32) {
            if m == 1 {
                (y - 1, 12)
            } else {
                (y, m - 1)
            }
        }

        fn ym(t: i64) -> (i64, u32) {
            let (y, m, _) = civil_from_days(t.div_euclid(MS_PER_DAY));
            (y, m)
        }

        fn sales_between(inv: &[Invoice], from: i64, to: i64) -> f64 {
            inv.iter()
                .filter(|i| i.issued >= from && i.issued < to)
                .map(Invoice::weight)
                .sum()
        }

        fn receivables_at(inv: &[Invoice], t: i64) -> (f64, f64) {
            let mut open = 0.0;
            let mut past_due = 0.0;
            for i in inv.iter().filter(|i| i.open_at(t)) {
                open += i.weight();
                if i.past_due_at(t) {
                    past_due += i.weight();
                }
            }
            (open, past_due)
        }

        fn countback(inv: &[Invoice], t: i64, ar: f64) -> f64 {
            let (mut y, mut m) = ym(t - 1);
            let mut end = t;
            let mut remaining = ar;
            let mut days = 0.0;
            for _ in 0..120 {
                let start = month_start(y, m);
                let month_days = (end - start) as f64 / MS_PER_DAY as f64;
                let s = sales_between(inv, start, end);
                if remaining <= 0.0 {
                    break;
                }
                if s >= remaining {
                    days += month_days * remaining / s;
                    remaining = 0.0;
                    break;
                }
                remaining -= s;
                days += month_days;
                end = start;
                (y, m) = prev_month(y, m);
            }
            if remaining > 0.0 {
                f64::NAN
            } else {
                days
            }
        }

        /// (month, simple, countback, bpdso, add, cei, receivables, past due, sales) per month.
        pub fn dso_monthly(inv: &[Invoice], as_of: i64) -> Vec<(String, [f64; 8])> {
            let Some(first) = inv.iter().map(|i| i.issued).min() else {
                return Vec::new();
            };
            let (mut y, mut m) = ym(first);
            let mut out = Vec::new();
            let mut prev_ar = 0.0;
            loop {
                let start = month_start(y, m);
                if start >= as_of {
                    break;
                }
                let (ny, nm) = next_month(y, m);
                let end = month_start(ny, nm).min(as_of);
                let (ar, past_due) = receivables_at(inv, end);
                let current = ar - past_due;
                let (py, pm) = prev_month(y, m);
                let (qy, qm) = prev_month(py, pm);
                let sales3 = sales_between(inv, month_start(qy, qm), end);
                let sales = sales_between(inv, start, end);
                let ratio = |x: f64| {
                    if sales3 > 0.0 {
                        x / sales3 * 91.0
                    } else {
                        f64::NAN
                    }
                };
                let dso = ratio(ar);
                let bpdso = ratio(current);
                let cei_den = prev_ar + sales - current;
                let cei = if cei_den > 0.0 {
                    (prev_ar + sales - ar) / cei_den * 100.0
                } else {
                    f64::NAN
                };
                out.push((
                    format!("{y:04}-{m:02}"),
                    [
                        dso,
                        countback(inv, end, ar),
                        bpdso,
                        dso - bpdso,
                        cei,
                        ar,
                        past_due,
                        sales,
                    ],
                ));
                prev_ar = ar;
                (y, m) = (ny, nm);
            }
            out
        }

        pub fn cei(inv: &[Invoice], as_of: i64) -> f64 {
            let Some(first) = inv.iter().map(|i| i.issued).min() else {
                return f64::NAN;
            };
            let (y, m) = ym(as_of - 1);
            let mut start = month_start(y, m);
            let (mut sy, mut sm) = (y, m);
            for _ in 0..11 {
                (sy, sm) = prev_month(sy, sm);
                start = month_start(sy, sm);
            }
            let start = start.max(first);
            let (begin, _) = receivables_at(inv, start);
            let sales = sales_between(inv, start, as_of + 1);
            let (end, past_due) = receivables_at(inv, as_of + 1);
            let den = begin + sales - (end - past_due);
            if den > 0.0 {
                (begin + sales - end) / den * 100.0
            } else {
                f64::NAN
            }
        }
    }

    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * a.abs().max(1.0)
    }

    use proptest::prelude::*;

    /// Random invoices over three years: issue, optional due, payment, write-off, cancellation,
    /// whole-number amounts (so the oracle's floating-point sums are exact too), some without amount.
    fn invoices() -> impl Strategy<Value = Vec<Invoice>> {
        let base = day(2022, 1, 1);
        let span = 3 * 365 * MS_PER_DAY;
        prop::collection::vec(
            (
                0..span,
                prop::option::of(0..90 * MS_PER_DAY),
                prop::option::of(0..200 * MS_PER_DAY),
                prop::option::of(0..400 * MS_PER_DAY),
                prop::bool::weighted(0.05),
                prop::option::of(1u32..100_000),
            ),
            1..60,
        )
        .prop_map(move |rows| {
            rows.into_iter()
                .enumerate()
                .map(|(case, (issue, due, paid, written, cancel, amount))| {
                    let issued = base + issue;
                    let mut i = inv(
                        case,
                        issued,
                        0,
                        paid.map(|p| issued + p),
                        amount.map_or(f64::NAN, f64::from),
                    );
                    i.due = due.map(|d| issued + d);
                    i.written_off = written.map(|w| issued + w);
                    i.cancelled = cancel.then_some(issued + 5 * MS_PER_DAY);
                    i
                })
                .collect()
        })
    }

    proptest! {
        /// The sweep gives the oracle's figures, month by month.
        #[test]
        fn the_sweep_equals_the_month_by_month_oracle(
            v in invoices(),
            as_of in day(2022, 6, 1)..day(2026, 1, 1),
        ) {
            let fast = dso_monthly(&v, as_of);
            let slow = oracle::dso_monthly(&v, as_of);
            prop_assert_eq!(fast.len(), slow.len());
            for (f, (month, o)) in fast.iter().zip(&slow) {
                prop_assert_eq!(&f.month, month);
                let got = [f.dso_simple, f.dso_countback, f.bpdso, f.add, f.cei, f.receivables, f.past_due, f.sales];
                for (k, (a, b)) in got.iter().zip(o).enumerate() {
                    prop_assert!(same(*a, *b), "{} field {}: {} vs {}", month, k, a, b);
                }
            }
            prop_assert!(same(cei(&v, as_of), oracle::cei(&v, as_of)));
        }
    }

    /// Audit finding 7: 20,000 invoices of 2024 and one unpaid invoice dated 0001-01-01. The series
    /// keeps its last 600 months, says so, and still counts the old invoice as open.
    #[test]
    fn an_invoice_from_year_one_does_not_create_24000_months() {
        let as_of = day(2025, 1, 1);
        let mut v: Vec<Invoice> = (0..20_000)
            .map(|k| {
                let issued = day(2024, 1, 1) + (k as i64 % 360) * MS_PER_DAY;
                let paid = (k % 3 != 0).then_some(issued + 40 * MS_PER_DAY);
                inv(k, issued, issued + 30 * MS_PER_DAY, paid, 100.0)
            })
            .collect();
        v.push(inv(20_000, day(1, 1, 1), day(1, 1, 31), None, 5.0));
        let series = dso_series(&v, as_of, &LocalMonths::utc());
        assert_eq!(series.months.len(), MAX_MONTHS);
        assert_eq!(series.months[0].month, "1975-01");
        assert_eq!(series.months[MAX_MONTHS - 1].month, "2024-12");
        let note = series.note.unwrap();
        assert!(
            note.contains("0001-01") && note.contains("1975-01"),
            "{note}"
        );
        // Before 2024 only the year-1 invoice is open: 5, with no sales to measure DSO against.
        assert_eq!(series.months[0].receivables, 5.0);
        assert!(series.months[0].dso_simple.is_nan());
        assert_eq!(series.months[0].unavailable[0].figure, "dso_simple");
        assert!(cei(&v, as_of).is_finite());
    }

    /// Month-ends in the log's local time: an invoice issued at 00:30 on 1 April in Paris (22:30 UTC
    /// on 31 March) is an April sale, and one paid at 00:15 on 1 May (22:15 UTC on 30 April) was still
    /// open at the end of April.
    #[test]
    fn month_ends_are_local_midnight_at_the_logs_offset() {
        let (log, map) = crate::collections::testing::log(
            "case,activity,timestamp,amount\n\
             a,Invoice created,2024-04-01T00:30:00+02:00,100\n\
             a,Payment received,2024-05-01T00:15:00+02:00,100\n\
             b,Invoice created,2024-04-10T10:00:00+02:00,300\n\
             b,Payment received,2024-05-20T10:00:00+02:00,300\n",
        );
        let ctx = crate::collections::facts::Context::new(&log, &map);
        let v = crate::collections::facts::invoices(&ctx, &crate::filter::Selection::all(&log));
        let as_of = day(2024, 5, 31);
        let local = LocalMonths::of_log(&log, &v, as_of);
        let series = dso_series(&v, as_of, &local);
        let got: Vec<(&str, f64, f64)> = series
            .months
            .iter()
            .map(|m| (m.month.as_str(), m.sales, m.receivables))
            .collect();
        assert_eq!(got, [("2024-04", 400.0, 400.0), ("2024-05", 0.0, 0.0)]);
        let april_end = day(2024, 5, 1) - 2 * 3_600_000;
        assert_eq!(month_end_in(&series.months, "2024-04"), Some(april_end));
        assert_eq!(receivables_cases_at(&v, april_end).0, [0, 1]);
        // In UTC the first invoice is a March sale and was paid before April ended.
        let utc: Vec<(String, f64, f64)> = dso_monthly(&v, as_of)
            .into_iter()
            .map(|m| (m.month, m.sales, m.receivables))
            .collect();
        assert_eq!(
            utc,
            [
                ("2024-03".to_string(), 100.0, 100.0),
                ("2024-04".to_string(), 300.0, 300.0),
                ("2024-05".to_string(), 0.0, 0.0)
            ]
        );
    }
}
