//! Counts, the case-duration histogram, events per week, the import report in short, and the
//! activities table.

use super::state::use_overview;
use crate::components::chart_frame::ChartFrame;
use crate::components::data_table::{Column, DataTable, TableCsv};
use crate::components::kpi_tile::KpiTile;
use crate::core::format;
use crate::features::data_in::import_report::ImportSummary;
use leptos::prelude::*;

/// Rows the activity table shows (a log whose activity column was a wrong pick can have millions).
const MAX_ROWS: usize = 1000;

/// The overview screen.
#[component]
pub fn OverviewView() -> impl IntoView {
    let o = use_overview();
    view! {
        {move || match o.overview.get() {
            None => view! { <p class="placeholder">{t!("overview-loading")}</p> }.into_any(),
            Some(o) => {
                let tiles = [
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
                view! {
                    <div class="overview">
                        <div class="tiles">
                            {tiles.into_iter().map(|(label, value, id)| view! { <KpiTile label=label value=value id=id /> }).collect_view()}
                        </div>
                        <p class="muted">{t!("time-span")} " " {span}</p>
                        <div class="charts">
                            <ChartFrame title=t!("chart-case-duration") svg=o.duration_svg name="case-durations" id="duration-chart" hits=o.duration_hits />
                            <ChartFrame title=t!("chart-events-per-week-title") svg=o.weekly_svg name="events-per-week" id="weekly-chart" hits=o.weekly_hits />
                        </div>
                        <ImportSummary />
                        <ActivitiesTable rows=o.activities_table limit=MAX_ROWS />
                    </div>
                }.into_any()
            }
        }}
    }
}

/// The activities with their events and cases, in a panel with its CSV button; with `limit`, at most
/// that many rows shown (all are exported), saying so.
#[component]
pub fn ActivitiesTable(
    /// (activity, events, cases).
    rows: Vec<(String, u64, u64)>,
    /// Rows shown at most.
    #[prop(optional)]
    limit: Option<usize>,
) -> impl IntoView {
    type Row = (String, u64, u64);
    let total = rows.len();
    let columns = vec![
        Column::text(t!("col-activity"), |r: &Row| r.0.clone()),
        Column::count(t!("col-events"), |r: &Row| r.1),
        Column::count(t!("col-cases"), |r: &Row| r.2),
    ];
    view! {
        <section class="panel">
            <div class="panel-head"><h3>{t!("activities-title")}</h3><TableCsv table="activities-table" file="activities.csv" /></div>
            <DataTable id="activities-table" columns=columns rows=rows limit=limit.unwrap_or(usize::MAX) />
            {limit.filter(|&l| total > l).map(|l| view! {
                <p class="muted">{t!("activities-truncated", shown = format::count(l as u64), total = format::count(total as u64))}</p>
            })}
        </section>
    }
}
