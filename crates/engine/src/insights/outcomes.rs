//! Outcomes: one value per case (1/0 for a rate, days for a duration, `NaN` when the log cannot tell yet),
//! and whether the log supports the outcome at all (with the reason when it does not).
//!
//! Definitions (the as-of instant, "the extract's end", is the selection's last event unless set).
//! Every outcome that takes time is judged only on cases old enough to show it, on what happened
//! within a window ([`super::maturity`]); the window and the cases left out travel with the values.
//! - `late_payment`: paid on or after the day after the due date, or still open then, or written off
//!   after the due day; judged once the day after the due date has begun at the as-of instant (an
//!   invoice paid early but not yet due is left out with its unpaid twins). Cancelled invoices and
//!   those settled without a payment (cleared by a credit note) are left out. Without a due-date
//!   column, an invoice is late when it passes through "due date passed", on time when paid without
//!   it, judged on invoices issued at least the 90th percentile of issue-to-"due date passed" ago.
//! - `disputed`: a "dispute raised" event within the window after issue (the 90th percentile of
//!   issue to first dispute), over invoices issued at least that long ago.
//! - `written_off`: written off within the window after the due date (the 90th percentile of due date
//!   to write-off; the issue when there is no due date), over invoices due at least that long ago;
//!   cancelled invoices left out.
//! - `invoice_to_cash_days`: issue to payment received, over invoices issued at least `maturity_days`
//!   before the as-of instant; unpaid ones (open or written off) count as slower than any paid one, so
//!   the median is the Kaplan–Meier median whenever it lies below the maturity horizon.
//! - `dunning_unanswered`: the first reminder was not followed by a payment within `window_days`;
//!   reminders younger than the window are left out, answered or not.
//! - `case_duration_days`: first selected event to the last one within the window after it (the
//!   90th percentile of case durations), over cases that started at least the window before the
//!   as-of instant. Every judged case is seen over the same window: a case still running at the
//!   extract's end and an old case that went on past the window both count what they did within it,
//!   so recent cases are not made to look quick by the events they have not had yet.
//! - `passes_through:X`: an event `X` within the window after the case's start (the 90th percentile
//!   of start to first `X`); `ends_with:X`: the case's last event within the window after its start
//!   is `X` (the window: the 90th percentile of case durations), so a case that reaches `X` after the
//!   window counts as not there yet, as a recent case would.
//! - `in_filter` / `in_b`: the case is in the target selection (the current filter, population B).

use super::maturity::{self, Judge, Maturity, MaturityBasis, MaturityFrom};
use super::text;
use super::InsightsOptions;
use crate::calendar::MS_PER_DAY;
use crate::collections::facts::{self, Context, Invoice};
use crate::collections::ActivityRole;
use crate::filter::Selection;
use crate::log::{CaseIdx, EventLog};
use serde::{Deserialize, Serialize};

/// What kind of value an outcome has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Yes / no per case; the statistic is a rate.
    Rate,
    /// Days per case; the statistic is a median.
    Duration,
}

/// An outcome.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeId {
    /// Paid after the due date, or open and past due.
    LatePayment,
    /// Disputed.
    Disputed,
    /// Written off.
    WrittenOff,
    /// Issue to payment, days.
    InvoiceToCashDays,
    /// First reminder not followed by a payment within the window.
    DunningUnanswered,
    /// First to last event, days.
    CaseDurationDays,
    /// Has an event of this activity.
    PassesThrough(String),
    /// Ends with this activity.
    EndsWith(String),
    /// In the target selection (the current filter).
    InFilter,
    /// In population B of a comparison.
    InB,
}

impl OutcomeId {
    /// The outcomes every receivables log is asked about: the collections ones and the case duration.
    pub const STANDARD: [OutcomeId; 6] = [
        OutcomeId::LatePayment,
        OutcomeId::Disputed,
        OutcomeId::WrittenOff,
        OutcomeId::InvoiceToCashDays,
        OutcomeId::DunningUnanswered,
        OutcomeId::CaseDurationDays,
    ];

    /// The id as in the CLI and the JSON: `late_payment`, `passes_through:Payment`, ...
    pub fn key(&self) -> String {
        match self {
            OutcomeId::LatePayment => "late_payment".into(),
            OutcomeId::Disputed => "disputed".into(),
            OutcomeId::WrittenOff => "written_off".into(),
            OutcomeId::InvoiceToCashDays => "invoice_to_cash_days".into(),
            OutcomeId::DunningUnanswered => "dunning_unanswered".into(),
            OutcomeId::CaseDurationDays => "case_duration_days".into(),
            OutcomeId::PassesThrough(a) => format!("passes_through:{a}"),
            OutcomeId::EndsWith(a) => format!("ends_with:{a}"),
            OutcomeId::InFilter => "in_filter".into(),
            OutcomeId::InB => "in_b".into(),
        }
    }

    /// Parses [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<OutcomeId> {
        if let Some(a) = key.strip_prefix("passes_through:") {
            return Some(OutcomeId::PassesThrough(a.to_string()));
        }
        if let Some(a) = key.strip_prefix("ends_with:") {
            return Some(OutcomeId::EndsWith(a.to_string()));
        }
        Some(match key {
            "late_payment" => OutcomeId::LatePayment,
            "disputed" => OutcomeId::Disputed,
            "written_off" => OutcomeId::WrittenOff,
            "invoice_to_cash_days" => OutcomeId::InvoiceToCashDays,
            "dunning_unanswered" => OutcomeId::DunningUnanswered,
            "case_duration_days" => OutcomeId::CaseDurationDays,
            "in_filter" => OutcomeId::InFilter,
            "in_b" => OutcomeId::InB,
            _ => return None,
        })
    }

    /// Rate or duration.
    pub fn kind(&self) -> OutcomeKind {
        match self {
            OutcomeId::InvoiceToCashDays | OutcomeId::CaseDurationDays => OutcomeKind::Duration,
            _ => OutcomeKind::Rate,
        }
    }

    /// Whether the outcome is about invoices (a receivables question).
    pub fn is_collections(&self) -> bool {
        matches!(
            self,
            OutcomeId::LatePayment
                | OutcomeId::Disputed
                | OutcomeId::WrittenOff
                | OutcomeId::InvoiceToCashDays
                | OutcomeId::DunningUnanswered
        )
    }
}

/// The per-case values of one outcome.
#[derive(Debug, Clone)]
pub struct OutcomeValues {
    /// The outcome.
    pub id: OutcomeId,
    /// Per case of the log: 1/0 (rates) or days (durations, `+∞` = never); `NaN` = unknown or not in the
    /// population.
    pub values: Vec<f64>,
    /// For an outcome that takes time, the window it was judged with and the cases left out.
    pub maturity: Option<Maturity>,
}

/// Why an outcome cannot be computed, or `Ok` with its values.
pub type Computed = Result<OutcomeValues, String>;

/// Everything outcomes need from the log, read once.
pub struct OutcomeContext<'a> {
    log: &'a EventLog,
    population: &'a Selection,
    ctx: Context<'a>,
    invoices: Vec<Invoice>,
    as_of: i64,
    has_due_column: bool,
}

impl<'a> OutcomeContext<'a> {
    /// Reads the role map and the invoice facts of the population.
    pub fn new(
        log: &'a EventLog,
        population: &'a Selection,
        map: &crate::collections::RoleMap,
        opts: &InsightsOptions,
    ) -> OutcomeContext<'a> {
        // Outcomes are about what the customer did: a payment received settles the question (whether
        // the cash was applied yet is the ledger's concern, not the customer's behaviour).
        let ctx = Context::new(log, map).with_basis(facts::Basis::Cash);
        let invoices = if ctx.has_collections_roles() {
            facts::invoices(&ctx, population)
        } else {
            Vec::new()
        };
        let last = population
            .cases(log)
            .filter(|(_, r)| !r.is_empty())
            .map(|(_, r)| log.times()[r.end - 1])
            .max()
            .unwrap_or(0);
        OutcomeContext {
            has_due_column: ctx.due.is_some(),
            log,
            population,
            ctx,
            invoices,
            as_of: opts.as_of_ms.unwrap_or(last),
        }
    }

    /// The as-of instant.
    pub fn as_of(&self) -> i64 {
        self.as_of
    }

    /// The role context (amount, currency columns).
    pub fn roles(&self) -> &Context<'a> {
        &self.ctx
    }

    fn has_role(&self, f: impl Fn(ActivityRole) -> bool) -> bool {
        self.ctx.roles.iter().any(|&r| f(r))
    }

    /// Whether the log looks like receivables (any collections activity role).
    pub fn is_receivables(&self) -> bool {
        self.ctx.has_collections_roles()
    }

    /// The outcomes to compute by default: every collections outcome (available or not, so the
    /// unavailable ones are listed with their reason), the case duration, and the activities that some
    /// but not most cases pass through or end with.
    pub fn default_outcomes(&self, opts: &InsightsOptions) -> Vec<OutcomeId> {
        let mut out = OutcomeId::STANDARD.to_vec();
        let log = self.log;
        let acts = log.activities();
        let n_act = log.activity_count();
        let (mut through, mut ends) = (vec![0u64; n_act], vec![0u64; n_act]);
        let mut seen = vec![u32::MAX; n_act];
        let mut n = 0u64;
        for (case, r) in self.population.cases(log) {
            if r.is_empty() {
                continue;
            }
            n += 1;
            ends[acts[r.end - 1].index()] += 1;
            for e in r {
                let a = acts[e].index();
                if seen[a] != case as u32 {
                    seen[a] = case as u32;
                    through[a] += 1;
                }
            }
        }
        // An activity nearly every case or nearly no case has asks no question.
        let pick = |counts: &[u64], max: usize| {
            let mut v: Vec<(u64, &str)> = counts
                .iter()
                .enumerate()
                .filter(|(_, &c)| c as f64 >= 0.05 * n as f64 && c as f64 <= 0.95 * n as f64)
                .map(|(a, &c)| (c, log.activity_name(crate::ActivityId(a as u32))))
                .collect();
            v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            v.truncate(max);
            v.into_iter()
                .map(|(_, a)| a.to_string())
                .collect::<Vec<_>>()
        };
        out.extend(
            pick(&through, opts.max_activity_outcomes)
                .into_iter()
                .map(OutcomeId::PassesThrough),
        );
        out.extend(
            pick(&ends, opts.max_activity_outcomes / 2)
                .into_iter()
                .map(OutcomeId::EndsWith),
        );
        out
    }

    /// The per-case values of an outcome, or why the log cannot support it. `target` is the selection
    /// for `in_filter` / `in_b`.
    pub fn compute(
        &self,
        id: &OutcomeId,
        target: Option<&Selection>,
        opts: &InsightsOptions,
    ) -> Computed {
        let n = self.log.case_count();
        let mut values = vec![f64::NAN; n];
        let receivables = || {
            if self.is_receivables() {
                Ok(())
            } else {
                Err(text::reason_no_collections_roles(opts.language))
            }
        };
        let payments = self.has_role(|r| r == ActivityRole::PaymentReceived);
        let has_payment = payments || self.has_role(|r| r == ActivityRole::InvoiceCleared);
        let day = MS_PER_DAY;
        let as_of = self.as_of;
        let judge = |window: i64, from: MaturityFrom, basis: MaturityBasis, basis_cases: usize| {
            Judge::new(as_of, window, from, basis, basis_cases as u64)
        };
        let first_with = |role: ActivityRole| -> Vec<Option<i64>> {
            self.invoices
                .iter()
                .map(|i| self.first_with_role(i.case, role))
                .collect()
        };
        // An outcome that takes time to show: judged once cases have had the 90th percentile of the
        // time it took (`delays`, from `from`) where it happened.
        let judge_p90 = |mut delays: Vec<i64>, from: MaturityFrom| {
            let basis = delays.len();
            let window = maturity::window_ms(&mut delays);
            judge(window, from, MaturityBasis::Percentile90, basis)
        };
        let judge_from_issue = |events: &[Option<i64>]| {
            let delays = self
                .invoices
                .iter()
                .zip(events)
                .filter_map(|(i, e)| e.map(|e| e - i.issued))
                .collect();
            judge_p90(delays, MaturityFrom::Issue)
        };
        let maturity = match id {
            OutcomeId::LatePayment => {
                receivables()?;
                let passed_role = self.has_role(|r| r == ActivityRole::DueDatePassed);
                if !self.has_due_column && !passed_role {
                    return Err(text::reason_no_due_dates(opts.language));
                }
                if !has_payment {
                    return Err(text::reason_no_payments(opts.language));
                }
                if self.has_due_column {
                    // Decided the day after the due date: judged once that day has begun.
                    let mut j = judge(day, MaturityFrom::DueDate, MaturityBasis::Definition, 0);
                    for i in &self.invoices {
                        let Some(due) = i.due else { continue };
                        let v = late_by_due_date(i);
                        if !v.is_nan() && j.mature(due) {
                            values[i.case] = v;
                        }
                    }
                    Some(j.finish())
                } else {
                    // Late when it passes through "due date passed"; judged once invoices have had the
                    // usual time from issue to that event.
                    let passed = first_with(ActivityRole::DueDatePassed);
                    let mut j = judge_from_issue(&passed);
                    for (i, p) in self.invoices.iter().zip(&passed) {
                        let v = match (p, i.paid) {
                            (Some(_), _) => 1.0,
                            (None, Some(_)) => 0.0,
                            (None, None) => f64::NAN,
                        };
                        // Old, open and never past due: unknown, not young.
                        if v.is_nan() && j.is_mature(i.issued) {
                            continue;
                        }
                        if j.mature(i.issued) {
                            values[i.case] = v;
                        }
                    }
                    Some(j.finish())
                }
            }
            OutcomeId::Disputed => {
                receivables()?;
                if !self.has_role(|r| r == ActivityRole::DisputeRaised) {
                    return Err(text::reason_no_role("dispute_raised", opts.language));
                }
                let raised = first_with(ActivityRole::DisputeRaised);
                let mut j = judge_from_issue(&raised);
                for (i, r) in self.invoices.iter().zip(&raised) {
                    if j.mature(i.issued) {
                        let within = r.is_some_and(|r| r <= j.deadline(i.issued));
                        values[i.case] = f64::from(u8::from(within));
                    }
                }
                Some(j.finish())
            }
            OutcomeId::WrittenOff => {
                receivables()?;
                if !self.has_role(|r| r == ActivityRole::WrittenOff) {
                    return Err(text::reason_no_role("written_off", opts.language));
                }
                let from = |i: &Invoice| i.due.unwrap_or(i.issued);
                let delays = self
                    .invoices
                    .iter()
                    .filter_map(|i| i.written_off.map(|w| w - from(i)))
                    .collect();
                let reference = if self.has_due_column {
                    MaturityFrom::DueDate
                } else {
                    MaturityFrom::Issue
                };
                let mut j = judge_p90(delays, reference);
                for i in &self.invoices {
                    // A cancelled invoice was never a receivable to lose.
                    if i.cancelled.is_some() && i.written_off.is_none() {
                        continue;
                    }
                    if j.mature(from(i)) {
                        let within = i.written_off.is_some_and(|w| w <= j.deadline(from(i)));
                        values[i.case] = f64::from(u8::from(within));
                    }
                }
                Some(j.finish())
            }
            OutcomeId::InvoiceToCashDays => {
                receivables()?;
                if !has_payment {
                    return Err(text::reason_no_payments(opts.language));
                }
                let horizon = (opts.maturity_days * day as f64) as i64;
                let mut j = judge(horizon, MaturityFrom::Issue, MaturityBasis::Setting, 0);
                for i in &self.invoices {
                    let v = match (i.paid, i.written_off, i.cancelled) {
                        (Some(p), _, _) => (p - i.issued) as f64 / day as f64,
                        (None, Some(_), _) => f64::INFINITY,
                        (None, None, Some(_)) => continue,
                        // Cleared without a payment: settled by a credit note, not turned into cash.
                        (None, None, None) if i.cleared.is_some() => continue,
                        (None, None, None) => f64::INFINITY,
                    };
                    if j.mature(i.issued) {
                        values[i.case] = v;
                    }
                }
                let m = j.finish();
                if m.judged_cases == 0 {
                    return Err(text::reason_not_mature(opts.maturity_days, opts.language));
                }
                Some(m)
            }
            OutcomeId::DunningUnanswered => {
                receivables()?;
                if !self.has_role(|r| r.dunning_level().is_some()) {
                    return Err(text::reason_no_role("reminder_1", opts.language));
                }
                if !has_payment {
                    return Err(text::reason_no_payments(opts.language));
                }
                let window = (opts.window_days * day as f64) as i64;
                let times = self.log.times();
                let pay_role = if payments {
                    ActivityRole::PaymentReceived
                } else {
                    ActivityRole::InvoiceCleared
                };
                let mut j = judge(
                    window,
                    MaturityFrom::FirstReminder,
                    MaturityBasis::Setting,
                    0,
                );
                for i in &self.invoices {
                    let Some(t) = i.first_reminder else {
                        continue;
                    };
                    // An answer already seen is no reason to judge a young reminder: its unanswered
                    // twins are not known yet.
                    if !j.mature(t) {
                        continue;
                    }
                    let answered = self.population.events(self.log, i.case).any(|e| {
                        self.ctx.role(e) == pay_role && times[e] >= t && times[e] <= t + window
                    });
                    values[i.case] = f64::from(u8::from(!answered));
                }
                Some(j.finish())
            }
            OutcomeId::CaseDurationDays => {
                let t = self.log.times();
                let delays = self
                    .population
                    .cases(self.log)
                    .filter(|(_, r)| !r.is_empty())
                    .map(|(_, r)| t[r.end - 1] - t[r.start])
                    .collect();
                let mut j = judge_p90(delays, MaturityFrom::CaseStart);
                for (c, r) in self.population.cases(self.log) {
                    if !r.is_empty() && j.mature(t[r.start]) {
                        let last = last_by(t, r.clone(), j.deadline(t[r.start]));
                        values[c] = (t[last] - t[r.start]) as f64 / day as f64;
                    }
                }
                Some(j.finish())
            }
            OutcomeId::PassesThrough(name) | OutcomeId::EndsWith(name) => {
                let Some(a) = self.log.find_activity(name) else {
                    return Err(text::reason_no_activity(name, opts.language));
                };
                let acts = self.log.activities();
                let t = self.log.times();
                let ends = matches!(id, OutcomeId::EndsWith(_));
                // Per case: its start, and when it reached the activity (its first `a`; for "ends
                // with", its last event when that is `a`).
                let reached: Vec<(CaseIdx, std::ops::Range<usize>, Option<i64>)> = self
                    .population
                    .cases(self.log)
                    .filter(|(_, r)| !r.is_empty())
                    .map(|(c, r)| {
                        let at = if ends {
                            (acts[r.end - 1] == a).then(|| t[r.end - 1])
                        } else {
                            r.clone().find(|&e| acts[e] == a).map(|e| t[e])
                        };
                        (c, r, at)
                    })
                    .collect();
                // The window: for "passes through", the time cases took to reach it; for "ends
                // with", the time cases take to end at all (whatever their last event), since the
                // state at the window's end is what is judged.
                let delays = reached
                    .iter()
                    .filter_map(|(_, r, at)| {
                        if ends {
                            Some(t[r.end - 1] - t[r.start])
                        } else {
                            at.map(|at| at - t[r.start])
                        }
                    })
                    .collect();
                let mut j = judge_p90(delays, MaturityFrom::CaseStart);
                for (c, r, at) in &reached {
                    let s = t[r.start];
                    if j.mature(s) {
                        // Both count what happened within the window: "ends with" is the case's
                        // state at the window's end (its last event by then).
                        let yes = if ends {
                            acts[last_by(t, r.clone(), j.deadline(s))] == a
                        } else {
                            at.is_some_and(|at| at <= j.deadline(s))
                        };
                        values[*c] = f64::from(u8::from(yes));
                    }
                }
                Some(j.finish())
            }
            OutcomeId::InFilter | OutcomeId::InB => {
                let Some(target) = target else {
                    return Err(text::reason_no_target(opts.language));
                };
                for (c, r) in self.population.cases(self.log) {
                    if !r.is_empty() {
                        values[c] = f64::from(u8::from(target.contains(c)));
                    }
                }
                None
            }
        };
        Ok(OutcomeValues {
            id: id.clone(),
            values,
            maturity,
        })
    }

    /// The first selected event of a case with this role.
    fn first_with_role(&self, case: CaseIdx, role: ActivityRole) -> Option<i64> {
        let times = self.log.times();
        self.population
            .events(self.log, case)
            .find(|&e| self.ctx.role(e) == role)
            .map(|e| times[e])
    }

    /// Kaplan–Meier median of invoice-to-cash days over every invoice: paid ones are events, open ones
    /// censored at the as-of instant, written-off ones never paid (censored at infinity, so they stay at
    /// risk); cancelled ones and ones cleared without a payment are left out.
    pub fn km_invoice_to_cash(&self) -> f64 {
        let day = MS_PER_DAY as f64;
        let mut data: Vec<(f64, bool)> = self
            .invoices
            .iter()
            .filter_map(|i| match (i.paid, i.written_off, i.cancelled, i.cleared) {
                (Some(p), ..) => Some(((p - i.issued) as f64 / day, true)),
                (None, Some(_), ..) => Some((f64::INFINITY, false)),
                (None, None, None, None) => Some(((self.as_of - i.issued) as f64 / day, false)),
                _ => None,
            })
            .collect();
        super::stats::km_median(&mut data).median
    }

    /// The customer of each case, when the log has a customer column (its invoices go together).
    pub fn customers(&self) -> Option<super::clusters::Clusters> {
        super::clusters::Clusters::from_column(self.log, self.population, self.ctx.customer)
    }

    /// Per case of the log, its amount (`NaN` when missing or when the log has no amount column).
    pub fn amounts(&self) -> Option<Vec<f64>> {
        let a = self.ctx.amount?;
        let mut out = vec![f64::NAN; self.log.case_count()];
        for (c, r) in self.population.cases(self.log) {
            if !r.is_empty() {
                out[c] = self
                    .log
                    .case_value(a, c)
                    .as_number()
                    .filter(|x| x.is_finite())
                    .unwrap_or(f64::NAN);
            }
        }
        Some(out)
    }

    /// The most common currency code of the population, if the log has a currency column.
    pub fn currency(&self) -> Option<String> {
        let col = self
            .ctx
            .log
            .attribute_with_role(crate::import::ColumnRole::Currency)?;
        let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
        // A sample is enough to name the currency.
        for (c, _) in self.population.cases(self.log).take(1000) {
            let v = self.log.case_value(col, c);
            if !v.is_missing() {
                *counts.entry(v.display()).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(k, _)| k)
    }
}

/// Late by the due-date column, once the day after the due date has begun (the caller checks that):
/// see the module doc. `NaN` for invoices the outcome does not apply to.
fn late_by_due_date(i: &Invoice) -> f64 {
    let Some(due) = i.due else {
        return f64::NAN;
    };
    // Paid on the due day counts as on time (as the on-time KPI).
    let late_from = due + MS_PER_DAY;
    if let Some(p) = i.paid {
        return f64::from(u8::from(p >= late_from));
    }
    if let Some(w) = i.written_off {
        return if w >= late_from { 1.0 } else { f64::NAN };
    }
    // Cancelled, or settled without a payment (cleared, or fully credited by a credit note): left out,
    // as the definition says, whenever it happened.
    if i.cancelled.is_some() || i.cleared.is_some() || i.credited.is_some() {
        return f64::NAN;
    }
    // Open after the due day.
    1.0
}

/// The cases of the population with a known value, in case order.
pub fn known_cases(values: &[f64]) -> Vec<CaseIdx> {
    values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_nan())
        .map(|(c, _)| c)
        .collect()
}

/// The last event of a case (its time-sorted `events`, not empty) at or before `deadline`; the
/// first event when all come later.
fn last_by(times: &[i64], events: std::ops::Range<usize>, deadline: i64) -> usize {
    let first = events.start;
    events
        .rev()
        .find(|&e| times[e] <= deadline)
        .unwrap_or(first)
}

#[cfg(test)]
mod tests;
