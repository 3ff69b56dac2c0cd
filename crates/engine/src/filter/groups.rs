//! Group keys of steps: what a bottleneck breakdown, a heatmap cell and a step filter split steps by
//! ([`GroupBy`]), and the group of each step under it ([`StepGroups`]). Owned by the filters because a
//! filter built from a breakdown cell must find the very steps the cell counted; the analyses use them
//! from here.

use super::Selection;
use crate::log::{Attribute, EventLog, Scope, Value, ValueKind};
use crate::values::bands::Bands;
use serde::{Deserialize, Serialize};

/// What to split steps by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum GroupBy {
    /// An attribute column (case or event).
    Attribute {
        /// Its name.
        name: String,
    },
    /// The resource of the arriving event.
    Resource,
}

impl GroupBy {
    /// The grouping for a column name as written in a file: the resource column, an attribute, or a
    /// `case:`-prefixed attribute (whose prefix the import removes). `None` when the log has no such column.
    pub fn for_column(
        log: &EventLog,
        column: &str,
        resource_column: Option<&str>,
    ) -> Option<GroupBy> {
        if resource_column == Some(column) || column == "org:resource" {
            return Some(GroupBy::Resource);
        }
        let name = if log.attribute(column).is_some() {
            column
        } else {
            column.strip_prefix("case:")?
        };
        log.attribute(name).map(|_| GroupBy::Attribute {
            name: name.to_string(),
        })
    }
}

/// The group of each step under a [`GroupBy`]: the resource or attribute value of the arriving event, or
/// the case's value for a case attribute; numbers in amount bands drawn from the selection's values, so a
/// step filter built from a heatmap cell finds the same steps as the cell.
pub struct StepGroups<'a> {
    log: &'a EventLog,
    by_resource: bool,
    pub(crate) attr: Option<&'a Attribute>,
    bands: Option<Bands>,
}

impl<'a> StepGroups<'a> {
    /// The grouping of the steps of `sel`; `None` (no grouping) when `by` is absent or names no column.
    pub fn new(log: &'a EventLog, sel: &Selection, by: Option<&GroupBy>) -> Option<Self> {
        let by_resource = by == Some(&GroupBy::Resource);
        let attr = match by {
            Some(GroupBy::Attribute { name }) => log.attribute(name),
            _ => None,
        };
        if !by_resource && attr.is_none() {
            return None;
        }
        // A number column is split into amount bands rather than one group per value.
        let bands = attr
            .filter(|a| a.kind() == ValueKind::Number)
            .and_then(|a| {
                let values: Vec<f64> = match a.scope {
                    Scope::Case => sel
                        .cases(log)
                        .filter_map(|(c, _)| a.get(c).as_number())
                        .collect(),
                    Scope::Event => sel
                        .cases(log)
                        .flat_map(|(_, r)| r)
                        .filter_map(|e| a.get(e).as_number())
                        .collect(),
                };
                Bands::of(&values)
            });
        Some(Self {
            log,
            by_resource,
            attr,
            bands,
        })
    }

    fn text(&self, v: Value) -> String {
        match (&self.bands, v) {
            (Some(b), Value::Number(x)) => b.label(x),
            (_, v) => value_text(v),
        }
    }

    /// The group of the step of `case` that arrives at event `arriving`.
    pub fn of(&self, case: usize, arriving: usize) -> String {
        if self.by_resource {
            return self
                .log
                .resource_name(self.log.resources()[arriving])
                .unwrap_or("(none)")
                .to_string();
        }
        match self.attr {
            Some(a) if a.scope == Scope::Case => self.text(self.log.case_value(a, case)),
            Some(a) => self.text(a.get(arriving)),
            None => String::new(),
        }
    }
}

fn value_text(v: Value) -> String {
    if v.is_missing() {
        "(none)".into()
    } else {
        v.display()
    }
}
