//! The headline: the few findings a credit manager should hear first, across every outcome.
//!
//! - At most [`HEADLINE_ITEMS`] items, ranked by **money at stake**: the amount at risk (excess cases ×
//!   the group's mean amount); when the log has no amounts, by excess cases. Findings without an amount
//!   (durations) follow those with one.
//! - Only findings that add cases with the outcome (excess > 0, interval clear of zero) and only
//!   outcomes whose direction is known to be bad: on a receivables log the collections outcomes (late,
//!   disputed, written off, invoice to cash, unanswered reminders); elsewhere every outcome.
//! - Subgroups are folded: a subgroup reported with its parent rides in the parent's item, so a
//!   parent and its pair never take two of the five places; a subgroup whose parent is not reported
//!   is an item of its own.
//! - Each item carries the number of values tested for its outcome; the report states the total.

use super::{Finding, OutcomeInfo};
use serde::{Deserialize, Serialize};

/// The most items in the headline.
pub const HEADLINE_ITEMS: usize = 5;

/// One headline item: a finding and the subgroups folded under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadlineItem {
    /// Outcome id.
    pub outcome: String,
    /// The outcome's label.
    pub outcome_label: String,
    /// The finding.
    pub finding: Finding,
    /// Subgroups reported with this finding as their parent, ranked by impact.
    pub subgroups: Vec<Finding>,
    /// The ranking key: the amount at risk (`null` without amounts).
    pub money_at_stake: Option<f64>,
    /// Excess cases (the key when the log has no amounts).
    pub excess_cases: f64,
    /// Values tested for the outcome (the Benjamini–Hochberg family size).
    pub tested: u64,
}

/// How the headline is ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineRank {
    /// By amount at risk.
    #[default]
    AmountAtRisk,
    /// By excess cases (no amounts).
    ExcessCases,
}

/// The headline of a report's findings (in the order of `outcomes`), how it is ranked, and how many
/// outcomes it drew from.
pub fn headline(
    outcomes: &[OutcomeInfo],
    findings: &[Finding],
    receivables: bool,
) -> (Vec<HeadlineItem>, HeadlineRank, usize) {
    let collections = |id: &str| super::OutcomeId::from_key(id).is_some_and(|o| o.is_collections());
    let any_collections = receivables && outcomes.iter().any(|o| o.available && collections(&o.id));
    let eligible = |f: &Finding| {
        (!any_collections || collections(&f.outcome)) && f.excess_cases > 0.0 && f.impact > 0.0
    };
    let is_parent_of = |p: &Finding, f: &Finding| {
        p.parent.is_none()
            && f.outcome == p.outcome
            && f.parent.as_ref().is_some_and(|x| {
                p.parts.len() == 1 && p.parts[0] == (x.attribute.clone(), x.value.clone())
            })
    };
    let mut items: Vec<HeadlineItem> = Vec::new();
    for f in findings.iter().filter(|f| eligible(f)) {
        // A pair whose parent is eligible rides in the parent's item.
        let folded =
            f.parent.is_some() && findings.iter().any(|p| eligible(p) && is_parent_of(p, f));
        if folded {
            continue;
        }
        let subgroups: Vec<Finding> = findings
            .iter()
            .filter(|x| is_parent_of(f, x))
            .cloned()
            .collect();
        let outcome = outcomes.iter().find(|o| o.id == f.outcome);
        items.push(HeadlineItem {
            outcome: f.outcome.clone(),
            outcome_label: outcome.map(|o| o.label.clone()).unwrap_or_default(),
            finding: f.clone(),
            subgroups,
            money_at_stake: f.amount_at_risk.filter(|a| a.is_finite()),
            excess_cases: f.excess_cases,
            tested: outcome.map_or(0, |o| o.tested),
        });
    }
    let rank = if items.iter().any(|i| i.money_at_stake.is_some()) {
        HeadlineRank::AmountAtRisk
    } else {
        HeadlineRank::ExcessCases
    };
    let order = |id: &str| outcomes.iter().position(|o| o.id == id);
    items.sort_by(|a, b| {
        let key = |i: &HeadlineItem| match rank {
            HeadlineRank::AmountAtRisk => (
                i.money_at_stake.is_some(),
                i.money_at_stake.unwrap_or(i.excess_cases),
            ),
            HeadlineRank::ExcessCases => (true, i.excess_cases),
        };
        let (ka, kb) = (key(a), key(b));
        kb.0.cmp(&ka.0)
            .then(kb.1.total_cmp(&ka.1))
            .then(b.finding.impact.total_cmp(&a.finding.impact))
            .then(order(&a.outcome).cmp(&order(&b.outcome)))
            .then(a.finding.attribute.cmp(&b.finding.attribute))
            .then(a.finding.value.cmp(&b.finding.value))
    });
    items.truncate(HEADLINE_ITEMS);
    let drawn_from = outcomes
        .iter()
        .filter(|o| o.available && (!any_collections || collections(&o.id)))
        .count();
    (items, rank, drawn_from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::stats::Test;
    use crate::insights::{IntervalMethod, OutcomeKind, Parent};

    fn outcome(id: &str, tested: u64) -> OutcomeInfo {
        OutcomeInfo {
            id: id.into(),
            label: id.replace('_', " "),
            cases: 1000,
            value: Some(0.3),
            definition: String::new(),
            kind: OutcomeKind::Rate,
            available: true,
            reason: None,
            value_ci_low: None,
            value_ci_high: None,
            tested,
            km_median_days: None,
            maturity: None,
        }
    }

    /// A finding of `outcome` on `attribute = value` (a pair when `parent` is given) with this much
    /// money at stake and excess cases.
    fn finding(
        outcome: &str,
        parts: &[(&str, &str)],
        parent: Option<(&str, &str)>,
        amount: Option<f64>,
        excess: f64,
    ) -> Finding {
        Finding {
            outcome: outcome.into(),
            attribute: parts.iter().map(|p| p.0).collect::<Vec<_>>().join(" × "),
            value: parts.iter().map(|p| p.1).collect::<Vec<_>>().join(" × "),
            cases: 100,
            outcome_value: 0.5,
            rest_value: 0.3,
            difference: 0.2,
            ci_low: 0.1,
            ci_high: 0.3,
            p_value: 1e-6,
            q_value: 1e-5,
            excess_cases: excess,
            amount_at_risk: amount,
            text: format!("{outcome} {parts:?}"),
            rest_cases: 900,
            value_ci_low: 0.4,
            value_ci_high: 0.6,
            interval_method: IntervalMethod::NewcombeHybridScore,
            test: Test::ZTest,
            impact: if excess > 0.0 { 10.0 } else { -10.0 },
            stratified_by: None,
            stratified_difference: None,
            stratified_flip: false,
            parts: parts.iter().map(|&(a, v)| (a.into(), v.into())).collect(),
            parent: parent.map(|(a, v)| Parent {
                attribute: a.into(),
                value: v.into(),
            }),
            design_effect: None,
        }
    }

    #[test]
    fn five_items_by_money_across_outcomes_with_pairs_folded() {
        let outcomes = [
            outcome("late_payment", 40),
            outcome("written_off", 31),
            outcome("case_duration_days", 12),
        ];
        let findings = vec![
            finding(
                "late_payment",
                &[("region", "Süd")],
                None,
                Some(50_000.0),
                120.0,
            ),
            // Folded under region Süd: not an item of its own, though it has more money than most.
            finding(
                "late_payment",
                &[("region", "Süd"), ("cc", "121")],
                Some(("region", "Süd")),
                Some(45_000.0),
                30.0,
            ),
            finding(
                "late_payment",
                &[("segment", "SME")],
                None,
                Some(20_000.0),
                200.0,
            ),
            // Spares late payments: no money at stake.
            finding(
                "late_payment",
                &[("segment", "Key")],
                None,
                Some(-30_000.0),
                -90.0,
            ),
            finding(
                "written_off",
                &[("terms", "60")],
                None,
                Some(80_000.0),
                40.0,
            ),
            finding(
                "written_off",
                &[("region", "Est")],
                None,
                Some(9_000.0),
                10.0,
            ),
            finding(
                "written_off",
                &[("amount", "< 100")],
                None,
                Some(1_000.0),
                15.0,
            ),
            // A pair whose parent is not reported stands alone.
            finding(
                "written_off",
                &[("sales_rep", "Léa"), ("region", "Nord")],
                Some(("sales_rep", "Léa")),
                Some(5_000.0),
                8.0,
            ),
            // Not a collections outcome on a receivables log: left out of the headline.
            finding(
                "case_duration_days",
                &[("region", "Süd")],
                None,
                Some(1e9),
                500.0,
            ),
        ];
        let (items, rank, drawn_from) = headline(&outcomes, &findings, true);
        assert_eq!(rank, HeadlineRank::AmountAtRisk);
        assert_eq!(drawn_from, 2);
        let got: Vec<(&str, &str, Option<f64>)> = items
            .iter()
            .map(|i| {
                (
                    i.outcome.as_str(),
                    i.finding.value.as_str(),
                    i.money_at_stake,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("written_off", "60", Some(80_000.0)),
                ("late_payment", "Süd", Some(50_000.0)),
                ("late_payment", "SME", Some(20_000.0)),
                ("written_off", "Est", Some(9_000.0)),
                ("written_off", "Léa × Nord", Some(5_000.0)),
            ]
        );
        // Region Süd carries its pair; each item says how many values its outcome tested.
        assert_eq!(items[1].subgroups.len(), 1);
        assert_eq!(items[1].subgroups[0].value, "Süd × 121");
        assert_eq!((items[0].tested, items[1].tested), (31, 40));
        assert!(items
            .iter()
            .all(|i| i.subgroups.is_empty() || i.finding.parent.is_none()));
    }

    #[test]
    fn without_amounts_the_headline_ranks_by_excess_cases() {
        let outcomes = [
            outcome("passes_through:Rework", 20),
            outcome("case_duration_days", 20),
        ];
        let findings: Vec<Finding> = (0..8)
            .map(|i| {
                let o = if i % 2 == 0 {
                    "passes_through:Rework"
                } else {
                    "case_duration_days"
                };
                let v = format!("v{i}");
                let mut f = finding(o, &[("team", "x")], None, None, 10.0 * f64::from(i));
                f.value = v.clone();
                f.parts = vec![("team".into(), v)];
                f
            })
            .collect();
        let (items, rank, _) = headline(&outcomes, &findings, false);
        assert_eq!(rank, HeadlineRank::ExcessCases);
        let excess: Vec<f64> = items.iter().map(|i| i.excess_cases).collect();
        // Excess 0 adds nothing and is left out; the five largest of 10 … 70, largest first.
        assert_eq!(excess, [70.0, 60.0, 50.0, 40.0, 30.0]);
    }
}
