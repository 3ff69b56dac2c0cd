//! The event log: columnar events grouped into cases.
//!
//! Events live in parallel vectors (activity id, instant, resource id, offset, attributes), sorted so
//! that each case is one contiguous range in time order. Within a case the sort is stable: events with
//! the same instant keep their file order, which is what pm4py does and what the reference checks.
//! Cases are numbered in order of first appearance in the file.

pub(crate) mod cells;
pub mod columns;
pub(crate) mod reorder;
pub mod symbols;

pub use columns::{Attribute, Scope, Value, ValueKind, Values};
pub use symbols::{ActivityId, NoRoom, ResourceId, Symbols};

use crate::values::ColumnRole;
use std::ops::Range;

/// Index of a case in an [`EventLog`] (0-based, first-appearance order).
pub type CaseIdx = usize;

/// An imported event log. Build one with the import (its `LogBuilder` turns rows into a log).
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    pub(crate) case_ids: Symbols,
    /// `[first event, number of events]` per case.
    pub(crate) cases: Vec<[u32; 2]>,
    pub(crate) activities: Symbols,
    pub(crate) resources: Symbols,
    pub(crate) activity: Vec<ActivityId>,
    pub(crate) time_ms: Vec<i64>,
    /// Offset written in the file, minutes east of UTC; empty when no value carried one.
    pub(crate) offset_min: Vec<i16>,
    /// Start instants when the log has a start-timestamp column; empty otherwise.
    pub(crate) start_ms: Vec<i64>,
    pub(crate) resource: Vec<ResourceId>,
    pub(crate) attributes: Vec<Attribute>,
}

impl EventLog {
    /// Number of cases.
    pub fn case_count(&self) -> usize {
        self.cases.len()
    }

    /// Number of events.
    pub fn event_count(&self) -> usize {
        self.activity.len()
    }

    /// Number of distinct activities.
    pub fn activity_count(&self) -> usize {
        self.activities.len()
    }

    /// The events of a case, as a range of event indices.
    #[inline]
    pub fn case_events(&self, case: CaseIdx) -> Range<usize> {
        let [start, len] = self.cases[case];
        start as usize..(start + len) as usize
    }

    /// The case id as written in the file.
    pub fn case_id(&self, case: CaseIdx) -> &str {
        self.case_ids.get(case as u32)
    }

    /// Finds a case by its id.
    pub fn find_case(&self, id: &str) -> Option<CaseIdx> {
        self.case_ids.lookup(id).map(|i| i as usize)
    }

    /// The name of an activity.
    pub fn activity_name(&self, a: ActivityId) -> &str {
        self.activities.get(a.0)
    }

    /// Finds an activity by name.
    pub fn find_activity(&self, name: &str) -> Option<ActivityId> {
        self.activities.lookup(name).map(ActivityId)
    }

    /// All activity names, indexed by [`ActivityId`].
    pub fn activity_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.activities.iter()
    }

    /// The name of a resource, `None` for [`ResourceId::NONE`].
    pub fn resource_name(&self, r: ResourceId) -> Option<&str> {
        r.is_some().then(|| self.resources.get(r.0))
    }

    /// Number of distinct resources.
    pub fn resource_count(&self) -> usize {
        self.resources.len()
    }

    /// Per-event activity ids.
    pub fn activities(&self) -> &[ActivityId] {
        &self.activity
    }

    /// Per-event instants, UTC milliseconds.
    pub fn times(&self) -> &[i64] {
        &self.time_ms
    }

    /// Per-event resources.
    pub fn resources(&self) -> &[ResourceId] {
        &self.resource
    }

    /// Per-event start instants, if the log has them ([`columns::MISSING_TIME`] where missing).
    pub fn start_times(&self) -> Option<&[i64]> {
        (!self.start_ms.is_empty()).then_some(&self.start_ms[..])
    }

    /// The wall-clock time written in the file for an event (UTC instant shifted by its own offset).
    pub fn local_time(&self, event: usize) -> i64 {
        let off = self.offset_min.get(event).copied().unwrap_or(0);
        self.time_ms[event] + off as i64 * 60_000
    }

    /// The offset written with an event's timestamp, in minutes, if the file had offsets.
    pub fn offset_minutes(&self, event: usize) -> Option<i16> {
        self.offset_min.get(event).copied()
    }

    /// All attribute columns.
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// An attribute by name.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The index of an attribute by name.
    pub fn attribute_index(&self, name: &str) -> Option<usize> {
        self.attributes.iter().position(|a| a.name == name)
    }

    /// The attribute the import gave a role to (amount, customer, due date, ...).
    pub fn attribute_with_role(&self, role: ColumnRole) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.role == role)
    }

    /// The value of an attribute for a case: the case-level value, or for an event-level attribute the
    /// first value present in the case's events (amounts and customers are often written on one row).
    pub fn case_value<'a>(&'a self, attr: &'a Attribute, case: CaseIdx) -> Value<'a> {
        match attr.scope {
            Scope::Case => attr.get(case),
            Scope::Event => self
                .case_events(case)
                .map(|e| attr.get(e))
                .find(|v| !v.is_missing())
                .unwrap_or(Value::Missing),
        }
    }

    /// The dictionary key of a text attribute's value for a case, found as [`EventLog::case_value`]
    /// finds the value (`None`: missing, or not a text column). Grouping a million cases by customer
    /// compares these numbers instead of the names; [`Attribute::text_of_key`] gives the name back.
    pub fn case_text_key(&self, attr: &Attribute, case: CaseIdx) -> Option<u32> {
        let Values::Text { keys, .. } = &attr.values else {
            return None;
        };
        let key = |i: usize| keys.get(i).copied().filter(|&k| k != columns::MISSING_KEY);
        match attr.scope {
            Scope::Case => key(case),
            Scope::Event => self.case_events(case).find_map(key),
        }
    }

    /// The value of an attribute on an event (case attributes give the case's value).
    pub fn event_value<'a>(
        &'a self,
        attr: &'a Attribute,
        event: usize,
        case: CaseIdx,
    ) -> Value<'a> {
        match attr.scope {
            Scope::Case => attr.get(case),
            Scope::Event => attr.get(event),
        }
    }

    /// The case an event belongs to (binary search over case starts).
    pub fn case_of_event(&self, event: usize) -> CaseIdx {
        self.cases
            .partition_point(|c| (c[0] as usize) <= event)
            .saturating_sub(1)
    }

    /// First and last instant of the log.
    pub fn time_span(&self) -> Option<(i64, i64)> {
        let min = self.time_ms.iter().min()?;
        let max = self.time_ms.iter().max()?;
        Some((*min, *max))
    }

    /// Approximate heap bytes held by the log.
    pub fn heap_bytes(&self) -> usize {
        self.case_ids.heap_bytes()
            + self.cases.capacity() * 8
            + self.activities.heap_bytes()
            + self.resources.heap_bytes()
            + self.activity.capacity() * 4
            + self.time_ms.capacity() * 8
            + self.offset_min.capacity() * 2
            + self.start_ms.capacity() * 8
            + self.resource.capacity() * 4
            + self
                .attributes
                .iter()
                .map(Attribute::heap_bytes)
                .sum::<usize>()
    }
}
