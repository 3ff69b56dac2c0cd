//! The activity-roles editor: each activity's role (guessed in six languages, changeable here), saved
//! and loaded as a JSON mapping file; and the way to it from a figure that is not available.

use super::figures::role_label;
use super::state::use_collections;
use crate::components::data_table::{Column, DataTable, SortKey, TableCsv};
use crate::core::files::read_chosen;
use crate::core::{export, json};
use leptos::prelude::*;
use relance_engine::collections::{ActivityRole, RoleMap};
use wasm_bindgen::JsCast;

/// Scrolls to the activity-roles table and puts the keyboard focus on its first choice.
pub fn open_roles_editor() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // The table sits in a folded panel: unfold it first.
    if let Some(panel) = doc.get_element_by_id("mapping-panel") {
        let _ = panel.set_attribute("open", "");
    }
    if let Some(el) = doc.get_element_by_id("roles-table") {
        el.scroll_into_view();
        if let Ok(Some(first)) = el.query_selector("select") {
            if let Ok(h) = first.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    }
}

/// The activity-role table, editable, with save and load.
#[component]
pub fn MappingPanel() -> impl IntoView {
    let c = use_collections();
    let save = move |_| {
        if let Some(p) = c.page.get_untracked() {
            export::download_text(
                "relance-mapping.json",
                "application/json",
                &p.report.mapping.to_json(),
            );
        }
    };
    let load = move |ev: leptos::ev::Event| {
        read_chosen(&ev, move |name, text| {
            match json::read::<RoleMap>(&text.unwrap_or_default(), "mapping file") {
                Ok(m) => {
                    c.mapping_override.set(Some(m));
                    c.request();
                }
                Err(e) => c.core.error.set(Some(format!("{name}: {e}"))),
            }
        })
    };
    let set_role = move |name: String, role: ActivityRole| {
        c.mapping_override.update(|m| {
            m.get_or_insert_with(RoleMap::default)
                .activities
                .insert(name, role);
        });
        c.request();
    };
    let table = move || {
        c.page.get().map(|p| {
            type Row = (String, ActivityRole);
            let rows: Vec<Row> = p.report.mapping.activities.into_iter().collect();
            let columns = vec![
                Column::text(t!("col-activity"), |r: &Row| r.0.clone()),
                Column::view(
                    t!("col-role"),
                    move |r: &Row| {
                        let (name, current) = (r.0.clone(), r.1.key());
                        view! {
                            <select aria-label=t!("role-of", name = name.clone()) on:change=move |e| {
                                if let Some(role) = ActivityRole::from_key(&event_target_value(&e)) {
                                    set_role(name.clone(), role);
                                }
                            }>
                                {ActivityRole::all().into_iter().map(|r| {
                                    let k = r.key();
                                    view! { <option value=k.clone() selected=k == current>{role_label(r)}</option> }
                                }).collect_view()}
                            </select>
                        }
                        .into_any()
                    },
                    |r: &Row| r.1.key(),
                    |r: &Row| SortKey::Text(r.1.key()),
                ),
            ];
            view! { <DataTable id="roles-table" columns=columns rows=rows /> }
        })
    };
    view! {
        <details class="panel" id="mapping-panel">
            <summary><h3>{t!("activity-roles")}</h3></summary>
            <div class="actions">
                <button class="button small" on:click=save>{t!("save-mapping")}</button>
                <TableCsv table="roles-table" file="activity-roles.csv" />
                <label class="button small file-button">{t!("load-mapping")}
                    <input type="file" accept=".json,application/json" aria-label=t!("load-mapping-label") on:change=load />
                </label>
            </div>
            {table}
        </details>
    }
}
