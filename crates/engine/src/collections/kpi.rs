//! Receivables KPIs: invoice-to-cash time, on-time payment rate, DSO by month-end (simple and countback),
//! Best Possible DSO, Average Days Delinquent, Collection Effectiveness Index, aging, write-offs, rework
//! and the credit approval cycle.
//!
//! Formulas (amounts are invoice amounts; without an amount column every invoice weighs 1):
//! - **Simple DSO** at a month-end T = open receivables at T ÷ credit sales of the 3 months before T × 91.
//! - **Countback DSO**: take the open receivables and walk back month by month, subtracting each month's
//!   sales while they fit; DSO = the whole months' days plus the last month's days × the share left.
//! - **Best Possible DSO** = current (not past due) receivables at T ÷ 3-month sales × 91.
//! - **Average Days Delinquent** = simple DSO − BPDSO.
//! - **CEI** for a period = (receivables at start + sales in the period − receivables at end) ÷
//!   (receivables at start + sales in the period − current receivables at end) × 100. The headline CEI is
//!   that ratio over the last 12 months of the log (or all of it, if shorter).
//! - **On-time payment rate** = invoices paid on or before their due date ÷ paid invoices with a due date.
//! - **Invoice-to-cash** = payment received − issue, in days, over paid invoices.

use super::facts::Invoice;
use crate::analysis::stats::{median_f64, percentile_f64};
use crate::calendar::{civil_from_days, days_from_civil, MS_PER_DAY};
use crate::log::CaseIdx;
use serde::{Deserialize, Serialize};

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
}

/// Write-off figures.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WriteOffs {
    /// Invoices written off.
    pub invoices: u64,
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

/// The month-start instant of (year, month).
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

/// Countback DSO at `t` for receivables `ar`.
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

/// DSO, BPDSO, ADD and CEI at every month-end from the first issue to `as_of` (the last month ends at
/// `as_of`).
pub fn dso_monthly(inv: &[Invoice], as_of: i64) -> Vec<DsoMonth> {
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
        out.push(DsoMonth {
            month: format!("{y:04}-{m:02}"),
            dso_simple: dso,
            dso_countback: countback(inv, end, ar),
            bpdso,
            add: dso - bpdso,
            cei: if cei_den > 0.0 {
                (prev_ar + sales - ar) / cei_den * 100.0
            } else {
                f64::NAN
            },
            receivables: ar,
            past_due,
            sales,
        });
        prev_ar = ar;
        (y, m) = (ny, nm);
    }
    out
}

/// The instant at which a month of [`dso_monthly`] (`YYYY-MM`) is measured: the start of the next month,
/// or `as_of` for the month that contains it.
pub fn month_end(month: &str, as_of: i64) -> Option<i64> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&m) {
        return None;
    }
    let (ny, nm) = next_month(y, m);
    Some(month_start(ny, nm).min(as_of))
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
            i.paid
                .is_some_and(|p| (p - i.issued) as f64 / MS_PER_DAY as f64 >= days)
        })
        .map(|i| i.case)
        .collect()
}

/// CEI over the last 12 months before `as_of` (or since the first invoice).
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

/// Invoice-to-cash days of paid invoices.
pub fn invoice_to_cash(inv: &[Invoice]) -> Spread {
    Spread::of(
        inv.iter()
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
        invoices: written.len() as u64,
        amount: written.iter().map(|i| i.weight()).sum(),
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
            issued,
            due: Some(due),
            amount,
            customer: None,
            segment: None,
            paid,
            posted: None,
            cleared: None,
            agency: None,
            written_off: None,
            cancelled: None,
            reissued: false,
            first_reminder: None,
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
        assert_eq!(countback(&v2, day(2024, 4, 1), 50.0), 15.5);
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
}
