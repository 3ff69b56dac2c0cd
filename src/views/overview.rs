//! Counts, the case-duration histogram, events per week, the import report in short, and the
//! activities table.

use crate::components::export_buttons::{ChartExport, TableCsv};
use crate::format;
use crate::state::use_app_state;
use crate::worker::protocol::ChartHit;
use leptos::prelude::*;

/// The overview screen.
#[component]
pub fn OverviewView() -> impl IntoView {
    let s = use_app_state();
    view! {
        {move || match s.overview.get() {
            None => view! { <p class="placeholder">{t!("overview-loading")}</p> }.into_any(),
            Some(o) => {
                let tiles = vec![
                    (t!("tile-cases"), format::count(o.cases), "overview-cases"),
                    (t!("tile-events"), format::count(o.events), "overview-events"),
                    (t!("tile-activities"), format::count(o.activities), "overview-activities"),
                    (t!("tile-variants"), format::count(o.variants), "overview-variants"),
                    (t!("tile-resources"), format::count(o.resources), "overview-resources"),
                    (t!("tile-median-duration"), format::duration(o.median_case_s), "overview-median"),
                    (t!("tile-mean-duration"), format::duration(o.mean_case_s), "overview-mean"),
                    (t!("tile-p90"), format::duration(o.p90_case_s), "overview-p90"),
                ];
                let span = format!("{} → {}", format::iso(o.first.as_deref().unwrap_or_default()), format::iso(o.last.as_deref().unwrap_or_default()));
                let acts = o.activities_table.clone();
                view! {
                    <div class="overview">
                        <Tiles tiles=tiles />
                        <p class="muted">{t!("time-span")} " " {span}</p>
                        <div class="charts">
                            <figure class="panel">
                                <figcaption>{t!("chart-case-duration")} " " <ChartExport svg=o.duration_svg.clone() name="case-durations" /></figcaption>
                                <ClickableChart svg=o.duration_svg.clone() hits=o.duration_hits.clone() id="duration-chart" />
                            </figure>
                            <figure class="panel">
                                <figcaption>{t!("chart-events-per-week-title")} " " <ChartExport svg=o.weekly_svg.clone() name="events-per-week" /></figcaption>
                                <ClickableChart svg=o.weekly_svg.clone() hits=o.weekly_hits.clone() id="weekly-chart" />
                            </figure>
                        </div>
                        <ImportSummary />
                        <section class="panel">
                            <div class="panel-head"><h3>{t!("activities-title")}</h3><TableCsv table="activities-table" file="activities.csv" /></div>
                            <table class="data" id="activities-table">
                                <thead><tr><th scope="col">{t!("col-activity")}</th><th scope="col" class="num">{t!("col-events")}</th><th scope="col" class="num">{t!("col-cases")}</th></tr></thead>
                                <tbody>
                                    {acts.iter().take(MAX_ROWS).cloned().map(|(name, ev, cs)| view! {
                                        <tr><td>{name}</td><td class="num">{format::count(ev)}</td><td class="num">{format::count(cs)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {(acts.len() > MAX_ROWS).then(|| view! {
                                <p class="muted">{t!("activities-truncated", shown = format::count(MAX_ROWS as u64), total = format::count(acts.len() as u64))}</p>
                            })}
                        </section>
                    </div>
                }.into_any()
            }
        }}
    }
}

/// The headline figures as tiles: (label, value, element id).
#[component]
pub fn Tiles(tiles: Vec<(String, String, &'static str)>) -> impl IntoView {
    view! {
        <div class="tiles">
            {tiles.into_iter().map(|(k, v, id)| view! {
                <div class="tile"><div class="tile-value" id=id>{v}</div><div class="tile-label">{k}</div></div>
            }).collect_view()}
        </div>
    }
}

/// Rows the activity table shows (a log whose activity column was a wrong pick can have millions).
const MAX_ROWS: usize = 1000;

/// The import report in short: rows read and skipped with the reasons, notes, and the full report.
#[component]
fn ImportSummary() -> impl IntoView {
    let s = use_app_state();
    move || {
        s.loaded.get().map(|l| {
            let r = l.report;
            view! {
                <section class="panel import-summary" id="overview-import" aria-labelledby="overview-import-title">
                    <div class="panel-head">
                        <h3 id="overview-import-title">{t!("import-title")}</h3>
                        <button class="button small" id="overview-open-report" on:click=move |_| s.report_open.set(true)>{t!("full-import-report")}</button>
                    </div>
                    <p>
                        <span id="overview-rows-read">{t!("rows-read", count = r.rows, rows = format::count(r.rows))}</span>
                        " · "
                        <span id="overview-rows-skipped" class:warn={r.skipped_rows > 0}>{t!("rows-skipped", rows = format::count(r.skipped_rows))}</span>
                        {(r.filtered_rows > 0).then(|| format!(" · {}", t!("rows-left-out", rows = format::count(r.filtered_rows))))}
                        {format!(" · {}", t!("format-from", format = format!("{:?}", r.format).to_uppercase(), name = l.name.clone()))}
                    </p>
                    {(!r.problem_counts.is_empty()).then(|| view! {
                        <ul class="skip-reasons" id="overview-skip-reasons">
                            {r.problem_counts.iter().map(|c| view! {
                                <li>{t!("label-count", label = crate::engine_words::problem_kind(c.kind), count = format::count(c.count))}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!r.notes.is_empty()).then(|| view! {
                        <ul class="notes" id="overview-notes">
                            {r.notes.iter().map(|n| view! { <li>{crate::engine_words::note(&r, n)}</li> }).collect_view()}
                        </ul>
                    })}
                </section>
            }
        })
    }
}

/// A chart whose bars (or periods) are buttons over the drawing: a click, Enter or Space adds the
/// filter of the cases behind it.
#[component]
fn ClickableChart(svg: String, hits: Vec<ChartHit>, id: &'static str) -> impl IntoView {
    let s = use_app_state();
    view! {
        <div class="chart-hits" id=id>
            <div inner_html=svg></div>
            {hits.into_iter().map(|h| {
                let style = format!(
                    "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%",
                    h.left * 100.0, h.top * 100.0, h.width * 100.0, h.height * 100.0
                );
                let filter = h.filter.clone();
                view! {
                    <button class="chart-hit" style=style title=h.label.clone() aria-label=t!("filter-hit", what = h.label.clone())
                        on:click=move |_| crate::state::add_filter(s, filter.clone(), true)></button>
                }
            }).collect_view()}
        </div>
    }
}
