//! The loaded log's name in the top bar, and the demo banner.

use crate::format;
use crate::state::use_app_state;
use leptos::prelude::*;

/// File name and size of the loaded log.
#[component]
pub fn LogTitle() -> impl IntoView {
    let s = use_app_state();
    view! {
        <div class="log-title" id="log-title">
            {move || s.loaded.get().map(|l| view! {
                <span class="file-name">{l.name.clone()}</span>
                {l.demo.then(|| view! { <span class="badge demo">"Demo data"</span> })}
                <span class="muted">{format!("{} cases · {} events", format::count(l.cases), format::count(l.events))}</span>
            })}
        </div>
    }
}

/// Says clearly that the demo log is synthetic and how to load one's own.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let s = use_app_state();
    view! {
        <Show when=move || s.loaded.get().is_some_and(|l| l.demo)>
            <div class="banner" role="note" id="demo-banner">
                <strong>"You are looking at demo data: "</strong>
                "a synthetic credit-and-collections log (invoices, reminders, calls, promises, disputes, payments). "
                "To analyse your own, drop a CSV or XES file anywhere on this page or use "
                <em>"Open file…"</em>
                ". It is read in this browser and never uploaded."
            </div>
        </Show>
    }
}
