//! View files: what an analyst set up (filters, roles, map sliders), saved as a small JSON document, so a
//! batch report (`relance analyze --view`) shows what the analyst saw.
//!
//! **Log data.** Some filters carry values copied from the log: case ids (every drill-down from a chart
//! or a table), attribute values (customer names), activity sequences (variants), resource names and
//! breakdown group values. A file holding them is not anonymous. [`ViewFile::contains_log_data`] says
//! which of these a view holds, in words; the saved JSON repeats it in `"contains_log_data"` so a reader
//! knows before sharing the file; [`ViewFile::without_log_data`] drops those filters and counts them in
//! `"log_data_filters_removed"`. Activity names, column names and the role mapping are not counted: they
//! name the process and the file's layout, not a customer or a person.
//!
//! **Numbers.** [`ViewFile::from_json`] refuses non-finite, negative or absurd values (filter windows
//! and durations, periods outside the years 0000 to 9999, slider percentages, reminder levels in the
//! mapping) with the field named.

use crate::analysis::bottleneck::GroupBy;
use crate::collections::{ActivityRole, RoleMap};
use crate::conformance::{
    ActivityMapping, MinerOptions, ProcessModel, ScenarioSpec, VariantChoice,
};
use crate::error::Error;
use crate::filter::{Filter, FilterItem, FilterStack, StepGroup};
use crate::import::tables::DataModel;
use crate::import::{ColumnRole, DateOrder, Format, ImportOptions, ImportReport};
use crate::validate::range_field;
use serde::{Deserialize, Serialize};

/// Map slider positions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// Activities slider, percent.
    pub activity_pct: f64,
    /// Paths slider, percent.
    pub paths_pct: f64,
}

/// How the file's columns were read (the mapping screen's choices), by column name so the view applies
/// to the next export of the same report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ColumnsView {
    /// Role of every column, as `[column, role]` pairs.
    #[serde(default)]
    pub roles: Vec<(String, ColumnRole)>,
    /// Field delimiter, when it was chosen rather than guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Day/month order.
    #[serde(default)]
    pub date_order: DateOrder,
    /// Only `complete` lifecycle events.
    #[serde(default)]
    pub complete_only: bool,
}

impl ColumnsView {
    /// The columns as an import read them (`None` for XES, whose attributes have fixed names).
    pub fn from_report(report: &ImportReport) -> Option<ColumnsView> {
        if report.format != Format::Csv {
            return None;
        }
        let c = &report.columns;
        let mut roles = vec![
            (c.case.clone(), ColumnRole::Case),
            (c.activity.clone(), ColumnRole::Activity),
            (c.timestamp.clone(), ColumnRole::Timestamp),
        ];
        if let Some(s) = &c.start_timestamp {
            roles.push((s.clone(), ColumnRole::StartTimestamp));
        }
        if let Some(r) = &c.resource {
            roles.push((r.clone(), ColumnRole::Resource));
        }
        for (key, column) in &c.other_roles {
            if let Some(role) = ColumnRole::from_key(key) {
                roles.push((column.clone(), role));
            }
        }
        Some(ColumnsView {
            roles,
            delimiter: report.delimiter,
            date_order: report.date_order,
            complete_only: report.filtered_rows > 0,
        })
    }

    /// Puts these choices into import options, under `opts`' own (a command-line flag wins over the
    /// view).
    pub fn apply_to(&self, opts: &mut ImportOptions) {
        for (column, role) in &self.roles {
            let taken = opts
                .roles
                .iter()
                .any(|(c, r)| c == column || (*r == *role && role.is_unique()));
            if !taken {
                opts.roles.push((column.clone(), *role));
            }
        }
        if opts.delimiter.is_none() {
            opts.delimiter = self.delimiter.filter(char::is_ascii).map(|c| c as u8);
        }
        if opts.date_order == DateOrder::Auto {
            opts.date_order = self.date_order;
        }
        opts.complete_only |= self.complete_only;
    }
}

/// The ideal process of the conformance view, as saved: how it was made (mined again from the log's
/// variants, or the file itself), the activity pairs the user set, and the user's what-if scenarios.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ConformanceView {
    /// The model; `null`: the default (the top variants covering 80 % of the cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelView>,
    /// Model activity → log activity, as the user paired them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<ActivityMapping>,
    /// What-if scenarios the user added (the default ones are not saved: they follow the log).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<ScenarioSpec>,
}

/// How the ideal model is made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelView {
    /// Mined with the inductive miner from these variants of the filtered cases.
    Mined {
        /// Which variants.
        choice: VariantChoice,
        /// IMf's noise threshold (0: the plain inductive miner).
        #[serde(default)]
        noise_threshold: f64,
    },
    /// A BPMN or PNML file, kept whole (a model is a few kilobytes; it holds no log data).
    File {
        /// Its name (the extension says the format).
        name: String,
        /// Its text.
        text: String,
    },
}

impl ModelView {
    /// The model: mined again from the selected cases, or read from the saved file.
    pub fn build(
        &self,
        log: &crate::log::EventLog,
        sel: &crate::filter::Selection,
        lang: crate::insights::Language,
    ) -> Result<ProcessModel, Error> {
        match self {
            ModelView::Mined {
                choice,
                noise_threshold,
            } => ProcessModel::mine(
                log,
                sel,
                choice,
                MinerOptions {
                    noise_threshold: *noise_threshold,
                },
                lang,
            ),
            ModelView::File { name, text } => ProcessModel::read(name, text.as_bytes()),
        }
    }
}

impl ConformanceView {
    /// The model with the user's activity pairs applied and bound to `log` (the rest paired by
    /// name); a model sharing no activity with the log is refused, naming both.
    pub fn bound_model(
        &self,
        log: &crate::log::EventLog,
        sel: &crate::filter::Selection,
        lang: crate::insights::Language,
    ) -> Result<ProcessModel, Error> {
        let default = ModelView::Mined {
            choice: VariantChoice::TopCoverage { percent: 80.0 },
            noise_threshold: 0.0,
        };
        let mut model = self
            .model
            .as_ref()
            .unwrap_or(&default)
            .build(log, sel, lang)?;
        if let Some(m) = &self.mapping {
            let acts = model.activities();
            for p in &m.pairs {
                let user = p.how == crate::conformance::MatchKind::User;
                if user && acts.contains(&p.model) {
                    model.mapping.set(&p.model, p.log.clone());
                }
            }
        }
        model.bind(log)?;
        Ok(model)
    }
}

/// A saved view. `ViewFile::default()` is an empty view of the current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViewFile {
    /// Format version (1).
    #[serde(default = "one")]
    pub relance_view: u32,
    /// The filter stack.
    #[serde(default)]
    pub filters: FilterStack,
    /// Role overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<RoleMap>,
    /// Map sliders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<MapView>,
    /// How the columns were read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<ColumnsView>,
    /// How several tables were joined into the log (tables, key, each column's use).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<DataModel>,
    /// The conformance view's ideal process and scenarios (absent from files saved before it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conformance: Option<ConformanceView>,
    /// What log data the file holds, in words ([`ViewFile::contains_log_data`]); written on every save,
    /// empty when there is none.
    #[serde(default)]
    pub contains_log_data: Vec<String>,
    /// Filters left out because they held log data ([`ViewFile::without_log_data`]).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub log_data_filters_removed: u32,
}

impl Default for ViewFile {
    fn default() -> ViewFile {
        ViewFile {
            relance_view: 1,
            filters: FilterStack::default(),
            mapping: None,
            map: None,
            columns: None,
            tables: None,
            conformance: None,
            contains_log_data: Vec::new(),
            log_data_filters_removed: 0,
        }
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

use crate::collections::roles::MAX_REMINDER_LEVEL;

/// The kinds of log data one filter holds, in words (none for filters that only name activities,
/// numbers or periods).
fn log_data_of(filter: &Filter) -> Vec<String> {
    match filter {
        Filter::Cases { ids, .. } => vec![format!(
            "{} case id{}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" }
        )],
        Filter::Attribute { name, values } => vec![format!(
            "{} value{} of column \"{name}\"",
            values.len(),
            if values.len() == 1 { "" } else { "s" }
        )],
        Filter::Variants { sequences } => vec![format!(
            "{} variant{} (activity sequences)",
            sequences.len(),
            if sequences.len() == 1 { "" } else { "s" }
        )],
        Filter::Resources { names } => vec![format!(
            "{} resource name{}",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )],
        Filter::Step {
            group: Some(StepGroup { by, .. }),
            ..
        } => vec![match by {
            GroupBy::Resource => "a resource name (breakdown group)".to_string(),
            GroupBy::Attribute { name } => {
                format!("a value of column \"{name}\" (breakdown group)")
            }
        }],
        _ => Vec::new(),
    }
}

/// The log data a conformance view holds: ticked variants (activity sequences) and segments (a
/// column's value) of what-if scenarios.
fn conformance_log_data(c: &ConformanceView) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(ModelView::Mined {
        choice: VariantChoice::Sequences { sequences },
        ..
    }) = &c.model
    {
        out.push(format!(
            "{} variant{} of the ideal process (activity sequences)",
            sequences.len(),
            if sequences.len() == 1 { "" } else { "s" }
        ));
    }
    for s in &c.scenarios {
        if let ScenarioSpec::SegmentLikeRest { attribute, .. } = s {
            out.push(format!(
                "a value of column \"{attribute}\" (what-if scenario)"
            ));
        }
    }
    out
}

fn one() -> u32 {
    1
}

impl ViewFile {
    /// Parses a view file and checks its numbers ([`ViewFile::validate`]).
    pub fn from_json(text: &str) -> Result<ViewFile, Error> {
        let v: ViewFile = serde_json::from_str(text).map_err(|e| Error::Json {
            what: "view file",
            message: e.to_string(),
        })?;
        v.checked()
    }

    /// A view file just read (by any JSON reader: the page uses the browser's), once its version and
    /// numbers are checked ([`ViewFile::validate`]).
    pub fn checked(mut self) -> Result<ViewFile, Error> {
        let v = &mut self;
        if v.relance_view != 1 {
            return Err(Error::Invalid(format!(
                "view file version {} is not supported (expected 1)",
                v.relance_view
            )));
        }
        v.validate()
            .map_err(|e| Error::Invalid(format!("view file: {e}")))?;
        // Said again from what the file really holds, whatever it claimed.
        v.contains_log_data = v.contains_log_data();
        Ok(self)
    }

    /// Checks the filters ([`FilterStack::validate`]), the map sliders (0 to 100 %) and the mapping's
    /// reminder levels (1 to [`MAX_REMINDER_LEVEL`]).
    pub fn validate(&self) -> Result<(), Error> {
        self.filters.validate()?;
        if let Some(m) = &self.map {
            range_field("map \"activity_pct\"", m.activity_pct, 0.0, 100.0)?;
            range_field("map \"paths_pct\"", m.paths_pct, 0.0, 100.0)?;
        }
        if let Some(c) = &self.conformance {
            if let Some(ModelView::Mined {
                choice,
                noise_threshold,
            }) = &c.model
            {
                range_field(
                    "conformance model \"noise_threshold\"",
                    *noise_threshold,
                    0.0,
                    1.0,
                )?;
                if let VariantChoice::TopCoverage { percent } = choice {
                    range_field("conformance model \"percent\"", *percent, 0.0, 100.0)?;
                }
            }
            for s in &c.scenarios {
                if let ScenarioSpec::WaitingTime { factor, .. } = s {
                    range_field("conformance scenario \"factor\"", *factor, 0.0, 1.0)?;
                }
            }
        }
        if let Some(map) = &self.mapping {
            for (name, role) in &map.activities {
                if let ActivityRole::Reminder { level } = role {
                    if !(1..=MAX_REMINDER_LEVEL).contains(level) {
                        return Err(Error::Invalid(format!(
                            "mapping, activity \"{name}\": reminder level {level} is outside 1 to \
                             {MAX_REMINDER_LEVEL}"
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    /// What log data the view holds, in words, one entry per filter that holds some (empty: none). See
    /// the module documentation for what counts.
    pub fn contains_log_data(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .filters
            .items
            .iter()
            .flat_map(|i| log_data_of(&i.filter))
            .collect();
        if let Some(c) = &self.conformance {
            out.extend(conformance_log_data(c));
        }
        out
    }

    /// The view without the filters that hold log data, their number added to
    /// `log_data_filters_removed`; everything else (other filters, roles, sliders, columns) is kept.
    pub fn without_log_data(&self) -> ViewFile {
        let (kept, removed): (Vec<FilterItem>, Vec<FilterItem>) = self
            .filters
            .items
            .iter()
            .cloned()
            .partition(|i| log_data_of(&i.filter).is_empty());
        // The conformance view's ticked variants and segment scenarios are log data too.
        let mut dropped = u32::try_from(removed.len()).unwrap_or(u32::MAX);
        let conformance = self.conformance.as_ref().map(|c| {
            let mut c = c.clone();
            let ticked = matches!(
                &c.model,
                Some(ModelView::Mined {
                    choice: VariantChoice::Sequences { .. },
                    ..
                })
            );
            if ticked {
                c.model = None;
                dropped = dropped.saturating_add(1);
            }
            let before = c.scenarios.len();
            c.scenarios
                .retain(|s| !matches!(s, ScenarioSpec::SegmentLikeRest { .. }));
            dropped = dropped.saturating_add((before - c.scenarios.len()) as u32);
            c
        });
        ViewFile {
            filters: FilterStack { items: kept },
            conformance,
            contains_log_data: Vec::new(),
            log_data_filters_removed: self.log_data_filters_removed.saturating_add(dropped),
            ..self.clone()
        }
    }

    /// The view as pretty JSON, with `"contains_log_data"` stating what it holds.
    pub fn to_json(&self) -> String {
        let v = ViewFile {
            contains_log_data: self.contains_log_data(),
            ..self.clone()
        };
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
