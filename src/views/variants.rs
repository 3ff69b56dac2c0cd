//! The variants table: rank, cases, share, cumulative share, median duration and the sequence as chips.
//! Ticking variants lists their cases and can filter every view to them.

use crate::export;
use crate::format;
use crate::state::{add_filter, request_variant_cases, use_app_state};
use leptos::prelude::*;
use relance_engine::filter::Filter;

/// Rows shown at once (the table keeps all of them for export).
const SHOWN: usize = 300;

/// The variants screen.
#[component]
pub fn VariantsView() -> impl IntoView {
    let s = use_app_state();
    let toggle = move |rank: u32| {
        s.variant_pick.update(|p| {
            if let Some(i) = p.iter().position(|&r| r == rank) {
                p.remove(i);
            } else {
                p.push(rank);
            }
        });
        request_variant_cases(s);
    };
    let export_csv = move |_| {
        let Some((rows, _)) = s.variants.get_untracked() else {
            return;
        };
        let text = export::csv(
            &[
                "rank",
                "cases",
                "share",
                "cumulative_share",
                "median_duration_days",
                "variant",
            ],
            rows.iter().map(|r| {
                vec![
                    (r.rank + 1).to_string(),
                    r.cases.to_string(),
                    format!("{:.6}", r.share),
                    format!("{:.6}", r.cumulative_share),
                    format!("{:.3}", r.median_s / 86_400.0),
                    r.activities.join(" > "),
                ]
            }),
        );
        export::download_text("variants.csv", "text/csv", &text);
    };
    let filter_to_picked = move |_| {
        let Some((rows, _)) = s.variants.get_untracked() else {
            return;
        };
        let picked = s.variant_pick.get_untracked();
        let sequences: Vec<Vec<String>> = rows
            .iter()
            .filter(|r| picked.contains(&r.rank))
            .map(|r| r.activities.clone())
            .collect();
        if !sequences.is_empty() {
            add_filter(s, Filter::Variants { sequences }, true);
        }
    };
    view! {
        <div class="variants-layout">
            <section class="panel table-panel">
                <div class="panel-head">
                    <h2>
                        {t!("variants-title")} " "
                        <span class="muted" id="variant-total">{move || s.variants.get().map(|(_, t)| format!("({})", format::count(t as u64))).unwrap_or_default()}</span>
                    </h2>
                    <div class="actions">
                        <button class="button" id="variants-filter" on:click=filter_to_picked
                            disabled=move || s.variant_pick.with(|p| p.is_empty())>{t!("show-selected-on-map")}</button>
                        <button class="button" id="variants-export" on:click=export_csv>{t!("export-csv")}</button>
                    </div>
                </div>
                <div class="table-scroll">
                    <table class="data variants" id="variants-table">
                        <thead>
                            <tr>
                                <th scope="col"><span class="sr-only">{t!("col-select")}</span></th>
                                <th scope="col">"#"</th>
                                <th scope="col" class="num">{t!("col-cases")}</th>
                                <th scope="col" class="num">{t!("col-share")}</th>
                                <th scope="col" class="num">{t!("col-cumulative")}</th>
                                <th scope="col" class="num">{t!("col-median-duration")}</th>
                                <th scope="col">{t!("col-sequence")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || s.variants.get().map(|(rows, _)| rows.into_iter().take(SHOWN).map(|r| {
                                let rank = r.rank;
                                let checked = move || s.variant_pick.with(|p| p.contains(&rank));
                                view! {
                                    <tr class:picked=checked>
                                        <td><input type="checkbox" aria-label=t!("select-variant", rank = format::count(rank as u64 + 1))
                                            prop:checked=checked on:change=move |_| toggle(rank) /></td>
                                        <td>{rank + 1}</td>
                                        <td class="num cases">{format::count(r.cases)}</td>
                                        <td class="num">{format::percent(r.share)}</td>
                                        <td class="num">{format::percent(r.cumulative_share)}</td>
                                        <td class="num">{format::duration(r.median_s)}</td>
                                        <td class="sequence">
                                            {r.activities.iter().map(|a| view! { <span class="act-chip" style=chip_style(a)>{a.clone()}</span> }).collect_view()}
                                        </td>
                                    </tr>
                                }
                            }).collect_view())}
                        </tbody>
                    </table>
                </div>
                {move || s.variants.get().filter(|(rows, _)| rows.len() > SHOWN).map(|(rows, _)| view! {
                    <p class="muted">{t!("variants-truncated", shown = format::count(SHOWN as u64), total = format::count(rows.len() as u64))}</p>
                })}
            </section>
            <aside class="panel side">
                <h3>{t!("variant-cases-title")}</h3>
                {move || match s.variant_cases.get() {
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
