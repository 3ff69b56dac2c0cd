//! The case explorer: search a case, see every event with its attributes and the waiting time before it,
//! and step to the next or previous case of the current selection.

use super::state::use_explore;
use crate::components::data_table::{Column, DataTable, SortKey, TableCsv};
use crate::core::format;
use leptos::prelude::*;
use relance_engine::analysis::timeline::TimelineEvent;

/// The case explorer.
#[component]
pub fn CaseExplorer() -> impl IntoView {
    let x = use_explore();
    let query = RwSignal::new(String::new());
    let search = move || {
        let q = query.get_untracked();
        if !q.trim().is_empty() {
            x.request_case(Some(q), None, 0);
        }
    };
    let step = move |n: i32| {
        let index = x.case.get_untracked().map(|c| c.index);
        x.request_case(None, index, n);
    };
    view! {
        <section class="panel case-explorer">
            <div class="panel-head">
                <form class="case-search" on:submit=move |e| { e.prevent_default(); search(); }>
                    <label class="field inline"><span>{t!("ce-case-id")}</span>
                        <input type="text" id="case-search" prop:value=move || query.get() on:input=move |e| query.set(event_target_value(&e)) />
                    </label>
                    <button class="button" type="submit">{t!("ce-find")}</button>
                </form>
                <div class="actions">
                    <button class="button" id="case-prev" on:click=move |_| step(-1)>{t!("ce-prev")}</button>
                    <button class="button" id="case-next" on:click=move |_| step(1)>{t!("ce-next")}</button>
                </div>
            </div>
            <Show when=move || x.case_missing.get()>
                <p class="warn">{t!("ce-none")}</p>
            </Show>
            {move || x.case.get().map(|c| view! {
                <div class="panel-head"><h3 id="case-title">{t!("ce-title", id = c.id.clone())}</h3><TableCsv table="case-timeline" file="case.csv" /></div>
                <p class="muted" id="case-position">
                    {match c.position {
                        Some(p) => t!("ce-position", position = format::count(p), total = format::count(c.selected)),
                        None => t!("ce-not-selected"),
                    }}
                    {format!(" · {}", t!("ce-events", count = c.events.len(), events = format::count(c.events.len() as u64), duration = format::duration(c.duration_s)))}
                </p>
                {(!c.attributes.is_empty()).then(|| view! {
                    <dl class="stats inline-stats">{c.attributes.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> }).collect_view()}</dl>
                })}
                <DataTable id="case-timeline" columns=timeline_columns() rows=numbered(c.events) />
            })}
        </section>
    }
}

/// Each event with its position in the case.
fn numbered(events: Vec<TimelineEvent>) -> Vec<(usize, TimelineEvent)> {
    events.into_iter().enumerate().collect()
}

/// The timeline's columns: position, activity, time, offset, resource, wait before, attributes.
fn timeline_columns() -> Vec<Column<(usize, TimelineEvent)>> {
    type R = (usize, TimelineEvent);
    vec![
        Column::view(
            "#",
            |r: &R| (r.0 + 1).to_string().into_any(),
            |r: &R| (r.0 + 1).to_string(),
            |r: &R| SortKey::Num(r.0 as f64),
        ),
        Column::text(t!("col-activity"), |r: &R| r.1.activity.clone()),
        Column::view(
            t!("ce-time"),
            |r: &R| format::iso(&r.1.time).into_any(),
            |r: &R| r.1.time.clone(),
            |r: &R| SortKey::Text(r.1.time.clone()),
        )
        .class("time"),
        Column::text(t!("ce-offset"), |r: &R| {
            r.1.offset.clone().unwrap_or_default()
        }),
        Column::text(t!("fd-kind-resources"), |r: &R| {
            r.1.resource.clone().unwrap_or_default()
        }),
        Column::number(
            t!("ce-wait"),
            |r: &R| r.1.wait_s.unwrap_or(f64::NAN),
            |x| {
                if x.is_nan() {
                    String::new()
                } else {
                    format::duration(x)
                }
            },
            format::raw::seconds,
        )
        .csv("Wait (s)"),
        Column::text(t!("ce-attributes"), |r: &R| {
            r.1.attributes
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .class("small"),
    ]
}
