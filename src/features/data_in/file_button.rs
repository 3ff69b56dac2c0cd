//! "Open file…": a labelled file input.

use super::state::use_data_in;
use leptos::prelude::*;

/// A file picker for event logs (CSV, XES, gzip), workbooks, Parquet, and several tables at once.
#[component]
pub fn FileButton() -> impl IntoView {
    let d = use_data_in();
    view! {
        <label class="button primary file-button">
            {t!("open-file")}
            <input
                id="file-input"
                type="file"
                multiple
                accept=".csv,.txt,.tsv,.xes,.gz,.xlsx,.xlsm,.xlsb,.xls,.ods,.parquet,.pq,.zip,.json,text/csv"
                aria-label=t!("open-file-label")
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    let files: Vec<web_sys::File> = input
                        .files()
                        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
                        .unwrap_or_default();
                    d.open_files(files);
                    input.set_value("");
                }
            />
        </label>
    }
}

/// "Open summary…": a document of aggregates made where the data lives (`relance warehouse`,
/// `relance bundle`, `relance analyze --json`). A `.json` file given to "Open file…" opens the same way.
#[component]
pub fn SummaryButton() -> impl IntoView {
    let d = use_data_in();
    view! {
        <label class="tab link summary-button" title=t!("open-summary-label")>
            {t!("open-summary")}
            <input
                id="summary-input"
                type="file"
                accept=".json,application/json"
                aria-label=t!("open-summary-label")
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(file) = input.files().and_then(|l| l.get(0)) {
                        d.open_summary(file);
                    }
                    input.set_value("");
                }
            />
        </label>
    }
}
