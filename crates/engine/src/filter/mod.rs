//! Filters: each one turns a log into a [`Selection`] of cases (or trimmed events); a [`FilterStack`]
//! applies them in order, each on what the previous ones left, and ANDs them.
//!
//! Filters name activities, attributes and variants by their text, never by internal ids, so a stack
//! saved in a view file applies to the same log imported again (or to an updated export).

pub mod attribute;
pub mod endpoints;
pub mod follower;
pub mod groups;
pub mod performance;
pub mod selection;
pub mod time;
pub mod variant;

pub use groups::{GroupBy, StepGroups};
pub use selection::Selection;
pub use time::TimeMode;

use crate::log::EventLog;
use crate::words::{number, Language};
use serde::{Deserialize, Serialize};

/// One filter. Matching cases are kept, or removed when the stack item says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Filter {
    /// Cases by their position in time relative to a period, or events trimmed to it.
    Timeframe {
        /// Period start, UTC ms (inclusive).
        from_ms: i64,
        /// Period end, UTC ms (exclusive).
        to_ms: i64,
        /// How a case relates to the period.
        mode: TimeMode,
    },
    /// Cases with a value of an attribute among `values` (case value, or any event's value).
    Attribute {
        /// Attribute name.
        name: String,
        /// Accepted values, as displayed.
        values: Vec<String>,
    },
    /// Cases whose numeric attribute (case value, or any event's value) lies in a range.
    NumericRange {
        /// Attribute name.
        name: String,
        /// Lower bound (inclusive).
        min: Option<f64>,
        /// Upper bound (inclusive).
        max: Option<f64>,
    },
    /// Cases following one of these activity sequences.
    Variants {
        /// The sequences.
        sequences: Vec<Vec<String>>,
    },
    /// Cases of the `k` most frequent variants.
    TopVariants {
        /// How many variants.
        k: usize,
    },
    /// Cases of variants with at least `n` cases.
    VariantMinCases {
        /// Minimum cases.
        n: u64,
    },
    /// Cases whose duration lies in a range (seconds).
    CaseDuration {
        /// Minimum, inclusive.
        min_s: Option<f64>,
        /// Maximum, inclusive.
        max_s: Option<f64>,
    },
    /// Cases with a number of events in a range.
    EventCount {
        /// Minimum, inclusive.
        min: Option<u64>,
        /// Maximum, inclusive.
        max: Option<u64>,
    },
    /// Cases starting with one of `starts` (any when empty) and ending with one of `ends` (any when empty).
    Endpoints {
        /// Accepted first activities.
        starts: Vec<String>,
        /// Accepted last activities.
        ends: Vec<String>,
    },
    /// Cases where `from` is followed by `to`, directly or eventually, optionally within or after a time.
    Follower {
        /// First activity.
        from: String,
        /// Following activity.
        to: String,
        /// Directly (next event) rather than eventually.
        directly: bool,
        /// The step takes at most this long (seconds).
        within_s: Option<f64>,
        /// The step takes at least this long (seconds).
        after_s: Option<f64>,
    },
    /// Cases containing at least one of these activities.
    Activities {
        /// Activity names.
        names: Vec<String>,
    },
    /// Cases with at least one event by one of these resources.
    Resources {
        /// Resource names.
        names: Vec<String>,
    },
    /// Cases passing through the step `from` → `to` (directly), in a group of a breakdown when given:
    /// a bottleneck heatmap cell's cases.
    Step {
        /// Source activity.
        from: String,
        /// Target activity.
        to: String,
        /// Only steps in this group.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<StepGroup>,
    },
    /// Explicit cases (a drill-down from a chart or a table).
    Cases {
        /// Case ids.
        ids: Vec<String>,
        /// What they are, for the filter's chip ("Paid late", "Rule R1 violations", ...).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
}

impl Filter {
    /// The filter's `kind` as written in JSON (`"follower"`, `"cases"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Filter::Timeframe { .. } => "timeframe",
            Filter::Attribute { .. } => "attribute",
            Filter::NumericRange { .. } => "numeric_range",
            Filter::Variants { .. } => "variants",
            Filter::TopVariants { .. } => "top_variants",
            Filter::VariantMinCases { .. } => "variant_min_cases",
            Filter::CaseDuration { .. } => "case_duration",
            Filter::EventCount { .. } => "event_count",
            Filter::Endpoints { .. } => "endpoints",
            Filter::Follower { .. } => "follower",
            Filter::Activities { .. } => "activities",
            Filter::Resources { .. } => "resources",
            Filter::Step { .. } => "step",
            Filter::Cases { .. } => "cases",
        }
    }

    /// Checks the filter's numbers: instants within the years 0000 to 9999, durations finite, not
    /// negative and at most ten thousand years, range bounds finite. The message names the field.
    pub fn validate(&self) -> Result<(), crate::Error> {
        use crate::validate::{duration_ms, finite_field, time_field, Unit, MAX_FILTER_DAYS};
        let seconds = |field: &str, v: &Option<f64>| {
            v.map_or(Ok(0), |v| {
                duration_ms(&format!("\"{field}\""), v, Unit::Seconds, MAX_FILTER_DAYS)
            })
        };
        match self {
            Filter::Timeframe { from_ms, to_ms, .. } => {
                time_field("\"from_ms\"", *from_ms)?;
                time_field("\"to_ms\"", *to_ms)?;
            }
            Filter::NumericRange { min, max, .. } => {
                for (field, v) in [("\"min\"", min), ("\"max\"", max)] {
                    if let Some(v) = v {
                        finite_field(field, *v)?;
                    }
                }
            }
            Filter::CaseDuration { min_s, max_s } => {
                seconds("min_s", min_s)?;
                seconds("max_s", max_s)?;
            }
            Filter::Follower {
                within_s, after_s, ..
            } => {
                seconds("within_s", within_s)?;
                seconds("after_s", after_s)?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// A group of a bottleneck breakdown (see [`StepGroups`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepGroup {
    /// What steps are split by.
    pub by: GroupBy,
    /// The group, as the breakdown shows it.
    pub value: String,
}

/// A filter and whether it keeps or removes the cases it matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterItem {
    /// The filter.
    pub filter: Filter,
    /// `true`: keep matching cases; `false`: remove them.
    #[serde(default = "yes")]
    pub keep: bool,
}

fn yes() -> bool {
    true
}

/// Filters applied in order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FilterStack {
    /// The filters.
    pub items: Vec<FilterItem>,
}

impl FilterStack {
    /// Checks every filter's numbers ([`Filter::validate`]); the message names the filter (1 = first)
    /// and the field.
    pub fn validate(&self) -> Result<(), crate::Error> {
        for (i, item) in self.items.iter().enumerate() {
            item.filter.validate().map_err(|e| {
                crate::Error::Invalid(format!("filter {} ({}): {e}", i + 1, item.filter.kind()))
            })?;
        }
        Ok(())
    }

    /// The selection after every filter.
    pub fn apply(&self, log: &EventLog) -> Selection {
        let mut sel = Selection::all(log);
        for item in &self.items {
            sel = apply_one(log, &sel, &item.filter, item.keep);
        }
        sel
    }
}

/// Applies one filter to a selection.
pub fn apply_one(log: &EventLog, sel: &Selection, filter: &Filter, keep: bool) -> Selection {
    if let Filter::Timeframe {
        from_ms,
        to_ms,
        mode: TimeMode::Trim,
    } = *filter
    {
        let trimmed = time::trim(log, sel, from_ms, to_ms);
        return if keep {
            trimmed
        } else {
            time::trim_out(log, sel, from_ms, to_ms)
        };
    }
    let matching = matches(log, sel, filter);
    if keep {
        sel.and(&matching, log)
    } else {
        sel.and(&matching.not(log), log)
    }
}

/// The cases a filter matches, among those of `sel` (evaluated on `sel`'s events).
pub fn matches(log: &EventLog, sel: &Selection, filter: &Filter) -> Selection {
    match filter {
        Filter::Timeframe {
            from_ms,
            to_ms,
            mode,
        } => time::matching(log, sel, *from_ms, *to_ms, *mode),
        Filter::Attribute { name, values } => attribute::with_values(log, sel, name, values),
        Filter::NumericRange { name, min, max } => attribute::in_range(log, sel, name, *min, *max),
        Filter::Variants { sequences } => variant::with_sequences(log, sel, sequences),
        Filter::TopVariants { k } => variant::top(log, sel, *k),
        Filter::VariantMinCases { n } => variant::min_cases(log, sel, *n),
        Filter::CaseDuration { min_s, max_s } => performance::duration(log, sel, *min_s, *max_s),
        Filter::EventCount { min, max } => performance::event_count(log, sel, *min, *max),
        Filter::Endpoints { starts, ends } => endpoints::matching(log, sel, starts, ends),
        Filter::Follower {
            from,
            to,
            directly,
            within_s,
            after_s,
        } => follower::matching(log, sel, from, to, *directly, *within_s, *after_s),
        Filter::Activities { names } => endpoints::with_activities(log, sel, names),
        Filter::Resources { names } => attribute::with_resources(log, sel, names),
        Filter::Step { from, to, group } => follower::step(log, sel, from, to, group.as_ref()),
        Filter::Cases { ids, .. } => {
            let wanted: Vec<usize> = ids.iter().filter_map(|id| log.find_case(id)).collect();
            let mut mask = vec![false; log.case_count()];
            for c in wanted {
                mask[c] = true;
            }
            Selection::from_fn(log, |c| mask[c] && sel.contains(c))
        }
    }
}

/// A one-line description of a filter for its chip, in English.
pub fn describe(filter: &Filter, keep: bool) -> String {
    describe_in(filter, keep, Language::En)
}

/// A one-line description of a filter for its chip, in `lang` (dates `31/03/2026` and decimal commas
/// in French).
pub fn describe_in(filter: &Filter, keep: bool, lang: Language) -> String {
    let fr = lang == Language::Fr;
    // English and French words side by side.
    let w = |en: &'static str, fr_text: &'static str| if fr { fr_text } else { en };
    let list = |v: &[String]| {
        let shown: Vec<&str> = v.iter().take(3).map(String::as_str).collect();
        let more = if v.len() > 3 {
            format!(" +{}", v.len() - 3)
        } else {
            String::new()
        };
        format!("{}{more}", shown.join(", "))
    };
    let days = |s: f64| {
        format!(
            "{} {}",
            if fr {
                number(s / 86_400.0, 1, lang)
            } else {
                format!("{:.1}", s / 86_400.0)
            },
            w("d", "j")
        )
    };
    let date = |ms: i64| {
        let iso = crate::calendar::format_date(ms);
        match (fr, iso.split('-').collect::<Vec<_>>().as_slice()) {
            (true, [y, m, d]) => format!("{d}/{m}/{y}"),
            _ => iso,
        }
    };
    let plural = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    let text = match filter {
        Filter::Timeframe {
            from_ms,
            to_ms,
            mode,
        } => format!(
            "{} {} – {}",
            if fr { mode.label_fr() } else { mode.label() },
            date(*from_ms),
            date(to_ms.saturating_sub(1))
        ),
        Filter::Attribute { name, values } => {
            format!("{name}{} {}", w(":", " :"), list(values))
        }
        Filter::NumericRange { name, min, max } => format!(
            "{name} {} [{}, {}]",
            w("in", "dans"),
            min.map(|v| v.to_string()).unwrap_or_else(|| "…".into()),
            max.map(|v| v.to_string()).unwrap_or_else(|| "…".into())
        ),
        Filter::Variants { sequences } => {
            let n = sequences.len();
            match fr {
                false => format!("{n} selected variant{}", plural(n, "", "s")),
                true => format!(
                    "{n} variante{} sélectionnée{}",
                    plural(n, "", "s"),
                    plural(n, "", "s")
                ),
            }
        }
        Filter::TopVariants { k } => match fr {
            false => format!("top {k} variants"),
            true => format!("{k} premières variantes"),
        },
        Filter::VariantMinCases { n } => match fr {
            false => format!("variants with ≥ {n} cases"),
            true => format!("variantes d'au moins {n} dossiers"),
        },
        Filter::CaseDuration { min_s, max_s } => format!(
            "{} {} – {}",
            w("duration", "durée"),
            min_s.map(days).unwrap_or_else(|| "0".into()),
            max_s.map(days).unwrap_or_else(|| "∞".into())
        ),
        Filter::EventCount { min, max } => format!(
            "{} {} – {}",
            w("events", "événements"),
            min.map(|v| v.to_string()).unwrap_or_else(|| "0".into()),
            max.map(|v| v.to_string()).unwrap_or_else(|| "∞".into())
        ),
        Filter::Endpoints { starts, ends } => {
            let any = w("any", "n'importe laquelle");
            let s = if starts.is_empty() {
                any.into()
            } else {
                list(starts)
            };
            let e = if ends.is_empty() {
                any.into()
            } else {
                list(ends)
            };
            match fr {
                false => format!("starts {s}, ends {e}"),
                true => format!("commence par {s}, finit par {e}"),
            }
        }
        Filter::Follower {
            from,
            to,
            directly,
            within_s,
            after_s,
        } => {
            let mut t = format!("{from} {} {to}", if *directly { "→" } else { "⇢" });
            if let Some(d) = within_s {
                t.push_str(&format!(" {} {}", w("within", "en moins de"), days(*d)));
            }
            if let Some(a) = after_s {
                t.push_str(&format!(" {} {}", w("after", "après"), days(*a)));
            }
            t
        }
        Filter::Activities { names } => format!("{} {}", w("with", "avec"), list(names)),
        Filter::Resources { names } => format!("{} {}", w("by", "par"), list(names)),
        Filter::Step { from, to, group } => match group {
            Some(g) => {
                let by = match &g.by {
                    GroupBy::Resource => w("resource", "ressource"),
                    GroupBy::Attribute { name } => name.as_str(),
                };
                format!("{from} → {to} {} {by} = {}", w("where", "où"), g.value)
            }
            None => format!("{from} → {to}"),
        },
        Filter::Cases { ids, label } => {
            let count = ids.len();
            let n = match fr {
                false => format!("{count} case{}", plural(count, "", "s")),
                true => format!("{count} dossier{}", plural(count, "", "s")),
            };
            match label {
                Some(l) => format!("{l} ({n})"),
                None => n,
            }
        }
    };
    if keep {
        text
    } else {
        format!("{} {text}", w("not:", "sauf :"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(filter: Filter) -> FilterStack {
        FilterStack {
            items: vec![
                FilterItem {
                    filter: Filter::TopVariants { k: 3 },
                    keep: true,
                },
                FilterItem { filter, keep: true },
            ],
        }
    }

    fn follower(within_s: Option<f64>, after_s: Option<f64>) -> Filter {
        Filter::Follower {
            from: "A".into(),
            to: "B".into(),
            directly: false,
            within_s,
            after_s,
        }
    }

    #[test]
    fn absurd_numbers_are_refused_with_the_filter_and_field_named() {
        let e = stack(follower(Some(-1e300), None))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "filter 2 (follower): \"within_s\": expected a number of seconds from 0 to"
            ),
            "{e}"
        );
        let e = stack(follower(None, Some(f64::INFINITY)))
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"after_s\""), "{e}");
        let e = stack(Filter::CaseDuration {
            min_s: Some(-1.0),
            max_s: None,
        })
        .validate()
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("filter 2 (case_duration): \"min_s\""), "{e}");
        let e = stack(Filter::Timeframe {
            from_ms: 0,
            to_ms: i64::MAX,
            mode: TimeMode::Contained,
        })
        .validate()
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("filter 2 (timeframe): \"to_ms\""), "{e}");
        let e = stack(Filter::NumericRange {
            name: "amount".into(),
            min: Some(f64::NAN),
            max: None,
        })
        .validate()
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("filter 2 (numeric_range): \"min\""), "{e}");
        // Sensible values pass, negative amount bounds included.
        assert!(stack(follower(Some(86_400.0), Some(0.0)))
            .validate()
            .is_ok());
        assert!(stack(Filter::NumericRange {
            name: "amount".into(),
            min: Some(-500.0),
            max: Some(1e9),
        })
        .validate()
        .is_ok());
    }

    #[test]
    fn chips_of_extreme_periods_do_not_overflow() {
        let text = describe(
            &Filter::Timeframe {
                from_ms: 0,
                to_ms: i64::MIN,
                mode: TimeMode::Started,
            },
            true,
        );
        assert!(text.starts_with("started in 1970-01-01"), "{text}");
    }

    #[test]
    fn chips_read_in_french() {
        let f = Filter::Timeframe {
            from_ms: 1_711_843_200_000, // 2024-03-31
            to_ms: 1_711_843_200_000 + 86_400_000,
            mode: TimeMode::Started,
        };
        assert_eq!(describe(&f, true), "started in 2024-03-31 – 2024-03-31");
        assert_eq!(
            describe_in(&f, false, Language::Fr),
            "sauf : commencés dans 31/03/2024 – 31/03/2024"
        );
        let d = Filter::CaseDuration {
            min_s: Some(1.5 * 86_400.0),
            max_s: None,
        };
        assert_eq!(describe(&d, true), "duration 1.5 d – ∞");
        assert_eq!(describe_in(&d, true, Language::Fr), "durée 1,5 j – ∞");
        let c = Filter::Cases {
            ids: vec!["A".into()],
            label: None,
        };
        assert_eq!(describe_in(&c, true, Language::Fr), "1 dossier");
    }
}
