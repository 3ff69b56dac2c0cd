//! The case explorer: search a case, see every event with its attributes and the waiting time before it,
//! and step to the next or previous case of the current selection.

use crate::components::export_buttons::TableCsv;
use crate::format;
use crate::state::{request_case, use_app_state};
use leptos::prelude::*;

/// The case explorer.
#[component]
pub fn CaseExplorer() -> impl IntoView {
    let s = use_app_state();
    let query = RwSignal::new(String::new());
    let search = move || {
        let q = query.get_untracked();
        if !q.trim().is_empty() {
            request_case(s, Some(q), None, 0);
        }
    };
    let step = move |n: i32| {
        let index = s.case.get_untracked().map(|c| c.index);
        request_case(s, None, index, n);
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
            <Show when=move || s.case_missing.get()>
                <p class="warn">{t!("ce-none")}</p>
            </Show>
            {move || s.case.get().map(|c| view! {
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
                <table class="data" id="case-timeline">
                    <thead><tr><th scope="col">"#"</th><th scope="col">{t!("col-activity")}</th><th scope="col">{t!("ce-time")}</th><th scope="col">{t!("ce-offset")}</th><th scope="col">{t!("fd-kind-resources")}</th><th scope="col" class="num" data-csv="Wait (s)">{t!("ce-wait")}</th><th scope="col">{t!("ce-attributes")}</th></tr></thead>
                    <tbody>
                        {c.events.iter().enumerate().map(|(i, e)| view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td>{e.activity.clone()}</td>
                                <td class="time" data-csv=e.time.clone()>{format::iso(&e.time)}</td>
                                <td>{e.offset.clone().unwrap_or_default()}</td>
                                <td>{e.resource.clone().unwrap_or_default()}</td>
                                <td class="num" data-csv=e.wait_s.map(format::raw::seconds).unwrap_or_default()>{e.wait_s.map(format::duration).unwrap_or_default()}</td>
                                <td class="small">{e.attributes.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(" · ")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
