//! Findings: every driver value (and pair of values of the strongest drivers) against the rest of the
//! cases, for one outcome.
//!
//! - Rates: the value's rate with its Wilson interval, the difference from the rest with Newcombe's
//!   interval, a z test (Fisher's exact test for small expected counts).
//! - Durations: the difference of medians with a seeded bootstrap interval; the p-value from Mood's
//!   median test (share of cases above the pooled median, value against rest).
//! - With a customer column, each group's counts are divided by its design effect by customer in
//!   every interval and test ([`super::clusters`]).
//! - A driver with exactly two groups is tested once (the other group is the same comparison).
//! - Subgroups: pairs of values of the `subgroup_attributes` drivers with the smallest p-values, each
//!   value holding the support threshold on its own, each tested against the other cases of its
//!   stronger parent (the value with the smaller p-value alone): does the second value matter within
//!   the first? A pair with a real driver is no discovery against everything else; only this test
//!   enters the correction, and the finding names its `parent`.
//! - Benjamini–Hochberg q-values over everything tested for the outcome; reported: q ≤ `max_q`.
//! - Ranking: by impact = cases × the interval end nearest zero, largest first: the values that add
//!   the most cases with the outcome (or days) come first, those that spare the most come last.
//! - Confounder check: the difference recomputed within the groups of the strongest segment-like
//!   driver (segment, amount band; else the strongest other driver); a flipped sign is flagged.

use super::clusters::{self, Blocks, Clusters, Moments};
use super::drivers::{Driver, Drivers, MISSING, NONE, OTHER};
use super::outcomes::{
    known_cases, Computed, OutcomeContext, OutcomeId, OutcomeKind, OutcomeValues,
};
use super::stats::{self, Test};
use super::text::{self, TextContext};
use super::{Finding, InsightsOptions, IntervalMethod, OutcomeInfo, Parent};
use crate::log::CaseIdx;

mod pairs;
use pairs::*;

/// The outcome's headline (value over the population, definition), and its values when available.
/// With customers, the value's interval allows for invoices of one customer going together.
pub fn describe(
    oc: &OutcomeContext,
    id: &OutcomeId,
    computed: Computed,
    clusters: Option<&Clusters>,
    opts: &InsightsOptions,
) -> (OutcomeInfo, Option<OutcomeValues>) {
    let mut info = OutcomeInfo {
        id: id.key(),
        label: text::outcome_label(id, opts.language),
        cases: 0,
        value: None,
        definition: text::outcome_definition(id, None, opts),
        kind: id.kind(),
        available: false,
        reason: None,
        value_ci_low: None,
        value_ci_high: None,
        tested: 0,
        km_median_days: None,
        maturity: None,
    };
    let values = match computed {
        Ok(v) => v,
        Err(reason) => {
            info.reason = Some(reason);
            return (info, None);
        }
    };
    info.available = true;
    info.definition = text::outcome_definition(id, values.maturity.as_ref(), opts);
    info.maturity = values.maturity.clone();
    let known = known_cases(&values.values);
    info.cases = known.len() as u64;
    let mut scratch = Vec::new();
    match id.kind() {
        OutcomeKind::Rate => {
            let yes = |c: CaseIdx| values.values[c] > 0.5;
            let k = known.iter().filter(|&&c| yes(c)).count() as u64;
            if info.cases > 0 {
                let deff = clusters.map_or(1.0, |cl| {
                    clusters::design_effect_of(cl, known.iter().map(|&c| (c, yes(c))), &mut scratch)
                });
                let (lo, hi) = if deff == 1.0 {
                    stats::wilson(k, info.cases)
                } else {
                    let ne = info.cases as f64 / deff;
                    stats::wilson_eff(k as f64 / info.cases as f64 * ne, ne)
                };
                info.value = Some(k as f64 / info.cases as f64);
                info.value_ci_low = Some(lo);
                info.value_ci_high = Some(hi);
            }
        }
        OutcomeKind::Duration => {
            let mut sorted: Vec<f64> = known.iter().map(|&c| values.values[c]).collect();
            sorted.sort_by(f64::total_cmp);
            if !sorted.is_empty() {
                let median = stats::median_sorted(&sorted);
                let deff = clusters.map_or(1.0, |cl| {
                    let above = known.iter().map(|&c| (c, values.values[c] > median));
                    clusters::design_effect_of(cl, above, &mut scratch)
                });
                let (lo, hi) = stats::median_ci_eff(&sorted, deff);
                info.value = finite(median);
                info.value_ci_low = finite(lo);
                info.value_ci_high = finite(hi);
            }
            if *id == OutcomeId::InvoiceToCashDays {
                info.km_median_days = finite(oc.km_invoice_to_cash());
            }
        }
    }
    (info, Some(values))
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// A seed per finding that depends on what it compares, not on the order of the work nor on the
/// column names: the same finding gets the same interval whichever outcomes are computed with it, and
/// in an export with translated headers.
pub fn seed_for(seed: u64, outcome: &str, values: &[&str]) -> u64 {
    // FNV-1a over the text, then one SplitMix64 step to spread it.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    };
    eat(outcome);
    for v in values {
        eat(v);
    }
    stats::SplitMix64::new(seed ^ h).next_u64()
}

/// One value (or pair) tested.
struct Tested {
    parts: Vec<(usize, u32)>,
    finding: Finding,
}

/// Cases, "yes" and amounts of a group of known cases.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    n: u64,
    k: u64,
    amount: f64,
    amount_n: u64,
}

impl Counts {
    #[inline]
    fn add(&mut self, yes: bool, amount: f64) {
        self.n += 1;
        self.k += u64::from(yes);
        if amount.is_finite() {
            self.amount += amount;
            self.amount_n += 1;
        }
    }
}

/// The outcome's per-case data in the shape the tests need.
struct Data<'a> {
    kind: OutcomeKind,
    values: &'a [f64],
    /// Known cases in case order (for counting passes, which then read the columns in order).
    known: Vec<CaseIdx>,
    /// Durations only (empty for rates): the known values sorted, their cases, and each driver's
    /// levels in that order, so splitting a group off reads memory in sequence.
    sorted: Vec<f64>,
    order: Vec<CaseIdx>,
    sorted_levels: Vec<Vec<u32>>,
    /// Rates: total yes. Durations: total above the overall median.
    k: u64,
    /// Durations: the overall median.
    median: f64,
    /// The customers, and the known cases in customer order, when the log has a customer column.
    clusters: Option<(&'a Clusters, &'a Blocks)>,
}

impl Data<'_> {
    fn n(&self) -> u64 {
        self.known.len() as u64
    }
    /// Whether a case counts as "yes" (rates) or "slower than the median" (durations).
    #[inline]
    fn yes(&self, c: CaseIdx) -> bool {
        match self.kind {
            OutcomeKind::Rate => self.values[c] > 0.5,
            OutcomeKind::Duration => self.values[c] > self.median,
        }
    }
}

/// Findings of one outcome (ranked, at most `max_findings`) and the number of values tested.
/// `clusters`: the customer of each case, when the log has a customer column (intervals and tests
/// then allow for invoices of one customer going together).
pub fn findings(
    outcome: &OutcomeValues,
    drivers: &Drivers,
    amounts: Option<&[f64]>,
    clusters: Option<&Clusters>,
    opts: &InsightsOptions,
    tc: &TextContext,
) -> (Vec<Finding>, u64) {
    let kind = outcome.id.kind();
    let values = &outcome.values[..];
    let known = known_cases(values);
    let ds = &drivers.drivers;
    let (mut sorted, mut order, mut sorted_levels) = (Vec::new(), Vec::new(), Vec::new());
    let mut median = f64::NAN;
    if kind == OutcomeKind::Duration {
        // Sort (value, case) pairs: sequential memory, ties in case order.
        let mut pairs: Vec<(f64, CaseIdx)> = known.iter().map(|&c| (values[c], c)).collect();
        pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        order = pairs.iter().map(|p| p.1).collect();
        sorted = pairs.iter().map(|p| p.0).collect();
        sorted_levels = ds
            .iter()
            .map(|d| order.iter().map(|&c| d.level[c]).collect())
            .collect();
        median = stats::median_sorted(&sorted);
    }
    let blocks = clusters.map(|cl| cl.blocks(&known));
    let mut data = Data {
        kind,
        values,
        known,
        sorted,
        order,
        sorted_levels,
        k: 0,
        median,
        clusters: clusters.zip(blocks.as_ref()),
    };
    data.k = data.known.iter().filter(|&&c| data.yes(c)).count() as u64;
    let n = data.n();
    if n < 2 * opts.min_cases {
        return (Vec::new(), 0);
    }
    let key = outcome.id.key();
    let amount_of = |c: CaseIdx| amounts.map_or(f64::NAN, |a| a[c]);

    // Per driver and level: one pass over the known cases; with customers, one more in customer
    // order for the design effects of each level and of its rest.
    let tables: Vec<Vec<Counts>> = ds
        .iter()
        .map(|d| {
            let mut t = vec![Counts::default(); d.levels.len()];
            for &c in &data.known {
                let l = d.level[c];
                if l != NONE {
                    t[l as usize].add(data.yes(c), amount_of(c));
                }
            }
            t
        })
        .collect();
    let deffs: Vec<Vec<(f64, f64)>> = ds
        .iter()
        .map(|d| match data.clusters {
            None => vec![(1.0, 1.0); d.levels.len()],
            Some((_, blocks)) => {
                let (g, all) = clusters::moments(
                    blocks,
                    d.levels.len(),
                    |c| d.level[c],
                    1,
                    |_| 0,
                    |c| data.yes(c),
                );
                let total = all.first().copied().unwrap_or_default();
                g.iter()
                    .map(|m| (m.design_effect(), m.rest(&total).design_effect()))
                    .collect()
            }
        })
        .collect();
    let labels = |parts: &[(usize, u32)]| -> Vec<(String, String)> {
        parts
            .iter()
            .map(|&(d, l)| (ds[d].attribute.clone(), ds[d].levels[l as usize].clone()))
            .collect()
    };
    let whole = Counts {
        n,
        k: data.k,
        ..Counts::default()
    };

    let mut tested: Vec<Tested> = Vec::new();
    for (di, d) in ds.iter().enumerate() {
        let t = &tables[di];
        let mut levels: Vec<u32> = (0..d.levels.len() as u32)
            .filter(|&l| {
                let c = t[l as usize].n;
                c >= opts.min_cases && n - c >= opts.min_cases
            })
            .collect();
        // Two groups: one comparison. Keep the one with the higher rate (the first on ties).
        if t.iter().filter(|c| c.n > 0).count() == 2 && levels.len() == 2 {
            let rate = |l: u32| t[l as usize].k as f64 / t[l as usize].n as f64;
            let keep = if rate(levels[1]) > rate(levels[0]) {
                levels[1]
            } else {
                levels[0]
            };
            levels = vec![keep];
        }
        for l in levels {
            let parts = vec![(di, l)];
            let (g, deff) = (t[l as usize], deffs[di][l as usize]);
            if let Some(f) = test(&data, labels(&parts), g, whole, deff, &key, opts) {
                tested.push(Tested { parts, finding: f });
            }
        }
    }

    // Subgroups of the strongest drivers, each against its stronger parent's other cases.
    let mut strongest: Vec<(f64, usize)> = (0..ds.len())
        .filter_map(|di| {
            tested
                .iter()
                .filter(|t| t.parts[0].0 == di)
                .map(|t| t.finding.p_value)
                .min_by(f64::total_cmp)
                .map(|p| (p, di))
        })
        .collect();
    strongest.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    strongest.truncate(opts.subgroup_attributes);
    let parent_ok = |di: usize, l: u32| {
        let label = &ds[di].levels[l as usize];
        tables[di][l as usize].n >= opts.min_cases && label != OTHER && label != MISSING
    };
    // A parent's strength: its own test against the rest (for a driver with two groups, the level
    // not tested alone has the same comparison seen from the other side).
    let single_p = |di: usize, l: u32| {
        let g = tables[di][l as usize];
        let (dg, dr) = deffs[di][l as usize];
        stats::proportion_test_eff(g.k, g.n, data.k - g.k, n - g.n, dg, dr).0
    };
    for (i, &(_, da)) in strongest.iter().enumerate() {
        for &(_, db) in &strongest[i + 1..] {
            for t in pair_tests(&data, ds, da, db, &parent_ok, &single_p, amount_of, opts) {
                if let Some(f) = test(
                    &data,
                    labels(&t.parts),
                    t.group,
                    t.parent,
                    t.deff,
                    &key,
                    opts,
                ) {
                    let mut f = f;
                    let (pd, pl) = t.parts[0];
                    f.parent = Some(Parent {
                        attribute: ds[pd].attribute.clone(),
                        value: ds[pd].levels[pl as usize].clone(),
                    });
                    tested.push(Tested {
                        parts: t.parts,
                        finding: f,
                    });
                }
            }
        }
    }

    let q = stats::bh_qvalues(&tested.iter().map(|t| t.finding.p_value).collect::<Vec<_>>());
    for (t, q) in tested.iter_mut().zip(q) {
        t.finding.q_value = q;
    }
    let family = tested.len() as u64;
    let mut buf = Buffers::default();
    let mut kept: Vec<Tested> = Vec::new();
    for mut t in tested {
        if t.finding.q_value > opts.max_q {
            continue;
        }
        if kind == OutcomeKind::Duration {
            duration_interval(&data, &mut buf, &t.parts, opts, &mut t.finding);
        }
        if t.finding.difference.is_nan() {
            continue;
        }
        kept.push(t);
    }
    kept.sort_by(|a, b| {
        let (fa, fb) = (&a.finding, &b.finding);
        fb.impact
            .total_cmp(&fa.impact)
            .then(fb.excess_cases.total_cmp(&fa.excess_cases))
            .then(fa.q_value.total_cmp(&fb.q_value))
            .then(fa.attribute.cmp(&fb.attribute))
            .then(fa.value.cmp(&fb.value))
    });
    kept.truncate(opts.max_findings);

    // Confounder check and sentences on what is reported.
    let strength: Vec<f64> = (0..ds.len())
        .map(|di| {
            strongest
                .iter()
                .find(|s| s.1 == di)
                .map(|s| s.0)
                .unwrap_or(1.0)
        })
        .collect();
    let mut out = Vec::with_capacity(kept.len());
    for mut t in kept {
        if t.parts.len() == 1 {
            let own = t.parts[0].0;
            if let Some(s) = stratifier(ds, own, &strength, &tables) {
                let strat = stratified(&data, ds, own, t.parts[0].1, s);
                let f = &mut t.finding;
                f.stratified_by = Some(ds[s].attribute.clone());
                f.stratified_difference = strat.is_finite().then_some(strat);
                let crude_sure = f.ci_low > 0.0 || f.ci_high < 0.0;
                f.stratified_flip = crude_sure
                    && strat.is_finite()
                    && strat != 0.0
                    && strat.signum() != f.difference.signum();
            }
        }
        t.finding.text =
            text::finding_sentence(&t.finding, &outcome.id, outcome.maturity.as_ref(), tc);
        out.push(t.finding);
    }
    (out, family)
}

#[cfg(test)]
mod tests;
