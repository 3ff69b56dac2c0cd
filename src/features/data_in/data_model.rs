//! The data-model screen: several tables and the engine's proposal for joining them into one log (the
//! main table first, each table's key, one row or several per key, which columns are events, which
//! attributes, and the activity names), every part of it editable. Confirm joins and imports; the model
//! is saved in the view file.

use super::state::{use_data_in, ModelEdit};
use crate::core::modal::{editor, use_modal_for};
use leptos::prelude::*;
use relance_engine::import::tables::{ColumnUse, Shape};

fn use_key(u: &ColumnUse) -> &'static str {
    match u {
        ColumnUse::Key => "key",
        ColumnUse::Event { .. } => "event",
        ColumnUse::Activity => "activity",
        ColumnUse::Attribute => "attribute",
        ColumnUse::Ignore => "ignore",
    }
}

/// What the model still lacks, in words (empty: it can be joined).
fn missing(m: &ModelEdit) -> Vec<String> {
    let mut out = Vec::new();
    for t in &m.model.tables {
        if t.key().is_none() {
            out.push(t!("dm-need-key", table = t.name.clone()));
        }
    }
    let events = m.model.tables.iter().any(|t| {
        t.columns
            .iter()
            .any(|c| matches!(c.usage, ColumnUse::Event { .. }))
    });
    if !events {
        out.push(t!("dm-need-event"));
    }
    out
}

/// The data-model dialog, while several tables wait.
#[component]
pub fn DataModelScreen() -> impl IntoView {
    let d = use_data_in();
    use_modal_for(d.model_edit, "data-model", move || d.cancel_reading());
    let update = editor(d.model_edit, "data-model");
    let confirm = move |_| {
        if let Some(m) = d.model_edit.get_untracked() {
            if missing(&m).is_empty() {
                d.join_tables(m.model);
            }
        }
    };
    view! {
        {move || d.model_edit.get().map(|m| {
            let lacking = missing(&m);
            let ready = lacking.is_empty();
            view! {
                <div class="modal-backdrop">
                    <div class="modal data-model" role="dialog" aria-modal="true" aria-labelledby="data-model-title" id="data-model">
                        <h2 id="data-model-title">{t!("dm-title", count = m.model.tables.len())}</h2>
                        <p class="hint">{t!("dm-hint")}</p>
                        {(!m.model.notes.is_empty()).then(|| view! {
                            <ul class="model-notes">{m.model.notes.iter().map(|n| view! { <li>{super::words::message(&n.key, &n.args, &n.text)}</li> }).collect_view()}</ul>
                        })}
                        {m.model.tables.iter().enumerate().map(|(ti, t)| {
                            let glance = m.tables.iter().find(|g| g.name == t.name).cloned();
                            let rows = glance.as_ref().map_or(0, |g| g.rows);
                            let tid = format!("table-{ti}");
                            view! {
                                <section class="model-table" aria-labelledby=tid.clone()>
                                    <h3 id=tid.clone()>
                                        <span class="table-name">{t.name.clone()}</span>
                                        <span class="table-rows">{format!(" · {}", t!("dm-rows", count = rows, rows = crate::core::format::count(rows)))}</span>
                                        {(ti == 0).then(|| view! { <span class="badge">" " {t!("dm-main-table")}</span> })}
                                    </h3>
                                    <label class="field">
                                        <span>{t!("dm-rows-per-key")}</span>
                                        <select class="shape-select" id=format!("shape-{ti}") on:change=move |e| {
                                            let shape = if event_target_value(&e) == "long" { Shape::Long } else { Shape::Wide };
                                            update(&|m| if let Some(t) = m.model.tables.get_mut(ti) { t.shape = shape });
                                        }>
                                            <option value="wide" selected=t.shape == Shape::Wide>{t!("dm-wide")}</option>
                                            <option value="long" selected=t.shape == Shape::Long>{t!("dm-long")}</option>
                                        </select>
                                    </label>
                                    {(ti > 0).then(|| view! {
                                        <button class="button small" id=format!("main-{ti}") on:click=move |_| update(&|m| {
                                            if ti < m.model.tables.len() {
                                                let t = m.model.tables.remove(ti);
                                                m.model.tables.insert(0, t);
                                            }
                                        })>{t!("dm-make-main")}</button>
                                    })}
                                    <table class="data model-columns">
                                        <thead><tr><th scope="col">{t!("ir-column")}</th><th scope="col">{t!("dm-example")}</th><th scope="col">{t!("dm-use")}</th><th scope="col">{t!("dm-activity-name")}</th></tr></thead>
                                        <tbody>
                                            {t.columns.iter().enumerate().map(|(ci, c)| {
                                                let examples = glance.as_ref()
                                                    .and_then(|g| g.columns.iter().find(|(n, _)| *n == c.name))
                                                    .map(|(_, v)| v.join(" · "))
                                                    .unwrap_or_default();
                                                let current = use_key(&c.usage);
                                                let activity = match &c.usage { ColumnUse::Event { activity } => Some(activity.clone()), _ => None };
                                                let name = c.name.clone();
                                                let col_key = format!("{ti}:{ci}");
                                                view! {
                                                    <tr>
                                                        <th scope="row" class="col-name">{name.clone()}</th>
                                                        <td class="examples">{examples}</td>
                                                        <td>
                                                            <select class="use-select" data-column=format!("use-{col_key}") aria-label=format!("Use of column {name} in {}", t.name)
                                                                on:change=move |e| {
                                                                    let v = event_target_value(&e);
                                                                    update(&|m| {
                                                                        let Some(t) = m.model.tables.get_mut(ti) else { return };
                                                                        let header = t.columns.get(ci).map(|c| c.name.clone()).unwrap_or_default();
                                                                        let usage = match v.as_str() {
                                                                            "key" => ColumnUse::Key,
                                                                            "event" => ColumnUse::Event { activity: header },
                                                                            "activity" => ColumnUse::Activity,
                                                                            "ignore" => ColumnUse::Ignore,
                                                                            _ => ColumnUse::Attribute,
                                                                        };
                                                                        // One key and one activity column per table.
                                                                        if matches!(usage, ColumnUse::Key | ColumnUse::Activity) {
                                                                            for c in t.columns.iter_mut() {
                                                                                if c.usage == usage { c.usage = ColumnUse::Attribute; }
                                                                            }
                                                                        }
                                                                        if let Some(c) = t.columns.get_mut(ci) { c.usage = usage; }
                                                                    });
                                                                }>
                                                                {[("key", "dm-use-key"), ("event", "dm-use-event"), ("activity", "dm-use-activity"), ("attribute", "dm-use-attribute"), ("ignore", "dm-use-ignore")]
                                                                    .into_iter()
                                                                    .map(|(k, label)| view! { <option value=k selected=k == current>{t!(label)}</option> })
                                                                    .collect_view()}
                                                            </select>
                                                        </td>
                                                        <td>
                                                            {activity.map(|a| view! {
                                                                <input type="text" class="activity-name" data-column=format!("act-{col_key}") aria-label=t!("dm-activity-name-for", name = name.clone()) prop:value=a
                                                                    on:change=move |e| {
                                                                        let v = event_target_value(&e);
                                                                        update(&|m| {
                                                                            if let Some(c) = m.model.tables.get_mut(ti).and_then(|t| t.columns.get_mut(ci)) {
                                                                                if let ColumnUse::Event { activity } = &mut c.usage {
                                                                                    *activity = if v.trim().is_empty() { c.name.clone() } else { v.trim().to_string() };
                                                                                }
                                                                            }
                                                                        });
                                                                    } />
                                                            })}
                                                        </td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </section>
                            }
                        }).collect_view()}
                        <div class="mapping-footer">
                            <div>{(!ready).then(|| view! { <p class="warn" id="model-missing">{t!("dm-choose", what = lacking.join(", "))}</p> })}</div>
                            <div class="actions">
                                <button class="button" on:click=move |_| d.cancel_reading()>{t!("cancel")}</button>
                                <button class="button primary" id="model-confirm" disabled=!ready on:click=confirm>{t!("dm-join")}</button>
                            </div>
                        </div>
                    </div>
                </div>
            }
        })}
    }
}
