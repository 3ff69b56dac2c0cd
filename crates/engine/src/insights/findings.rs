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

/// A subgroup to test: its cells, its stronger parent's counts and the design effects.
struct PairTest {
    /// The parent's (driver, level) first, then the other value's.
    parts: Vec<(usize, u32)>,
    group: Counts,
    parent: Counts,
    deff: (f64, f64),
}

/// The subgroups of drivers `da` × `db`: every pair of values that each hold the support threshold,
/// with the counts against the stronger parent's other cases (the parent with the smaller p-value
/// alone). For durations "yes" is above the parent's median (Mood's test within the parent).
#[allow(clippy::too_many_arguments)]
fn pair_tests(
    data: &Data,
    ds: &[Driver],
    da: usize,
    db: usize,
    parent_ok: &dyn Fn(usize, u32) -> bool,
    single_p: &dyn Fn(usize, u32) -> f64,
    amount_of: impl Fn(CaseIdx) -> f64,
    opts: &InsightsOptions,
) -> Vec<PairTest> {
    let (a, b) = (&ds[da], &ds[db]);
    let (la_n, lb_n) = (a.levels.len(), b.levels.len());
    let medians_a = level_medians(data, da, la_n);
    let medians_b = level_medians(data, db, lb_n);
    // "Yes" as seen from parent a (its level's median for durations) and from parent b.
    let yes_a = |c: CaseIdx| match data.kind {
        OutcomeKind::Rate => data.yes(c),
        OutcomeKind::Duration => medians_a
            .get(a.level[c] as usize)
            .is_some_and(|&m| data.values[c] > m),
    };
    let yes_b = |c: CaseIdx| match data.kind {
        OutcomeKind::Rate => data.yes(c),
        OutcomeKind::Duration => medians_b
            .get(b.level[c] as usize)
            .is_some_and(|&m| data.values[c] > m),
    };
    let cell_of = |c: CaseIdx| {
        let (la, lb) = (a.level[c], b.level[c]);
        if la == NONE || lb == NONE {
            NONE
        } else {
            la * lb_n as u32 + lb
        }
    };
    // Per cell, counts as seen from each parent; per parent level, its counts.
    let mut cell_a = vec![Counts::default(); la_n * lb_n];
    let mut cell_b = vec![Counts::default(); la_n * lb_n];
    let (mut par_a, mut par_b) = (vec![Counts::default(); la_n], vec![Counts::default(); lb_n]);
    for &c in &data.known {
        let cell = cell_of(c);
        if cell == NONE {
            continue;
        }
        let (ya, yb, amount) = (yes_a(c), yes_b(c), amount_of(c));
        cell_a[cell as usize].add(ya, amount);
        cell_b[cell as usize].add(yb, amount);
        par_a[a.level[c] as usize].add(ya, f64::NAN);
        par_b[b.level[c] as usize].add(yb, f64::NAN);
    }
    let cells = la_n * lb_n;
    let moments = |parent: &Driver, yes: &dyn Fn(CaseIdx) -> bool| {
        data.clusters.map(|(_, blocks)| {
            clusters::moments(
                blocks,
                cells,
                cell_of,
                parent.levels.len(),
                |c| parent.level[c],
                yes,
            )
        })
    };
    let (m_a, m_b) = (moments(a, &yes_a), moments(b, &yes_b));
    let deff = |m: &Option<(Vec<Moments>, Vec<Moments>)>, cell: usize, parent: usize| match m {
        None => (1.0, 1.0),
        Some((g, r)) => match (g.get(cell), r.get(parent)) {
            (Some(g), Some(r)) => (g.design_effect(), g.rest(r).design_effect()),
            _ => (1.0, 1.0),
        },
    };
    let mut out = Vec::new();
    for la in 0..la_n as u32 {
        for lb in 0..lb_n as u32 {
            let cell = (la * lb_n as u32 + lb) as usize;
            if !parent_ok(da, la) || !parent_ok(db, lb) || cell_a[cell].n < opts.min_cases {
                continue;
            }
            // The stronger parent: the smaller p-value alone (the first driver on ties).
            let a_first = single_p(da, la) <= single_p(db, lb);
            let t = if a_first {
                PairTest {
                    parts: vec![(da, la), (db, lb)],
                    group: cell_a[cell],
                    parent: par_a[la as usize],
                    deff: deff(&m_a, cell, la as usize),
                }
            } else {
                PairTest {
                    parts: vec![(db, lb), (da, la)],
                    group: cell_b[cell],
                    parent: par_b[lb as usize],
                    deff: deff(&m_b, cell, lb as usize),
                }
            };
            if t.parent.n - t.group.n >= opts.min_cases {
                out.push(t);
            }
        }
    }
    out
}

/// Durations: the median of each level of a driver (numpy's, infinities kept); rates: empty.
fn level_medians(data: &Data, di: usize, levels: usize) -> Vec<f64> {
    if data.kind != OutcomeKind::Duration {
        return Vec::new();
    }
    let lv = &data.sorted_levels[di];
    let mut count = vec![0usize; levels];
    for &l in lv {
        if let Some(c) = count.get_mut(l as usize) {
            *c += 1;
        }
    }
    // The lower and upper middle values of each level, in one walk along the sorted values.
    let mut seen = vec![0usize; levels];
    let mut lo = vec![f64::NAN; levels];
    let mut hi = vec![f64::NAN; levels];
    for (i, &l) in lv.iter().enumerate() {
        let Some(s) = seen.get_mut(l as usize) else {
            continue;
        };
        let m = count[l as usize];
        if *s == (m - 1) / 2 {
            lo[l as usize] = data.sorted[i];
        }
        if *s == m / 2 {
            hi[l as usize] = data.sorted[i];
        }
        *s += 1;
    }
    lo.iter()
        .zip(&hi)
        .map(|(&a, &b)| if a == b { a } else { (a + b) / 2.0 })
        .collect()
}

/// Reused scratch space for duration intervals: fresh 100,000-value vectors per finding cost more in
/// page faults than the work itself.
#[derive(Default)]
struct Buffers {
    group: Vec<f64>,
    rest: Vec<f64>,
    customers: Vec<(f64, f64)>,
}

/// Which side of a comparison a sorted value is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Group,
    Rest,
    Neither,
}

/// The known values split into the group and the rest (by position in the sorted values; values
/// on neither side are dropped), both sorted (durations).
fn split<'b>(
    data: &Data,
    group: &'b mut Vec<f64>,
    rest: &'b mut Vec<f64>,
    side: impl Fn(usize) -> Side,
) -> (&'b [f64], &'b [f64]) {
    let n = data.sorted.len();
    group.resize(n, 0.0);
    rest.resize(n, 0.0);
    // Branch-free: membership is random along the sorted values, so a branch would mispredict half
    // the time; write to both and advance one (or neither).
    let (mut gi, mut ri) = (0, 0);
    for (i, &x) in data.sorted.iter().enumerate() {
        let s = side(i);
        group[gi] = x;
        rest[ri] = x;
        gi += usize::from(s == Side::Group);
        ri += usize::from(s == Side::Rest);
    }
    (&group[..gi], &rest[..ri])
}

/// Tests a group (its counts among the known cases) against the rest of `reference` (every known
/// case, or the parent's cases for a subgroup), with the design effects of the group and of the
/// rest. Rates get their intervals here; durations only their p-value (Mood's table) until
/// [`duration_interval`].
fn test(
    data: &Data,
    labels: Vec<(String, String)>,
    v: Counts,
    reference: Counts,
    deff: (f64, f64),
    outcome: &str,
    opts: &InsightsOptions,
) -> Option<Finding> {
    let (nv, kv) = (v.n, v.k);
    let (n_rest, k_rest) = (reference.n.checked_sub(nv)?, reference.k.checked_sub(kv)?);
    if nv < opts.min_cases || n_rest < opts.min_cases {
        return None;
    }
    let (dg, dr) = deff;
    let (p_value, test_kind) = stats::proportion_test_eff(kv, nv, k_rest, n_rest, dg, dr);
    let share_diff = kv as f64 / nv as f64 - k_rest as f64 / n_rest as f64;
    let excess = nv as f64 * share_diff;
    let mut f = Finding {
        outcome: outcome.to_string(),
        attribute: labels
            .iter()
            .map(|(a, _)| a.as_str())
            .collect::<Vec<_>>()
            .join(" × "),
        value: labels
            .iter()
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(" × "),
        cases: nv,
        outcome_value: f64::NAN,
        rest_value: f64::NAN,
        difference: f64::NAN,
        ci_low: f64::NAN,
        ci_high: f64::NAN,
        p_value,
        q_value: 1.0,
        excess_cases: excess,
        amount_at_risk: None,
        text: String::new(),
        rest_cases: n_rest,
        value_ci_low: f64::NAN,
        value_ci_high: f64::NAN,
        interval_method: IntervalMethod::NewcombeHybridScore,
        test: test_kind,
        impact: 0.0,
        stratified_by: None,
        stratified_difference: None,
        stratified_flip: false,
        parts: labels,
        parent: None,
        design_effect: data.clusters.map(|_| dg),
    };
    match data.kind {
        OutcomeKind::Rate => {
            // Effective counts: each group's cases divided by its design effect.
            let (ng, nr) = (nv as f64 / dg, n_rest as f64 / dr);
            let (pg, pr) = (kv as f64 / nv as f64, k_rest as f64 / n_rest as f64);
            let (d, lo, hi) = if dg == 1.0 && dr == 1.0 {
                stats::newcombe(kv, nv, k_rest, n_rest)
            } else {
                stats::newcombe_eff(pg * ng, ng, pr * nr, nr)
            };
            let (vl, vh) = if dg == 1.0 {
                stats::wilson(kv, nv)
            } else {
                stats::wilson_eff(pg * ng, ng)
            };
            f.outcome_value = pg;
            f.rest_value = pr;
            f.difference = d;
            f.ci_low = lo;
            f.ci_high = hi;
            f.value_ci_low = vl;
            f.value_ci_high = vh;
            f.impact = nv as f64 * conservative(lo, hi);
            if v.amount_n > 0 {
                f.amount_at_risk = Some(excess * v.amount / v.amount_n as f64);
            }
        }
        OutcomeKind::Duration => {
            f.interval_method = IntervalMethod::BootstrapPercentile;
            f.test = if test_kind == Test::Fisher {
                Test::Fisher
            } else {
                Test::MoodMedian
            };
        }
    }
    Some(f)
}

fn conservative(lo: f64, hi: f64) -> f64 {
    if lo > 0.0 {
        lo
    } else if hi < 0.0 {
        hi
    } else {
        0.0
    }
}

/// The medians, bootstrap intervals and impact of a duration finding: the group against the rest of
/// the known cases, or a subgroup against its parent's other cases. "Never" (an unpaid invoice) counts
/// in the impact as the slowest finite value seen, so an interval open at infinity ranks by what is
/// certain. With customers, each side's bootstrap draws `n / deff` values, `deff` being the design
/// effect of the share of its cases above its median (Woodruff 1952).
fn duration_interval(
    data: &Data,
    buf: &mut Buffers,
    parts: &[(usize, u32)],
    opts: &InsightsOptions,
    f: &mut Finding,
) {
    let (a, la) = (&data.sorted_levels[parts[0].0], parts[0].1);
    let pair = parts.get(1).map(|&(db, lb)| (&data.sorted_levels[db], lb));
    let side = |i: usize| match (a[i] == la, pair) {
        (false, None) => Side::Rest,
        (true, None) => Side::Group,
        (false, Some(_)) => Side::Neither,
        (true, Some((b, lb))) if b[i] == lb => Side::Group,
        (true, Some(_)) => Side::Rest,
    };
    let (g, r) = split(data, &mut buf.group, &mut buf.rest, &side);
    let (mg, mr) = (stats::median_sorted(g), stats::median_sorted(r));
    let deff = match data.clusters {
        None => (1.0, 1.0),
        Some((cl, _)) => {
            let of_side = |want: Side, median: f64, scratch: &mut Vec<(f64, f64)>| {
                let cases = (0..data.sorted.len())
                    .filter(|&i| side(i) == want)
                    .map(|i| (data.order[i], data.sorted[i] > median));
                clusters::design_effect_of(cl, cases, scratch)
            };
            (
                of_side(Side::Group, mg, &mut buf.customers),
                of_side(Side::Rest, mr, &mut buf.customers),
            )
        }
    };
    let values: Vec<&str> = f.parts.iter().map(|(_, v)| v.as_str()).collect();
    let seed = seed_for(opts.seed, &f.outcome, &values);
    let b = stats::bootstrap_median_diff_eff(g, r, deff, opts.bootstrap_samples, seed);
    let (vl, vh) = stats::median_ci_eff(g, deff.0);
    f.outcome_value = mg;
    f.rest_value = mr;
    f.difference = b.estimate;
    f.ci_low = b.low;
    f.ci_high = b.high;
    f.value_ci_low = vl;
    f.value_ci_high = vh;
    if data.clusters.is_some() {
        f.design_effect = Some(deff.0);
    }
    let slowest = data
        .sorted
        .iter()
        .rev()
        .copied()
        .find(|x| x.is_finite())
        .unwrap_or(0.0);
    let clamp = |x: f64| {
        if x == f64::INFINITY {
            slowest - f.rest_value.min(slowest)
        } else if x == f64::NEG_INFINITY {
            f.outcome_value.min(slowest) - slowest
        } else {
            x
        }
    };
    let impact = f.cases as f64 * conservative(clamp(b.low), clamp(b.high));
    f.impact = if impact.is_finite() { impact } else { 0.0 };
}

/// The driver to stratify a finding on `own` by: the strongest segment-like driver, else the
/// strongest other one; it needs at least two groups with cases.
fn stratifier(
    ds: &[Driver],
    own: usize,
    strength: &[f64],
    tables: &[Vec<Counts>],
) -> Option<usize> {
    let candidates = |segment_like: bool| {
        (0..ds.len())
            .filter(|&d| d != own && ds[d].segment_like == segment_like)
            .filter(|&d| tables[d].iter().filter(|c| c.n > 0).count() >= 2)
            .min_by(|&a, &b| strength[a].total_cmp(&strength[b]).then(a.cmp(&b)))
    };
    candidates(true).or_else(|| candidates(false))
}

/// The difference of `level` of `driver` against the rest within the groups of `by`: Mantel–Haenszel
/// for rates, the same weights over the groups' median differences for durations.
fn stratified(data: &Data, ds: &[Driver], own: usize, level: u32, by: usize) -> f64 {
    let s = ds[by].levels.len();
    match data.kind {
        OutcomeKind::Rate => {
            let (driver, by) = (&ds[own], &ds[by]);
            let mut strata = vec![(0u64, 0u64, 0u64, 0u64); s];
            for &c in &data.known {
                let st = by.level[c];
                if st == NONE {
                    continue;
                }
                let y = u64::from(data.yes(c));
                let e = &mut strata[st as usize];
                if driver.level[c] == level {
                    e.0 += y;
                    e.1 += 1;
                } else {
                    e.2 += y;
                    e.3 += 1;
                }
            }
            stats::mantel_haenszel_rd(&strata)
        }
        OutcomeKind::Duration => {
            let (lv, sv) = (&data.sorted_levels[own], &data.sorted_levels[by]);
            let mut groups: Vec<(Vec<f64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); s];
            for (i, &x) in data.sorted.iter().enumerate() {
                let st = sv[i];
                if st == NONE {
                    continue;
                }
                let g = &mut groups[st as usize];
                if lv[i] == level {
                    g.0.push(x);
                } else {
                    g.1.push(x);
                }
            }
            let (mut num, mut den) = (0.0, 0.0);
            for (g, r) in &groups {
                if g.is_empty() || r.is_empty() {
                    continue;
                }
                let d = stats::median_sorted(g) - stats::median_sorted(r);
                if !d.is_finite() {
                    continue;
                }
                let w = (g.len() * r.len()) as f64 / (g.len() + r.len()) as f64;
                num += w * d;
                den += w;
            }
            if den > 0.0 {
                num / den
            } else {
                f64::NAN
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::drivers::Driver;
    use crate::insights::stats::SplitMix64;

    /// A population of `n` cases with `attrs` random attributes of 4 values each and a rate outcome
    /// whose probability is `base`, plus `effect` for cases with value 0 of attribute 0.
    fn simulate(
        seed: u64,
        n: usize,
        attrs: usize,
        base: f64,
        effect: f64,
    ) -> (OutcomeValues, Drivers) {
        let mut rng = SplitMix64::new(seed);
        let drivers: Vec<Driver> = (0..attrs)
            .map(|a| Driver {
                attribute: format!("a{a}"),
                levels: (0..4).map(|v| format!("v{v}")).collect(),
                level: (0..n).map(|_| (rng.next_u64() % 4) as u32).collect(),
                segment_like: false,
            })
            .collect();
        let values = (0..n)
            .map(|c| {
                let p = base
                    + if drivers[0].level[c] == 0 {
                        effect
                    } else {
                        0.0
                    };
                f64::from(u8::from(rng.uniform() < p))
            })
            .collect();
        (
            OutcomeValues {
                id: OutcomeId::LatePayment,
                values,
                maturity: None,
            },
            Drivers {
                drivers,
                skipped: Vec::new(),
            },
        )
    }

    fn tc() -> TextContext {
        TextContext {
            language: text::Language::En,
            receivables: true,
            currency: None,
        }
    }

    #[test]
    fn no_effect_means_few_findings() {
        // 200 logs of 2,000 cases, 5 attributes × 4 values, no effect: BH at 0.05 keeps the share of
        // logs with any finding near 5 % (it controls the false discovery rate, which under the global
        // null is the chance of any false finding).
        let opts = InsightsOptions::default();
        let mut with_any = 0;
        for seed in 0..200 {
            let (v, d) = simulate(seed, 2000, 5, 0.3, 0.0);
            let (f, tested) = findings(&v, &d, None, None, &opts, &tc());
            assert!(tested >= 20, "{tested}");
            with_any += usize::from(!f.is_empty());
        }
        assert!(with_any <= 20, "{with_any} of 200 null logs had a finding");
    }

    #[test]
    fn a_planted_effect_is_found_first_and_covered() {
        // Value v0 of a0 has a rate 0.15 above the others (0.30): the true difference from the rest
        // is 0.15 exactly. Over 100 logs it must rank first nearly always and its 95 % interval cover
        // 0.15 about 95 % of the time.
        let opts = InsightsOptions::default();
        let (mut first, mut covered) = (0, 0);
        for seed in 1000..1100 {
            let (v, d) = simulate(seed, 2000, 5, 0.30, 0.15);
            let (f, _) = findings(&v, &d, None, None, &opts, &tc());
            let top = &f[0];
            if top.attribute == "a0" && top.value == "v0" {
                first += 1;
            }
            let planted = f
                .iter()
                .find(|x| x.attribute == "a0" && x.value == "v0")
                .expect("planted effect found");
            covered += usize::from(planted.ci_low <= 0.15 && 0.15 <= planted.ci_high);
        }
        assert!(first >= 98, "first in {first} of 100");
        assert!((88..=100).contains(&covered), "covered in {covered} of 100");
    }

    #[test]
    fn a_planted_duration_shift_is_found_and_covered() {
        // Exponential durations with median 10 days; value v0 of a0 adds 8 days: true difference of
        // medians 8 against the rest.
        let opts = InsightsOptions {
            bootstrap_samples: 1000,
            ..Default::default()
        };
        let mut covered = 0;
        for seed in 0..40 {
            let (mut v, d) = simulate(seed, 2000, 3, 0.0, 0.0);
            let mut rng = SplitMix64::new(seed + 77);
            for c in 0..v.values.len() {
                let x = -10.0 / std::f64::consts::LN_2 * (1.0 - rng.uniform()).ln();
                v.values[c] = x + if d.drivers[0].level[c] == 0 { 8.0 } else { 0.0 };
            }
            v.id = OutcomeId::CaseDurationDays;
            let (f, _) = findings(&v, &d, None, None, &opts, &tc());
            assert_eq!((f[0].attribute.as_str(), f[0].value.as_str()), ("a0", "v0"));
            assert_eq!(f[0].interval_method, IntervalMethod::BootstrapPercentile);
            covered += usize::from(f[0].ci_low <= 8.0 && 8.0 <= f[0].ci_high);
        }
        assert!(covered >= 34, "covered in {covered} of 40");
    }

    #[test]
    fn small_groups_are_not_tested_and_simpson_is_flagged() {
        // Segment S1 (mostly value x, high rate) and S2 (mostly y, low rate): within each segment x
        // has the lower rate, yet over both x has the higher one (Simpson's paradox).
        let mut level_a = Vec::new();
        let mut level_s = Vec::new();
        let mut values = Vec::new();
        let mut push = |a: u32, s: u32, yes: usize, n: usize| {
            for i in 0..n {
                level_a.push(a);
                level_s.push(s);
                values.push(f64::from(u8::from(i < yes)));
            }
        };
        // S1: x 720/900 (0.80), y 95/100 (0.95); S2: x 5/100 (0.05), y 180/900 (0.20).
        push(0, 0, 720, 900);
        push(1, 0, 95, 100);
        push(0, 1, 5, 100);
        push(1, 1, 180, 900);
        let drivers = Drivers {
            drivers: vec![
                Driver {
                    attribute: "a".into(),
                    levels: vec!["x".into(), "y".into()],
                    level: level_a,
                    segment_like: false,
                },
                Driver {
                    attribute: "segment".into(),
                    levels: vec!["S1".into(), "S2".into()],
                    level: level_s,
                    segment_like: true,
                },
            ],
            skipped: Vec::new(),
        };
        let v = OutcomeValues {
            id: OutcomeId::Disputed,
            values,
            maturity: None,
        };
        let (f, _) = findings(&v, &drivers, None, None, &InsightsOptions::default(), &tc());
        let x = f.iter().find(|f| f.attribute == "a").expect("a = x found");
        // Crude: x 725/1000 against y 275/1000.
        assert_eq!(x.value, "x");
        assert!((x.difference - 0.45).abs() < 1e-12);
        assert_eq!(x.stratified_by.as_deref(), Some("segment"));
        // Within segments: −0.15 in each → Mantel–Haenszel −0.15.
        assert!((x.stratified_difference.unwrap() + 0.15).abs() < 1e-12);
        assert!(x.stratified_flip);
        assert!(x.text.contains("reverses"), "{}", x.text);
    }

    /// Drivers for `n` cases: `d0` with two equal levels that drives the outcome, `d1` and `d2` with
    /// four levels each, independent of everything.
    fn one_driver_two_bystanders(
        seed: u64,
        n: usize,
        rates: (f64, f64),
    ) -> (OutcomeValues, Drivers) {
        let mut rng = SplitMix64::new(seed);
        let mut level =
            |k: u64| -> Vec<u32> { (0..n).map(|_| (rng.next_u64() % k) as u32).collect() };
        let d0 = level(2);
        let (d1, d2) = (level(4), level(4));
        let values = d0
            .iter()
            .map(|&l| {
                let p = if l == 0 { rates.0 } else { rates.1 };
                f64::from(u8::from(rng.uniform() < p))
            })
            .collect();
        let driver = |name: &str, levels: usize, level: Vec<u32>| Driver {
            attribute: name.into(),
            levels: (0..levels).map(|v| format!("v{v}")).collect(),
            level,
            segment_like: false,
        };
        (
            OutcomeValues {
                id: OutcomeId::LatePayment,
                values,
                maturity: None,
            },
            Drivers {
                drivers: vec![
                    driver("d0", 2, d0),
                    driver("d1", 4, d1),
                    driver("d2", 4, d2),
                ],
                skipped: Vec::new(),
            },
        )
    }

    #[test]
    fn pairs_with_a_real_driver_are_judged_against_their_parent_and_bystanders_stay_quiet() {
        // Issue 16: a pair "driver × bystander" differs from all other cases because of the driver
        // alone; tested that way it counted as a discovery and lowered the Benjamini–Hochberg bar for
        // chance findings, so bystanders were "found" far above the nominal rate. Against the parent's
        // other cases a bystander pair is a true null. Over 200 logs of 3,000 cases: the false
        // discovery proportion (findings naming a bystander, alone or in a pair, over all findings)
        // averages at most 5 % plus simulation error, a bystander alone is found in at most 8 % of the
        // logs, and driver × bystander pairs are reported for at most 5 % of those tested. Before the
        // fix: a false discovery rate of 0.14 and a bystander alone in 37 of the 200 logs (after: 0.04
        // and 7).
        let opts = InsightsOptions::default();
        let seeds = 200;
        let (mut fdp_sum, mut bystander_alone) = (0.0, 0);
        let (mut pairs_tested, mut pairs_reported) = (0u64, 0u64);
        for seed in 0..seeds {
            let (v, d) = one_driver_two_bystanders(5000 + seed, 3000, (0.25, 0.45));
            let (f, tested) = findings(&v, &d, None, None, &opts, &tc());
            // Singles: d0 once, d1 and d2 four times each; pairs: 8 + 8 + 16.
            assert_eq!(tested, 41, "seed {seed}");
            pairs_tested += 16;
            assert!(
                f.iter().any(|x| x.attribute == "d0"),
                "seed {seed}: the driver is found"
            );
            let bystander = |x: &Finding| x.parts.iter().any(|(a, _)| a != "d0");
            let false_found = f.iter().filter(|x| bystander(x)).count();
            fdp_sum += false_found as f64 / f.len() as f64;
            bystander_alone += usize::from(f.iter().any(|x| x.parts.len() == 1 && bystander(x)));
            pairs_reported += f
                .iter()
                .filter(|x| x.parts.len() == 2 && x.parts.iter().any(|(a, _)| a == "d0"))
                .count() as u64;
            for x in f.iter().filter(|x| x.parts.len() == 2) {
                // A pair names its parent, first among its parts, and is compared with its other cases.
                let p = x.parent.as_ref().expect("a pair has a parent");
                assert_eq!((&p.attribute, &p.value), (&x.parts[0].0, &x.parts[0].1));
            }
        }
        let fdr = fdp_sum / seeds as f64;
        assert!(fdr <= 0.08, "false discovery rate {fdr:.3}");
        assert!(
            bystander_alone <= 16,
            "a bystander alone found in {bystander_alone} of {seeds} logs"
        );
        assert!(
            pairs_reported as f64 <= 0.05 * pairs_tested as f64,
            "{pairs_reported} of {pairs_tested} driver × bystander pairs reported"
        );
    }

    #[test]
    fn a_pair_that_differs_from_its_parent_is_reported_under_it() {
        // An interaction: d0 = v0 raises the rate, and within it d1 = v1 raises it further. The pair
        // is reported with parent d0 = v0, its rest being the parent's other cases.
        let mut hits = 0;
        for seed in 0..20 {
            let (mut v, d) = one_driver_two_bystanders(900 + seed, 4000, (0.25, 0.25));
            let mut rng = SplitMix64::new(seed);
            for c in 0..v.values.len() {
                let p = match (d.drivers[0].level[c], d.drivers[1].level[c]) {
                    (0, 1) => 0.75,
                    (0, _) => 0.45,
                    _ => 0.25,
                };
                v.values[c] = f64::from(u8::from(rng.uniform() < p));
            }
            let (f, _) = findings(&v, &d, None, None, &InsightsOptions::default(), &tc());
            let pair = f
                .iter()
                .find(|x| x.attribute == "d0 × d1" && x.value == "v0 × v1");
            if let Some(pair) = pair {
                hits += 1;
                let p = pair.parent.as_ref().unwrap();
                assert_eq!((p.attribute.as_str(), p.value.as_str()), ("d0", "v0"));
                // Against the parent's other cases: 0.45, not the 0.25-ish of everything else.
                assert!((pair.rest_value - 0.45).abs() < 0.05, "{pair:?}");
                assert!(pair.ci_low > 0.15 && pair.ci_high < 0.45, "{pair:?}");
                assert_eq!(pair.rest_cases + pair.cases, {
                    let t = &d.drivers[0];
                    t.level.iter().filter(|&&l| l == 0).count() as u64
                });
                assert!(
                    pair.text.starts_with("Within d0 v0, invoices with d1 v1"),
                    "{}",
                    pair.text
                );
            }
        }
        assert!(hits >= 19, "found in {hits} of 20");
    }

    /// `customers` customers of 4 to 16 cases, each either a good payer or a bad one (half and half,
    /// whatever its tier); a third of the customers are tier A, which adds `effect` to every one of
    /// their cases' outcome: probability (rates) or days (durations). Tier is constant within a
    /// customer, and so is the habit: strong clustering.
    fn customers_with_habits(
        seed: u64,
        customers: usize,
        duration: bool,
        effect: f64,
    ) -> (OutcomeValues, Drivers, Clusters) {
        let mut rng = SplitMix64::new(seed);
        let (mut tier, mut values, mut ids) = (Vec::new(), Vec::new(), Vec::new());
        for u in 0..customers {
            let a = rng.uniform() < 1.0 / 3.0;
            let bad = rng.uniform() < 0.5;
            let m = 4 + (rng.next_u64() % 13) as usize;
            for _ in 0..m {
                tier.push(u32::from(!a));
                ids.push(u as u32);
                let shift = if a { effect } else { 0.0 };
                values.push(if duration {
                    let habit = if bad { 40.0 } else { 10.0 };
                    habit + shift - 5.0 / std::f64::consts::LN_2 * (1.0 - rng.uniform()).ln()
                } else {
                    let p = if bad { 0.7 } else { 0.1 };
                    f64::from(u8::from(rng.uniform() < p + shift))
                });
            }
        }
        let id = if duration {
            OutcomeId::CaseDurationDays
        } else {
            OutcomeId::LatePayment
        };
        (
            OutcomeValues {
                id,
                values,
                maturity: None,
            },
            Drivers {
                drivers: vec![Driver {
                    attribute: "tier".into(),
                    levels: vec!["A".into(), "B".into()],
                    level: tier,
                    segment_like: false,
                }],
                skipped: Vec::new(),
            },
            Clusters::from_ids("customer", ids),
        )
    }

    #[test]
    fn intervals_allow_for_customers_with_shared_habits() {
        // Issue 16: invoices of one customer share its habits; an attribute constant within the
        // customer was judged as if every invoice were independent, so its interval was too narrow.
        // Over 200 logs of 200 customers, tier A's difference (truly +0.15) is covered about 95 % of
        // the time by the clustered interval, which is wider than the naive one every time (the naive
        // one, what the insights gave before, covers it about 125 times in 200).
        let opts = InsightsOptions {
            max_q: 1.0,
            ..Default::default()
        };
        let (mut covered, mut naive_covered, seeds) = (0, 0, 200);
        for seed in 0..seeds {
            let (v, d, cl) = customers_with_habits(seed, 200, false, 0.15);
            let (f, _) = findings(&v, &d, None, Some(&cl), &opts, &tc());
            let t = f
                .iter()
                .find(|x| x.attribute == "tier")
                .expect("tier tested");
            let truth = if t.value == "A" { 0.15 } else { -0.15 };
            covered += usize::from(t.ci_low <= truth && truth <= t.ci_high);
            let (d_naive, lo, hi) = stats::newcombe(
                (t.outcome_value * t.cases as f64).round() as u64,
                t.cases,
                (t.rest_value * t.rest_cases as f64).round() as u64,
                t.rest_cases,
            );
            assert!((d_naive - t.difference).abs() < 1e-9);
            assert!(
                t.ci_high - t.ci_low > 1.5 * (hi - lo),
                "seed {seed}: {t:?} vs {lo}–{hi}"
            );
            assert!(t.design_effect.is_some_and(|d| d > 2.0), "{t:?}");
            naive_covered += usize::from(lo <= truth && truth <= hi);
        }
        assert!(
            (180..=198).contains(&covered),
            "covered in {covered} of {seeds}"
        );
        // What the fix is for: the naive interval misses far more often.
        assert!(
            naive_covered < 170,
            "naive covered in {naive_covered} of {seeds}"
        );
    }

    #[test]
    fn duration_intervals_allow_for_customers_too() {
        // The same customers, durations: tier A's whole distribution is 8 days later, so the true
        // difference of medians is 8.
        let opts = InsightsOptions {
            max_q: 1.0,
            bootstrap_samples: 1000,
            ..Default::default()
        };
        let (mut covered, seeds) = (0, 100);
        for seed in 0..seeds {
            let (v, d, cl) = customers_with_habits(7000 + seed, 200, true, 8.0);
            let (f, _) = findings(&v, &d, None, Some(&cl), &opts, &tc());
            let t = f
                .iter()
                .find(|x| x.attribute == "tier")
                .expect("tier tested");
            let truth = if t.value == "A" { 8.0 } else { -8.0 };
            covered += usize::from(t.ci_low <= truth && truth <= t.ci_high);
            let (plain, _) = findings(&v, &d, None, None, &opts, &tc());
            let p = plain.iter().find(|x| x.attribute == "tier").unwrap();
            assert!(t.ci_high - t.ci_low > p.ci_high - p.ci_low, "seed {seed}");
        }
        assert!(
            (88..=100).contains(&covered),
            "covered in {covered} of {seeds}"
        );
    }
}
