//! The collections view: receivables KPIs with their definitions, DSO by month, aging at a chosen date,
//! dunning effectiveness by level and channel, disputes, cash application, promises, a breakdown of the
//! headline measures by any attribute, the activity-role mapping, and the compliance panel. Every number
//! comes from the engine; every row can be drilled into (it becomes a case filter for every view).

use crate::components::export_buttons::{ChartExport, TableCsv};
use crate::components::modal::focus_selector;
use crate::export;
use crate::format;
use crate::state::{add_filter, drill, open_case, request_collections, use_app_state};
use crate::worker::charts::DSO_SERIES;
use crate::worker::protocol::Drill;
use leptos::prelude::*;
use relance_engine::collections::availability::Unavailable;
use relance_engine::collections::compliance::{violations_csv, RulePack};
use relance_engine::collections::{ActivityRole, CollectionsReport, RoleMap};
use relance_engine::filter::Filter;
use wasm_bindgen::JsCast;

fn days(x: f64) -> String {
    if x.is_finite() {
        t!("days-short", value = format::decimal(x, 1))
    } else {
        "–".into()
    }
}

/// A setting in days as the user typed it: `14`, `10.5` (`10,5` in French).
fn setting_days(x: f64) -> String {
    format::decimal(x, if x.fract() == 0.0 { 0 } else { 1 })
}

/// A figure already in percent (CEI): `87.5 %`.
fn percent_points(x: f64) -> String {
    if x.is_finite() {
        format!("{}\u{a0}%", format::decimal(x, 1))
    } else {
        "–".into()
    }
}

fn money(x: f64, has_amounts: bool) -> String {
    if !has_amounts {
        return t!("invoices-short", count = format::count(x as u64));
    }
    if !x.is_finite() {
        return "–".into();
    }
    let whole = format::count(x.abs().round() as u64);
    if x < 0.0 {
        format!("−{whole}")
    } else {
        whole
    }
}

/// A count the engine may not have (its roles are not recognised: see the report's `unavailable`).
fn count_or_na(x: Option<u64>) -> String {
    x.map_or_else(|| t!("n-a"), format::count)
}

/// The raw value behind [`money`], for CSV exports.
fn money_raw(x: f64, has_amounts: bool) -> String {
    if has_amounts {
        format::raw::num(x, 2)
    } else {
        (x as u64).to_string()
    }
}

/// A KPI tile with its definition as a tooltip and visible on focus.
#[component]
fn Kpi(
    label: String,
    value: String,
    definition: String,
    #[prop(optional)] id: &'static str,
    /// Why the figure cannot be computed (a role or a column is missing): shown instead of a number,
    /// with a way to the roles editor.
    #[prop(optional_no_strip)]
    unavailable: Option<String>,
) -> impl IntoView {
    let title = definition.clone();
    match unavailable {
        None => view! {
            <div class="tile kpi" title=title tabindex="0">
                <div class="tile-value" id=id>{value}</div>
                <div class="tile-label">{label}</div>
                <div class="definition">{definition}</div>
            </div>
        }
        .into_any(),
        Some(reason) => view! {
            <div class="tile kpi unavailable" title=title tabindex="0">
                <div class="tile-value na" id=id>{t!("not-available")}</div>
                <div class="tile-label">{label}</div>
                <div class="na-reason">{reason}</div>
                <button class="button small link" on:click=|_| open_roles_editor()>{t!("map-the-activities")}</button>
            </div>
        }
        .into_any(),
    }
}

/// Scrolls to the activity-roles table and puts the keyboard focus on its first choice.
fn open_roles_editor() {
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

/// Why a figure is not available, from the report's list: the entry for the figure itself or for a
/// figure it belongs to (`kpis.credit` covers `kpis.credit.approved`).
fn na(r: &CollectionsReport, figure: &str) -> Option<String> {
    r.unavailable
        .iter()
        .find(|u| {
            u.figure == figure
                || figure
                    .strip_prefix(u.figure.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
        .map(|u| t!("na-reason", why = reason(u)))
}

/// Why a figure is not available, in the interface's language: from the reason's code and roles
/// when the engine gives them, else the engine's English words.
fn reason(u: &Unavailable) -> String {
    use relance_engine::collections::availability::code;
    let roles = || {
        let names: Vec<String> = u
            .roles
            .iter()
            .map(|&r| match r {
                ActivityRole::Reminder { .. } => t!("role-reminder-any"),
                r => role_label(r).to_lowercase(),
            })
            .collect();
        names
            .into_iter()
            .reduce(|first, second| t!("roles-or", first = first, second = second))
            .unwrap_or_default()
    };
    let key = match u.code.as_str() {
        "" => return u.reason.clone(),
        code::NOT_RECOGNISED => return t!("na-not-recognised", roles = roles()),
        code::NO_DUE_DATE => return t!("na-no-due-date", roles = roles()),
        code::NEVER_CLOSES => return t!("na-never-closes", roles = roles()),
        other => format!("na-{}", other.replace('_', "-")),
    };
    match t!(&key) {
        // A code this version of the app does not know: the engine's words.
        text if text == key => u.reason.clone(),
        text => text,
    }
}

/// An activity role in words, in the interface's language.
fn role_label(r: ActivityRole) -> String {
    match r {
        ActivityRole::Reminder { level } => t!("role-reminder", level = level.to_string()),
        r => t!(&format!("role-{}", r.key())),
    }
}

/// The collections screen.
#[component]
pub fn CollectionsView() -> impl IntoView {
    let s = use_app_state();
    // Ask once when the view opens without data (later requests follow filters and settings).
    Effect::new(move |_| {
        if s.collections.with_untracked(|c| c.is_none()) && s.loaded.with(|l| l.is_some()) {
            request_collections(s);
        }
    });
    view! {
        <div class="collections">
            <CollectionsSettingsBar />
            {move || match s.collections.get() {
                None => view! { <p class="placeholder">{t!("coll-computing")}</p> }.into_any(),
                Some(page) => {
                    let r = page.report.clone();
                    let k = r.kpis.clone();
                    let has = k.has_amounts;
                    let last = k.dso_monthly.iter().rev().find(|m| m.dso_simple.is_finite()).cloned();
                    let no_roles = r.mapping.activities.values().all(|r| *r == ActivityRole::Other);
                    view! {
                        {(!r.notes.is_empty()).then(|| view! {
                            <ul class="notes small" id="collections-notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                        })}
                        {no_roles.then(|| view! {
                            <div class="banner warn-banner">{t!("coll-no-roles")}</div>
                        })}
                        <section class="tiles kpis" aria-label=t!("coll-key-figures")>
                            <Kpi label=t!("kpi-on-time") id="kpi-on-time" value=format::percent(k.on_time_payment_rate) unavailable=na(&r, "kpis.on_time_payment_rate")
                                definition=t!("kpi-on-time-def") />
                            <Kpi label=t!("kpi-itc") id="kpi-itc" value=days(k.invoice_to_cash_days.median) unavailable=na(&r, "kpis.invoice_to_cash_days")
                                definition=t!("kpi-itc-def") />
                            <Kpi label=t!("kpi-itc-p90") value=days(k.invoice_to_cash_days.p90) unavailable=na(&r, "kpis.invoice_to_cash_days")
                                definition=t!("kpi-itc-p90-def") />
                            <Kpi label=t!("dso-simple") id="kpi-dso" value=last.as_ref().map(|m| days(m.dso_simple)).unwrap_or_default() unavailable=na(&r, "kpis.dso_monthly")
                                definition=t!("kpi-dso-def") />
                            <Kpi label=t!("kpi-countback") value=last.as_ref().map(|m| days(m.dso_countback)).unwrap_or_default() unavailable=na(&r, "kpis.dso_monthly")
                                definition=t!("kpi-countback-def") />
                            <Kpi label=t!("dso-best-possible") value=last.as_ref().map(|m| days(m.bpdso)).unwrap_or_default() unavailable=na(&r, "kpis.dso_monthly")
                                definition=t!("kpi-bpdso-def") />
                            <Kpi label=t!("dso-add") value=last.as_ref().map(|m| days(m.add)).unwrap_or_default() unavailable=na(&r, "kpis.dso_monthly")
                                definition=t!("kpi-add-def") />
                            <Kpi label=t!("kpi-cei") id="kpi-cei" value=percent_points(k.cei) unavailable=na(&r, "kpis.cei")
                                definition=t!("kpi-cei-def") />
                            <Kpi label=t!("kpi-written-off") id="kpi-writeoffs" value=format!("{} · {}", count_or_na(k.write_offs.invoices), format::percent(k.write_offs.rate)) unavailable=na(&r, "kpis.write_offs")
                                definition=t!("kpi-written-off-def") />
                            <Kpi label=t!("kpi-reissued") value=count_or_na(r.rework.cancelled_and_reissued_cases) unavailable=na(&r, "rework")
                                definition=t!("kpi-reissued-def") />
                            <Kpi label=t!("kpi-credit") value=days(k.credit.median_days) unavailable=na(&r, "kpis.credit")
                                definition=t!("kpi-credit-def") />
                        </section>
                        <p class="muted">
                            {t!("coll-summary", count = k.invoices, invoices = format::count(k.invoices), as_of = format::iso(&k.as_of),
                                written_off = money(k.write_offs.amount, has), via_agency = format::percent(k.write_offs.via_agency_share),
                                requests = count_or_na(k.credit.requests), approved = count_or_na(k.credit.approved), rejected = count_or_na(k.credit.rejected))}
                            " "
                            <button class="button small" on:click=move |_| drill(s, Drill::WriteOffs)>{t!("drill-written-off")}</button>
                            " "
                            <button class="button small" on:click=move |_| drill(s, Drill::PaidLate)>{t!("drill-late")}</button>
                            " "
                            <button class="button small" id="drill-slowest" on:click=move |_| drill(s, Drill::SlowestToCash)>{t!("drill-slowest")}</button>
                            " "
                            <button class="button small" on:click=move |_| drill(s, Drill::Reissued)>{t!("drill-reissued")}</button>
                        </p>
                        <div class="two-col">
                            <figure class="panel">
                                <figcaption>{t!("dso-chart-title")} " " <ChartExport svg=page.dso_svg.clone() name="dso" /></figcaption>
                                <div inner_html=page.dso_svg.clone()></div>
                                <p class="legend" id="dso-legend">
                                    {DSO_SERIES.iter().map(|(name, c, _)| view! {
                                        <span class="legend-item">
                                            <span class="swatch" style=format!("background:#{:02x}{:02x}{:02x}", c.0, c.1, c.2)></span>{t!(*name)}
                                        </span>
                                    }).collect_view()}
                                </p>
                                <details class="definition-box" id="dso-definition">
                                    <summary>{t!("receivable-what")}</summary>
                                    <p class="small">{t!("receivable-definition")}</p>
                                </details>
                                <DsoTable months=k.dso_monthly.clone() />
                            </figure>
                            <AgingPanel />
                        </div>
                        <DunningPanel />
                        <div class="two-col">
                            <DisputesPanel />
                            <CashPanel />
                        </div>
                        <PromisesPanel />
                        <BreakdownPanel />
                        <CompliancePanel />
                        <MappingPanel />
                    }.into_any()
                }
            }}
        </div>
    }
}

/// The figures behind the DSO chart, month by month.
#[component]
fn DsoTable(months: Vec<relance_engine::collections::kpi::DsoMonth>) -> impl IntoView {
    let s = use_app_state();
    view! {
        <details class="dso-months">
            <summary>{t!("monthly-figures")}</summary>
            <div class="panel-head"><span></span><TableCsv table="dso-table" file="dso-by-month.csv" /></div>
            <div class="table-scroll dso-table-scroll">
                <table class="data" id="dso-table">
                    <thead><tr>
                        <th scope="col">{t!("col-month")}</th>
                        <th scope="col" class="num" data-csv="DSO simple (days)">{t!("dso-simple")}</th>
                        <th scope="col" class="num" data-csv="Countback DSO (days)">{t!("col-countback")}</th>
                        <th scope="col" class="num" data-csv="Best possible DSO (days)">"BPDSO"</th>
                        <th scope="col" class="num" data-csv="Average days delinquent (days)">"ADD"</th>
                        <th scope="col" aria-label=t!("col-cases")></th>
                    </tr></thead>
                    <tbody>
                        {months.into_iter().rev().map(|m| {
                            let (open, due) = (m.month.clone(), m.month.clone());
                            view! {
                                <tr>
                                    <td>{m.month.clone()}</td>
                                    <td class="num" data-csv=format::raw::days(m.dso_simple)>{days(m.dso_simple)}</td>
                                    <td class="num" data-csv=format::raw::days(m.dso_countback)>{days(m.dso_countback)}</td>
                                    <td class="num" data-csv=format::raw::days(m.bpdso)>{days(m.bpdso)}</td>
                                    <td class="num" data-csv=format::raw::days(m.add)>{days(m.add)}</td>
                                    <td class="actions">
                                        <button class="button small drill-open" title=t!("drill-open-title")
                                            on:click=move |_| drill(s, Drill::Receivables { month: open.clone(), past_due: false })>{t!("drill-open")}</button>
                                        " "
                                        <button class="button small drill-past-due" title=t!("drill-past-due-title")
                                            on:click=move |_| drill(s, Drill::Receivables { month: due.clone(), past_due: true })>{t!("drill-past-due")}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// Window, grace and rule-pack settings.
#[component]
fn CollectionsSettingsBar() -> impl IntoView {
    let s = use_app_state();
    // The engine's check (finite, 0 to 3650 days): `inf` or `1e300` used to overflow the windows.
    let set_num = move |label: &str,
                        f: fn(&mut relance_engine::collections::CollectionsSettings, f64),
                        v: String| {
        let checked = v
            .trim()
            .parse::<f64>()
            .map_err(|_| t!("not-a-number", label = label.to_string(), value = v.clone()))
            .and_then(|x| {
                relance_engine::validate::days_field(
                    label,
                    x,
                    relance_engine::validate::MAX_SETTING_DAYS,
                )
                .map(|_| x)
                // The engine's check, said in the interface's language.
                .map_err(|_| {
                    t!(
                        "setting-days-range",
                        label = label.to_string(),
                        max = format::decimal(relance_engine::validate::MAX_SETTING_DAYS, 0),
                        value = v.trim().to_string()
                    )
                })
            });
        match checked {
            Ok(x) => {
                s.collections_settings.update(|st| f(st, x));
                request_collections(s);
            }
            Err(m) => s.error.set(Some(m)),
        }
    };
    view! {
        <div class="panel settings-bar">
            <label class="field inline">
                <span>{t!("dunning-window")}</span>
                <input type="number" min="1" max="120" id="window-days"
                    prop:value=move || s.collections_settings.get().window_days.to_string()
                    on:change=move |e| set_num(&t!("dunning-window"), |st, x| st.window_days = x, event_target_value(&e)) />
            </label>
            <label class="field inline">
                <span>{t!("promise-grace")}</span>
                <input type="number" min="0" max="60" id="grace-days"
                    prop:value=move || s.collections_settings.get().promise_grace_days.to_string()
                    on:change=move |e| set_num(&t!("promise-grace"), |st, x| st.promise_grace_days = x, event_target_value(&e)) />
            </label>
            <span class="muted">{t!("follows-filters")}</span>
        </div>
    }
}

#[component]
fn AgingPanel() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("aging-title")} " " <TableCsv table="aging-table" file="aging.csv" /></h3>
                <label class="field inline">
                    <span>{t!("aging-at")}</span>
                    <input type="date" id="aging-date"
                        prop:value=move || s.collections.get().map(|p| p.aging_at.chars().take(10).collect::<String>()).unwrap_or_default()
                        on:change=move |e| {
                            let v = event_target_value(&e);
                            let ms = relance_engine::import::timestamp::parse_timestamp(&v, relance_engine::import::DateOrder::Auto)
                                .map(|p| p.ms + 86_400_000 - 1);
                            s.aging_at.set(ms);
                            request_collections(s);
                        } />
                </label>
            </div>
            {move || s.collections.get().map(|p| {
                let has = p.report.kpis.has_amounts;
                view! {
                    <table class="data" id="aging-table">
                        <thead><tr><th scope="col">{t!("col-days-past-due")}</th><th scope="col" class="num">{t!("col-invoices")}</th><th scope="col" class="num">{t!("col-amount")}</th><th></th></tr></thead>
                        <tbody>
                            {p.aging.iter().map(|b| {
                                let bucket = b.bucket.clone();
                                view! {
                                    <tr>
                                        <td>{if b.bucket == "current" { t!("aging-current") } else { b.bucket.clone() }}</td>
                                        <td class="num">{format::count(b.invoices)}</td>
                                        <td class="num" data-csv=money_raw(b.amount, has)>{money(b.amount, has)}</td>
                                        <td><button class="button small" on:click=move |_| drill(s, Drill::Aging { bucket: bucket.clone() })>{t!("cases-button")}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

#[component]
fn DunningPanel() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel" id="dunning-panel">
            <div class="panel-head">
                <h3>{move || t!("dunning-title", days = setting_days(s.collections_settings.get().window_days))}</h3>
                <TableCsv table="dunning-table" file="dunning.csv" />
            </div>
            {move || s.collections.get().map(|p| view! {
                <table class="data" id="dunning-table">
                    <thead><tr>
                        <th scope="col">{t!("col-step")}</th><th scope="col">{t!("col-level")}</th><th scope="col">{t!("col-channel")}</th>
                        <th scope="col" class="num">{t!("col-sent")}</th><th scope="col" class="num">{t!("col-paid-in-window")}</th><th scope="col" data-csv="Rate (%)">{t!("col-rate")}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {p.report.dunning.iter().map(|d| {
                            let (activity, channel, level) = (d.activity.clone(), d.channel.clone(), d.level);
                            view! {
                                <tr data-level=d.level.to_string() data-channel=d.channel.clone()>
                                    <td>{d.activity.clone()}</td>
                                    <td>{if d.level == 99 { t!("level-final") } else { d.level.to_string() }}</td>
                                    <td>{d.channel.clone()}</td>
                                    <td class="num">{format::count(d.sent)}</td>
                                    <td class="num">{format::count(d.paid_within_window)}</td>
                                    <td class="rate" data-csv=format::raw::percent(d.rate)><span class="bar" style=format!("width:{:.0}%", d.rate * 100.0)></span><span class="rate-text">{format::percent(d.rate)}</span></td>
                                    <td><button class="button small" on:click=move |_| drill(s, Drill::DunningUnpaid { activity: activity.clone(), channel: channel.clone(), level })>{t!("unpaid-cases")}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn DisputesPanel() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel" id="disputes-panel">
            <div class="panel-head"><h3>{t!("disputes-title")}</h3><TableCsv table="disputes-table" file="disputes.csv" /></div>
            {move || s.collections.get().map(|p| view! {
                <table class="data" id="disputes-table">
                    <thead><tr>
                        <th scope="col">{t!("col-reason")}</th><th scope="col" class="num">{t!("col-resolved")}</th><th scope="col" class="num" data-csv="Median (days)">{t!("col-median")}</th>
                        <th scope="col" class="num" data-csv="p90 (days)">"p90"</th><th scope="col" class="num">{t!("drill-open")}</th><th scope="col" class="num" data-csv="Open age (days)">{t!("col-open-age")}</th><th scope="col" class="num" data-csv="Credit note (%)">{t!("col-credit-note")}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {p.report.disputes.iter().map(|d| {
                            let reason = d.reason.clone();
                            view! {
                                <tr>
                                    <td>{d.reason.clone()}</td>
                                    <td class="num">{format::count(d.resolved)}</td>
                                    <td class="num median" data-csv=format::raw::days(d.median_days)>{days(d.median_days)}</td>
                                    <td class="num" data-csv=format::raw::days(d.p90_days)>{days(d.p90_days)}</td>
                                    <td class="num">{format::count(d.open)}</td>
                                    <td class="num" data-csv=format::raw::days(d.open_median_age_days)>{days(d.open_median_age_days)}</td>
                                    <td class="num" data-csv=format::raw::percent(d.credit_note_share)>{format::percent(d.credit_note_share)}</td>
                                    <td><button class="button small" on:click=move |_| drill(s, Drill::Disputes { reason: reason.clone() })>{t!("cases-button")}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn CashPanel() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel" id="cash-panel">
            <div class="panel-head"><h3>{t!("cash-title")}</h3><TableCsv table="cash-table" file="cash-application.csv" /></div>
            {move || s.collections.get().map(|p| view! {
                <table class="data" id="cash-table">
                    <thead><tr><th scope="col">{t!("col-posted-by")}</th><th scope="col" class="num">{t!("col-payments")}</th><th scope="col" class="num" data-csv="Median lag (days)">{t!("col-median-lag")}</th><th scope="col" class="num" data-csv="p90 lag (days)">{t!("col-p90-lag")}</th><th></th></tr></thead>
                    <tbody>
                        {p.report.cash_application.iter().map(|c| {
                            let who = c.resource.clone();
                            view! {
                                <tr>
                                    <td>{c.resource.clone()}</td>
                                    <td class="num">{format::count(c.payments)}</td>
                                    <td class="num median" data-csv=format::raw::days(c.median_lag_days)>{days(c.median_lag_days)}</td>
                                    <td class="num" data-csv=format::raw::days(c.p90_lag_days)>{days(c.p90_lag_days)}</td>
                                    <td><button class="button small" on:click=move |_| drill(s, Drill::Cash { resource: who.clone() })>{t!("cases-button")}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn PromisesPanel() -> impl IntoView {
    let s = use_app_state();
    let table = move |rows: Vec<relance_engine::collections::promises::PromiseRow>,
                      label: String,
                      by_agent: bool| {
        let id = if by_agent {
            "promises-agent-table"
        } else {
            "promises-segment-table"
        };
        let file = if by_agent {
            "promises-by-agent.csv"
        } else {
            "promises-by-segment.csv"
        };
        view! {
            <div class="panel-head"><span></span><TableCsv table=id file=file /></div>
            <table class="data promises" id=id>
                <thead><tr><th scope="col">{label}</th><th scope="col" class="num">{t!("col-promises")}</th><th scope="col" class="num">{t!("col-kept")}</th><th scope="col" class="num">{t!("col-broken")}</th><th scope="col" data-csv="Kept rate (%)">{t!("col-kept-rate")}</th><th scope="col" class="num">{t!("col-pending")}</th><th></th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| {
                        let key = p.segment.clone();
                        view! {
                            <tr>
                                <td>{p.segment.clone()}</td>
                                <td class="num">{format::count(p.promises)}</td>
                                <td class="num">{format::count(p.kept)}</td>
                                <td class="num broken">{format::count(p.broken)}</td>
                                <td class="rate" data-csv=format::raw::percent(p.rate)><span class="bar" style=format!("width:{:.0}%", p.rate.max(0.0) * 100.0)></span><span class="rate-text">{format::percent(p.rate)}</span></td>
                                <td class="num">{format::count(p.pending)}</td>
                                <td><button class="button small" aria-label=t!("broken-cases-label", group = p.segment.clone()) on:click=move |_| drill(s, Drill::PromisesBroken { group: key.clone(), by_agent })>{t!("broken-cases")}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <section class="panel" id="promises-panel">
            <h3>{move || t!("promises-title", days = setting_days(s.collections_settings.get().promise_grace_days))}</h3>
            {move || s.collections.get().map(|p| view! {
                <div class="two-col">
                    <div id="promises-by-segment">{table(p.report.promises.clone(), t!("col-segment"), false)}</div>
                    <div id="promises-by-agent">{table(p.report.promises_by_agent.clone(), t!("col-agent"), true)}</div>
                </div>
            })}
        </section>
    }
}

#[component]
fn BreakdownPanel() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel" id="breakdown-panel">
            <div class="panel-head">
                <h3>{t!("breakdown-title")} " " <TableCsv table="breakdown-table" file="breakdown.csv" /></h3>
                <label class="field inline">
                    <span>{t!("breakdown-by")}</span>
                    <select id="breakdown-by" on:change=move |e| {
                        let v = event_target_value(&e);
                        s.breakdown_by.set((!v.is_empty()).then_some(v));
                        request_collections(s);
                    }>
                        <option value="">{t!("choose-attribute")}</option>
                        {move || s.collections.get().map(|p| {
                            let current = s.breakdown_by.get_untracked().unwrap_or_default();
                            p.attributes.iter().map(|a| view! { <option value=a.clone() selected=*a == current>{a.clone()}</option> }).collect_view()
                        })}
                    </select>
                </label>
            </div>
            {move || s.collections.get().filter(|p| !p.breakdown.is_empty()).map(|p| {
                let has = p.report.kpis.has_amounts;
                view! {
                    <div class="table-scroll">
                    <table class="data" id="breakdown-table">
                        <thead><tr>
                            <th scope="col">{p.breakdown_by.clone().unwrap_or_default()}</th><th scope="col" class="num">{t!("col-invoices")}</th><th scope="col" class="num">{t!("col-amount")}</th>
                            <th scope="col" class="num" data-csv="On time (%)">{t!("col-on-time")}</th><th scope="col" class="num" data-csv="Invoice to cash (median days)">{t!("col-itc")}</th><th scope="col" class="num">{t!("col-days-late")}</th>
                            <th scope="col" class="num" data-csv="Written off (%)">{t!("col-written-off")}</th><th scope="col" class="num">{t!("drill-open")}</th>
                            <th scope="col" class="num" data-csv="Invoice to cash p90 (days)" title=t!("tip-to-cash-p90")>{t!("col-to-cash-p90")}</th>
                            <th scope="col" class="num" data-csv="DSO (days)" title=t!("tip-dso")>"DSO"</th>
                            <th scope="col" class="num" data-csv="Countback DSO (days)">{t!("col-countback")}</th>
                            <th scope="col" class="num" data-csv="ADD (days)" title=t!("tip-add")>"ADD"</th>
                            <th scope="col" class="num" data-csv="CEI (%)" title=t!("tip-cei")>"CEI"</th>
                            <th scope="col" class="num" data-csv="Reminders">{t!("col-reminders")}</th>
                            <th scope="col" class="num" data-csv="Paid after reminder (%)" title=t!("tip-paid-after-reminder")>{t!("col-paid-after-reminder")}</th>
                            <th scope="col" class="num" data-csv="Disputes">{t!("col-disputes")}</th>
                            <th scope="col" class="num" data-csv="Open disputes">{t!("col-open-disputes")}</th>
                            <th scope="col" class="num" data-csv="Posting lag (median days)" title=t!("tip-posting-lag")>{t!("col-posting-lag")}</th>
                            <th scope="col" class="num" data-csv="Promises">{t!("col-promises")}</th>
                            <th scope="col" class="num" data-csv="Promises kept (%)">{t!("col-kept")}</th>
                            <th scope="col" class="num" data-csv="Credit decision (median days)">{t!("col-credit-decision")}</th>
                            <th scope="col" class="num" data-csv="Re-issued">{t!("col-reissued")}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>
                            {p.breakdown.iter().map(|b| {
                                let value = b.value.clone();
                                view! {
                                    <tr>
                                        <td>{b.value.clone()}</td>
                                        <td class="num">{format::count(b.invoices)}</td>
                                        <td class="num" data-csv=money_raw(b.amount, has)>{money(b.amount, has)}</td>
                                        <td class="num" data-csv=format::raw::percent(b.on_time_payment_rate)>{format::percent(b.on_time_payment_rate)}</td>
                                        <td class="num" data-csv=format::raw::days(b.invoice_to_cash_median_days)>{days(b.invoice_to_cash_median_days)}</td>
                                        <td class="num" data-csv=format::raw::days(b.median_days_late)>{days(b.median_days_late)}</td>
                                        <td class="num" data-csv=format::raw::percent(b.write_off_rate)>{format::percent(b.write_off_rate)}</td>
                                        <td class="num" data-csv=money_raw(b.open_amount, has)>{money(b.open_amount, has)}</td>
                                        <td class="num" data-csv=format::raw::days(b.invoice_to_cash_p90_days)>{days(b.invoice_to_cash_p90_days)}</td>
                                        <td class="num" data-csv=format::raw::days(b.dso_simple)>{days(b.dso_simple)}</td>
                                        <td class="num" data-csv=format::raw::days(b.dso_countback)>{days(b.dso_countback)}</td>
                                        <td class="num" data-csv=format::raw::days(b.add)>{days(b.add)}</td>
                                        <td class="num" data-csv=format::raw::days(b.cei)>{percent_points(b.cei)}</td>
                                        <td class="num">{format::count(b.reminders)}</td>
                                        <td class="num" data-csv=format::raw::percent(b.dunning_rate)>{format::percent(b.dunning_rate)}</td>
                                        <td class="num">{format::count(b.disputes)}</td>
                                        <td class="num">{format::count(b.open_disputes)}</td>
                                        <td class="num" data-csv=format::raw::days(b.posting_lag_median_days)>{days(b.posting_lag_median_days)}</td>
                                        <td class="num">{format::count(b.promises)}</td>
                                        <td class="num" data-csv=format::raw::percent(b.promise_kept_rate)>{format::percent(b.promise_kept_rate)}</td>
                                        <td class="num" data-csv=format::raw::days(b.credit_decision_median_days)>{days(b.credit_decision_median_days)}</td>
                                        <td class="num">{format::count(b.reissued)}</td>
                                        <td><button class="button small" on:click=move |_| drill(s, Drill::Breakdown { value: value.clone() })>{t!("cases-button")}</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn CompliancePanel() -> impl IntoView {
    let s = use_app_state();
    let load_pack = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
            {
                Some(t) => t,
                None => return s.error.set(Some(t!("pack-unreadable"))),
            };
            match RulePack::from_json(&text) {
                Ok(pack) => {
                    s.packs.update(|p| p.push((pack, true)));
                    request_collections(s);
                }
                Err(e) => s.error.set(Some(format!("{}: {e}", file.name()))),
            }
        });
    };
    let editing = RwSignal::new(None::<(usize, String)>);
    let export = move |_| {
        if let Some(p) = s.collections.get_untracked() {
            export::download_text(
                "violations.csv",
                "text/csv",
                &violations_csv(&p.report.compliance),
            );
        }
    };
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
                {move || s.packs.get().into_iter().enumerate().map(|(i, (pack, on))| {
                    let name = pack.name.clone();
                    let shown = pack.name_in(crate::i18n::language()).to_string();
                    let json = pack.to_json();
                    let file = format!("{}.json", name.to_lowercase().replace([' ', '/'], "-"));
                    view! {
                        <span class="pack">
                            <label><input type="checkbox" prop:checked=on on:change=move |e| {
                                let c = event_target_checked(&e);
                                s.packs.update(|p| p[i].1 = c);
                                request_collections(s);
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
                            <button class="button primary" on:click=move |_| match RulePack::from_json(&buffer.get_untracked()) {
                                Ok(p) => {
                                    s.packs.update(|ps| ps[i].0 = p);
                                    close();
                                    request_collections(s);
                                }
                                Err(e) => s.error.set(Some(e.to_string())),
                            }>{t!("apply")}</button>
                        </div>
                    </div>
                }
            })}
            {move || s.collections.get().map(|p| {
                let has = p.report.kpis.has_amounts;
                view! {
                    <table class="data" id="compliance-table">
                        <thead><tr>
                            <th scope="col">{t!("col-rule")}</th><th scope="col">{t!("col-source")}</th><th scope="col" class="num">{t!("col-violations")}</th>
                            <th scope="col" class="num">{t!("col-cases")}</th><th scope="col" class="num">{t!("col-customers")}</th><th scope="col" class="num">{t!("col-amount")}</th><th></th>
                        </tr></thead>
                        <tbody>
                            {p.report.compliance.iter().map(|c| {
                                let ids = c.cases.clone();
                                let lang = crate::i18n::language();
                                let title = c.title.clone();
                                let rule_title = c.title_in(lang).to_string();
                                view! {
                                    <tr class:ok={c.violations == 0} data-rule=c.rule.clone()>
                                        <td>
                                            {c.title_in(lang).to_string()}<div class="muted small">{c.pack_in(lang).to_string()}</div>
                                            {(!c.notes.is_empty()).then(|| view! {
                                                <details class="rule-notes">
                                                    <summary class="small">{t!("cannot-see")}</summary>
                                                    <ul>{c.notes_in(lang).into_iter().map(|n| view! { <li class="small">{n}</li> }).collect_view()}</ul>
                                                </details>
                                            })}
                                            {(!c.details.is_empty()).then(|| {
                                                let first: Vec<_> = c.details.iter().take(25).cloned().collect();
                                                view! {
                                                    <details class="violations">
                                                        <summary class="small">{t!("first-of", shown = format::count(first.len() as u64), total = format::count(c.details.len() as u64))}</summary>
                                                        <ul>{first.into_iter().map(|v| {
                                                            let id = v.case.clone();
                                                            view! {
                                                                <li class="small">
                                                                    <button class="link" on:click=move |_| open_case(s, id.clone())>{v.case.clone()}</button>
                                                                    {format!(" {} {} {}", v.customer, v.time, v.detail)}
                                                                </li>
                                                            }
                                                        }).collect_view()}</ul>
                                                    </details>
                                                }
                                            })}
                                        </td>
                                        <td class="small">{c.source_in(lang).to_string()}</td>
                                        <td class="num violations">{format::count(c.violations)}</td>
                                        <td class="num">{format::count(c.cases.len() as u64)}</td>
                                        <td class="num">{format::count(c.customers.len() as u64)}</td>
                                        <td class="num" data-csv=money_raw(c.amount, has || title.contains("EUR"))>{money(c.amount, has || title.contains("EUR"))}</td>
                                        <td>{(!ids.is_empty()).then(|| view! {
                                            <button class="button small show-cases" on:click=move |_| add_filter(s, Filter::Cases { ids: ids.clone(), label: Some(t!("violations-of", rule = rule_title.clone())) }, true)>{t!("show-cases")}</button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </section>
    }
}

/// The activity-role table, editable, with save and load.
#[component]
fn MappingPanel() -> impl IntoView {
    let s = use_app_state();
    let save = move |_| {
        if let Some(p) = s.collections.get_untracked() {
            export::download_text(
                "relance-mapping.json",
                "application/json",
                &p.report.mapping.to_json(),
            );
        }
    };
    let load = move |ev: leptos::ev::Event| {
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
            match RoleMap::from_json(&text) {
                Ok(m) => {
                    s.mapping_override.set(Some(m));
                    request_collections(s);
                }
                Err(e) => s.error.set(Some(format!("{}: {e}", file.name()))),
            }
        });
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
            {move || s.collections.get().map(|p| view! {
                <table class="data" id="roles-table">
                    <thead><tr><th scope="col">{t!("col-activity")}</th><th scope="col">{t!("col-role")}</th></tr></thead>
                    <tbody>
                        {p.report.mapping.activities.iter().map(|(name, role)| {
                            let n = name.clone();
                            let current = role.key();
                            view! {
                                <tr>
                                    <td>{name.clone()}</td>
                                    <td><select aria-label=t!("role-of", name = name.clone()) on:change=move |e| {
                                        if let Some(r) = ActivityRole::from_key(&event_target_value(&e)) {
                                            s.mapping_override.update(|m| {
                                                m.get_or_insert_with(RoleMap::default).activities.insert(n.clone(), r);
                                            });
                                            request_collections(s);
                                        }
                                    }>
                                        {ActivityRole::all().into_iter().map(|r| {
                                            let k = r.key();
                                            view! { <option value=k.clone() selected=k == current>{role_label(r)}</option> }
                                        }).collect_view()}
                                    </select></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </details>
    }
}
