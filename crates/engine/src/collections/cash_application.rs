//! Cash application: the lag from "payment received" to the next "payment posted" of the same case, by
//! the resource who posted it (median, p90).

use super::facts::Context;
use super::kpi::Spread;
use super::roles::ActivityRole;
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
use crate::log::CaseIdx;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Posting lag of one resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CashApplicationRow {
    /// Who posted ("unspecified" when the log has no resource).
    pub resource: String,
    /// Payments posted.
    pub payments: u64,
    /// Median lag, days.
    pub median_lag_days: f64,
    /// 90th percentile lag, days.
    pub p90_lag_days: f64,
    /// The cases.
    #[serde(skip)]
    pub cases: Vec<CaseIdx>,
}

/// Posting lags by resource, slowest median first.
pub fn cash_application(ctx: &Context, sel: &Selection) -> Vec<CashApplicationRow> {
    let log = ctx.log;
    let times = log.times();
    let mut by: BTreeMap<String, (Vec<f64>, Vec<CaseIdx>)> = BTreeMap::new();
    for (case, r) in sel.cases(log) {
        for e in r.clone() {
            if ctx.role(e) != ActivityRole::PaymentReceived {
                continue;
            }
            let Some(p) = (e + 1..r.end).find(|&x| ctx.role(x) == ActivityRole::PaymentPosted)
            else {
                continue;
            };
            let who = log
                .resource_name(log.resources()[p])
                .unwrap_or("unspecified")
                .to_string();
            let entry = by.entry(who).or_default();
            entry
                .0
                .push((times[p] - times[e]) as f64 / MS_PER_DAY as f64);
            entry.1.push(case);
        }
    }
    let mut rows: Vec<CashApplicationRow> = by
        .into_iter()
        .map(|(resource, (lags, cases))| {
            let s = Spread::of(lags);
            CashApplicationRow {
                resource,
                payments: s.n,
                median_lag_days: s.median,
                p90_lag_days: s.p90,
                cases,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.median_lag_days
            .total_cmp(&a.median_lag_days)
            .then(a.resource.cmp(&b.resource))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    #[test]
    fn lag_from_receipt_to_posting_by_who_posted() {
        let (log, map) = log("case,activity,timestamp,resource\n\
            a,Payment received,2024-01-01T00:00:00Z,Bank\na,Payment posted,2024-01-07T00:00:00Z,Olivier\n\
            b,Payment received,2024-01-01T00:00:00Z,Bank\nb,Payment posted,2024-01-02T12:00:00Z,Paul\n\
            c,Payment received,2024-01-01T00:00:00Z,Bank\nc,Payment posted,2024-01-01T12:00:00Z,Paul\n\
            d,Payment received,2024-01-01T00:00:00Z,Bank\n");
        let ctx = crate::collections::facts::Context::new(&log, &map);
        let rows = cash_application(&ctx, &Selection::all(&log));
        let got: Vec<(&str, u64, f64)> = rows
            .iter()
            .map(|r| (r.resource.as_str(), r.payments, r.median_lag_days))
            .collect();
        assert_eq!(got, [("Olivier", 1, 6.0), ("Paul", 2, 1.0)]);
        assert_eq!(rows[1].p90_lag_days, 1.4);
    }
}
