//! The conformance view's tables: the deviations ranked by impact (each opening its cases as a
//! filter chip), the variants with their deviations and fitness (ticked to make the happy path, their
//! alignment on demand), and a variant's moves.

use super::model_svg::kind_words;
use super::state::use_conformance;
use crate::components::data_table::{plain, Action, Column, DataTable, Mark, RowMark, SortKey};
use crate::core::format;
use crate::features::insights::findings::{difference, interval, q_value, shown_number};
use leptos::prelude::*;
use relance_engine::conformance::{Deviation, Move, VariantConformance};
use relance_engine::insights::OutcomeKind;
use std::sync::Arc;

/// An amount, or "n/a".
fn amount(a: Option<f64>) -> String {
    match a {
        Some(a) if a.is_finite() => format::count(a.round().max(0.0) as u64),
        _ => t!("n-a"),
    }
}

/// Deviations as a table, ranked by impact; each row's button filters to its cases.
#[component]
pub fn DeviationsTable(deviations: Vec<Deviation>) -> impl IntoView {
    type R = (usize, Deviation);
    let c = use_conformance();
    let nan = f64::NAN;
    let days = OutcomeKind::Duration;
    let columns = vec![
        Column::count("#", |r: &R| r.0 as u64 + 1),
        Column::text(t!("cf-col-kind"), |r: &R| kind_words(r.1.kind)).csv("Kind"),
        Column::text(t!("col-activity"), |r: &R| r.1.activity.clone()).csv("Activity"),
        Column::count(t!("col-cases"), |r: &R| r.1.cases).csv("Cases"),
        Column::number(
            t!("col-share"),
            |r: &R| r.1.share,
            format::percent,
            |x| format::raw::num(x * 100.0, 2),
        )
        .csv("Share (%)"),
        shown_number(
            t!("cf-col-impact"),
            move |r: &R| match (r.1.impact_days, &r.1.reason) {
                (Some(d), _) => difference(days, d),
                (None, Some(why)) => t!("n-a-because", why = why.clone()),
                (None, None) => t!("n-a"),
            },
            move |r: &R| r.1.impact_days.unwrap_or(nan),
        )
        .csv("Impact (days)"),
        shown_number(
            t!("col-interval"),
            move |r: &R| match (r.1.ci_low, r.1.ci_high) {
                (Some(a), Some(b)) => interval(days, a, b),
                _ => "–".into(),
            },
            move |r: &R| r.1.ci_low.unwrap_or(nan),
        )
        .csv("95% interval (days)"),
        shown_number(
            t!("col-q-value"),
            |r: &R| r.1.q_value.map(q_value).unwrap_or_else(|| "–".into()),
            move |r: &R| r.1.q_value.unwrap_or(nan),
        )
        .csv("q-value"),
        shown_number(
            t!("cf-col-amount"),
            |r: &R| amount(r.1.amount),
            move |r: &R| r.1.amount.unwrap_or(nan),
        )
        .csv("Amount"),
    ];
    let actions = vec![
        Action::new(t!("col-cases"), move |r: &R| c.deviation_cases(r.0))
            .class("deviation-cases")
            .aria(|r: &R| t!("cf-cases-of", what = plain(&r.1.text))),
    ];
    let mark: Mark<R> = Arc::new(|r: &R| RowMark {
        data: vec![
            ("kind", r.1.kind.key().to_string()),
            ("activity", r.1.activity.clone()),
        ],
        ..Default::default()
    });
    let rows: Vec<R> = deviations.into_iter().enumerate().collect();
    view! {
        <div class="table-scroll">
            <DataTable id="cf-deviations" columns=columns rows=rows actions=actions mark=mark limit=200 />
        </div>
    }
}

/// Variants against the model; ticked ones make the happy path, "moves" shows the alignment.
#[component]
pub fn VariantsTable(
    variants: Vec<VariantConformance>,
    /// Ticked variants (activity sequences).
    ticked: RwSignal<Vec<Vec<String>>>,
) -> impl IntoView {
    type R = (usize, VariantConformance);
    let c = use_conformance();
    let nan = f64::NAN;
    let tick = move |r: &R| {
        let seq = r.1.activities.clone();
        let s2 = seq.clone();
        view! {
            <input type="checkbox" class="cf-tick" aria-label=t!("cf-tick-label", rank = r.0 + 1)
                prop:checked=move || ticked.with(|t| t.contains(&s2))
                on:change=move |_| ticked.update(|t| {
                    match t.iter().position(|x| *x == seq) {
                        Some(i) => { t.remove(i); }
                        None => t.push(seq.clone()),
                    }
                }) />
        }
        .into_any()
    };
    let columns = vec![
        Column::view(
            t!("cf-col-ideal"),
            tick,
            |_: &R| String::new(),
            |_: &R| SortKey::Num(0.0),
        )
        .label(t!("cf-col-ideal"))
        .csv_skip(),
        Column::count("#", |r: &R| r.0 as u64 + 1),
        Column::count(t!("col-cases"), |r: &R| r.1.cases).csv("Cases"),
        shown_number(
            t!("cf-col-deviations"),
            |r: &R| match r.1.deviations {
                Some(d) => format::count(d as u64),
                None => t!("n-a-because", why = r.1.note.clone().unwrap_or_default()),
            },
            move |r: &R| r.1.deviations.map(|d| d as f64).unwrap_or(nan),
        )
        .csv("Deviations"),
        Column::number(
            t!("cf-col-fitness"),
            move |r: &R| r.1.fitness.unwrap_or(nan),
            |x| {
                if x.is_finite() {
                    format::decimal(x, 3)
                } else {
                    t!("n-a")
                }
            },
            |x| format::raw::num(x, 6),
        )
        .csv("Fitness"),
        Column::text(t!("col-variant"), |r: &R| r.1.activities.join(" → "))
            .class("small")
            .csv("Activities"),
    ];
    let actions = vec![
        Action::new(t!("cf-moves"), move |r: &R| c.request_moves(r.0))
            .class("variant-moves")
            .when(|r: &R| r.1.deviations.is_some()),
    ];
    let mark: Mark<R> = Arc::new(|r: &R| RowMark {
        class: match r.1.deviations {
            Some(0) => "fits",
            _ => "",
        },
        ..Default::default()
    });
    let rows: Vec<R> = variants.into_iter().enumerate().collect();
    view! {
        <div class="table-scroll">
            <DataTable id="cf-variants" columns=columns rows=rows actions=actions mark=mark limit=300 />
        </div>
    }
}

/// A variant's alignment, move by move: synchronous, on the log only (inserted), on the model only
/// (skipped).
#[component]
pub fn MovesPanel(index: usize, moves: Vec<Move>) -> impl IntoView {
    let items = moves
        .into_iter()
        .map(|m| {
            let (class, text) = match (&m.log, &m.model) {
                (Some(l), Some(_)) => ("move sync", l.clone()),
                (Some(l), None) => ("move log", t!("cf-move-log", activity = l.clone())),
                (None, Some(md)) => ("move model", t!("cf-move-model", activity = md.clone())),
                (None, None) => ("move", String::new()),
            };
            view! { <li class=class>{text}</li> }
        })
        .collect_view();
    view! {
        <div class="cf-moves" id="cf-moves">
            <h4>{t!("cf-moves-title", rank = index + 1)}</h4>
            <p class="hint small">{t!("cf-moves-help")}</p>
            <ol class="moves">{items}</ol>
        </div>
    }
}
