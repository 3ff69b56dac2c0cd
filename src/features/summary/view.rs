//! A summary document opened instead of a log (computed where the data lives by `relance warehouse`
//! or assembled by `relance bundle`): the banner that says what it is and why cases cannot be listed,
//! its overview (counts, case durations, activities) and its collections tables.
//!
//! The map and the variants use their usual views: the worker answers them from the document.

use crate::components::data_table::{Column, DataTable, SortKey, TableCsv};
use crate::core::format;
use crate::core::log::{SummaryCell, SummaryInfo, SummaryTable};
use crate::core::state::use_app_state;
use crate::features::overview::view::{time_span, ActivitiesTable, CountTiles};
use leptos::prelude::*;

fn info() -> Option<SummaryInfo> {
    use_app_state().loaded.get().and_then(|l| l.summary)
}

/// Above the views: where the aggregates were computed, that there are no cases, and how hiding
/// activities is computed.
#[component]
pub fn SummaryBanner() -> impl IntoView {
    move || {
        info().map(|i| {
            let map_note = if i.all_variants {
                t!("summary-map-projected")
            } else {
                t!("summary-map-shown-only")
            };
            let capped = i.variants_other.map(|(v, c)| {
                t!(
                    "summary-variants-capped",
                    variants = format::count(v),
                    cases = format::count(c)
                )
            });
            view! {
                <div class="banner summary-banner" id="summary-banner" role="status">
                    <strong>{t!("summary-title", engine = i.engine.clone(), input = i.input.clone())}</strong>
                    " " <span id="summary-drill-note">{i.drill_down_note.clone()}</span>
                    " " {map_note}
                    {capped.map(|c| view! { " " {c} })}
                </div>
            }
        })
    }
}

/// The overview of a summary document.
#[component]
pub fn SummaryOverview() -> impl IntoView {
    move || {
        info().map(|i| {
            view! {
                <div class="overview">
                    <CountTiles log=i.log.clone() durations=i.case_duration_s.clone() longest=true />
                    <p class="muted">{t!("summary-time-span", span = time_span(&i.log))}</p>
                    <p class="muted">{t!("summary-no-charts")}</p>
                    <ActivitiesTable rows=i.activities.clone() />
                </div>
            }
        })
    }
}

/// The collections tables of a summary document, as computed there.
#[component]
pub fn SummaryCollections() -> impl IntoView {
    move || {
        info().map(|i| {
            if i.collections.is_empty() {
                return view! { <p class="placeholder" id="summary-no-collections">{t!("summary-no-collections")}</p> }
                    .into_any();
            }
            view! {
                <div class="summary-collections">
                    <p class="muted">{t!("summary-collections-intro")}</p>
                    {i.collections.into_iter().map(|table| {
                        let id = format!("summary-{}", table.name);
                        let file = format!("{}.csv", table.name);
                        let name = table.name.clone();
                        let columns = columns(&table);
                        view! {
                            <section class="panel">
                                <div class="panel-head"><h3>{name}</h3><TableCsv table=id.clone() file=file /></div>
                                <DataTable id=id columns=columns rows=table.rows />
                            </section>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        })
    }
}

/// A document table's columns: numbers right-aligned where the column holds numbers; `null` is "n/a".
fn columns(table: &SummaryTable) -> Vec<Column<Vec<SummaryCell>>> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let numeric = table
                .rows
                .iter()
                .any(|r| matches!(r.get(c), Some(SummaryCell::Number(_))));
            let column = Column::view(
                name.clone(),
                move |r: &Vec<SummaryCell>| shown(r.get(c)),
                move |r: &Vec<SummaryCell>| match r.get(c) {
                    Some(SummaryCell::Text(t)) => t.clone(),
                    Some(SummaryCell::Number(x)) => x.to_string(),
                    _ => String::new(),
                },
                move |r: &Vec<SummaryCell>| match r.get(c) {
                    Some(SummaryCell::Text(t)) => SortKey::Text(t.clone()),
                    Some(SummaryCell::Number(x)) => SortKey::Num(*x),
                    _ => SortKey::Num(f64::NAN),
                },
            );
            if numeric {
                column.numeric()
            } else {
                column
            }
        })
        .collect()
}

fn shown(c: Option<&SummaryCell>) -> AnyView {
    match c {
        Some(SummaryCell::Text(t)) => t.clone().into_any(),
        Some(SummaryCell::Number(x)) if x.fract() == 0.0 && x.abs() < 1e15 => {
            format::decimal(*x, 0).into_any()
        }
        Some(SummaryCell::Number(x)) => format::decimal(*x, 2).into_any(),
        Some(SummaryCell::Missing) | None => {
            view! { <span class="na" title=t!("summary-cell-missing")>{t!("n-a")}</span> }
                .into_any()
        }
    }
}
