//! Variants: cases grouped by their sequence of activities.
//!
//! The grouping and ranking (most cases first) belong to the variant filters, which keep the top k
//! variants; this module adds what a variant table shows: shares and durations.

use super::stats::DurationStats;
pub use crate::filter::variant::{rank, Ranked};
use crate::filter::Selection;
use crate::log::{ActivityId, CaseIdx, EventLog};

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

/// Groups the selected cases by activity sequence (the grouping and ranking are the filters' own,
/// [`rank`]) and describes each variant: its share and its cases' durations.
pub fn variants(log: &EventLog, sel: &Selection) -> Variants {
    let times = log.times();
    let Ranked {
        sequences,
        cases: counts,
        case_variant,
    } = rank(log, sel);
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

    let mut cum = 0u64;
    let variants = sequences
        .iter()
        .enumerate()
        .map(|(v, seq)| {
            cum += counts[v];
            Variant {
                activities: seq.to_vec(),
                cases: counts[v],
                share: counts[v] as f64 / total.max(1) as f64,
                cumulative_share: cum as f64 / total.max(1) as f64,
                duration: DurationStats::from_ms(&mut durations[offsets[v]..offsets[v + 1]]),
            }
        })
        .collect();
    Variants {
        variants,
        case_variant,
    }
}
