//! Putting the rows read from a file into the log's order (by case, then time), column by column.
//!
//! Most files already list each case's events together and in time order, so the new order is the
//! file's order but for a few rows. Gathering every column into a new vector would then allocate and
//! fault in a second copy of each (12 attribute columns of 10 M events: about 0.5 GB) only to copy it
//! unchanged; instead the few rows that move are rewritten in place.

/// The old row of each new position, and, when few rows move, which positions do.
pub(crate) struct Reorder<'a> {
    order: &'a [u32],
    /// Positions whose row is not the one already there; `None` when too many move to gain.
    moved: Option<Vec<u32>>,
}

/// In place only when at most one position in this many moves: past it, gathering is as cheap.
const IN_PLACE_AT_MOST_ONE_IN: usize = 8;

impl<'a> Reorder<'a> {
    /// `order[i]` is the row that goes to position `i`; `rows` is how many rows were read (more than
    /// `order.len()` when some were left out, which rules out working in place).
    pub(crate) fn new(order: &'a [u32], rows: usize) -> Self {
        let moved = (order.len() == rows)
            .then(|| {
                let limit = rows / IN_PLACE_AT_MOST_ONE_IN;
                let mut moved = Vec::new();
                for (at, &row) in order.iter().enumerate() {
                    if row as usize != at {
                        if moved.len() == limit {
                            return None;
                        }
                        moved.push(at as u32);
                    }
                }
                Some(moved)
            })
            .flatten();
        Reorder { order, moved }
    }

    /// The old row of each new position.
    pub(crate) fn order(&self) -> &'a [u32] {
        self.order
    }

    /// The values of `column` (one per row read, padded with `missing` when shorter) in the new order.
    pub(crate) fn apply<T: Copy>(&self, mut column: Vec<T>, missing: T) -> Vec<T> {
        match &self.moved {
            Some(moved) => {
                column.resize(self.order.len(), missing);
                // Every moved value is read before any is written: a position's row may itself move.
                let values: Vec<T> = moved
                    .iter()
                    .map(|&at| column[self.order[at as usize] as usize])
                    .collect();
                for (&at, v) in moved.iter().zip(values) {
                    column[at as usize] = v;
                }
                column
            }
            None => self
                .order
                .iter()
                .map(|&r| column.get(r as usize).copied().unwrap_or(missing))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gathered(column: &[i64], order: &[u32]) -> Vec<i64> {
        order
            .iter()
            .map(|&r| column.get(r as usize).copied().unwrap_or(-1))
            .collect()
    }

    #[test]
    fn in_place_or_gathered_the_column_comes_out_in_the_new_order() {
        let column: Vec<i64> = (0..64).map(|i| i * 10).collect();
        // A few rows swapped (in place), a cycle of three, then most rows moved (gathered), then rows
        // left out, then a column shorter than the rows (its tail has no values).
        let mut few: Vec<u32> = (0..64).collect();
        few.swap(3, 4);
        few[10..13].rotate_left(1);
        let many: Vec<u32> = (0..64).rev().collect();
        let fewer: Vec<u32> = (0..64).filter(|r| r % 5 != 0).collect();
        for (order, rows, in_place) in [(&few, 64, true), (&many, 64, false), (&fewer, 64, false)] {
            let r = Reorder::new(order, rows);
            assert_eq!(r.moved.is_some(), in_place, "{order:?}");
            assert_eq!(r.apply(column.clone(), -1), gathered(&column, order));
            assert_eq!(
                r.apply(column[..50].to_vec(), -1),
                gathered(&column[..50], order)
            );
        }
        let identity: Vec<u32> = (0..64).collect();
        assert_eq!(Reorder::new(&identity, 64).moved, Some(vec![]));
    }
}
