//! The loaded log's name in the top bar, and the demo banner.

use crate::core::format;
use crate::core::state::use_app_state;
use leptos::prelude::*;

/// File name and size of the loaded log.
#[component]
pub fn LogTitle() -> impl IntoView {
    let s = use_app_state();
    view! {
        <div class="log-title" id="log-title">
            {move || s.loaded.get().map(|l| view! {
                <span class="file-name">{if l.demo { t!("demo-log-name") } else { l.name.clone() }}</span>
                {l.demo.then(|| view! { <span class="badge demo">{t!("demo-badge")}</span> })}
                <span class="muted">{t!("log-counts", cases = format::count(l.cases), events = format::count(l.events))}</span>
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
                <strong>{t!("demo-banner-title")}</strong>" "
                {t!("demo-banner-text")}" "
                <em>{t!("open-file")}</em>
                {t!("demo-banner-end")}
            </div>
        </Show>
    }
}
