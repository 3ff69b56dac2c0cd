//! Assembling an [`EventLog`] from events in file order.
//!
//! Importers push events as they read them; [`LogBuilder::finish`] then settles what can only be decided
//! from the whole file (day/month order, decimal separator, attribute types), drops the rows that turned
//! out unreadable (reporting each), groups events by case with a counting sort and sorts each case
//! stably by time.
//!
//! Attribute columns are filled sparsely or densely as their values come (`log::cells`), so memory
//! follows the cells a file holds, and are materialised at the end within a budget of empty cells
//! ([`PADDING_CELLS_PER_EVENT`]): a file whose attributes each describe a handful of events (an XES key
//! per event) keeps its most filled attributes, and the report names the ones left out.

use super::report::{clip, ImportReport, Message, ProblemKind};
use crate::calendar::format_iso_utc;
use crate::log::cells::Cells;
use crate::log::columns::{Attribute, Scope, Values, MISSING_KEY, MISSING_TIME};
use crate::log::symbols::{ActivityId, NoRoom, ResourceId, Symbols};
use crate::log::EventLog;
use crate::values::number::{self, DecimalSep};
use crate::values::timestamp::{parse_timestamp, DateOrder, OrderEvidence, Parsed, TimeKind};
use crate::values::ColumnRole;
use rustc_hash::FxHashMap;

mod finish;
mod typing;

/// A row whose reading depends on the day/month order, kept to report it if the decision goes against it.
#[derive(Debug, Clone)]
struct OrderSample {
    line: u64,
    column: String,
    value: String,
}

/// Day/month evidence gathered from one time column.
#[derive(Debug, Default, Clone)]
struct OrderTracker {
    /// Rows read day-first whose month-first reading differs.
    ambiguous: Vec<(u32, i64)>,
    /// Rows only valid day-first.
    day_only: Vec<u32>,
    /// Rows only valid month-first.
    month_only: Vec<u32>,
    day_samples: Vec<OrderSample>,
    month_samples: Vec<OrderSample>,
}

const MAX_ORDER_SAMPLES: usize = 100;

impl OrderTracker {
    /// Takes the evidence of the rows that follow this tracker's, whose row numbers start at `base`.
    fn append(&mut self, other: &mut OrderTracker, base: u32) {
        self.ambiguous
            .extend(other.ambiguous.iter().map(|&(r, alt)| (r + base, alt)));
        self.day_only
            .extend(other.day_only.iter().map(|&r| r + base));
        self.month_only
            .extend(other.month_only.iter().map(|&r| r + base));
        for (mine, theirs) in [
            (&mut self.day_samples, &mut other.day_samples),
            (&mut self.month_samples, &mut other.month_samples),
        ] {
            let room = MAX_ORDER_SAMPLES.saturating_sub(mine.len());
            mine.extend(theirs.drain(..).take(room));
        }
    }
}

/// An attribute being filled while the file streams in.
#[derive(Debug, Clone)]
struct AttrBuilder {
    name: String,
    scope: Scope,
    role: ColumnRole,
    cells: Cells,
    dict: Symbols,
    /// The last key set: consecutive rows often repeat a value (a case's amount, customer, ...), and
    /// comparing with it is cheaper than hashing.
    last: u32,
}

/// The most memory [`LogBuilder::reserve`] sets aside ahead of the rows: a size estimate is a guess (the
/// first lines of a file may be much shorter than the rest), so beyond this the columns grow as rows
/// come.
const RESERVE_BUDGET_BYTES: usize = 256 << 20;

/// Bytes per row of the event columns every log has (case, activity, instant, offset, resource).
const CORE_ROW_BYTES: usize = 4 + 4 + 8 + 2 + 4;

/// Empty cells the attribute columns may hold per event once materialised (each a 4-byte key or an
/// 8-byte number or instant). 32 per event is about twice the memory of the log's own columns
/// (`tests/it/memory.rs`): room for many partly filled attributes, not for one column per event.
pub const PADDING_CELLS_PER_EVENT: usize = 32;
/// Empty cells always allowed, so a small log keeps every attribute (4 MB of keys).
pub const MIN_PADDING_CELLS: usize = 1 << 20;
/// Dropped attributes named in the report note.
const NAMED_DROPPED: usize = 5;

impl AttrBuilder {
    #[cfg(test)]
    fn capacity_bytes(&self) -> usize {
        self.cells.capacity_bytes()
    }

    #[inline]
    fn key_of(&mut self, value: &str) -> Result<u32, NoRoom> {
        if self.last != MISSING_KEY && self.dict.is(self.last, value) {
            return Ok(self.last);
        }
        self.last = self.dict.try_intern(value)?;
        Ok(self.last)
    }
}

/// Collects events in file order and turns them into an [`EventLog`].
#[derive(Debug, Default, Clone)]
pub struct LogBuilder {
    case_ids: Symbols,
    activities: Symbols,
    resources: Symbols,
    row_case: Vec<u32>,
    row_activity: Vec<ActivityId>,
    row_time: Vec<i64>,
    row_offset: Vec<i16>,
    any_offset: bool,
    row_resource: Vec<ResourceId>,
    row_start: Vec<i64>,
    has_start: bool,
    time_order: OrderTracker,
    start_order: OrderTracker,
    kinds: Vec<(TimeKind, u64)>,
    naive: u64,
    attrs: Vec<AttrBuilder>,
    /// The last case interned (rows usually come grouped by case).
    last_case: Option<u32>,
    /// Start times that could not be read (the event stays, its start is missing): how many, and the
    /// first one.
    bad_starts: u64,
    first_bad_start: Option<OrderSample>,
    /// Attribute index by name, per scope.
    event_attr_index: FxHashMap<String, usize>,
    case_attr_index: FxHashMap<String, usize>,
    /// The month-first reading of the last pushed event's instant, when its day/month order is open.
    last_time_alt: Option<i64>,
    /// Rows whose start may come after their end under one of the day/month readings, with their line:
    /// judged in `finish`, once the order is settled.
    start_checks: Vec<(u32, u64)>,
    /// The start-timestamp column's name.
    start_column: Option<String>,
}

impl LogBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares an attribute column and returns its index for [`set_attribute`](Self::set_attribute).
    pub fn add_attribute(&mut self, name: &str, scope: Scope, role: ColumnRole) -> usize {
        if let Some(i) = self.attribute_index(name, scope) {
            return i;
        }
        let i = self.attrs.len();
        self.attrs.push(AttrBuilder {
            name: name.to_string(),
            scope,
            role,
            cells: Cells::default(),
            dict: Symbols::new(),
            last: MISSING_KEY,
        });
        match scope {
            Scope::Event => self.event_attr_index.insert(name.to_string(), i),
            Scope::Case => self.case_attr_index.insert(name.to_string(), i),
        };
        i
    }

    /// Reserves room for `rows` more events, within [`RESERVE_BUDGET_BYTES`].
    pub fn reserve(&mut self, rows: usize) {
        let event_attrs = self
            .attrs
            .iter()
            .filter(|a| a.scope == Scope::Event)
            .count();
        let per_row = CORE_ROW_BYTES.saturating_add(event_attrs.saturating_mul(4));
        let rows = rows.min(RESERVE_BUDGET_BYTES / per_row);
        // A hint: what cannot be had now is asked for again, fallibly, as rows come.
        let _ = self.row_case.try_reserve(rows);
        let _ = self.row_activity.try_reserve(rows);
        let _ = self.row_time.try_reserve(rows);
        let _ = self.row_offset.try_reserve(rows);
        let _ = self.row_resource.try_reserve(rows);
        for a in self.attrs.iter_mut().filter(|a| a.scope == Scope::Event) {
            a.cells.reserve(rows);
        }
    }

    /// Room for one more event in every event column, taken as `Vec` would grow them (doubling) but
    /// fallibly: the columns of a large file grow by hundreds of MB at a time, and a failed step must
    /// stop the import with an error, not abort the process.
    #[inline]
    fn room_for_event(&mut self) -> Result<(), NoRoom> {
        self.row_case.try_reserve(1)?;
        self.row_activity.try_reserve(1)?;
        self.row_time.try_reserve(1)?;
        self.row_offset.try_reserve(1)?;
        self.row_resource.try_reserve(1)?;
        if self.has_start {
            self.row_start.try_reserve(1)?;
        }
        Ok(())
    }

    /// Whether the memory [`finish`](Self::finish) takes for its sorted copy can be had: one block of
    /// that size is reserved and given back, so an import that would fail there says so while it can.
    /// A probe, not a promise (the copy is made of several blocks), but it turns the usual failure, a
    /// log built just past what the process may map, into an error.
    pub fn room_to_finish(&self) -> Result<(), NoRoom> {
        let rows = self.row_case.len();
        let event_attrs = self
            .attrs
            .iter()
            .filter(|a| a.scope == Scope::Event)
            .count();
        // The order (4 B), the dropped flags (1 B), then each column permuted while the old one is
        // still there: activity 4, time 8, offset 2, resource 4, start 8, and 4 per event attribute.
        let per_row = 4 + 1 + CORE_ROW_BYTES + if self.has_start { 8 } else { 0 } + 4 * event_attrs;
        let mut probe: Vec<u8> = Vec::new();
        probe.try_reserve_exact(rows.saturating_mul(per_row))?;
        Ok(())
    }

    /// The index of a declared attribute.
    pub fn attribute_index(&self, name: &str, scope: Scope) -> Option<usize> {
        match scope {
            Scope::Event => self.event_attr_index.get(name).copied(),
            Scope::Case => self.case_attr_index.get(name).copied(),
        }
    }

    /// Whether a case with this id has been created (by an event or a case attribute).
    pub fn has_case(&self, id: &str) -> bool {
        self.case_ids.lookup(id).is_some()
    }

    /// Number of events pushed so far.
    pub fn len(&self) -> usize {
        self.row_case.len()
    }

    /// Whether no event was pushed.
    pub fn is_empty(&self) -> bool {
        self.row_case.is_empty()
    }

    /// Heap bytes taken by the events pushed so far: their columns by length (not the capacity
    /// reserved ahead), plus the distinct strings.
    pub fn heap_bytes(&self) -> usize {
        let rows = self.row_case.len();
        let per_row = 4 + 4 + 8 + 2 + 4 + if self.has_start { 8 } else { 0 };
        rows * per_row
            + self.case_ids.heap_bytes()
            + self.activities.heap_bytes()
            + self.resources.heap_bytes()
            + self
                .attrs
                .iter()
                .map(|a| a.cells.used_bytes() + a.dict.heap_bytes())
                .sum::<usize>()
    }

    /// Adds an event. `line` and `column` locate the timestamp for the report should the day/month
    /// decision later reject it. Returns the row index, or [`NoRoom`] when memory ran out (the import
    /// then stops: the builder may hold a case without events and is not to be finished).
    pub fn push_event(
        &mut self,
        case: &str,
        activity: &str,
        time: Parsed,
        resource: Option<&str>,
        at: (u64, &str, &str),
    ) -> Result<usize, NoRoom> {
        self.room_for_event()?;
        let case_idx = match self.last_case {
            Some(c) if self.case_ids.is(c, case) => c,
            _ => self.case_ids.try_intern(case)?,
        };
        let activity = ActivityId(self.activities.try_intern(activity)?);
        let r = match resource {
            Some(r) if !r.is_empty() => ResourceId(self.resources.try_intern(r)?),
            _ => ResourceId::NONE,
        };
        let order_room = match time.evidence {
            OrderEvidence::None => Ok(()),
            OrderEvidence::Ambiguous { .. } => self.time_order.ambiguous.try_reserve(1),
            OrderEvidence::DayFirst => self.time_order.day_only.try_reserve(1),
            OrderEvidence::MonthFirst => self.time_order.month_only.try_reserve(1),
        };
        order_room?;
        let row = self.row_case.len();
        self.last_case = Some(case_idx);
        self.row_case.push(case_idx);
        self.row_activity.push(activity);
        self.row_time.push(time.ms);
        match time.offset_min {
            Some(off) => {
                if !self.any_offset && off != 0 {
                    self.any_offset = true;
                }
                self.row_offset.push(off);
            }
            None => {
                self.naive += 1;
                self.row_offset.push(0);
            }
        }
        self.note_kind(time.kind);
        self.last_time_alt = match time.evidence {
            OrderEvidence::Ambiguous { month_first_ms } => Some(month_first_ms),
            _ => None,
        };
        track(&mut self.time_order, row as u32, &time, at);
        self.row_resource.push(r);
        if self.has_start {
            self.row_start.push(MISSING_TIME);
        }
        // Attribute columns are not touched: a column only grows when it gets a value.
        Ok(row)
    }

    fn note_kind(&mut self, kind: TimeKind) {
        match self.kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => self.kinds.push((kind, 1)),
        }
    }

    /// Sets the start instant of the last pushed event.
    pub fn set_start(&mut self, start: Parsed, at: (u64, &str, &str)) -> Result<(), NoRoom> {
        let Some(row) = self.row_case.len().checked_sub(1) else {
            return Ok(());
        };
        if !self.has_start {
            let mut starts = Vec::new();
            starts.try_reserve_exact(self.row_case.capacity())?;
            starts.resize(self.row_case.len(), MISSING_TIME);
            self.row_start = starts;
            self.has_start = true;
        }
        self.start_checks.try_reserve(1)?;
        let order_room = match start.evidence {
            OrderEvidence::None => Ok(()),
            OrderEvidence::Ambiguous { .. } => self.start_order.ambiguous.try_reserve(1),
            OrderEvidence::DayFirst => self.start_order.day_only.try_reserve(1),
            OrderEvidence::MonthFirst => self.start_order.month_only.try_reserve(1),
        };
        order_room?;
        if self.start_column.is_none() {
            self.start_column = Some(clip(at.1).into_owned());
        }
        self.row_start[row] = start.ms;
        // Whether the start can come after the end under either day/month reading; `finish` judges
        // the rows listed once the order is settled.
        let start_alt = match start.evidence {
            OrderEvidence::Ambiguous { month_first_ms } => month_first_ms,
            _ => start.ms,
        };
        let end = self.row_time[row];
        let end_min = self.last_time_alt.map_or(end, |alt| alt.min(end));
        if start.ms.max(start_alt) > end_min {
            self.start_checks.push((row as u32, at.0));
        }
        track(&mut self.start_order, row as u32, &start, at);
        Ok(())
    }

    /// Notes a start time that could not be read; the event keeps no start.
    pub fn unreadable_start(&mut self, line: u64, column: &str, value: &str) {
        self.bad_starts += 1;
        if self.first_bad_start.is_none() {
            self.first_bad_start = Some(OrderSample {
                line,
                column: clip(column).into_owned(),
                value: clip(value).into_owned(),
            });
        }
    }

    /// Sets an attribute value on the last pushed event (or its case, for case attributes; the first
    /// value seen for a case wins). Empty values are missing values.
    pub fn set_attribute(&mut self, attr: usize, value: &str) -> Result<(), NoRoom> {
        if value.is_empty() {
            return Ok(());
        }
        let Some(case) = self.row_case.last().copied() else {
            return Ok(());
        };
        let row = (self.row_case.len() - 1) as u32;
        let cases = self.case_ids.len();
        let Some(a) = self.attrs.get_mut(attr) else {
            return Ok(());
        };
        let k = a.key_of(value)?;
        match a.scope {
            Scope::Event => {
                if !a.cells.push_event(row, k) {
                    a.cells.room_for_event(row)?;
                    a.cells.set_event(row, k);
                }
            }
            Scope::Case => {
                a.cells.room_for_case(case, cases)?;
                a.cells.set_case(case, k, cases);
            }
        }
        Ok(())
    }

    /// Sets a case attribute for a case by id, creating the case if needed (XES trace attributes arrive
    /// before the trace's events). The first value a case gets is kept.
    pub fn set_case_attribute(
        &mut self,
        attr: usize,
        case: &str,
        value: &str,
    ) -> Result<(), NoRoom> {
        if value.is_empty() {
            return Ok(());
        }
        let i = self.case_ids.try_intern(case)?;
        let cases = self.case_ids.len();
        let Some(a) = self.attrs.get_mut(attr) else {
            return Ok(());
        };
        let k = a.key_of(value)?;
        a.cells.room_for_case(i, cases)?;
        a.cells.set_case(i, k, cases);
        Ok(())
    }

    /// An empty builder with the same attribute columns, for reading another part of the same file.
    pub fn empty_like(&self) -> Self {
        let mut b = Self::new();
        for a in &self.attrs {
            b.add_attribute(&a.name, a.scope, a.role);
        }
        b
    }

    /// Appends the events of `other`, which read the part of the file right after this one's (see
    /// [`empty_like`](Self::empty_like)): strings are re-interned here, so ids keep their order of first
    /// appearance in the file, and a case attribute keeps the first value the file gives it.
    pub fn append(&mut self, mut other: LogBuilder) {
        let base = self.row_case.len() as u32;
        let remap = |into: &mut Symbols, from: &Symbols| -> Vec<u32> {
            from.iter().map(|s| into.intern(s)).collect()
        };
        let case_map = remap(&mut self.case_ids, &other.case_ids);
        let act_map = remap(&mut self.activities, &other.activities);
        let res_map = remap(&mut self.resources, &other.resources);
        self.row_case
            .extend(other.row_case.iter().map(|&c| case_map[c as usize]));
        self.row_activity.extend(
            other
                .row_activity
                .iter()
                .map(|a| ActivityId(act_map[a.index()])),
        );
        self.row_time.extend_from_slice(&other.row_time);
        self.row_offset.extend_from_slice(&other.row_offset);
        self.any_offset |= other.any_offset;
        self.row_resource
            .extend(other.row_resource.iter().map(|&r| match r {
                r if r.is_some() => ResourceId(res_map[r.0 as usize]),
                _ => ResourceId::NONE,
            }));
        match (self.has_start, other.has_start) {
            (_, true) => {
                if !self.has_start {
                    self.has_start = true;
                    self.row_start = vec![MISSING_TIME; base as usize];
                }
                self.row_start.extend_from_slice(&other.row_start);
            }
            (true, false) => self.row_start.resize(self.row_case.len(), MISSING_TIME),
            (false, false) => {}
        }
        self.time_order.append(&mut other.time_order, base);
        self.start_order.append(&mut other.start_order, base);
        for (kind, n) in other.kinds {
            match self.kinds.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, m)) => *m += n,
                None => self.kinds.push((kind, n)),
            }
        }
        self.naive += other.naive;
        self.bad_starts += other.bad_starts;
        if self.first_bad_start.is_none() {
            self.first_bad_start = other.first_bad_start;
        }
        self.start_checks.extend(
            other
                .start_checks
                .iter()
                .map(|&(row, line)| (row + base, line)),
        );
        if self.start_column.is_none() {
            self.start_column = other.start_column;
        }
        let cases = self.case_ids.len();
        // Each column takes its part on its own (two at once natively).
        let pairs: Vec<(&mut AttrBuilder, AttrBuilder)> =
            self.attrs.iter_mut().zip(other.attrs).collect();
        crate::parallel::map_owned(pairs, |_, (a, b)| {
            let dict_map = remap(&mut a.dict, &b.dict);
            let key = |k: u32| dict_map[k as usize];
            match a.scope {
                Scope::Event => a.cells.append_events(&b.cells, base, key),
                Scope::Case => {
                    b.cells
                        .replay_into(&mut a.cells, false, |c| case_map[c as usize], key, cases)
                }
            }
            a.last = MISSING_KEY;
        });
        self.last_case = None;
    }
}

fn track(t: &mut OrderTracker, row: u32, p: &Parsed, (line, column, raw): (u64, &str, &str)) {
    let sample = || OrderSample {
        line,
        column: clip(column).into_owned(),
        value: clip(raw).into_owned(),
    };
    match p.evidence {
        OrderEvidence::None => {}
        OrderEvidence::Ambiguous { month_first_ms } => t.ambiguous.push((row, month_first_ms)),
        OrderEvidence::DayFirst => {
            t.day_only.push(row);
            if t.day_samples.len() < MAX_ORDER_SAMPLES {
                t.day_samples.push(sample());
            }
        }
        OrderEvidence::MonthFirst => {
            t.month_only.push(row);
            if t.month_samples.len() < MAX_ORDER_SAMPLES {
                t.month_samples.push(sample());
            }
        }
    }
}

#[cfg(test)]
mod tests;
