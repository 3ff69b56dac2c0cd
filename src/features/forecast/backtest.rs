//! The backtest card: how the same forecast did at past cut dates, each made from what was known then.
//! Error in days against the two baselines, the Brier score of the late probability against the
//! customer's late share, the reliability table with Wilson intervals, and how often the 80 % interval
//! held the true date. When the forecast does not beat the better baseline, the verdict says so and
//! the worklist's baseline date is the one to use.

use super::protocol::ForecastPage;
use crate::components::data_table::{Column, DataTable};
use crate::components::kpi_tile::KpiTile;
use crate::core::format;
use leptos::prelude::*;
use relance_engine::forecast::{Baseline, ReliabilityBin};

fn days(x: Option<f64>) -> String {
    x.map_or_else(
        || t!("n-a"),
        |v| t!("days-short", value = format::decimal(v, 1)),
    )
}

fn score(x: Option<f64>) -> String {
    x.map_or_else(|| t!("n-a"), |v| format::decimal(v, 3))
}

/// The backtest card.
#[component]
pub fn BacktestCard(page: ForecastPage) -> impl IntoView {
    let b = page.forecast.backtest;
    let cutoffs = b
        .cutoffs
        .iter()
        .map(|c| format::iso(c))
        .collect::<Vec<_>>()
        .join(", ");
    if !b.available {
        let why = b
            .unavailable
            .as_ref()
            .map(|m| m.text.clone())
            .unwrap_or_else(|| t!("fc-backtest-none"));
        return view! {
            <section class="panel" id="forecast-backtest">
                <h2>{t!("fc-backtest-title")}</h2>
                <p class="hint" id="forecast-backtest-unavailable">{why}</p>
            </section>
        }
        .into_any();
    }
    let better = b.better_baseline;
    let loses = b.beats_baseline == Some(false);
    let coverage = b.coverage_80.map_or_else(|| t!("n-a"), format::percent);
    let tiles = vec![
        (
            t!("fc-mae"),
            days(b.mae_days),
            "fc-mae",
            t!("fc-mae-def", invoices = format::count(b.invoices)),
        ),
        (
            t!("fc-mae-due"),
            days(b.baseline_due_mae_days),
            "fc-mae-due",
            t!("fc-mae-due-def"),
        ),
        (
            t!("fc-mae-customer"),
            days(b.baseline_customer_mae_days),
            "fc-mae-customer",
            t!("fc-mae-customer-def"),
        ),
        (
            t!("fc-brier"),
            format!(
                "{} · {}",
                score(b.brier),
                t!("fc-vs", value = score(b.baseline_brier))
            ),
            "fc-brier",
            t!("fc-brier-def", invoices = format::count(b.late_invoices)),
        ),
        (
            t!("fc-coverage"),
            coverage,
            "fc-coverage",
            t!(
                "fc-coverage-def",
                invoices = format::count(b.coverage_invoices)
            ),
        ),
    ];
    let baseline_name = better.map(|x| match x {
        Baseline::DueDate => t!("fc-baseline-due"),
        Baseline::CustomerAverage => t!("fc-baseline-customer"),
    });
    let columns: Vec<Column<ReliabilityBin>> = vec![
        Column::text(t!("col-predicted-band"), |r: &ReliabilityBin| {
            format!("{}–{}", format::percent(r.low), format::percent(r.high))
        }),
        Column::count(t!("col-invoices"), |r: &ReliabilityBin| r.invoices),
        Column::number(
            t!("col-mean-predicted"),
            |r: &ReliabilityBin| r.mean_predicted,
            format::percent,
            format::raw::percent,
        ),
        Column::number(
            t!("col-observed-late"),
            |r: &ReliabilityBin| r.observed,
            format::percent,
            format::raw::percent,
        ),
        Column::view(
            t!("col-wilson"),
            |r: &ReliabilityBin| {
                format!(
                    "{} – {}",
                    format::percent(r.ci_low),
                    format::percent(r.ci_high)
                )
                .into_any()
            },
            |r: &ReliabilityBin| {
                format!(
                    "{} {}",
                    format::raw::percent(r.ci_low),
                    format::raw::percent(r.ci_high)
                )
            },
            |r: &ReliabilityBin| crate::components::data_table::SortKey::Num(r.ci_low),
        )
        .numeric(),
    ];
    let bins: Vec<ReliabilityBin> = b
        .reliability
        .iter()
        .filter(|r| r.invoices > 0)
        .cloned()
        .collect();
    view! {
        <section class="panel" id="forecast-backtest">
            <h2>{t!("fc-backtest-title")}</h2>
            <p class="muted">{t!("fc-backtest-cutoffs", cutoffs = cutoffs, horizon = b.horizon_days)}</p>
            {b.verdict.as_ref().map(|v| view! {
                <p class=if loses { "verdict caveat" } else { "verdict" } id="forecast-verdict">{v.text.clone()}</p>
            })}
            {(loses).then(|| view! {
                <p class="caveat" id="forecast-loses">{t!("fc-loses-use-baseline", baseline = baseline_name.clone().unwrap_or_default())}</p>
            })}
            <section class="tiles kpis">
                {tiles.into_iter().map(|(label, value, id, def)| view! {
                    <KpiTile label=label value=value id=id definition=def />
                }).collect_view()}
            </section>
            <details class="reliability" open=true>
                <summary>{t!("fc-reliability-title")}</summary>
                <p class="small muted">{t!("fc-reliability-caption")}</p>
                <div class="table-scroll">
                    <DataTable id="forecast-reliability" columns=columns rows=bins />
                </div>
            </details>
        </section>
    }
    .into_any()
}
