//! Dunning effectiveness: for each reminder level and channel, the share of reminders after which the
//! invoice was paid within N days (the payment received after the reminder and at most N days later).
//! A reminder's level comes from its role (`reminder_2`) or, when the log has one, the dunning-level
//! column; its channel from the channel column (else "unspecified").

use super::facts::Context;
use super::roles::ActivityRole;
use crate::filter::Selection;
use crate::log::ActivityId;
use crate::log::CaseIdx;
use crate::validate::{to_ms, Unit};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One row: an activity at a level through a channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DunningRow {
    /// Activity name.
    pub activity: String,
    /// Dunning level (final notices: 99).
    pub level: u32,
    /// Channel.
    pub channel: String,
    /// Reminders sent.
    pub sent: u64,
    /// Followed by a payment within the window.
    pub paid_within_window: u64,
    /// `paid_within_window / sent`.
    pub rate: f64,
    /// Cases of the reminders not followed by payment.
    #[serde(skip)]
    pub unpaid_cases: Vec<CaseIdx>,
    /// Cases of the reminders followed by payment.
    #[serde(skip)]
    pub paid_cases: Vec<CaseIdx>,
}

/// Effectiveness of every reminder level and channel within `window_days`.
pub fn dunning(ctx: &Context, sel: &Selection, window_days: f64) -> Vec<DunningRow> {
    let log = ctx.log;
    let times = log.times();
    // Saturating: settings that skipped `CollectionsSettings::validate` cannot overflow `t + window`.
    let window = to_ms(window_days, Unit::Days);
    // Keyed by borrowed channel names and activity ids: one row per key, no text copied per reminder
    // (10 million events hold about 2 million reminders).
    let mut rows: FxHashMap<(u32, Cow<str>, ActivityId), DunningRow> = FxHashMap::default();
    let mut payments: Vec<i64> = Vec::new();
    for (case, r) in sel.cases(log) {
        payments.clear();
        payments.extend(
            r.clone()
                .filter(|&e| ctx.role(e) == ActivityRole::PaymentReceived)
                .map(|e| times[e]),
        );
        for e in r.clone() {
            let role = ctx.role(e);
            let Some(role_level) = role.dunning_level() else {
                continue;
            };
            let level = match (
                role,
                ctx.level.map(|a| log.event_value(a, e, case).as_number()),
            ) {
                (ActivityRole::Reminder { .. }, Some(Some(l))) if l >= 1.0 => l as u32,
                _ => role_level as u32,
            };
            let channel = ctx
                .event_str(ctx.channel, e, case)
                .unwrap_or(Cow::Borrowed("unspecified"));
            let activity = log.activities()[e];
            let t = times[e];
            let paid = payments
                .iter()
                .any(|&p| p >= t && p <= t.saturating_add(window));
            let row = rows.entry((level, channel, activity)).or_insert_with_key(
                |(level, channel, activity)| DunningRow {
                    activity: log.activity_name(*activity).to_string(),
                    level: *level,
                    channel: channel.to_string(),
                    sent: 0,
                    paid_within_window: 0,
                    rate: 0.0,
                    unpaid_cases: Vec::new(),
                    paid_cases: Vec::new(),
                },
            );
            row.sent += 1;
            if paid {
                row.paid_within_window += 1;
                row.paid_cases.push(case);
            } else {
                row.unpaid_cases.push(case);
            }
        }
    }
    let mut rows: Vec<DunningRow> = rows
        .into_values()
        .map(|mut r| {
            r.rate = r.paid_within_window as f64 / r.sent as f64;
            r
        })
        .collect();
    // By level, channel and activity name, as before.
    rows.sort_by(|a, b| {
        (a.level, &a.channel, &a.activity).cmp(&(b.level, &b.channel, &b.activity))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    #[test]
    fn paid_within_the_window_after_each_reminder() {
        // a: reminder by email on 1 Mar, paid 15 Mar 10:00 (exactly 14 days) → counts; b: reminder by
        // phone, paid 16 Mar (15 days) → not; c: level 2 by letter, paid the same minute → counts.
        let (log, map) = log("case,activity,timestamp,channel\n\
            a,Reminder 1 sent,2024-03-01T10:00:00Z,Email\na,Payment received,2024-03-15T10:00:00Z,\n\
            b,Reminder 1 sent,2024-03-01T10:00:00Z,Phone\nb,Payment received,2024-03-16T10:00:00Z,\n\
            c,Reminder 2 sent,2024-03-01T10:00:00Z,Letter\nc,Payment received,2024-03-01T10:00:00Z,\n\
            d,Final notice sent,2024-03-01T10:00:00Z,\n");
        let ctx = crate::collections::facts::Context::new(&log, &map);
        let rows = dunning(&ctx, &Selection::all(&log), 14.0);
        let got: Vec<(u32, &str, u64, u64)> = rows
            .iter()
            .map(|r| (r.level, r.channel.as_str(), r.sent, r.paid_within_window))
            .collect();
        assert_eq!(
            got,
            [
                (1, "Email", 1, 1),
                (1, "Phone", 1, 0),
                (2, "Letter", 1, 1),
                (99, "unspecified", 1, 0)
            ]
        );
        assert_eq!(rows[1].unpaid_cases, [1]);
        let wider = dunning(&ctx, &Selection::all(&log), 15.0);
        assert_eq!(wider[1].paid_within_window, 1);
        // An endless window (settings that skipped validation) counts every later payment; it used to
        // overflow `t + window` (a panic in debug builds, no payment counted in release).
        let endless = dunning(&ctx, &Selection::all(&log), f64::INFINITY);
        assert_eq!(endless[1].paid_within_window, 1);
        let negative = dunning(&ctx, &Selection::all(&log), -1e300);
        assert_eq!(negative[2].paid_within_window, 1, "same-minute payment");
        assert_eq!(negative[0].paid_within_window, 0);
    }
}
