//! The filter stack as removable chips, shared by every view.

use crate::format;
use crate::state::{remove_filter, set_filters, use_app_state};
use leptos::prelude::*;
use relance_engine::filter::{describe, FilterStack};

/// Chips for the active filters and the share of cases they keep.
#[component]
pub fn FilterBar() -> impl IntoView {
    let s = use_app_state();
    view! {
        <Show when=move || !s.filters.with(|f| f.items.is_empty())>
            <div class="filter-bar" id="filter-bar" aria-label="Active filters">
                <span class="muted">"Filters:"</span>
                {move || s.filters.get().items.iter().enumerate().map(|(i, item)| {
                    let text = describe(&item.filter, item.keep);
                    view! {
                        <span class="chip">
                            {text.clone()}
                            <button class="chip-remove" aria-label=format!("Remove filter {text}") on:click=move |_| remove_filter(s, i)>"×"</button>
                        </span>
                    }
                }).collect_view()}
                <span class="filter-count" id="filter-count">
                    {move || {
                        let (c, t) = s.filtered.get();
                        format!("{} of {} cases", format::count(c), format::count(t))
                    }}
                </span>
                <button class="button small" on:click=move |_| set_filters(s, FilterStack::default())>"Clear all"</button>
            </div>
        </Show>
    }
}
