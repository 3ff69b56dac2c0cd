//! The values a filter can pick from (an attribute's, the resources, the activities), each with the
//! number of selected cases having it: the filter dialog's lists, computed in the worker.

use relance_engine::log::{Scope, Value};
use relance_engine::{EventLog, Selection};
use serde::{Deserialize, Serialize};

/// Where filter values come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    /// An attribute column.
    Attribute {
        /// Its name.
        name: String,
    },
    /// Resources.
    Resource,
    /// Activities.
    Activity,
}

/// Values of a column with the number of selected cases having each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Values {
    /// What they are.
    pub source: ValueSource,
    /// (value, cases), most frequent first (at most 500).
    pub values: Vec<(String, u64)>,
    /// Distinct values in all.
    pub distinct: usize,
    /// Smallest and largest, for numbers.
    pub range: Option<(f64, f64)>,
}

/// Distinct values with the number of selected cases having each.
pub fn values(log: &EventLog, sel: &Selection, source: ValueSource) -> Values {
    use std::collections::HashMap;
    let mut counts: HashMap<String, (u64, usize)> = HashMap::new();
    let mut range: Option<(f64, f64)> = None;
    let mut numeric = true;
    let attr = match &source {
        ValueSource::Attribute { name } => log.attribute(name),
        _ => None,
    };
    for (c, r) in sel.cases(log) {
        let mut seen: Vec<String> = Vec::new();
        match &source {
            ValueSource::Attribute { .. } => {
                let Some(a) = attr else { break };
                let vals: Vec<Value> = match a.scope {
                    Scope::Case => vec![a.get(c)],
                    Scope::Event => r.clone().map(|e| a.get(e)).collect(),
                };
                for v in vals.into_iter().filter(|v| !v.is_missing()) {
                    match v.as_number() {
                        Some(x) if matches!(v, Value::Number(_)) => {
                            range = Some(range.map_or((x, x), |(lo, hi)| (lo.min(x), hi.max(x))));
                        }
                        _ => numeric = false,
                    }
                    seen.push(v.display());
                }
            }
            ValueSource::Resource => seen.extend(
                r.clone()
                    .filter_map(|e| log.resource_name(log.resources()[e]))
                    .map(str::to_string),
            ),
            ValueSource::Activity => seen.extend(
                r.clone()
                    .map(|e| log.activity_name(log.activities()[e]).to_string()),
            ),
        }
        seen.sort_unstable();
        seen.dedup();
        for v in seen {
            let n = counts.len();
            counts.entry(v).or_insert((0, n)).0 += 1;
        }
    }
    let distinct = counts.len();
    let mut values: Vec<(String, u64)> = counts.into_iter().map(|(k, (n, _))| (k, n)).collect();
    relance_engine::values::order::sort_by(&mut values, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    values.truncate(500);
    Values {
        source,
        values,
        distinct,
        range: if numeric { range } else { None },
    }
}
