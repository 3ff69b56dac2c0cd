//! The compliance panel: the rule packs (built in or loaded, each on or off, editable as JSON, saved to a
//! file), each rule's violations, cases, customers and amount, the first violations with their cases,
//! and the violations as CSV.

use super::figures::{money, money_raw};
use super::protocol::Drill;
use super::state::use_collections;
use crate::components::data_table::{Action, Column, DataTable, RowMark, SortKey, TableCsv};
use crate::core::files::read_chosen;
use crate::core::format;
use crate::core::modal::focus_selector;
use crate::core::{export, json};
use crate::features::explore::use_explore;
use leptos::prelude::*;
use relance_engine::collections::compliance::{RulePack, RuleResult};
use std::sync::Arc;

/// The rule packs (each on or off, editable, saveable; more loaded from a file), the rules' results,
/// and every violation's cases.
#[component]
pub fn CompliancePanel() -> impl IntoView {
    let c = use_collections();
    let s = c.core;
    let load_pack = move |ev: leptos::ev::Event| {
        read_chosen(&ev, move |name, text| {
            let Some(text) = text else {
                return s.error.set(Some(t!("pack-unreadable")));
            };
            match read_pack(&text) {
                Ok(pack) => {
                    c.packs.update(|p| p.push((pack, true)));
                    c.request();
                }
                Err(e) => s.error.set(Some(format!("{name}: {e}"))),
            }
        })
    };
    let editing = RwSignal::new(None::<(usize, String)>);
    let export = move |_| c.violations_csv();
    view! {
        <section class="panel" id="compliance-panel">
            <div class="panel-head">
                <h3>{t!("compliance-title")}</h3>
                <div class="actions">
                    <label class="button small file-button">{t!("load-pack")}
                        <input type="file" accept=".json,application/json" id="rules-input" aria-label=t!("load-pack-label") on:change=load_pack />
                    </label>
                    <button class="button small" id="violations-export" on:click=export>{t!("export-violations")}</button>
                    <TableCsv table="compliance-table" file="compliance-summary.csv" />
                </div>
            </div>
            <div class="packs">
                {move || c.packs.get().into_iter().enumerate().map(|(i, (pack, on))| {
                    let name = pack.name.clone();
                    let shown = pack.name_in(crate::core::i18n::language()).to_string();
                    let json = pack.to_json();
                    let file = format!("{}.json", name.to_lowercase().replace([' ', '/'], "-"));
                    view! {
                        <span class="pack">
                            <label><input type="checkbox" prop:checked=on on:change=move |e| {
                                let checked = event_target_checked(&e);
                                c.packs.update(|p| if let Some(x) = p.get_mut(i) { x.1 = checked });
                                c.request();
                            } />{shown}</label>
                            <button class="button small" data-pack-edit=i.to_string() on:click=move |_| editing.set(Some((i, json.clone())))>{t!("edit")}</button>
                            <button class="button small" on:click={
                                let pack = pack.clone();
                                move |_| export::download_text(&file, "application/json", &pack.to_json())
                            }>{t!("save")}</button>
                        </span>
                    }
                }).collect_view()}
            </div>
            {move || editing.get().map(|(i, text)| {
                let buffer = RwSignal::new(text);
                // Focus goes to the text when the editor opens and back to its Edit button when it closes.
                request_animation_frame(|| focus_selector("#pack-editor-text"));
                let close = move || {
                    editing.set(None);
                    request_animation_frame(move || focus_selector(&format!("[data-pack-edit=\"{i}\"]")));
                };
                view! {
                    <div class="pack-editor" role="group" aria-label=t!("edit-pack") on:keydown=move |e| {
                        if e.key() == "Escape" {
                            e.prevent_default();
                            close();
                        }
                    }>
                        <textarea rows="14" id="pack-editor-text" aria-label=t!("pack-json") prop:value=move || buffer.get()
                            on:input=move |e| buffer.set(event_target_value(&e))></textarea>
                        <div class="actions">
                            <button class="button" on:click=move |_| close()>{t!("cancel")}</button>
                            <button class="button primary" on:click=move |_| match read_pack(&buffer.get_untracked()) {
                                Ok(p) => {
                                    c.packs.update(|ps| if let Some(x) = ps.get_mut(i) { x.0 = p });
                                    close();
                                    c.request();
                                }
                                Err(e) => s.error.set(Some(e.to_string())),
                            }>{t!("apply")}</button>
                        </div>
                    </div>
                }
            })}
            {move || c.page.get().map(|p| {
                let has = p.report.kpis.has_amounts;
                rules_table(p.report.compliance, has)
            })}
        </section>
    }
}

/// One row per rule: its title, pack, notes and first violations; its source; the counts.
fn rules_table(rules: Vec<RuleResult>, has_amounts: bool) -> impl IntoView {
    let c = use_collections();
    let explore = use_explore();
    let lang = crate::core::i18n::language();
    // An amount in euros when the rule's title says so, even in a log without amounts.
    let euros = move |r: &RuleResult| has_amounts || r.title.contains("EUR");
    let columns = vec![
        Column::view(
            t!("col-rule"),
            move |r: &RuleResult| {
                let first: Vec<_> = r.details.iter().take(25).cloned().collect();
                let total = r.violations;
                view! {
                    {r.title_in(lang).to_string()}<div class="muted small">{r.pack_in(lang).to_string()}</div>
                    {(!r.notes.is_empty()).then(|| view! {
                        <details class="rule-notes">
                            <summary class="small">{t!("cannot-see")}</summary>
                            <ul>{r.notes_in(lang).into_iter().map(|n| view! { <li class="small">{n}</li> }).collect_view()}</ul>
                        </details>
                    })}
                    {(!first.is_empty()).then(|| view! {
                        <details class="violations">
                            <summary class="small">{t!("first-of", shown = format::count(first.len() as u64), total = format::count(total))}</summary>
                            <ul>{first.into_iter().map(|v| {
                                let id = v.case.clone();
                                view! {
                                    <li class="small">
                                        <button class="link" on:click=move |_| explore.open_case(id.clone())>{v.case.clone()}</button>
                                        {format!(" {} {} {}", v.customer, v.time, v.detail)}
                                    </li>
                                }
                            }).collect_view()}</ul>
                        </details>
                    })}
                }
                .into_any()
            },
            move |r: &RuleResult| r.title_in(lang).to_string(),
            move |r: &RuleResult| SortKey::Text(r.title_in(lang).to_string()),
        ),
        Column::text(t!("col-source"), move |r: &RuleResult| {
            r.source_in(lang).to_string()
        })
        .class("small"),
        // A rule the log could not answer shows a dash, not 0 (its notes say why).
        Column::view(
            t!("col-violations"),
            |r: &RuleResult| {
                if r.checked {
                    crate::core::format::count(r.violations).into_any()
                } else {
                    "–".into_any()
                }
            },
            |r: &RuleResult| {
                if r.checked {
                    r.violations.to_string()
                } else {
                    String::new()
                }
            },
            |r: &RuleResult| {
                SortKey::Num(if r.checked {
                    r.violations as f64
                } else {
                    f64::NAN
                })
            },
        )
        .numeric()
        .class("violations"),
        Column::count(t!("col-cases"), |r: &RuleResult| r.case_count),
        Column::count(t!("col-customers"), |r: &RuleResult| r.customer_count),
        Column::view(
            t!("col-amount"),
            move |r: &RuleResult| money(r.amount, euros(r)).into_any(),
            move |r: &RuleResult| money_raw(r.amount, euros(r)),
            |r: &RuleResult| SortKey::Num(r.amount),
        )
        .numeric(),
    ];
    let show = Action::new(t!("show-cases"), move |r: &RuleResult| {
        c.drill(Drill::Rule {
            pack: r.pack.clone(),
            rule: r.rule.clone(),
            label: t!("violations-of", rule = r.title_in(lang).to_string()),
        })
    })
    .class("show-cases")
    .when(|r: &RuleResult| r.case_count > 0);
    let mark = Arc::new(|r: &RuleResult| RowMark {
        class: if !r.checked {
            "unchecked"
        } else if r.violations == 0 {
            "ok"
        } else {
            ""
        },
        data: vec![("data-rule", r.rule.clone())],
        picked: None,
    });
    view! { <DataTable id="compliance-table" columns=columns rows=rules actions=vec![show] mark=mark /> }
}

/// A rule pack from its JSON, checked ([`RulePack::validate`]).
pub fn read_pack(text: &str) -> Result<RulePack, relance_engine::Error> {
    let pack: RulePack = json::read(text, "rule pack")?;
    pack.validate()?;
    Ok(pack)
}
