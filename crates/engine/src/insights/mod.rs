//! Insights: what goes with late payment, disputes, write-offs and slow cash (or any outcome of any
//! process), ranked by impact, each with how sure we are, in plain language.
//!
//! # Steps
//! 1. **Outcomes** ([`outcomes`]): a value per case (late or not, days to cash, ...), `NaN` where the log
//!    cannot tell yet (an invoice not yet due); an outcome the log cannot support is listed with the
//!    reason, never computed from defaults.
//!    Outcomes that take time are judged only on cases old enough to show them ([`maturity`]).
//! 2. **Drivers** ([`drivers`]): every attribute as of the case's first event, in a few groups;
//!    identifiers, rare values and columns that are consequences of the outcome are left out and listed.
//! 3. **Findings** ([`findings`]): each group against the rest of the cases, then two-attribute
//!    subgroups of the strongest attributes, each against its stronger parent's other cases; multiple
//!    testing corrected; with a customer column, every interval allows for invoices of one customer
//!    going together ([`clusters`]); ranked by the conservative end of the interval times the group's
//!    size, so a small noisy group never tops the list; a finding that a stratification by segment or
//!    amount band reverses is flagged.
//! 4. **Headline** ([`headline`]): at most five findings across every outcome, ranked by money at
//!    stake, subgroups folded under their parents.
//! 5. **Text** ([`text`]): the findings as sentences in English or French, with the caveat that they
//!    are associations.
//! 6. **Compare** ([`compare`]): two populations side by side (KPIs with intervals, map edges,
//!    variants) and the drivers of being in the second.
//!
//! # Methods and sources (see `/docs/insights.md`)
//! - Rate of a group: Wilson score interval (Wilson, JASA 1927; Agresti & Coull, Am. Stat. 1998).
//! - Group minus rest: Newcombe's hybrid score interval, method 10 (Newcombe, Stat. Med. 17:873, 1998).
//! - p-value: two-proportion z test, Fisher's exact test when an expected count is below 5; for
//!   durations Mood's median test (Mood 1950), the share above the overall median compared the same way.
//! - Many values at once: Benjamini–Hochberg q-values over every value tested for an outcome and
//!   every subgroup's test against its parent (JRSS B 1995).
//! - Customers: per group, the design effect of its cluster-robust variance by customer (Kish 1965;
//!   Cameron & Miller 2015) divides its counts in every interval and test (Rao & Scott 1981); a
//!   median's design effect is that of the share above it (Woodruff 1952).
//! - Outcomes that take time: a fixed horizon from the log's own timing (the 90th percentile of the
//!   time to the outcome), cases younger than it at the extract's end left out and counted.
//! - Durations: difference of medians with a seeded percentile bootstrap (Efron & Tibshirani 1993),
//!   resample medians drawn from their exact order-statistic distribution ([`stats::resampled_median`]).
//! - Open invoices: invoice-to-cash is measured on invoices issued at least `maturity_days` before the
//!   log's end, unpaid ones counted as slowest, which equals the Kaplan–Meier median (JASA 1958) when
//!   that median is below the horizon; the Kaplan–Meier median of all invoices is shown beside it.
//! - Impact: excess cases `n_v · (p_v − p_rest)` (Celonis Insight Explorer's counterfactual), the amount
//!   at risk as excess cases × the group's mean amount; the ranking uses `n_v ×` the interval end nearest
//!   zero, largest first (what adds the most late invoices first; what spares the most last).
//! - Confounding: Mantel–Haenszel risk difference across the strata of the strongest segment-like
//!   attribute (Greenland & Robins 1985); a sign flip against the crude difference (Simpson's paradox)
//!   is flagged.
//!
//! ```
//! # fn main() -> Result<(), relance_engine::Error> {
//! use relance_engine::{demo, import, insights, collections::RoleMap, Selection};
//! let csv = demo::demo_csv(demo::DemoOptions { invoices: 1500, ..Default::default() });
//! let log = import::import_bytes(csv.as_bytes(), Default::default())?.log;
//! let map = RoleMap::guess(&log);
//! let opts = insights::InsightsOptions { outcomes: vec!["late_payment".into()], ..Default::default() };
//! let report = insights::insights(&log, &Selection::all(&log), &map, &opts);
//! assert_eq!(report.findings[0].attribute, "region");
//! # Ok(())
//! # }
//! ```

pub mod clusters;
pub mod compare;
pub mod drivers;
pub mod findings;
pub mod headline;
pub mod maturity;
pub mod outcomes;
pub mod stats;
pub mod text;

pub use compare::{compare, split_at, Comparison};
pub use headline::{HeadlineItem, HeadlineRank};
pub use maturity::{Maturity, MaturityBasis, MaturityFrom};
pub use outcomes::{OutcomeId, OutcomeKind};
pub use text::Language;

use crate::collections::RoleMap;
use crate::filter::{Filter, Selection};
use crate::log::{CaseIdx, EventLog};
use serde::{Deserialize, Serialize};

/// Settings of the insights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InsightsOptions {
    /// Outcome ids to compute (`late_payment`, `passes_through:Payment`, ...); empty: every outcome the
    /// log supports.
    pub outcomes: Vec<String>,
    /// A group needs at least this many cases (and so does the rest).
    pub min_cases: u64,
    /// Values with fewer than this share of the cases are pooled into "other".
    pub min_share: f64,
    /// Findings are reported up to this q-value (1 lists every value tested).
    pub max_q: f64,
    /// At most this many findings per outcome.
    pub max_findings: usize,
    /// Subgroups pair values of this many strongest attributes.
    pub subgroup_attributes: usize,
    /// Dunning window, days (a reminder is answered by a payment within it).
    pub window_days: f64,
    /// Invoice-to-cash looks at invoices issued at least this many days before the log's end.
    pub maturity_days: f64,
    /// The "today" of the extract (UTC ms); default: the population's last event.
    pub as_of_ms: Option<i64>,
    /// Bootstrap replicates for duration intervals.
    pub bootstrap_samples: usize,
    /// Bootstrap seed.
    pub seed: u64,
    /// Language of the sentences.
    pub language: Language,
    /// Name of the resource driver (the file's resource column, when known).
    pub resource_label: String,
    /// By default, "passes through" outcomes for at most this many activities (half as many "ends with").
    pub max_activity_outcomes: usize,
}

impl Default for InsightsOptions {
    fn default() -> Self {
        Self {
            outcomes: Vec::new(),
            min_cases: 30,
            min_share: 0.01,
            max_q: 0.05,
            max_findings: 50,
            subgroup_attributes: 4,
            window_days: 14.0,
            maturity_days: 120.0,
            as_of_ms: None,
            bootstrap_samples: 2000,
            seed: 2024,
            language: Language::En,
            resource_label: "resource".into(),
            max_activity_outcomes: 8,
        }
    }
}

/// One outcome: its definition and its value over the population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeInfo {
    /// Id (`late_payment`, ...).
    pub id: String,
    /// Label for pickers.
    pub label: String,
    /// Cases with a known value.
    pub cases: u64,
    /// Rate (0–1) or median days; `null` when unavailable.
    pub value: Option<f64>,
    /// Definition in words, including what is left out.
    pub definition: String,
    /// Rate or duration.
    pub kind: OutcomeKind,
    /// Whether the log supports it.
    pub available: bool,
    /// Why not, when unavailable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 95 % interval of `value` (Wilson, or bootstrap of the median).
    pub value_ci_low: Option<f64>,
    /// Upper end.
    pub value_ci_high: Option<f64>,
    /// Values and subgroups tested (the Benjamini–Hochberg family size).
    pub tested: u64,
    /// Invoice-to-cash only: the Kaplan–Meier median over every invoice, open ones censored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub km_median_days: Option<f64>,
    /// For an outcome that takes time: the window it is judged within, and the cases judged and left
    /// out as too recent (`null` otherwise).
    #[serde(default)]
    pub maturity: Option<Maturity>,
}

/// One attribute value (or pair of values) against the rest of the cases, for one outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Outcome id.
    pub outcome: String,
    /// Column name as in the file; `A × B` for subgroups.
    pub attribute: String,
    /// The value; `a × b` for subgroups.
    pub value: String,
    /// Cases with the value (and a known outcome).
    pub cases: u64,
    /// Rate, or median days, of those cases.
    pub outcome_value: f64,
    /// The same for every other case.
    pub rest_value: f64,
    /// `outcome_value − rest_value`.
    pub difference: f64,
    /// 95 % interval of the difference (Newcombe, or bootstrap for durations).
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Benjamini–Hochberg q-value over every value tested for the outcome.
    pub q_value: f64,
    /// Rates: `cases × difference`. Durations: the same with "slower than the overall median" as the
    /// rate (Mood's table).
    pub excess_cases: f64,
    /// Excess cases × the group's mean amount; `null` without amounts or for durations.
    pub amount_at_risk: Option<f64>,
    /// The finding in a sentence.
    pub text: String,
    /// Cases of the rest.
    pub rest_cases: u64,
    /// 95 % interval of `outcome_value`.
    pub value_ci_low: f64,
    /// Upper end.
    pub value_ci_high: f64,
    /// How the interval of the difference was computed.
    pub interval_method: IntervalMethod,
    /// Which test gave the p-value.
    pub test: stats::Test,
    /// The ranking key: cases × the interval end nearest zero (0 when the interval spans zero); in
    /// cases for rates, case-days for durations.
    pub impact: f64,
    /// The attribute the confounder check stratified by.
    pub stratified_by: Option<String>,
    /// The difference within its strata (Mantel–Haenszel for rates, weighted median differences for
    /// durations).
    pub stratified_difference: Option<f64>,
    /// The stratified difference has the opposite sign: the crude one may be a mix effect.
    pub stratified_flip: bool,
    /// The (attribute, value) pairs this finding selects: one, or two for a subgroup (its parent
    /// first).
    pub parts: Vec<(String, String)>,
    /// For a subgroup: its parent, the stronger of its two values alone. The subgroup was tested
    /// against the parent's other cases (`rest_value`, `rest_cases`, the difference and its interval
    /// are against them) and is shown under it. `null` for a single value.
    #[serde(default)]
    pub parent: Option<Parent>,
    /// With a customer column: the group's design effect (its variance over that of as many
    /// independent cases), by which its interval was widened; `null` without one.
    #[serde(default)]
    pub design_effect: Option<f64>,
}

/// The parent of a subgroup: one attribute value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parent {
    /// Column name as in the file.
    pub attribute: String,
    /// The value.
    pub value: String,
}

/// How an interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Newcombe's hybrid score interval (method 10).
    NewcombeHybridScore,
    /// Percentile bootstrap of the difference of medians.
    BootstrapPercentile,
}

/// A column (or some of its values) left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    /// Column name as in the file.
    pub attribute: String,
    /// Why.
    pub reason: String,
}

/// Everything the insights view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightsReport {
    /// Outcomes looked at, available or not.
    pub outcomes: Vec<OutcomeInfo>,
    /// Findings, ranked by impact within each outcome (outcomes in the order of `outcomes`).
    pub findings: Vec<Finding>,
    /// Columns and values left out.
    pub skipped: Vec<Skipped>,
    /// Cases in the population.
    pub population_cases: u64,
    /// How to read the findings (association, not cause).
    pub caveat: String,
    /// Assumptions (values as of the first event, as-of instant, ...).
    pub notes: Vec<String>,
    /// At most five findings across every outcome, ranked by money at stake, subgroups folded under
    /// their parents ([`headline`]).
    #[serde(default)]
    pub headline: Vec<HeadlineItem>,
    /// How the headline is ranked.
    #[serde(default)]
    pub headline_ranked_by: HeadlineRank,
    /// The headline in a sentence: how many findings, ranked how, how many values tested in all.
    #[serde(default)]
    pub headline_note: String,
    /// Values tested over every outcome (the sum of the outcomes' `tested`).
    #[serde(default)]
    pub tested: u64,
    /// The customer column whose clusters the intervals allow for (`null`: cases taken as
    /// independent).
    #[serde(default)]
    pub clustered_by: Option<String>,
}

/// Insights on the cases of `sel`.
pub fn insights(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    opts: &InsightsOptions,
) -> InsightsReport {
    run(log, sel, None, map, opts)
}

/// Insights on `population`, with the outcome "is in `selected`" available (`in_filter`): what sets
/// the current filter's cases apart from the others. Without outcomes in `opts`, `in_filter` comes
/// first, then every other outcome on the population.
pub fn insights_of_selection(
    log: &EventLog,
    population: &Selection,
    selected: &Selection,
    map: &RoleMap,
    opts: &InsightsOptions,
) -> InsightsReport {
    run(log, population, Some(selected), map, opts)
}

/// The outcomes the picker lists, available or not, without findings (cheap: no driver is built).
pub fn available_outcomes(
    log: &EventLog,
    sel: &Selection,
    map: &RoleMap,
    opts: &InsightsOptions,
) -> Vec<OutcomeInfo> {
    let oc = outcomes::OutcomeContext::new(log, sel, map, opts);
    let customers = oc.customers();
    oc.default_outcomes(opts)
        .iter()
        .map(|id| {
            findings::describe(
                &oc,
                id,
                oc.compute(id, None, opts),
                customers.as_ref(),
                opts,
            )
            .0
        })
        .collect()
}

fn run(
    log: &EventLog,
    population: &Selection,
    target: Option<&Selection>,
    map: &RoleMap,
    opts: &InsightsOptions,
) -> InsightsReport {
    let oc = outcomes::OutcomeContext::new(log, population, map, opts);
    let mut ids: Vec<OutcomeId> = if opts.outcomes.is_empty() {
        let mut v = oc.default_outcomes(opts);
        if target.is_some() {
            v.insert(0, OutcomeId::InFilter);
        }
        v
    } else {
        opts.outcomes
            .iter()
            .map(|k| OutcomeId::from_key(k).unwrap_or(OutcomeId::PassesThrough(k.to_string())))
            .collect()
    };
    ids.dedup();
    let drivers = drivers::drivers(log, population, map, opts);
    let amounts = oc.amounts();
    let customers = oc.customers();
    let tc = text::TextContext {
        language: opts.language,
        receivables: oc.is_receivables(),
        currency: oc.currency(),
    };
    let column = customers.as_ref().map(|c| c.column.clone());
    let mut report = InsightsReport {
        outcomes: Vec::new(),
        findings: Vec::new(),
        skipped: drivers.skipped.clone(),
        population_cases: population.len() as u64,
        caveat: match &column {
            Some(c) => text::caveat_with_customers(opts.language, c),
            None => text::caveat(opts.language).to_string(),
        },
        notes: text::notes(&oc, opts, column.as_deref()),
        headline: Vec::new(),
        headline_ranked_by: HeadlineRank::default(),
        headline_note: String::new(),
        tested: 0,
        clustered_by: column,
    };
    for id in &ids {
        let computed = oc.compute(id, target, opts);
        let (mut info, values) = findings::describe(&oc, id, computed, customers.as_ref(), opts);
        if let Some(values) = values {
            let (found, tested) = findings::findings(
                &values,
                &drivers,
                amounts.as_deref(),
                customers.as_ref(),
                opts,
                &tc,
            );
            info.tested = tested;
            report.findings.extend(found);
        }
        report.outcomes.push(info);
    }
    report.tested = report.outcomes.iter().map(|o| o.tested).sum();
    let (items, rank, considered) =
        headline::headline(&report.outcomes, &report.findings, tc.receivables);
    report.headline_note = text::headline_note(
        opts.language,
        items.len(),
        rank == HeadlineRank::AmountAtRisk,
        considered,
        report.tested,
    );
    report.headline = items;
    report.headline_ranked_by = rank;
    report
}

/// The chip of a finding: a filter keeping exactly its cases (those of the population with its
/// value(s) and a known outcome), labelled for the filter bar. `population`, `target`, `map` and
/// `opts` must be those the report was computed with.
pub fn finding_filter(
    log: &EventLog,
    population: &Selection,
    target: Option<&Selection>,
    map: &RoleMap,
    opts: &InsightsOptions,
    finding: &Finding,
) -> Filter {
    let label = finding
        .parts
        .iter()
        .map(|(a, v)| format!("{a} = {v}"))
        .collect::<Vec<_>>()
        .join(" & ");
    let chip = |cases: &[CaseIdx]| Filter::Cases {
        ids: cases.iter().map(|&c| log.case_id(c).to_string()).collect(),
        label: Some(format!("{label} ({})", finding.outcome)),
    };
    let oc = outcomes::OutcomeContext::new(log, population, map, opts);
    let Some(id) = OutcomeId::from_key(&finding.outcome) else {
        return chip(&[]);
    };
    let Ok(values) = oc.compute(&id, target, opts) else {
        return chip(&[]);
    };
    let drivers = drivers::drivers(log, population, map, opts);
    let mut wanted: Vec<(&drivers::Driver, u32)> = Vec::new();
    for (attr, value) in &finding.parts {
        let Some(l) = drivers
            .drivers
            .iter()
            .find(|d| &d.attribute == attr)
            .and_then(|d| Some((d, d.find(value)?)))
        else {
            return chip(&[]);
        };
        wanted.push(l);
    }
    let cases: Vec<CaseIdx> = (0..log.case_count())
        .filter(|&c| !values.values[c].is_nan() && wanted.iter().all(|(d, l)| d.level[c] == *l))
        .collect();
    chip(&cases)
}
