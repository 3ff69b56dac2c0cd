//! The sheet picker: a workbook with several sheets lists them, with what their first rows look like,
//! the one that looks most like a table preselected (a legend or cover sheet never is).

use super::state::use_data_in;
use crate::core::modal::use_modal_for;
use leptos::prelude::*;

/// The sheet picker dialog, while a workbook waits.
#[component]
pub fn SheetPicker() -> impl IntoView {
    let d = use_data_in();
    use_modal_for(d.sheet_pick, "sheet-picker", move || d.cancel_reading());
    let confirm = move || {
        let Some(p) = d.sheet_pick.get_untracked() else {
            return;
        };
        if let Some(g) = p.sheets.get(p.selected) {
            d.read_sheet(g.name.clone());
        }
    };
    view! {
        {move || d.sheet_pick.get().map(|p| {
            let selected = p.selected;
            view! {
                <div class="modal-backdrop">
                    <div class="modal sheet-picker" role="dialog" aria-modal="true" aria-labelledby="sheet-picker-title" id="sheet-picker">
                        <h2 id="sheet-picker-title">{t!("sheet-which")} " " <span class="file-name">{p.file.clone()}</span> {t!("sheet-which-end")}</h2>
                        <fieldset class="sheet-list">
                            <legend class="visually-hidden">{t!("sheet-sheets")}</legend>
                            {p.sheets.iter().enumerate().map(|(i, g)| {
                                let detail = if g.columns.is_empty() {
                                    t!("sheet-no-table")
                                } else {
                                    t!(
                                        "sheet-detail",
                                        columns = g.columns.len(),
                                        names = format!("{}{}", g.columns.iter().take(4).cloned().collect::<Vec<_>>().join(", "), if g.columns.len() > 4 { ", …" } else { "" }),
                                        rows = format!("{}{}", crate::core::format::count(g.rows as u64), if g.rows >= 50 { "+" } else { "" }),
                                        dates = if g.has_dates { "yes" } else { "no" },
                                    )
                                };
                                let id = format!("sheet-{i}");
                                let for_id = id.clone();
                                view! {
                                    <label class="sheet-option" for=for_id>
                                        <input type="radio" name="sheet" id=id value=g.name.clone()
                                            prop:checked=i == selected
                                            on:change=move |_| d.sheet_pick.update(|p| if let Some(p) = p { p.selected = i })
                                            on:keydown=move |e: web_sys::KeyboardEvent| if e.key() == "Enter" { confirm() } />
                                        <span class="sheet-name">{g.name.clone()}</span>
                                        <span class="sheet-detail">{detail}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <div class="actions">
                            <button class="button" on:click=move |_| d.cancel_reading()>{t!("cancel")}</button>
                            <button class="button primary" id="sheet-confirm" on:click=move |_| confirm()>{t!("sheet-read")}</button>
                        </div>
                    </div>
                </div>
            }
        })}
    }
}
