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
        OutcomeKind::Duration => format::duration(x * 86_400.0),
    }
}

/// A difference: percentage points for rates, days for durations, with its sign.
fn difference(kind: OutcomeKind, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => t!("points", value = signed(x * 100.0)),
        OutcomeKind::Duration => t!("days-short", value = signed(x)),
    }
}

fn interval(kind: OutcomeKind, lo: f64, hi: f64) -> String {
    if !lo.is_finite() || !hi.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => t!(
            "interval",
            low = signed(lo * 100.0),
            high = signed(hi * 100.0)
        ),
        OutcomeKind::Duration => t!("interval", low = signed(lo), high = signed(hi)),
    }
}

/// A signed number with one decimal: `+3.5`, `-2.0` (`+3,5` in French).
fn signed(x: f64) -> String {
    let s = format::decimal(x, 1);
    if x >= 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

fn q_value(q: f64) -> String {
    if !q.is_finite() {
        "–".into()
    } else if q < 0.001 {
        "< 0.001".into()
    } else {
        format::decimal(q, 3)
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
            (_, None) => t!("not-available"),
            (k, Some(v)) => {
                let ci = match (i.value_ci_low, i.value_ci_high) {
                    (Some(a), Some(b)) => format!(
                        " ({})",
                        t!("ci-range", low = value(k, a), high = value(k, b))
                    ),
                    _ => String::new(),
                };
                format!("{}{ci}", value(k, v))
            }
        };
        let km = i
            .km_median_days
            .map(|d| format!(" · {}", t!("km-median", days = format::decimal(d, 1))))
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
            {(!top.is_empty()).then(|| view! {
                <ol class="findings-sentences" id="insights-sentences">
                    {top.into_iter().map(|(i, text)| view! {
                        <li>
                            <span class="sentence">{text}</span>
                            " "
                            <button class="button small" on:click=move |_| insight_cases(s, i)>{t!("show-these-cases")}</button>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {findings.is_empty().then(|| view! {
                <p class="hint" id="insights-none">{t!("insights-none")}</p>
            })}
        </section>
        {(!page.chart_svg.is_empty()).then(|| {
            let svg = page.chart_svg.clone();
            view! {
                <section class="panel">
                    <div class="panel-head">
                        <h3>{t!("insights-chart-title")}</h3>
                        <ChartExport svg=svg.clone() name="insights-effects" />
                    </div>
                    <div class="chart" id="insights-chart" inner_html=svg></div>
                </section>
            }
        })}
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("insights-table-title")}</h3>
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
                    <th scope="col">{t!("col-attribute")}</th><th scope="col">{t!("col-value")}</th>
                    <th scope="col" class="num">{t!("col-cases")}</th>
                    <th scope="col" class="num">{t!("col-these-cases")}</th><th scope="col" class="num">{t!("col-the-others")}</th>
                    <th scope="col" class="num">{t!("col-difference")}</th><th scope="col" class="num">{t!("col-interval")}</th>
                    <th scope="col" class="num">{t!("col-q-value")}</th><th scope="col" class="num">{t!("col-excess")}</th>
                    <th scope="col" class="num">{t!("col-at-risk")}</th><th scope="col">{t!("col-note")}</th>
                    {chips.then(|| view! { <th scope="col"></th> })}
                </tr></thead>
                <tbody>
                    {findings.into_iter().enumerate().map(|(i, f)| {
                        let note = if f.stratified_flip {
                            t!("reverses-within", by = f.stratified_by.clone().unwrap_or_default())
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
                                <td class="num" data-csv=format::raw::num(f.excess_cases, 1)>{if kind == OutcomeKind::Rate { let x = format::decimal(f.excess_cases, 0); if f.excess_cases >= 0.0 { format!("+{x}") } else { x } } else { "–".into() }}</td>
                                <td class="num" data-csv=f.amount_at_risk.map(|a| format::raw::num(a, 2)).unwrap_or_default()>{f.amount_at_risk.map(|a| format::count(a.round().max(0.0) as u64)).unwrap_or_else(|| t!("n-a"))}</td>
                                <td class="small">{note}</td>
                                {chips.then(|| view! {
                                    <td><button class="button small finding-cases" on:click=move |_| insight_cases(s, i)>{t!("col-cases")}</button></td>
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
                <summary>{t!("insights-skipped", count = n)}</summary>
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
                None => error.set(Some(t!("compare-enter-date"))),
            }
        } else {
            match s.compare_stacks.get_untracked() {
                (Some(a), Some(b)) => request_compare(s, CompareSplit::Filters { a, b }),
                _ => error.set(Some(t!("compare-keep-both"))),
            }
        }
    };
    let stack_text = move |st: Option<relance_engine::filter::FilterStack>| match st {
        None => t!("compare-not-set"),
        Some(st) if st.items.is_empty() => t!("compare-every-case"),
        Some(st) => t!("compare-filters", count = st.items.len()),
    };
    view! {
        <section class="panel" id="compare-panel">
            <h3>{t!("compare-title")}</h3>
            <div class="compare-controls">
                <div class="segmented" role="group" aria-label=t!("compare-populations")>
                    <button class:active=move || by_date.get() aria-pressed=move || by_date.get().to_string() on:click=move |_| by_date.set(true)>{t!("compare-by-date")}</button>
                    <button class:active=move || !by_date.get() aria-pressed=move || (!by_date.get()).to_string() on:click=move |_| by_date.set(false)>{t!("compare-by-filters")}</button>
                </div>
                <Show
                    when=move || by_date.get()
                    fallback=move || view! {
                        <span class="field inline">
                            <button class="button small" id="compare-keep-a" on:click=move |_| keep(false)>{t!("compare-keep-a")}</button>
                            <span class="muted">{move || t!("compare-a-is", what = stack_text(s.compare_stacks.get().0))}</span>
                            <button class="button small" id="compare-keep-b" on:click=move |_| keep(true)>{t!("compare-keep-b")}</button>
                            <span class="muted">{move || t!("compare-b-is", what = stack_text(s.compare_stacks.get().1))}</span>
                        </span>
                    }
                >
                    <label class="field inline">
                        <span>{t!("compare-a-before")}</span>
                        <input type="date" id="compare-date" prop:value=move || date.get() on:input=move |e| date.set(event_target_value(&e)) />
                        <span class="muted">{t!("compare-b-after")}</span>
                    </label>
                </Show>
                <button class="button primary" id="compare-run" on:click=run>{t!("compare-run")}</button>
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
        <p class="muted" id="compare-sizes">{format!("{}{}", t!("compare-sizes", a = format::count(c.a_cases), b = format::count(c.b_cases)),
            if c.overlap_cases > 0 { format!(" · {}", t!("compare-overlap", cases = format::count(c.overlap_cases))) } else { String::new() })}</p>
        <div class="panel-head"><h4>{t!("compare-headline")}</h4><TableCsv table="compare-kpis" file="comparison.csv" /></div>
        <table class="data" id="compare-kpis">
            <thead><tr><th scope="col">{t!("col-figure")}</th><th scope="col" class="num">"A"</th><th scope="col" class="num">"B"</th>
                <th scope="col" class="num">"B − A"</th><th scope="col" class="num">{t!("col-interval")}</th><th scope="col" class="num">{t!("col-p-value")}</th></tr></thead>
            <tbody>{kpis.into_iter().map(|k: KpiComparison| {
                let est = |e: &relance_engine::insights::compare::Estimate| match (e.value, e.ci_low, e.ci_high) {
                    (Some(v), Some(a), Some(b)) => format!("{} ({} – {})", value(k.kind, v), value(k.kind, a), value(k.kind, b)),
                    (Some(v), _, _) => value(k.kind, v),
                    _ => t!("n-a"),
                };
                let diff = k.difference.map(|d| difference(k.kind, d)).unwrap_or_else(|| k.reason.clone().map(|r| t!("n-a-because", why = r)).unwrap_or_else(|| t!("n-a")));
                view! { <tr>
                    <td>{k.label.clone()}</td><td class="num">{est(&k.a)}</td><td class="num">{est(&k.b)}</td>
                    <td class="num">{diff}</td>
                    <td class="num">{match (k.ci_low, k.ci_high) { (Some(a), Some(b)) => interval(k.kind, a, b), _ => "–".into() }}</td>
                    <td class="num">{k.p_value.map(q_value).unwrap_or_else(|| "–".into())}</td>
                </tr> }
            }).collect_view()}</tbody>
        </table>
        {(!map_svg.is_empty()).then(|| view! {
            <div class="panel-head"><h4>{t!("compare-map-title")}</h4>
                <ChartExport svg=map_svg.clone() name="comparison-map" /></div>
            <div class="compare-map" id="compare-map" inner_html=map_svg></div>
        })}
        <div class="two-columns">
            <VariantTable title=t!("variants-grew") id="variants-grew" rows=grew />
            <VariantTable title=t!("variants-shrank") id="variants-shrank" rows=shrank />
        </div>
        <h4>{t!("compare-drivers")}</h4>
        {(!page.chart_svg.is_empty()).then(|| view! { <div class="chart" inner_html=page.chart_svg.clone()></div> })}
        <FindingsTable id="compare-drivers" findings=c.drivers.findings.clone() kind=OutcomeKind::Rate chips=false />
    }
}

#[component]
fn VariantTable(title: String, id: &'static str, rows: Vec<VariantComparison>) -> impl IntoView {
    view! {
        <div>
            <h4>{title}</h4>
            <table class="data" id=id>
                <thead><tr><th scope="col">{t!("col-variant")}</th><th scope="col" class="num">"A"</th><th scope="col" class="num">"B"</th>
                    <th scope="col" class="num">{t!("col-difference")}</th><th scope="col" class="num">{t!("col-q-value")}</th></tr></thead>
                <tbody>{rows.into_iter().take(10).map(|v| view! { <tr>
                    <td class="small">{v.activities.join(" → ")}</td>
                    <td class="num">{format::percent(v.a_share)}</td><td class="num">{format::percent(v.b_share)}</td>
                    <td class="num">{format!("{} ({})", t!("points", value = signed(v.difference * 100.0)), t!("interval", low = signed(v.ci_low * 100.0), high = signed(v.ci_high * 100.0)))}</td>
                    <td class="num">{q_value(v.q_value)}</td>
                </tr> }).collect_view()}</tbody>
            </table>
        </div>
    }
}
