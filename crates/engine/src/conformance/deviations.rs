//! Deviations as people read them, from the alignments: each with its cases, its share, and what goes
//! with it (invoice-to-cash, or case duration, with and without it), ranked by impact.
//!
//! Per variant and activity, with `L` log moves, `M` visible model moves and `S` synchronous moves of
//! that activity in the variant's alignment:
//! - **out of order**: `min(L, M) > 0` — the activity was done, but not where the model has it (the
//!   alignment skips it in one place and inserts it in another);
//! - **skipped**: `M − min(L, M) > 0` — the model needed it, the case does not have it;
//! - **repeated**: `L − min(L, M) > 0` and the activity also occurs where the model has it (`S > 0`,
//!   or it is out of order) — done more often than the model allows;
//! - **inserted**: the same with `S = 0` and nothing out of order — done where the model has no place
//!   for it at all.
//!
//! Impact (as the insights measure durations, [`crate::insights::stats`]): the difference of the
//! medians of the cases with the deviation and of the other cases, with a seeded percentile bootstrap
//! interval, on invoice-to-cash days when the log is receivables (invoices issued at least the
//! maturity horizon before the as-of date, unpaid ones slower than any paid one, as the insights
//! define it) and on case duration otherwise. p-values from the bootstrap, Benjamini–Hochberg q-values
//! over every deviation. Ranked by the number of cases times the end of the interval nearest zero
//! (zero when the interval spans it), so a rare or uncertain deviation never comes first; then by
//! cases. An association, not a cause: the text says so.

use super::alignment::Step;
use crate::filter::{Filter, Selection};
use crate::insights::stats::{bh_qvalues, bootstrap_median_diff};
use crate::insights::text::{money, number, percent};
use crate::insights::Language;
use crate::log::{CaseIdx, EventLog};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How a case departs from the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviationKind {
    /// The model needed the activity; the case does not have it.
    Skipped,
    /// Done where the model has no place for it.
    Inserted,
    /// Done, but not where the model has it.
    OutOfOrder,
    /// Done more often than the model allows.
    Repeated,
}

impl DeviationKind {
    /// `skipped`, `inserted`, ...
    pub fn key(self) -> &'static str {
        match self {
            DeviationKind::Skipped => "skipped",
            DeviationKind::Inserted => "inserted",
            DeviationKind::OutOfOrder => "out_of_order",
            DeviationKind::Repeated => "repeated",
        }
    }

    fn words(self, lang: Language) -> &'static str {
        match (self, lang) {
            (DeviationKind::Skipped, Language::En) => "skipped",
            (DeviationKind::Inserted, Language::En) => "done outside the model",
            (DeviationKind::OutOfOrder, Language::En) => "done out of order",
            (DeviationKind::Repeated, Language::En) => "repeated",
            (DeviationKind::Skipped, Language::Fr) => "sautée",
            (DeviationKind::Inserted, Language::Fr) => "faite hors du modèle",
            (DeviationKind::OutOfOrder, Language::Fr) => "faite dans le désordre",
            (DeviationKind::Repeated, Language::Fr) => "répétée",
        }
    }
}

/// One deviation across the cases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deviation {
    /// Kind.
    pub kind: DeviationKind,
    /// The activity, as the log names it (the model's name when the log has none).
    pub activity: String,
    /// Cases with it.
    pub cases: u64,
    /// Share of the cases.
    pub share: f64,
    /// Median days (invoice-to-cash, or case duration: see `measure`) of the cases with it minus the
    /// others'; `null` when not available (see `reason`).
    pub impact_days: Option<f64>,
    /// 95 % bootstrap interval of `impact_days`.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Sum of the amounts of the cases with it; `null` without an amount column.
    pub amount: Option<f64>,
    /// The deviation in a sentence.
    pub text: String,
    /// `invoice_to_cash_days` or `case_duration_days`.
    pub measure: String,
    /// Median days of the cases with it (with a known value).
    pub median_with_days: Option<f64>,
    /// Median days of the other cases.
    pub median_without_days: Option<f64>,
    /// Cases with it and a known value of the measure.
    pub cases_measured: u64,
    /// Two-sided bootstrap p-value.
    pub p_value: Option<f64>,
    /// Benjamini–Hochberg q-value over every deviation.
    pub q_value: Option<f64>,
    /// The ranking key: cases × the interval end nearest zero (0 when it spans zero), case-days.
    pub impact: f64,
    /// Why the impact is not available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Times it occurs (a case may have it more than once).
    pub occurrences: u64,
    /// The variants with it (indices into the report's variants).
    pub variants: Vec<usize>,
}

/// Per variant, what its alignment says, by (kind, activity): occurrences.
pub(crate) fn classify(
    steps: &[Step],
    log_name: impl Fn(u32) -> String,
    model_name: impl Fn(u32) -> Option<String>,
) -> BTreeMap<(DeviationKind, String), u64> {
    #[derive(Default)]
    struct Counts {
        log: u64,
        model: u64,
        sync: u64,
    }
    let mut by: BTreeMap<String, Counts> = BTreeMap::new();
    for s in steps {
        match *s {
            Step::Sync { event, .. } => by.entry(log_name(event)).or_default().sync += 1,
            Step::Log { event } => by.entry(log_name(event)).or_default().log += 1,
            Step::Model { transition } => {
                if let Some(name) = model_name(transition) {
                    by.entry(name).or_default().model += 1;
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (name, c) in by {
        let paired = c.log.min(c.model);
        if paired > 0 {
            out.insert((DeviationKind::OutOfOrder, name.clone()), paired);
        }
        if c.model > paired {
            out.insert((DeviationKind::Skipped, name.clone()), c.model - paired);
        }
        if c.log > paired {
            let kind = if c.sync > 0 || paired > 0 {
                DeviationKind::Repeated
            } else {
                DeviationKind::Inserted
            };
            out.insert((kind, name), c.log - paired);
        }
    }
    out
}

/// What the impact is measured on.
pub(crate) struct Measure<'a> {
    /// `invoice_to_cash_days` or `case_duration_days`.
    pub key: &'static str,
    /// Per case of the log, days (`+∞`: never paid; `NaN`: unknown or not selected).
    pub values: &'a [f64],
    /// Per case, its amount (`NaN` when missing); `None` without an amount column.
    pub amounts: Option<&'a [f64]>,
    /// Currency of the amounts.
    pub currency: Option<&'a str>,
}

/// The deviations of all variants, with their impact, ranked.
#[allow(clippy::too_many_arguments)]
pub(crate) fn deviations(
    per_variant: &[BTreeMap<(DeviationKind, String), u64>],
    variant_cases: &[u64],
    case_variant: &[u32],
    total_cases: u64,
    measure: &Measure<'_>,
    samples: usize,
    seed: u64,
    lang: Language,
) -> Vec<Deviation> {
    let mut groups: BTreeMap<(DeviationKind, String), (Vec<usize>, u64)> = BTreeMap::new();
    for (v, devs) in per_variant.iter().enumerate() {
        for (k, &n) in devs {
            let g = groups.entry(k.clone()).or_default();
            g.0.push(v);
            g.1 += n * variant_cases.get(v).copied().unwrap_or(0);
        }
    }
    // Every selected case's value, sorted once; each deviation's "without" side is this list minus
    // its own cases.
    let mut all: Vec<(f64, u32)> = case_variant
        .iter()
        .enumerate()
        .filter(|(_, &v)| v != u32::MAX)
        .filter_map(|(c, &v)| {
            let y = measure.values.get(c).copied().unwrap_or(f64::NAN);
            (!y.is_nan()).then_some((y, v))
        })
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Deviation> = Vec::with_capacity(groups.len());
    for (i, ((kind, activity), (variants, occurrences))) in groups.into_iter().enumerate() {
        let mut in_group = vec![false; variant_cases.len()];
        for &v in &variants {
            in_group[v] = true;
        }
        let cases: u64 = variants.iter().map(|&v| variant_cases[v]).sum();
        let (with, without): (Vec<f64>, Vec<f64>) = {
            let mut w = Vec::new();
            let mut wo = Vec::new();
            for &(y, v) in &all {
                if in_group.get(v as usize).copied().unwrap_or(false) {
                    w.push(y);
                } else {
                    wo.push(y);
                }
            }
            (w, wo)
        };
        let amount = measure.amounts.map(|a| {
            case_variant
                .iter()
                .enumerate()
                .filter(|(_, &v)| {
                    v != u32::MAX && in_group.get(v as usize).copied().unwrap_or(false)
                })
                .map(|(c, _)| a.get(c).copied().unwrap_or(f64::NAN))
                .filter(|x| x.is_finite())
                .fold(0.0, |s, x| s + x)
        });
        let mut d = Deviation {
            kind,
            activity,
            cases,
            share: if total_cases > 0 {
                cases as f64 / total_cases as f64
            } else {
                0.0
            },
            impact_days: None,
            ci_low: None,
            ci_high: None,
            amount,
            text: String::new(),
            measure: measure.key.to_string(),
            median_with_days: finite(crate::insights::stats::median_sorted(&with)),
            median_without_days: finite(crate::insights::stats::median_sorted(&without)),
            cases_measured: with.len() as u64,
            p_value: None,
            q_value: None,
            impact: 0.0,
            reason: None,
            occurrences,
            variants,
        };
        if with.is_empty() || without.is_empty() {
            d.reason = Some(if with.is_empty() {
                no_value(measure.key, lang, true)
            } else {
                no_value(measure.key, lang, false)
            });
        } else {
            let b = bootstrap_median_diff(&with, &without, samples, seed.wrapping_add(i as u64));
            if b.estimate.is_finite() && b.low.is_finite() && b.high.is_finite() {
                d.impact_days = Some(b.estimate);
                d.ci_low = Some(b.low);
                d.ci_high = Some(b.high);
                d.p_value = Some(b.p_value);
                let near = if b.low > 0.0 {
                    b.low
                } else if b.high < 0.0 {
                    b.high
                } else {
                    0.0
                };
                d.impact = cases as f64 * near;
            } else {
                d.reason = Some(match lang {
                    Language::En => "the median case on one side is not paid yet: no difference in days".into(),
                    Language::Fr => "le dossier médian d'un des deux côtés n'est pas encore payé : pas d'écart en jours".into(),
                });
            }
        }
        out.push(d);
    }
    let idx: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].p_value.is_some())
        .collect();
    let q = bh_qvalues(
        &idx.iter()
            .map(|&i| out[i].p_value.unwrap_or(1.0))
            .collect::<Vec<_>>(),
    );
    for (k, &i) in idx.iter().enumerate() {
        out[i].q_value = q.get(k).copied();
    }
    out.sort_by(|a, b| {
        b.impact
            .total_cmp(&a.impact)
            .then(b.cases.cmp(&a.cases))
            .then(a.kind.cmp(&b.kind))
            .then(a.activity.cmp(&b.activity))
    });
    for d in &mut out {
        d.text = sentence(d, measure, lang);
    }
    out
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

fn no_value(key: &str, lang: Language, with_side: bool) -> String {
    let what = match (key, lang) {
        ("invoice_to_cash_days", Language::En) => "invoice-to-cash time (invoices old enough)",
        ("invoice_to_cash_days", Language::Fr) => "délai d'encaissement (factures assez anciennes)",
        (_, Language::En) => "duration",
        (_, Language::Fr) => "durée",
    };
    match (lang, with_side) {
        (Language::En, true) => format!("no case with this deviation has a known {what}"),
        (Language::En, false) => {
            format!("every case with a known {what} has this deviation: nothing to compare with")
        }
        (Language::Fr, true) => format!("aucun dossier avec cet écart n'a de {what} connu(e)"),
        (Language::Fr, false) => {
            format!("tous les dossiers avec un(e) {what} connu(e) ont cet écart : rien à comparer")
        }
    }
}

fn sentence(d: &Deviation, m: &Measure<'_>, lang: Language) -> String {
    let fr = lang == Language::Fr;
    let mut s = if fr {
        format!(
            "« {} » {} dans {} des dossiers ({})",
            d.activity,
            d.kind.words(lang),
            percent(d.share, lang),
            number(d.cases as f64, 0, lang)
        )
    } else {
        format!(
            "\"{}\" {} in {} of cases ({})",
            d.activity,
            d.kind.words(lang),
            percent(d.share, lang),
            number(d.cases as f64, 0, lang)
        )
    };
    let what = match (m.key, fr) {
        ("invoice_to_cash_days", false) => "invoice to cash",
        ("invoice_to_cash_days", true) => "délai d'encaissement",
        (_, false) => "case duration",
        (_, true) => "durée du dossier",
    };
    match (d.impact_days, d.ci_low, d.ci_high) {
        (Some(x), Some(lo), Some(hi)) => {
            let (more, less) = if fr {
                ("de plus", "de moins")
            } else {
                ("longer", "shorter")
            };
            let dir = if x >= 0.0 { more } else { less };
            if fr {
                s.push_str(&format!(
                    " : {what} {} jours {dir} avec cet écart (IC 95 % {} à {})",
                    number(x.abs(), 1, lang),
                    number(lo, 1, lang),
                    number(hi, 1, lang)
                ));
            } else {
                s.push_str(&format!(
                    ": {what} {} days {dir} with it (95 % CI {} to {})",
                    number(x.abs(), 1, lang),
                    number(lo, 1, lang),
                    number(hi, 1, lang)
                ));
            }
        }
        _ => {
            if let Some(r) = &d.reason {
                s.push_str(&format!(" ({r})"));
            }
        }
    }
    if let Some(a) = d.amount {
        s.push_str(&if fr {
            format!(" ; {} concernés", money(a, m.currency, lang))
        } else {
            format!("; {} concerned", money(a, m.currency, lang))
        });
    }
    s.push('.');
    s
}

/// The cases with a deviation, in case order.
pub fn deviation_cases(case_variant: &[u32], deviation: &Deviation) -> Vec<CaseIdx> {
    let max = deviation
        .variants
        .iter()
        .copied()
        .max()
        .map_or(0, |m| m + 1);
    let mut wanted = vec![false; max];
    for &v in &deviation.variants {
        wanted[v] = true;
    }
    case_variant
        .iter()
        .enumerate()
        .filter(|(_, &v)| v != u32::MAX && wanted.get(v as usize).copied().unwrap_or(false))
        .map(|(c, _)| c)
        .collect()
}

/// The cases with a deviation as a selection.
pub fn deviation_selection(
    log: &EventLog,
    case_variant: &[u32],
    deviation: &Deviation,
) -> Selection {
    let cases = deviation_cases(case_variant, deviation);
    let mut mask = vec![false; log.case_count()];
    for c in cases {
        if let Some(m) = mask.get_mut(c) {
            *m = true;
        }
    }
    Selection::from_fn(log, |c| mask[c])
}

/// The chip of a deviation: a filter keeping exactly its cases, labelled for the filter bar.
pub fn deviation_filter(
    log: &EventLog,
    case_variant: &[u32],
    deviation: &Deviation,
    lang: Language,
) -> Filter {
    let ids = deviation_cases(case_variant, deviation)
        .into_iter()
        .map(|c| log.case_id(c).to_string())
        .collect();
    let label = match lang {
        Language::En => format!("\"{}\" {}", deviation.activity, deviation.kind.words(lang)),
        Language::Fr => format!("« {} » {}", deviation.activity, deviation.kind.words(lang)),
    };
    Filter::Cases {
        ids,
        label: Some(label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(
        steps: &[Step],
        trace: &[&str],
        model: &[Option<&str>],
    ) -> BTreeMap<(DeviationKind, String), u64> {
        classify(
            steps,
            |e| trace[e as usize].to_string(),
            |t| model[t as usize].map(str::to_string),
        )
    }

    #[test]
    fn kinds_by_hand() {
        // Model a → b → c; transitions 0, 1, 2, and 3 silent.
        let model = [Some("a"), Some("b"), Some("c"), None];
        // Trace a c b: a sync, c log, b sync, c model → c out of order.
        let t = ["a", "c", "b"];
        let steps = [
            Step::Sync {
                event: 0,
                transition: 0,
            },
            Step::Log { event: 1 },
            Step::Sync {
                event: 2,
                transition: 1,
            },
            Step::Model { transition: 2 },
        ];
        let k = names(&steps, &t, &model);
        assert_eq!(
            k.into_iter().collect::<Vec<_>>(),
            [((DeviationKind::OutOfOrder, "c".into()), 1)]
        );
        // Trace a x a b: x inserted, a repeated, c skipped; the silent move is no deviation.
        let t = ["a", "x", "a", "b"];
        let steps = [
            Step::Sync {
                event: 0,
                transition: 0,
            },
            Step::Log { event: 1 },
            Step::Log { event: 2 },
            Step::Model { transition: 3 },
            Step::Sync {
                event: 3,
                transition: 1,
            },
            Step::Model { transition: 2 },
        ];
        let k: Vec<_> = names(&steps, &t, &model).into_iter().collect();
        assert_eq!(
            k,
            [
                ((DeviationKind::Skipped, "c".into()), 1),
                ((DeviationKind::Inserted, "x".into()), 1),
                ((DeviationKind::Repeated, "a".into()), 1),
            ]
        );
    }

    #[test]
    fn impact_ranks_costly_and_certain_first() {
        // Variant 0: 60 cases, no deviation, 10 days. Variant 1: 30 cases skip b, 30 days. Variant 2:
        // 10 cases insert x, 10 days.
        let mut per_variant = vec![BTreeMap::new(); 3];
        per_variant[1].insert((DeviationKind::Skipped, "b".to_string()), 1);
        per_variant[2].insert((DeviationKind::Inserted, "x".to_string()), 1);
        let variant_cases = [60, 30, 10];
        let mut case_variant = Vec::new();
        let mut values = Vec::new();
        for (v, (&n, days)) in variant_cases.iter().zip([10.0, 30.0, 10.0]).enumerate() {
            for i in 0..n {
                case_variant.push(v as u32);
                values.push(days + (i % 3) as f64);
            }
        }
        let amounts = vec![100.0; values.len()];
        let m = Measure {
            key: "case_duration_days",
            values: &values,
            amounts: Some(&amounts),
            currency: Some("EUR"),
        };
        let d = deviations(
            &per_variant,
            &variant_cases,
            &case_variant,
            100,
            &m,
            500,
            1,
            Language::En,
        );
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].kind, d[0].activity.as_str()),
            (DeviationKind::Skipped, "b")
        );
        assert_eq!(d[0].cases, 30);
        assert_eq!(d[0].share, 0.3);
        // Medians: with b skipped 31, the others 11 (60 cases 10-12 and 10 cases 10-12).
        assert_eq!(d[0].median_with_days, Some(31.0));
        assert_eq!(d[0].median_without_days, Some(11.0));
        assert_eq!(d[0].impact_days, Some(20.0));
        assert!(d[0].ci_low.unwrap() > 0.0 && d[0].impact > 0.0);
        assert_eq!(d[0].amount, Some(3000.0));
        assert!(
            d[0].text
                .starts_with("\"b\" skipped in 30 % of cases (30): case duration 20.0 days longer"),
            "{}",
            d[0].text
        );
        assert!(d[1].impact <= 0.0);
        // The chip selects exactly the 30 cases.
        assert_eq!(deviation_cases(&case_variant, &d[0]).len(), 30);
    }
}
