//! The worker's side of the insights and comparison views: which population, which outcome, the
//! findings with their chart, and a finding's cases for its filter chip.

use super::effects_chart::effects_svg;
use super::protocol::{Answer, ComparePage, CompareSplit, InsightsPage, Request};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::insights::{
    self, available_outcomes, finding_filter, insights_of_selection, HeadlineItem, InsightsOptions,
    InsightsReport, Language, OutcomeKind,
};
use relance_engine::layout::draw_map;
use relance_engine::{analysis, filter::Filter, EventLog, Selection};

/// The id of the "is in the current filter" outcome.
const IN_FILTER: &str = "in_filter";

/// Answers an insights request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    match req {
        Request::Insights {
            outcome,
            mapping,
            settings,
            language,
        } => {
            let filtered = !session.filters().items.is_empty();
            // The headline does not depend on the outcome picked: kept until the filters change.
            let key = serde_json::to_string(&(&mapping, &settings, language)).unwrap_or_default();
            let headline = session
                .kept::<HeadlineCache>()
                .filter(|h| h.key == key)
                .map(|h| (h.items.clone(), h.note.clone()));
            let (log, sel) = session.cases()?;
            let (mut page, cache) = page(
                log,
                sel,
                filtered,
                outcome,
                mapping.as_ref(),
                &settings,
                language,
            );
            // Over every outcome, each corrected within itself as in the outcome's own list; not for
            // "in the current filter".
            if let Some(c) = cache.as_ref().filter(|c| !c.in_filter) {
                // The role map the page was computed with, not a second guess.
                (page.headline, page.headline_note) = headline.unwrap_or_else(|| {
                    let all =
                        insights::insights(log, sel, &c.map, &options(None, &settings, language));
                    (all.headline, all.headline_note)
                });
            }
            if let Some(cache) = cache {
                session.keep(cache);
            }
            session.keep(HeadlineCache {
                key,
                items: page.headline.clone(),
                note: page.headline_note.clone(),
            });
            Ok(Reply::Feature(Answer::Insights(Box::new(page))))
        }
        Request::InsightCases { index } => {
            let (log, sel, cache) = session.cases_with::<InsightsCache>()?;
            let cache = cache.ok_or_else(|| t!("err-open-insights"))?;
            finding_chip(log, sel, cache, index)
        }
        Request::Compare {
            split,
            mapping,
            language,
            paths_pct,
        } => {
            let (log, sel) = session.cases()?;
            let page = compare(log, sel, &split, mapping.as_ref(), language, paths_pct)?;
            Ok(Reply::Feature(Answer::Compare(Box::new(page))))
        }
    }
}

/// The headline over every outcome, for the settings it was computed with.
struct HeadlineCache {
    key: String,
    items: Vec<HeadlineItem>,
    note: String,
}

/// What a finding's chip needs from the last insights answer.
struct InsightsCache {
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
fn page(
    log: &EventLog,
    sel: &Selection,
    filtered: bool,
    outcome: Option<String>,
    mapping: Option<&RoleMap>,
    settings: &CollectionsSettings,
    language: Language,
) -> (InsightsPage, Option<InsightsCache>) {
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
        let page = InsightsPage {
            outcomes,
            outcome: None,
            report,
            chart_svg: String::new(),
            headline: Vec::new(),
            headline_note: String::new(),
        };
        return (page, None);
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
    let chart_svg = effects_svg(&top, kind, 760);
    let page = InsightsPage {
        outcomes,
        outcome: Some(id),
        report: report.clone(),
        chart_svg,
        headline: Vec::new(),
        headline_note: String::new(),
    };
    (
        page,
        Some(InsightsCache {
            opts,
            map,
            in_filter,
            report,
        }),
    )
}

/// The filter chip of a finding: exactly its cases.
fn finding_chip(
    log: &EventLog,
    sel: &Selection,
    cache: &InsightsCache,
    index: usize,
) -> Result<Reply<Answer>, String> {
    let f = cache
        .report
        .findings
        .get(index)
        .ok_or_else(|| t!("err-finding-gone"))?;
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
        Filter::Cases { ids, label } => Ok(Reply::cases(
            label.unwrap_or_else(|| format!("{} = {}", f.attribute, f.value)),
            ids,
        )),
        _ => Err("internal: a finding gave an unexpected filter".into()),
    }
}

/// Two populations side by side, with the map of both together.
fn compare(
    log: &EventLog,
    sel: &Selection,
    split: &CompareSplit,
    mapping: Option<&RoleMap>,
    language: Language,
    paths_pct: f64,
) -> Result<ComparePage, String> {
    let map = role_map(log, mapping);
    let (a, b) = match split {
        CompareSplit::Date { at_ms } => insights::split_at(log, sel, *at_ms),
        CompareSplit::Filters { a, b } => (a.apply(log), b.apply(log)),
    };
    if a.is_empty() || b.is_empty() {
        return Err(t!(
            "err-nothing-to-compare",
            a = crate::core::format::count(a.len() as u64),
            b = crate::core::format::count(b.len() as u64)
        ));
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
    let chart_svg = effects_svg(&top, OutcomeKind::Rate, 760);
    Ok(ComparePage {
        comparison,
        map: Some(drawing),
        chart_svg,
    })
}
