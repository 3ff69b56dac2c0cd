//! The variants table: rank, cases, share, cumulative share, median duration and the sequence as chips.
//! Ticking variants lists their cases and can filter every view to them.

use super::protocol::VariantRow;
use super::state::use_variants;
use crate::components::data_table::{csv_of, Column, DataTable, RowMark, SortKey};
use crate::core::export;
use crate::core::format;
use crate::core::state::use_app_state;
use leptos::prelude::*;
use relance_engine::filter::Filter;

/// Rows shown at once (the table keeps all of them for export).
const SHOWN: usize = 300;

/// The variants screen.
#[component]
pub fn VariantsView() -> impl IntoView {
    let s = use_app_state();
    let v = use_variants();
    let export_csv = move |_| {
        if let Some(text) = csv_of("variants-table") {
            export::download_text("variants.csv", "text/csv", &text);
        }
    };
    let filter_to_picked = move |_| {
        let Some((rows, _)) = v.rows.get_untracked() else {
            return;
        };
        let picked = v.picked.get_untracked();
        let sequences: Vec<Vec<String>> = rows
            .iter()
            .filter(|r| picked.contains(&r.rank))
            .map(|r| r.activities.clone())
            .collect();
        if !sequences.is_empty() {
            s.add_filter(Filter::Variants { sequences }, true);
        }
    };
    view! {
        <div class="variants-layout">
            <section class="panel table-panel">
                <div class="panel-head">
                    <h2>
                        {t!("variants-title")} " "
                        <span class="muted" id="variant-total">{move || v.rows.get().map(|(_, t)| format!("({})", format::count(t as u64))).unwrap_or_default()}</span>
                    </h2>
                    <div class="actions">
                        <button class="button" id="variants-filter" on:click=filter_to_picked
                            disabled=move || v.picked.with(|p| p.is_empty())>{t!("show-selected-on-map")}</button>
                        <button class="button" id="variants-export" on:click=export_csv>{t!("export-csv")}</button>
                    </div>
                </div>
                <div class="table-scroll">
                    {move || v.rows.get().map(|(rows, _)| {
                        let mark = std::sync::Arc::new(move |r: &VariantRow| {
                            let rank = r.rank;
                            let picked = Signal::derive(move || v.picked.with(|p| p.contains(&rank)));
                            RowMark { picked: Some(picked), ..RowMark::default() }
                        });
                        view! { <DataTable id="variants-table" class="variants" columns=columns() rows=rows limit=SHOWN mark=mark /> }
                    })}
                </div>
                {move || v.rows.get().filter(|(rows, _)| rows.len() > SHOWN).map(|(rows, _)| view! {
                    <p class="muted">{t!("variants-truncated", shown = format::count(SHOWN as u64), total = format::count(rows.len() as u64))}</p>
                })}
            </section>
            <aside class="panel side">
                <h3>{t!("variant-cases-title")}</h3>
                {move || match v.cases.get() {
                    None => view! { <p class="hint">{t!("tick-variants")}</p> }.into_any(),
                    Some((ids, total)) => view! {
                        <p class="muted" id="variant-case-count">{t!("n-cases", count = total as u64, cases = format::count(total as u64))}</p>
                        <ul class="case-list">{ids.into_iter().map(|id| view! { <li>{id}</li> }).collect_view()}</ul>
                    }.into_any(),
                }}
            </aside>
        </div>
    }
}

/// The table's columns. Their CSV names and raw values are the variants export's (`rank`, `cases`,
/// `share`, `cumulative_share`, `median_duration_days`, `variant`), the tick column has none.
fn columns() -> Vec<Column<VariantRow>> {
    type R = VariantRow;
    let v = use_variants();
    vec![
        Column::view(
            "",
            move |r: &R| {
                let rank = r.rank;
                let checked = move || v.picked.with(|p| p.contains(&rank));
                view! {
                    <input type="checkbox" aria-label=t!("select-variant", rank = format::count(rank as u64 + 1))
                        prop:checked=checked on:change=move |_| v.toggle(rank) />
                }
                .into_any()
            },
            |_: &R| String::new(),
            |_: &R| SortKey::Num(0.0),
        )
        .csv_skip()
        .label(t!("col-select")),
        // Not aligned as a number: the first number column is the cases (the page's tests read it).
        Column::view(
            "#",
            |r: &R| (r.rank + 1).to_string().into_any(),
            |r: &R| (r.rank + 1).to_string(),
            |r: &R| SortKey::Num(r.rank as f64),
        )
        .csv("rank"),
        Column::count(t!("col-cases"), |r: &R| r.cases).class("cases").csv("cases"),
        Column::number(t!("col-share"), |r: &R| r.share, format::percent, |x| format!("{x:.6}")).csv("share"),
        Column::number(t!("col-cumulative"), |r: &R| r.cumulative_share, format::percent, |x| format!("{x:.6}"))
            .csv("cumulative_share"),
        Column::number(t!("col-median-duration"), |r: &R| r.median_s, format::duration, |x| format!("{:.3}", x / 86_400.0))
            .csv("median_duration_days"),
        Column::view(
            t!("col-sequence"),
            |r: &R| {
                r.activities
                    .iter()
                    .map(|a| view! { <span class="act-chip" style=chip_style(a)>{a.clone()}</span> })
                    .collect_view()
                    .into_any()
            },
            |r: &R| r.activities.join(" > "),
            |r: &R| SortKey::Text(r.activities.join(" > ")),
        )
        .class("sequence")
        .csv("variant"),
    ]
}

/// A stable pastel colour per activity name, so the same activity looks the same in every row.
pub fn chip_style(name: &str) -> String {
    let h = name
        .bytes()
        .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
    format!(
        "background: hsl({}, 55%, 88%); border-color: hsl({}, 45%, 70%)",
        h % 360,
        h % 360
    )
}
