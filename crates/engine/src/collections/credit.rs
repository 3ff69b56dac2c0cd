//! Credit approval cycle: from "credit requested" to the next approval or rejection of the same case.
//! The counts are `None` (`null` in the JSON) when the roles they need are not recognised in the log:
//! without "credit approved" a log cannot say how many were approved, and its approvals would count as
//! pending (see [`super::availability`]).

use super::facts::Context;
use super::kpi::Spread;
use super::roles::ActivityRole;
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
use serde::{Deserialize, Serialize};

/// Credit decisions and how long they took.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreditCycle {
    /// Requests.
    pub requests: Option<u64>,
    /// Approved.
    pub approved: Option<u64>,
    /// Rejected.
    pub rejected: Option<u64>,
    /// Still undecided.
    pub pending: Option<u64>,
    /// Median days to a decision.
    pub median_days: f64,
    /// 90th percentile days to a decision.
    pub p90_days: f64,
}

/// The credit approval cycle of the selection.
pub fn credit_cycle(ctx: &Context, sel: &Selection) -> CreditCycle {
    let log = ctx.log;
    let times = log.times();
    let (mut requests, mut approved, mut rejected, mut pending) = (0, 0, 0, 0);
    let mut days = Vec::new();
    for (_, r) in sel.cases(log) {
        for e in r.clone() {
            if ctx.role(e) != ActivityRole::CreditRequested {
                continue;
            }
            requests += 1;
            let decision = (e + 1..r.end).find(|&x| {
                matches!(
                    ctx.role(x),
                    ActivityRole::CreditApproved | ActivityRole::CreditRejected
                )
            });
            match decision {
                Some(x) => {
                    if ctx.role(x) == ActivityRole::CreditApproved {
                        approved += 1;
                    } else {
                        rejected += 1;
                    }
                    days.push((times[x] - times[e]) as f64 / MS_PER_DAY as f64);
                }
                None => pending += 1,
            }
        }
    }
    let s = Spread::of(days);
    CreditCycle {
        requests: Some(requests),
        approved: Some(approved),
        rejected: Some(rejected),
        pending: Some(pending),
        median_days: s.median,
        p90_days: s.p90,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    #[test]
    fn decisions_and_their_delay() {
        let (log, map) = log("case,activity,timestamp\n\
            a,Credit check requested,2024-01-01,\na,Credit limit approved,2024-01-03,\n\
            b,Credit check requested,2024-01-01,\nb,Credit rejected,2024-01-05,\n\
            c,Credit check requested,2024-01-01,\n");
        let ctx = crate::collections::facts::Context::new(&log, &map);
        let c = credit_cycle(&ctx, &Selection::all(&log));
        assert_eq!(
            (c.requests, c.approved, c.rejected, c.pending),
            (Some(3), Some(1), Some(1), Some(1))
        );
        assert_eq!(c.median_days, 3.0);
    }
}
