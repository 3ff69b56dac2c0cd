//! Stable sorts that share one compiled sort, for the lists a screen shows (rows, activities, edges,
//! variants).
//!
//! Why: every `sort_by` with its own closure or element type compiles to its own copy of the standard
//! library's sort, about 4.5 KB of wasm each; the page's wasm (which also runs the first map's engine)
//! held 36 of them, a tenth of its code. These functions sort a permutation of indices through one
//! comparator behind `&dyn`, so that every caller shares one copy, then move the items into that order.
//! The result is exactly `slice::sort_by`'s (stable), but slower: about 10x on a million rows
//! (`cargo run --release -p relance-engine --example sort_order`: 265 ms against 25 ms), from the
//! indirect call and the random reads per comparison and the permutation after. So: for lists of
//! hundreds to tens of thousands (activities, edges, variants' table rows, findings), never for lists
//! that grow with the events or the cases (the import's per-event sorts, the dotted chart's rows, the
//! variant ranking, the case lists): those keep `sort_by`/`sort_by_key`.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, as `items.sort_by(cmp)` does.
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_dyn(&mut order, &|a, b| cmp(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` stably by `key`, as `items.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts indices stably by a comparison of what they index, as `idx.sort_by(cmp)` does.
pub fn sort_indices_by(idx: &mut [usize], cmp: impl Fn(usize, usize) -> Ordering) {
    sort_dyn(idx, &cmp);
}

/// The one compiled sort.
#[inline(never)]
fn sort_dyn(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(a, b));
}

/// Puts `items` in `order`: position `k` receives the item that was at `order[k]` (a permutation),
/// following each cycle with swaps.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut done = vec![false; order.len()];
    for start in 0..order.len() {
        let mut k = start;
        while !done[k] {
            done[k] = true;
            let from = order[k];
            if from == start {
                break;
            }
            items.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency): xorshift.
    fn draws(seed: u64, n: usize) -> Vec<u64> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            })
            .collect()
    }

    #[test]
    fn equals_the_standard_stable_sort_ties_included() {
        for (seed, n) in [(1, 0), (2, 1), (3, 2), (4, 17), (5, 300), (6, 5000)] {
            // Keys with many ties, tagged with their first position to see stability.
            let items: Vec<(u64, usize)> = draws(seed, n)
                .into_iter()
                .enumerate()
                .map(|(i, d)| (d % 7, i))
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|a| std::cmp::Reverse(a.0));
            let mut got = items.clone();
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, want, "n = {n}");
            let mut got = items.clone();
            sort_by_key(&mut got, |a| a.0);
            want.sort_by_key(|a| a.0);
            assert_eq!(got, want, "n = {n}");
        }
    }

    #[test]
    fn sorts_indices_by_what_they_index() {
        let weights = [3.0_f64, 1.0, 2.0, 1.0];
        let mut idx = vec![0, 1, 2, 3];
        sort_indices_by(&mut idx, |a, b| weights[a].total_cmp(&weights[b]));
        assert_eq!(idx, [1, 3, 2, 0]);
    }
}
