//! The collections tables: DSO by month, aging, dunning by level and channel, disputes by reason, cash
//! application by clerk, promises by segment and agent, and the breakdown of the headline measures by
//! an attribute. Each is a [`DataTable`] whose rows drill into their cases.

use super::figures::{days, money, money_raw, percent_points, setting_days};
use super::protocol::{CollectionsPage, Drill};
use super::state::{use_collections, CollectionsState};
use crate::components::data_table::{
    Action, Column, DataTable, RowMark, SortKey, TableCsv, TableHead,
};
use crate::core::format;
use leptos::prelude::*;
use relance_engine::collections::breakdown::BreakdownRow;
use relance_engine::collections::cash_application::CashApplicationRow;
use relance_engine::collections::disputes::DisputeRow;
use relance_engine::collections::dunning::DunningRow;
use relance_engine::collections::kpi::{AgingBucket, DsoMonth};
use relance_engine::collections::promises::PromiseRow;
use std::sync::Arc;

/// Days with one decimal shown, two in the CSV.
fn days_column<R: 'static>(
    header: String,
    csv: &'static str,
    f: impl Fn(&R) -> f64 + Send + Sync + 'static,
) -> Column<R> {
    Column::number(header, f, days, format::raw::days).csv(csv)
}

/// A share shown as `45.6 %`, written as `45.60`.
fn percent_column<R: 'static>(
    header: String,
    csv: &'static str,
    f: impl Fn(&R) -> f64 + Send + Sync + 'static,
) -> Column<R> {
    Column::number(header, f, format::percent, format::raw::percent).csv(csv)
}

/// An amount (or a count of invoices when the log has none).
fn money_column<R: 'static>(
    header: String,
    has_amounts: bool,
    f: impl Fn(&R) -> f64 + Send + Sync + 'static,
) -> Column<R> {
    Column::number(
        header,
        f,
        move |x| money(x, has_amounts),
        move |x| money_raw(x, has_amounts),
    )
}

/// A rate as a bar and its percentage.
fn rate_column<R: 'static>(
    header: String,
    csv: &'static str,
    f: impl Fn(&R) -> f64 + Send + Sync + 'static,
) -> Column<R> {
    let f = Arc::new(f);
    let (g, h) = (f.clone(), f.clone());
    Column::view(
        header,
        move |r| {
            let rate = f(r);
            view! {
                <span class="bar" style=format!("width:{:.0}%", rate.max(0.0) * 100.0)></span>
                <span class="rate-text">{format::percent(rate)}</span>
            }
            .into_any()
        },
        move |r| format::raw::percent(g(r)),
        move |r| SortKey::Num(h(r)),
    )
    .class("rate")
    .csv(csv)
}

/// The "cases" button of a row: its cases become a filter.
fn cases<R: 'static>(
    c: CollectionsState,
    drill: impl Fn(&R) -> Drill + Send + Sync + 'static,
) -> Action<R> {
    Action::new(t!("cases-button"), move |r| c.drill(drill(r)))
}

/// The figures behind the DSO chart, month by month; each month's open or past-due receivables drill
/// into their cases.
#[component]
pub fn DsoTable(months: Vec<DsoMonth>) -> impl IntoView {
    let c = use_collections();
    let columns = vec![
        Column::text(t!("col-month"), |m: &DsoMonth| m.month.clone()),
        days_column(t!("dso-simple"), "DSO simple (days)", |m: &DsoMonth| {
            m.dso_simple
        }),
        days_column(
            t!("col-countback"),
            "Countback DSO (days)",
            |m: &DsoMonth| m.dso_countback,
        ),
        days_column(
            "BPDSO".into(),
            "Best possible DSO (days)",
            |m: &DsoMonth| m.bpdso,
        ),
        days_column(
            "ADD".into(),
            "Average days delinquent (days)",
            |m: &DsoMonth| m.add,
        ),
        Column::text(t!("col-partial"), |m: &DsoMonth| {
            m.partial_reason
                .map(|p| t!(&format!("partial-{}", p.key())))
                .unwrap_or_default()
        })
        .class("small"),
    ];
    let receivables = move |past_due: bool| {
        move |m: &DsoMonth| {
            c.drill(Drill::Receivables {
                month: m.month.clone(),
                past_due,
            })
        }
    };
    let actions = vec![
        Action::new(t!("drill-open"), receivables(false))
            .class("drill-open")
            .title(t!("drill-open-title")),
        Action::new(t!("drill-past-due"), receivables(true))
            .class("drill-past-due")
            .title(t!("drill-past-due-title")),
    ];
    let rows: Vec<DsoMonth> = months.into_iter().rev().collect();
    view! {
        <details class="dso-months">
            <summary>{t!("monthly-figures")}</summary>
            <div class="panel-head"><span></span><TableCsv table="dso-table" file="dso-by-month.csv" /></div>
            <div class="table-scroll dso-table-scroll">
                <DataTable id="dso-table" columns=columns rows=rows actions=actions />
            </div>
        </details>
    }
}

/// Open invoices by days past due at a chosen date.
#[component]
pub fn AgingPanel() -> impl IntoView {
    let c = use_collections();
    let table = move || {
        c.page.get().map(|p| {
            let has = p.report.kpis.has_amounts;
            let columns = vec![
                Column::text(t!("col-days-past-due"), |b: &AgingBucket| {
                    if b.bucket == "current" {
                        t!("aging-current")
                    } else {
                        b.bucket.clone()
                    }
                }),
                Column::count(t!("col-invoices"), |b: &AgingBucket| b.invoices),
                money_column(t!("col-amount"), has, |b: &AgingBucket| b.amount),
            ];
            let actions = vec![cases(c, |b: &AgingBucket| Drill::Aging {
                bucket: b.bucket.clone(),
            })];
            view! { <DataTable id="aging-table" columns=columns rows=p.aging actions=actions /> }
        })
    };
    let set_date = move |e: leptos::ev::Event| {
        let v = event_target_value(&e);
        let ms = relance_engine::import::timestamp::parse_timestamp(
            &v,
            relance_engine::import::DateOrder::Auto,
        )
        .map(|p| p.ms + 86_400_000 - 1);
        c.aging_at.set(ms);
        c.request();
    };
    view! {
        <section class="panel">
            <TableHead title=t!("aging-title") table="aging-table" file="aging.csv" label=t!("aging-at")>
                <input type="date" id="aging-date" on:change=set_date
                    prop:value=move || c.page.get().map(|p| p.aging_at.chars().take(10).collect::<String>()).unwrap_or_default() />
            </TableHead>
            {table}
        </section>
    }
}

/// A panel of the report with one table: its head (the title, the CSV button) and the table, drawn
/// again with each report by `table`.
#[component]
fn ReportPanel(
    id: &'static str,
    table: &'static str,
    file: &'static str,
    body: fn(CollectionsState, CollectionsPage) -> AnyView,
    children: Children,
) -> impl IntoView {
    let c = use_collections();
    view! {
        <section class="panel" id=id>
            <div class="panel-head"><h3>{children()}</h3><TableCsv table=table file=file /></div>
            {move || c.page.get().map(|p| body(c, p))}
        </section>
    }
}

/// Reminders by level and channel, and how many were paid within the window.
#[component]
pub fn DunningPanel() -> impl IntoView {
    let c = use_collections();
    view! {
        <ReportPanel id="dunning-panel" table="dunning-table" file="dunning.csv" body=dunning>
            {move || t!("dunning-title", days = setting_days(c.settings.get().window_days))}
        </ReportPanel>
    }
}

fn dunning(c: CollectionsState, p: CollectionsPage) -> AnyView {
    type R = DunningRow;
    let columns = vec![
        Column::text(t!("col-step"), |d: &R| d.activity.clone()),
        Column::text(t!("col-level"), |d: &R| {
            if d.level == 99 {
                t!("level-final")
            } else {
                d.level.to_string()
            }
        }),
        Column::text(t!("col-channel"), |d: &R| d.channel.clone()),
        Column::count(t!("col-sent"), |d: &R| d.sent),
        Column::count(t!("col-paid-in-window"), |d: &R| d.paid_within_window),
        rate_column(t!("col-rate"), "Rate (%)", |d: &R| d.rate),
    ];
    let actions = vec![Action::new(t!("unpaid-cases"), move |d: &R| {
        c.drill(Drill::DunningUnpaid {
            activity: d.activity.clone(),
            channel: d.channel.clone(),
            level: d.level,
        })
    })];
    let mark = Arc::new(|d: &R| RowMark {
        data: vec![
            ("data-level", d.level.to_string()),
            ("data-channel", d.channel.clone()),
        ],
        ..RowMark::default()
    });
    view! { <DataTable id="dunning-table" columns=columns rows=p.report.dunning actions=actions mark=mark /> }
        .into_any()
}

/// Disputes by reason: resolved, how long, still open, settled by a credit note.
#[component]
pub fn DisputesPanel() -> impl IntoView {
    view! {
        <ReportPanel id="disputes-panel" table="disputes-table" file="disputes.csv" body=disputes>
            {t!("disputes-title")}
        </ReportPanel>
    }
}

fn disputes(c: CollectionsState, p: CollectionsPage) -> AnyView {
    type R = DisputeRow;
    let columns = vec![
        Column::text(t!("col-reason"), |d: &R| d.reason.clone()),
        Column::count(t!("col-resolved"), |d: &R| d.resolved),
        days_column(t!("col-median"), "Median (days)", |d: &R| d.median_days).class("median"),
        days_column("p90".into(), "p90 (days)", |d: &R| d.p90_days),
        Column::count(t!("drill-open"), |d: &R| d.open),
        days_column(t!("col-open-age"), "Open age (days)", |d: &R| {
            d.open_median_age_days
        }),
        percent_column(t!("col-credit-note"), "Credit note (%)", |d: &R| {
            d.credit_note_share
        }),
    ];
    let reason = |d: &R| Drill::Disputes {
        reason: d.reason.clone(),
    };
    view! { <DataTable id="disputes-table" columns=columns rows=p.report.disputes actions=vec![cases(c, reason)] /> }
        .into_any()
}

/// Payments by the clerk who posted them, and the posting lag.
#[component]
pub fn CashPanel() -> impl IntoView {
    view! {
        <ReportPanel id="cash-panel" table="cash-table" file="cash-application.csv" body=cash>
            {t!("cash-title")}
        </ReportPanel>
    }
}

fn cash(c: CollectionsState, p: CollectionsPage) -> AnyView {
    type R = CashApplicationRow;
    let columns = vec![
        Column::text(t!("col-posted-by"), |r: &R| r.resource.clone()),
        Column::count(t!("col-payments"), |r: &R| r.payments),
        days_column(t!("col-median-lag"), "Median lag (days)", |r: &R| {
            r.median_lag_days
        })
        .class("median"),
        days_column(t!("col-p90-lag"), "p90 lag (days)", |r: &R| r.p90_lag_days),
    ];
    let clerk = |r: &R| Drill::Cash {
        resource: r.resource.clone(),
    };
    view! { <DataTable id="cash-table" columns=columns rows=p.report.cash_application actions=vec![cases(c, clerk)] /> }
        .into_any()
}

/// Promises to pay by segment and by agent: kept, broken, pending.
#[component]
pub fn PromisesPanel() -> impl IntoView {
    let c = use_collections();
    let table = move |rows: Vec<PromiseRow>, label: String, by_agent: bool| {
        let (id, file) = if by_agent {
            ("promises-agent-table", "promises-by-agent.csv")
        } else {
            ("promises-segment-table", "promises-by-segment.csv")
        };
        let columns = vec![
            Column::text(label, |p: &PromiseRow| p.segment.clone()),
            Column::count(t!("col-promises"), |p: &PromiseRow| p.promises),
            Column::count(t!("col-kept"), |p: &PromiseRow| p.kept),
            Column::count(t!("col-broken"), |p: &PromiseRow| p.broken).class("broken"),
            rate_column(t!("col-kept-rate"), "Kept rate (%)", |p: &PromiseRow| {
                p.rate
            }),
            Column::count(t!("col-pending"), |p: &PromiseRow| p.pending),
        ];
        let broken = Action::new(t!("broken-cases"), move |p: &PromiseRow| {
            c.drill(Drill::PromisesBroken {
                group: p.segment.clone(),
                by_agent,
            })
        })
        .aria(|p: &PromiseRow| t!("broken-cases-label", group = p.segment.clone()));
        view! {
            <div class="panel-head"><span></span><TableCsv table=id file=file /></div>
            <DataTable id=id class="promises" columns=columns rows=rows actions=vec![broken] />
        }
    };
    view! {
        <section class="panel" id="promises-panel">
            <h3>{move || t!("promises-title", days = setting_days(c.settings.get().promise_grace_days))}</h3>
            {move || c.page.get().map(|p| view! {
                <div class="two-col">
                    <div id="promises-by-segment">{table(p.report.promises.clone(), t!("col-segment"), false)}</div>
                    <div id="promises-by-agent">{table(p.report.promises_by_agent.clone(), t!("col-agent"), true)}</div>
                </div>
            })}
        </section>
    }
}

/// Every headline measure per value of an attribute.
#[component]
pub fn BreakdownPanel() -> impl IntoView {
    let c = use_collections();
    let pick = move |e: leptos::ev::Event| {
        let v = event_target_value(&e);
        c.breakdown_by.set((!v.is_empty()).then_some(v));
        c.request();
    };
    let table = move || {
        c.page.get().filter(|p| !p.breakdown.is_empty()).map(|p| {
            let columns = breakdown_columns(p.breakdown_by.clone().unwrap_or_default(), p.report.kpis.has_amounts);
            let actions = vec![cases(c, |b: &BreakdownRow| Drill::Breakdown {
                value: b.value.clone(),
            })];
            view! {
                <div class="table-scroll">
                    <DataTable id="breakdown-table" columns=columns rows=p.breakdown actions=actions />
                </div>
            }
        })
    };
    view! {
        <section class="panel" id="breakdown-panel">
            <TableHead title=t!("breakdown-title") table="breakdown-table" file="breakdown.csv" label=t!("breakdown-by")>
                <select id="breakdown-by" on:change=pick>
                    <option value="">{t!("choose-attribute")}</option>
                    {move || c.page.get().map(|p| {
                        let current = c.breakdown_by.get_untracked().unwrap_or_default();
                        p.attributes.iter().map(|a| view! { <option value=a.clone() selected=*a == current>{a.clone()}</option> }).collect_view()
                    })}
                </select>
            </TableHead>
            {table}
        </section>
    }
}

/// The breakdown's columns: the group, then each headline measure.
fn breakdown_columns(by: String, has: bool) -> Vec<Column<BreakdownRow>> {
    type R = BreakdownRow;
    vec![
        Column::text(by, |b: &R| b.value.clone()),
        Column::count(t!("col-invoices"), |b: &R| b.invoices),
        money_column(t!("col-amount"), has, |b: &R| b.amount),
        percent_column(t!("col-on-time"), "On time (%)", |b: &R| {
            b.on_time_payment_rate
        }),
        days_column(t!("col-itc"), "Invoice to cash (median days)", |b: &R| {
            b.invoice_to_cash_median_days
        }),
        Column::number(
            t!("col-days-late"),
            |b: &R| b.median_days_late,
            days,
            format::raw::days,
        ),
        percent_column(t!("col-written-off"), "Written off (%)", |b: &R| {
            b.write_off_rate
        }),
        money_column(t!("drill-open"), has, |b: &R| b.open_amount),
        days_column(
            t!("col-to-cash-p90"),
            "Invoice to cash p90 (days)",
            |b: &R| b.invoice_to_cash_p90_days,
        )
        .title(t!("tip-to-cash-p90")),
        days_column("DSO".into(), "DSO (days)", |b: &R| b.dso_simple).title(t!("tip-dso")),
        days_column(t!("col-countback"), "Countback DSO (days)", |b: &R| {
            b.dso_countback
        }),
        days_column("ADD".into(), "ADD (days)", |b: &R| b.add).title(t!("tip-add")),
        Column::number("CEI", |b: &R| b.cei, percent_points, format::raw::days)
            .csv("CEI (%)")
            .title(t!("tip-cei")),
        Column::count(t!("col-reminders"), |b: &R| b.reminders).csv("Reminders"),
        percent_column(
            t!("col-paid-after-reminder"),
            "Paid after reminder (%)",
            |b: &R| b.dunning_rate,
        )
        .title(t!("tip-paid-after-reminder")),
        Column::count(t!("col-disputes"), |b: &R| b.disputes).csv("Disputes"),
        Column::count(t!("col-open-disputes"), |b: &R| b.open_disputes).csv("Open disputes"),
        days_column(
            t!("col-posting-lag"),
            "Posting lag (median days)",
            |b: &R| b.posting_lag_median_days,
        )
        .title(t!("tip-posting-lag")),
        Column::count(t!("col-promises"), |b: &R| b.promises).csv("Promises"),
        percent_column(t!("col-kept"), "Promises kept (%)", |b: &R| {
            b.promise_kept_rate
        }),
        days_column(
            t!("col-credit-decision"),
            "Credit decision (median days)",
            |b: &R| b.credit_decision_median_days,
        ),
        Column::count(t!("col-reissued"), |b: &R| b.reissued).csv("Re-issued"),
    ]
}
