//! Variant filters: chosen sequences, the top k, or variants with at least n cases.

use super::Selection;
use crate::analysis::variants;
use crate::log::{ActivityId, EventLog};

/// Cases whose (selected) activity sequence is one of `sequences`.
pub fn with_sequences(log: &EventLog, sel: &Selection, sequences: &[Vec<String>]) -> Selection {
    let wanted: Vec<Vec<ActivityId>> = sequences
        .iter()
        .filter_map(|s| {
            s.iter()
                .map(|name| log.find_activity(name))
                .collect::<Option<Vec<_>>>()
        })
        .collect();
    let acts = log.activities();
    Selection::from_fn(log, |c| {
        sel.contains(c) && {
            let seq = &acts[sel.events(log, c)];
            wanted.iter().any(|w| w.as_slice() == seq)
        }
    })
}

/// Cases of the `k` most frequent variants of the selection.
pub fn top(log: &EventLog, sel: &Selection, k: usize) -> Selection {
    let v = variants(log, sel);
    Selection::from_fn(log, |c| {
        v.case_variant[c] != u32::MAX && (v.case_variant[c] as usize) < k
    })
}

/// Cases of variants with at least `n` cases in the selection.
pub fn min_cases(log: &EventLog, sel: &Selection, n: u64) -> Selection {
    let v = variants(log, sel);
    Selection::from_fn(log, |c| {
        let r = v.case_variant[c];
        r != u32::MAX && v.variants[r as usize].cases >= n
    })
}
