//! The worker's side of the conformance view: the model made (mined from the filter's variants, or
//! read from the chosen file) and bound to the log's activities, the check, and the follow-up
//! questions on the last check (a deviation's cases as a chip, a variant's moves, the model as a
//! file). Every figure comes from `relance_engine::conformance`.

use super::model_svg::model_svg;
use super::protocol::{Answer, ConformancePage, ExportFormat, Request};
use crate::core::filters::values::{values, ValueSource};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::collections::{CollectionsSettings, RoleMap};
use relance_engine::conformance::{conformance, ConformanceOptions, ProcessModel};
use relance_engine::filter::Filter;
use relance_engine::insights::Language;
use relance_engine::log::Scope;
use relance_engine::view::ConformanceView;
use relance_engine::{EventLog, Selection};

/// A column with more distinct values than this is no segment (an id, an amount).
const MAX_SEGMENT_VALUES: usize = 60;

/// What the follow-up questions need from the last check.
struct ConformanceCache {
    model: ProcessModel,
    report: relance_engine::conformance::ConformanceReport,
    language: Language,
}

/// Answers a conformance request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    match req {
        Request::Check {
            setup,
            mapping,
            settings,
            language,
        } => {
            let (log, sel) = session.cases()?;
            match check(log, sel, &setup, mapping.as_ref(), &settings, language) {
                Ok((page, cache)) => {
                    session.keep(cache);
                    Ok(Reply::Feature(Answer::Report(Box::new(page))))
                }
                Err(message) => Ok(Reply::Feature(Answer::ModelError { message })),
            }
        }
        Request::DeviationCases { index } => {
            let (log, _, cache) = session.cases_with::<ConformanceCache>()?;
            let cache = cache.ok_or_else(|| t!("err-open-conformance"))?;
            match cache.report.deviation_filter(log, index, cache.language) {
                Some(Filter::Cases { ids, label }) => {
                    Ok(Reply::cases(label.unwrap_or_default(), ids))
                }
                _ => Err(t!("err-finding-gone")),
            }
        }
        Request::Moves { index } => {
            let cache = session
                .kept::<ConformanceCache>()
                .ok_or_else(|| t!("err-open-conformance"))?;
            let v = cache
                .report
                .variants
                .get(index)
                .ok_or_else(|| t!("err-finding-gone"))?;
            Ok(Reply::Feature(Answer::Moves {
                index,
                moves: v.moves.clone(),
            }))
        }
        Request::Export { format } => {
            let cache = session
                .kept::<ConformanceCache>()
                .ok_or_else(|| t!("err-open-conformance"))?;
            let (name, text, notes) = match format {
                ExportFormat::Bpmn => {
                    let (text, notes) = cache.model.to_bpmn();
                    ("ideal-process.bpmn", text, notes)
                }
                ExportFormat::Pnml => ("ideal-process.pnml", cache.model.to_pnml(), Vec::new()),
            };
            Ok(Reply::Feature(Answer::Exported {
                name: name.to_string(),
                text,
                notes,
            }))
        }
    }
}

/// The model made and bound, the check, and what the view needs beside it.
fn check(
    log: &EventLog,
    sel: &Selection,
    setup: &ConformanceView,
    mapping: Option<&RoleMap>,
    settings: &CollectionsSettings,
    language: Language,
) -> Result<(ConformancePage, ConformanceCache), String> {
    let model = setup
        .bound_model(log, sel, language)
        .map_err(|e| e.to_string())?;
    let mut map = RoleMap::guess(log);
    if let Some(m) = mapping {
        map.merge(m);
    }
    let opts = ConformanceOptions {
        language,
        as_of_ms: settings.as_of_ms,
        extra_scenarios: setup.scenarios.clone(),
        ..ConformanceOptions::default()
    };
    let report = conformance(log, sel, &model, &map, &opts).map_err(|e| e.to_string())?;
    // The page gets the variants without their moves (asked one at a time): on a large log the
    // moves of every variant are most of the answer.
    let mut shown = report.clone();
    for v in &mut shown.variants {
        v.moves.clear();
    }
    let graph = model.graph();
    let page = ConformancePage {
        model_svg: model_svg(&graph, &report.model.mapping, &report.deviations),
        layout_from_file: graph.layout_from_file,
        report: shown,
        log_activities: log.activity_names().map(str::to_string).collect(),
        segments: segments(log, sel),
    };
    Ok((
        page,
        ConformanceCache {
            model,
            report,
            language,
        },
    ))
}

/// Case attributes that read as segments (few distinct values), with their values, most frequent
/// first: what "segment S behaves like the rest" can name.
fn segments(log: &EventLog, sel: &Selection) -> Vec<(String, Vec<String>)> {
    log.attributes()
        .iter()
        .filter(|a| a.scope == Scope::Case)
        .filter_map(|a| {
            let v = values(
                log,
                sel,
                ValueSource::Attribute {
                    name: a.name.clone(),
                },
            );
            (v.range.is_none() && v.distinct >= 2 && v.distinct <= MAX_SEGMENT_VALUES).then(|| {
                (
                    a.name.clone(),
                    v.values.into_iter().map(|(value, _)| value).collect(),
                )
            })
        })
        .collect()
}
