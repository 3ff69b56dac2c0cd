//! Variant filters: chosen sequences, the top k, or variants with at least n cases.
//!
//! Cases are contiguous in the activity column, so a case's sequence is a slice of it and the grouping
//! ([`rank`]) hashes slices: no sequence is copied until a new variant is found.

use super::Selection;
use crate::log::{ActivityId, EventLog};
use rustc_hash::FxHashMap;

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
    let v = rank(log, sel);
    Selection::from_fn(log, |c| {
        v.case_variant[c] != u32::MAX && (v.case_variant[c] as usize) < k
    })
}

/// Cases of variants with at least `n` cases in the selection.
pub fn min_cases(log: &EventLog, sel: &Selection, n: u64) -> Selection {
    let v = rank(log, sel);
    Selection::from_fn(log, |c| {
        let r = v.case_variant[c];
        r != u32::MAX && v.cases[r as usize] >= n
    })
}

/// The selected cases grouped by activity sequence and ranked: most cases first, ties broken by the
/// sequences' activity names compared in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranked<'a> {
    /// Each variant's activity sequence, by rank.
    pub sequences: Vec<&'a [ActivityId]>,
    /// Each variant's number of cases, by rank.
    pub cases: Vec<u64>,
    /// Per case of the log, its variant's rank, or `u32::MAX` when not selected (or without events).
    pub case_variant: Vec<u32>,
}

/// Groups the selected cases by activity sequence and ranks the groups.
pub fn rank<'a>(log: &'a EventLog, sel: &Selection) -> Ranked<'a> {
    let acts = log.activities();
    let mut ids: FxHashMap<&[ActivityId], u32> = FxHashMap::default();
    let mut seqs: Vec<&[ActivityId]> = Vec::new();
    let mut counts: Vec<u64> = Vec::new();
    let mut case_variant = vec![u32::MAX; log.case_count()];
    for (case, r) in sel.cases(log) {
        if r.is_empty() {
            continue;
        }
        let seq = &acts[r];
        let next = seqs.len() as u32;
        let v = *ids.entry(seq).or_insert(next);
        if v == next {
            seqs.push(seq);
            counts.push(0);
        }
        counts[v as usize] += 1;
        case_variant[case] = v;
    }
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    order.sort_by(|&a, &b| {
        counts[b].cmp(&counts[a]).then_with(|| {
            let (sa, sb) = (seqs[a], seqs[b]);
            sa.iter()
                .map(|&x| log.activity_name(x))
                .cmp(sb.iter().map(|&x| log.activity_name(x)))
        })
    });
    let mut rank_of = vec![0u32; seqs.len()];
    for (rank, &v) in order.iter().enumerate() {
        rank_of[v] = rank as u32;
    }
    for v in case_variant.iter_mut().filter(|v| **v != u32::MAX) {
        *v = rank_of[*v as usize];
    }
    Ranked {
        sequences: order.iter().map(|&v| seqs[v]).collect(),
        cases: order.iter().map(|&v| counts[v]).collect(),
        case_variant,
    }
}
