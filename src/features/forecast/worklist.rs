//! The worklist: the open invoices the chips keep, most amount at risk first (amount × probability
//! late), with the expected date and its 80 % interval, the better baseline's date, and the reasons in
//! words; each row opens its case. The page holds the top rows; the CSV, written in the worker, every
//! row.

use super::protocol::{ForecastPage, SHOWN_ROWS};
use super::state::use_forecast;
use crate::components::data_table::{Action, Column, DataTable, Mark, RowMark, SortKey};
use crate::core::format;
use leptos::prelude::*;
use relance_engine::forecast::{CashUnit, OpenInvoice};
use std::sync::Arc;

/// An amount in whole units with its currency, or a number of invoices when the log has no amounts.
pub fn amount(x: f64, unit: CashUnit, currency: Option<&str>) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match unit {
        CashUnit::Invoices => t!("invoices-short", count = format::decimal(x, 1)),
        CashUnit::Amount => match currency {
            Some(c) => format!("{} {c}", format::decimal(x, 0)),
            None => format::decimal(x, 0),
        },
    }
}

/// A date of the engine (`2026-04-15`) for people, or "–".
fn day(d: &Option<String>) -> String {
    d.as_deref().map(format::iso).unwrap_or_else(|| "–".into())
}

/// A day as a sort key (ISO dates sort as text; missing ones last).
fn day_key(d: &Option<String>) -> SortKey {
    SortKey::Text(d.clone().unwrap_or_else(|| "~".into()))
}

/// The worklist table with its head (title, count, CSV of every row through the worker).
#[component]
pub fn Worklist(page: ForecastPage) -> impl IntoView {
    let f = use_forecast();
    let fc = page.forecast;
    let (unit, cur) = (fc.cash_unit, fc.currency.clone());
    let loses = fc.backtest.beats_baseline == Some(false);
    let shown = fc.open_invoices.len() as u64;
    let total = page.totals.invoices;
    let cur2 = cur.clone();
    let columns: Vec<Column<OpenInvoice>> = vec![
        Column::text(t!("col-invoice"), |r: &OpenInvoice| r.case.clone()).class("case"),
        Column::text(t!("col-customer"), |r: &OpenInvoice| r.customer.clone().unwrap_or_default()),
        Column::number(
            t!("col-amount"),
            |r: &OpenInvoice| r.amount.unwrap_or(f64::NAN),
            move |x| amount(x, CashUnit::Amount, cur.as_deref()),
            |x| format::raw::num(x, 2),
        )
        .csv("Amount"),
        Column::view(
            t!("col-due-date"),
            |r: &OpenInvoice| day(&r.due_date).into_any(),
            |r: &OpenInvoice| r.due_date.clone().unwrap_or_default(),
            |r: &OpenInvoice| day_key(&r.due_date),
        ),
        Column::number(
            t!("col-days-past-due"),
            |r: &OpenInvoice| r.days_past_due.map_or(f64::NAN, |d| d as f64),
            |x| format::decimal(x, 0),
            |x| format::raw::num(x, 0),
        ),
        Column::number(
            t!("col-p-late"),
            |r: &OpenInvoice| r.p_late.unwrap_or(f64::NAN),
            format::percent,
            format::raw::percent,
        )
        .class("p-late")
        .csv("P(late) (%)"),
        Column::number(
            t!("col-at-risk"),
            |r: &OpenInvoice| r.amount_at_risk.unwrap_or(f64::NAN),
            move |x| amount(x, unit, cur2.as_deref()),
            |x| format::raw::num(x, 2),
        )
        .class("at-risk")
        .csv("Amount at risk"),
        Column::view(
            t!("col-expected-date"),
            |r: &OpenInvoice| match &r.expected_payment_date {
                Some(_) => view! {
                    <span class="expected">{day(&r.expected_payment_date)}</span>
                    <span class="small muted interval">" ("{day(&r.payment_date_p10)}" – "{day(&r.payment_date_p90)}")"</span>
                }.into_any(),
                None => view! {
                    <span class="muted not-dated">{r.not_available.as_ref().map(|m| m.text.clone()).unwrap_or_else(|| t!("n-a"))}</span>
                }.into_any(),
            },
            |r: &OpenInvoice| r.expected_payment_date.clone().unwrap_or_default(),
            |r: &OpenInvoice| day_key(&r.expected_payment_date),
        )
        .class("expected-date")
        .title(t!("col-expected-date-def")),
        Column::view(
            t!("col-baseline-date"),
            |r: &OpenInvoice| day(&r.baseline_payment_date).into_any(),
            |r: &OpenInvoice| r.baseline_payment_date.clone().unwrap_or_default(),
            |r: &OpenInvoice| day_key(&r.baseline_payment_date),
        )
        .class(if loses { "baseline-date better" } else { "baseline-date" })
        .title(t!("col-baseline-date-def")),
        Column::number(
            t!("col-p-write-off"),
            |r: &OpenInvoice| r.p_write_off.unwrap_or(f64::NAN),
            format::percent,
            format::raw::percent,
        )
        .csv("P(write-off) (%)"),
        Column::view(
            t!("col-reasons"),
            |r: &OpenInvoice| {
                let thin = r.thin_history.then(|| view! { <li class="thin">{t!("fc-thin-badge")}</li> });
                view! {
                    <ul class="reasons small">
                        {r.reasons.iter().map(|x| view! {
                            <li>{x.text.clone()}" "<span class="muted">{signed_days(x.days)}</span></li>
                        }).collect_view()}
                        {thin}
                    </ul>
                }
                .into_any()
            },
            |r: &OpenInvoice| {
                r.reasons
                    .iter()
                    .map(|x| format!("{} ({:+.1})", x.text, x.days))
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            |r: &OpenInvoice| SortKey::Num(r.reasons.len() as f64),
        )
        .class("reasons-cell"),
    ];
    let actions = vec![Action::new(t!("open-case"), move |r: &OpenInvoice| {
        f.open_case(r.case.clone())
    })
    .class("open-case")
    .aria(|r: &OpenInvoice| t!("open-case-label", case = r.case.clone()))];
    let mark: Mark<OpenInvoice> = Arc::new(|r: &OpenInvoice| RowMark {
        class: if r.dispute_open { "dispute" } else { "" },
        data: vec![("data-case", r.case.clone())],
        picked: None,
    });
    view! {
        <section class="panel" id="forecast-worklist">
            <div class="panel-head">
                <h2>{t!("fc-worklist-title")}</h2>
                <span class="muted" id="forecast-worklist-count">{t!("fc-worklist-count", shown = format::count(shown), total = format::count(total), max = SHOWN_ROWS)}</span>
                <button class="button small" id="forecast-csv" on:click=move |_| f.download_worklist()>{t!("fc-worklist-csv", total = format::count(total))}</button>
            </div>
            {loses.then(|| view! { <p class="caveat" id="forecast-baseline-note">{t!("fc-baseline-column-note")}</p> })}
            <div class="table-scroll">
                <DataTable id="forecast-table" columns=columns rows=fc.open_invoices actions=actions mark=mark />
            </div>
        </section>
    }
}

/// Days with their sign and unit: `+12.0 d`, `+12,0 j`.
fn signed_days(x: f64) -> String {
    let s = format::decimal(x, 1);
    let s = if x >= 0.0 { format!("+{s}") } else { s };
    t!("days-short", value = s)
}
