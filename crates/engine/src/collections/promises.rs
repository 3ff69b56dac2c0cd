//! Promises to pay: a promise is kept when a payment is received after it and no later than the promised
//! date plus a grace period (default 3 days, counted to the end of the day); broken when that deadline
//! passed without payment; pending when the deadline is after the as-of date. Promises without a
//! promised date are counted apart. Grouped by segment and by the agent who took the promise.

use super::facts::Context;
use super::roles::ActivityRole;
use crate::calendar::MS_PER_DAY;
use crate::filter::Selection;
use crate::log::CaseIdx;
use crate::validate::{to_ms, Unit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Promises of one group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PromiseRow {
    /// Segment (or agent, in the by-agent list).
    pub segment: String,
    /// Promises with a decided outcome (kept or broken).
    pub promises: u64,
    /// Kept.
    pub kept: u64,
    /// `kept / promises`.
    pub rate: f64,
    /// Broken.
    pub broken: u64,
    /// Deadline after the as-of date.
    pub pending: u64,
    /// Without a promised date.
    pub undated: u64,
    /// Cases of broken promises.
    #[serde(skip)]
    pub broken_cases: Vec<CaseIdx>,
}

/// Promise outcomes by segment and by agent.
pub fn promises(
    ctx: &Context,
    sel: &Selection,
    grace_days: f64,
    as_of: i64,
) -> (Vec<PromiseRow>, Vec<PromiseRow>) {
    let log = ctx.log;
    let times = log.times();
    // Saturating: settings that skipped `CollectionsSettings::validate` cannot overflow the deadline.
    let grace = to_ms(grace_days, Unit::Days);
    let mut by_segment: BTreeMap<String, PromiseRow> = BTreeMap::new();
    let mut by_agent: BTreeMap<String, PromiseRow> = BTreeMap::new();
    for (case, r) in sel.cases(log) {
        let segment = ctx
            .case_text(ctx.segment, case)
            .unwrap_or_else(|| "unspecified".into());
        for e in r.clone() {
            if ctx.role(e) != ActivityRole::PromiseToPay {
                continue;
            }
            let agent = log
                .resource_name(log.resources()[e])
                .unwrap_or("unspecified")
                .to_string();
            let outcome = match ctx.event_time(ctx.promise_date, e, case) {
                None => Outcome::Undated,
                Some(date) => {
                    // The promised day, plus grace days, to the end of the day.
                    let deadline = (date.div_euclid(MS_PER_DAY) * MS_PER_DAY)
                        .saturating_add(MS_PER_DAY)
                        .saturating_add(grace);
                    let paid = (e + 1..r.end).any(|x| {
                        ctx.role(x) == ActivityRole::PaymentReceived && times[x] < deadline
                    });
                    if paid {
                        Outcome::Kept
                    } else if deadline > as_of {
                        Outcome::Pending
                    } else {
                        Outcome::Broken
                    }
                }
            };
            for (map, key) in [
                (&mut by_segment, segment.clone()),
                (&mut by_agent, agent.clone()),
            ] {
                let row = map.entry(key.clone()).or_insert_with(|| PromiseRow {
                    segment: key,
                    ..Default::default()
                });
                match outcome {
                    Outcome::Kept => {
                        row.promises += 1;
                        row.kept += 1;
                    }
                    Outcome::Broken => {
                        row.promises += 1;
                        row.broken += 1;
                        row.broken_cases.push(case);
                    }
                    Outcome::Pending => row.pending += 1,
                    Outcome::Undated => row.undated += 1,
                }
            }
        }
    }
    let finish = |m: BTreeMap<String, PromiseRow>| {
        m.into_values()
            .map(|mut r| {
                r.rate = if r.promises > 0 {
                    r.kept as f64 / r.promises as f64
                } else {
                    f64::NAN
                };
                r
            })
            .collect()
    };
    (finish(by_segment), finish(by_agent))
}

#[derive(Clone, Copy)]
enum Outcome {
    Kept,
    Broken,
    Pending,
    Undated,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;
    use crate::collections::testing::log;

    #[test]
    fn kept_broken_pending_and_undated_with_grace() {
        // Promised 10 Jan, grace 3 days: paying until the end of 13 Jan keeps it.
        let (log, map) = log("case,activity,timestamp,resource,segment,promise_date\n\
            a,Promise to pay,2024-01-05T10:00:00Z,Nadia,SME,2024-01-10\na,Payment received,2024-01-13T23:59:00Z,Bank,SME,\n\
            b,Promise to pay,2024-01-05T10:00:00Z,Nadia,SME,2024-01-10\nb,Payment received,2024-01-14T00:00:00Z,Bank,SME,\n\
            c,Promise to pay,2024-01-05T10:00:00Z,Marc,Enterprise,2024-01-10\n\
            d,Promise to pay,2024-01-25T10:00:00Z,Marc,Enterprise,2024-01-30\n\
            e,Promise to pay,2024-01-05T10:00:00Z,Marc,Enterprise,\n");
        let ctx = crate::collections::facts::Context::new(&log, &map);
        let as_of = days_from_civil(2024, 1, 31) * MS_PER_DAY;
        let (by_segment, by_agent) = promises(&ctx, &Selection::all(&log), 3.0, as_of);
        let seg: Vec<(&str, u64, u64, u64, u64, u64)> = by_segment
            .iter()
            .map(|r| {
                (
                    r.segment.as_str(),
                    r.promises,
                    r.kept,
                    r.broken,
                    r.pending,
                    r.undated,
                )
            })
            .collect();
        assert_eq!(seg, [("Enterprise", 1, 0, 1, 1, 1), ("SME", 2, 1, 1, 0, 0)]);
        assert_eq!(by_segment[1].rate, 0.5);
        assert_eq!(by_segment[1].broken_cases, [1]);
        let agents: Vec<(&str, u64, u64)> = by_agent
            .iter()
            .map(|r| (r.segment.as_str(), r.promises, r.kept))
            .collect();
        assert_eq!(agents, [("Marc", 1, 0), ("Nadia", 2, 1)]);
        let (no_grace, _) = promises(&ctx, &Selection::all(&log), 0.0, as_of);
        assert_eq!(no_grace[1].kept, 0);
        // An endless grace (settings that skipped validation) keeps b's late payment and leaves c
        // pending; it used to overflow the deadline.
        let (endless, _) = promises(&ctx, &Selection::all(&log), f64::INFINITY, as_of);
        assert_eq!((endless[1].kept, endless[1].broken), (2, 0));
        assert_eq!((endless[0].broken, endless[0].pending), (0, 2));
    }
}
