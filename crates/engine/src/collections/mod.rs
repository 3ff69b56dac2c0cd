//! Collections intelligence: the questions a credit manager asks, computed from the same event log.
//!
//! 1. [`roles`]: what each activity and column means (guessed in six languages, editable, saved as JSON).
//! 2. [`facts`]: per-invoice facts (issued, due, paid, posted, cleared, written off, amount, customer).
//! 3. Measures: [`kpi`] (DSO, BPDSO, ADD, CEI, aging, invoice-to-cash, on-time rate, write-offs),
//!    [`dunning`], [`disputes`], [`cash_application`], [`promises`], [`credit`].
//! 4. [`compliance`]: declarative rule packs (policy and law) checked case by case.
//!
//! [`report`] gathers everything for the CLI's `collections --json` and the app's collections view.

pub mod breakdown;
pub mod cash_application;
pub mod compliance;
pub mod credit;
pub mod disputes;
pub mod dunning;
pub mod facts;
pub mod kpi;
pub mod promises;
pub mod roles;

pub use roles::{guess_activity_role, ActivityRole, RoleMap};

/// Small logs for the measures' tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::RoleMap;
    use crate::import::{import_bytes, ImportOptions};
    use crate::log::EventLog;

    /// A log from CSV text, with its guessed roles.
    pub fn log(csv: &str) -> (EventLog, RoleMap) {
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let map = RoleMap::guess(&log);
        (log, map)
    }
}

use crate::filter::Selection;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// Settings of the collections measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CollectionsSettings {
    /// Dunning effectiveness window, days.
    pub window_days: f64,
    /// Grace after a promised date, days.
    pub promise_grace_days: f64,
    /// The "today" of the extract (UTC ms); default: the log's last event.
    pub as_of_ms: Option<i64>,
}

impl CollectionsSettings {
    /// Checks the settings: windows and grace periods finite, from 0 to 3650 days; the as-of date within
    /// the years 0000 to 9999. The message names the setting.
    pub fn validate(&self) -> Result<(), crate::Error> {
        use crate::validate::{days_field, time_field, MAX_SETTING_DAYS};
        days_field("window_days", self.window_days, MAX_SETTING_DAYS)?;
        days_field(
            "promise_grace_days",
            self.promise_grace_days,
            MAX_SETTING_DAYS,
        )?;
        if let Some(t) = self.as_of_ms {
            time_field("as_of_ms", t)?;
        }
        Ok(())
    }
}

impl Default for CollectionsSettings {
    fn default() -> Self {
        Self {
            window_days: 14.0,
            promise_grace_days: 3.0,
            as_of_ms: None,
        }
    }
}

/// Headline KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Invoices (cases) looked at.
    pub invoices: u64,
    /// Whether amounts were found (otherwise amount measures count invoices).
    pub has_amounts: bool,
    /// Paid on or before the due date ÷ paid with a due date.
    pub on_time_payment_rate: f64,
    /// Issue to payment, days.
    pub invoice_to_cash_days: kpi::Spread,
    /// Write-offs.
    pub write_offs: kpi::WriteOffs,
    /// DSO figures by month-end.
    pub dso_monthly: Vec<kpi::DsoMonth>,
    /// CEI over the last 12 months, percent.
    pub cei: f64,
    /// Aging at the as-of date.
    pub aging: Vec<kpi::AgingBucket>,
    /// The as-of date (ISO).
    pub as_of: String,
    /// Credit approval cycle.
    pub credit: credit::CreditCycle,
}

/// Rework figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rework {
    /// Invoices cancelled and issued again.
    pub cancelled_and_reissued_cases: u64,
    /// Invoices cancelled for good.
    pub cancelled_cases: u64,
}

/// Everything the collections view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionsReport {
    /// The role map used.
    pub mapping: RoleMap,
    /// Headline KPIs.
    pub kpis: Kpis,
    /// Dunning effectiveness by level and channel.
    pub dunning: Vec<dunning::DunningRow>,
    /// Disputes by reason.
    pub disputes: Vec<disputes::DisputeRow>,
    /// Posting lag by resource.
    pub cash_application: Vec<cash_application::CashApplicationRow>,
    /// Promises by segment.
    pub promises: Vec<promises::PromiseRow>,
    /// Promises by agent.
    pub promises_by_agent: Vec<promises::PromiseRow>,
    /// Rework.
    pub rework: Rework,
    /// Compliance violations by rule.
    pub compliance: Vec<compliance::RuleResult>,
}

/// Computes every collections measure (and checks the rule packs) on a selection.
pub fn report(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    settings: &CollectionsSettings,
    rules: &[compliance::RulePack],
) -> CollectionsReport {
    let ctx = facts::Context::new(log, map);
    let inv = facts::invoices(&ctx, sel);
    let as_of = as_of(log, sel, settings);
    let (on_time, _) = kpi::on_time(&inv);
    let (by_segment, by_agent) = promises::promises(&ctx, sel, settings.promise_grace_days, as_of);
    CollectionsReport {
        mapping: map.clone(),
        kpis: Kpis {
            invoices: inv.len() as u64,
            has_amounts: ctx.amount.is_some(),
            on_time_payment_rate: on_time,
            invoice_to_cash_days: kpi::invoice_to_cash(&inv),
            write_offs: kpi::write_offs(&inv),
            dso_monthly: kpi::dso_monthly(&inv, as_of),
            cei: kpi::cei(&inv, as_of),
            aging: kpi::aging(&inv, as_of),
            as_of: crate::calendar::format_iso_utc(as_of),
            credit: credit::credit_cycle(&ctx, sel),
        },
        dunning: dunning::dunning(&ctx, sel, settings.window_days),
        disputes: disputes::disputes(&ctx, sel, as_of),
        cash_application: cash_application::cash_application(&ctx, sel),
        promises: by_segment,
        promises_by_agent: by_agent,
        rework: Rework {
            cancelled_and_reissued_cases: inv.iter().filter(|i| i.reissued).count() as u64,
            cancelled_cases: inv.iter().filter(|i| i.cancelled.is_some()).count() as u64,
        },
        compliance: rules
            .iter()
            .flat_map(|p| compliance::check(&ctx, sel, p, &inv))
            .collect(),
    }
}

/// The as-of instant: the settings', or the selection's last event.
fn as_of(log: &EventLog, sel: &Selection, settings: &CollectionsSettings) -> i64 {
    let last = sel
        .cases(log)
        .filter(|(_, r)| !r.is_empty())
        .map(|(_, r)| log.times()[r.end - 1])
        .max()
        .unwrap_or(0);
    settings.as_of_ms.unwrap_or(last)
}

/// Every headline measure per value of `attribute` (a case attribute; numbers in bands), the
/// `max_groups` largest groups and "other".
pub fn breakdown_by(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    settings: &CollectionsSettings,
    attribute: &str,
    max_groups: usize,
) -> Vec<breakdown::BreakdownRow> {
    let ctx = facts::Context::new(log, map);
    let inv = facts::invoices(&ctx, sel);
    breakdown::breakdown(
        &ctx,
        &inv,
        attribute,
        as_of(log, sel, settings),
        max_groups,
        settings,
    )
}

#[cfg(test)]
mod tests {
    use super::CollectionsSettings;

    #[test]
    fn settings_refuse_absurd_windows_naming_the_setting() {
        assert!(CollectionsSettings::default().validate().is_ok());
        let bad = |s: CollectionsSettings| s.validate().unwrap_err().to_string();
        for v in [f64::INFINITY, f64::NAN, 1e300, -1.0, 3650.5] {
            let e = bad(CollectionsSettings {
                window_days: v,
                ..Default::default()
            });
            assert!(
                e.starts_with("window_days: expected a number of days from 0 to 3650"),
                "{e}"
            );
            let e = bad(CollectionsSettings {
                promise_grace_days: v,
                ..Default::default()
            });
            assert!(e.starts_with("promise_grace_days:"), "{e}");
        }
        let e = bad(CollectionsSettings {
            as_of_ms: Some(i64::MAX),
            ..Default::default()
        });
        assert!(e.starts_with("as_of_ms:"), "{e}");
    }
}
