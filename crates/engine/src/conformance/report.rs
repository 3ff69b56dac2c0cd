//! The conformance report: the log held against a model, variant by variant, with the deviations
//! ranked by what goes with them and the what-if scenarios.
//!
//! Fitness as pm4py defines it (`algo/conformance/alignments/petri_net/algorithm.py`, `apply_trace`,
//! and `algo/evaluation/replay_fitness/variants/alignment_based.py`): a trace's fitness is
//! `1 − deviations / (trace length + k)`, `k` the visible steps of the model's shortest complete run
//! (its best-worst cost); the log's is `1 − Σ deviations / Σ (length + k)` over cases; fitting cases
//! have no deviation. pm4py's own `log_fitness` sums raw costs with silent moves at 1/10,000 of a
//! deviation; it is given too (`pm4py_log_fitness`) and differs from `fitness` in the fifth decimal.

use super::alignment::{AlignError, AlignOptions, Searcher, Step};
use super::deviations::{self, Deviation, DeviationKind, Measure};
use super::mapping::ActivityMapping;
use super::model::{ModelSource, ProcessModel};
use super::statespace::{Compiled, ModelCheck, SpaceError, SpaceOptions, StateSpace};
use super::whatif::{self, Frame, Scenario, ScenarioSpec};
use crate::analysis::variants;
use crate::collections::RoleMap;
use crate::error::Error;
use crate::filter::{Filter, Selection};
use crate::insights::outcomes::{OutcomeContext, OutcomeId};
use crate::insights::{InsightsOptions, Language};
use crate::log::{CaseIdx, EventLog};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Settings of a conformance check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConformanceOptions {
    /// How much of the model's state space may be built.
    pub space: SpaceOptions,
    /// Search budget per variant.
    pub align: AlignOptions,
    /// Bootstrap replicates for the deviations' intervals.
    pub bootstrap_samples: usize,
    /// Bootstrap replicates for the scenarios' intervals.
    pub scenario_samples: usize,
    /// Seed of both bootstraps.
    pub seed: u64,
    /// Language of the sentences.
    pub language: Language,
    /// Invoice-to-cash looks at invoices issued at least this many days before the as-of date.
    pub maturity_days: f64,
    /// The "today" of the extract (UTC ms); default: the selection's last event.
    pub as_of_ms: Option<i64>,
    /// Scenarios to estimate; `None`: the default ones (the three costliest deviations followed
    /// the ideal path, the longest wait halved, the slowest segment like the rest).
    pub scenarios: Option<Vec<ScenarioSpec>>,
    /// Scenarios estimated after those of `scenarios` (the app's user-made ones, beside the
    /// defaults).
    pub extra_scenarios: Vec<ScenarioSpec>,
}

impl Default for ConformanceOptions {
    fn default() -> Self {
        ConformanceOptions {
            space: SpaceOptions::default(),
            align: AlignOptions::default(),
            bootstrap_samples: 2000,
            scenario_samples: 200,
            seed: 2024,
            language: Language::En,
            maturity_days: 120.0,
            as_of_ms: None,
            scenarios: None,
            extra_scenarios: Vec::new(),
        }
    }
}

/// One move of an alignment, as the JSON shows it: `null` on the side that has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// The event's activity (`null`: a move on the model only).
    pub log: Option<String>,
    /// The model's activity (`null`: a move on the log only).
    pub model: Option<String>,
}

/// One variant against the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantConformance {
    /// The activity sequence.
    pub activities: Vec<String>,
    /// Cases following it.
    pub cases: u64,
    /// Log moves plus visible model moves of an optimal alignment; `null` when not aligned.
    pub deviations: Option<u32>,
    /// `1 − deviations / (length + shortest run)`; `null` when not aligned.
    pub fitness: Option<f64>,
    /// The alignment, silent moves left out.
    pub moves: Vec<Move>,
    /// pm4py's raw cost: 10,000 per deviation plus 1 per silent move.
    pub cost: Option<u64>,
    /// States the search created.
    pub states: u64,
    /// Why it is not aligned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The alignment's moves by index (for the app: events and transitions).
    #[serde(skip)]
    pub steps: Vec<Step>,
}

/// The model as checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSummary {
    /// Where it comes from, in a sentence.
    pub description: String,
    /// Where it comes from.
    pub source: ModelSource,
    /// Distinct activities.
    pub activities: u64,
    /// Transitions of its Petri net.
    pub transitions: u64,
    /// Of which silent.
    pub silent_transitions: u64,
    /// Places.
    pub places: u64,
    /// Visible steps of its shortest complete run (pm4py's best-worst cost).
    pub shortest_run: Option<u32>,
    /// Soundness and size.
    pub check: ModelCheck,
    /// Model activity → log activity.
    pub mapping: ActivityMapping,
    /// What reading or converting it noted.
    pub notes: Vec<String>,
}

/// Everything the conformance view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformanceReport {
    /// Selected cases.
    pub cases: u64,
    /// Log fitness: `1 − Σ deviations / Σ (length + shortest run)` over aligned cases.
    pub fitness: Option<f64>,
    /// Mean trace fitness over aligned cases.
    pub average_trace_fitness: Option<f64>,
    /// Cases without any deviation.
    pub fit_cases: u64,
    /// Per variant, most frequent first.
    pub variants: Vec<VariantConformance>,
    /// Deviations, ranked by impact.
    pub deviations: Vec<Deviation>,
    /// What-if scenarios.
    pub scenarios: Vec<Scenario>,
    /// The model.
    pub model: ModelSummary,
    /// pm4py's `log_fitness` (raw costs, silent moves included).
    pub pm4py_log_fitness: Option<f64>,
    /// `fit_cases` over aligned cases.
    pub fit_share: Option<f64>,
    /// Cases whose variant was aligned.
    pub aligned_cases: u64,
    /// Variants not aligned (search budget, or a model too large to explore).
    pub variants_not_aligned: u64,
    /// What the deviations' impact is measured on: `invoice_to_cash_days` or `case_duration_days`.
    pub measure: String,
    /// How to read the deviations and the scenarios.
    pub caveat: String,
    /// Assumptions and what was left out.
    pub notes: Vec<String>,
    /// Per case of the log, its variant's index in `variants` (`u32::MAX`: not selected).
    #[serde(skip)]
    pub case_variant: Vec<u32>,
}

impl ConformanceReport {
    /// The cases with deviation `i` (in `deviations`), in case order.
    pub fn deviation_cases(&self, i: usize) -> Vec<CaseIdx> {
        self.deviations
            .get(i)
            .map(|d| deviations::deviation_cases(&self.case_variant, d))
            .unwrap_or_default()
    }

    /// The cases with deviation `i` as a selection.
    pub fn deviation_selection(&self, log: &EventLog, i: usize) -> Selection {
        match self.deviations.get(i) {
            Some(d) => deviations::deviation_selection(log, &self.case_variant, d),
            None => Selection::from_fn(log, |_| false),
        }
    }

    /// The filter chip of deviation `i`.
    pub fn deviation_filter(&self, log: &EventLog, i: usize, lang: Language) -> Option<Filter> {
        self.deviations
            .get(i)
            .map(|d| deviations::deviation_filter(log, &self.case_variant, d, lang))
    }

    /// The cases of variant `v`, in case order.
    pub fn variant_cases(&self, v: usize) -> Vec<CaseIdx> {
        self.case_variant
            .iter()
            .enumerate()
            .filter(|(_, &x)| x as usize == v)
            .map(|(c, _)| c)
            .collect()
    }
}

/// What the alignment of every variant gives, before the deviations are grouped.
struct Aligned {
    variants: Vec<VariantConformance>,
    /// Per variant, its deviations counted by kind and activity.
    per_variant: Vec<BTreeMap<(DeviationKind, String), u64>>,
    dev_sum: u64,
    den_sum: u64,
    cost_sum: u128,
    bwc_sum: u128,
    fit_cases: u64,
    aligned_cases: u64,
    fitness_sum: f64,
    not_aligned: u64,
}

/// Label names that no log activity can have, for model activities mapped to none.
const UNMAPPED: &str = "\u{0}unmapped:";

/// Holds the selected cases of `log` against `model`.
pub fn conformance(
    log: &EventLog,
    sel: &Selection,
    model: &ProcessModel,
    map: &RoleMap,
    opts: &ConformanceOptions,
) -> Result<ConformanceReport, Error> {
    let lang = opts.language;
    let mapping = ActivityMapping::for_log(&model.activities(), log, Some(&model.mapping));
    mapping.check_overlap(log)?;
    let compiled = Compiled::new(&model.net, |label| {
        mapping
            .pairs
            .iter()
            .find(|p| p.model == label)
            .map(|p| match &p.log {
                Some(l) => l.clone(),
                None => format!("{UNMAPPED}{label}"),
            })
    });
    let mut space = StateSpace::new(&compiled, opts.space);
    let check = space.check(&model.net);
    if let Some(SpaceError::Unbounded { place }) = space.full_error {
        return Err(Error::Invalid(format!(
            "the model is not bounded: place \"{}\" can collect tokens without end, so its runs cannot be enumerated",
            model.net.place_name(place)
        )));
    }
    if check.final_reachable == Some(false) {
        let hint = if model.bpmn.is_some() {
            " (in a BPMN diagram: parallel branches that end in separate end events, or a parallel gateway joining exclusive paths, leave tokens behind)"
        } else {
            ""
        };
        return Err(Error::Invalid(format!(
            "the model can never complete: no run reaches its final marking{hint}"
        )));
    }
    let mut searcher = Searcher::default();
    let mut notes: Vec<String> = model.notes.clone();
    if let Some(n) = &check.note {
        notes.push(format!("model: {n}"));
    }
    // The shortest complete run (pm4py's best-worst cost): the empty trace aligned.
    let bwc = searcher.align(&mut space, &[], opts.align);
    let shortest = bwc.as_ref().ok().map(|a| (a.deviations, a.silent));
    if let Err(e) = &bwc {
        notes.push(format!(
            "the model's shortest run could not be found: {}",
            align_error(e, lang)
        ));
    }
    // Per log activity, its label in the model.
    let act_label: Vec<Option<u32>> = log.activity_names().map(|n| compiled.label_of(n)).collect();
    let vs = variants(log, sel);
    // Impact measure: invoice-to-cash when the log supports it, else case duration.
    let iopts = InsightsOptions {
        maturity_days: opts.maturity_days,
        as_of_ms: opts.as_of_ms,
        language: lang,
        ..InsightsOptions::default()
    };
    let oc = OutcomeContext::new(log, sel, map, &iopts);
    let measured = oc.compute(&OutcomeId::InvoiceToCashDays, None, &iopts);
    let key = if measured.is_ok() {
        "invoice_to_cash_days"
    } else {
        "case_duration_days"
    };
    // The alignments, and beside them (natively, on a second thread) what the scenarios need that
    // does not depend on them: the same figures either way.
    let align_all = || {
        let mut out_variants = Vec::with_capacity(vs.variants.len());
        let (mut dev_sum, mut den_sum, mut cost_sum, mut bwc_sum) = (0u64, 0u64, 0u128, 0u128);
        let (mut fit_cases, mut aligned_cases, mut fitness_sum, mut not_aligned) =
            (0u64, 0u64, 0.0f64, 0u64);
        let mut per_variant = Vec::with_capacity(vs.variants.len());
        for v in &vs.variants {
            let trace: Vec<Option<u32>> = v
                .activities
                .iter()
                .map(|a| act_label.get(a.index()).copied().flatten())
                .collect();
            let names: Vec<String> = v
                .activities
                .iter()
                .map(|&a| log.activity_name(a).to_string())
                .collect();
            let result = match shortest {
                Some(_) => searcher.align(&mut space, &trace, opts.align),
                None => Err(AlignError::NoCompleteRun),
            };
            match (result, shortest) {
                (Ok(al), Some((k, s))) => {
                    let len = trace.len() as u64;
                    let den = len + k as u64;
                    let fitness = if den > 0 {
                        1.0 - al.deviations as f64 / den as f64
                    } else {
                        0.0
                    };
                    dev_sum += al.deviations as u64 * v.cases;
                    den_sum += den * v.cases;
                    let cost = al.deviations as u64 * 10_000 + al.silent as u64;
                    cost_sum += cost as u128 * v.cases as u128;
                    bwc_sum += (den * 10_000 + s as u64) as u128 * v.cases as u128;
                    aligned_cases += v.cases;
                    fitness_sum += fitness * v.cases as f64;
                    if al.deviations == 0 {
                        fit_cases += v.cases;
                    }
                    let moves = moves(&al.steps, &names, &model.net);
                    per_variant.push(deviations::classify(
                        &al.steps,
                        |e| names.get(e as usize).cloned().unwrap_or_default(),
                        |t| {
                            model.net.transitions.get(t as usize).and_then(|tr| {
                                tr.label.as_ref().map(|l| mapping.log_name(l).to_string())
                            })
                        },
                    ));
                    out_variants.push(VariantConformance {
                        activities: names,
                        cases: v.cases,
                        deviations: Some(al.deviations),
                        fitness: Some(fitness),
                        moves,
                        cost: Some(cost),
                        states: al.states as u64,
                        note: None,
                        steps: al.steps,
                    });
                }
                (result, _) => {
                    not_aligned += 1;
                    let note = match result {
                        Err(e) => align_error(&e, lang),
                        Ok(_) => "the model's shortest run is unknown".into(),
                    };
                    per_variant.push(Default::default());
                    out_variants.push(VariantConformance {
                        activities: names,
                        cases: v.cases,
                        deviations: None,
                        fitness: None,
                        moves: Vec::new(),
                        cost: None,
                        states: 0,
                        note: Some(note),
                        steps: Vec::new(),
                    });
                }
            }
        }
        Aligned {
            variants: out_variants,
            per_variant,
            dev_sum,
            den_sum,
            cost_sum,
            bwc_sum,
            fit_cases,
            aligned_cases,
            fitness_sum,
            not_aligned,
        }
    };
    let side = || {
        let frame = Frame::new(log, sel, map, &iopts);
        let found = match &opts.scenarios {
            Some(_) => (None, None),
            None => (
                waiting_scenario(log, sel, map),
                slowest_segment(log, sel, map, key, &iopts),
            ),
        };
        (frame, found)
    };
    let (aligned, (frame, (waiting, segment))) = crate::parallel::both(align_all, side);
    let cases = vs.variants.iter().map(|v| v.cases).sum::<u64>();
    let not_aligned = aligned.not_aligned;
    if not_aligned > 0 {
        let left: u64 = aligned
            .variants
            .iter()
            .filter(|v| v.deviations.is_none())
            .map(|v| v.cases)
            .sum();
        notes.push(match lang {
            Language::En => format!(
                "{not_aligned} variant{} ({left} cases) could not be aligned within the search budget of {} states: left out of the fitness and the deviations",
                if not_aligned == 1 { "" } else { "s" },
                opts.align.max_states
            ),
            Language::Fr => format!(
                "{not_aligned} variante{} ({left} dossiers) n'ont pu être alignées dans la limite de {} états : exclues de l'adéquation et des écarts",
                if not_aligned == 1 { "" } else { "s" },
                opts.align.max_states
            ),
        });
    }
    let unmatched = mapping.unmatched();
    if !unmatched.is_empty() {
        notes.push(format!(
            "model activities with no log activity (they can only be skipped): {}",
            unmatched.join(", ")
        ));
    }
    let mut model_acts: Vec<&str> = mapping
        .pairs
        .iter()
        .filter_map(|p| p.log.as_deref())
        .collect();
    model_acts.sort_unstable();
    let outside: Vec<&str> = log
        .activity_names()
        .filter(|n| model_acts.binary_search(n).is_err())
        .collect();
    if !outside.is_empty() {
        notes.push(format!(
            "log activities the model does not have (always a deviation): {}",
            outside.join(", ")
        ));
    }
    let values = match measured {
        Ok(v) => v.values,
        Err(reason) => {
            notes.push(format!(
                "deviations measured on case duration: invoice to cash is not available ({reason})"
            ));
            oc.compute(&OutcomeId::CaseDurationDays, None, &iopts)
                .map(|v| v.values)
                .unwrap_or_else(|_| vec![f64::NAN; log.case_count()])
        }
    };
    let amounts = oc.amounts();
    let currency = oc.currency();
    let measure = Measure {
        key,
        values: &values,
        amounts: amounts.as_deref(),
        currency: currency.as_deref(),
    };
    let variant_cases: Vec<u64> = aligned.variants.iter().map(|v| v.cases).collect();
    let devs = deviations::deviations(
        &aligned.per_variant,
        &variant_cases,
        &vs.case_variant,
        cases,
        &measure,
        opts.bootstrap_samples,
        opts.seed,
        lang,
    );
    // Scenarios.
    let ideal: Vec<CaseIdx> = {
        let fit: Vec<bool> = aligned
            .variants
            .iter()
            .map(|v| v.deviations == Some(0))
            .collect();
        vs.case_variant
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != u32::MAX && fit.get(v as usize).copied().unwrap_or(false))
            .map(|(c, _)| c)
            .collect()
    };
    let mut specs = match &opts.scenarios {
        Some(s) => s.clone(),
        // The deviations that cost the most, the longest wait the organisation can shorten, the
        // slowest segment.
        None => deviation_scenarios(&devs)
            .into_iter()
            .chain(waiting)
            .chain(segment)
            .collect(),
    };
    for extra in &opts.extra_scenarios {
        if !specs.contains(extra) {
            specs.push(extra.clone());
        }
    }
    // Scenarios are independent, each with its own seed: two at once natively, same figures.
    let scenarios = crate::parallel::map(&specs, |i, spec| {
        whatif::estimate(
            &frame,
            log,
            spec,
            &ideal,
            |kind, activity| {
                devs.iter()
                    .find(|d| d.kind == kind && d.activity == activity)
                    .map(|d| deviations::deviation_cases(&vs.case_variant, d))
            },
            opts.scenario_samples,
            opts.seed.wrapping_add(1000 + i as u64),
            lang,
        )
    });
    let caveat = match lang {
        Language::En => "Deviations go with the differences shown; that is association, not proof of cause. Scenarios are estimates from this log, not promises.",
        Language::Fr => "Les écarts vont de pair avec les différences montrées : c'est une association, pas la preuve d'une cause. Les scénarios sont des estimations d'après ce journal, pas des promesses.",
    };
    Ok(ConformanceReport {
        cases,
        fitness: (aligned.den_sum > 0)
            .then(|| 1.0 - aligned.dev_sum as f64 / aligned.den_sum as f64),
        average_trace_fitness: (aligned.aligned_cases > 0)
            .then(|| aligned.fitness_sum / aligned.aligned_cases as f64),
        fit_cases: aligned.fit_cases,
        variants: aligned.variants,
        deviations: devs,
        scenarios,
        model: ModelSummary {
            description: model.description.clone(),
            source: model.source.clone(),
            activities: model.activities().len() as u64,
            transitions: model.net.transitions.len() as u64,
            silent_transitions: model.net.silent_count() as u64,
            places: model.net.places.len() as u64,
            shortest_run: shortest.map(|(k, _)| k),
            check,
            mapping,
            notes: model.notes.clone(),
        },
        pm4py_log_fitness: (aligned.bwc_sum > 0)
            .then(|| 1.0 - aligned.cost_sum as f64 / aligned.bwc_sum as f64),
        fit_share: (aligned.aligned_cases > 0)
            .then(|| aligned.fit_cases as f64 / aligned.aligned_cases as f64),
        aligned_cases: aligned.aligned_cases,
        variants_not_aligned: aligned.not_aligned,
        measure: key.to_string(),
        caveat: caveat.to_string(),
        notes,
        case_variant: vs.case_variant,
    })
}

fn align_error(e: &AlignError, lang: Language) -> String {
    match (e, lang) {
        (AlignError::Budget { states }, Language::En) => {
            format!("search stopped after {states} states (budget): not aligned")
        }
        (AlignError::Budget { states }, Language::Fr) => {
            format!("recherche arrêtée après {states} états (limite) : non alignée")
        }
        (AlignError::Space(SpaceError::TooLarge), _) => {
            "the model has too many reachable markings to explore".into()
        }
        (AlignError::Space(SpaceError::Unbounded { .. }), _) => "the model is not bounded".into(),
        (AlignError::NoCompleteRun, _) => "no run of the model reaches its final marking".into(),
    }
}

/// The alignment as the JSON shows it: silent moves left out.
fn moves(steps: &[Step], names: &[String], net: &super::petri::PetriNet) -> Vec<Move> {
    let label = |t: u32| {
        net.transitions
            .get(t as usize)
            .and_then(|t| t.label.clone())
    };
    steps
        .iter()
        .filter_map(|s| match *s {
            Step::Sync { event, transition } => Some(Move {
                log: names.get(event as usize).cloned(),
                model: label(transition),
            }),
            Step::Log { event } => Some(Move {
                log: names.get(event as usize).cloned(),
                model: None,
            }),
            Step::Model { transition } => label(transition).map(|l| Move {
                log: None,
                model: Some(l),
            }),
        })
        .collect()
}

/// The three deviations that add the most to the impact measure: their cases follow the ideal path.
fn deviation_scenarios(devs: &[Deviation]) -> Vec<ScenarioSpec> {
    devs.iter()
        .filter(|d| d.impact > 0.0)
        .take(3)
        .map(|d| ScenarioSpec::FollowIdealPath {
            deviation: d.kind,
            activity: d.activity.clone(),
        })
        .collect()
}

/// The activity with the most waiting before it, in all, among those the organisation does: the
/// due date, the customer's payment, promises, disputes and requests are not its to speed up.
fn waiting_scenario(log: &EventLog, sel: &Selection, map: &RoleMap) -> Option<ScenarioSpec> {
    let acts = log.activities();
    let times = log.times();
    let roles = crate::collections::facts::Context::new(log, map).roles;
    let staff = |a: usize| {
        use crate::collections::ActivityRole::*;
        !matches!(
            roles.get(a),
            Some(
                DueDatePassed
                    | PaymentReceived
                    | PromiseToPay
                    | PromiseBroken
                    | DisputeRaised
                    | CeaseContact
            )
        )
    };
    let mut wait = vec![0i128; log.activity_count()];
    for (_, r) in sel.cases(log) {
        for e in r.start + 1..r.end {
            if staff(acts[e].index()) {
                wait[acts[e].index()] += (times[e] - times[e - 1]).max(0) as i128;
            }
        }
    }
    let (a, &w) = wait
        .iter()
        .enumerate()
        .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(&x.0)))?;
    (w > 0).then(|| ScenarioSpec::WaitingTime {
        activity: log.activity_name(crate::ActivityId(a as u32)).to_string(),
        factor: 0.5,
    })
}

/// The slowest segment on `outcome`, as the insights find it (a column of the log, a value some
/// case has): it behaves like the rest.
fn slowest_segment(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    outcome: &str,
    iopts: &InsightsOptions,
) -> Option<ScenarioSpec> {
    let opts = InsightsOptions {
        outcomes: vec![outcome.to_string()],
        subgroup_attributes: 0,
        max_findings: 10,
        ..iopts.clone()
    };
    let report = crate::insights::insights(log, sel, map, &opts);
    report.findings.iter().find_map(|f| {
        let [(attribute, value)] = f.parts.as_slice() else {
            return None;
        };
        let column = log.attribute(attribute)?;
        let present = sel
            .cases(log)
            .any(|(c, _)| log.case_value(column, c).display() == *value);
        (f.ci_low > 0.0 && present).then(|| ScenarioSpec::SegmentLikeRest {
            attribute: attribute.clone(),
            value: value.clone(),
        })
    })
}
