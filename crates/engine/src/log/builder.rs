//! Assembling an [`EventLog`] from events in file order.
//!
//! Importers push events as they read them; [`LogBuilder::finish`] then settles what can only be decided
//! from the whole file (day/month order, decimal separator, attribute types), drops the rows that turned
//! out unreadable (reporting each), groups events by case with a counting sort and sorts each case
//! stably by time.
//!
//! Attribute columns are filled sparsely or densely as their values come ([`super::cells`]), so memory
//! follows the cells a file holds, and are materialised at the end within a budget of empty cells
//! ([`PADDING_CELLS_PER_EVENT`]): a file whose attributes each describe a handful of events (an XES key
//! per event) keeps its most filled attributes, and the report names the ones left out.

use super::cells::Cells;
use super::columns::{Attribute, Scope, Values, MISSING_KEY, MISSING_TIME};
use super::symbols::{ActivityId, NoRoom, ResourceId, Symbols};
use super::EventLog;
use crate::calendar::format_iso_utc;
use crate::import::number::{self, DecimalSep};
use crate::import::report::{clip, ImportReport, Message, ProblemKind};
use crate::import::timestamp::{parse_timestamp, DateOrder, OrderEvidence, Parsed, TimeKind};
use crate::import::ColumnRole;
use rustc_hash::FxHashMap;

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
        if self.last != MISSING_KEY && self.dict.get(self.last) == value {
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
            Some(c) if self.case_ids.get(c) == case => c,
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
                a.cells.room_for_event(row)?;
                a.cells.set_event(row, k);
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
        for (a, b) in self.attrs.iter_mut().zip(other.attrs) {
            let dict_map = remap(&mut a.dict, &b.dict);
            let key = |k: u32| dict_map[k as usize];
            match a.scope {
                Scope::Event => b
                    .cells
                    .replay_into(&mut a.cells, true, |r| r + base, key, cases),
                Scope::Case => {
                    b.cells
                        .replay_into(&mut a.cells, false, |c| case_map[c as usize], key, cases)
                }
            }
            a.last = MISSING_KEY;
        }
        self.last_case = None;
    }

    /// Settles day/month order, decimal separators and attribute types, drops rows the decision makes
    /// unreadable (recording them in `report`), groups by case and sorts each case stably by time.
    pub fn finish(
        mut self,
        order: DateOrder,
        decimal_hint: DecimalSep,
        report: &mut ImportReport,
    ) -> EventLog {
        if let Some(s) = &self.first_bad_start {
            report.say(
                Message::new(
                    "imp-bad-starts",
                    format!(
                        "column \"{}\": {} start times could not be read (the first at line {}: \"{}\") and are \
                         left empty",
                        s.column, self.bad_starts, s.line, s.value
                    ),
                )
                .arg("column", &s.column)
                .arg("count", self.bad_starts)
                .arg("line", s.line)
                .arg("value", &s.value),
            );
        }
        let decided = decide_order(order, &self, report);
        report.date_order = decided;
        let mut dropped = vec![false; self.row_case.len()];
        let (losers, samples, how) = match decided {
            DateOrder::MonthFirst => (
                &self.time_order.day_only,
                &self.time_order.day_samples,
                "month-first",
            ),
            _ => (
                &self.time_order.month_only,
                &self.time_order.month_samples,
                "day-first",
            ),
        };
        for &row in losers {
            dropped[row as usize] = true;
        }
        let any_dropped = !losers.is_empty();
        for s in samples {
            report.problem(
                ProblemKind::UnreadableTimestamp,
                s.line,
                &s.column,
                &s.value,
                Message::new(
                    "imp-date-order-loser",
                    format!("not a valid date when the file is read {how}"),
                )
                .arg("order", how),
            );
        }
        report.add_uncounted_skips(
            ProblemKind::UnreadableTimestamp,
            losers.len().saturating_sub(samples.len()),
        );
        // Start times are optional: one that loses the vote becomes missing, its event stays.
        let start_losers = match decided {
            DateOrder::MonthFirst => &self.start_order.day_only,
            _ => &self.start_order.month_only,
        };
        for &row in start_losers {
            self.row_start[row as usize] = MISSING_TIME;
        }
        if let Some(s) = match decided {
            DateOrder::MonthFirst => self.start_order.day_samples.first(),
            _ => self.start_order.month_samples.first(),
        } {
            report.say(
                Message::new(
                    "imp-start-order-losers",
                    format!(
                        "column \"{}\": {} start times are not valid dates when read {how} (e.g. line {}: \"{}\") \
                         and are left empty",
                        s.column,
                        start_losers.len(),
                        s.line,
                        s.value
                    ),
                )
                .arg("column", &s.column)
                .arg("count", start_losers.len())
                .arg("order", how)
                .arg("line", s.line)
                .arg("value", &s.value),
            );
        }
        if decided == DateOrder::MonthFirst {
            for &(row, alt) in &self.time_order.ambiguous {
                self.row_time[row as usize] = alt;
            }
            for &(row, alt) in &self.start_order.ambiguous {
                self.row_start[row as usize] = alt;
            }
        }
        self.clear_starts_after_ends(&dropped, any_dropped, report);
        report.timestamp_format = self
            .kinds
            .iter()
            .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
            .map(|(k, _)| k.describe(decided))
            .unwrap_or_default();
        report.naive_timestamps = self.naive;

        self.note_case_conflicts(report);

        // Events per case among kept rows; cases left without events disappear.
        let n_old_cases = self.case_ids.len();
        let mut counts = vec![0u32; n_old_cases];
        for (row, &c) in self.row_case.iter().enumerate() {
            if !(any_dropped && dropped[row]) {
                counts[c as usize] += 1;
            }
        }
        let mut new_idx = vec![u32::MAX; n_old_cases];
        let mut cases = Vec::with_capacity(n_old_cases);
        let mut next = 0u32;
        let case_ids = if counts.iter().all(|&n| n > 0) {
            // Every case kept: ids stay as they are.
            for (old, &n) in counts.iter().enumerate() {
                new_idx[old] = old as u32;
                cases.push([next, n]);
                next += n;
            }
            std::mem::take(&mut self.case_ids)
        } else {
            let mut case_ids = Symbols::new();
            for (old, &n) in counts.iter().enumerate() {
                if n > 0 {
                    new_idx[old] = case_ids.intern(self.case_ids.get(old as u32));
                    cases.push([next, n]);
                    next += n;
                }
            }
            case_ids
        };
        // Counting sort by case keeps file order inside each case.
        let mut fill: Vec<u32> = cases.iter().map(|c| c[0]).collect();
        let mut order = vec![0u32; next as usize];
        for (row, &c) in self.row_case.iter().enumerate() {
            if any_dropped && dropped[row] {
                continue;
            }
            let ni = new_idx[c as usize] as usize;
            order[fill[ni] as usize] = row as u32;
            fill[ni] += 1;
        }
        drop(fill);
        // Stable sort by time inside each case (most cases are already in order).
        let times = &self.row_time;
        for &[start, len] in &cases {
            let slice = &mut order[start as usize..(start + len) as usize];
            if slice
                .windows(2)
                .any(|w| times[w[0] as usize] > times[w[1] as usize])
            {
                slice.sort_by_key(|&r| times[r as usize]);
            }
        }

        let (activities, act_map) = compact_symbols(
            &self.activities,
            order.iter().map(|&r| self.row_activity[r as usize].0),
        );
        let activity: Vec<ActivityId> = order
            .iter()
            .map(|&r| ActivityId(act_map[self.row_activity[r as usize].0 as usize]))
            .collect();
        drop(std::mem::take(&mut self.row_activity));
        let time_ms = permute(&self.row_time, &order);
        drop(std::mem::take(&mut self.row_time));
        let offset_min = if self.any_offset {
            permute(&self.row_offset, &order)
        } else {
            Vec::new()
        };
        drop(std::mem::take(&mut self.row_offset));
        let start_ms = if self.has_start {
            permute(&self.row_start, &order)
        } else {
            Vec::new()
        };
        let used_resources = order
            .iter()
            .map(|&r| self.row_resource[r as usize])
            .filter(|r| r.is_some())
            .map(|r| r.0);
        let (resources, res_map) = compact_symbols(&self.resources, used_resources);
        let resource: Vec<ResourceId> = order
            .iter()
            .map(|&r| match self.row_resource[r as usize] {
                r if r.is_some() => ResourceId(res_map[r.0 as usize]),
                _ => ResourceId::NONE,
            })
            .collect();
        drop(std::mem::take(&mut self.row_resource));

        let attributes = self.materialise_attributes(
            &order,
            &new_idx,
            cases.len(),
            decided,
            decimal_hint,
            report,
        );
        EventLog {
            case_ids,
            cases,
            activities,
            resources,
            activity,
            time_ms,
            offset_min,
            start_ms,
            resource,
            attributes,
        }
    }
}

impl LogBuilder {
    /// Clears the start times that come after their event's end (now that day/month order is settled)
    /// and says how many, and where the first one is.
    fn clear_starts_after_ends(
        &mut self,
        dropped: &[bool],
        any_dropped: bool,
        report: &mut ImportReport,
    ) {
        let mut count = 0u64;
        let mut first = None;
        for &(row, line) in &self.start_checks {
            let r = row as usize;
            if any_dropped && dropped.get(r).copied().unwrap_or(false) {
                continue;
            }
            let (Some(&start), Some(&end)) = (self.row_start.get(r), self.row_time.get(r)) else {
                continue;
            };
            if start != MISSING_TIME && start > end {
                count += 1;
                first.get_or_insert((line, start, end));
                self.row_start[r] = MISSING_TIME;
            }
        }
        if let Some((line, start, end)) = first {
            let column = self.start_column.as_deref().unwrap_or("start");
            let (start, end) = (format_iso_utc(start), format_iso_utc(end));
            report.say(
                Message::new(
                    "imp-start-after-end",
                    format!(
                        "column \"{column}\": {count} start times are after their event's end (the first at line \
                         {line}: start {start}, end {end}) and are left empty",
                    ),
                )
                .arg("column", column)
                .arg("count", count)
                .arg("line", line)
                .arg("start", start)
                .arg("end", end),
            );
        }
    }

    /// Notes, per case attribute, the cases given more than one value (the first is kept).
    fn note_case_conflicts(&mut self, report: &mut ImportReport) {
        for a in self.attrs.iter_mut().filter(|a| a.scope == Scope::Case) {
            a.cells.settle_cases();
            let conflicts = a.cells.conflicts();
            // The example does not depend on the order values were met in (a file read in parts meets
            // them in another order): the first case, and its ignored value seen first in the file.
            let Some(&(case, ignored)) = conflicts.iter().min() else {
                continue;
            };
            let mut cases: Vec<u32> = conflicts.iter().map(|&(c, _)| c).collect();
            cases.sort_unstable();
            cases.dedup();
            let kept = a.cells.case_key(case);
            let text = |k: u32| {
                if k == MISSING_KEY {
                    String::new()
                } else {
                    clip(a.dict.get(k)).into_owned()
                }
            };
            let (column, case) = (clip(&a.name), clip(self.case_ids.get(case)));
            let (kept, ignored) = (text(kept), text(ignored));
            report.say(
                Message::new(
                    "imp-case-conflicts",
                    format!(
                        "column \"{column}\": {} cases have more than one value; each keeps its first (e.g. case \
                         \"{case}\": \"{kept}\" kept, \"{ignored}\" ignored)",
                        cases.len(),
                    ),
                )
                .arg("column", &column)
                .arg("count", cases.len())
                .arg("case", &case)
                .arg("kept", &kept)
                .arg("ignored", &ignored),
            );
        }
    }

    /// Turns the attribute columns into typed columns in the log's order, leaving out the least filled
    /// ones when keeping them all would exceed the budget of empty cells, and saying which.
    fn materialise_attributes(
        &mut self,
        order: &[u32],
        new_idx: &[u32],
        cases: usize,
        decided: DateOrder,
        decimal_hint: DecimalSep,
        report: &mut ImportReport,
    ) -> Vec<Attribute> {
        let attrs = std::mem::take(&mut self.attrs);
        let rows_of = |a: &AttrBuilder| match a.scope {
            Scope::Event => order.len(),
            Scope::Case => cases,
        };
        let keep = choose_columns(&attrs, &rows_of, order.len(), report);
        let position: Option<Vec<u32>> = attrs
            .iter()
            .zip(&keep)
            .any(|(a, &k)| k && a.scope == Scope::Event && a.cells.is_sparse())
            .then(|| {
                let mut p = vec![u32::MAX; self.row_case.len()];
                for (at, &row) in order.iter().enumerate() {
                    p[row as usize] = at as u32;
                }
                p
            });
        let mut attributes = Vec::new();
        for (mut a, keep) in attrs.into_iter().zip(keep) {
            if !keep {
                continue;
            }
            let cells = std::mem::take(&mut a.cells);
            let keys = match a.scope {
                Scope::Event => cells.into_event_keys(order, position.as_deref()),
                Scope::Case => cells.into_case_keys(new_idx, cases),
            };
            if keys.iter().all(|&k| k == MISSING_KEY) && a.role == ColumnRole::Attribute {
                // An attribute that never had a value (a column only dropped rows used) is noise.
                continue;
            }
            let values = type_values(&a, keys, decided, decimal_hint, report);
            attributes.push(Attribute {
                name: a.name,
                scope: a.scope,
                role: a.role,
                values,
            });
        }
        attributes
    }
}

/// Which attribute columns to materialise. Every column costs a cell per event (or case), filled or
/// not; the empty ones are the waste. Columns with a role are always kept; plain attributes are taken
/// from the most filled (by share of their rows, then file order) while the empty cells stay within
/// the larger of [`PADDING_CELLS_PER_EVENT`] per event, the cells filled, and [`MIN_PADDING_CELLS`];
/// the rest are left out and named in a note, nothing silently.
fn choose_columns(
    attrs: &[AttrBuilder],
    rows_of: &dyn Fn(&AttrBuilder) -> usize,
    events: usize,
    report: &mut ImportReport,
) -> Vec<bool> {
    let present = |a: &AttrBuilder| a.cells.present().min(rows_of(a));
    let waste = |a: &AttrBuilder| rows_of(a) - present(a);
    let filled: usize = attrs.iter().map(present).sum();
    let budget = events
        .saturating_mul(PADDING_CELLS_PER_EVENT)
        .max(filled)
        .max(MIN_PADDING_CELLS);
    let mut keep = vec![true; attrs.len()];
    let mut used: usize = attrs
        .iter()
        .filter(|a| a.role != ColumnRole::Attribute)
        .map(waste)
        .sum();
    let mut plain: Vec<usize> = (0..attrs.len())
        .filter(|&i| attrs[i].role == ColumnRole::Attribute && present(&attrs[i]) > 0)
        .collect();
    if plain.iter().map(|&i| waste(&attrs[i])).sum::<usize>() + used <= budget {
        return keep;
    }
    // Fuller first: present_a / rows_a > present_b / rows_b, compared without division.
    plain.sort_by(|&i, &j| {
        let (a, b) = (&attrs[i], &attrs[j]);
        let lhs = present(a) as u128 * rows_of(b) as u128;
        let rhs = present(b) as u128 * rows_of(a) as u128;
        rhs.cmp(&lhs).then(i.cmp(&j))
    });
    let mut cut = plain.len();
    for (at, &i) in plain.iter().enumerate() {
        let w = waste(&attrs[i]);
        if used + w > budget {
            cut = at;
            break;
        }
        used += w;
    }
    let mut dropped = plain.split_off(cut);
    for &i in &dropped {
        keep[i] = false;
    }
    // The note names the first dropped columns in file order.
    dropped.sort_unstable();
    let fullest = dropped
        .iter()
        .map(|&i| present(&attrs[i]) as f64 / rows_of(&attrs[i]).max(1) as f64)
        .fold(0.0, f64::max);
    let named: Vec<String> = dropped
        .iter()
        .take(NAMED_DROPPED)
        .map(|&i| {
            let a = &attrs[i];
            let (n, rows) = (present(a), rows_of(a));
            let of = match a.scope {
                Scope::Event => "events",
                Scope::Case => "cases",
            };
            format!(
                "\"{}\" ({n} of {rows} {of}, {})",
                clip(&a.name),
                share(n as f64 / rows.max(1) as f64)
            )
        })
        .collect();
    report.note(format!(
        "{} attributes were not imported: together they would need more empty cells than the memory budget \
         allows ({budget} cells), so only the most filled attributes were kept. Each left out has values on \
         at most {} of its events or cases; the first: {}{}",
        dropped.len(),
        share(fullest),
        named.join(", "),
        if dropped.len() > NAMED_DROPPED { ", ..." } else { "" }
    ));
    keep
}

/// A share as a percentage with enough digits to tell small shares apart.
fn share(x: f64) -> String {
    let p = x * 100.0;
    if p >= 1.0 {
        format!("{p:.1} %")
    } else {
        format!("{p:.3} %")
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

fn decide_order(order: DateOrder, b: &LogBuilder, report: &mut ImportReport) -> DateOrder {
    if order != DateOrder::Auto {
        return order;
    }
    let day = b.time_order.day_only.len() + b.start_order.day_only.len();
    let month = b.time_order.month_only.len() + b.start_order.month_only.len();
    let ambiguous = b.time_order.ambiguous.len() + b.start_order.ambiguous.len();
    let has_day_month = b.kinds.iter().any(|(k, _)| k.has_day_month_order());
    if !has_day_month {
        return DateOrder::Auto;
    }
    match (day, month) {
        (0, 0) => {
            if ambiguous > 0 {
                report.date_order_ambiguous = true;
                report.say(
                    Message::new(
                        "imp-date-order-ambiguous",
                        format!(
                            "day/month order could not be told from the dates ({ambiguous} values such as 03/04 \
                             read either way): read as day-first; choose month-first to override"
                        ),
                    )
                    .arg("count", ambiguous),
                );
            }
            DateOrder::DayFirst
        }
        (_, 0) => DateOrder::DayFirst,
        (0, _) => DateOrder::MonthFirst,
        (d, m) => {
            let decided = if m > d {
                DateOrder::MonthFirst
            } else {
                DateOrder::DayFirst
            };
            let how = if decided == DateOrder::MonthFirst {
                "month-first"
            } else {
                "day-first"
            };
            report.say(
                Message::new(
                    "imp-date-order-disagree",
                    format!(
                        "dates disagree on day/month order ({d} only valid day-first, {m} only valid \
                         month-first): read as {how}"
                    ),
                )
                .arg("day_first", d)
                .arg("month_first", m)
                .arg("order", how),
            );
            decided
        }
    }
}

/// The note on a typed column's values that did not read as its type (`what`: numbers, dates) and
/// were left empty.
fn unreadable_values(key: &str, what: &str, column: &str, rows: usize, example: &str) -> Message {
    Message::new(
        key,
        format!(
            "column \"{column}\": {rows} values could not be read as {what} (e.g. \"{example}\") and are \
             left empty"
        ),
    )
    .arg("column", column)
    .arg("count", rows)
    .arg("value", example)
}

fn permute<T: Copy>(v: &[T], order: &[u32]) -> Vec<T> {
    order.iter().map(|&r| v[r as usize]).collect()
}

/// Keeps only the symbols used (in id order) and returns the old-id to new-id map.
fn compact_symbols(s: &Symbols, used: impl Iterator<Item = u32>) -> (Symbols, Vec<u32>) {
    let mut seen = vec![false; s.len()];
    for id in used {
        seen[id as usize] = true;
    }
    if seen.iter().all(|&x| x) {
        return (s.clone(), (0..s.len() as u32).collect());
    }
    let mut out = Symbols::new();
    let map = seen
        .iter()
        .enumerate()
        .map(|(i, &keep)| {
            if keep {
                out.intern(s.get(i as u32))
            } else {
                u32::MAX
            }
        })
        .collect();
    (out, map)
}

/// Whether a numeric-looking text is an identifier rather than a quantity (leading zeros: "0070100018").
fn is_code(s: &str) -> bool {
    let t = s.trim_start_matches(['-', '+']);
    t.len() > 1 && t.starts_with('0') && t.as_bytes()[1].is_ascii_digit()
}

/// Types a text column from its distinct values.
fn type_values(
    a: &AttrBuilder,
    keys: Vec<u32>,
    order: DateOrder,
    hint: DecimalSep,
    report: &mut ImportReport,
) -> Values {
    let dict = &a.dict;
    let used: Vec<bool> = {
        let mut u = vec![false; dict.len()];
        for &k in &keys {
            if k != MISSING_KEY {
                u[k as usize] = true;
            }
        }
        u
    };
    let values = || {
        (0..dict.len() as u32)
            .filter(|&i| used[i as usize])
            .map(|i| dict.get(i))
    };
    let wants = match a.role {
        ColumnRole::Amount => Some(true),
        ColumnRole::DueDate | ColumnRole::PromiseDate => Some(false),
        ColumnRole::Attribute => None,
        _ => {
            return Values::Text {
                keys,
                dict: dict.clone(),
            }
        }
    };
    let any = values().next().is_some();
    // Numbers.
    if wants != Some(false) && any {
        let (mut comma, mut point) = (0usize, 0usize);
        for v in values() {
            match number::evidence(v) {
                Some(DecimalSep::Comma) => comma += 1,
                Some(DecimalSep::Point) => point += 1,
                None => {}
            }
        }
        let dec = if comma > point {
            DecimalSep::Comma
        } else if point > comma {
            DecimalSep::Point
        } else {
            hint
        };
        let parsed: Vec<Option<f64>> = (0..dict.len() as u32)
            .map(|i| {
                if used[i as usize] {
                    number::parse_number(dict.get(i), dec)
                } else {
                    None
                }
            })
            .collect();
        let bad = (0..dict.len())
            .filter(|&i| used[i] && parsed[i].is_none())
            .count();
        let codes = values().any(is_code);
        if (bad == 0 && !codes) || wants == Some(true) {
            if bad > 0 {
                let rows = keys
                    .iter()
                    .filter(|&&k| k != MISSING_KEY && parsed[k as usize].is_none())
                    .count();
                let example = values()
                    .find(|v| number::parse_number(v, dec).is_none())
                    .unwrap_or("");
                report.say(unreadable_values(
                    "imp-bad-numbers",
                    "numbers",
                    &a.name,
                    rows,
                    example,
                ));
            }
            return Values::Number(
                keys.iter()
                    .map(|&k| {
                        if k == MISSING_KEY {
                            f64::NAN
                        } else {
                            parsed[k as usize].unwrap_or(f64::NAN)
                        }
                    })
                    .collect(),
            );
        }
    }
    // Dates (not bare numbers: a column of small integers is not a date column).
    if wants != Some(true) && any {
        let order = if order == DateOrder::Auto {
            column_order(values())
        } else {
            order
        };
        let parsed: Vec<Option<i64>> = (0..dict.len() as u32)
            .map(|i| {
                if !used[i as usize] {
                    return None;
                }
                parse_timestamp(dict.get(i), order)
                    .filter(|p| {
                        wants == Some(false)
                            || matches!(p.kind, TimeKind::Iso { .. } | TimeKind::DayMonth { .. })
                    })
                    .map(|p| p.ms)
            })
            .collect();
        let bad = (0..dict.len())
            .filter(|&i| used[i] && parsed[i].is_none())
            .count();
        if bad == 0 || wants == Some(false) {
            if bad > 0 {
                let rows = keys
                    .iter()
                    .filter(|&&k| k != MISSING_KEY && parsed[k as usize].is_none())
                    .count();
                let example = values()
                    .find(|v| parse_timestamp(v, order).is_none())
                    .unwrap_or("");
                report.say(unreadable_values(
                    "imp-bad-dates",
                    "dates",
                    &a.name,
                    rows,
                    example,
                ));
            }
            return Values::Time(
                keys.iter()
                    .map(|&k| {
                        if k == MISSING_KEY {
                            MISSING_TIME
                        } else {
                            parsed[k as usize].unwrap_or(MISSING_TIME)
                        }
                    })
                    .collect(),
            );
        }
    }
    Values::Text {
        keys,
        dict: dict.clone(),
    }
}

/// Day/month order of a date attribute read on its own (when the timestamp column did not settle it).
fn column_order<'a>(values: impl Iterator<Item = &'a str>) -> DateOrder {
    let (mut day, mut month) = (0, 0);
    for v in values {
        match parse_timestamp(v, DateOrder::Auto).map(|p| p.evidence) {
            Some(OrderEvidence::DayFirst) => day += 1,
            Some(OrderEvidence::MonthFirst) => month += 1,
            _ => {}
        }
    }
    if month > day {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reservation_stays_within_its_memory_budget() {
        let mut b = LogBuilder::new();
        for i in 0..100 {
            b.add_attribute(&format!("a{i}"), Scope::Event, ColumnRole::Attribute);
        }
        // What `estimate_rows` may ask for on a 2 GB file of short first lines.
        b.reserve(1 << 28);
        let bytes = b.row_case.capacity() * 4
            + b.row_activity.capacity() * 4
            + b.row_time.capacity() * 8
            + b.row_offset.capacity() * 2
            + b.row_resource.capacity() * 4
            + b.attrs
                .iter()
                .map(AttrBuilder::capacity_bytes)
                .sum::<usize>();
        assert!(
            bytes <= RESERVE_BUDGET_BYTES + (1 << 20),
            "{bytes} bytes reserved"
        );
        assert!(b.row_case.capacity() > 0);
    }
}
