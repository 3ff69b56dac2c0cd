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
        weight: if amount.is_nan() { 1.0 } else { amount },
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
