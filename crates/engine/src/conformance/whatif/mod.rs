//! What-if scenarios: what a change in the process would have given on these cases, estimated from the
//! log with bootstrap intervals. Estimates, not promises: the text says so.
//!
//! Collections time is mostly the customer's payment delay, not staff queues, so the scenarios are
//! counterfactuals read from the log rather than a queue simulation (see `../shared/CONFORMANCE.md`):
//! - **follow the ideal path** ([`ScenarioSpec::FollowIdealPath`]): each case with a deviation takes
//!   the outcome (days to cash, days outstanding, late or not, written off or not) of a conformant case
//!   (no deviation at all) drawn at random, from its own segment when that segment has at least
//!   [`MIN_DONORS`] conformant cases;
//! - **an activity's waiting time changes** ([`ScenarioSpec::WaitingTime`]): the wait before each of
//!   its events (from the previous event of the case) is multiplied by `factor`, and everything after
//!   it moves earlier by what is saved; payment moves by what was saved before it, and a payment moved
//!   before the due day is no longer late;
//! - **a segment behaves like the rest** ([`ScenarioSpec::SegmentLikeRest`]): each case of the segment
//!   takes the outcome of a case of the rest drawn at random.
//!
//! Each gives the change in median invoice-to-cash days (invoices old enough, unpaid ones slowest, as
//! the insights measure it), in DSO days, in cash released (DSO days × daily credit sales, the sales of
//! the 91 days before the as-of date ÷ 91, as simple DSO uses them), in late invoices and in
//! write-offs. The DSO change uses the steady-state identity receivables = daily sales × the
//! amount-weighted mean days outstanding (Little's law), with days outstanding from issue to
//! settlement (or to the as-of date for open invoices). Without collections roles, the change in
//! median case duration is given instead, and the receivables figures are `null` with the reason.
//!
//! Point estimates average [`IMPUTATIONS`] random draws of the donors on the cases as they are;
//! intervals are the 2.5th and 97.5th percentiles of `samples` replicates that resample the cases
//! with replacement and draw the donors again (percentile bootstrap, Efron & Tibshirani 1993). The
//! random numbers are seeded (SplitMix64, as the insights), so the CLI and the app print the same.

use super::deviations::DeviationKind;
use crate::calendar::MS_PER_DAY;
use crate::collections::facts::{self, Context, Invoice};
use crate::collections::RoleMap;
use crate::filter::Selection;
use crate::insights::outcomes::{OutcomeContext, OutcomeId};
use crate::insights::stats::SplitMix64;
use crate::insights::text::number;
use crate::insights::{InsightsOptions, Language};
use crate::log::{CaseIdx, EventLog};
use serde::{Deserialize, Serialize};
use text::{deviation_words, deviation_words_fr, sentence};

mod layout;
mod text;

use layout::Layout;

/// A segment with fewer conformant cases than this borrows from all conformant cases.
pub const MIN_DONORS: usize = 5;
/// Donor draws averaged for a point estimate.
pub const IMPUTATIONS: usize = 32;

/// A scenario, as saved in a view file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScenarioSpec {
    /// The cases with this deviation follow the ideal path.
    FollowIdealPath {
        /// Deviation kind.
        deviation: DeviationKind,
        /// Its activity.
        activity: String,
    },
    /// The waiting time before this activity is multiplied by `factor` (0.5: halved).
    WaitingTime {
        /// The activity.
        activity: String,
        /// Factor, 0 to 1.
        factor: f64,
    },
    /// The cases with this value behave like the others.
    SegmentLikeRest {
        /// Column.
        attribute: String,
        /// Value.
        value: String,
    },
}

/// One estimated scenario. Changes are "scenario minus actual": negative days are faster cash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// What changes, in words.
    pub name: String,
    /// The scenario.
    pub spec: ScenarioSpec,
    /// Change in median invoice-to-cash days.
    pub invoice_to_cash_days: Option<f64>,
    /// 95 % interval of `invoice_to_cash_days`.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// Change in DSO days.
    pub dso_days: Option<f64>,
    /// 95 % interval of `dso_days`.
    pub dso_ci_low: Option<f64>,
    /// Upper end.
    pub dso_ci_high: Option<f64>,
    /// Cash released: −(DSO change) × daily credit sales (positive: less money waiting).
    pub cash_released: Option<f64>,
    /// 95 % interval of `cash_released`.
    pub cash_ci_low: Option<f64>,
    /// Upper end.
    pub cash_ci_high: Option<f64>,
    /// Change in the number of late invoices.
    pub late_invoices: Option<f64>,
    /// 95 % interval.
    pub late_ci_low: Option<f64>,
    /// Upper end.
    pub late_ci_high: Option<f64>,
    /// Change in the number of write-offs.
    pub write_offs: Option<f64>,
    /// 95 % interval.
    pub write_offs_ci_low: Option<f64>,
    /// Upper end.
    pub write_offs_ci_high: Option<f64>,
    /// Change in median case duration days (every log).
    pub case_duration_days: Option<f64>,
    /// 95 % interval.
    pub duration_ci_low: Option<f64>,
    /// Upper end.
    pub duration_ci_high: Option<f64>,
    /// Cases the scenario changes.
    pub cases_affected: u64,
    /// Bootstrap replicates.
    pub replicates: usize,
    /// The estimate in a sentence.
    pub text: String,
    /// Figures left `null`, and why.
    pub unavailable: Vec<String>,
}

/// Per case of the log, what the scenarios move.
pub(crate) struct Frame {
    /// Selected cases with events.
    cases: Vec<CaseIdx>,
    /// Invoice-to-cash days (NaN: unknown); `None` when the log is no receivables (reason kept).
    itc: Result<Vec<f64>, String>,
    duration: Vec<f64>,
    late: Result<Vec<f64>, String>,
    written_off: Result<Vec<f64>, String>,
    /// Per case, (days outstanding, weight) for invoices; NaN days for other cases.
    outstanding: Vec<(f64, f64)>,
    /// Per case its invoice facts' index in `invoices`.
    invoice_of: Vec<u32>,
    invoices: Vec<Invoice>,
    daily_sales: Result<f64, String>,
    segment: Option<Vec<Option<String>>>,
    currency: Option<String>,
}

impl Frame {
    pub(crate) fn new(
        log: &EventLog,
        sel: &Selection,
        map: &RoleMap,
        opts: &InsightsOptions,
    ) -> Frame {
        let oc = OutcomeContext::new(log, sel, map, opts);
        let values = |id: OutcomeId| oc.compute(&id, None, opts).map(|v| v.values);
        let ctx = Context::new(log, map);
        let receivables = ctx.has_collections_roles();
        let invoices = if receivables {
            facts::invoices(&ctx, sel)
        } else {
            Vec::new()
        };
        let n = log.case_count();
        let as_of = oc.as_of();
        let mut outstanding = vec![(f64::NAN, 0.0); n];
        let mut invoice_of = vec![u32::MAX; n];
        let mut sales = 0.0;
        for (k, i) in invoices.iter().enumerate() {
            invoice_of[i.case] = k as u32;
            if !i.invoiced || i.issued > as_of {
                continue;
            }
            let end = i.settled().unwrap_or(as_of).min(as_of);
            outstanding[i.case] = (
                (end - i.issued).max(0) as f64 / MS_PER_DAY as f64,
                i.weight(),
            );
            if i.issued > as_of - 91 * MS_PER_DAY {
                sales += i.weight();
            }
        }
        let has_amounts = ctx.amount.is_some();
        let daily_sales = if !receivables {
            Err(crate::insights::text::reason_no_collections_roles(
                crate::insights::Language::En,
            ))
        } else if !has_amounts {
            Err("the log has no amount column: cash cannot be counted".into())
        } else if sales <= 0.0 {
            Err("no invoice issued in the 91 days before the as-of date: no daily sales".into())
        } else {
            Ok(sales / 91.0)
        };
        let cases: Vec<CaseIdx> = sel
            .cases(log)
            .filter(|(_, r)| !r.is_empty())
            .map(|(c, _)| c)
            .collect();
        let segment = ctx.segment.map(|_| {
            (0..n)
                .map(|c| ctx.case_text(ctx.segment, c))
                .collect::<Vec<_>>()
        });
        Frame {
            cases,
            itc: values(OutcomeId::InvoiceToCashDays),
            duration: values(OutcomeId::CaseDurationDays).unwrap_or_else(|_| vec![f64::NAN; n]),
            late: values(OutcomeId::LatePayment),
            written_off: values(OutcomeId::WrittenOff),
            outstanding,
            invoice_of,
            invoices,
            daily_sales,
            segment,
            currency: oc.currency(),
        }
    }

    /// The selected cases.
    pub(crate) fn cases(&self) -> &[CaseIdx] {
        &self.cases
    }
}

/// What a scenario does to one case: take another case's outcome, or save days.
#[derive(Clone)]
enum Change {
    /// Per case of the log: donor pool index (u32::MAX: unchanged).
    Donors {
        pool_of: Vec<u32>,
        pools: Vec<Vec<CaseIdx>>,
    },
    /// Per case of the log: (days saved before settlement, days saved in all, new late value).
    Shift(Vec<(f64, f64, f64)>),
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    let mut x: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if x.is_empty() {
        return f64::NAN;
    }
    x.sort_by(f64::total_cmp);
    let pos = p * (x.len() - 1) as f64;
    let i = pos.floor() as usize;
    let f = pos - i as f64;
    match x.get(i + 1) {
        Some(&next) => x[i] + f * (next - x[i]),
        None => x[i],
    }
}

fn some(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Estimates one scenario. `ideal` are the conformant cases, `deviating` the cases with each
/// deviation (looked up by kind and activity).
#[allow(clippy::too_many_arguments)]
pub(crate) fn estimate(
    frame: &Frame,
    log: &EventLog,
    spec: &ScenarioSpec,
    ideal: &[CaseIdx],
    deviating: impl Fn(DeviationKind, &str) -> Option<Vec<CaseIdx>>,
    samples: usize,
    seed: u64,
    lang: Language,
) -> Scenario {
    let n = log.case_count();
    let fr = lang == Language::Fr;
    let mut unavailable = Vec::new();
    let (name, change, affected): (String, Option<Change>, u64) = match spec {
        ScenarioSpec::FollowIdealPath {
            deviation,
            activity,
        } => {
            let name = if fr {
                format!(
                    "les dossiers où « {activity} » est {} suivent le chemin idéal",
                    deviation_words_fr(*deviation)
                )
            } else {
                format!(
                    "cases where \"{activity}\" is {} follow the ideal path",
                    deviation_words(*deviation)
                )
            };
            match deviating(*deviation, activity) {
                None => {
                    unavailable.push(if fr {
                        "aucun dossier n'a cet écart".into()
                    } else {
                        "no case has this deviation".into()
                    });
                    (name, None, 0)
                }
                Some(cases) if ideal.is_empty() => {
                    unavailable.push(if fr {
                        "aucun dossier conforme au modèle : pas de chemin idéal observé".into()
                    } else {
                        "no case fits the model: no ideal path to learn from".into()
                    });
                    (name, None, cases.len() as u64)
                }
                Some(cases) => {
                    let change = donors(frame, n, &cases, ideal);
                    (name, Some(change), cases.len() as u64)
                }
            }
        }
        ScenarioSpec::SegmentLikeRest { attribute, value } => {
            let name = if fr {
                format!("les dossiers {attribute} = {value} se comportent comme les autres")
            } else {
                format!("cases with {attribute} = {value} behave like the rest")
            };
            match log.attribute(attribute) {
                None => {
                    unavailable.push(format!("no column \"{attribute}\""));
                    (name, None, 0)
                }
                Some(a) => {
                    let (mut inside, mut rest) = (Vec::new(), Vec::new());
                    for &c in frame.cases() {
                        let v = log.case_value(a, c);
                        if !v.is_missing() && v.display() == *value {
                            inside.push(c);
                        } else {
                            rest.push(c);
                        }
                    }
                    if inside.is_empty() || rest.is_empty() {
                        unavailable.push(if inside.is_empty() {
                            format!("no case with {attribute} = {value}")
                        } else {
                            "every case is in the segment: no rest to learn from".into()
                        });
                        (name, None, inside.len() as u64)
                    } else {
                        let change = Change::Donors {
                            pool_of: {
                                let mut p = vec![u32::MAX; n];
                                for &c in &inside {
                                    p[c] = 0;
                                }
                                p
                            },
                            pools: vec![rest],
                        };
                        (name, Some(change), inside.len() as u64)
                    }
                }
            }
        }
        ScenarioSpec::WaitingTime { activity, factor } => {
            let f = if factor.is_finite() {
                factor.clamp(0.0, 1.0)
            } else {
                1.0
            };
            let name = if fr {
                if (f - 0.5).abs() < 1e-9 {
                    format!("l'attente avant « {activity} » est divisée par deux")
                } else {
                    format!(
                        "l'attente avant « {activity} » est multipliée par {}",
                        number(f, 2, lang)
                    )
                }
            } else if (f - 0.5).abs() < 1e-9 {
                format!("the waiting time before \"{activity}\" halves")
            } else {
                format!(
                    "the waiting time before \"{activity}\" is multiplied by {}",
                    number(f, 2, lang)
                )
            };
            match log.find_activity(activity) {
                None => {
                    unavailable.push(format!("no activity \"{activity}\" in the log"));
                    (name, None, 0)
                }
                Some(a) => {
                    let (shift, affected) = shifts(frame, log, a, f);
                    (name, Some(Change::Shift(shift)), affected)
                }
            }
        }
    };
    let mut sc = Scenario {
        name,
        spec: spec.clone(),
        invoice_to_cash_days: None,
        ci_low: None,
        ci_high: None,
        dso_days: None,
        dso_ci_low: None,
        dso_ci_high: None,
        cash_released: None,
        cash_ci_low: None,
        cash_ci_high: None,
        late_invoices: None,
        late_ci_low: None,
        late_ci_high: None,
        write_offs: None,
        write_offs_ci_low: None,
        write_offs_ci_high: None,
        case_duration_days: None,
        duration_ci_low: None,
        duration_ci_high: None,
        cases_affected: affected,
        replicates: samples,
        text: String::new(),
        unavailable,
    };
    let Some(change) = change else {
        sc.replicates = 0;
        sc.text = sentence(&sc, frame, lang);
        return sc;
    };
    let mut rng = SplitMix64::new(seed);
    let layout = Layout::new(frame, &change);
    let m = layout.len();
    let mut drawn = vec![0u32; m];
    // Point estimate: the cases as they are, donors drawn IMPUTATIONS times (once for a shift).
    let reps = if matches!(change, Change::Shift(_)) {
        1
    } else {
        IMPUTATIONS
    };
    let ones = vec![1u32; m];
    let mut point = [0.0f64; 5];
    let mut counted = [0usize; 5];
    for _ in 0..reps {
        let f = layout.figures(&ones, &mut rng, &mut drawn);
        for k in 0..5 {
            if f[k].is_finite() {
                point[k] += f[k];
                counted[k] += 1;
            }
        }
    }
    let point: Vec<f64> = (0..5)
        .map(|k| {
            if counted[k] > 0 {
                point[k] / counted[k] as f64
            } else {
                f64::NAN
            }
        })
        .collect();
    // Replicates: the cases resampled with replacement, as how many times each is drawn.
    let mut reps: Vec<[f64; 5]> = Vec::with_capacity(samples);
    let mut weights = vec![0u32; m];
    for _ in 0..samples {
        weights.fill(0);
        for _ in 0..m {
            weights[rng.below(m)] += 1;
        }
        reps.push(layout.figures(&weights, &mut rng, &mut drawn));
    }
    let ci = |k: usize| {
        let mut v: Vec<f64> = reps.iter().map(|r| r[k]).collect();
        (
            some(percentile(&mut v, 0.025)),
            some(percentile(&mut v, 0.975)),
        )
    };
    let receivable =
        |e: &Result<Vec<f64>, String>, unavailable: &mut Vec<String>, what: &str| match e {
            Ok(_) => true,
            Err(r) => {
                unavailable.push(format!("{what}: {r}"));
                false
            }
        };
    if receivable(&frame.itc, &mut sc.unavailable, "invoice_to_cash_days") {
        sc.invoice_to_cash_days = some(point[0]);
        (sc.ci_low, sc.ci_high) = ci(0);
    }
    if frame.invoices.iter().any(|i| i.invoiced) {
        sc.dso_days = some(point[1]);
        (sc.dso_ci_low, sc.dso_ci_high) = ci(1);
        match &frame.daily_sales {
            Ok(s) => {
                sc.cash_released = some(-point[1] * s);
                let (lo, hi) = ci(1);
                // Less DSO is more cash: the interval's ends swap.
                sc.cash_ci_low = hi.map(|h| -h * s);
                sc.cash_ci_high = lo.map(|l| -l * s);
            }
            Err(r) => sc.unavailable.push(format!("cash_released: {r}")),
        }
    } else {
        sc.unavailable.push(format!(
            "dso_days: {}",
            crate::insights::text::reason_no_collections_roles(crate::insights::Language::En)
        ));
    }
    if receivable(&frame.late, &mut sc.unavailable, "late_invoices") {
        sc.late_invoices = some(point[2]);
        (sc.late_ci_low, sc.late_ci_high) = ci(2);
    }
    if receivable(&frame.written_off, &mut sc.unavailable, "write_offs") {
        sc.write_offs = some(point[3]);
        (sc.write_offs_ci_low, sc.write_offs_ci_high) = ci(3);
    }
    sc.case_duration_days = some(point[4]);
    (sc.duration_ci_low, sc.duration_ci_high) = ci(4);
    sc.text = sentence(&sc, frame, lang);
    sc
}

fn donors(frame: &Frame, n: usize, affected: &[CaseIdx], ideal: &[CaseIdx]) -> Change {
    let mut pools: Vec<Vec<CaseIdx>> = vec![ideal.to_vec()];
    let mut by_segment: std::collections::BTreeMap<String, usize> = Default::default();
    if let Some(seg) = &frame.segment {
        let mut groups: std::collections::BTreeMap<String, Vec<CaseIdx>> = Default::default();
        for &c in ideal {
            if let Some(Some(s)) = seg.get(c) {
                groups.entry(s.clone()).or_default().push(c);
            }
        }
        for (s, g) in groups {
            if g.len() >= MIN_DONORS {
                by_segment.insert(s, pools.len());
                pools.push(g);
            }
        }
    }
    let mut pool_of = vec![u32::MAX; n];
    for &c in affected {
        let p = frame
            .segment
            .as_ref()
            .and_then(|seg| seg.get(c).cloned().flatten())
            .and_then(|s| by_segment.get(&s).copied())
            .unwrap_or(0);
        pool_of[c] = p as u32;
    }
    Change::Donors { pool_of, pools }
}

/// Per case: days saved before settlement, days saved in all, and whether it is late afterwards
/// (NaN: unchanged), when the wait before `activity` is multiplied by `factor`.
fn shifts(
    frame: &Frame,
    log: &EventLog,
    activity: crate::ActivityId,
    factor: f64,
) -> (Vec<(f64, f64, f64)>, u64) {
    let n = log.case_count();
    let mut out = vec![(0.0, 0.0, f64::NAN); n];
    let acts = log.activities();
    let times = log.times();
    let day = MS_PER_DAY as f64;
    let mut affected = 0;
    for &c in &frame.cases {
        let r = log.case_events(c);
        let inv = frame
            .invoice_of
            .get(c)
            .and_then(|&k| frame.invoices.get(k as usize));
        let settle = inv.and_then(Invoice::settled);
        let (mut before, mut all) = (0.0, 0.0);
        for e in r.start + 1..r.end {
            if acts[e] != activity {
                continue;
            }
            let saved = (times[e] - times[e - 1]).max(0) as f64 * (1.0 - factor) / day;
            all += saved;
            if settle.is_some_and(|s| times[e] <= s) {
                before += saved;
            }
        }
        if all > 0.0 {
            affected += 1;
        }
        // A payment moved before the due day is on time.
        let late = match (inv, &frame.late) {
            (Some(i), Ok(late)) if !late[c].is_nan() => match (i.paid, i.due) {
                (Some(p), Some(d)) => {
                    let moved = p - (before * day) as i64;
                    if moved < d + MS_PER_DAY {
                        0.0
                    } else {
                        1.0
                    }
                }
                _ => f64::NAN,
            },
            _ => f64::NAN,
        };
        out[c] = (before, all, late);
    }
    (out, affected)
}

#[cfg(test)]
mod tests;
