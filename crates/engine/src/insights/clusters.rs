//! Clustered cases: invoices of one customer share the customer's habits, so they carry less
//! information than as many independent invoices. When the log has a customer column, every interval
//! and p-value of the insights allows for it through a **design effect** per group (Kish, *Survey
//! Sampling*, 1965): the cluster-robust variance of the group's share over its binomial variance.
//!
//! - A share `k / n` over cases in customer clusters has the cluster-robust (linearisation, "sandwich")
//!   variance `C/(C−1) · Σ_u (k_u − p·n_u)² / n²` over its `C` customers (Cameron & Miller, *J. Human
//!   Resources* 50:317, 2015, eq. 11 with the usual small-sample factor); its design effect is that
//!   over `p(1−p)/n`. It is taken as at least 1 (never narrower than the naive interval: with few
//!   customers the robust variance is biased downwards) and at most `n` (one case's worth).
//! - When the variance cannot be estimated (a single customer, or a group whose cases all agree), the
//!   group counts each customer once: design effect `n / C`.
//! - Rates then use the effective counts `n / deff` in Wilson's and Newcombe's intervals and in the z
//!   test (the first-order Rao–Scott correction); medians use the design effect of the share of cases
//!   above them (Woodruff, JASA 1952): the order-statistic interval widens and the bootstrap draws
//!   `n / deff` values per replicate.
//! - Everything is computed in one pass over the known cases in customer order per driver (or per pair
//!   of drivers) with [`moments`]: the sums of squares of each group's per-customer counts and their
//!   products with the reference set's (every known case, or the parent's cases for a subgroup), from
//!   which the rest's sums follow ([`Moments::rest`]). No resampling: deterministic, and the same on
//!   every platform.

use crate::log::{Attribute, CaseIdx, EventLog, Value};
use crate::Selection;

/// No group or reference set.
pub const NONE: u32 = u32::MAX;

/// The customer of every case of the population.
#[derive(Debug, Clone)]
pub struct Clusters {
    /// The customer column's name.
    pub column: String,
    /// Per case of the log, its customer's index ([`NONE`] outside the population); a case without a
    /// customer is a customer of its own.
    of_case: Vec<u32>,
    /// Number of customers (indices `0..count`).
    count: usize,
}

impl Clusters {
    /// The customers of the population's cases from the customer column (the case's value, or the
    /// first value on its events); `None` without a column.
    pub fn from_column(
        log: &EventLog,
        population: &Selection,
        column: Option<&Attribute>,
    ) -> Option<Clusters> {
        let attr = column?;
        // A key per case: the text's dictionary key, or the number's or instant's bits; then dense ids.
        let mut keyed: Vec<(u8, u64, CaseIdx)> = Vec::new();
        for (c, r) in population.cases(log) {
            if r.is_empty() {
                continue;
            }
            let key = match log.case_value(attr, c) {
                Value::Missing => (3, c as u64),
                Value::Text(s) => (0, fnv(s)),
                Value::Number(x) => (1, x.to_bits()),
                Value::Time(t) => (2, t as u64),
            };
            keyed.push((key.0, key.1, c));
        }
        // Texts are keyed by a hash; equal hashes of different texts are told apart below.
        keyed.sort_unstable_by_key(|a| (a.0, a.1, a.2));
        let mut of_case = vec![NONE; log.case_count()];
        let mut count = 0u32;
        let mut i = 0;
        while i < keyed.len() {
            let (kind, key, _) = keyed[i];
            let mut j = i;
            while j < keyed.len() && keyed[j].0 == kind && keyed[j].1 == key {
                j += 1;
            }
            if kind == 3 {
                for &(_, _, c) in &keyed[i..j] {
                    of_case[c] = count;
                    count += 1;
                }
            } else if kind == 0 {
                // One id per distinct text within the hash bucket (almost always one).
                let mut seen: Vec<(String, u32)> = Vec::new();
                for &(_, _, c) in &keyed[i..j] {
                    let text = log.case_value(attr, c).display();
                    let id = match seen.iter().find(|(t, _)| *t == text) {
                        Some(&(_, id)) => id,
                        None => {
                            seen.push((text, count));
                            count += 1;
                            count - 1
                        }
                    };
                    of_case[c] = id;
                }
            } else {
                for &(_, _, c) in &keyed[i..j] {
                    of_case[c] = count;
                }
                count += 1;
            }
            i = j;
        }
        Some(Clusters {
            column: attr.name.clone(),
            of_case,
            count: count as usize,
        })
    }

    /// Clusters from a customer index per case of the log ([`NONE`] outside the population).
    pub fn from_ids(column: &str, of_case: Vec<u32>) -> Clusters {
        let count = of_case
            .iter()
            .filter(|&&u| u != NONE)
            .map(|&u| u as usize + 1)
            .max()
            .unwrap_or(0);
        Clusters {
            column: column.to_string(),
            of_case,
            count,
        }
    }

    /// Customers of the population.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The customer of a case of the population.
    #[inline]
    pub fn of(&self, c: CaseIdx) -> u32 {
        self.of_case.get(c).copied().unwrap_or(NONE)
    }

    /// `cases` in customer order (a counting sort, stable: case order within a customer).
    pub fn blocks(&self, cases: &[CaseIdx]) -> Blocks {
        let mut starts = vec![0u32; self.count + 1];
        for &c in cases {
            if let Some(s) = starts.get_mut(self.of(c) as usize + 1) {
                *s += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut order = vec![0; starts[self.count] as usize];
        for &c in cases {
            if let Some(slot) = next.get_mut(self.of(c) as usize) {
                order[*slot as usize] = c;
                *slot += 1;
            }
        }
        starts.dedup();
        Blocks { order, starts }
    }
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Cases in customer order, each customer's cases one block.
#[derive(Debug, Clone)]
pub struct Blocks {
    order: Vec<CaseIdx>,
    /// Block boundaries: block `i` is `order[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
}

impl Blocks {
    /// Each customer's cases.
    pub fn iter(&self) -> impl Iterator<Item = &[CaseIdx]> {
        self.starts
            .windows(2)
            .map(|w| &self.order[w[0] as usize..w[1] as usize])
    }
}

/// The per-customer sums of one group of cases, and their products with its reference set's.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// Cases.
    pub n: f64,
    /// Cases with the outcome ("yes").
    pub k: f64,
    /// Σ over customers of k_u².
    pub kk: f64,
    /// Σ k_u·n_u.
    pub kn: f64,
    /// Σ n_u².
    pub nn: f64,
    /// Customers with a case in the group.
    pub customers: f64,
    /// Σ K_u·k_u, with (K_u, N_u) the reference set's counts of customer u.
    pub ref_kk: f64,
    /// Σ K_u·n_u.
    pub ref_kn: f64,
    /// Σ N_u·k_u.
    pub ref_nk: f64,
    /// Σ N_u·n_u.
    pub ref_nn: f64,
    /// Customers whose every case of the reference set is in the group.
    pub whole: f64,
}

impl Moments {
    fn add(&mut self, k: f64, n: f64, ref_k: f64, ref_n: f64) {
        self.n += n;
        self.k += k;
        self.kk += k * k;
        self.kn += k * n;
        self.nn += n * n;
        self.customers += 1.0;
        self.ref_kk += ref_k * k;
        self.ref_kn += ref_k * n;
        self.ref_nk += ref_n * k;
        self.ref_nn += ref_n * n;
        if n == ref_n {
            self.whole += 1.0;
        }
    }

    /// The moments of the reference set's cases outside this group (`reference`: the set's own).
    pub fn rest(&self, reference: &Moments) -> Moments {
        Moments {
            n: reference.n - self.n,
            k: reference.k - self.k,
            // Σ (K − k)², Σ (K − k)(N − n), Σ (N − n)² expanded.
            kk: reference.kk - 2.0 * self.ref_kk + self.kk,
            kn: reference.kn - self.ref_kn - self.ref_nk + self.kn,
            nn: reference.nn - 2.0 * self.ref_nn + self.nn,
            customers: reference.customers - self.whole,
            ..Moments::default()
        }
    }

    /// The design effect of the share `k / n`: its cluster-robust variance over the binomial one,
    /// between 1 and `n`; `n / customers` when it cannot be estimated.
    pub fn design_effect(&self) -> f64 {
        if self.n < 1.0 {
            return 1.0;
        }
        let p = self.k / self.n;
        let binomial = self.n * p * (1.0 - p);
        let once_per_customer = (self.n / self.customers.max(1.0)).max(1.0);
        if self.customers < 2.0 || binomial <= 0.0 {
            return once_per_customer;
        }
        let squares = (self.kk - 2.0 * p * self.kn + p * p * self.nn).max(0.0);
        let deff = self.customers / (self.customers - 1.0) * squares / binomial;
        if deff.is_finite() {
            deff.clamp(1.0, self.n)
        } else {
            once_per_customer
        }
    }
}

/// One pass over the blocks: the [`Moments`] of every group (`group_of` a case, [`NONE`]: none) with
/// the cross products against its reference set (`ref_of` a case; a group's cases all lie in one
/// set), and each reference set's own moments. `yes` says whether a case counts in `k`.
pub fn moments(
    blocks: &Blocks,
    groups: usize,
    group_of: impl Fn(CaseIdx) -> u32,
    refs: usize,
    ref_of: impl Fn(CaseIdx) -> u32,
    yes: impl Fn(CaseIdx) -> bool,
) -> (Vec<Moments>, Vec<Moments>) {
    let mut out_g = vec![Moments::default(); groups];
    let mut out_r = vec![Moments::default(); refs];
    // Per-customer scratch counts (k, n), reset after each block through the touched lists.
    let mut g_counts = vec![(0.0f64, 0.0f64); groups];
    let mut g_ref = vec![NONE; groups];
    let mut r_counts = vec![(0.0f64, 0.0f64); refs];
    let (mut g_touched, mut r_touched): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    for block in blocks.iter() {
        for &c in block {
            let r = ref_of(c);
            let Some(rc) = r_counts.get_mut(r as usize) else {
                continue;
            };
            let y = f64::from(u8::from(yes(c)));
            if rc.1 == 0.0 {
                r_touched.push(r);
            }
            rc.0 += y;
            rc.1 += 1.0;
            let g = group_of(c);
            if let Some(gc) = g_counts.get_mut(g as usize) {
                if gc.1 == 0.0 {
                    g_touched.push(g);
                    g_ref[g as usize] = r;
                }
                gc.0 += y;
                gc.1 += 1.0;
            }
        }
        for g in g_touched.drain(..) {
            let (k, n) = std::mem::take(&mut g_counts[g as usize]);
            let (rk, rn) = r_counts
                .get(g_ref[g as usize] as usize)
                .copied()
                .unwrap_or((k, n));
            out_g[g as usize].add(k, n, rk, rn);
        }
        for r in r_touched.drain(..) {
            let (k, n) = std::mem::take(&mut r_counts[r as usize]);
            out_r[r as usize].add(k, n, k, n);
        }
    }
    (out_g, out_r)
}

/// The design effect of the share of `cases` (customer per case from `clusters`) with `yes`, by
/// one pass with a per-customer scratch.
pub fn design_effect_of(
    clusters: &Clusters,
    cases: impl Iterator<Item = (CaseIdx, bool)>,
    scratch: &mut Vec<(f64, f64)>,
) -> f64 {
    scratch.clear();
    scratch.resize(clusters.count, (0.0, 0.0));
    let mut touched: Vec<u32> = Vec::new();
    for (c, y) in cases {
        let u = clusters.of(c);
        if let Some(s) = scratch.get_mut(u as usize) {
            if s.1 == 0.0 {
                touched.push(u);
            }
            s.0 += f64::from(u8::from(y));
            s.1 += 1.0;
        }
    }
    let mut m = Moments::default();
    for u in touched {
        let (k, n) = scratch[u as usize];
        m.add(k, n, k, n);
    }
    m.design_effect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Moments straight from per-customer (k, n) lists.
    fn direct(cells: &[(f64, f64)]) -> Moments {
        let mut m = Moments::default();
        for &(k, n) in cells {
            if n > 0.0 {
                m.add(k, n, k, n);
            }
        }
        m
    }

    #[test]
    fn the_design_effect_of_independent_and_of_identical_cases() {
        // One case per customer: the robust variance is the binomial one times C/(C−1).
        let singles: Vec<(f64, f64)> = (0..100)
            .map(|i| (f64::from(u8::from(i < 30)), 1.0))
            .collect();
        let d = direct(&singles).design_effect();
        assert!((d - 100.0 / 99.0).abs() < 1e-12, "{d}");
        // 10 customers of 10 cases, each customer all yes or all no: every case of a customer is the
        // same, so the group is worth 10 cases (deff = 10 · C/(C−1)·... capped at n = 100).
        let whole: Vec<(f64, f64)> = (0..10)
            .map(|i| (if i < 3 { 10.0 } else { 0.0 }, 10.0))
            .collect();
        let m = direct(&whole);
        // Σ (k_u − p n_u)² = 3·(10 − 3)² + 7·(0 − 3)² = 210; binomial 100·0.3·0.7 = 21 → 10 · 10/9.
        assert!(
            (m.design_effect() - 100.0 / 9.0).abs() < 1e-9,
            "{}",
            m.design_effect()
        );
        // A group whose cases all agree: each customer counts once.
        let agree: Vec<(f64, f64)> = (0..5).map(|_| (4.0, 4.0)).collect();
        assert_eq!(direct(&agree).design_effect(), 4.0);
        assert_eq!(Moments::default().design_effect(), 1.0);
    }

    #[test]
    fn the_rest_s_moments_follow_from_the_group_s() {
        // Three customers with cases in and out of a group: the rest computed from the reference's
        // and the cross products equals the rest counted directly.
        let inside = [(1.0, 2.0), (0.0, 1.0), (0.0, 0.0)];
        let outside = [(2.0, 3.0), (0.0, 0.0), (1.0, 4.0)];
        let mut g = Moments::default();
        let mut reference = Moments::default();
        for (&(k, n), &(k2, n2)) in inside.iter().zip(&outside) {
            let (rk, rn) = (k + k2, n + n2);
            if n > 0.0 {
                g.add(k, n, rk, rn);
            }
            reference.add(rk, rn, rk, rn);
        }
        let rest = g.rest(&reference);
        let want = direct(&outside);
        assert_eq!(
            (rest.n, rest.k, rest.kk, rest.kn, rest.nn),
            (want.n, want.k, want.kk, want.kn, want.nn)
        );
        // The second customer's only case is in the group: the rest has two customers.
        assert_eq!(rest.customers, 2.0);
    }
}
