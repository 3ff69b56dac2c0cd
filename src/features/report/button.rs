//! The "Report" button, beside the view buttons of the filter bar.

use super::state::use_report;
use crate::core::state::use_app_state;
use leptos::prelude::*;

/// Downloads the report of the current filter; disabled until a log (not a summary) is loaded.
#[component]
pub fn ReportButton() -> impl IntoView {
    let s = use_app_state();
    let r = use_report();
    let disabled = move || s.loaded.get().is_none() || s.summary_mode();
    view! {
        <button
            class="button small primary report-download"
            id="report-button"
            title=t!("report-button-title")
            disabled=disabled
            on:click=move |_| r.build()
        >
            {t!("report-button")}
        </button>
    }
}
