//! The mapping screen (Disco-style): the first rows of the file, each column with its role editable in
//! place, the detected delimiter, encoding and timestamp format, and a live preview of how the
//! timestamps read with the chosen day/month order. Confirm runs the import.

use super::state::use_data_in;
use crate::core::modal::{editor, use_modal_for};
use leptos::prelude::*;
use relance_engine::calendar::format_iso_utc;
use relance_engine::import::text::Encoding;
use relance_engine::import::timestamp::parse_timestamp;
use relance_engine::import::{ColumnRole, DateOrder, ImportOptions};

fn delimiter_name(d: u8) -> String {
    t!(match d {
        b',' => "delim-comma",
        b';' => "delim-semicolon",
        b'\t' => "delim-tab",
        b'|' => "delim-pipe",
        _ => "delim-other",
    })
}

/// A column role in words, in the interface's language.
fn column_role_label(r: ColumnRole) -> String {
    t!(&format!("colrole-{}", r.key()))
}

/// The mapping dialog, when a CSV file is waiting.
#[component]
pub fn MappingScreen() -> impl IntoView {
    let d = use_data_in();
    let cancel = move || {
        d.mapping.set(None);
        d.file.set_value(None);
    };
    use_modal_for(d.mapping, "mapping-screen", cancel);
    let update = editor(d.mapping, "mapping-screen");
    let confirm = move |_| {
        let Some(m) = d.mapping.get_untracked() else {
            return;
        };
        d.start_import(ImportOptions {
            csv: Some(m.options),
            ..Default::default()
        });
    };
    view! {
        {move || d.mapping.get().map(|m| {
            let opts = m.options.clone();
            let preview = m.preview.csv.clone().map(|c| c.preview).unwrap_or_default();
            let missing: Vec<String> = [ColumnRole::Case, ColumnRole::Activity, ColumnRole::Timestamp]
                .into_iter()
                .filter(|r| !opts.roles.contains(r))
                .map(column_role_label)
                .collect();
            // Timestamps of the preview rows as they will be read.
            let ts_col = opts.roles.iter().position(|&r| r == ColumnRole::Timestamp);
            let parsed: Vec<(String, Option<String>)> = ts_col
                .map(|c| preview.iter().filter_map(|row| row.get(c)).map(|v| (v.clone(), parse_timestamp(v, opts.date_order).map(|p| format_iso_utc(p.ms)))).collect())
                .unwrap_or_default();
            let unreadable = parsed.iter().filter(|(v, p)| !v.trim().is_empty() && p.is_none()).count();
            let has_lifecycle = opts.roles.contains(&ColumnRole::Lifecycle);
            let ready = missing.is_empty();
            let columns = opts.columns.clone();
            let time_formats = m.preview.csv.clone().map(|c| c.time_formats).unwrap_or_default();
            view! {
                <div class="modal-backdrop">
                    <div class="modal mapping" role="dialog" aria-modal="true" aria-labelledby="mapping-title" id="mapping-screen">
                        <h2 id="mapping-title">{t!("mapping-title")} " " <span class="file-name">{m.name.clone()}</span></h2>
                        <div class="mapping-settings">
                            <label class="field">
                                <span>{t!("ir-delimiter")}</span>
                                <select id="mapping-delimiter" on:change=move |e| {
                                    let delim = match event_target_value(&e).as_str() { "semicolon" => b';', "tab" => b'\t', "pipe" => b'|', _ => b',' };
                                    d.repreview(delim);
                                }>
                                    {[(b',', "comma"), (b';', "semicolon"), (b'\t', "tab"), (b'|', "pipe")].into_iter().map(|(d, v)| view! {
                                        <option value=v selected=opts.delimiter == d>{delimiter_name(d)}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <label class="field">
                                <span>{t!("ir-encoding")}</span>
                                <select id="mapping-encoding" on:change=move |e| {
                                    let enc = match event_target_value(&e).as_str() { "windows-1252" => Encoding::Windows1252, "utf-16le" => Encoding::Utf16Le, "utf-16be" => Encoding::Utf16Be, _ => Encoding::Utf8 };
                                    update(&|m| m.options.encoding = enc);
                                }>
                                    {[Encoding::Utf8, Encoding::Windows1252, Encoding::Utf16Le, Encoding::Utf16Be].into_iter().map(|enc| view! {
                                        <option value=enc.name() selected=opts.encoding == enc>{enc.name()}</option>
                                    }).collect_view()}
                                </select>
                            </label>
                            <label class="field">
                                <span>{t!("mapping-dates")}</span>
                                <select id="mapping-date-order" on:change=move |e| {
                                    let o = match event_target_value(&e).as_str() { "day_first" => DateOrder::DayFirst, "month_first" => DateOrder::MonthFirst, _ => DateOrder::Auto };
                                    update(&|m| m.options.date_order = o);
                                }>
                                    <option value="auto" selected=opts.date_order == DateOrder::Auto>{t!("mapping-auto")}</option>
                                    <option value="day_first" selected=opts.date_order == DateOrder::DayFirst>{t!("mapping-day-first")}</option>
                                    <option value="month_first" selected=opts.date_order == DateOrder::MonthFirst>{t!("mapping-month-first")}</option>
                                </select>
                            </label>
                            {has_lifecycle.then(|| view! {
                                <label class="field checkbox">
                                    <input type="checkbox" id="mapping-complete-only" prop:checked=opts.complete_only
                                        on:change=move |e| { let c = event_target_checked(&e); update(&|m| m.options.complete_only = c); } />
                                    <span>{t!("mapping-complete-only")}</span>
                                </label>
                            })}
                        </div>
                        <div class="table-scroll mapping-table">
                            <table class="data">
                                <thead>
                                    <tr>
                                        {columns.iter().enumerate().map(|(i, name)| {
                                            let role = opts.roles.get(i).copied().unwrap_or_default();
                                            let fmt = time_formats.get(i).cloned().flatten();
                                            view! {
                                                <th scope="col" class=format!("role-{}", role.key())>
                                                    <div class="col-name">{name.clone()}</div>
                                                    <select class="role-select" aria-label=t!("mapping-role-of", name = name.clone()) data-column=name.clone()
                                                        on:change=move |e| {
                                                            let r = ColumnRole::from_key(&event_target_value(&e)).unwrap_or_default();
                                                            update(&|m| {
                                                                if r.is_unique() {
                                                                    for x in m.options.roles.iter_mut() { if *x == r { *x = ColumnRole::Attribute; } }
                                                                }
                                                                if m.options.roles.len() <= i { m.options.roles.resize(i + 1, ColumnRole::Attribute); }
                                                                m.options.roles[i] = r;
                                                            });
                                                        }>
                                                        {ColumnRole::ALL.into_iter().map(|r| view! { <option value=r.key() selected=r == role>{column_role_label(r)}</option> }).collect_view()}
                                                    </select>
                                                    {fmt.map(|f| view! { <div class="col-format">{f}</div> })}
                                                </th>
                                            }
                                        }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {preview.iter().map(|row| view! {
                                        <tr>{(0..columns.len()).map(|i| view! { <td>{row.get(i).cloned().unwrap_or_default()}</td> }).collect_view()}</tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <div class="mapping-footer">
                            <div class="time-preview" id="time-preview">
                                {ts_col.is_some().then(|| view! {
                                    <span>{t!("mapping-time-preview",
                                        raw = parsed.first().map(|p| p.0.clone()).unwrap_or_default(),
                                        read = parsed.first().and_then(|p| p.1.clone()).unwrap_or_else(|| t!("mapping-unreadable")))}</span>
                                    <span class:warn={unreadable > 0} id="unreadable-count">{format!(" · {}", t!("mapping-unreadable-count", count = unreadable, unreadable = crate::core::format::count(unreadable as u64), total = crate::core::format::count(parsed.len() as u64)))}</span>
                                })}
                                {(!missing.is_empty()).then(|| view! { <p class="warn">{t!("mapping-choose", what = missing.join(", "))}</p> })}
                            </div>
                            <div class="actions">
                                <button class="button" on:click=move |_| cancel()>{t!("cancel")}</button>
                                <button class="button primary" id="mapping-confirm" disabled=!ready on:click=confirm>{t!("mapping-import")}</button>
                            </div>
                        </div>
                    </div>
                </div>
            }
        })}
    }
}

/// The choice for an XES log that records lifecycle transitions: keep only `complete` events (what
/// Disco and ProM show by default; each activity then appears once per execution) or every event.
#[component]
pub fn XesChoice() -> impl IntoView {
    let d = use_data_in();
    let complete_only = RwSignal::new(true);
    let cancel = move || {
        d.xes_choice.set(None);
        d.file.set_value(None);
    };
    use_modal_for(d.xes_choice, "xes-choice", cancel);
    let confirm = move |_| {
        d.xes_choice.set(None);
        d.start_import(ImportOptions {
            complete_only: complete_only.get_untracked(),
            ..Default::default()
        });
    };
    view! {
        {move || d.xes_choice.get().map(|name| view! {
            <div class="modal-backdrop">
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby="xes-choice-title" id="xes-choice">
                    <h2 id="xes-choice-title">{t!("xes-import", name = name.clone())}</h2>
                    <p>{t!("xes-lifecycle")}</p>
                    <label class="check">
                        <input type="checkbox" id="xes-complete-only"
                            prop:checked=move || complete_only.get()
                            on:change=move |e| complete_only.set(event_target_checked(&e)) />
                        " " {t!("xes-complete-only")}
                    </label>
                    <div class="actions">
                        <button class="button" on:click=move |_| cancel()>{t!("cancel")}</button>
                        <button class="button primary" id="xes-confirm" on:click=confirm>{t!("mapping-import")}</button>
                    </div>
                </div>
            </div>
        })}
    }
}
