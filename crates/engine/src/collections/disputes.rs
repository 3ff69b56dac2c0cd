//! Disputes: resolution time by reason (median, p90), disputes still open and their age, and the share
//! ending in a credit note. A dispute runs from "dispute raised" to the next "dispute resolved" of the
//! same case; it ends in a credit note when a credit note follows the raise in that case. Its reason is
//! the dispute-reason value on the raising event (else the case's, else "unspecified").

use super::facts::Context;
use super::kpi::Spread;
use super::roles::ActivityRole;
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
use crate::log::CaseIdx;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Disputes of one reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisputeRow {
    /// Reason.
    pub reason: String,
    /// Resolved disputes.
    pub resolved: u64,
    /// Disputes still open at the as-of date.
    pub open: u64,
    /// Median resolution time, days.
    pub median_days: f64,
    /// 90th percentile resolution time, days.
    pub p90_days: f64,
    /// Median age of the open ones, days.
    pub open_median_age_days: f64,
    /// Share of disputes followed by a credit note.
    pub credit_note_share: f64,
    /// Cases of the open disputes.
    #[serde(skip)]
    pub open_cases: Vec<CaseIdx>,
    /// Cases of all disputes.
    #[serde(skip)]
    pub cases: Vec<CaseIdx>,
}

/// Dispute figures by reason, as of `as_of`.
pub fn disputes(ctx: &Context, sel: &Selection, as_of: i64) -> Vec<DisputeRow> {
    let log = ctx.log;
    let times = log.times();
    #[derive(Default)]
    struct Acc {
        durations: Vec<f64>,
        open_ages: Vec<f64>,
        credit_notes: u64,
        total: u64,
        open_cases: Vec<CaseIdx>,
        cases: Vec<CaseIdx>,
    }
    let mut by: BTreeMap<String, Acc> = BTreeMap::new();
    for (case, r) in sel.cases(log) {
        for e in r.clone() {
            if ctx.role(e) != ActivityRole::DisputeRaised {
                continue;
            }
            let reason = ctx
                .event_text(ctx.reason, e, case)
                .unwrap_or_else(|| "unspecified".into());
            let acc = by.entry(reason).or_default();
            acc.total += 1;
            acc.cases.push(case);
            let t = times[e];
            match (e + 1..r.end).find(|&x| ctx.role(x) == ActivityRole::DisputeResolved) {
                Some(x) => acc
                    .durations
                    .push((times[x] - t) as f64 / MS_PER_DAY as f64),
                None => {
                    acc.open_ages.push((as_of - t) as f64 / MS_PER_DAY as f64);
                    acc.open_cases.push(case);
                }
            }
            if (e + 1..r.end).any(|x| ctx.role(x) == ActivityRole::CreditNote) {
                acc.credit_notes += 1;
            }
        }
    }
    by.into_iter()
        .map(|(reason, a)| {
            let d = Spread::of(a.durations);
            DisputeRow {
                reason,
                resolved: d.n,
                open: a.open_ages.len() as u64,
                median_days: d.median,
                p90_days: d.p90,
                open_median_age_days: Spread::of(a.open_ages).median,
                credit_note_share: a.credit_notes as f64 / a.total.max(1) as f64,
                open_cases: a.open_cases,
                cases: a.cases,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    #[test]
    fn resolution_time_open_age_and_credit_notes_by_reason() {
        let (log, map) = log("case,activity,timestamp,dispute_reason\n\
            a,Dispute raised,2024-01-01,Pricing\na,Dispute resolved,2024-01-11,Pricing\na,Credit note issued,2024-01-12,\n\
            b,Dispute raised,2024-01-01,Pricing\nb,Dispute resolved,2024-01-31,\n\
            c,Dispute raised,2024-01-05,Quantity\n\
            d,Invoice created,2024-02-04,\n");
        let ctx = crate::collections::facts::Context::new(&log, &map);
        let as_of = crate::calendar::days_from_civil(2024, 2, 4) * MS_PER_DAY;
        let rows = disputes(&ctx, &Selection::all(&log), as_of);
        assert_eq!(rows.len(), 2);
        let p = &rows[0];
        assert_eq!((p.reason.as_str(), p.resolved, p.open), ("Pricing", 2, 0));
        assert_eq!(p.median_days, 20.0);
        assert_eq!(p.p90_days, 28.0);
        assert_eq!(p.credit_note_share, 0.5);
        let q = &rows[1];
        assert_eq!(
            (
                q.reason.as_str(),
                q.resolved,
                q.open,
                q.open_median_age_days
            ),
            ("Quantity", 0, 1, 30.0)
        );
        assert_eq!(q.open_cases, [2]);
    }
}
