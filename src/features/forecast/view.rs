//! The forecast screen: the as-of day, what is not available and why, the open book in figures, the
//! worklist ranked by amount at risk with its chips, the weekly cash chart with its band, and the
//! backtest card. Every number comes from the engine (`relance_engine::forecast`); this view formats.

use super::backtest::BacktestCard;
use super::protocol::ForecastPage;
use super::state::use_forecast;
use super::worklist::{amount, Worklist};
use crate::components::chart_frame::ChartFrame;
use crate::components::kpi_tile::KpiTile;
use crate::core::format;
use leptos::prelude::*;
use relance_engine::forecast::worklist::Focus;

/// The forecast screen.
#[component]
pub fn ForecastView() -> impl IntoView {
    let f = use_forecast();
    let s = f.core;
    s.ask_when_shown(f.page, move || f.request());
    view! {
        <div class="forecast">
            {move || match f.page.get() {
                None => view! { <p class="placeholder">{t!("fc-computing")}</p> }.into_any(),
                Some(page) => view! { <ForecastPanel page=page /> }.into_any(),
            }}
        </div>
    }
}

/// The as-of picker: a day between the first and the last event (empty: the last event's day).
#[component]
fn AsOfPicker(page: ForecastPage) -> impl IntoView {
    let f = use_forecast();
    let on_change = move |e: leptos::ev::Event| {
        let v = event_target_value(&e);
        let ms = relance_engine::import::timestamp::parse_timestamp(
            &v,
            relance_engine::import::DateOrder::Auto,
        )
        .map(|p| p.ms);
        f.set_as_of(ms);
    };
    let picked = f.as_of_ms.get_untracked().is_some();
    view! {
        <div class="settings-bar" id="forecast-settings">
            <label class="field inline">
                <span>{t!("fc-as-of")}</span>
                <input type="date" id="forecast-as-of" value=page.forecast.as_of.clone()
                    min=page.first_day.clone().unwrap_or_default() max=page.last_day.clone().unwrap_or_default()
                    on:change=on_change />
            </label>
            {picked.then(|| view! {
                <button class="button small" id="forecast-as-of-reset" on:click=move |_| f.set_as_of(None)>{t!("fc-as-of-end")}</button>
            })}
            <span class="muted">{t!("fc-as-of-help")}</span>
        </div>
    }
}

/// One forecast.
#[component]
fn ForecastPanel(page: ForecastPage) -> impl IntoView {
    let fc = page.forecast.clone();
    let unit = fc.cash_unit;
    let cur = fc.currency.clone();
    let money = move |x: f64| amount(x, unit, cur.as_deref());
    let a = &page.all;
    let tiles = vec![
        (
            t!("fc-open-invoices"),
            format::count(a.invoices),
            "fc-open-invoices",
            t!("fc-open-invoices-def", as_of = format::iso(&fc.as_of)),
        ),
        (
            t!("fc-open-amount"),
            money(a.open_amount),
            "fc-open-amount",
            t!("fc-open-amount-def"),
        ),
        (
            t!("fc-at-risk"),
            money(a.amount_at_risk),
            "fc-at-risk",
            t!("fc-at-risk-def"),
        ),
        (
            t!("fc-past-due"),
            format::count(a.past_due),
            "fc-past-due",
            t!("fc-past-due-def"),
        ),
    ];
    let unavailable = fc.unavailable.clone();
    let empty = a.invoices == 0;
    view! {
        <AsOfPicker page=page.clone() />
        {(!unavailable.is_empty()).then(|| view! {
            <ul class="banner warn-banner" id="forecast-unavailable">
                {unavailable.into_iter().map(|u| view! {
                    <li data-figure=u.figure.clone()><strong>{figure_name(&u.figure)}</strong>": "{u.reason.text.clone()}</li>
                }).collect_view()}
            </ul>
        })}
        <section class="tiles kpis" aria-label=t!("fc-key-figures")>
            {tiles.into_iter().map(|(label, value, id, def)| view! {
                <KpiTile label=label value=value id=id definition=def />
            }).collect_view()}
        </section>
        {empty.then(|| view! {
            <p class="hint" id="forecast-none">{t!("fc-no-open-invoices", as_of = format::iso(&fc.as_of))}</p>
        })}
        {(!empty).then(|| view! {
            <Chips page=page.clone() />
            <Worklist page=page.clone() />
        })}
        {(!page.cash_svg.is_empty()).then(|| view! {
            <ChartFrame title=t!("fc-cash-title", weeks = fc.cash_by_week.len()) svg=page.cash_svg.clone() name="forecast-cash" id="forecast-cash">
                <p class="small muted">{t!("fc-cash-caption")}</p>
            </ChartFrame>
        })}
        <BacktestCard page=page.clone() />
        {(!fc.notes.is_empty()).then(|| view! {
            <ul class="notes small" id="forecast-notes">{fc.notes.iter().map(|n| view! { <li>{n.text.clone()}</li> }).collect_view()}</ul>
        })}
    }
}

/// The worklist's chips: each keeps some open invoices; ticked ones show as removable chips.
#[component]
fn Chips(page: ForecastPage) -> impl IntoView {
    let f = use_forecast();
    let on = page.focus.clone();
    view! {
        <div class="chips" id="forecast-chips" role="group" aria-label=t!("fc-chips")>
            {page.focus_counts.iter().map(|&(chip, n)| {
                let active = on.contains(&chip);
                let label = format!("{} ({})", chip_name(chip), format::count(n));
                view! {
                    <button class="chip" class:active=active data-focus=chip_id(chip)
                        aria-pressed=active.to_string() on:click=move |_| f.toggle(chip)>
                        {label}{active.then_some(" ×")}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// A chip's name.
pub fn chip_name(c: Focus) -> String {
    match c {
        Focus::PastDue => t!("fc-chip-past-due"),
        Focus::LikelyLate => t!("fc-chip-likely-late"),
        Focus::DisputeOpen => t!("fc-chip-dispute"),
        Focus::ThinHistory => t!("fc-chip-thin"),
        Focus::NotDated => t!("fc-chip-not-dated"),
    }
}

/// A chip's id for the page's tests.
fn chip_id(c: Focus) -> &'static str {
    match c {
        Focus::PastDue => "past_due",
        Focus::LikelyLate => "likely_late",
        Focus::DisputeOpen => "dispute_open",
        Focus::ThinHistory => "thin_history",
        Focus::NotDated => "not_dated",
    }
}

/// The name of a figure that is not available.
fn figure_name(figure: &str) -> String {
    match figure {
        "forecast" => t!("fc-figure-forecast"),
        "p_write_off" => t!("fc-figure-write-off"),
        "backtest" => t!("fc-figure-backtest"),
        "customer_habits" => t!("fc-figure-customers"),
        other => other.to_string(),
    }
}
