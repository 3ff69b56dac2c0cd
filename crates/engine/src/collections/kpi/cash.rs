//! The other receivables measures over the same invoices: receivables at an instant, CEI, aging,
//! invoice-to-cash, on-time payment and write-offs.

use super::*;

/// Open receivables (and the past-due part of them) at `t`, as amounts.
pub(super) fn receivables_at(invoices: &[&Invoice], t: i64) -> (i128, i128) {
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
