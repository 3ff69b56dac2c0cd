//! An event column that each case fills alike: a key per case instead of a key per event.
//!
//! Most columns of an AR export describe the invoice, not the event: its customer, amount, due date,
//! segment, region and terms repeat on every row of the case. Kept a key per event, each such column
//! is written, paged in, copied from the second reading thread's part and reordered once per event
//! (8 columns × 10 M events of the demo: 320 MB, about 40 % of the collections import). Kept a key
//! per case, it costs a compare per row and a write per case, and becomes the log's per-event column
//! in one pass at the end, already in the log's order.
//!
//! The column stays in this form while every case's events, in file order, are a run of events with
//! the case's value followed by events with none (usually all of them with the value): then the rows
//! are known exactly from `filled` and `key`. The first row that breaks this (a value that differs
//! within a case, a value after an empty row of the same case, a second value for an event) turns the
//! column into ordinary cells ([`ByCase::into_cells`]) holding exactly what was set, and the import
//! goes on there. Memory stays bounded by the cells present: a column that leaves most cases empty
//! turns into cells as well (see [`ByCase::set`]).

use crate::log::cells::Cells;
use crate::log::columns::MISSING_KEY;
use crate::log::symbols::NoRoom;

/// Cases tracked per case with a value before a column that fills few cases turns into cells.
const SLACK_CASES: usize = 1024;
/// A column tracks at most this many cases per case it fills (plus [`SLACK_CASES`]).
const CASES_PER_FILLED: usize = 4;

/// A key per case; see the module documentation.
#[derive(Debug, Clone, Default)]
pub(super) struct ByCase {
    /// Per case: the value of its first `filled[c]` events (meaningless where `filled[c]` is 0).
    key: Vec<u32>,
    /// Per case: how many of its first events, in file order, have the value; the later ones have none.
    filled: Vec<u32>,
    /// Events with a value.
    present: usize,
    /// Cases with a value.
    cases_filled: usize,
    /// The last row set, to recognise a second value for the same event.
    last_row: Option<u32>,
}

impl ByCase {
    /// Events with a value.
    pub(super) fn present(&self) -> usize {
        self.present
    }

    /// Heap bytes of the per-case vectors.
    pub(super) fn heap_bytes(&self) -> usize {
        (self.key.capacity() + self.filled.capacity()) * 4
    }

    /// Records `key` for event `row` of `case`, which has `events` events so far including this one.
    /// `Ok(false)`: the column no longer fits this form (nothing was recorded for this row).
    #[inline]
    pub(super) fn set(
        &mut self,
        case: u32,
        row: u32,
        key: u32,
        events: u32,
    ) -> Result<bool, NoRoom> {
        let c = case as usize;
        if self.last_row == Some(row) {
            // A second value for the event: the same one changes nothing; another replaces it, which
            // only cells can hold.
            return Ok(self.key.get(c) == Some(&key));
        }
        if c >= self.filled.len() {
            if c + 1 > CASES_PER_FILLED * (self.cases_filled + 1) + SLACK_CASES {
                return Ok(false);
            }
            self.key.try_reserve(c + 1 - self.key.len())?;
            self.filled.try_reserve(c + 1 - self.filled.len())?;
            self.key.resize(c + 1, MISSING_KEY);
            self.filled.resize(c + 1, 0);
        }
        let n = self.filled[c];
        // Every earlier event of the case has the value, and it is the same one.
        if n + 1 != events || (n > 0 && self.key[c] != key) {
            return Ok(false);
        }
        if n == 0 {
            self.key[c] = key;
            self.cases_filled += 1;
        }
        self.filled[c] = n + 1;
        self.present += 1;
        self.last_row = Some(row);
        Ok(true)
    }

    /// The same cells as ordinary cells, from the events' cases in file order (`row_case`), with room
    /// for each reserved first.
    pub(super) fn into_cells(self, row_case: &[u32]) -> Result<Cells, NoRoom> {
        let mut cells = Cells::default();
        let mut room = Ok(());
        self.each_cell(row_case, |row, key| {
            if room.is_ok() {
                room = cells.room_for_event(row);
                if room.is_ok() {
                    cells.set_event(row, key);
                }
            }
        });
        room.map(|()| cells)
    }

    /// [`into_cells`](Self::into_cells) where running out of memory aborts, as everywhere two parts of
    /// a file are joined ([`LogBuilder::append`](super::LogBuilder::append)).
    pub(super) fn into_cells_joining(self, row_case: &[u32]) -> Cells {
        let mut cells = Cells::default();
        self.each_cell(row_case, |row, key| cells.set_event(row, key));
        cells
    }

    /// Calls `f(row, key)` for each event with a value, in file order.
    fn each_cell(&self, row_case: &[u32], mut f: impl FnMut(u32, u32)) {
        let mut seen = vec![0u32; self.filled.len()];
        for (row, &c) in row_case.iter().enumerate() {
            let c = c as usize;
            let (Some(&n), Some(s)) = (self.filled.get(c), seen.get_mut(c)) else {
                continue;
            };
            if *s < n {
                *s += 1;
                f(row as u32, self.key[c]);
            }
        }
    }

    /// Whether every case's events all have the value or none has (`events`: per case, in the
    /// builder's case numbering): then each case's value holds for all its events, whatever order
    /// they end up in.
    pub(super) fn whole_cases(&self, events: &[u32]) -> bool {
        self.filled
            .iter()
            .zip(events)
            .all(|(&n, &e)| n == 0 || n == e)
    }

    /// The per-event keys in the log's order, for a column that fills [`whole_cases`](Self::whole_cases):
    /// the log's cases are `ranges` (`[first event, events]`), `old_case` gives each one's case in the
    /// builder's numbering.
    pub(super) fn event_keys(&self, ranges: &[[u32; 2]], old_case: &[u32]) -> Vec<u32> {
        let rows = ranges.last().map_or(0, |r| (r[0] + r[1]) as usize);
        let mut keys = Vec::with_capacity(rows);
        for (&[_, len], &old) in ranges.iter().zip(old_case) {
            let c = old as usize;
            let key = match self.filled.get(c) {
                Some(&n) if n > 0 => self.key[c],
                _ => MISSING_KEY,
            };
            keys.extend(std::iter::repeat_n(key, len as usize));
        }
        keys
    }

    /// Takes the column of the part of the file read after this one: `case` maps its cases to this
    /// builder's, `key` its keys, and `events` gives this builder's events per case before the two
    /// parts are joined. `false` (nothing changed): the two together do not fit this form.
    pub(super) fn absorb(
        &mut self,
        other: &ByCase,
        case: &[u32],
        key: &dyn Fn(u32) -> u32,
        events: &[u32],
    ) -> bool {
        let mut top = self.filled.len();
        for (c2, &n2) in other.filled.iter().enumerate() {
            if n2 == 0 {
                continue;
            }
            let c = case[c2] as usize;
            let n1 = self.filled.get(c).copied().unwrap_or(0);
            // The later part's values continue a case only where every earlier event has the value.
            if n1 != events.get(c).copied().unwrap_or(0)
                || (n1 > 0 && self.key[c] != key(other.key[c2]))
            {
                return false;
            }
            top = top.max(c + 1);
        }
        self.key.resize(top, MISSING_KEY);
        self.filled.resize(top, 0);
        for (c2, &n2) in other.filled.iter().enumerate() {
            if n2 == 0 {
                continue;
            }
            let c = case[c2] as usize;
            if self.filled[c] == 0 {
                self.key[c] = key(other.key[c2]);
                self.cases_filled += 1;
            }
            self.filled[c] += n2;
        }
        self.present += other.present;
        self.last_row = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::reorder::Reorder;

    fn cells_keys(c: Cells, rows: usize) -> Vec<u32> {
        let order: Vec<u32> = (0..rows as u32).collect();
        c.into_event_keys(&Reorder::new(&order, rows), Some(&order))
    }

    /// Sets `(case, key)` rows in order, counting each case's events; `None` where a row has no
    /// value. Returns the column and whether every set fitted.
    fn fill(rows: &[(u32, Option<u32>)]) -> (ByCase, Vec<u32>, bool) {
        let mut b = ByCase::default();
        let mut events = Vec::new();
        let mut fits = true;
        for (r, &(c, k)) in rows.iter().enumerate() {
            if events.len() <= c as usize {
                events.resize(c as usize + 1, 0);
            }
            events[c as usize] += 1;
            if let Some(k) = k {
                fits &= b.set(c, r as u32, k, events[c as usize]).unwrap();
            }
        }
        (b, events, fits)
    }

    #[test]
    fn a_case_level_column_reads_back_in_any_case_order() {
        // Cases interleaved, as a file sorted by time lists them.
        let rows = [
            (0, Some(7)),
            (1, Some(3)),
            (0, Some(7)),
            (2, None),
            (1, Some(3)),
        ];
        let (b, events, fits) = fill(&rows);
        assert!(fits);
        assert!(b.whole_cases(&events));
        assert_eq!(b.present(), 4);
        let row_case: Vec<u32> = rows.iter().map(|r| r.0).collect();
        let keys = cells_keys(b.clone().into_cells(&row_case).unwrap(), rows.len());
        assert_eq!(keys, [7, 3, 7, MISSING_KEY, 3]);
        // The log's order: case 1, then 0, then 2.
        assert_eq!(
            b.event_keys(&[[0, 2], [2, 2], [4, 1]], &[1, 0, 2]),
            [3, 3, 7, 7, MISSING_KEY]
        );
    }

    #[test]
    fn a_case_whose_last_events_have_no_value_is_not_whole_but_reads_back() {
        let rows = [(0, Some(5)), (0, Some(5)), (0, None), (1, None)];
        let (b, events, fits) = fill(&rows);
        assert!(fits);
        assert!(!b.whole_cases(&events));
        let keys = cells_keys(b.into_cells(&[0, 0, 0, 1]).unwrap(), 4);
        assert_eq!(keys, [5, 5, MISSING_KEY, MISSING_KEY]);
    }

    #[test]
    fn what_the_form_cannot_hold_is_refused() {
        // Another value within the case.
        assert!(!fill(&[(0, Some(1)), (0, Some(2))]).2);
        // A value after an empty row of the same case.
        assert!(!fill(&[(0, None), (0, Some(2))]).2);
        assert!(!fill(&[(0, Some(1)), (0, None), (0, Some(1))]).2);
        // A second, different value for the same event; the same one again is fine.
        let mut b = ByCase::default();
        assert!(b.set(0, 0, 4, 1).unwrap());
        assert!(b.set(0, 0, 4, 1).unwrap());
        assert!(!b.set(0, 0, 5, 1).unwrap());
        // A column that leaves thousands of cases empty is better kept as cells.
        let mut b = ByCase::default();
        assert!(b.set(0, 0, 1, 1).unwrap());
        assert!(!b.set(100_000, 1, 1, 1).unwrap());
    }

    #[test]
    fn two_parts_join_where_a_case_continues_alike() {
        // Part one: case 0 (two events, value 1), case 1 (one event, no value).
        let (mut a, events_a, _) = fill(&[(0, Some(1)), (0, Some(1)), (1, None)]);
        // Part two, its own numbering: case 0 is the first part's case 0 (continues), case 1 is new.
        let (b, _, _) = fill(&[(0, Some(10)), (1, Some(20))]);
        let key = |k: u32| k / 10; // the second part's dictionary: 10 -> 1, 20 -> 2
        assert!(a.absorb(&b, &[0, 2], &key, &events_a));
        assert_eq!(a.present(), 4);
        assert!(a.whole_cases(&[3, 1, 1]));
        let keys = cells_keys(a.into_cells(&[0, 0, 1, 0, 2]).unwrap(), 5);
        assert_eq!(keys, [1, 1, MISSING_KEY, 1, 2]);

        // The first part's case 1 had an event without a value: a value in the next part cannot join.
        let (mut a, events_a, _) = fill(&[(0, Some(1)), (1, None)]);
        let (b, _, _) = fill(&[(0, Some(30))]);
        let before = a.clone();
        assert!(!a.absorb(&b, &[1], &|k| k, &events_a));
        assert_eq!(
            a.filled, before.filled,
            "a refused join leaves the column as it was"
        );
        // Another value for a case that continues cannot join either.
        let (mut a, events_a, _) = fill(&[(0, Some(1))]);
        let (b, _, _) = fill(&[(0, Some(2))]);
        assert!(!a.absorb(&b, &[0], &|k| k, &events_a));
    }
}
