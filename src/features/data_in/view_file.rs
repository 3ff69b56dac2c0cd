//! The view file: the filters, the collections roles, the map's sliders, how the columns were read and
//! how several tables were joined, as a small JSON file (no log data unless the user keeps it) that the
//! CLI also reads. Saving a view whose filters hold log data (drill-down case ids, attribute values,
//! variants) asks whether to keep or drop it.

use super::state::{use_data_in, DataInState};
use crate::core::files::read_chosen;
use crate::core::{export, json};
use crate::features::collections::{use_collections, CollectionsState};
use crate::features::conformance::{use_conformance, ConformanceState};
use crate::features::map::{use_map, MapState};
use leptos::prelude::*;
use relance_engine::view::{ColumnsView, MapView, ViewFile};

/// The current view (filters, roles, map sliders, columns, tables) as a file.
fn current_view(
    d: DataInState,
    m: MapState,
    c: CollectionsState,
    cf: ConformanceState,
) -> ViewFile {
    let s = d.core;
    let st = m.settings.get_untracked();
    ViewFile {
        relance_view: 1,
        filters: s.filters.get_untracked(),
        mapping: c.mapping_override.get_untracked(),
        map: Some(MapView {
            activity_pct: st.activity_pct,
            paths_pct: st.paths_pct,
        }),
        columns: s
            .loaded
            .with_untracked(|l| l.as_ref().and_then(|l| ColumnsView::from_report(&l.report))),
        tables: d.model.get_untracked(),
        conformance: cf.saved(),
        ..Default::default()
    }
}

/// Applies a loaded view file: the sliders and roles now, the columns and tables on the next import.
fn apply_view(d: DataInState, m: MapState, c: CollectionsState, cf: ConformanceState, v: ViewFile) {
    if let Some(map) = v.map {
        m.settings.update(|st| {
            st.activity_pct = map.activity_pct;
            st.paths_pct = map.paths_pct;
        });
    }
    c.mapping_override.set(v.mapping);
    d.view_columns.set(v.columns);
    d.view_model.set(v.tables);
    cf.apply_view(v.conformance);
    d.core.set_filters(v.filters);
}

/// "Save view" (asking about log data when the view holds some) and "Load view".
#[component]
pub fn ViewFileButtons() -> impl IntoView {
    let (d, m, c, cf) = (
        use_data_in(),
        use_map(),
        use_collections(),
        use_conformance(),
    );
    let s = d.core;
    let load_view = move |ev: leptos::ev::Event| {
        read_chosen(&ev, move |name, text| {
            match json::read::<ViewFile>(&text.unwrap_or_default(), "view file")
                .and_then(ViewFile::checked)
            {
                Ok(v) => apply_view(d, m, c, cf, v),
                Err(e) => s.error.set(Some(format!("{name}: {e}"))),
            }
        })
    };
    let save_choice = RwSignal::new(None::<Vec<String>>);
    let save =
        |v: &ViewFile| export::download_text("relance-view.json", "application/json", &v.to_json());
    let current = move || current_view(d, m, c, cf);
    view! {
        <button class="button small" id="save-view" on:click=move |_| {
            // A view holding log data (drill-down case ids, customer names, ...) is saved only once
            // the user has chosen to keep or drop it.
            let v = current();
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
                        save(&current().without_log_data());
                        save_choice.set(None);
                    }>{t!("save-without", count = n)}</button>
                    <button class="button small" id="save-view-with-data" on:click=move |_| {
                        save(&current());
                        save_choice.set(None);
                    }>{t!("save-with")}</button>
                    <button class="button small" on:click=move |_| save_choice.set(None)>{t!("cancel")}</button>
                </span>
            }
        })}
        <label class="button small file-button">{t!("load-view")}
            <input type="file" accept=".json,application/json" id="view-input" aria-label=t!("load-view-label") on:change=load_view />
        </label>
    }
}
