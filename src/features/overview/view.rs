//! Counts, the case-duration histogram, events per week, the import report in short, and the
//! activities table.

use super::state::use_overview;
use crate::components::chart_frame::ChartFrame;
use crate::components::data_table::{Column, DataTable, TableCsv};
use crate::components::kpi_tile::KpiTile;
use crate::core::format;
use crate::features::data_in::import_report::ImportSummary;
use leptos::prelude::*;
use relance_engine::analysis::summary::{CaseDurationRow, LogSummary};

/// Rows the activity table shows (a log whose activity column was a wrong pick can have millions).
const MAX_ROWS: usize = 1000;

/// The overview screen.
#[component]
pub fn OverviewView() -> impl IntoView {
    let o = use_overview();
    view! {
        {move || match o.overview.get() {
            None => view! { <p class="placeholder">{t!("overview-loading")}</p> }.into_any(),
            Some(o) => view! {
                <div class="overview">
                    <CountTiles log=o.log.clone() durations=o.case_duration_s resources=o.resources />
                    <p class="muted">{t!("time-span")} " " {time_span(&o.log)}</p>
                    <div class="charts">
                        <ChartFrame title=t!("chart-case-duration") svg=o.durations.svg name="case-durations" id="duration-chart" hits=o.durations.hits />
                        <ChartFrame title=t!("chart-events-per-week-title") svg=o.weekly.svg name="events-per-week" id="weekly-chart" hits=o.weekly.hits />
                    </div>
                    <ImportSummary />
                    <ActivitiesTable rows=o.activities_table limit=MAX_ROWS />
                </div>
            }.into_any(),
        }}
    }
}

/// The first and last event: `1 Jan 2024 → 31 Mar 2026`.
pub fn time_span(log: &LogSummary) -> String {
    let iso = |t: &Option<String>| format::iso(t.as_deref().unwrap_or_default());
    format!("{} → {}", iso(&log.first_event), iso(&log.last_event))
}

/// The headline counts and case durations (a log's, or a summary document's with its longest case).
#[component]
pub fn CountTiles(
    /// The counts.
    log: LogSummary,
    /// Case durations, seconds.
    durations: CaseDurationRow,
    /// Resources present, when known.
    #[prop(optional)]
    resources: Option<u64>,
    /// Whether to show the longest case.
    #[prop(optional)]
    longest: bool,
) -> impl IntoView {
    let d = &durations;
    let mut tiles = vec![
        (t!("tile-cases"), format::count(log.cases), "overview-cases"),
        (
            t!("tile-events"),
            format::count(log.events),
            "overview-events",
        ),
        (
            t!("tile-activities"),
            format::count(log.activities),
            "overview-activities",
        ),
        (
            t!("tile-variants"),
            format::count(log.variants),
            "overview-variants",
        ),
    ];
    if let Some(r) = resources {
        tiles.push((t!("tile-resources"), format::count(r), "overview-resources"));
    }
    tiles.extend([
        (
            t!("tile-median-duration"),
            format::duration(d.median),
            "overview-median",
        ),
        (
            t!("tile-mean-duration"),
            format::duration(d.mean),
            "overview-mean",
        ),
        (t!("tile-p90"), format::duration(d.p90), "overview-p90"),
    ]);
    if longest {
        tiles.push((
            t!("summary-longest-case"),
            format::duration(d.max),
            "overview-max",
        ));
    }
    view! {
        <div class="tiles">
            {tiles.into_iter().map(|(label, value, id)| view! { <KpiTile label=label value=value id=id /> }).collect_view()}
        </div>
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
