//! Two populations side by side: by a date (before / after) or by two filter stacks kept from the
//! filter bar; the headline figures with their intervals, the map coloured by the difference, the
//! variants that grew or shrank, and what sets B apart.

use super::findings::{difference, interval, q_value, shown_number, signed, value, FindingsTable};
use super::protocol::{ComparePage, CompareSplit};
use super::state::use_insights;
use crate::components::chart_frame::ChartFrame;
use crate::components::data_table::{Column, DataTable, TableCsv};
use crate::core::format;
use crate::features::map::render::compare_svg;
use leptos::prelude::*;
use relance_engine::filter::FilterStack;
use relance_engine::insights::compare::{Estimate, KpiComparison, VariantComparison};
use relance_engine::insights::OutcomeKind;

/// The comparison's controls and result.
#[component]
pub fn CompareSection() -> impl IntoView {
    let i = use_insights();
    let s = i.core;
    let by_date = RwSignal::new(true);
    let date = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let keep = move |b: bool| {
        let stack = s.filters.get_untracked();
        i.compare_stacks.update(|(a, bb)| {
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
                Some(p) => i.request_compare(CompareSplit::Date { at_ms: p.ms }),
                None => error.set(Some(t!("compare-enter-date"))),
            }
        } else {
            match i.compare_stacks.get_untracked() {
                (Some(a), Some(b)) => i.request_compare(CompareSplit::Filters { a, b }),
                _ => error.set(Some(t!("compare-keep-both"))),
            }
        }
    };
    let stack_text = move |st: Option<FilterStack>| match st {
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
                            <span class="muted">{move || t!("compare-a-is", what = stack_text(i.compare_stacks.get().0))}</span>
                            <button class="button small" id="compare-keep-b" on:click=move |_| keep(true)>{t!("compare-keep-b")}</button>
                            <span class="muted">{move || t!("compare-b-is", what = stack_text(i.compare_stacks.get().1))}</span>
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
            {move || i.compare.get().map(|p| view! { <CompareResult page=p /> })}
        </section>
    }
}

/// An estimate with its interval: `12.3 % (10.1 % – 14.6 %)`.
fn estimate(kind: OutcomeKind, e: &Estimate) -> String {
    match (e.value, e.ci_low, e.ci_high) {
        (Some(v), Some(a), Some(b)) => format!(
            "{} ({} – {})",
            value(kind, v),
            value(kind, a),
            value(kind, b)
        ),
        (Some(v), _, _) => value(kind, v),
        _ => t!("n-a"),
    }
}

/// The comparison: KPIs with intervals, the map coloured by the difference, variants that grew or
/// shrank, and what sets B apart.
#[component]
fn CompareResult(page: ComparePage) -> impl IntoView {
    type K = KpiComparison;
    let c = page.comparison;
    let map_svg = page
        .map
        .as_ref()
        .map(|d| compare_svg(d, &c.edges))
        .unwrap_or_default();
    let (grew, shrank): (Vec<VariantComparison>, Vec<VariantComparison>) =
        c.variants.iter().cloned().partition(|v| v.difference > 0.0);
    let nan = f64::NAN;
    let kpi_columns = vec![
        Column::text(t!("col-figure"), |k: &K| k.label.clone()),
        shown_number(
            "A",
            |k: &K| estimate(k.kind, &k.a),
            move |k: &K| k.a.value.unwrap_or(nan),
        ),
        shown_number(
            "B",
            |k: &K| estimate(k.kind, &k.b),
            move |k: &K| k.b.value.unwrap_or(nan),
        ),
        shown_number(
            "B − A",
            |k: &K| match (k.difference, &k.reason) {
                (Some(d), _) => difference(k.kind, d),
                (None, Some(r)) => t!("n-a-because", why = r.clone()),
                (None, None) => t!("n-a"),
            },
            move |k: &K| k.difference.unwrap_or(nan),
        ),
        shown_number(
            t!("col-interval"),
            |k: &K| match (k.ci_low, k.ci_high) {
                (Some(a), Some(b)) => interval(k.kind, a, b),
                _ => "–".into(),
            },
            move |k: &K| k.ci_low.unwrap_or(nan),
        ),
        shown_number(
            t!("col-p-value"),
            |k: &K| k.p_value.map(q_value).unwrap_or_else(|| "–".into()),
            move |k: &K| k.p_value.unwrap_or(nan),
        ),
    ];
    view! {
        <p class="muted" id="compare-sizes">{format!("{}{}", t!("compare-sizes", a = format::count(c.a_cases), b = format::count(c.b_cases)),
            if c.overlap_cases > 0 { format!(" · {}", t!("compare-overlap", cases = format::count(c.overlap_cases))) } else { String::new() })}</p>
        <div class="panel-head"><h4>{t!("compare-headline")}</h4><TableCsv table="compare-kpis" file="comparison.csv" /></div>
        <DataTable id="compare-kpis" columns=kpi_columns rows=c.kpis />
        {(!map_svg.is_empty()).then(|| view! {
            <ChartFrame title=t!("compare-map-title") svg=map_svg name="comparison-map" id="compare-map" class="compare-frame" chart_class="compare-map" />
        })}
        <div class="two-columns">
            <VariantTable title=t!("variants-grew") id="variants-grew" rows=grew />
            <VariantTable title=t!("variants-shrank") id="variants-shrank" rows=shrank />
        </div>
        <h4>{t!("compare-drivers")}</h4>
        {(!page.chart_svg.is_empty()).then(|| view! { <div class="chart" inner_html=page.chart_svg.clone()></div> })}
        <FindingsTable id="compare-drivers" findings=c.drivers.findings kind=OutcomeKind::Rate chips=false />
    }
}

/// The ten variants whose share grew (or shrank) most from A to B.
#[component]
fn VariantTable(title: String, id: &'static str, rows: Vec<VariantComparison>) -> impl IntoView {
    type V = VariantComparison;
    let columns = vec![
        Column::text(t!("col-variant"), |v: &V| v.activities.join(" → ")).class("small"),
        Column::number(
            "A",
            |v: &V| v.a_share,
            format::percent,
            format::raw::percent,
        ),
        Column::number(
            "B",
            |v: &V| v.b_share,
            format::percent,
            format::raw::percent,
        ),
        shown_number(
            t!("col-difference"),
            |v: &V| {
                format!(
                    "{} ({})",
                    t!("points", value = signed(v.difference * 100.0)),
                    t!(
                        "interval",
                        low = signed(v.ci_low * 100.0),
                        high = signed(v.ci_high * 100.0)
                    )
                )
            },
            |v: &V| v.difference,
        ),
        Column::number(
            t!("col-q-value"),
            |v: &V| v.q_value,
            q_value,
            |q| format::raw::num(q, 6),
        ),
    ];
    let rows: Vec<V> = rows.into_iter().take(10).collect();
    view! {
        <div>
            <h4>{title}</h4>
            <DataTable id=id columns=columns rows=rows />
        </div>
    }
}
