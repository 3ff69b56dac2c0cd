//! The filter stack as removable chips shared by every view, with the buttons to add a filter and to
//! save or load a view (filters, roles and sliders as a small JSON file). When filters hold log data
//! (drill-down case ids, attribute values, variants), saving asks whether to keep or drop them.

use crate::export;
use crate::format;
use crate::state::{apply_view, current_view, remove_filter, set_filters, use_app_state};
use leptos::prelude::*;
use relance_engine::filter::{describe_in, FilterStack};
use relance_engine::view::ViewFile;

/// Chips for the active filters, the share of cases they keep, and the view buttons.
#[component]
pub fn FilterBar() -> impl IntoView {
    let s = use_app_state();
    let load_view = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match ViewFile::from_json(&text) {
                Ok(v) => apply_view(s, v),
                Err(e) => s.error.set(Some(format!("{}: {e}", file.name()))),
            }
        });
    };
    let save_choice = RwSignal::new(None::<Vec<String>>);
    let save =
        |v: &ViewFile| export::download_text("relance-view.json", "application/json", &v.to_json());
    view! {
        <div class="filter-bar" id="filter-bar-row" aria-label=t!("filters-label")>
            <button class="button small" id="add-filter" on:click=move |_| s.filter_dialog.set(true)>{t!("add-filter")}</button>
            <Show when=move || !s.filters.with(|f| f.items.is_empty())>
                <div class="chips" id="filter-bar">
                    {move || s.filters.get().items.iter().enumerate().map(|(i, item)| {
                        let text = describe_in(&item.filter, item.keep, crate::i18n::language());
                        view! {
                            <span class="chip">
                                {text.clone()}
                                <button class="chip-remove" aria-label=t!("remove-filter", what = text.clone()) on:click=move |_| remove_filter(s, i)>"×"</button>
                            </span>
                        }
                    }).collect_view()}
                    <span class="filter-count" id="filter-count">
                        {move || {
                            let (c, t) = s.filtered.get();
                            t!("cases-of", kept = format::count(c), total = format::count(t))
                        }}
                    </span>
                    <button class="button small" on:click=move |_| set_filters(s, FilterStack::default())>{t!("clear-all")}</button>
                </div>
            </Show>
            <span class="spacer"></span>
            <button class="button small" id="save-view" on:click=move |_| {
                // A view holding log data (drill-down case ids, customer names, ...) is saved only once
                // the user has chosen to keep or drop it.
                let v = current_view(s);
                let data = v.contains_log_data();
                if data.is_empty() {
                    save(&v);
                } else {
                    save_choice.set(Some(data));
                }
            }>{t!("save-view")}</button>
            {move || save_choice.get().map(|data| {
                let n = data.len();
                view! {
                    <span class="save-choice" id="save-view-choice" role="group" aria-label=t!("save-view-choice")>
                        <span class="muted">{t!("view-holds-data", what = data.join(", "))}</span>
                        <button class="button small" id="save-view-without-data" on:click=move |_| {
                            save(&current_view(s).without_log_data());
                            save_choice.set(None);
                        }>{t!("save-without", count = n)}</button>
                        <button class="button small" id="save-view-with-data" on:click=move |_| {
                            save(&current_view(s));
                            save_choice.set(None);
                        }>{t!("save-with")}</button>
                        <button class="button small" on:click=move |_| save_choice.set(None)>{t!("cancel")}</button>
                    </span>
                }
            })}
            <label class="button small file-button">{t!("load-view")}
                <input type="file" accept=".json,application/json" id="view-input" aria-label=t!("load-view-label") on:change=load_view />
            </label>
        </div>
        <super::filter_dialog::FilterDialog />
    }
}
