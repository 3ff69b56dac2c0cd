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
//! response within a time, absence after an event (optionally until another, or within a time or a
//! number of calendar days), not before a date attribute, time-of-day window (in the file's local time, a
//! named zone, or the debtor's own zone read from a column), at most N occurrences in any rolling window
//! or run of calendar days per debt (case) or per debtor (customer), dunning levels in order, maximum
//! payment terms, and late-payment compensation. Three packs are built in, each rule citing the paragraph
//! it applies and noting what a log cannot show.
//!
//! Every number in a pack is checked when it is read ([`RulePack::validate`]): a window of `1e300` hours
//! or a negative grace period is refused with the rule and the field named.
//!
//! A pack carries its words in other languages, so that an edited or imported pack reads as French as
//! the built-in ones: `"translations": {"fr": {"name": ..., "description": ...}}` on the pack and
//! `"translations": {"fr": {"title": ..., "source": ..., "note": ...}}` on a rule (source and note
//! optional). The interface shows them in its language ([`RuleResult::title_in`]); JSON output keeps
//! the pack's own words beside them.

mod check;
pub mod rules;
pub mod tz;

pub use check::*;

use crate::error::Error;
use crate::words::Language;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Whether a rolling-window or absence rule counts per debt (each case: one invoice, one debt) or per
/// debtor (all the customer's cases together). In JSON `"per": "debt"` (or `"case"`, the older name) and
/// `"per": "debtor"` (or `"customer"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    /// Each case (debt) on its own: Regulation F counts calls "in connection with the collection of a
    /// particular debt" (12 CFR 1006.14(b)(2)(i)).
    #[default]
    #[serde(alias = "debt")]
    Case,
    /// All cases of a customer (debtor) together.
    #[serde(alias = "debtor")]
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
        /// The ban lasts this long, hours (forever when absent, unless `within_days` is given).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within_hours: Option<f64>,
        /// The ban lasts this many calendar days, the trigger's day counting as the first (Regulation F:
        /// "the date of the telephone conversation is the first day of the seven-consecutive-day
        /// period"). Days are local days (see `time_zone`). Not together with `within_hours`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within_days: Option<u32>,
        /// Per debt (case), or across all the debtor's (customer's) cases.
        #[serde(default)]
        per: Per,
        /// IANA zone or offset for calendar days; absent: the local time written in the file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
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
        /// Earliest hour, inclusive (8.0 = 08:00) unless `from_exclusive`.
        from_hour: f64,
        /// The earliest hour itself is not allowed ("after 8:00 a.m.": 08:00:00 is too early).
        #[serde(default, skip_serializing_if = "is_false")]
        from_exclusive: bool,
        /// Latest hour, exclusive (21.0 = 21:00).
        to_hour: f64,
        /// Allowed weekdays, 1 = Monday .. 7 = Sunday (all when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weekdays: Option<Vec<u8>>,
        /// IANA zone or offset; absent: the local time written in the file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
        /// A column (case or event attribute) holding the debtor's own zone (IANA name or offset; several
        /// separated by `;`, `,` or `|` when the location is uncertain, and then the contact must fall in
        /// the window in all of them). Where it is empty or unknown, `time_zone` or the file's local time
        /// is used, and the result says how many contacts that was.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone_column: Option<String>,
    },
    /// At most `max` occurrences of `activity` in any window of `window_hours`, or in any
    /// `window_days` consecutive calendar days.
    MaxFrequency {
        /// The activities counted.
        activity: Activities,
        /// Allowed occurrences in a window.
        max: u32,
        /// Rolling window length, hours.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window_hours: Option<f64>,
        /// Window of this many consecutive calendar days (local days, see `time_zone`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        window_days: Option<u32>,
        /// Per debt (case, the default) or per debtor (customer).
        #[serde(default)]
        per: Per,
        /// IANA zone or offset for calendar days; absent: the local time written in the file.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_zone: Option<String>,
    },
    /// Reminder levels go up one step at a time: a level-n reminder needs a level n−1 one before it, and a
    /// final notice needs a reminder.
    LevelOrder,
    /// Payment terms (due date − issue date) of at most `max_days`, or, when `end_of_month_days` is
    /// given, up to the end-of-month alternative (French "45 jours fin de mois", read both ways the
    /// administration accepts: the end of the issue month plus the days, or the issue date plus the days
    /// then to the end of that month; the later of the two).
    MaxTerms {
        /// Longest allowed term, days from the issue date.
        max_days: f64,
        /// Days of the end-of-month alternative.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        end_of_month_days: Option<f64>,
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

impl RuleKind {
    /// The checks of [`RulePack::validate`] for one rule; the message names the field.
    fn validate(&self) -> Result<(), String> {
        use crate::validate::{days_field, duration_ms, range_field, Unit, MAX_SETTING_DAYS};
        let hours = |field: &str, v: f64| {
            duration_ms(&format!("\"{field}\""), v, Unit::Hours, MAX_SETTING_DAYS)
                .map_err(|e| e.to_string())
                .and_then(|ms| {
                    if ms > 0 {
                        Ok(())
                    } else {
                        Err(format!("\"{field}\": the time window must be positive"))
                    }
                })
        };
        let days = |field: &str, v: f64| {
            days_field(&format!("\"{field}\""), v, MAX_SETTING_DAYS)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        let calendar_days = |field: &str, v: u32| {
            if v >= 1 && f64::from(v) <= MAX_SETTING_DAYS {
                Ok(())
            } else {
                Err(format!(
                    "\"{field}\": expected a number of days from 1 to {MAX_SETTING_DAYS}, got {v}"
                ))
            }
        };
        let zone = |z: &Option<String>| match z {
            Some(z) if tz::Zone::parse(z).is_none() => Err(format!("unknown time zone \"{z}\"")),
            _ => Ok(()),
        };
        let one_window =
            |h: Option<f64>, d: Option<u32>, hf: &str, df: &str| -> Result<(), String> {
                match (h, d) {
                    (Some(_), Some(_)) => Err(format!("give \"{hf}\" or \"{df}\", not both")),
                    (Some(h), None) => hours(hf, h),
                    (None, Some(d)) => calendar_days(df, d),
                    (None, None) => Ok(()),
                }
            };
        match self {
            RuleKind::Ordering { .. } | RuleKind::Precedence { .. } | RuleKind::LevelOrder => {
                Ok(())
            }
            RuleKind::Response { within_hours, .. } => hours("within_hours", *within_hours),
            RuleKind::AbsenceAfter {
                within_hours,
                within_days,
                time_zone,
                ..
            } => {
                one_window(*within_hours, *within_days, "within_hours", "within_days")?;
                zone(time_zone)
            }
            RuleKind::NotBefore { grace_days, .. } => days("grace_days", *grace_days),
            RuleKind::TimeWindow {
                from_hour,
                to_hour,
                weekdays,
                time_zone,
                ..
            } => {
                let from = range_field("\"from_hour\"", *from_hour, 0.0, 24.0)
                    .map_err(|e| e.to_string())?;
                let to =
                    range_field("\"to_hour\"", *to_hour, 0.0, 24.0).map_err(|e| e.to_string())?;
                if from >= to {
                    return Err(format!(
                        "\"from_hour\" ({from}) must be before \"to_hour\" ({to})"
                    ));
                }
                if let Some(d) = weekdays.iter().flatten().find(|d| !(1..=7).contains(*d)) {
                    return Err(format!(
                        "\"weekdays\": expected days from 1 (Monday) to 7 (Sunday), got {d}"
                    ));
                }
                zone(time_zone)
            }
            RuleKind::MaxFrequency {
                window_hours,
                window_days,
                time_zone,
                ..
            } => {
                if window_hours.is_none() && window_days.is_none() {
                    return Err("give \"window_hours\" or \"window_days\"".into());
                }
                one_window(*window_hours, *window_days, "window_hours", "window_days")?;
                zone(time_zone)
            }
            RuleKind::MaxTerms {
                max_days,
                end_of_month_days,
            } => {
                days("max_days", *max_days)?;
                end_of_month_days.map_or(Ok(()), |d| days("end_of_month_days", d))
            }
            RuleKind::LatePaymentFee { fee, grace_days } => {
                range_field("\"fee\"", *fee, 0.0, 1e12).map_err(|e| e.to_string())?;
                days("grace_days", *grace_days)
            }
        }
    }
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
    /// What the check cannot see or how it reads its source (shown with the result).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The title and note in other languages, by language code (`"fr"`): a pack carries its own
    /// words, so an edited or imported pack can be as French as the built-in ones.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, RuleText>,
    /// The check.
    #[serde(flatten)]
    pub kind: RuleKind,
}

/// A rule's words in another language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleText {
    /// The title.
    pub title: String,
    /// The source, where its words need translating (citations may stay as they are).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// The note (only where the rule has one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A pack's words in another language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PackText {
    /// The name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Checks the language codes of a `translations` map and that each text fills what the English
/// has (`what` names the place for the message).
fn check_translations<T>(
    translations: &BTreeMap<String, T>,
    what: &str,
    filled: impl Fn(&T) -> Result<(), String>,
) -> Result<(), String> {
    for (code, text) in translations {
        let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        if !valid {
            return Err(format!(
                "{what}: \"{code}\" is not a language code (two or three lowercase letters, like \"fr\")"
            ));
        }
        filled(text).map_err(|m| format!("{what}, \"{code}\": {m}"))?;
    }
    Ok(())
}

fn is_false(b: &bool) -> bool {
    !*b
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
    /// The name and description in other languages, by language code (`"fr"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, PackText>,
}

impl RulePack {
    /// Parses a rule pack and checks it ([`RulePack::validate`]).
    pub fn from_json(text: &str) -> Result<RulePack, Error> {
        let pack: RulePack = serde_json::from_str(text).map_err(|e| Error::Json {
            what: "rule pack",
            message: e.to_string(),
        })?;
        pack.validate()?;
        Ok(pack)
    }

    /// Checks that zones are known and that every number is finite and sensible (windows, grace days,
    /// hours of the day, weekdays, fees), with a message naming the rule and the field.
    pub fn validate(&self) -> Result<(), Error> {
        check_translations(&self.translations, "\"translations\"", |t: &PackText| {
            if t.name.trim().is_empty() {
                return Err("\"name\" is empty".into());
            }
            Ok(())
        })
        .map_err(|m| Error::Invalid(format!("rule pack \"{}\": {m}", self.name)))?;
        for r in &self.rules {
            r.kind
                .validate()
                .and_then(|()| {
                    check_translations(&r.translations, "\"translations\"", |t: &RuleText| {
                        if t.title.trim().is_empty() {
                            return Err("\"title\" is empty".into());
                        }
                        if !t.note.is_empty() && r.note.is_empty() {
                            return Err("a translated \"note\" where the rule has none".into());
                        }
                        Ok(())
                    })
                })
                .map_err(|m| {
                    Error::Invalid(format!(
                        "rule pack \"{}\", rule \"{}\": {m}",
                        self.name, r.id
                    ))
                })?;
        }
        Ok(())
    }

    /// The pack's name in a language (its own when it has no translation there).
    pub fn name_in(&self, lang: Language) -> &str {
        match self.translations.get(lang.code()) {
            Some(t) => &t.name,
            None => &self.name,
        }
    }

    /// The pack's description in a language.
    pub fn description_in(&self, lang: Language) -> &str {
        match self.translations.get(lang.code()) {
            Some(t) if !t.description.is_empty() => &t.description,
            _ => &self.description,
        }
    }

    /// The pack as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The built-in packs as JSON: B2B dunning policy, US consumer collections, EU / France late payment
/// (the page reads them with the browser's JSON parser, see the app's `core::json`).
pub const BUILTIN_PACKS_JSON: [&str; 3] = [
    include_str!("packs/b2b_dunning.json"),
    include_str!("packs/us_consumer.json"),
    include_str!("packs/eu_france.json"),
];

/// The built-in packs ([`BUILTIN_PACKS_JSON`]), read.
pub fn builtin_packs() -> Vec<RulePack> {
    BUILTIN_PACKS_JSON
        .iter()
        .filter_map(|t| RulePack::from_json(t).ok())
        .collect()
}

#[cfg(test)]
mod tests;
