//! Checking a pack on a selection: each rule's violations, the cases and customers behind them,
//! what the check could not see, and the CSV of every violation.

use super::{rules, RuleKind, RulePack, RuleText};
use crate::collections::facts::{Context, Invoice};
use crate::filter::Selection;
use crate::log::CaseIdx;
use crate::words::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One violation: a case (and the event concerned, when there is one).
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The case.
    pub case: CaseIdx,
    /// The offending event, if the rule is about one.
    pub event: Option<usize>,
    /// What happened, in a few words.
    pub detail: String,
}

/// The outcome of one rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleResult {
    /// Pack name.
    pub pack: String,
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// Source.
    pub source: String,
    /// Number of violations (events or invoices).
    pub violations: u64,
    /// Violating cases (ids, each once, in log order).
    pub cases: Vec<String>,
    /// Their customers (each once, sorted).
    pub customers: Vec<String>,
    /// How many cases violate it (the length of `cases`, kept when a light copy drops the list).
    #[serde(default)]
    pub case_count: u64,
    /// How many customers they belong to (the length of `customers`).
    #[serde(default)]
    pub customer_count: u64,
    /// Amount at stake: the violating invoices' amounts, or the compensation owed for fee rules.
    pub amount: f64,
    /// The violations, in case order: every one, or the first [`MAX_DETAILS`] when
    /// [`details_truncated`](Self::details_truncated) (the count is [`violations`](Self::violations)).
    pub details: Vec<ViolationRow>,
    /// Whether `details` lists only the first violations.
    #[serde(default)]
    pub details_truncated: bool,
    /// Whether the log had what the rule needs (a due date, times of day): when not, `violations` is
    /// 0 because nothing could be compared, not because nothing was wrong, and `notes` says why.
    #[serde(default = "checked_by_default")]
    pub checked: bool,
    /// What the check could not see (the rule's own note, and data it lacked on this log).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The rule's title and note in other languages ([`Rule::translations`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, RuleText>,
    /// The pack's name in other languages.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pack_names: BTreeMap<String, String>,
}

impl RuleResult {
    /// A copy with the cases and customers counted, not listed, and the first `details` violations.
    pub fn light(&self, details: usize) -> RuleResult {
        RuleResult {
            pack: self.pack.clone(),
            rule: self.rule.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            violations: self.violations,
            cases: Vec::new(),
            customers: Vec::new(),
            case_count: self.case_count,
            customer_count: self.customer_count,
            amount: self.amount,
            details: self.details.iter().take(details).cloned().collect(),
            details_truncated: self.details_truncated || self.details.len() > details,
            notes: self.notes.clone(),
            checked: self.checked,
            translations: self.translations.clone(),
            pack_names: self.pack_names.clone(),
        }
    }

    /// The rule's title in a language (the pack's own words when it has none there).
    pub fn title_in(&self, lang: Language) -> &str {
        match self.translations.get(lang.code()) {
            Some(t) => &t.title,
            None => &self.title,
        }
    }

    /// The rule's source in a language.
    pub fn source_in(&self, lang: Language) -> &str {
        match self.translations.get(lang.code()) {
            Some(t) if !t.source.is_empty() => &t.source,
            _ => &self.source,
        }
    }

    /// The pack's name in a language.
    pub fn pack_in(&self, lang: Language) -> &str {
        match self.pack_names.get(lang.code()) {
            Some(n) => n,
            None => &self.pack,
        }
    }

    /// The notes in a language: the rule's own note (first, when it has one) translated where the
    /// pack translates it; the notes on this log's data as written.
    pub fn notes_in(&self, lang: Language) -> Vec<String> {
        let mut notes = self.notes.clone();
        if let (Some(t), Some(first)) = (self.translations.get(lang.code()), notes.first_mut()) {
            if !t.note.is_empty() {
                *first = t.note.clone();
            }
        }
        notes
    }
}

/// One violation, for tables and CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViolationRow {
    /// Case id.
    pub case: String,
    /// The case's customer, if known.
    pub customer: String,
    /// When the offending event happened (ISO-8601 UTC), if the rule is about an event.
    pub time: String,
    /// What happened.
    pub detail: String,
}

fn checked_by_default() -> bool {
    true
}

/// Violations listed per rule in a report ([`check`]); the count is always exact, and every violation
/// is listed by [`check_all`] (for exports).
pub const MAX_DETAILS: usize = 1_000;

/// Checks every rule of a pack on the selection, listing the first [`MAX_DETAILS`] violations of each.
pub fn check(
    ctx: &Context,
    sel: &Selection,
    pack: &RulePack,
    invoices: &[Invoice],
) -> Vec<RuleResult> {
    check_listing(ctx, sel, pack, invoices, MAX_DETAILS)
}

/// [`check`] listing every violation (for a CSV of them all).
pub fn check_all(
    ctx: &Context,
    sel: &Selection,
    pack: &RulePack,
    invoices: &[Invoice],
) -> Vec<RuleResult> {
    check_listing(ctx, sel, pack, invoices, usize::MAX)
}

fn check_listing(
    ctx: &Context,
    sel: &Selection,
    pack: &RulePack,
    invoices: &[Invoice],
    max_details: usize,
) -> Vec<RuleResult> {
    let log = ctx.log;
    pack.rules
        .iter()
        .map(|rule| {
            let mut notes = Vec::new();
            if !rule.note.is_empty() {
                notes.push(rule.note.clone());
            }
            let mut checked = true;
            let v = rules::evaluate(
                ctx,
                sel,
                &rule.kind,
                invoices,
                &mut notes,
                &mut checked,
                max_details,
            );
            let mut cases: Vec<CaseIdx> = v.iter().map(|x| x.case).collect();
            cases.sort_unstable();
            cases.dedup();
            let customers = ctx.customer_names(&cases);
            let amount = match rule.kind {
                RuleKind::LatePaymentFee { fee, .. } => fee * v.len() as f64,
                _ => cases
                    .iter()
                    .filter_map(|&c| {
                        ctx.amount
                            .map(|a| log.case_value(a, c))
                            .and_then(|x| x.as_number())
                    })
                    .sum(),
            };
            RuleResult {
                pack: pack.name.clone(),
                rule: rule.id.clone(),
                title: rule.title.clone(),
                source: rule.source.clone(),
                violations: v.len() as u64,
                cases: cases.iter().map(|&c| log.case_id(c).to_string()).collect(),
                case_count: cases.len() as u64,
                customer_count: customers.len() as u64,
                customers,
                amount,
                details_truncated: v.len() > max_details,
                details: v
                    .iter()
                    .take(max_details)
                    .map(|x| ViolationRow {
                        case: log.case_id(x.case).to_string(),
                        customer: ctx.case_text(ctx.customer, x.case).unwrap_or_default(),
                        time: x
                            .event
                            .map(|e| crate::calendar::format_iso_utc(log.times()[e]))
                            .unwrap_or_default(),
                        detail: x.detail.clone(),
                    })
                    .collect(),
                notes,
                checked,
                translations: rule.translations.clone(),
                pack_names: pack
                    .translations
                    .iter()
                    .map(|(code, t)| (code.clone(), t.name.clone()))
                    .collect(),
            }
        })
        .collect()
}

/// Violations as CSV (pack, rule, title, source, case, customer, time, detail), written by the one CSV
/// writer of every export ([`crate::export::csv`]: quoted, neutralised against formula injection, with a
/// byte-order mark).
pub fn violations_csv(results: &[RuleResult]) -> String {
    let mut w = crate::export::csv::CsvWriter::new(&[
        "pack", "rule", "title", "source", "case", "customer", "time", "detail",
    ]);
    for r in results {
        for v in &r.details {
            w.row([
                &r.pack,
                &r.rule,
                &r.title,
                &r.source,
                &v.case,
                &v.customer,
                &v.time,
                &v.detail,
            ]);
        }
    }
    w.finish()
}
