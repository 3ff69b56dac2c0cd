//! "Open file…": a labelled file input.

use crate::state::{open_file, use_app_state};
use leptos::prelude::*;

/// A file picker for CSV, XES and gzip files.
#[component]
pub fn FileButton() -> impl IntoView {
    let s = use_app_state();
    view! {
        <label class="button primary file-button">
            "Open file…"
            <input
                id="file-input"
                type="file"
                accept=".csv,.txt,.tsv,.xes,.gz,text/csv"
                aria-label="Open an event log file"
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(f) = input.files().and_then(|l| l.get(0)) {
                        open_file(s, f);
                    }
                    input.set_value("");
                }
            />
        </label>
    }
}
