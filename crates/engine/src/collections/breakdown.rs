//! Any KPI broken down by any attribute: the invoices are grouped by their case value of the attribute
//! (the most frequent values, the rest together as "other"), and the headline measures computed per group.

use super::facts::{Context, Invoice};
use super::kpi;
use crate::calendar::MS_PER_DAY;
use crate::log::CaseIdx;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Headline measures of one group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    /// The attribute value ("(none)" for cases without one, "other" for the tail).
    pub value: String,
    /// Invoices.
    pub invoices: u64,
    /// Their amount.
    pub amount: f64,
    /// On-time payment rate.
    pub on_time_payment_rate: f64,
    /// Median invoice-to-cash days.
    pub invoice_to_cash_median_days: f64,
    /// Median days late of invoices paid after their due date.
    pub median_days_late: f64,
    /// Share written off.
    pub write_off_rate: f64,
    /// Amount still open at the as-of date.
    pub open_amount: f64,
    /// The cases.
    #[serde(skip)]
    pub cases: Vec<CaseIdx>,
}

/// Groups invoices by a case attribute and computes the measures per group (at most `max_groups` plus
/// "other"), largest groups first.
pub fn breakdown(
    ctx: &Context,
    invoices: &[Invoice],
    attribute: &str,
    as_of: i64,
    max_groups: usize,
) -> Vec<BreakdownRow> {
    let attr = ctx.log.attribute(attribute);
    // Numbers (amounts) are grouped in bands.
    let bands = attr
        .filter(|a| a.kind() == crate::log::ValueKind::Number)
        .and_then(|a| {
            let values: Vec<f64> = invoices
                .iter()
                .filter_map(|i| ctx.log.case_value(a, i.case).as_number())
                .collect();
            crate::analysis::bands::Bands::of(&values)
        });
    let mut groups: BTreeMap<String, Vec<&Invoice>> = BTreeMap::new();
    for i in invoices {
        let v = attr
            .map(|a| ctx.log.case_value(a, i.case))
            .filter(|v| !v.is_missing())
            .map(|v| match (&bands, v) {
                (Some(b), crate::log::Value::Number(x)) => b.label(x),
                (_, v) => v.display(),
            });
        groups
            .entry(v.unwrap_or_else(|| "(none)".into()))
            .or_default()
            .push(i);
    }
    let mut sized: Vec<(String, Vec<&Invoice>)> = groups.into_iter().collect();
    if bands.is_some() {
        sized.sort_by(|a, b| a.0.cmp(&b.0));
    } else {
        sized.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    }
    if sized.len() > max_groups {
        let tail: Vec<&Invoice> = sized.drain(max_groups..).flat_map(|(_, v)| v).collect();
        sized.push(("other".into(), tail));
    }
    sized
        .into_iter()
        .map(|(value, group)| {
            let owned: Vec<Invoice> = group.iter().map(|&i| i.clone()).collect();
            let (on_time, _) = kpi::on_time(&owned);
            let late: Vec<f64> = owned
                .iter()
                .filter_map(|i| match (i.paid, i.due) {
                    (Some(p), Some(d)) if p >= d + MS_PER_DAY => {
                        Some((p - d - MS_PER_DAY) as f64 / MS_PER_DAY as f64)
                    }
                    _ => None,
                })
                .collect();
            BreakdownRow {
                value,
                invoices: owned.len() as u64,
                amount: owned.iter().map(Invoice::weight).sum(),
                on_time_payment_rate: on_time,
                invoice_to_cash_median_days: kpi::invoice_to_cash(&owned).median,
                median_days_late: kpi::Spread::of(late).median,
                write_off_rate: kpi::write_offs(&owned).rate,
                open_amount: owned
                    .iter()
                    .filter(|i| i.open_at(as_of + 1))
                    .map(Invoice::weight)
                    .sum(),
                cases: owned.iter().map(|i| i.case).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::facts::{invoices, Context};
    use crate::collections::testing::log;
    use crate::filter::Selection;

    #[test]
    fn groups_by_text_and_bands_numbers() {
        let (log, map) = log("case,activity,timestamp,segment,amount,due_date\n\
            a,Invoice created,2024-01-01,SME,100,2024-01-31\na,Payment received,2024-01-20,SME,100,2024-01-31\n\
            b,Invoice created,2024-01-01,SME,200,2024-01-31\nb,Payment received,2024-02-05,SME,200,2024-01-31\n\
            c,Invoice created,2024-01-01,Enterprise,9000,2024-01-31\nc,Written off,2024-06-01,Enterprise,9000,2024-01-31\n");
        let ctx = Context::new(&log, &map);
        let inv = invoices(&ctx, &Selection::all(&log));
        let as_of = crate::calendar::days_from_civil(2024, 6, 1) * MS_PER_DAY;
        let rows = breakdown(&ctx, &inv, "segment", as_of, 10);
        // NaN (no paid invoice with a due date) shown as -1 to compare.
        let nan = |x: f64| if x.is_nan() { -1.0 } else { x };
        let got: Vec<(&str, u64, f64, f64)> = rows
            .iter()
            .map(|r| {
                (
                    r.value.as_str(),
                    r.invoices,
                    nan(r.on_time_payment_rate),
                    r.write_off_rate,
                )
            })
            .collect();
        assert_eq!(got, [("SME", 2, 0.5, 0.0), ("Enterprise", 1, -1.0, 1.0)]);
        // Paid 5 Feb, due 31 Jan: 4 days after the due day ended.
        assert_eq!(rows[0].median_days_late, 4.0);
        let banded = breakdown(&ctx, &inv, "amount", as_of, 10);
        assert!(
            banded.iter().all(|r| r.value.starts_with(char::is_numeric)),
            "{:?}",
            banded.iter().map(|r| &r.value).collect::<Vec<_>>()
        );
        assert_eq!(banded.iter().map(|r| r.invoices).sum::<u64>(), 3);
    }
}
