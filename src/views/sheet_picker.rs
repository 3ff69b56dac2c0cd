//! The sheet picker: a workbook with several sheets lists them, with what their first rows look like,
//! the one that looks most like a table preselected (a legend or cover sheet never is).

use crate::components::modal::use_modal;
use crate::state::{cancel_reading, read_sheet, use_app_state};
use leptos::prelude::*;

/// The sheet picker dialog, while a workbook waits.
#[component]
pub fn SheetPicker() -> impl IntoView {
    let s = use_app_state();
    use_modal(
        move || s.sheet_pick.with(|p| p.is_some()),
        "sheet-picker",
        Some(Callback::new(move |_: ()| cancel_reading(s))),
    );
    let confirm = move || {
        let Some(p) = s.sheet_pick.get_untracked() else {
            return;
        };
        if let Some(g) = p.sheets.get(p.selected) {
            read_sheet(s, g.name.clone());
        }
    };
    view! {
        {move || s.sheet_pick.get().map(|p| {
            let selected = p.selected;
            view! {
                <div class="modal-backdrop">
                    <div class="modal sheet-picker" role="dialog" aria-modal="true" aria-labelledby="sheet-picker-title" id="sheet-picker">
                        <h2 id="sheet-picker-title">"Which sheet of " <span class="file-name">{p.file.clone()}</span> "?"</h2>
                        <fieldset class="sheet-list">
                            <legend class="visually-hidden">"Sheets"</legend>
                            {p.sheets.iter().enumerate().map(|(i, g)| {
                                let detail = if g.columns.is_empty() {
                                    "no table found".to_string()
                                } else {
                                    format!(
                                        "{} columns ({}{}) · {}{} rows seen{}",
                                        g.columns.len(),
                                        g.columns.iter().take(4).cloned().collect::<Vec<_>>().join(", "),
                                        if g.columns.len() > 4 { ", …" } else { "" },
                                        g.rows,
                                        if g.rows >= 50 { "+" } else { "" },
                                        if g.has_dates { " · dates" } else { "" },
                                    )
                                };
                                let id = format!("sheet-{i}");
                                let for_id = id.clone();
                                view! {
                                    <label class="sheet-option" for=for_id>
                                        <input type="radio" name="sheet" id=id value=g.name.clone()
                                            prop:checked=i == selected
                                            on:change=move |_| s.sheet_pick.update(|p| if let Some(p) = p { p.selected = i })
                                            on:keydown=move |e: web_sys::KeyboardEvent| if e.key() == "Enter" { confirm() } />
                                        <span class="sheet-name">{g.name.clone()}</span>
                                        <span class="sheet-detail">{detail}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="actions">
                            <button class="button" on:click=move |_| cancel_reading(s)>"Cancel"</button>
                            <button class="button primary" id="sheet-confirm" on:click=move |_| confirm()>"Read this sheet"</button>
                        </div>
                    </div>
                </div>
            }
        })}
    }
}
