//! Attribute filters: values of a case or event attribute, numeric ranges, resources.
//!
//! A case matches an event attribute when any of its selected events does, and a case attribute by its
//! own value. Values are compared as displayed (numbers without trailing zeros, instants in ISO-8601),
//! which is how the app lists them.

use super::Selection;
use crate::log::{EventLog, Scope, Value, Values};

/// Cases with one of `values` for the attribute `name` (no case when the log has no such attribute).
pub fn with_values(log: &EventLog, sel: &Selection, name: &str, values: &[String]) -> Selection {
    let Some(attr) = log.attribute(name) else {
        return Selection::from_fn(log, |_| false);
    };
    // Text columns: decide once per dictionary entry.
    let accepted_keys: Option<Vec<bool>> = match &attr.values {
        Values::Text { dict, .. } => {
            Some(dict.iter().map(|v| values.iter().any(|x| x == v)).collect())
        }
        _ => None,
    };
    let accepts = |v: Value| match (&accepted_keys, v) {
        (_, Value::Missing) => values.iter().any(|x| x.is_empty()),
        (Some(_), Value::Text(s)) => values.iter().any(|x| x == s),
        (_, v) => values.contains(&v.display()),
    };
    let keys = match &attr.values {
        Values::Text { keys, .. } => Some(keys),
        _ => None,
    };
    Selection::from_fn(log, |c| {
        if !sel.contains(c) {
            return false;
        }
        match attr.scope {
            Scope::Case => accepts(attr.get(c)),
            Scope::Event => match (keys, &accepted_keys) {
                (Some(keys), Some(ok)) => sel.events(log, c).any(|e| {
                    let k = keys[e];
                    if k == u32::MAX {
                        values.iter().any(|x| x.is_empty())
                    } else {
                        ok[k as usize]
                    }
                }),
                _ => sel.events(log, c).any(|e| accepts(attr.get(e))),
            },
        }
    })
}

/// Cases whose numeric attribute lies in `[min, max]` (case value or any selected event's value).
pub fn in_range(
    log: &EventLog,
    sel: &Selection,
    name: &str,
    min: Option<f64>,
    max: Option<f64>,
) -> Selection {
    let Some(attr) = log.attribute(name) else {
        return Selection::from_fn(log, |_| false);
    };
    let ok = |v: Value| {
        v.as_number()
            .is_some_and(|x| min.is_none_or(|m| x >= m) && max.is_none_or(|m| x <= m))
    };
    Selection::from_fn(log, |c| {
        sel.contains(c)
            && match attr.scope {
                Scope::Case => ok(attr.get(c)),
                Scope::Event => sel.events(log, c).any(|e| ok(attr.get(e))),
            }
    })
}

/// Cases with at least one selected event by one of the resources.
pub fn with_resources(log: &EventLog, sel: &Selection, names: &[String]) -> Selection {
    let mut wanted = vec![false; log.resource_count()];
    for n in names {
        if let Some(i) = (0..log.resource_count())
            .find(|&i| log.resource_name(crate::ResourceId(i as u32)) == Some(n))
        {
            wanted[i] = true;
        }
    }
    let res = log.resources();
    Selection::from_fn(log, |c| {
        sel.contains(c)
            && sel
                .events(log, c)
                .any(|e| res[e].is_some() && wanted[res[e].0 as usize])
    })
}
