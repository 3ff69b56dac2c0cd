//! How the insights and comparison views word their figures, and the findings table: each attribute
//! value with its outcome, the rest's, the difference and its 95 % interval, the q-value, the excess
//! cases and the amount at risk.

use super::state::use_insights;
use crate::components::data_table::{plain, Action, Column, DataTable, RowMark, SortKey};
use crate::core::format;
use leptos::prelude::*;
use relance_engine::insights::{Finding, OutcomeKind};

/// A value of an outcome: a rate as a percentage, a duration in days.
pub fn value(kind: OutcomeKind, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => format::percent(x),
        OutcomeKind::Duration => format::duration(x * 86_400.0),
    }
}

/// A difference: percentage points for rates, days for durations, with its sign.
pub fn difference(kind: OutcomeKind, x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    match kind {
        OutcomeKind::Rate => t!("points", value = signed(x * 100.0)),
        OutcomeKind::Duration => t!("days-short", value = signed(x)),
    }
}

/// A difference's interval, in the same unit.
pub fn interval(kind: OutcomeKind, lo: f64, hi: f64) -> String {
    if !lo.is_finite() || !hi.is_finite() {
        return "–".into();
    }
    let scale = match kind {
        OutcomeKind::Rate => 100.0,
        OutcomeKind::Duration => 1.0,
    };
    t!(
        "interval",
        low = signed(lo * scale),
        high = signed(hi * scale)
    )
}

/// A signed number with one decimal: `+3.5`, `-2.0` (`+3,5` in French).
pub fn signed(x: f64) -> String {
    let s = format::decimal(x, 1);
    if x >= 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

/// A q-value or p-value: three decimals, or "< 0.001".
pub fn q_value(q: f64) -> String {
    if !q.is_finite() {
        "–".into()
    } else if q < 0.001 {
        "< 0.001".into()
    } else {
        format::decimal(q, 3)
    }
}

/// A number column shown as formatted text (written to CSV as shown), sorted by a value.
pub fn shown_number<R: 'static>(
    header: impl Into<String>,
    text: impl Fn(&R) -> String + Send + Sync + 'static,
    key: impl Fn(&R) -> f64 + Send + Sync + 'static,
) -> Column<R> {
    let text = std::sync::Arc::new(text);
    let t2 = text.clone();
    Column::view(
        header,
        move |r| text(r).into_any(),
        move |r| plain(&t2(r)),
        move |r| SortKey::Num(key(r)),
    )
    .numeric()
}

/// Findings as a table; with `chips`, each row has a button that filters to its cases.
#[component]
pub fn FindingsTable(
    id: &'static str,
    findings: Vec<Finding>,
    kind: OutcomeKind,
    chips: bool,
) -> impl IntoView {
    type R = (usize, Finding);
    let i = use_insights();
    let raw = |d: usize| move |x: f64| format::raw::num(x, d);
    // An outcome's value (or difference) in its unit, four decimals in the CSV.
    let outcome = |header: &str, of: fn(&Finding) -> f64, shown: fn(OutcomeKind, f64) -> String| {
        Column::number(
            t!(header),
            move |r: &R| of(&r.1),
            move |x| shown(kind, x),
            raw(4),
        )
    };
    let columns = vec![
        Column::text(t!("col-attribute"), |r: &R| r.1.attribute.clone()),
        Column::text(t!("col-value"), |r: &R| match &r.1.parent {
            // A subgroup sits under its parent: "↳ within region Süd".
            Some(p) => t!(
                "subgroup-value",
                value = r.1.value.clone(),
                parent = format!("{} {}", p.attribute, p.value)
            ),
            None => r.1.value.clone(),
        }),
        Column::count(t!("col-cases"), |r: &R| r.1.cases),
        outcome("col-these-cases", |f| f.outcome_value, value),
        outcome("col-the-others", |f| f.rest_value, value),
        outcome("col-difference", |f| f.difference, difference),
        Column::view(
            t!("col-interval"),
            move |r: &R| interval(kind, r.1.ci_low, r.1.ci_high).into_any(),
            |r: &R| {
                format!(
                    "{} {}",
                    format::raw::num(r.1.ci_low, 4),
                    format::raw::num(r.1.ci_high, 4)
                )
            },
            |r: &R| SortKey::Num(r.1.ci_low),
        )
        .numeric(),
        Column::number(t!("col-q-value"), |r: &R| r.1.q_value, q_value, raw(6)),
        Column::number(
            t!("col-excess"),
            |r: &R| r.1.excess_cases,
            move |x| match kind {
                OutcomeKind::Rate if x >= 0.0 => format!("+{}", format::decimal(x, 0)),
                OutcomeKind::Rate => format::decimal(x, 0),
                OutcomeKind::Duration => "–".into(),
            },
            raw(1),
        ),
        Column::number(
            t!("col-at-risk"),
            |r: &R| r.1.amount_at_risk.unwrap_or(f64::NAN),
            |a| {
                if a.is_nan() {
                    t!("n-a")
                } else {
                    format::count(a.round().max(0.0) as u64)
                }
            },
            raw(2),
        ),
        Column::text(t!("col-note"), |r: &R| {
            if r.1.stratified_flip {
                t!(
                    "reverses-within",
                    by = r.1.stratified_by.clone().unwrap_or_default()
                )
            } else {
                String::new()
            }
        })
        .class("small"),
    ];
    let actions = if chips {
        vec![Action::new(t!("col-cases"), move |r: &R| i.finding_cases(r.0)).class("finding-cases")]
    } else {
        Vec::new()
    };
    let rows = folded(findings);
    let mark = std::sync::Arc::new(|r: &R| RowMark {
        class: if r.1.parent.is_some() { "subgroup" } else { "" },
        data: Vec::new(),
        picked: None,
    });
    view! {
        <div class="table-scroll">
            <DataTable id=id columns=columns rows=rows actions=actions mark=mark />
        </div>
    }
}

/// The findings in rank order with each subgroup right under its parent (a subgroup whose parent is
/// not reported keeps its own place), each with its index in the report (for its chip).
fn folded(findings: Vec<Finding>) -> Vec<(usize, Finding)> {
    let is_parent = |p: &Finding, f: &Finding| {
        p.parent.is_none()
            && p.outcome == f.outcome
            && f.parent.as_ref().is_some_and(|x| {
                p.parts.len() == 1 && p.parts[0] == (x.attribute.clone(), x.value.clone())
            })
    };
    let has_parent = |f: &Finding| findings.iter().any(|p| is_parent(p, f));
    let mut rows = Vec::with_capacity(findings.len());
    for (k, f) in findings.iter().enumerate() {
        if f.parent.is_some() && has_parent(f) {
            continue;
        }
        rows.push((k, f.clone()));
        for (j, g) in findings.iter().enumerate() {
            if is_parent(f, g) {
                rows.push((j, g.clone()));
            }
        }
    }
    rows
}

/// The attributes left out, and why; the notes of the computation.
#[component]
pub fn Skipped(
    skipped: Vec<relance_engine::insights::Skipped>,
    notes: Vec<String>,
) -> impl IntoView {
    let n = skipped.len();
    view! {
        {(!notes.is_empty()).then(|| view! {
            <ul class="notes small">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
        })}
        {(n > 0).then(|| view! {
            <details class="skipped" id="insights-skipped">
                <summary>{t!("insights-skipped", count = n)}</summary>
                <ul>{skipped.into_iter().map(|k| view! { <li><strong>{k.attribute}</strong>": "{k.reason}</li> }).collect_view()}</ul>
            </details>
        })}
    }
}
