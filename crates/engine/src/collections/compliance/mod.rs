//! Policy and compliance checking with declarative rule packs.
//!
//! A rule pack is a small JSON document the user can load, edit and save:
//!
//! ```json
//! {"name": "B2B dunning policy", "rules": [
//!   {"id": "no-reminder-before-due", "title": "No reminder before the due date",
//!    "source": "Company dunning policy §2", "kind": "not_before", "activity": "reminder", "date": "due_date"}
//! ]}
//! ```
//!
//! Activities are named by role (`reminder` for any level, `reminder_2`, `contact` for any contact,
//! `payment_received`, ...) or by exact activity name. Rule kinds ([`RuleKind`]): ordering, precedence,
//! response within a time, absence after an event (optionally until another, or within a time), not
//! before a date attribute, time-of-day window (in the file's local time or a named zone), at most N
//! occurrences in any rolling window per case or per customer, dunning levels in order, maximum payment
//! terms, and late-payment compensation. Three packs are built in, each rule citing its source.

pub mod rules;
pub mod tz;

use super::facts::{Context, Invoice};
use crate::error::Error;
use crate::filter::Selection;
use crate::log::CaseIdx;
use serde::{Deserialize, Serialize};

/// Activities a rule talks about: role keys or activity names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Activities {
    /// One role key or name.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl Activities {
    /// The names/keys as a list.
    pub fn items(&self) -> Vec<&str> {
        match self {
            Activities::One(s) => vec![s.as_str()],
            Activities::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Whether a rolling-window or absence rule counts per case or per customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Each case on its own.
    #[default]
    Case,
    /// All cases of a customer together.
    Customer,
}

/// What a rule checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    /// When both occur, the first `first` comes before the first `then`.
    Ordering {
        /// Must come first.
        first: Activities,
        /// Must come after.
        then: Activities,
    },
    /// Every `activity` needs an earlier `required` in its case.
    Precedence {
        /// What must have happened before.
        required: Activities,
        /// What needs it.
        activity: Activities,
    },
    /// Every `trigger` is followed by a `response` within `within_hours`.
    Response {
        /// The event that calls for a response.
        trigger: Activities,
        /// The expected response.
        response: Activities,
        /// Deadline, hours.
        within_hours: f64,
    },
    /// No `forbidden` after a `trigger` (until an `until`, or within `within_hours` when given).
    AbsenceAfter {
        /// The event after which `forbidden` is not allowed.
        trigger: Activities,
        /// What is not allowed.
        forbidden: Activities,
        /// An event that lifts the ban.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Activities>,
        /// The ban lasts this long, hours (forever when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within_hours: Option<f64>,
        /// Per case, or across all the customer's cases.
        #[serde(default)]
        per: Per,
    },
    /// No `activity` before the date in a column (the due date), plus `grace_days`.
    NotBefore {
        /// What must wait.
        activity: Activities,
        /// The column role holding the date (`due_date`) or a column name.
        date: String,
        /// Days after the date before the activity is allowed.
        #[serde(default)]
        grace_days: f64,
    },
    /// `activity` only between `from_hour` and `to_hour` local time (and on `weekdays`, 1 = Monday).
    TimeWindow {
        /// The activities concerned.
        activity: Activities,
        /// Earliest hour, inclusive (8.0 = 08:00).
        from_hour: f64,
        /// Latest hour, exclusive (21.0 = 21:00).
        to_hour: f64,
        /// Allowed weekdays, 1 = Monday .. 7 = Sunday (all when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weekdays: Option<Vec<u8>>,
        /// IANA zone or offset; absent: the local time written in the file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
    },
    /// At most `max` occurrences of `activity` in any window of `window_hours`.
    MaxFrequency {
        /// The activities counted.
        activity: Activities,
        /// Allowed occurrences in a window.
        max: u32,
        /// Window length, hours.
        window_hours: f64,
        /// Per case or per customer.
        #[serde(default)]
        per: Per,
    },
    /// Reminder levels go up one step at a time: a level-n reminder needs a level n−1 one before it, and a
    /// final notice needs a reminder.
    LevelOrder,
    /// Payment terms (due date − issue) of at most `max_days`.
    MaxTerms {
        /// Longest allowed term, days.
        max_days: f64,
    },
    /// Invoices paid (or still open) after the due date plus `grace_days` owe a fixed compensation.
    LatePaymentFee {
        /// Fixed amount per late invoice.
        fee: f64,
        /// Days after the due date before an invoice counts as late.
        #[serde(default)]
        grace_days: f64,
    },
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// Stable id.
    pub id: String,
    /// What it requires, in one line.
    pub title: String,
    /// Where the requirement comes from (law, regulation, policy section).
    pub source: String,
    /// The check.
    #[serde(flatten)]
    pub kind: RuleKind,
}

/// A named set of rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulePack {
    /// Pack name.
    pub name: String,
    /// What it covers.
    #[serde(default)]
    pub description: String,
    /// The rules.
    pub rules: Vec<Rule>,
}

impl RulePack {
    /// Parses a rule pack, checking that activity selectors and zones make sense.
    pub fn from_json(text: &str) -> Result<RulePack, Error> {
        let pack: RulePack = serde_json::from_str(text).map_err(|e| Error::Json {
            what: "rule pack",
            message: e.to_string(),
        })?;
        for r in &pack.rules {
            if let RuleKind::TimeWindow {
                time_zone: Some(z), ..
            } = &r.kind
            {
                if tz::Zone::parse(z).is_none() {
                    return Err(Error::Invalid(format!(
                        "rule pack \"{}\", rule \"{}\": unknown time zone \"{z}\"",
                        pack.name, r.id
                    )));
                }
            }
            if let RuleKind::MaxFrequency { window_hours, .. }
            | RuleKind::Response {
                within_hours: window_hours,
                ..
            } = &r.kind
            {
                if window_hours.is_nan() || *window_hours <= 0.0 {
                    return Err(Error::Invalid(format!(
                        "rule \"{}\": the time window must be positive",
                        r.id
                    )));
                }
            }
        }
        Ok(pack)
    }

    /// The pack as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The built-in packs: B2B dunning policy, US consumer collections, EU / France late payment.
pub fn builtin_packs() -> Vec<RulePack> {
    [
        include_str!("packs/b2b_dunning.json"),
        include_str!("packs/us_consumer.json"),
        include_str!("packs/eu_france.json"),
    ]
    .iter()
    .filter_map(|t| RulePack::from_json(t).ok())
    .collect()
}

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
    /// Amount at stake: the violating invoices' amounts, or the compensation owed for fee rules.
    pub amount: f64,
    /// Every violation.
    pub details: Vec<ViolationRow>,
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

/// Checks every rule of a pack on the selection.
pub fn check(
    ctx: &Context,
    sel: &Selection,
    pack: &RulePack,
    invoices: &[Invoice],
) -> Vec<RuleResult> {
    let log = ctx.log;
    pack.rules
        .iter()
        .map(|rule| {
            let v = rules::evaluate(ctx, sel, &rule.kind, invoices);
            let mut cases: Vec<CaseIdx> = v.iter().map(|x| x.case).collect();
            cases.sort_unstable();
            cases.dedup();
            let mut customers: Vec<String> = cases
                .iter()
                .filter_map(|&c| ctx.case_text(ctx.customer, c))
                .collect();
            customers.sort();
            customers.dedup();
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
                customers,
                amount,
                details: v
                    .iter()
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
            }
        })
        .collect()
}

/// Violations as CSV (pack, rule, title, source, case, customer, time, detail), with cells starting
/// with `=`, `+`, `-` or `@` neutralised against spreadsheet formula injection.
pub fn violations_csv(results: &[RuleResult]) -> String {
    let cell = |s: &str| {
        let s = if s.starts_with(['=', '+', '-', '@']) {
            format!("'{s}")
        } else {
            s.to_string()
        };
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s
        }
    };
    let mut out = String::from("pack,rule,title,source,case,customer,time,detail\n");
    for r in results {
        for v in &r.details {
            let row = [
                &r.pack,
                &r.rule,
                &r.title,
                &r.source,
                &v.case,
                &v.customer,
                &v.time,
                &v.detail,
            ];
            out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    }
    out
}
