//! A summary document opened instead of a log (computed where the data lives by `relance warehouse`
//! or assembled by `relance bundle`): the banner that says what it is and why cases cannot be listed,
//! its overview (counts, case durations, activities) and its collections tables.
//!
//! The map and the variants use their usual views: the worker answers them from the document.

use crate::components::export_buttons::TableCsv;
use crate::format;
use crate::state::use_app_state;
use crate::views::overview::Tiles;
use crate::worker::protocol::{SummaryCell, SummaryInfo};
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
            let d = &i.case_duration_s;
            let tiles = vec![
                (t!("tile-cases"), format::count(i.log.cases), "overview-cases"),
                (t!("tile-events"), format::count(i.log.events), "overview-events"),
                (t!("tile-activities"), format::count(i.log.activities), "overview-activities"),
                (t!("tile-variants"), format::count(i.log.variants), "overview-variants"),
                (t!("tile-median-duration"), format::duration(d.median), "overview-median"),
                (t!("tile-mean-duration"), format::duration(d.mean), "overview-mean"),
                (t!("tile-p90"), format::duration(d.p90), "overview-p90"),
                (t!("summary-longest-case"), format::duration(d.max), "overview-max"),
            ];
            let span = format!(
                "{} → {}",
                format::iso(i.log.first_event.as_deref().unwrap_or_default()),
                format::iso(i.log.last_event.as_deref().unwrap_or_default())
            );
            view! {
                <div class="overview">
                    <Tiles tiles=tiles />
                    <p class="muted">{t!("summary-time-span", span = span)}</p>
                    <p class="muted">{t!("summary-no-charts")}</p>
                    <section class="panel">
                        <div class="panel-head"><h3>{t!("summary-activities")}</h3><TableCsv table="activities-table" file="activities.csv" /></div>
                        <table class="data" id="activities-table">
                            <thead><tr>
                                <th scope="col">{t!("summary-col-activity")}</th>
                                <th scope="col" class="num">{t!("tile-events")}</th>
                                <th scope="col" class="num">{t!("tile-cases")}</th>
                            </tr></thead>
                            <tbody>
                                {i.activities.iter().cloned().map(|(name, ev, cs)| view! {
                                    <tr><td>{name}</td><td class="num">{format::count(ev)}</td><td class="num">{format::count(cs)}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
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
                    {i.collections.iter().map(|table| {
                        let id = format!("summary-{}", table.name);
                        let file = format!("{}.csv", table.name);
                        view! {
                            <section class="panel">
                                <div class="panel-head"><h3>{table.name.clone()}</h3><TableCsv table=id.clone() file=file /></div>
                                <table class="data" id=id>
                                    <thead><tr>{table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}</tr></thead>
                                    <tbody>
                                        {table.rows.iter().map(|row| view! {
                                            <tr>{row.iter().map(cell).collect_view()}</tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        })
    }
}

fn cell(c: &SummaryCell) -> AnyView {
    match c {
        SummaryCell::Text(t) => view! { <td>{t.clone()}</td> }.into_any(),
        SummaryCell::Number(x) if x.fract() == 0.0 && x.abs() < 1e15 => {
            view! { <td class="num">{format::decimal(*x, 0)}</td> }.into_any()
        }
        SummaryCell::Number(x) => {
            view! { <td class="num">{format::decimal(*x, 2)}</td> }.into_any()
        }
        SummaryCell::Missing => view! {
            <td class="num na" title=t!("summary-cell-missing")>{t!("n-a")}</td>
        }
        .into_any(),
    }
}
