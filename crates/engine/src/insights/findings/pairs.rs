//! Testing one pair (a driver's value against the rest): rates with Newcombe intervals, durations with
//! bootstrap intervals, and the stratified check for a confounder.

use super::*;

/// A subgroup to test: its cells, its stronger parent's counts and the design effects.
pub(super) struct PairTest {
    /// The parent's (driver, level) first, then the other value's.
    pub(super) parts: Vec<(usize, u32)>,
    pub(super) group: Counts,
    pub(super) parent: Counts,
    pub(super) deff: (f64, f64),
}

/// The subgroups of drivers `da` × `db`: every pair of values that each hold the support threshold,
/// with the counts against the stronger parent's other cases (the parent with the smaller p-value
/// alone). For durations "yes" is above the parent's median (Mood's test within the parent).
#[allow(clippy::too_many_arguments)]
pub(super) fn pair_tests(
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
pub(super) fn level_medians(data: &Data, di: usize, levels: usize) -> Vec<f64> {
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
pub(super) struct Buffers {
    pub(super) group: Vec<f64>,
    pub(super) rest: Vec<f64>,
    pub(super) customers: Vec<(f64, f64)>,
}

/// Which side of a comparison a sorted value is on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Group,
    Rest,
    Neither,
}

/// The known values split into the group and the rest (by position in the sorted values; values
/// on neither side are dropped), both sorted (durations).
pub(super) fn split<'b>(
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
pub(super) fn test(
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

pub(super) fn conservative(lo: f64, hi: f64) -> f64 {
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
pub(super) fn duration_interval(
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
    let (g, r) = split(data, &mut buf.group, &mut buf.rest, side);
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
pub(super) fn stratifier(
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
pub(super) fn stratified(data: &Data, ds: &[Driver], own: usize, level: u32, by: usize) -> f64 {
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
