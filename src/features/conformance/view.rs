//! The conformance screen: the ideal process (made, paired, exported), fitness with pm4py's
//! definitions, the model drawn with where cases leave it, the deviations ranked by impact, the
//! variants with their alignments, and the what-if scenarios.
//!
//! Every number comes from the engine (`relance_engine::conformance`); this view only formats.
//! Deviations are associations, and the view says so above them.

use super::model_setup::ModelSetup;
use super::protocol::ConformancePage;
use super::scenarios::ScenariosSection;
use super::state::use_conformance;
use super::tables::{DeviationsTable, MovesPanel, VariantsTable};
use crate::components::chart_frame::ChartFrame;
use crate::components::data_table::TableHead;
use crate::components::kpi_tile::KpiTile;
use crate::core::format;
use leptos::prelude::*;
use relance_engine::conformance::{DeviationKind, VariantChoice};
use relance_engine::view::ModelView;

/// The conformance screen.
#[component]
pub fn ConformanceScreen() -> impl IntoView {
    let c = use_conformance();
    let s = c.core;
    s.ask_when_shown(c.page, move || c.request());
    // Ticked variants start as those of a model mined from ticked variants.
    let ticked = RwSignal::new(c.setup.with_untracked(|s| match &s.model {
        Some(ModelView::Mined {
            choice: VariantChoice::Sequences { sequences },
            ..
        }) => sequences.clone(),
        _ => Vec::new(),
    }));
    view! {
        <div class="conformance" id="conformance-view">
            {move || {
                let page = c.page.get();
                view! {
                    <ModelSetup page=page.clone() ticked=ticked />
                    {match page {
                        None => view! { <p class="placeholder" id="cf-loading">{t!("cf-loading")}</p> }.into_any(),
                        Some(page) => view! { <Results page=page ticked=ticked /> }.into_any(),
                    }}
                }
            }}
        </div>
    }
}

/// Fitness, the model drawn, deviations, variants and scenarios of one check.
#[component]
fn Results(page: ConformancePage, ticked: RwSignal<Vec<Vec<String>>>) -> impl IntoView {
    let c = use_conformance();
    let r = &page.report;
    let na = |x: Option<f64>, d: usize| x.map(|v| format::decimal(v, d));
    let why_na = t!("cf-na-not-aligned");
    let fit_share = r
        .fit_share
        .map(|s| format!(" ({})", format::percent(s)))
        .unwrap_or_default();
    let inserted: Vec<(String, f64)> = r
        .deviations
        .iter()
        .filter(|d| d.kind == DeviationKind::Inserted)
        .map(|d| (d.activity.clone(), d.share))
        .collect();
    let top: Vec<(usize, String)> = r
        .deviations
        .iter()
        .enumerate()
        .take(3)
        .map(|(i, d)| (i, d.text.clone()))
        .collect();
    let measure = if r.measure == "invoice_to_cash_days" {
        t!("cf-measure-itc")
    } else {
        t!("cf-measure-duration")
    };
    let layout_note = if page.layout_from_file {
        t!("cf-layout-file")
    } else {
        t!("cf-layout-engine")
    };
    let inserted_line = (!inserted.is_empty()).then(|| {
        inserted
            .iter()
            .map(|(a, s)| format!("{a} ({})", format::percent(*s)))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let not_aligned = (r.variants_not_aligned > 0).then(|| {
        t!(
            "cf-not-aligned",
            variants = format::count(r.variants_not_aligned),
            cases = format::count(r.cases.saturating_sub(r.aligned_cases))
        )
    });
    view! {
        <section class="panel" id="cf-fitness-panel">
            <div class="tiles">
                <KpiTile label=t!("cf-log-fitness") id="cf-log-fitness"
                    value=na(r.fitness, 4).unwrap_or_default()
                    definition=t!("cf-log-fitness-def")
                    unavailable=r.fitness.is_none().then(|| why_na.clone()) />
                <KpiTile label=t!("cf-trace-fitness") id="cf-trace-fitness"
                    value=na(r.average_trace_fitness, 4).unwrap_or_default()
                    definition=t!("cf-trace-fitness-def")
                    unavailable=r.average_trace_fitness.is_none().then(|| why_na.clone()) />
                <KpiTile label=t!("cf-fit-cases") id="cf-fit-cases"
                    value=format!("{}{fit_share}", format::count(r.fit_cases))
                    definition=t!("cf-fit-cases-def") />
                <KpiTile label=t!("cf-cases") id="cf-cases"
                    value=format::count(r.cases)
                    definition=t!("cf-cases-def", aligned = format::count(r.aligned_cases)) />
            </div>
            {not_aligned.map(|n| view! { <p class="warn">{n}</p> })}
        </section>
        <div class="cf-drawing">
            <ChartFrame title=t!("cf-model-title") svg=page.model_svg.clone() name="ideal-process" id="cf-model" chart_class="chart cf-model-chart">
                <p class="hint small">{layout_note}</p>
                {inserted_line.map(|line| view! {
                    <p class="small" id="cf-inserted">{t!("cf-inserted-list")} " " {line}</p>
                })}
                <button class="button small" id="cf-show-map" on:click=move |_| c.core.tab.set(crate::core::state::Tab::Map)>{t!("cf-see-real-process")}</button>
            </ChartFrame>
        </div>
        <section class="panel" id="cf-deviations-panel">
            <TableHead title=t!("cf-deviations-title") table="cf-deviations" file="deviations.csv" />
            <p class="caveat" id="cf-caveat">{r.caveat.clone()}</p>
            <p class="definition small">{t!("cf-deviations-def", measure = measure)}</p>
            {(!top.is_empty()).then(|| view! {
                <ol class="findings-sentences" id="cf-sentences">
                    {top.into_iter().map(|(k, text)| view! {
                        <li>
                            <span class="sentence">{text}</span>
                            " "
                            <button class="button small" on:click=move |_| c.deviation_cases(k)>{t!("show-these-cases")}</button>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {r.deviations.is_empty().then(|| view! { <p class="hint" id="cf-no-deviation">{t!("cf-no-deviation")}</p> })}
            <DeviationsTable deviations=r.deviations.clone() />
        </section>
        <section class="panel" id="cf-variants-panel">
            <TableHead title=t!("cf-variants-title") table="cf-variants" file="variants-conformance.csv" />
            <p class="hint small">{t!("cf-variants-help")}</p>
            <VariantsTable variants=r.variants.clone() ticked=ticked />
            {move || c.moves.get().map(|(i, m)| view! { <MovesPanel index=i moves=m /> })}
        </section>
        <ScenariosSection page=page.clone() />
        {(!r.notes.is_empty()).then(|| view! {
            <ul class="notes small" id="cf-notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        })}
    }
}
