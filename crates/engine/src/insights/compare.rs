//! Two populations side by side: A and B from two filter stacks, or before / after a date.
//!
//! - Headline KPIs: every collections outcome the log supports and the case duration, for A and for B
//!   with their intervals (Wilson for rates, the order-statistic interval of the median for durations),
//!   the change B − A
//!   with its interval (Newcombe, bootstrap) and a p-value (z / Fisher, Mood's median test). Outcomes are
//!   measured at one as-of instant, the last event of A and B together.
//! - Map edges: for every directly-follows edge, the share of cases passing it in A and in B, the
//!   change with Newcombe's interval, and the median waiting times.
//! - Variants that grew or shrank: share in A and in B, the change with Newcombe's interval, p and
//!   Benjamini–Hochberg q-values over every variant compared; the 50 largest changes.
//! - Drivers of being in B: the findings machinery with the outcome "in B" over A ∪ B.

use super::outcomes::{OutcomeContext, OutcomeId, OutcomeKind};
use super::stats;
use super::{InsightsOptions, InsightsReport};
use crate::analysis::{dfg, variants};
use crate::collections::RoleMap;
use crate::filter::Selection;
use crate::log::{ActivityId, EventLog};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A figure for one population with its 95 % interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Rate (0–1) or median days.
    pub value: Option<f64>,
    /// Lower end.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Cases with a known value.
    pub cases: u64,
}

/// One headline KPI in A and B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KpiComparison {
    /// Outcome id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Rate or duration.
    pub kind: OutcomeKind,
    /// In A.
    pub a: Estimate,
    /// In B.
    pub b: Estimate,
    /// B − A.
    pub difference: Option<f64>,
    /// Lower end of the change's interval.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Two-sided p-value of the change.
    pub p_value: Option<f64>,
    /// Why the KPI is missing, when the log cannot support it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A directly-follows edge in A and B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeComparison {
    /// Source activity.
    pub from: String,
    /// Target activity.
    pub to: String,
    /// Cases of A passing the edge.
    pub a_cases: u64,
    /// Cases of B passing it.
    pub b_cases: u64,
    /// Share of A's cases.
    pub a_share: f64,
    /// Share of B's cases.
    pub b_share: f64,
    /// `b_share − a_share`.
    pub share_difference: f64,
    /// Newcombe interval of the change.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// Median waiting time in A, days.
    pub a_median_days: Option<f64>,
    /// In B.
    pub b_median_days: Option<f64>,
    /// B − A.
    pub median_difference_days: Option<f64>,
}

/// A variant in A and B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantComparison {
    /// The activity sequence.
    pub activities: Vec<String>,
    /// Cases in A.
    pub a_cases: u64,
    /// Cases in B.
    pub b_cases: u64,
    /// Share of A.
    pub a_share: f64,
    /// Share of B.
    pub b_share: f64,
    /// `b_share − a_share`.
    pub difference: f64,
    /// Newcombe interval.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Benjamini–Hochberg q-value over every variant compared.
    pub q_value: f64,
}

/// A against B.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Cases in A.
    pub a_cases: u64,
    /// Cases in B.
    pub b_cases: u64,
    /// Cases in both (they count in both populations, and as "in B" for the drivers).
    pub overlap_cases: u64,
    /// Headline KPIs.
    pub kpis: Vec<KpiComparison>,
    /// Every edge of A or B, largest change of share first.
    pub edges: Vec<EdgeComparison>,
    /// The variants with the largest change of share (at most 50).
    pub variants: Vec<VariantComparison>,
    /// What sets B's cases apart from A's.
    pub drivers: InsightsReport,
}

/// Splits the cases of `sel` by their first selected event: before `t_ms` (A), on or after (B).
pub fn split_at(log: &EventLog, sel: &Selection, t_ms: i64) -> (Selection, Selection) {
    let t = log.times();
    let mut start = vec![i64::MAX; log.case_count()];
    for (c, r) in sel.cases(log) {
        if !r.is_empty() {
            start[c] = t[r.start];
        }
    }
    (
        Selection::from_fn(log, |c| start[c] != i64::MAX && start[c] < t_ms),
        Selection::from_fn(log, |c| start[c] != i64::MAX && start[c] >= t_ms),
    )
}

/// Compares the cases of `a` and `b`.
pub fn compare(
    log: &EventLog,
    a: &Selection,
    b: &Selection,
    map: &RoleMap,
    opts: &InsightsOptions,
) -> Comparison {
    let union = Selection::from_fn(log, |c| a.contains(c) || b.contains(c));
    let overlap = (0..log.case_count())
        .filter(|&c| a.contains(c) && b.contains(c))
        .count() as u64;
    let oc = OutcomeContext::new(log, &union, map, opts);
    let ids: Vec<OutcomeId> = if opts.outcomes.is_empty() {
        OutcomeId::STANDARD.to_vec()
    } else {
        opts.outcomes
            .iter()
            .filter_map(|k| OutcomeId::from_key(k))
            .collect()
    };
    let kpis = ids.iter().map(|id| kpi(&oc, id, a, b, opts)).collect();
    let driver_opts = InsightsOptions {
        outcomes: vec![OutcomeId::InB.key()],
        ..opts.clone()
    };
    Comparison {
        a_cases: a.len() as u64,
        b_cases: b.len() as u64,
        overlap_cases: overlap,
        kpis,
        edges: edges(log, a, b),
        variants: variant_changes(log, a, b),
        drivers: super::insights_of_selection(log, &union, b, map, &driver_opts),
    }
}

fn kpi(
    oc: &OutcomeContext,
    id: &OutcomeId,
    a: &Selection,
    b: &Selection,
    opts: &InsightsOptions,
) -> KpiComparison {
    let empty = Estimate {
        value: None,
        ci_low: None,
        ci_high: None,
        cases: 0,
    };
    let mut row = KpiComparison {
        id: id.key(),
        label: super::text::outcome_label(id, opts.language),
        kind: id.kind(),
        a: empty.clone(),
        b: empty,
        difference: None,
        ci_low: None,
        ci_high: None,
        p_value: None,
        reason: None,
    };
    let values = match oc.compute(id, None, opts) {
        Ok(v) => v.values,
        Err(reason) => {
            row.reason = Some(reason);
            return row;
        }
    };
    let of = |s: &Selection| -> Vec<f64> {
        let mut v: Vec<f64> = s
            .cases(oc_log(oc))
            .map(|(c, _)| values[c])
            .filter(|x| !x.is_nan())
            .collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let (va, vb) = (of(a), of(b));
    let some = |x: f64| x.is_finite().then_some(x);
    let seed = super::findings::seed_for(opts.seed, &row.id, &["compare"]);
    match id.kind() {
        OutcomeKind::Rate => {
            let yes = |v: &[f64]| v.iter().filter(|&&x| x > 0.5).count() as u64;
            let (ka, na, kb, nb) = (yes(&va), va.len() as u64, yes(&vb), vb.len() as u64);
            for (est, k, n) in [(&mut row.a, ka, na), (&mut row.b, kb, nb)] {
                let (lo, hi) = stats::wilson(k, n);
                est.cases = n;
                est.value = (n > 0).then(|| k as f64 / n as f64);
                est.ci_low = some(lo);
                est.ci_high = some(hi);
            }
            if na > 0 && nb > 0 {
                let (d, lo, hi) = stats::newcombe(kb, nb, ka, na);
                row.difference = some(d);
                row.ci_low = some(lo);
                row.ci_high = some(hi);
                row.p_value = Some(stats::proportion_test(kb, nb, ka, na).0);
            }
        }
        OutcomeKind::Duration => {
            for (est, v) in [(&mut row.a, &va), (&mut row.b, &vb)] {
                let (lo, hi) = stats::median_ci(v);
                est.cases = v.len() as u64;
                est.value = some(stats::median_sorted(v));
                est.ci_low = some(lo);
                est.ci_high = some(hi);
            }
            if !va.is_empty() && !vb.is_empty() {
                let d = stats::bootstrap_median_diff(&vb, &va, opts.bootstrap_samples, seed ^ 2);
                row.difference = some(d.estimate);
                row.ci_low = some(d.low);
                row.ci_high = some(d.high);
                // Mood's median test: above the median of A and B together.
                let mut all: Vec<f64> = va.iter().chain(&vb).copied().collect();
                all.sort_by(f64::total_cmp);
                let m = stats::median_sorted(&all);
                let above = |v: &[f64]| v.iter().filter(|&&x| x > m).count() as u64;
                row.p_value = Some(
                    stats::proportion_test(
                        above(&vb),
                        vb.len() as u64,
                        above(&va),
                        va.len() as u64,
                    )
                    .0,
                );
            }
        }
    }
    row
}

fn oc_log<'a>(oc: &OutcomeContext<'a>) -> &'a EventLog {
    oc.roles().log
}

fn edges(log: &EventLog, a: &Selection, b: &Selection) -> Vec<EdgeComparison> {
    let (ga, gb) = (dfg(log, a), dfg(log, b));
    let mut by: BTreeMap<(ActivityId, ActivityId), [Option<&crate::analysis::Edge>; 2]> =
        BTreeMap::new();
    for e in &ga.edges {
        by.entry((e.from, e.to)).or_default()[0] = Some(e);
    }
    for e in &gb.edges {
        by.entry((e.from, e.to)).or_default()[1] = Some(e);
    }
    let (na, nb) = (ga.cases, gb.cases);
    let days = |e: Option<&crate::analysis::Edge>| {
        e.filter(|e| e.duration.count > 0)
            .map(|e| e.duration.median_s / 86_400.0)
    };
    let mut out: Vec<EdgeComparison> = by
        .into_iter()
        .map(|((from, to), [ea, eb])| {
            let (ca, cb) = (ea.map_or(0, |e| e.cases), eb.map_or(0, |e| e.cases));
            let (d, lo, hi) = stats::newcombe(cb, nb, ca, na);
            let share = |c: u64, n: u64| if n > 0 { c as f64 / n as f64 } else { f64::NAN };
            let (ma, mb) = (days(ea), days(eb));
            EdgeComparison {
                from: log.activity_name(from).to_string(),
                to: log.activity_name(to).to_string(),
                a_cases: ca,
                b_cases: cb,
                a_share: share(ca, na),
                b_share: share(cb, nb),
                share_difference: d,
                ci_low: lo,
                ci_high: hi,
                a_median_days: ma,
                b_median_days: mb,
                median_difference_days: ma.zip(mb).map(|(x, y)| y - x),
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.share_difference
            .abs()
            .total_cmp(&x.share_difference.abs())
            .then_with(|| x.from.cmp(&y.from))
            .then_with(|| x.to.cmp(&y.to))
    });
    out
}

fn variant_changes(log: &EventLog, a: &Selection, b: &Selection) -> Vec<VariantComparison> {
    let (va, vb) = (variants(log, a), variants(log, b));
    let mut by: BTreeMap<&[ActivityId], [u64; 2]> = BTreeMap::new();
    for v in &va.variants {
        by.entry(&v.activities[..]).or_default()[0] = v.cases;
    }
    for v in &vb.variants {
        by.entry(&v.activities[..]).or_default()[1] = v.cases;
    }
    let (na, nb) = (a.len() as u64, b.len() as u64);
    let mut rows: Vec<VariantComparison> = by
        .into_iter()
        .map(|(seq, [ca, cb])| {
            let (d, lo, hi) = stats::newcombe(cb, nb, ca, na);
            let share = |c: u64, n: u64| if n > 0 { c as f64 / n as f64 } else { f64::NAN };
            VariantComparison {
                activities: seq
                    .iter()
                    .map(|&x| log.activity_name(x).to_string())
                    .collect(),
                a_cases: ca,
                b_cases: cb,
                a_share: share(ca, na),
                b_share: share(cb, nb),
                difference: d,
                ci_low: lo,
                ci_high: hi,
                p_value: if na > 0 && nb > 0 {
                    stats::proportion_test(cb, nb, ca, na).0
                } else {
                    1.0
                },
                q_value: 1.0,
            }
        })
        .collect();
    let q = stats::bh_qvalues(&rows.iter().map(|r| r.p_value).collect::<Vec<_>>());
    for (r, q) in rows.iter_mut().zip(q) {
        r.q_value = q;
    }
    rows.sort_by(|x, y| {
        y.difference
            .abs()
            .total_cmp(&x.difference.abs())
            .then_with(|| x.activities.cmp(&y.activities))
    });
    rows.truncate(50);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::testing::log;

    #[test]
    fn before_and_after_a_date() {
        // January: 40 invoices paid in 10 days by the path Create → Pay; February: 40 invoices with a
        // reminder first, paid in 30 days.
        let mut csv = String::from("case,activity,timestamp\n");
        for i in 0..40 {
            csv.push_str(&format!("j{i},Invoice created,2024-01-{:02}\n", 1 + i % 20));
            csv.push_str(&format!(
                "j{i},Payment received,2024-01-{:02}\n",
                11 + i % 20
            ));
            csv.push_str(&format!("f{i},Invoice created,2024-02-{:02}\n", 1 + i % 20));
            csv.push_str(&format!("f{i},Reminder 1 sent,2024-02-{:02}\n", 5 + i % 20));
            csv.push_str(&format!(
                "f{i},Payment received,2024-03-{:02}\n",
                2 + i % 20
            ));
        }
        let (log, map) = log(&csv);
        let t = crate::calendar::days_from_civil(2024, 2, 1) * crate::calendar::MS_PER_DAY;
        let (a, b) = split_at(&log, &Selection::all(&log), t);
        assert_eq!((a.len(), b.len()), (40, 40));
        let opts = InsightsOptions {
            bootstrap_samples: 500,
            ..Default::default()
        };
        let c = compare(&log, &a, &b, &map, &opts);
        assert_eq!((c.a_cases, c.b_cases, c.overlap_cases), (40, 40, 0));
        let dur = c
            .kpis
            .iter()
            .find(|k| k.id == "case_duration_days")
            .unwrap();
        assert_eq!(dur.a.value, Some(10.0));
        assert!(dur.b.value.unwrap() >= 29.0 - 1e-9, "{dur:?}");
        assert!(dur.ci_low.unwrap() > 0.0);
        let late = c.kpis.iter().find(|k| k.id == "late_payment").unwrap();
        assert!(late.reason.is_some(), "no due dates: {late:?}");
        // The new step appears in every B case and no A case; the direct payment in every A case only.
        let e = c.edges.iter().find(|e| e.to == "Reminder 1 sent").unwrap();
        assert_eq!((e.a_share, e.b_share), (0.0, 1.0));
        assert!(e.ci_low > 0.8, "{e:?}");
        let direct = &c.edges[0];
        assert_eq!(
            (direct.from.as_str(), direct.to.as_str()),
            ("Invoice created", "Payment received")
        );
        assert_eq!(direct.share_difference, -1.0);
        assert_eq!(direct.a_median_days, Some(10.0));
        assert_eq!(direct.b_median_days, None);
        assert_eq!(c.variants.len(), 2);
        assert_eq!(c.variants[0].difference.abs(), 1.0);
        assert!(c.variants[0].q_value < 1e-6);
        // Being in B goes with the reminder path; the drivers find nothing else to say (no attribute).
        assert_eq!(c.drivers.outcomes[0].id, "in_b");
        assert_eq!(c.drivers.outcomes[0].value, Some(0.5));
    }
}
