//! The ideal process: mined from the log (the top variants covering a share of the cases, or the
//! variants ticked in the table below, with IMf's noise threshold) or imported from a BPMN or PNML
//! file; the screen that pairs the model's activities with the log's when names differ; the model
//! exported as BPMN or PNML.

use super::protocol::{ConformancePage, ExportFormat};
use super::state::use_conformance;
use crate::components::data_table::{Column, DataTable, Mark, RowMark, SortKey};
use crate::core::files::read_chosen;
use crate::core::format;
use leptos::prelude::*;
use relance_engine::conformance::{MappedActivity, MatchKind, ModelSource, VariantChoice};
use relance_engine::view::ModelView;

/// How the model is made, as the controls show it.
fn current_choice(model: Option<&ModelView>) -> (f64, f64) {
    match model {
        Some(ModelView::Mined {
            choice: VariantChoice::TopCoverage { percent },
            noise_threshold,
        }) => (*percent, *noise_threshold),
        Some(ModelView::Mined {
            noise_threshold, ..
        }) => (80.0, *noise_threshold),
        _ => (80.0, 0.0),
    }
}

/// The model's source, export buttons and mapping screen.
#[component]
pub fn ModelSetup(
    /// The last check (none yet while the first runs).
    page: Option<ConformancePage>,
    /// Variants ticked in the variants table (activity sequences).
    ticked: RwSignal<Vec<Vec<String>>>,
) -> impl IntoView {
    let c = use_conformance();
    let (pct0, noise0) = c.setup.with_untracked(|s| current_choice(s.model.as_ref()));
    let pct = RwSignal::new(pct0);
    let noise = RwSignal::new(noise0);
    let mine_top = move |_| {
        c.set_model(ModelView::Mined {
            choice: VariantChoice::TopCoverage {
                percent: pct.get_untracked(),
            },
            noise_threshold: noise.get_untracked(),
        })
    };
    let mine_ticked = move |_| {
        c.set_model(ModelView::Mined {
            choice: VariantChoice::Sequences {
                sequences: ticked.get_untracked(),
            },
            noise_threshold: noise.get_untracked(),
        })
    };
    let import = move |ev: leptos::ev::Event| {
        read_chosen(&ev, move |name, text| match text {
            Some(text) => c.set_model(ModelView::File { name, text }),
            None => c
                .model_error
                .set(Some(t!("cf-file-unreadable", file = name))),
        })
    };
    let number = |signal: RwSignal<f64>| {
        move |ev: leptos::ev::Event| {
            if let Ok(x) = event_target_value(&ev).replace(',', ".").parse::<f64>() {
                signal.set(x);
            }
        }
    };
    let description = page.as_ref().map(|p| p.report.model.description.clone());
    let summary = page.as_ref().map(|p| {
        let m = &p.report.model;
        let sound = match m.check.sound {
            Some(true) => t!("cf-sound"),
            Some(false) => t!("cf-unsound"),
            None => t!("cf-unchecked"),
        };
        t!(
            "cf-model-size",
            activities = format::count(m.activities),
            transitions = format::count(m.transitions),
            silent = format::count(m.silent_transitions),
            places = format::count(m.places),
            sound = sound
        )
    });
    let file_model = page
        .as_ref()
        .is_some_and(|p| !matches!(p.report.model.source, ModelSource::Mined { .. }));
    let mapping = page
        .clone()
        .map(|p| view! { <MappingScreen page=p open=file_model /> });
    view! {
        <section class="panel" id="cf-model-panel">
            <h3>{t!("cf-ideal-title")}</h3>
            <div class="cf-model-controls">
                <fieldset class="cf-mine">
                    <legend>{t!("cf-from-log")}</legend>
                    <label class="field inline">
                        <span>{t!("cf-top-variants")}</span>
                        <input type="number" id="cf-coverage" min="1" max="100" step="1" prop:value=move || pct.get().to_string() on:input=number(pct) />
                        <span>"%"</span>
                    </label>
                    <label class="field inline" title=t!("cf-noise-help")>
                        <span>{t!("cf-noise")}</span>
                        <input type="number" id="cf-noise" min="0" max="1" step="0.05" prop:value=move || noise.get().to_string() on:input=number(noise) />
                    </label>
                    <button class="button primary" id="cf-mine" on:click=mine_top>{t!("cf-mine")}</button>
                    <button class="button" id="cf-mine-ticked" disabled=move || ticked.with(|t| t.is_empty()) on:click=mine_ticked>
                        {move || t!("cf-mine-ticked", count = ticked.with(|t| t.len()))}
                    </button>
                </fieldset>
                <fieldset class="cf-import">
                    <legend>{t!("cf-import")}</legend>
                    <label class="button file-button">{t!("cf-import-button")}
                        <input type="file" accept=".bpmn,.pnml,.xml" id="cf-model-input" aria-label=t!("cf-import-label") on:change=import />
                    </label>
                    <span class="muted small">{t!("cf-import-help")}</span>
                </fieldset>
                <fieldset class="cf-export">
                    <legend>{t!("cf-export")}</legend>
                    <button class="button" id="cf-export-bpmn" disabled=page.is_none() on:click=move |_| c.export(ExportFormat::Bpmn)>"BPMN"</button>
                    <button class="button" id="cf-export-pnml" disabled=page.is_none() on:click=move |_| c.export(ExportFormat::Pnml)>"PNML"</button>
                </fieldset>
            </div>
            {move || c.model_error.get().map(|e| view! { <p class="warn" id="cf-model-error" role="alert">{e}</p> })}
            {description.map(|d| view! { <p id="cf-model-description">{d}</p> })}
            {summary.map(|s| view! { <p class="muted small">{s}</p> })}
            {move || {
                let notes = c.export_notes.get();
                (!notes.is_empty()).then(|| view! {
                    <ul class="notes small">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                })
            }}
            {mapping}
        </section>
    }
}

/// Each model activity with the log activity it stands for, editable.
#[component]
fn MappingScreen(page: ConformancePage, open: bool) -> impl IntoView {
    type R = MappedActivity;
    let c = use_conformance();
    let pairs = page.report.model.mapping.pairs.clone();
    let unmatched = pairs.iter().filter(|p| p.log.is_none()).count();
    let log_acts = std::sync::Arc::new(page.log_activities.clone());
    let select = move |p: &R| {
        let model = p.model.clone();
        let chosen = p.log.clone().unwrap_or_default();
        let options = log_acts
            .iter()
            .map(|a| view! { <option value=a.clone() selected=*a == chosen>{a.clone()}</option> })
            .collect_view();
        let m2 = model.clone();
        view! {
            <select class="cf-map-select" data-model=model.clone() aria-label=t!("cf-map-label", activity = model.clone())
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    c.map_activity(&m2, (!v.is_empty()).then_some(v));
                }>
                <option value="" selected=chosen.is_empty()>{t!("cf-map-none")}</option>
                {options}
            </select>
        }
        .into_any()
    };
    let columns = vec![
        Column::text(t!("cf-col-model-activity"), |p: &R| p.model.clone()),
        Column::view(
            t!("cf-col-log-activity"),
            select,
            |p: &R| p.log.clone().unwrap_or_default(),
            |p: &R| SortKey::Text(p.log.clone().unwrap_or_default()),
        ),
        Column::text(t!("cf-col-how"), |p: &R| match p.how {
            MatchKind::SameName => t!("cf-match-same"),
            MatchKind::SimilarName => t!("cf-match-similar"),
            MatchKind::User => t!("cf-match-user"),
            MatchKind::None => t!("cf-match-none"),
        })
        .class("small"),
    ];
    let mark: Mark<R> = std::sync::Arc::new(|p: &R| RowMark {
        class: if p.log.is_none() { "unmatched" } else { "" },
        ..Default::default()
    });
    view! {
        <details class="cf-mapping" id="cf-mapping" open={open || unmatched > 0}>
            <summary>{t!("cf-mapping-title", unmatched = unmatched)}</summary>
            <p class="hint small">{t!("cf-mapping-help")}</p>
            <DataTable id="cf-mapping-table" columns=columns rows=pairs mark=mark />
        </details>
    }
}
