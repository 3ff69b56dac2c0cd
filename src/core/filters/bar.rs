//! The filter stack as removable chips shared by every view, the share of cases they keep, and the
//! button that opens the dialog to add one. The view-file buttons (a feature's) sit at its end.

use crate::core::format;
use crate::core::state::use_app_state;
use leptos::prelude::*;
use relance_engine::filter::{describe_in, FilterStack};

/// Chips for the active filters; `children` go at the bar's end (the view file's buttons).
#[component]
pub fn FilterBar(children: Children) -> impl IntoView {
    let s = use_app_state();
    view! {
        <div class="filter-bar" id="filter-bar-row" aria-label=t!("filters-label")>
            <button class="button small" id="add-filter" on:click=move |_| s.filter_dialog.set(true)>{t!("add-filter")}</button>
            <Show when=move || !s.filters.with(|f| f.items.is_empty())>
                <div class="chips" id="filter-bar">
                    {move || s.filters.get().items.iter().enumerate().map(|(i, item)| {
                        let text = describe_in(&item.filter, item.keep, crate::core::i18n::language());
                        view! {
                            <span class="chip">
                                {text.clone()}
                                <button class="chip-remove" aria-label=t!("remove-filter", what = text.clone()) on:click=move |_| s.remove_filter(i)>"×"</button>
                            </span>
                        }
                    }).collect_view()}
                    <span class="filter-count" id="filter-count">
                        {move || {
                            let (c, t) = s.filtered.get();
                            t!("cases-of", kept = format::count(c), total = format::count(t))
                        }}
                    </span>
                    <button class="button small" on:click=move |_| s.set_filters(FilterStack::default())>{t!("clear-all")}</button>
                </div>
            </Show>
            <span class="spacer"></span>
            {children()}
        </div>
        <super::dialog::FilterDialog />
    }
}
