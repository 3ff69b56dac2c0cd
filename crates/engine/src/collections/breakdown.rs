//! Any KPI broken down by any attribute: the invoices are grouped by their case value of the attribute
//! (the most frequent values, the rest together as "other"), and every headline measure is computed per
//! group by the same functions as for the whole selection, on the group's cases. A measure whose roles
//! the log lacks is NaN (`null`) in every group, as in the report ([`super::availability`]).

use super::availability::Found;
use super::facts::{Context, Invoice};
use super::roles::ActivityRole as R;
use super::{credit, disputes, dunning, kpi, promises, CollectionsSettings};
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
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
    /// Amount still open at the as-of date (at the headline month's end in a cut extract).
    pub open_amount: f64,
    /// 90th percentile invoice-to-cash days.
    #[serde(default)]
    pub invoice_to_cash_p90_days: f64,
    /// Simple DSO at the end of the report's headline month (its latest complete month).
    #[serde(default)]
    pub dso_simple: f64,
    /// Countback DSO at the end of the headline month.
    #[serde(default)]
    pub dso_countback: f64,
    /// Best possible DSO at the end of the headline month.
    #[serde(default)]
    pub bpdso: f64,
    /// Average days delinquent at the end of the headline month.
    #[serde(default)]
    pub add: f64,
    /// Collection effectiveness index over the 12 months to the headline month's end in a cut
    /// extract, else to the as-of date, percent.
    #[serde(default)]
    pub cei: f64,
    /// Reminders (and final notices) sent.
    #[serde(default)]
    pub reminders: u64,
    /// Share of reminders followed by a payment within the window.
    #[serde(default)]
    pub dunning_rate: f64,
    /// Disputes raised.
    #[serde(default)]
    pub disputes: u64,
    /// Disputes still open at the as-of date.
    #[serde(default)]
    pub open_disputes: u64,
    /// Median days from a payment received to its posting.
    #[serde(default)]
    pub posting_lag_median_days: f64,
    /// Promises to pay with an outcome.
    #[serde(default)]
    pub promises: u64,
    /// Share of them kept.
    #[serde(default)]
    pub promise_kept_rate: f64,
    /// Median days to a credit decision.
    #[serde(default)]
    pub credit_decision_median_days: f64,
    /// Invoices cancelled and issued again.
    #[serde(default)]
    pub reissued: u64,
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
    settings: &CollectionsSettings,
) -> Vec<BreakdownRow> {
    let found = Found::new(ctx);
    // Per measure, whether the log's roles support it.
    let on_time_ok = found.payments().or_else(|| found.due_dates()).is_none();
    let to_cash_ok = found.invoices().or_else(|| found.payments()).is_none();
    let receivables_ok = found.receivables().is_none();
    // Current against past due needs due dates (as in the report's `measures`).
    let split_ok = receivables_ok && found.due_dates().is_none();
    let written_off_ok = found.any(&[R::WrittenOff]).is_none();
    let received_ok = found.any(&[R::PaymentReceived]).is_none();
    let dunning_ok = received_ok
        && found
            .any(&[R::Reminder { level: 1 }, R::FinalNotice])
            .is_none();
    let posting_ok = received_ok && found.any(&[R::PaymentPosted]).is_none();
    let promises_ok = received_ok && found.any(&[R::PromiseToPay]).is_none();
    let credit_ok = found.any(&[R::CreditRequested]).is_none()
        && found.any(&[R::CreditApproved, R::CreditRejected]).is_none();
    let only = |ok: bool, x: f64| if ok { x } else { f64::NAN };
    let months = kpi::LocalMonths::of_log(ctx.log, invoices, as_of);
    // Every group is measured at the whole selection's headline month (its latest complete month),
    // and, in a cut extract, its CEI and open amount at that month's end, as the report does.
    let series = kpi::dso_series(invoices, as_of, &months);
    let headline = series.headline();
    let cut = series.window.is_some_and(|w| w.is_cut(as_of));
    let headline_month = headline.map(|m| m.month.clone());
    let period_end = match headline {
        Some(h) if cut => h.end_ms,
        _ => as_of,
    };
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
            let mut in_group = vec![false; ctx.log.case_count()];
            for i in &owned {
                in_group[i.case] = true;
            }
            let sel = Selection::from_fn(ctx.log, |c| in_group[c]);
            let itc = kpi::invoice_to_cash(&owned);
            let group_months = kpi::dso_series(&owned, as_of, &months).months;
            let headline = group_months
                .iter()
                .find(|m| Some(&m.month) == headline_month.as_ref());
            let month =
                |f: fn(&kpi::DsoMonth) -> f64| only(receivables_ok, headline.map_or(f64::NAN, f));
            let dunned = dunning::dunning(ctx, &sel, settings.window_days);
            let reminders: u64 = dunned.iter().map(|d| d.sent).sum();
            let paid: u64 = dunned.iter().map(|d| d.paid_within_window).sum();
            let disputed = disputes::disputes(ctx, &sel, as_of);
            let (by_segment, _) = promises::promises(ctx, &sel, settings.promise_grace_days, as_of);
            let promised: u64 = by_segment.iter().map(|p| p.promises).sum();
            let kept: u64 = by_segment.iter().map(|p| p.kept).sum();
            let lags: Vec<f64> = owned
                .iter()
                .filter_map(|i| match (i.paid, i.posted) {
                    (Some(p), Some(q)) if q >= p => Some((q - p) as f64 / MS_PER_DAY as f64),
                    _ => None,
                })
                .collect();
            let ratio = |a: u64, b: u64| {
                if b == 0 {
                    f64::NAN
                } else {
                    a as f64 / b as f64
                }
            };
            BreakdownRow {
                invoice_to_cash_p90_days: only(to_cash_ok, itc.p90),
                dso_simple: month(|m| m.dso_simple),
                dso_countback: month(|m| m.dso_countback),
                bpdso: only(split_ok, month(|m| m.bpdso)),
                add: only(split_ok, month(|m| m.add)),
                cei: only(split_ok, kpi::cei_in(&owned, period_end, &months)),
                reminders,
                dunning_rate: only(dunning_ok, ratio(paid, reminders)),
                disputes: disputed.iter().map(|d| d.resolved + d.open).sum(),
                open_disputes: disputed.iter().map(|d| d.open).sum(),
                posting_lag_median_days: only(posting_ok, kpi::Spread::of(lags).median),
                promises: promised,
                promise_kept_rate: only(promises_ok, ratio(kept, promised)),
                credit_decision_median_days: only(
                    credit_ok,
                    credit::credit_cycle(ctx, &sel).median_days,
                ),
                reissued: owned.iter().filter(|i| i.reissued).count() as u64,
                value,
                invoices: owned.len() as u64,
                amount: owned.iter().fold(0.0, |a, i| a + i.weight()),
                on_time_payment_rate: only(on_time_ok, on_time),
                invoice_to_cash_median_days: only(to_cash_ok, itc.median),
                median_days_late: only(on_time_ok, kpi::Spread::of(late).median),
                write_off_rate: only(written_off_ok, kpi::write_offs(&owned).rate),
                open_amount: only(
                    receivables_ok,
                    owned
                        .iter()
                        .filter(|i| i.open_at(period_end.saturating_add(1)))
                        .fold(0.0, |a, i| a + i.weight()),
                ),
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
        let settings = CollectionsSettings::default();
        let rows = breakdown(&ctx, &inv, "segment", as_of, 10, &settings);
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
        let banded = breakdown(&ctx, &inv, "amount", as_of, 10, &settings);
        assert!(
            banded.iter().all(|r| r.value.starts_with(char::is_numeric)),
            "{:?}",
            banded.iter().map(|r| &r.value).collect::<Vec<_>>()
        );
        assert_eq!(banded.iter().map(|r| r.invoices).sum::<u64>(), 3);
    }

    #[test]
    fn every_measure_is_computed_on_the_groups_cases() {
        let (log, map) = log("case,activity,timestamp,segment,amount,due_date\n\
            a,Invoice created,2024-01-01,SME,100,2024-01-31\n\
            a,Reminder 1 sent,2024-02-05,SME,100,2024-01-31\n\
            a,Payment received,2024-02-10,SME,100,2024-01-31\n\
            a,Payment posted,2024-02-12,SME,100,2024-01-31\n\
            b,Invoice created,2024-01-01,SME,200,2024-01-31\n\
            b,Dispute raised,2024-01-10,SME,200,2024-01-31\n\
            b,Dispute resolved,2024-01-20,SME,200,2024-01-31\n\
            b,Payment received,2024-02-05,SME,200,2024-01-31\n\
            b,Payment posted,2024-02-06,SME,200,2024-01-31\n\
            c,Invoice created,2024-01-01,Enterprise,900,2024-01-31\n\
            c,Reminder 1 sent,2024-02-05,Enterprise,900,2024-01-31\n\
            c,Written off,2024-06-01,Enterprise,900,2024-01-31\n");
        let ctx = Context::new(&log, &map);
        let inv = invoices(&ctx, &Selection::all(&log));
        let as_of = crate::calendar::days_from_civil(2024, 6, 1) * MS_PER_DAY;
        let rows = breakdown(
            &ctx,
            &inv,
            "segment",
            as_of,
            10,
            &CollectionsSettings::default(),
        );
        let sme = rows.iter().find(|r| r.value == "SME").unwrap();
        let ent = rows.iter().find(|r| r.value == "Enterprise").unwrap();
        // a's reminder was paid 5 days later (within 14); c's never.
        assert_eq!((sme.reminders, sme.dunning_rate), (1, 1.0));
        assert_eq!((ent.reminders, ent.dunning_rate), (1, 0.0));
        assert_eq!((sme.disputes, sme.open_disputes), (1, 0));
        assert_eq!(ent.disputes, 0);
        // Posted 2 and 1 days after payment.
        assert_eq!(sme.posting_lag_median_days, 1.5);
        assert!(ent.posting_lag_median_days.is_nan());
        // Paid 40 and 35 days after issue: p90 by linear interpolation.
        assert!((sme.invoice_to_cash_p90_days - 39.5).abs() < 1e-9);
        assert!(ent.promise_kept_rate.is_nan());
        // As of 8 February every month-end's 3 months of sales begin before the first invoice of the
        // extract: no month is complete, so no group gets a DSO (rather than one read off a partial
        // month).
        let feb = crate::calendar::days_from_civil(2024, 2, 8) * MS_PER_DAY;
        let early = breakdown(
            &ctx,
            &inv,
            "segment",
            feb,
            10,
            &CollectionsSettings::default(),
        );
        assert!(early
            .iter()
            .all(|r| r.dso_simple.is_nan() && r.add.is_nan()));
    }

    /// Each group's DSO is taken at the selection's headline month (its latest complete month): one
    /// invoice of 100 a day from 1 January 2024, SME on even days paid after 10 days, Enterprise on odd
    /// days after 50; the extract stops on 29 April, so April is not over and March is the headline.
    #[test]
    fn groups_are_measured_at_the_headline_month() {
        use crate::calendar::{days_from_civil, format_iso_utc};
        let d0 = days_from_civil(2024, 1, 1);
        let last = 119; // 29 April
        let at = |d: i64| format_iso_utc((d0 + d) * MS_PER_DAY + 9 * 3_600_000);
        let mut csv = String::from("case,activity,timestamp,segment,amount\n");
        for k in 0..=last {
            let (segment, pay) = if k % 2 == 0 {
                ("SME", 10)
            } else {
                ("Enterprise", 50)
            };
            csv += &format!("i{k},Invoice created,{},{segment},100\n", at(k));
            if k + pay <= last {
                csv += &format!("i{k},Payment received,{},{segment},100\n", at(k + pay));
            }
        }
        let (log, map) = log(&csv);
        let ctx = Context::new(&log, &map);
        let inv = invoices(&ctx, &Selection::all(&log));
        let as_of = (d0 + last) * MS_PER_DAY + 9 * 3_600_000;
        let rows = breakdown(&ctx, &inv, "segment", as_of, 10, &Default::default());
        let dso = |v: &str| rows.iter().find(|r| r.value == v).unwrap().dso_simple;
        // End of March: SME's invoices of 22 to 30 March (5) are open of 46 sold since January;
        // Enterprise's of 10 February to 30 March (25) of 45.
        assert!(
            (dso("SME") - 500.0 / 4600.0 * 91.0).abs() < 1e-9,
            "{}",
            dso("SME")
        );
        assert!((dso("Enterprise") - 2500.0 / 4500.0 * 91.0).abs() < 1e-9);
    }
}
