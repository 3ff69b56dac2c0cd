//! The worker's side of the insights and comparison views: which population, which outcome, the
//! findings with their chart, and a finding's cases for its filter chip.

use super::charts;
use super::protocol::{ComparePage, CompareSplit, InsightsPage, Response};
use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::insights::{
    self, available_outcomes, finding_filter, insights_of_selection, InsightsOptions,
    InsightsReport, Language, OutcomeKind,
};
use relance_engine::layout::draw_map;
use relance_engine::{analysis, filter::Filter, EventLog, Selection};

/// The id of the "is in the current filter" outcome.
const IN_FILTER: &str = "in_filter";

/// What a finding's chip needs from the last insights answer.
pub struct InsightsCache {
    opts: InsightsOptions,
    map: RoleMap,
    in_filter: bool,
    report: InsightsReport,
}

fn options(
    outcome: Option<&str>,
    settings: &CollectionsSettings,
    language: Language,
) -> InsightsOptions {
    InsightsOptions {
        outcomes: outcome.map(|o| vec![o.to_string()]).unwrap_or_default(),
        window_days: settings.window_days,
        as_of_ms: settings.as_of_ms,
        language,
        ..InsightsOptions::default()
    }
}

fn role_map(log: &EventLog, mapping: Option<&RoleMap>) -> RoleMap {
    let mut map = RoleMap::guess(log);
    if let Some(m) = mapping {
        map.merge(m);
    }
    map
}

/// The insights view for the current filter (`sel`, out of every case of `log`).
pub fn page(
    log: &EventLog,
    sel: &Selection,
    filtered: bool,
    outcome: Option<String>,
    mapping: Option<&RoleMap>,
    settings: &CollectionsSettings,
    language: Language,
) -> (Response, Option<InsightsCache>) {
    let map = role_map(log, mapping);
    let listing = options(None, settings, language);
    let mut outcomes = available_outcomes(log, sel, &map, &listing);
    // "Is in the current filter" explains a selection against the rest of the log.
    if filtered && !sel.is_all() {
        let all = Selection::all(log);
        let probe = options(Some(IN_FILTER), settings, language);
        let r = insights_of_selection(
            log,
            &all,
            sel,
            &map,
            &InsightsOptions {
                max_findings: 0,
                ..probe
            },
        );
        outcomes.splice(0..0, r.outcomes);
    }
    let chosen = outcome
        .filter(|o| outcomes.iter().any(|i| &i.id == o && i.available))
        .or_else(|| outcomes.iter().find(|i| i.available).map(|i| i.id.clone()));
    let Some(id) = chosen else {
        let report = InsightsReport {
            outcomes: Vec::new(),
            findings: Vec::new(),
            skipped: Vec::new(),
            population_cases: sel.len() as u64,
            caveat: insights::text::caveat(language).to_string(),
            notes: Vec::new(),
            headline: Vec::new(),
            headline_ranked_by: Default::default(),
            headline_note: String::new(),
            tested: 0,
            clustered_by: None,
        };
        return (
            Response::Insights(Box::new(InsightsPage {
                outcomes,
                outcome: None,
                report,
                chart_svg: String::new(),
            })),
            None,
        );
    };
    let opts = options(Some(&id), settings, language);
    let in_filter = id == IN_FILTER;
    let report = if in_filter {
        insights_of_selection(log, &Selection::all(log), sel, &map, &opts)
    } else {
        insights::insights(log, sel, &map, &opts)
    };
    let kind = report
        .outcomes
        .first()
        .map(|o| o.kind)
        .unwrap_or(OutcomeKind::Rate);
    let top: Vec<_> = report.findings.iter().take(15).cloned().collect();
    let chart_svg = charts::effects_svg(&top, kind, 760);
    let page = InsightsPage {
        outcomes,
        outcome: Some(id),
        report: report.clone(),
        chart_svg,
    };
    (
        Response::Insights(Box::new(page)),
        Some(InsightsCache {
            opts,
            map,
            in_filter,
            report,
        }),
    )
}

/// The filter chip of a finding: exactly its cases.
pub fn finding_chip(
    log: &EventLog,
    sel: &Selection,
    cache: &InsightsCache,
    index: usize,
) -> Response {
    let Some(f) = cache.report.findings.get(index) else {
        return Response::Error {
            message: t!("err-finding-gone"),
        };
    };
    let filter = if cache.in_filter {
        finding_filter(
            log,
            &Selection::all(log),
            Some(sel),
            &cache.map,
            &cache.opts,
            f,
        )
    } else {
        finding_filter(log, sel, None, &cache.map, &cache.opts, f)
    };
    match filter {
        Filter::Cases { ids, label } => Response::DrillCases {
            label: label.unwrap_or_else(|| format!("{} = {}", f.attribute, f.value)),
            ids,
        },
        _ => Response::Error {
            message: "internal: a finding gave an unexpected filter".into(),
        },
    }
}

/// Two populations side by side, with the map of both together.
pub fn compare(
    log: &EventLog,
    sel: &Selection,
    split: &CompareSplit,
    mapping: Option<&RoleMap>,
    language: Language,
    paths_pct: f64,
) -> Response {
    let map = role_map(log, mapping);
    let (a, b) = match split {
        CompareSplit::Date { at_ms } => insights::split_at(log, sel, *at_ms),
        CompareSplit::Filters { a, b } => (a.apply(log), b.apply(log)),
    };
    if a.is_empty() || b.is_empty() {
        return Response::Error {
            message: t!(
                "err-nothing-to-compare",
                a = crate::format::count(a.len() as u64),
                b = crate::format::count(b.len() as u64)
            ),
        };
    }
    let opts = InsightsOptions {
        language,
        ..InsightsOptions::default()
    };
    let comparison = insights::compare(log, &a, &b, &map, &opts);
    let union = Selection::from_fn(log, |c| a.contains(c) || b.contains(c));
    let pct = analysis::opening_activity_pct(log.activity_count());
    let drawing = draw_map(analysis::process_map(log, &union, pct), paths_pct);
    let top: Vec<_> = comparison
        .drivers
        .findings
        .iter()
        .take(15)
        .cloned()
        .collect();
    let chart_svg = charts::effects_svg(&top, OutcomeKind::Rate, 760);
    Response::Compare(Box::new(ComparePage {
        comparison,
        map: Some(drawing),
        chart_svg,
    }))
}
