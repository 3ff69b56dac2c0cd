//! The import report: what was read, assumed and skipped, with the first problems located by line and
//! column. Reachable at any time from the tab bar; in short on the overview.

use super::state::use_data_in;
use super::words as engine_words;
use crate::components::data_table::{Column, DataTable, TableHead};
use crate::core::format;
use crate::core::modal::use_modal;
use crate::core::state::use_app_state;
use leptos::prelude::*;
use relance_engine::import::Problem;

/// The report as a side panel.
#[component]
pub fn ImportReportPanel() -> impl IntoView {
    let s = use_app_state();
    let d = use_data_in();
    let close = Callback::new(move |_: ()| d.report_open.set(false));
    use_modal(move || d.report_open.get(), "import-report", Some(close));
    view! {
        <Show when=move || d.report_open.get()>
            <div class="modal-backdrop" on:click=move |_| d.report_open.set(false)>
                <div class="modal report" role="dialog" aria-modal="true" aria-labelledby="import-report-title" id="import-report" on:click=|e| e.stop_propagation()>
                    <button class="button small close" on:click=move |_| d.report_open.set(false) aria-label=t!("dismiss")>"×"</button>
                    <h2 id="import-report-title">{t!("ir-title")}</h2>
                    {move || s.loaded.get().map(|l| {
                        let r = l.report;
                        let delimiter = r.delimiter.map(|d| if d == '\t' { t!("delim-tab") } else { format!("{d}") });
                        view! {
                            <dl class="stats">
                                <dt>{t!("ir-file")}</dt><dd>{l.name.clone()}</dd>
                                <dt>{t!("ir-format")}</dt><dd>{format!("{:?}", r.format).to_uppercase()}</dd>
                                <dt>{t!("ir-encoding")}</dt><dd>{r.encoding.name()}</dd>
                                {delimiter.map(|d| view! { <dt>{t!("ir-delimiter")}</dt><dd>{d}</dd> })}
                                <dt>{t!("ir-rows-read")}</dt><dd id="report-rows">{format::count(r.rows)}</dd>
                                <dt>{t!("ir-rows-skipped")}</dt><dd id="report-skipped">{format::count(r.skipped_rows)}</dd>
                                {(r.filtered_rows > 0).then(|| view! { <dt>{t!("ir-rows-filtered")}</dt><dd>{format::count(r.filtered_rows)}</dd> })}
                                <dt>{t!("ir-timestamps")}</dt><dd>{r.timestamp_format.clone()}</dd>
                                <dt>{t!("ir-columns")}</dt><dd>{format!("{} / {} / {}", r.columns.case, r.columns.activity, r.columns.timestamp)}</dd>
                                <dt>{t!("ir-import-time")}</dt><dd>{format!("{} ms", crate::core::format::decimal(l.import_ms, 0))}</dd>
                            </dl>
                            <ul class="notes">{r.notes.iter().map(|n| view! { <li>{engine_words::note(&r, n)}</li> }).collect_view()}</ul>
                            {(!r.problem_counts.is_empty()).then(|| view! {
                                <TableHead title=t!("ir-problems") table="problems-table" file="import-problems.csv" />
                                <ul>{r.problem_counts.iter().map(|c| view! { <li>{t!("label-count", label = engine_words::problem_kind(c.kind), count = format::count(c.count))}</li> }).collect_view()}</ul>
                                <DataTable id="problems-table" columns=problem_columns() rows=r.problems.clone() />
                                {(r.skipped_rows > r.problems.len() as u64)
                                    .then(|| view! { <p class="muted">{t!("imp-first-problems", count = format::count(r.problems.len() as u64))}</p> })}
                            })}
                        }
                    })}
                </div>
            </div>
        </Show>
    }
}

/// The problems table: line, column, the value as read, what was wrong.
fn problem_columns() -> Vec<Column<Problem>> {
    vec![
        // A line number is not a quantity: no digit grouping.
        Column::number(
            t!("ir-line"),
            |p: &Problem| p.line as f64,
            |x| format!("{x:.0}"),
            |x| format!("{x:.0}"),
        ),
        Column::text(t!("ir-column"), |p: &Problem| p.column.clone()),
        Column::view(
            t!("col-value"),
            |p: &Problem| view! { <code>{p.value.clone()}</code> }.into_any(),
            |p: &Problem| p.value.clone(),
            |p: &Problem| crate::components::data_table::SortKey::Text(p.value.clone()),
        ),
        Column::text(t!("ir-problem"), engine_words::problem),
    ]
}

/// The import report in short: rows read and skipped with the reasons, notes, and the full report.
#[component]
pub fn ImportSummary() -> impl IntoView {
    let s = use_app_state();
    let d = use_data_in();
    move || {
        s.loaded.get().map(|l| {
            let r = l.report;
            view! {
                <section class="panel import-summary" id="overview-import" aria-labelledby="overview-import-title">
                    <div class="panel-head">
                        <h3 id="overview-import-title">{t!("import-title")}</h3>
                        <button class="button small" id="overview-open-report" on:click=move |_| d.report_open.set(true)>{t!("full-import-report")}</button>
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
                                <li>{t!("label-count", label = engine_words::problem_kind(c.kind), count = format::count(c.count))}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!r.notes.is_empty()).then(|| view! {
                        <ul class="notes" id="overview-notes">
                            {r.notes.iter().map(|n| view! { <li>{engine_words::note(&r, n)}</li> }).collect_view()}
                        </ul>
                    })}
                </section>
            }
        })
    }
}
