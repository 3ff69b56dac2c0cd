//! The collections screen: the headline KPIs with their definitions, DSO by month, the tables, the
//! compliance panel and the roles editor. Every number comes from the engine; every figure drills into
//! its cases (a filter for every view).

use super::compliance::CompliancePanel;
use super::dso_chart::DSO_SERIES;
use super::figures::{count_or_na, days, money, na, percent_points};
use super::protocol::Drill;
use super::roles::{open_roles_editor, MappingPanel};
use super::settings::CollectionsSettingsBar;
use super::state::use_collections;
use super::tables::{
    AgingPanel, BreakdownPanel, CashPanel, DisputesPanel, DsoTable, DunningPanel, PromisesPanel,
};
use crate::components::chart_frame::ChartFrame;
use crate::components::kpi_tile::KpiTile;
use crate::core::format;
use leptos::prelude::*;
use relance_engine::collections::facts::Basis;
use relance_engine::collections::Kpis;

/// The collections screen.
#[component]
pub fn CollectionsView() -> impl IntoView {
    let c = use_collections();
    let s = c.core;
    s.ask_when_shown(c.page, move || c.request());
    let fix = (
        t!("map-the-activities"),
        Callback::new(|_: ()| open_roles_editor()),
    );
    view! {
        <div class="collections">
            <CollectionsSettingsBar />
            {move || match c.page.get() {
                None => view! { <p class="placeholder">{t!("coll-computing")}</p> }.into_any(),
                Some(page) => {
                    let r = page.report.clone();
                    let k = r.kpis.clone();
                    let has = k.has_amounts;
                    // The headline month: the latest complete one (never a partial month of a cut extract).
                    let last = k.dso_month.as_ref().and_then(|h| k.dso_monthly.iter().find(|m| &m.month == h)).cloned();
                    let dso = |f: fn(&relance_engine::collections::kpi::DsoMonth) -> f64| last.as_ref().map(|m| days(f(m))).unwrap_or_default();
                    let no_roles = !r.mapping.has_collections_roles();
                    let kpis = [
                        ("kpi-on-time", Some("kpi-on-time"), format::percent(k.on_time_payment_rate), "kpis.on_time_payment_rate", "kpi-on-time-def"),
                        ("kpi-itc", Some("kpi-itc"), days(k.invoice_to_cash_days.median), "kpis.invoice_to_cash_days", "kpi-itc-def"),
                        ("kpi-itc-p90", None, days(k.invoice_to_cash_days.p90), "kpis.invoice_to_cash_days", "kpi-itc-p90-def"),
                        ("dso-simple", Some("kpi-dso"), dso(|m| m.dso_simple), "kpis.dso_month", "kpi-dso-def"),
                        ("kpi-countback", None, dso(|m| m.dso_countback), "kpis.dso_monthly", "kpi-countback-def"),
                        ("dso-best-possible", None, dso(|m| m.bpdso), "kpis.dso_monthly", "kpi-bpdso-def"),
                        ("dso-add", None, dso(|m| m.add), "kpis.dso_monthly", "kpi-add-def"),
                        ("kpi-cei", Some("kpi-cei"), percent_points(k.cei), "kpis.cei", "kpi-cei-def"),
                        ("kpi-written-off", Some("kpi-writeoffs"), format!("{} · {}", count_or_na(k.write_offs.invoices), format::percent(k.write_offs.rate)), "kpis.write_offs", "kpi-written-off-def"),
                        ("kpi-reissued", None, count_or_na(r.rework.cancelled_and_reissued_cases), "rework", "kpi-reissued-def"),
                        ("kpi-credit", None, days(k.credit.median_days), "kpis.credit", "kpi-credit-def"),
                    ];
                    let drill = move |d: Drill| move |_: leptos::ev::MouseEvent| c.drill(d.clone());
                    view! {
                        {(!r.notes.is_empty()).then(|| view! {
                            <ul class="notes small" id="collections-notes">{r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                        })}
                        {no_roles.then(|| view! {
                            <div class="banner warn-banner">{t!("coll-no-roles")}</div>
                        })}
                        <section class="tiles kpis" aria-label=t!("coll-key-figures")>
                            {kpis.into_iter().map(|(label, id, value, figure, definition)| {
                                view! {
                                    <KpiTile label=t!(label) value=value id=id.unwrap_or_default()
                                        definition=t!(definition) unavailable=na(&r, figure) fix=fix.clone() />
                                }
                            }).collect_view()}
                        </section>
                        <p class="small" id="dso-headline">{headline_words(&k)}" "{basis_words(&k, c.settings.get_untracked().basis)}</p>
                        <p class="muted">
                            {t!("coll-summary", count = k.invoices, invoices = format::count(k.invoices), as_of = format::iso(&k.as_of),
                                written_off = money(k.write_offs.amount, has), via_agency = format::percent(k.write_offs.via_agency_share),
                                requests = count_or_na(k.credit.requests), approved = count_or_na(k.credit.approved), rejected = count_or_na(k.credit.rejected))}
                            " "
                            <button class="button small" on:click=drill(Drill::WriteOffs)>{t!("drill-written-off")}</button>
                            " "
                            <button class="button small" on:click=drill(Drill::PaidLate)>{t!("drill-late")}</button>
                            " "
                            <button class="button small" id="drill-slowest" on:click=drill(Drill::SlowestToCash)>{t!("drill-slowest")}</button>
                            " "
                            <button class="button small" on:click=drill(Drill::Reissued)>{t!("drill-reissued")}</button>
                        </p>
                        <div class="two-col">
                            <ChartFrame title=t!("dso-chart-title") svg=page.dso_svg.clone() name="dso">
                                <p class="legend" id="dso-legend">
                                    {DSO_SERIES.iter().map(|(name, c, _)| view! {
                                        <span class="legend-item">
                                            <span class="swatch" style=format!("background:#{:02x}{:02x}{:02x}", c.0, c.1, c.2)></span>{t!(*name)}
                                        </span>
                                    }).collect_view()}
                                    {k.dso_monthly.iter().any(|m| m.partial).then(|| view! {
                                        <span class="legend-item" id="dso-partial-legend">
                                            <span class="swatch partial-swatch"></span>{t!("dso-partial-legend")}
                                        </span>
                                    })}
                                </p>
                                <details class="definition-box" id="dso-definition">
                                    <summary>{t!("receivable-what")}</summary>
                                    <p class="small">{match k.dso_basis {
                                        Basis::Ledger => t!("receivable-definition-ledger"),
                                        Basis::Cash => t!("receivable-definition"),
                                    }}</p>
                                </details>
                                <DsoTable months=k.dso_monthly.clone() />
                            </ChartFrame>
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

/// Which month-end DSO, CEI and aging are given at, and why (a cut extract says its issuing window).
fn headline_words(k: &Kpis) -> String {
    let Some(month) = k.dso_month.clone() else {
        return t!("dso-headline-none");
    };
    match &k.issuing_window {
        Some(w) if w.cut => t!(
            "dso-headline-cut",
            from = format::iso(&w.from),
            to = format::iso(&w.to),
            month = month
        ),
        _ => t!("dso-headline", month = month),
    }
}

/// The receivables basis in force: the one asked for, or cash when the log cannot give the ledger's.
fn basis_words(k: &Kpis, asked: Basis) -> String {
    match (asked, k.dso_basis) {
        (_, Basis::Ledger) => t!("basis-said-ledger"),
        (Basis::Ledger, Basis::Cash) => t!("basis-said-fallback"),
        (Basis::Cash, Basis::Cash) => t!("basis-said-cash"),
    }
}
