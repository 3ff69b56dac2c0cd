//! The insights screen: what goes with an outcome (late payment, disputes, write-offs, slow cash, or
//! any outcome of any process), ranked by impact with how sure we are; and two populations compared.
//!
//! Every number comes from the engine (`relance_engine::insights`); this view only formats. Findings are
//! associations, and the view says so above them.

use super::compare::CompareSection;
use super::findings::{value, FindingsTable, Skipped};
use super::protocol::InsightsPage;
use super::state::use_insights;
use crate::components::chart_frame::ChartFrame;
use crate::components::data_table::TableHead;
use crate::core::format;
use leptos::prelude::*;
use relance_engine::insights::{OutcomeInfo, OutcomeKind};

/// The insights screen.
#[component]
pub fn InsightsView() -> impl IntoView {
    let i = use_insights();
    let s = i.core;
    s.ask_when_shown(i.page, move || i.request());
    view! {
        <div class="insights">
            {move || match i.page.get() {
                None => view! { <p class="placeholder">{t!("insights-loading")}</p> }.into_any(),
                Some(page) => view! { <InsightsPanel page=page /> }.into_any(),
            }}
            <CompareSection />
        </div>
    }
}

/// The outcome picker, the sentences, the chart and the table of one outcome.
#[component]
fn InsightsPanel(page: InsightsPage) -> impl IntoView {
    let i = use_insights();
    let chosen = page.outcome.clone().unwrap_or_default();
    let info: Option<OutcomeInfo> = page.outcomes.iter().find(|o| o.id == chosen).cloned();
    let kind = info.as_ref().map(|i| i.kind).unwrap_or(OutcomeKind::Rate);
    let findings = page.report.findings.clone();
    let top: Vec<(usize, String)> = findings
        .iter()
        .enumerate()
        .take(3)
        .map(|(i, f)| (i, f.text.clone()))
        .collect();
    let options = page.outcomes.clone();
    let on_pick = move |e: leptos::ev::Event| {
        i.outcome.set(Some(event_target_value(&e)));
        i.request();
    };
    let summary = info.clone().map(|o| {
        let shown = match (o.kind, o.value) {
            (_, None) => t!("not-available"),
            (k, Some(v)) => {
                let ci = match (o.value_ci_low, o.value_ci_high) {
                    (Some(a), Some(b)) => format!(
                        " ({})",
                        t!("ci-range", low = value(k, a), high = value(k, b))
                    ),
                    _ => String::new(),
                };
                format!("{}{ci}", value(k, v))
            }
        };
        let km = o
            .km_median_days
            .map(|d| format!(" · {}", t!("km-median", days = format::decimal(d, 1))))
            .unwrap_or_default();
        (
            t!(
                "insights-outcome-summary",
                outcome = o.label.clone(),
                value = shown,
                cases = format::count(o.cases),
                km = km
            ),
            o.definition.clone(),
        )
    });
    view! {
        <section class="panel" id="insights-panel">
            <div class="panel-head">
                <label class="field inline">
                    <span>{t!("insights-outcome")}</span>
                    <select id="insights-outcome" on:change=on_pick>
                        {options.into_iter().map(|o| {
                            let title = o.reason.clone().unwrap_or_else(|| o.definition.clone());
                            let label = if o.available { o.label.clone() } else { format!("{} ({})", o.label, t!("not-available")) };
                            view! { <option value=o.id.clone() selected=o.id == chosen disabled=!o.available title=title>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <span class="muted">{t!("insights-population", cases = format::count(page.report.population_cases))}</span>
            </div>
            {summary.map(|(line, def)| view! {
                <p class="outcome-summary" id="outcome-summary">{line}</p>
                <p class="definition small">{def}</p>
            })}
            <p class="caveat" id="insights-caveat">{page.report.caveat.clone()}</p>
            {(!page.headline.is_empty()).then(|| view! {
                <div class="insights-headline" id="insights-headline">
                    <h3>{t!("insights-headline-title")}</h3>
                    <ol>
                        {page.headline.iter().map(|h| view! {
                            <li>
                                <span class="sentence">{h.finding.text.clone()}</span>
                                " "<span class="muted small">{h.outcome_label.clone()}</span>
                                {(!h.subgroups.is_empty()).then(|| view! {
                                    <ul class="subgroups">
                                        {h.subgroups.iter().map(|g| view! { <li class="small">{g.text.clone()}</li> }).collect_view()}
                                    </ul>
                                })}
                            </li>
                        }).collect_view()}
                    </ol>
                    <p class="small muted" id="insights-headline-note">{page.headline_note.clone()}</p>
                </div>
            })}
            {page.report.clustered_by.clone().map(|column| view! {
                <p class="small" id="insights-clustered">{t!("insights-clustered", column = column)}</p>
            })}
            {(!top.is_empty()).then(|| view! {
                <ol class="findings-sentences" id="insights-sentences">
                    {top.into_iter().map(|(k, text)| view! {
                        <li>
                            <span class="sentence">{text}</span>
                            " "
                            <button class="button small" on:click=move |_| i.finding_cases(k)>{t!("show-these-cases")}</button>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {findings.is_empty().then(|| view! {
                <p class="hint" id="insights-none">{t!("insights-none")}</p>
            })}
        </section>
        {(!page.chart_svg.is_empty()).then(|| view! {
            <ChartFrame title=t!("insights-chart-title") svg=page.chart_svg.clone() name="insights-effects" id="insights-chart" />
        })}
        <section class="panel">
            <TableHead title=t!("insights-table-title") table="insights-table" file="insights.csv" />
            <FindingsTable id="insights-table" findings=findings kind=kind chips=true />
            <Skipped skipped=page.report.skipped.clone() notes=page.report.notes.clone() />
        </section>
    }
}
