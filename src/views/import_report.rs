//! The import report: what was read, assumed and skipped, with the first problems located by line and
//! column. Reachable at any time from the tab bar.

use crate::components::modal::use_modal;
use crate::engine_words;
use crate::format;
use crate::state::use_app_state;
use leptos::prelude::*;

/// The report as a side panel.
#[component]
pub fn ImportReportPanel() -> impl IntoView {
    let s = use_app_state();
    let close = Callback::new(move |_: ()| s.report_open.set(false));
    use_modal(move || s.report_open.get(), "import-report", Some(close));
    view! {
        <Show when=move || s.report_open.get()>
            <div class="modal-backdrop" on:click=move |_| s.report_open.set(false)>
                <div class="modal report" role="dialog" aria-modal="true" aria-labelledby="import-report-title" id="import-report" on:click=|e| e.stop_propagation()>
                    <button class="button small close" on:click=move |_| s.report_open.set(false) aria-label=t!("dismiss")>"×"</button>
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
                                <dt>{t!("ir-import-time")}</dt><dd>{format!("{} ms", crate::format::decimal(l.import_ms, 0))}</dd>
                            </dl>
                            <ul class="notes">{r.notes.iter().map(|n| view! { <li>{engine_words::note(&r, n)}</li> }).collect_view()}</ul>
                            {(!r.problem_counts.is_empty()).then(|| view! {
                                <div class="panel-head"><h3>{t!("ir-problems")}</h3><crate::components::export_buttons::TableCsv table="problems-table" file="import-problems.csv" /></div>
                                <ul>{r.problem_counts.iter().map(|c| view! { <li>{t!("label-count", label = engine_words::problem_kind(c.kind), count = format::count(c.count))}</li> }).collect_view()}</ul>
                                <table class="data" id="problems-table">
                                    <thead><tr><th scope="col">{t!("ir-line")}</th><th scope="col">{t!("ir-column")}</th><th scope="col">{t!("col-value")}</th><th scope="col">{t!("ir-problem")}</th></tr></thead>
                                    <tbody>
                                        {r.problems.iter().map(|p| view! {
                                            <tr><td class="num">{p.line}</td><td>{p.column.clone()}</td><td><code>{p.value.clone()}</code></td><td>{engine_words::problem(p)}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
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
