//! Variants: cases grouped by their sequence of activities.
//!
//! Cases are contiguous in the activity column, so a case's sequence is a slice of it and the grouping
//! hashes slices: no sequence is copied until a new variant is found.

use super::stats::DurationStats;
use crate::filter::Selection;
use crate::log::{ActivityId, CaseIdx, EventLog};
use rustc_hash::FxHashMap;

/// One variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The activity sequence.
    pub activities: Vec<ActivityId>,
    /// Cases following it.
    pub cases: u64,
    /// Share of the selected cases.
    pub share: f64,
    /// Share of the selected cases covered by this variant and all before it.
    pub cumulative_share: f64,
    /// Durations of its cases.
    pub duration: DurationStats,
}

/// The variants of a selection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Variants {
    /// By cases descending, then by sequence (activity names compared in order).
    pub variants: Vec<Variant>,
    /// Per case of the log, its variant's rank in `variants`, or `u32::MAX` when not selected.
    pub case_variant: Vec<u32>,
}

impl Variants {
    /// The cases of a variant, in case order.
    pub fn cases_of(&self, rank: usize) -> impl Iterator<Item = CaseIdx> + '_ {
        self.case_variant
            .iter()
            .enumerate()
            .filter(move |(_, &v)| v as usize == rank)
            .map(|(c, _)| c)
    }
}

/// Groups the selected cases by activity sequence.
pub fn variants(log: &EventLog, sel: &Selection) -> Variants {
    let acts = log.activities();
    let times = log.times();
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
    let total: u64 = counts.iter().sum();

    // Case durations grouped by variant (counting sort), for each variant's statistics.
    let mut offsets = Vec::with_capacity(counts.len() + 1);
    let mut acc = 0usize;
    for &c in &counts {
        offsets.push(acc);
        acc += c as usize;
    }
    offsets.push(acc);
    let mut fill = offsets.clone();
    let mut durations = vec![0i64; acc];
    for (case, r) in sel.cases(log) {
        let v = case_variant[case];
        if v == u32::MAX {
            continue;
        }
        durations[fill[v as usize]] = times[r.end - 1] - times[r.start];
        fill[v as usize] += 1;
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
    let mut cum = 0u64;
    let variants = order
        .iter()
        .enumerate()
        .map(|(rank, &v)| {
            rank_of[v] = rank as u32;
            cum += counts[v];
            Variant {
                activities: seqs[v].to_vec(),
                cases: counts[v],
                share: counts[v] as f64 / total.max(1) as f64,
                cumulative_share: cum as f64 / total.max(1) as f64,
                duration: DurationStats::from_ms(&mut durations[offsets[v]..offsets[v + 1]]),
            }
        })
        .collect();
    for v in case_variant.iter_mut().filter(|v| **v != u32::MAX) {
        *v = rank_of[*v as usize];
    }
    Variants {
        variants,
        case_variant,
    }
}
