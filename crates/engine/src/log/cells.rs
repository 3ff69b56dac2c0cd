//! One attribute column while a file streams in: dense (a key per row) while most rows have a value,
//! sparse (`(row, key)` pairs) while few do.
//!
//! A column that only some rows fill would otherwise cost a slot on every row: an XES file giving each
//! event a key of its own needs events × keys slots (40,000 × 40,000 × 4 B = 6.4 GB, finding 1 of the
//! 2026-11-30 audit). Here a column turns into pairs when padding it up to a row would leave it under a
//! quarter full, and back into slots once half of its rows have a value. A switch costs the cells
//! present, which the sets since the last switch have paid for, so a set stays O(1) amortised and a
//! column never holds more than about four times its cells (dense) or two words per cell (sparse).
//! A column read from its first row and filled on every row (a CSV column) stays dense and is only ever
//! pushed to, as before.
//!
//! Event columns are set in row order (always on the last event pushed); a second value for the same
//! event replaces the first (XES: the last of two equal keys wins). Case columns are set in any case
//! order; a case keeps the first value it gets, and every later different value is kept aside as a
//! conflict for the import report. Neither the values kept nor the conflicts depend on when the column
//! switched, nor on how a file was split between builders ([`Cells::replay_into`]).

use super::columns::MISSING_KEY;
use super::reorder::Reorder;
use super::symbols::NoRoom;

/// A column whose padding would leave it under this share full turns sparse (1 / `SPARSE_BELOW`).
const SPARSE_BELOW: usize = 4;
/// A sparse column with at least this share of its rows filled turns dense (1 / `DENSE_FROM`).
const DENSE_FROM: usize = 2;

#[derive(Debug, Clone)]
enum Repr {
    /// A key per row, [`MISSING_KEY`] where there is none; rows past the end have none.
    Dense(Vec<u32>),
    /// `(row, key)` pairs in the order set. Event columns: rows increasing, one pair per row. Case
    /// columns: any order, possibly several pairs per case until [`Cells::settle_cases`].
    Sparse(Vec<(u32, u32)>),
}

/// The cells of one attribute column.
#[derive(Debug, Clone)]
pub(crate) struct Cells {
    repr: Repr,
    /// Rows with a value (dense); pairs (sparse).
    present: usize,
    /// Case columns: `(case, key)` of values that differed from the value the case kept.
    conflicts: Vec<(u32, u32)>,
}

impl Default for Cells {
    fn default() -> Self {
        Cells {
            repr: Repr::Dense(Vec::new()),
            present: 0,
            conflicts: Vec::new(),
        }
    }
}

impl Cells {
    /// Rows (or cases) with a value. Exact for event columns and for settled case columns.
    pub(crate) fn present(&self) -> usize {
        self.present
    }

    /// Values set on a case after it had a different one.
    pub(crate) fn conflicts(&self) -> &[(u32, u32)] {
        &self.conflicts
    }

    /// Bytes the values set so far take (by length, not the capacity reserved ahead), for the
    /// import's memory estimate.
    pub(crate) fn used_bytes(&self) -> usize {
        match &self.repr {
            Repr::Dense(v) => v.len() * 4,
            Repr::Sparse(p) => p.len() * 8,
        }
    }

    /// Heap bytes held.
    #[cfg(test)]
    pub(crate) fn capacity_bytes(&self) -> usize {
        let cells = match &self.repr {
            Repr::Dense(v) => v.capacity() * 4,
            Repr::Sparse(p) => p.capacity() * 8,
        };
        cells + self.conflicts.capacity() * 8
    }

    /// Reserves slots for `rows` more rows, when the column is dense.
    pub(crate) fn reserve(&mut self, rows: usize) {
        if let Repr::Dense(v) = &mut self.repr {
            // A hint: the room is asked for again, fallibly, as rows come.
            let _ = v.try_reserve(rows);
        }
    }

    /// Reserves what setting event `row` next will push, so that a failed allocation is an error
    /// here rather than an abort there. Reserves nothing the set would not take (a column turning
    /// sparse gets no dense slots).
    pub(crate) fn room_for_event(&mut self, row: u32) -> Result<(), NoRoom> {
        let r = row as usize;
        match &mut self.repr {
            Repr::Dense(v)
                if r >= v.len() && (r == v.len() || !too_sparse(self.present + 1, r + 1)) =>
            {
                v.try_reserve(r + 1 - v.len())?
            }
            Repr::Sparse(p) => p.try_reserve(1)?,
            Repr::Dense(_) => {}
        }
        Ok(())
    }

    /// The same for case `case` of `cases` ([`set_case`](Self::set_case)).
    pub(crate) fn room_for_case(&mut self, case: u32, cases: usize) -> Result<(), NoRoom> {
        let c = case as usize;
        self.conflicts.try_reserve(1)?;
        match &mut self.repr {
            Repr::Dense(v)
                if c >= v.len()
                    && (c == v.len() || !too_sparse(self.present + 1, cases.max(c + 1))) =>
            {
                v.try_reserve(c + 1 - v.len())?
            }
            Repr::Sparse(p) => p.try_reserve(1)?,
            Repr::Dense(_) => {}
        }
        Ok(())
    }

    /// Sets the value of event `row` when that is a push onto a dense column with room left (a CSV
    /// column, row after row): `false` leaves the work to [`room_for_event`](Self::room_for_event)
    /// and [`set_event`](Self::set_event).
    #[inline]
    pub(crate) fn push_event(&mut self, row: u32, key: u32) -> bool {
        match &mut self.repr {
            Repr::Dense(v) if v.len() == row as usize && v.len() < v.capacity() => {
                v.push(key);
                self.present += 1;
                true
            }
            _ => false,
        }
    }

    /// Sets the value of event `row`, the last event pushed (rows never go back).
    #[inline]
    pub(crate) fn set_event(&mut self, row: u32, key: u32) {
        let r = row as usize;
        match &mut self.repr {
            Repr::Dense(v) => {
                if let Some(slot) = v.get_mut(r) {
                    if *slot == MISSING_KEY {
                        self.present += 1;
                    }
                    *slot = key;
                    return;
                }
                if r == v.len() || !too_sparse(self.present + 1, r + 1) {
                    v.resize(r, MISSING_KEY);
                    v.push(key);
                    self.present += 1;
                    return;
                }
                let pairs = filled(v);
                self.repr = Repr::Sparse(pairs);
                self.set_event(row, key);
            }
            Repr::Sparse(p) => {
                if let Some(last) = p.last_mut().filter(|l| l.0 == row) {
                    last.1 = key;
                    return;
                }
                p.push((row, key));
                self.present += 1;
                if dense_enough(self.present, r + 1) {
                    let mut v = vec![MISSING_KEY; r + 1];
                    for &(row, key) in p.iter() {
                        v[row as usize] = key;
                    }
                    self.repr = Repr::Dense(v);
                }
            }
        }
    }

    /// Gives case `case` the value `key` unless it already has one; `cases` is how many cases exist.
    #[inline]
    pub(crate) fn set_case(&mut self, case: u32, key: u32, cases: usize) {
        let c = case as usize;
        match &mut self.repr {
            Repr::Dense(v) => {
                if let Some(slot) = v.get_mut(c) {
                    if *slot == MISSING_KEY {
                        *slot = key;
                        self.present += 1;
                    } else if *slot != key {
                        self.conflicts.push((case, key));
                    }
                    return;
                }
                if c == v.len() || !too_sparse(self.present + 1, cases.max(c + 1)) {
                    v.resize(c, MISSING_KEY);
                    v.push(key);
                    self.present += 1;
                    return;
                }
                let pairs = filled(v);
                self.present = pairs.len();
                self.repr = Repr::Sparse(pairs);
                self.set_case(case, key, cases);
            }
            Repr::Sparse(p) => {
                if p.last() == Some(&(case, key)) {
                    return;
                }
                p.push((case, key));
                self.present += 1;
                if dense_enough(self.present, cases.max(c + 1)) {
                    self.settle_cases();
                    if let Repr::Sparse(p) = &self.repr {
                        let len = p.last().map_or(0, |&(c, _)| c as usize + 1);
                        let mut v = vec![MISSING_KEY; len];
                        for &(case, key) in p {
                            v[case as usize] = key;
                        }
                        self.repr = Repr::Dense(v);
                    }
                }
            }
        }
    }

    /// Case columns: leaves one pair per case, in case order, holding the first value the case was
    /// given; the later different ones go to the conflicts. `present` is then exact.
    pub(crate) fn settle_cases(&mut self) {
        let Repr::Sparse(p) = &mut self.repr else {
            return;
        };
        // A stable sort keeps each case's values in the order they were set.
        p.sort_by_key(|&(case, _)| case);
        let mut kept: Vec<(u32, u32)> = Vec::with_capacity(p.len());
        for &(case, key) in p.iter() {
            match kept.last() {
                Some(&(c, k)) if c == case => {
                    if k != key {
                        self.conflicts.push((case, key));
                    }
                }
                _ => kept.push((case, key)),
            }
        }
        self.present = kept.len();
        *p = kept;
    }

    /// The value a case kept, or [`MISSING_KEY`]. Case columns, after [`settle_cases`](Self::settle_cases).
    pub(crate) fn case_key(&self, case: u32) -> u32 {
        match &self.repr {
            Repr::Dense(v) => v.get(case as usize).copied().unwrap_or(MISSING_KEY),
            Repr::Sparse(p) => p
                .binary_search_by_key(&case, |&(c, _)| c)
                .map_or(MISSING_KEY, |i| p[i].1),
        }
    }

    /// Whether the column holds pairs.
    pub(crate) fn is_sparse(&self) -> bool {
        matches!(self.repr, Repr::Sparse(_))
    }

    /// Event columns: the keys of the rows in the new order. `position`, needed only for a sparse
    /// column, gives each old row's new position (`u32::MAX` for a row left out).
    pub(crate) fn into_event_keys(self, order: &Reorder, position: Option<&[u32]>) -> Vec<u32> {
        match self.repr {
            Repr::Dense(v) => order.apply(v, MISSING_KEY),
            Repr::Sparse(p) => {
                let mut keys = vec![MISSING_KEY; order.order().len()];
                if let Some(position) = position {
                    for (row, key) in p {
                        if let Some(&at) = position.get(row as usize) {
                            if let Some(slot) = keys.get_mut(at as usize) {
                                *slot = key;
                            }
                        }
                    }
                }
                keys
            }
        }
    }

    /// Case columns (settled): the keys of `cases` new cases, `new_index` giving each old case's new index
    /// (`u32::MAX` for a case left out).
    pub(crate) fn into_case_keys(self, new_index: &[u32], cases: usize) -> Vec<u32> {
        let mut keys = vec![MISSING_KEY; cases];
        let mut put = |old: usize, key: u32| {
            if let Some(&ni) = new_index.get(old) {
                if let Some(slot) = keys.get_mut(ni as usize) {
                    *slot = key;
                }
            }
        };
        match self.repr {
            Repr::Dense(v) => {
                for (old, key) in v.into_iter().enumerate() {
                    put(old, key);
                }
            }
            Repr::Sparse(p) => {
                for (old, key) in p {
                    put(old as usize, key);
                }
            }
        }
        keys
    }

    /// Event columns: appends the rows of `other`, which come right after `base` rows of this column,
    /// with keys mapped: what [`replay_into`](Self::replay_into) gives, but a dense column onto a dense
    /// one is copied in one pass instead of set cell by cell.
    pub(crate) fn append_events(&mut self, other: &Cells, base: u32, key: impl Fn(u32) -> u32) {
        if let (Repr::Dense(v), Repr::Dense(w)) = (&mut self.repr, &other.repr) {
            let rows = base as usize + w.len();
            let present = self.present + other.present;
            if !too_sparse(present, rows) && v.try_reserve(rows.saturating_sub(v.len())).is_ok() {
                v.resize(base as usize, MISSING_KEY);
                v.extend(w.iter().map(|&k| if k == MISSING_KEY { k } else { key(k) }));
                self.present = present;
                return;
            }
        }
        other.replay_into(self, true, |r| r + base, key, 0);
    }

    /// Sets every cell of `self` into `into` as if the rows that filled it were read again there, in
    /// order, with rows and keys mapped: how a builder takes the part of the file another one read.
    /// Event rows must come after every row of `into`.
    pub(crate) fn replay_into(
        &self,
        into: &mut Cells,
        event: bool,
        row: impl Fn(u32) -> u32,
        key: impl Fn(u32) -> u32,
        cases: usize,
    ) {
        let mut set = |r: u32, k: u32| {
            if event {
                into.set_event(row(r), key(k));
            } else {
                into.set_case(row(r), key(k), cases);
            }
        };
        match &self.repr {
            Repr::Dense(v) => {
                for (r, &k) in v.iter().enumerate() {
                    if k != MISSING_KEY {
                        set(r as u32, k);
                    }
                }
            }
            Repr::Sparse(p) => {
                for &(r, k) in p {
                    set(r, k);
                }
            }
        }
        // Values a case got after its first (only case columns have any): they come later in the file
        // than the values above, and `into` judges them against the values it keeps.
        for &(r, k) in &self.conflicts {
            set(r, k);
        }
    }
}

/// The filled cells of a dense column as pairs.
fn filled(v: &[u32]) -> Vec<(u32, u32)> {
    v.iter()
        .enumerate()
        .filter(|(_, &k)| k != MISSING_KEY)
        .map(|(r, &k)| (r as u32, k))
        .collect()
}

#[inline]
fn too_sparse(present: usize, rows: usize) -> bool {
    present.saturating_mul(SPARSE_BELOW) < rows
}

#[inline]
fn dense_enough(present: usize, rows: usize) -> bool {
    present.saturating_mul(DENSE_FROM) >= rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event_keys(c: Cells, rows: u32) -> Vec<u32> {
        let order: Vec<u32> = (0..rows).collect();
        c.into_event_keys(&Reorder::new(&order, order.len()), Some(&order))
    }

    #[test]
    fn a_sparse_event_column_stays_small_and_reads_back() {
        let mut c = Cells::default();
        // One value every 1,000 rows.
        for r in (0..100_000).step_by(1000) {
            c.set_event(r, r / 1000);
        }
        assert!(c.is_sparse());
        assert!(c.capacity_bytes() <= 100 * 8 * 2, "{}", c.capacity_bytes());
        let keys = event_keys(c, 100_000);
        assert_eq!(keys[0], 0);
        assert_eq!(keys[5000], 5);
        assert_eq!(keys[5001], MISSING_KEY);
    }

    #[test]
    fn a_column_filling_up_turns_dense_and_back() {
        let mut c = Cells::default();
        c.set_event(100, 7); // late start: pairs
        assert!(c.is_sparse());
        for r in 101..400 {
            c.set_event(r, 1);
        }
        assert!(!c.is_sparse());
        c.set_event(399, 2); // the same row again: replaced
        c.set_event(5000, 3); // a long gap: pairs again
        assert!(c.is_sparse());
        let keys = event_keys(c, 5001);
        assert_eq!(keys[99], MISSING_KEY);
        assert_eq!((keys[100], keys[101], keys[399]), (7, 1, 2));
        assert_eq!(keys[5000], 3);
        assert_eq!(keys.iter().filter(|&&k| k != MISSING_KEY).count(), 301);
    }

    #[test]
    fn case_columns_keep_the_first_value_whatever_the_form() {
        // The same sets, into a column that stays dense and one that goes sparse first.
        let sets = [(0, 1), (1, 2), (0, 1), (0, 3), (2, 4), (1, 5), (0, 6)];
        let mut dense = Cells::default();
        for &(c, k) in &sets {
            dense.set_case(c, k, 3);
        }
        let mut sparse = Cells::default();
        sparse.set_case(900, 9, 1000);
        assert!(sparse.is_sparse());
        for &(c, k) in &sets {
            sparse.set_case(c, k, 1000);
        }
        for col in [&mut dense, &mut sparse] {
            col.settle_cases();
            assert_eq!(
                (col.case_key(0), col.case_key(1), col.case_key(2)),
                (1, 2, 4)
            );
            let mut conflicts = col.conflicts().to_vec();
            conflicts.sort();
            assert_eq!(conflicts, [(0, 3), (0, 6), (1, 5)]);
        }
        assert_eq!(sparse.case_key(900), 9);
        assert_eq!(sparse.present(), 4);
    }

    #[test]
    fn replaying_a_later_part_gives_what_one_column_gets() {
        let sets = [(0, 1), (1, 2), (0, 3), (2, 4), (1, 2), (3, 7), (2, 8)];
        let mut whole = Cells::default();
        for &(c, k) in &sets {
            whole.set_case(c, k, 4);
        }
        let (mut first, mut second) = (Cells::default(), Cells::default());
        for &(c, k) in &sets[..3] {
            first.set_case(c, k, 4);
        }
        for &(c, k) in &sets[3..] {
            second.set_case(c, k, 4);
        }
        second.replay_into(&mut first, false, |r| r, |k| k, 4);
        for col in [&mut whole, &mut first] {
            col.settle_cases();
        }
        let keys = |c: &Cells| (0..4).map(|i| c.case_key(i)).collect::<Vec<_>>();
        assert_eq!(keys(&first), keys(&whole));
        let sorted = |c: &Cells| {
            let mut v = c.conflicts().to_vec();
            v.sort();
            v.dedup();
            v
        };
        assert_eq!(sorted(&first), sorted(&whole));
    }

    #[test]
    fn appending_a_later_part_of_events_gives_what_one_column_gets() {
        // Per part: every row filled (dense), one row in 50 (sparse), none, and a dense part ending
        // in empty rows; each pair of parts appended, against one column read straight through.
        let fill = |rows: u32, every: u32, upto: u32| -> Vec<(u32, u32)> {
            (0..rows)
                .filter(|r| r % every == 0 && *r < upto)
                .map(|r| (r, r % 7))
                .collect()
        };
        let parts = [
            (300, fill(300, 1, 300)),
            (300, fill(300, 50, 300)),
            (300, Vec::new()),
            (300, fill(300, 1, 200)),
        ];
        let key = |k: u32| k * 10 + 1;
        for (rows_a, a) in &parts {
            for (rows_b, b) in &parts {
                let (mut first, mut second, mut whole) =
                    (Cells::default(), Cells::default(), Cells::default());
                for &(r, k) in a {
                    first.set_event(r, key(k));
                    whole.set_event(r, key(k));
                }
                for &(r, k) in b {
                    second.set_event(r, k);
                    whole.set_event(rows_a + r, key(k));
                }
                first.append_events(&second, *rows_a, key);
                assert_eq!(first.present(), whole.present());
                let rows = rows_a + rows_b;
                assert_eq!(event_keys(first, rows), event_keys(whole, rows));
            }
        }
    }
}
