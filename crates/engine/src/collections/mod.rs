//! Collections intelligence: the questions a credit manager asks, computed from the same event log.
//!
//! 1. [`roles`]: what each activity and column means (guessed in six languages, editable, saved as JSON).
//! 2. [`facts`]: per-invoice facts (issued, due, paid, posted, cleared, written off, amount, customer).
//! 3. Measures: [`kpi`] (DSO, BPDSO, ADD, CEI, aging, invoice-to-cash, on-time rate, write-offs),
//!    [`dunning`], [`disputes`], [`cash_application`], [`promises`], [`credit`].
//! 4. [`compliance`]: declarative rule packs (policy and law) checked case by case.
//!
//! [`report`] gathers everything for the CLI's `collections --json` and the app's collections view. A
//! figure the role map cannot support (no activity recognised as a write-off, no due dates) is `null`
//! there, never 0, and listed in the report's `unavailable` with the reason ([`availability`]).

pub mod availability;
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

pub use availability::Unavailable;
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

/// The note of a report asked for the ledger's basis on a log that has no clearing event.
pub const CASH_BASIS_FALLBACK: &str = "the log has no clearing event (no activity recognised as invoice cleared or payment posted): receivables close at the payment received (cash basis)";

/// Settings of the collections measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CollectionsSettings {
    /// Dunning effectiveness window, days.
    pub window_days: f64,
    /// Grace after a promised date, days.
    pub promise_grace_days: f64,
    /// The "today" of the extract (UTC ms); default: the log's last event.
    pub as_of_ms: Option<i64>,
    /// When a receivable closes: when the payment is applied (the ledger's basis, the default) or when
    /// it is received (cash).
    #[serde(default)]
    pub basis: facts::Basis,
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
            basis: facts::Basis::Ledger,
        }
    }
}

/// Headline KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kpis {
    /// Invoices looked at: the selected cases with an "invoice created" or "invoice sent" event (every
    /// selected case when the log has no such activity at all).
    pub invoices: u64,
    /// Selected cases that are not invoices (no "invoice created" or "invoice sent" event, in a log
    /// that has them): left out of every measure here.
    #[serde(default)]
    pub cases_without_invoice: u64,
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
    /// The month the DSO figures are headlined for (`YYYY-MM`): the latest complete month
    /// ([`kpi::headline_month`]); `null` when no month is complete (listed in `unavailable`).
    #[serde(default)]
    pub dso_month: Option<String>,
    /// When receivables close in DSO, BPDSO, ADD, CEI and aging: `ledger` (payment applied) or `cash`
    /// (payment received); the basis actually used (the ledger's falls back to cash in a log with no
    /// clearing event, said in `notes`).
    #[serde(default)]
    pub dso_basis: facts::Basis,
    /// The window the invoices were issued in (`null` without invoices).
    #[serde(default)]
    pub issuing_window: Option<IssuingWindowDates>,
    /// CEI over the 12 months to the end of the headline month (or the as-of date), percent.
    pub cei: f64,
    /// Aging at [`aging_as_of`](Self::aging_as_of).
    pub aging: Vec<kpi::AgingBucket>,
    /// The as-of date (ISO).
    pub as_of: String,
    /// The instant aging is taken at (ISO): the as-of date, or, in a cut extract, the end of the
    /// headline month (after it the book only runs off).
    #[serde(default)]
    pub aging_as_of: String,
    /// Credit approval cycle.
    pub credit: credit::CreditCycle,
}

/// The window the invoices of the selection were issued in, as dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuingWindowDates {
    /// First issue (ISO instant).
    pub from: String,
    /// Last issue (ISO instant).
    pub to: String,
    /// Usual gap between issue days, in days (the tolerance at the window's edges).
    pub tolerance_days: i64,
    /// Whether the extract was cut: the invoices stop well before the as-of date while their
    /// follow-ups go on, so the last months only run off.
    pub cut: bool,
}

/// Rework figures (`None` when no activity is recognised as a cancellation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rework {
    /// Invoices cancelled and issued again.
    pub cancelled_and_reissued_cases: Option<u64>,
    /// Invoices cancelled for good.
    pub cancelled_cases: Option<u64>,
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
    /// The figures above that are `null`, each with its reason and the roles that would give it.
    #[serde(default)]
    pub unavailable: Vec<Unavailable>,
    /// What opens and closes a receivable and where month-ends fall: the definition behind DSO, BPDSO,
    /// ADD, CEI and aging ([`facts::RECEIVABLE_DEFINITION`]).
    #[serde(default)]
    pub dso_definition: String,
    /// Each KPI's formula by its field name ([`kpi::DEFINITIONS`]).
    #[serde(default)]
    pub kpi_definitions: std::collections::BTreeMap<String, String>,
    /// Assumptions and limits of this report (a DSO series cut to its last months).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Computes every collections measure (and checks the rule packs) on a selection.
pub fn report(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    settings: &CollectionsSettings,
    rules: &[compliance::RulePack],
) -> CollectionsReport {
    compute(log, sel, map, settings, rules).report
}

impl CollectionsReport {
    /// A copy for a screen: each rule's violating cases and customers are counted, not listed, and only
    /// its first `details` violations are kept (the full lists stay with whoever keeps the report).
    pub fn light(&self, details: usize) -> CollectionsReport {
        CollectionsReport {
            mapping: self.mapping.clone(),
            kpis: self.kpis.clone(),
            dunning: self.dunning.clone(),
            disputes: self.disputes.clone(),
            cash_application: self.cash_application.clone(),
            promises: self.promises.clone(),
            promises_by_agent: self.promises_by_agent.clone(),
            rework: self.rework.clone(),
            compliance: self.compliance.iter().map(|x| x.light(details)).collect(),
            unavailable: self.unavailable.clone(),
            dso_definition: self.dso_definition.clone(),
            kpi_definitions: self.kpi_definitions.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// A collections report with the facts it was computed from, for a caller that goes on from them
/// (the app's drill-downs, aging at another date, a breakdown) without reading the log again.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The report.
    pub report: CollectionsReport,
    /// The facts of every selected case (invoices or not), on the report's basis.
    pub invoices: Vec<facts::Invoice>,
    /// The as-of instant (UTC ms).
    pub as_of_ms: i64,
    /// The instant aging is taken at by default (UTC ms): [`Kpis::aging_as_of`].
    pub aging_at_ms: i64,
}

/// [`report`], keeping its facts.
pub fn compute(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    settings: &CollectionsSettings,
    rules: &[compliance::RulePack],
) -> Computed {
    let ctx = facts::Context::new(log, map).with_basis(settings.basis);
    let all = facts::invoices(&ctx, sel);
    // The rule packs read the same facts and nothing else computed here: natively they run beside
    // the measures (a second core halves the wait on a big log).
    let check = || {
        rules
            .iter()
            .flat_map(|p| compliance::check(&ctx, sel, p, &all))
            .collect()
    };
    let (compliance, (mut report, as_of_ms, aging_at_ms)) =
        crate::parallel::both(check, || measures(&ctx, sel, map, settings, &all));
    report.compliance = compliance;
    Computed {
        report,
        invoices: all,
        as_of_ms,
        aging_at_ms,
    }
}

/// Every measure but the rule packs' (left empty), with the as-of instant and aging's.
fn measures(
    ctx: &facts::Context,
    sel: &Selection,
    map: &RoleMap,
    settings: &CollectionsSettings,
    all: &[facts::Invoice],
) -> (CollectionsReport, i64, i64) {
    use availability::Found;
    use ActivityRole as R;
    let log = ctx.log;
    let found = Found::new(ctx);
    let inv = invoices_only(&found, all);
    let as_of = as_of(log, sel, settings);
    let mut gaps: Vec<Unavailable> = Vec::new();
    let mut notes = Vec::new();
    let basis = ctx.effective_basis();
    if basis != settings.basis {
        notes.push(CASH_BASIS_FALLBACK.to_string());
    }
    if ctx.amount.is_some() {
        let missing = inv.iter().filter(|i| i.amount.is_nan()).count();
        if missing > 0 {
            notes.push(format!(
                "{missing} of {} invoices have no readable amount (empty or not a number): they count \
                 0 in sales, receivables, aging and write-offs, and are still counted as invoices",
                inv.len()
            ));
        }
    }

    let on_time_payment_rate = match found.payments().or_else(|| found.due_dates()) {
        Some(m) => {
            gaps.push(m.of("kpis.on_time_payment_rate"));
            f64::NAN
        }
        None => {
            let (rate, _) = kpi::on_time(&inv);
            if rate.is_nan() {
                gaps.push(Unavailable::coded(
                    "kpis.on_time_payment_rate",
                    "no_paid_invoice_with_due_date",
                    "no paid invoice with a due date in the selection",
                ));
            }
            rate
        }
    };
    let invoice_to_cash_days = match found.invoices().or_else(|| found.payments()) {
        Some(m) => {
            gaps.push(m.of("kpis.invoice_to_cash_days"));
            kpi::Spread::unavailable()
        }
        None => {
            let s = kpi::invoice_to_cash(&inv);
            if s.n == 0 {
                gaps.push(Unavailable::coded(
                    "kpis.invoice_to_cash_days",
                    "no_paid_invoice",
                    "no paid invoice in the selection",
                ));
            }
            s
        }
    };
    let months = kpi::LocalMonths::of_log(log, all, as_of);
    let window = kpi::IssuingWindow::of(&inv);
    let cut = window.is_some_and(|w| w.is_cut(as_of));
    let mut dso_month = None;
    let mut aging_at = as_of;
    let (dso_monthly, cei, aging) = match found.receivables() {
        Some(m) => {
            for figure in [
                "kpis.dso_monthly",
                "kpis.dso_month",
                "kpis.cei",
                "kpis.aging",
            ] {
                gaps.push(m.of(figure));
            }
            (Vec::new(), f64::NAN, Vec::new())
        }
        None => {
            let mut series = kpi::dso_series(&inv, as_of, &months);
            // Without due dates nothing is ever seen past due: the split of the receivables into
            // current and past due, and what rests on it (BPDSO, ADD, CEI), is unknown, not "all
            // current" (which would show a CEI of 100 % and no delinquency).
            let no_due = found.due_dates();
            if let Some(m) = &no_due {
                for month in &mut series.months {
                    month.past_due = f64::NAN;
                    month.bpdso = f64::NAN;
                    month.add = f64::NAN;
                    month.cei = f64::NAN;
                    let split = kpi::PAST_DUE_FIELDS;
                    month
                        .unavailable
                        .retain(|u| !split.contains(&u.figure.as_str()));
                    month.unavailable.extend(split.map(|f| m.of(f)));
                }
            }
            if series.months.is_empty() {
                gaps.push(Unavailable::coded(
                    "kpis.dso_monthly",
                    "no_invoice_before_as_of",
                    "no invoice issued before the as-of date in the selection",
                ));
            }
            notes.extend(series.note.clone());
            let headline = series.headline();
            match headline {
                Some(h) => dso_month = Some(h.month.clone()),
                None if !series.months.is_empty() => gaps.push(Unavailable::coded(
                    "kpis.dso_month",
                    "no_complete_month",
                    "no complete month: every month-end's 3 months of sales reach outside the window the invoices were issued in, or the month is not over",
                )),
                None => {}
            }
            // The period of the headline CEI and the aging date: the headline month's end, when the
            // months after it are partial because the extract was cut.
            let period_end = match headline {
                Some(h) if cut => h.end_ms,
                _ => as_of,
            };
            if let (true, Some(h), Some(w)) = (cut, headline, window) {
                aging_at = period_end;
                notes.push(format!(
                    "the invoices were issued from {} to {} and the log goes on to {}: the months after only run off, so DSO is headlined for {}, the latest complete month, and CEI and aging are taken at its end",
                    crate::calendar::format_iso_utc(w.from_ms).get(..10).unwrap_or_default(),
                    crate::calendar::format_iso_utc(w.to_ms).get(..10).unwrap_or_default(),
                    crate::calendar::format_iso_utc(as_of).get(..10).unwrap_or_default(),
                    h.month
                ));
            }
            let cei = match &no_due {
                Some(_) => f64::NAN,
                None => kpi::cei_in(&inv, period_end, &months),
            };
            if let Some(m) = &no_due {
                gaps.push(m.of("kpis.cei"));
            } else if cei.is_nan() {
                gaps.push(Unavailable::coded(
                    "kpis.cei",
                    "nothing_collectible",
                    "nothing was collectible over the period: receivables at its start plus its sales, less the current receivables at its end, are 0 or less",
                ));
            }
            let aging = match no_due {
                Some(m) => {
                    gaps.push(m.of("kpis.aging"));
                    Vec::new()
                }
                None => kpi::aging(&inv, aging_at),
            };
            (series.months, cei, aging)
        }
    };
    let write_offs = match found.any(&[R::WrittenOff]) {
        Some(m) => {
            gaps.push(m.of("kpis.write_offs"));
            kpi::WriteOffs {
                invoices: None,
                amount: f64::NAN,
                rate: f64::NAN,
                via_agency_share: f64::NAN,
                cases: Vec::new(),
            }
        }
        None => {
            let mut w = kpi::write_offs(&inv);
            if let Some(m) = found.any(&[R::SentToAgency]) {
                gaps.push(m.of("kpis.write_offs.via_agency_share"));
                w.via_agency_share = f64::NAN;
            } else if w.via_agency_share.is_nan() {
                gaps.push(Unavailable::coded(
                    "kpis.write_offs.via_agency_share",
                    "no_write_off",
                    "no invoice written off in the selection",
                ));
            }
            w
        }
    };
    let credit = credit_figures(&found, ctx, sel, &mut gaps);

    let mut dunning = dunning::dunning(ctx, sel, settings.window_days);
    if let Some(m) = found.any(&[R::Reminder { level: 1 }, R::FinalNotice]) {
        gaps.push(m.of("dunning"));
    } else if let Some(m) = found.any(&[R::PaymentReceived]) {
        gaps.push(m.of("dunning.rate"));
        for d in &mut dunning {
            d.rate = f64::NAN;
        }
    }
    let mut disputes = disputes::disputes(ctx, sel, as_of);
    if let Some(m) = found.any(&[R::DisputeRaised]) {
        gaps.push(m.of("disputes"));
    } else {
        if let Some(m) = found.any(&[R::DisputeResolved]) {
            gaps.push(m.of("disputes.median_days"));
            gaps.push(m.of("disputes.p90_days"));
            for d in &mut disputes {
                d.median_days = f64::NAN;
                d.p90_days = f64::NAN;
            }
        }
        if let Some(m) = found.any(&[R::CreditNote]) {
            gaps.push(m.of("disputes.credit_note_share"));
            for d in &mut disputes {
                d.credit_note_share = f64::NAN;
            }
        }
    }
    let cash_application = cash_application::cash_application(ctx, sel);
    if let Some(m) = found
        .any(&[R::PaymentReceived])
        .or_else(|| found.any(&[R::PaymentPosted]))
    {
        gaps.push(m.of("cash_application"));
    }
    let (mut by_segment, mut by_agent) =
        promises::promises(ctx, sel, settings.promise_grace_days, as_of);
    if let Some(m) = found.any(&[R::PromiseToPay]) {
        gaps.push(m.of("promises"));
    } else if let Some(m) = found.any(&[R::PaymentReceived]) {
        gaps.push(m.of("promises.rate"));
        for p in by_segment.iter_mut().chain(&mut by_agent) {
            p.rate = f64::NAN;
        }
    }
    let rework = match found.any(&[R::InvoiceCancelled]) {
        Some(m) => {
            gaps.push(m.of("rework"));
            Rework {
                cancelled_and_reissued_cases: None,
                cancelled_cases: None,
            }
        }
        None => Rework {
            cancelled_and_reissued_cases: Some(inv.iter().filter(|i| i.reissued).count() as u64),
            cancelled_cases: Some(inv.iter().filter(|i| i.cancelled.is_some()).count() as u64),
        },
    };
    let report = CollectionsReport {
        mapping: map.clone(),
        kpis: Kpis {
            invoices: inv.len() as u64,
            cases_without_invoice: (all.len() - inv.len()) as u64,
            has_amounts: ctx.amount.is_some(),
            on_time_payment_rate,
            invoice_to_cash_days,
            write_offs,
            dso_monthly,
            dso_month,
            dso_basis: basis,
            issuing_window: window.map(|w| IssuingWindowDates {
                from: crate::calendar::format_iso_utc(w.from_ms),
                to: crate::calendar::format_iso_utc(w.to_ms),
                tolerance_days: w.tolerance_days,
                cut,
            }),
            cei,
            aging,
            as_of: crate::calendar::format_iso_utc(as_of),
            aging_as_of: crate::calendar::format_iso_utc(aging_at),
            credit,
        },
        dunning,
        disputes,
        cash_application,
        promises: by_segment,
        promises_by_agent: by_agent,
        rework,
        compliance: Vec::new(),
        unavailable: gaps,
        dso_definition: facts::receivable_definition(basis).to_string(),
        kpi_definitions: kpi::DEFINITIONS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        notes,
    };
    (report, as_of, aging_at)
}

/// Every violation of the rule packs on a selection (the report lists the first
/// [`compliance::MAX_DETAILS`] of each rule): for a CSV of them all.
pub fn all_violations(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    settings: &CollectionsSettings,
    rules: &[compliance::RulePack],
) -> Vec<compliance::RuleResult> {
    let ctx = facts::Context::new(log, map).with_basis(settings.basis);
    let all = facts::invoices(&ctx, sel);
    rules
        .iter()
        .flat_map(|p| compliance::check_all(&ctx, sel, p, &all))
        .collect()
}

/// The invoices among the selected cases' facts: those with an invoice event, or every case when the
/// log has no activity recognised as one (the counts and rates that do not need an issue date then
/// take each case as an invoice; the receivables measures say they are not available).
fn invoices_only(found: &availability::Found, all: &[facts::Invoice]) -> Vec<facts::Invoice> {
    if found.invoices().is_some() {
        return all.to_vec();
    }
    all.iter().filter(|i| i.invoiced).cloned().collect()
}

/// The credit approval cycle, with the counts its missing roles make unknowable set to `None`.
fn credit_figures(
    found: &availability::Found,
    ctx: &facts::Context,
    sel: &Selection,
    gaps: &mut Vec<Unavailable>,
) -> credit::CreditCycle {
    use ActivityRole as R;
    let none = || credit::CreditCycle {
        median_days: f64::NAN,
        p90_days: f64::NAN,
        ..Default::default()
    };
    if let Some(m) = found
        .any(&[R::CreditRequested])
        .or_else(|| found.any(&[R::CreditApproved, R::CreditRejected]))
    {
        gaps.push(m.of("kpis.credit"));
        return none();
    }
    let mut c = credit::credit_cycle(ctx, sel);
    // Without one of the decisions, those decisions count as pending: both counts are unknowable.
    for (role, figure) in [
        (R::CreditApproved, "kpis.credit.approved"),
        (R::CreditRejected, "kpis.credit.rejected"),
    ] {
        if let Some(m) = found.any(&[role]) {
            gaps.push(m.of(figure));
            gaps.push(m.of("kpis.credit.pending"));
            match role {
                R::CreditApproved => c.approved = None,
                _ => c.rejected = None,
            }
            c.pending = None;
        }
    }
    if c.median_days.is_nan() {
        gaps.push(Unavailable::coded(
            "kpis.credit.median_days",
            "no_credit_decision",
            "no decided credit request in the selection",
        ));
    }
    c
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
    let all = facts::invoices(&ctx, sel);
    let inv = invoices_only(&availability::Found::new(&ctx), &all);
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
mod tests;
