//! The insights view: what goes with an outcome (late payment, disputes, write-offs, slow cash, or any
//! outcome of any process), ranked by impact with how sure we are; and two populations compared.
//!
//! Every number comes from the engine (`relance_engine::insights`); this view only formats. Findings are
//! associations, and the view says so above them.

use crate::components::export_buttons::{ChartExport, TableCsv};
use crate::format;
use crate::state::{insight_cases, request_compare, request_insights, use_app_state};
use crate::views::process_map::{compare_svg, Drawn};
use crate::worker::protocol::{CompareSplit, InsightsPage};
use leptos::prelude::*;
use relance_engine::insights::compare::{KpiComparison, VariantComparison};
use relance_engine::insights::{Finding, OutcomeInfo, OutcomeKind};

/// A value of an outcome: a rate as a percentage, a duration in days.
fn value(kind: OutcomeKind, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => format::percent(x),
        OutcomeKind::Duration => format!("{x:.1} d"),
    }
}

/// A difference: percentage points for rates, days for durations, with its sign.
fn difference(kind: OutcomeKind, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => format!("{:+.1} pts", x * 100.0),
        OutcomeKind::Duration => format!("{x:+.1} d"),
    }
}

fn interval(kind: OutcomeKind, lo: f64, hi: f64) -> String {
    if !lo.is_finite() || !hi.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => format!("{:+.1} to {:+.1}", lo * 100.0, hi * 100.0),
        OutcomeKind::Duration => format!("{lo:+.1} to {hi:+.1}"),
    }
}

fn q_value(q: f64) -> String {
    if !q.is_finite() {
        "–".into()
    } else if q < 0.001 {
        "< 0.001".into()
    } else {
        format!("{q:.3}")
    }
}

/// The insights screen.
#[component]
pub fn InsightsView() -> impl IntoView {
    let s = use_app_state();
    Effect::new(move |_| {
        if s.insights.with_untracked(|i| i.is_none()) && s.loaded.with(|l| l.is_some()) {
            request_insights(s);
        }
    });
    view! {
        <div class="insights">
            {move || match s.insights.get() {
                None => view! { <p class="placeholder">"Looking for what drives the outcomes…"</p> }.into_any(),
                Some(page) => view! { <InsightsPanel page=page /> }.into_any(),
            }}
            <CompareSection />
        </div>
    }
}

/// The outcome picker, the sentences, the chart and the table of one outcome.
#[component]
fn InsightsPanel(page: InsightsPage) -> impl IntoView {
    let s = use_app_state();
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
        s.insights_outcome.set(Some(event_target_value(&e)));
        request_insights(s);
    };
    let summary = info.clone().map(|i| {
        let shown = match (i.kind, i.value) {
            (_, None) => "not available".to_string(),
            (k, Some(v)) => {
                let ci = match (i.value_ci_low, i.value_ci_high) {
                    (Some(a), Some(b)) => format!(" (95 % CI {} – {})", value(k, a), value(k, b)),
                    _ => String::new(),
                };
                format!("{}{ci}", value(k, v))
            }
        };
        let km = i
            .km_median_days
            .map(|d| {
                format!(" · Kaplan–Meier median of every invoice, open ones included: {d:.1} d")
            })
            .unwrap_or_default();
        (
            format!(
                "{}: {shown} over {} cases{km}",
                i.label,
                format::count(i.cases)
            ),
            i.definition.clone(),
        )
    });
    view! {
        <section class="panel" id="insights-panel">
            <div class="panel-head">
                <label class="field inline">
                    <span>"Outcome"</span>
                    <select id="insights-outcome" on:change=on_pick>
                        {options.into_iter().map(|o| {
                            let title = o.reason.clone().unwrap_or_else(|| o.definition.clone());
                            let label = if o.available { o.label.clone() } else { format!("{} (not available)", o.label) };
                            view! { <option value=o.id.clone() selected=o.id == chosen disabled=!o.available title=title>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <span class="muted">{format!("{} cases in the current filter", format::count(page.report.population_cases))}</span>
            </div>
            {summary.map(|(line, def)| view! {
                <p class="outcome-summary" id="outcome-summary">{line}</p>
                <p class="definition small">{def}</p>
            })}
            <p class="caveat" id="insights-caveat">{page.report.caveat.clone()}</p>
            {(!top.is_empty()).then(|| view! {
                <ol class="findings-sentences" id="insights-sentences">
                    {top.into_iter().map(|(i, text)| view! {
                        <li>
                            <span class="sentence">{text}</span>
                            " "
                            <button class="button small" on:click=move |_| insight_cases(s, i)>"Show these cases"</button>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {findings.is_empty().then(|| view! {
                <p class="hint" id="insights-none">"No value of any attribute stands out for this outcome once many values are tested at once (q < 0.05)."</p>
            })}
        </section>
        {(!page.chart_svg.is_empty()).then(|| {
            let svg = page.chart_svg.clone();
            view! {
                <section class="panel">
                    <div class="panel-head">
                        <h3>"Differences from the other cases, with 95 % intervals"</h3>
                        <ChartExport svg=svg.clone() name="insights-effects" />
                    </div>
                    <div class="chart" id="insights-chart" inner_html=svg></div>
                </section>
            }
        })}
        <section class="panel">
            <div class="panel-head">
                <h3>"Findings, by impact"</h3>
                <TableCsv table="insights-table" file="insights.csv" />
            </div>
            <FindingsTable id="insights-table" findings=findings kind=kind chips=true />
            <Skipped skipped=page.report.skipped.clone() notes=page.report.notes.clone() />
        </section>
    }
}

/// Findings as a table; with `chips`, each row has a button that filters to its cases.
#[component]
fn FindingsTable(
    id: &'static str,
    findings: Vec<Finding>,
    kind: OutcomeKind,
    chips: bool,
) -> impl IntoView {
    let s = use_app_state();
    view! {
        <div class="table-scroll">
            <table class="data" id=id>
                <thead><tr>
                    <th scope="col">"Attribute"</th><th scope="col">"Value"</th>
                    <th scope="col" class="num">"Cases"</th>
                    <th scope="col" class="num">"These cases"</th><th scope="col" class="num">"The others"</th>
                    <th scope="col" class="num">"Difference"</th><th scope="col" class="num">"95 % interval"</th>
                    <th scope="col" class="num">"q-value"</th><th scope="col" class="num">"Excess cases"</th>
                    <th scope="col" class="num">"Amount at risk"</th><th scope="col">"Note"</th>
                    {chips.then(|| view! { <th scope="col"></th> })}
                </tr></thead>
                <tbody>
                    {findings.into_iter().enumerate().map(|(i, f)| {
                        let note = if f.stratified_flip {
                            format!("reverses within {}", f.stratified_by.clone().unwrap_or_default())
                        } else {
                            String::new()
                        };
                        view! {
                            <tr>
                                <td>{f.attribute.clone()}</td>
                                <td>{f.value.clone()}</td>
                                <td class="num" data-csv=f.cases.to_string()>{format::count(f.cases)}</td>
                                <td class="num" data-csv=format::raw::num(f.outcome_value, 4)>{value(kind, f.outcome_value)}</td>
                                <td class="num" data-csv=format::raw::num(f.rest_value, 4)>{value(kind, f.rest_value)}</td>
                                <td class="num" data-csv=format::raw::num(f.difference, 4)>{difference(kind, f.difference)}</td>
                                <td class="num" data-csv=format!("{} {}", format::raw::num(f.ci_low, 4), format::raw::num(f.ci_high, 4))>{interval(kind, f.ci_low, f.ci_high)}</td>
                                <td class="num" data-csv=format::raw::num(f.q_value, 6)>{q_value(f.q_value)}</td>
                                <td class="num" data-csv=format::raw::num(f.excess_cases, 1)>{if kind == OutcomeKind::Rate { format!("{:+.0}", f.excess_cases) } else { "–".into() }}</td>
                                <td class="num" data-csv=f.amount_at_risk.map(|a| format::raw::num(a, 2)).unwrap_or_default()>{f.amount_at_risk.map(|a| format::count(a.round().max(0.0) as u64)).unwrap_or_else(|| "n/a".into())}</td>
                                <td class="small">{note}</td>
                                {chips.then(|| view! {
                                    <td><button class="button small finding-cases" on:click=move |_| insight_cases(s, i)>"Cases"</button></td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The attributes left out, and why; the notes of the computation.
#[component]
fn Skipped(skipped: Vec<relance_engine::insights::Skipped>, notes: Vec<String>) -> impl IntoView {
    let n = skipped.len();
    view! {
        {(!notes.is_empty()).then(|| view! {
            <ul class="notes small">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
        })}
        {(n > 0).then(|| view! {
            <details class="skipped" id="insights-skipped">
                <summary>{format!("{n} attributes or values left out, and why")}</summary>
                <ul>{skipped.into_iter().map(|k| view! { <li><strong>{k.attribute}</strong>": "{k.reason}</li> }).collect_view()}</ul>
            </details>
        })}
    }
}

/// Two populations side by side: by a date (before / after) or by two filter stacks.
#[component]
fn CompareSection() -> impl IntoView {
    let s = use_app_state();
    let by_date = RwSignal::new(true);
    let date = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let keep = move |b: bool| {
        let stack = s.filters.get_untracked();
        s.compare_stacks.update(|(a, bb)| {
            if b {
                *bb = Some(stack)
            } else {
                *a = Some(stack)
            }
        });
    };
    let run = move |_| {
        error.set(None);
        if by_date.get_untracked() {
            match relance_engine::import::timestamp::parse_timestamp(
                &date.get_untracked(),
                relance_engine::import::DateOrder::Auto,
            ) {
                Some(p) => request_compare(s, CompareSplit::Date { at_ms: p.ms }),
                None => error.set(Some("enter a date, e.g. 2025-01-01".into())),
            }
        } else {
            match s.compare_stacks.get_untracked() {
                (Some(a), Some(b)) => request_compare(s, CompareSplit::Filters { a, b }),
                _ => error.set(Some(
                    "keep the current filters as A, change them, then keep them as B".into(),
                )),
            }
        }
    };
    let stack_text = move |st: Option<relance_engine::filter::FilterStack>| match st {
        None => "not set".to_string(),
        Some(st) if st.items.is_empty() => "every case".to_string(),
        Some(st) => format!("{} filters", st.items.len()),
    };
    view! {
        <section class="panel" id="compare-panel">
            <h3>"Compare two populations"</h3>
            <div class="compare-controls">
                <div class="segmented" role="group" aria-label="Populations">
                    <button class:active=move || by_date.get() aria-pressed=move || by_date.get().to_string() on:click=move |_| by_date.set(true)>"Before / after a date"</button>
                    <button class:active=move || !by_date.get() aria-pressed=move || (!by_date.get()).to_string() on:click=move |_| by_date.set(false)>"Two filter sets"</button>
                </div>
                <Show
                    when=move || by_date.get()
                    fallback=move || view! {
                        <span class="field inline">
                            <button class="button small" id="compare-keep-a" on:click=move |_| keep(false)>"Keep current filters as A"</button>
                            <span class="muted">{move || format!("A: {}", stack_text(s.compare_stacks.get().0))}</span>
                            <button class="button small" id="compare-keep-b" on:click=move |_| keep(true)>"Keep current filters as B"</button>
                            <span class="muted">{move || format!("B: {}", stack_text(s.compare_stacks.get().1))}</span>
                        </span>
                    }
                >
                    <label class="field inline">
                        <span>"A: cases starting before"</span>
                        <input type="date" id="compare-date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e)) />
                        <span class="muted">"B: the others (within the current filter)"</span>
                    </label>
                </Show>
                <button class="button primary" id="compare-run" on:click=run>"Compare"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="warn">{e}</p> })}
            {move || s.compare.get().map(|p| view! { <CompareResult page=p /> })}
        </section>
    }
}

/// The comparison: KPIs with intervals, the map coloured by the difference, variants that grew or
/// shrank, and what sets B apart.
#[component]
fn CompareResult(page: crate::worker::protocol::ComparePage) -> impl IntoView {
    let c = page.comparison.clone();
    let map_svg = page
        .map
        .as_ref()
        .map(|d: &Drawn| compare_svg(d, &c.edges))
        .unwrap_or_default();
    let (grew, shrank): (Vec<VariantComparison>, Vec<VariantComparison>) =
        c.variants.iter().cloned().partition(|v| v.difference > 0.0);
    let kpis = c.kpis.clone();
    view! {
        <p class="muted" id="compare-sizes">{format!("A: {} cases · B: {} cases{}", format::count(c.a_cases), format::count(c.b_cases),
            if c.overlap_cases > 0 { format!(" · {} cases in both", format::count(c.overlap_cases)) } else { String::new() })}</p>
        <div class="panel-head"><h4>"Headline figures"</h4><TableCsv table="compare-kpis" file="comparison.csv" /></div>
        <table class="data" id="compare-kpis">
            <thead><tr><th scope="col">"Figure"</th><th scope="col" class="num">"A"</th><th scope="col" class="num">"B"</th>
                <th scope="col" class="num">"B − A"</th><th scope="col" class="num">"95 % interval"</th><th scope="col" class="num">"p-value"</th></tr></thead>
            <tbody>{kpis.into_iter().map(|k: KpiComparison| {
                let est = |e: &relance_engine::insights::compare::Estimate| match (e.value, e.ci_low, e.ci_high) {
                    (Some(v), Some(a), Some(b)) => format!("{} ({} – {})", value(k.kind, v), value(k.kind, a), value(k.kind, b)),
                    (Some(v), _, _) => value(k.kind, v),
                    _ => "n/a".into(),
                };
                let diff = k.difference.map(|d| difference(k.kind, d)).unwrap_or_else(|| k.reason.clone().map(|r| format!("n/a: {r}")).unwrap_or_else(|| "n/a".into()));
                view! { <tr>
                    <td>{k.label.clone()}</td><td class="num">{est(&k.a)}</td><td class="num">{est(&k.b)}</td>
                    <td class="num">{diff}</td>
                    <td class="num">{match (k.ci_low, k.ci_high) { (Some(a), Some(b)) => interval(k.kind, a, b), _ => "–".into() }}</td>
                    <td class="num">{k.p_value.map(q_value).unwrap_or_else(|| "–".into())}</td>
                </tr> }
            }).collect_view()}</tbody>
        </table>
        {(!map_svg.is_empty()).then(|| view! {
            <div class="panel-head"><h4>"The map of both: paths in blue are more frequent in A, in orange more frequent in B"</h4>
                <ChartExport svg=map_svg.clone() name="comparison-map" /></div>
            <div class="compare-map" id="compare-map" inner_html=map_svg></div>
        })}
        <div class="two-columns">
            <VariantTable title="Variants that grew in B" id="variants-grew" rows=grew />
            <VariantTable title="Variants that shrank in B" id="variants-shrank" rows=shrank />
        </div>
        <h4>"What sets B apart from A"</h4>
        {(!page.chart_svg.is_empty()).then(|| view! { <div class="chart" inner_html=page.chart_svg.clone()></div> })}
        <FindingsTable id="compare-drivers" findings=c.drivers.findings.clone() kind=OutcomeKind::Rate chips=false />
    }
}

#[component]
fn VariantTable(
    title: &'static str,
    id: &'static str,
    rows: Vec<VariantComparison>,
) -> impl IntoView {
    view! {
        <div>
            <h4>{title}</h4>
            <table class="data" id=id>
                <thead><tr><th scope="col">"Variant"</th><th scope="col" class="num">"A"</th><th scope="col" class="num">"B"</th>
                    <th scope="col" class="num">"Difference"</th><th scope="col" class="num">"q-value"</th></tr></thead>
                <tbody>{rows.into_iter().take(10).map(|v| view! { <tr>
                    <td class="small">{v.activities.join(" → ")}</td>
                    <td class="num">{format::percent(v.a_share)}</td><td class="num">{format::percent(v.b_share)}</td>
                    <td class="num">{format!("{:+.1} pts ({:+.1} to {:+.1})", v.difference * 100.0, v.ci_low * 100.0, v.ci_high * 100.0)}</td>
                    <td class="num">{q_value(v.q_value)}</td>
                </tr> }).collect_view()}</tbody>
            </table>
        </div>
    }
}
