//! What-if scenarios side by side: the default ones (the costliest deviations follow the ideal path,
//! the longest wait halves, the slowest segment behaves like the rest) and the user's, each with the
//! change in invoice-to-cash, DSO, cash released, late invoices, write-offs and case duration with
//! its bootstrap interval. Estimates from the log, not promises: the view says so.

use super::model_svg::kind_words;
use super::protocol::ConformancePage;
use super::state::use_conformance;
use crate::components::data_table::{Action, Column, DataTable, Mark, RowMark};
use crate::core::format;
use crate::features::insights::findings::{shown_number, signed};
use leptos::prelude::*;
use relance_engine::conformance::{Deviation, Scenario, ScenarioSpec};
use std::sync::Arc;

/// A change with its interval: `-4.5 (-7.0 to -2.1)`.
fn change(x: Option<f64>, lo: Option<f64>, hi: Option<f64>, decimals: usize) -> String {
    let num = |v: f64| {
        if decimals == 0 {
            let s = format::count(v.abs().round() as u64);
            if v < -0.5 {
                format!("-{s}")
            } else if v > 0.5 {
                format!("+{s}")
            } else {
                s
            }
        } else {
            signed(v)
        }
    };
    match (x, lo, hi) {
        (Some(x), Some(a), Some(b)) => format!(
            "{} ({})",
            num(x),
            t!("ci-range", low = num(a), high = num(b))
        ),
        (Some(x), _, _) => num(x),
        _ => t!("n-a"),
    }
}

/// The scenarios table and the form to add one.
#[component]
pub fn ScenariosSection(page: ConformancePage) -> impl IntoView {
    type R = Scenario;
    /// A figure of a scenario with its interval.
    type Figure = fn(&R) -> (Option<f64>, Option<f64>, Option<f64>);
    let c = use_conformance();
    let user: Vec<ScenarioSpec> = c.setup.with_untracked(|s| s.scenarios.clone());
    let nan = f64::NAN;
    let column = |header: String, csv: &'static str, f: Figure, decimals: usize| {
        shown_number(
            header,
            move |r: &R| {
                let (x, lo, hi) = f(r);
                change(x, lo, hi, decimals)
            },
            move |r: &R| f(r).0.unwrap_or(nan),
        )
        .csv(csv)
    };
    let columns = vec![
        Column::text(t!("cf-col-scenario"), |r: &R| r.name.clone()).csv("Scenario"),
        Column::count(t!("cf-col-affected"), |r: &R| r.cases_affected).csv("Cases affected"),
        column(
            t!("cf-col-itc"),
            "Invoice-to-cash change (days)",
            |r| (r.invoice_to_cash_days, r.ci_low, r.ci_high),
            1,
        ),
        column(
            t!("cf-col-dso"),
            "DSO change (days)",
            |r| (r.dso_days, r.dso_ci_low, r.dso_ci_high),
            1,
        ),
        column(
            t!("cf-col-cash"),
            "Cash released",
            |r| (r.cash_released, r.cash_ci_low, r.cash_ci_high),
            0,
        ),
        column(
            t!("cf-col-late"),
            "Late invoices change",
            |r| (r.late_invoices, r.late_ci_low, r.late_ci_high),
            0,
        ),
        column(
            t!("cf-col-write-offs"),
            "Write-offs change",
            |r| (r.write_offs, r.write_offs_ci_low, r.write_offs_ci_high),
            0,
        ),
        column(
            t!("cf-col-duration"),
            "Case duration change (days)",
            |r| (r.case_duration_days, r.duration_ci_low, r.duration_ci_high),
            1,
        ),
    ];
    let user2 = user.clone();
    let actions = vec![
        Action::new(t!("cf-remove"), move |r: &R| c.remove_scenario(&r.spec))
            .class("remove-scenario")
            .when(move |r: &R| user2.contains(&r.spec)),
    ];
    let user3 = user.clone();
    let mark: Mark<R> = Arc::new(move |r: &R| RowMark {
        class: if user3.contains(&r.spec) {
            "user-scenario"
        } else {
            ""
        },
        ..Default::default()
    });
    let sentences = page
        .report
        .scenarios
        .iter()
        .map(|s| s.text.clone())
        .collect::<Vec<_>>();
    let mut missing: Vec<String> = Vec::new();
    for u in page.report.scenarios.iter().flat_map(|s| &s.unavailable) {
        if !missing.contains(u) {
            missing.push(u.clone());
        }
    }
    view! {
        <section class="panel" id="cf-scenarios-panel">
            <h3>{t!("cf-scenarios-title")}</h3>
            <p class="caveat" id="cf-scenarios-caveat">{t!("cf-scenarios-caveat")}</p>
            <div class="table-scroll">
                <DataTable id="cf-scenarios" columns=columns rows=page.report.scenarios.clone() actions=actions mark=mark />
            </div>
            <ul class="small" id="cf-scenario-sentences">{sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            {(!missing.is_empty()).then(|| view! {
                <ul class="notes small">{missing.into_iter().map(|m| view! { <li>{t!("n-a-because", why = m)}</li> }).collect_view()}</ul>
            })}
            <AddScenario deviations=page.report.deviations.clone() activities=page.log_activities.clone() segments=page.segments.clone() />
        </section>
    }
}

/// The three kinds of scenario a user can add.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Follow,
    Wait,
    Segment,
}

/// The form that adds a scenario.
#[component]
fn AddScenario(
    deviations: Vec<Deviation>,
    activities: Vec<String>,
    segments: Vec<(String, Vec<String>)>,
) -> impl IntoView {
    let c = use_conformance();
    let kind = RwSignal::new(Kind::Follow);
    let deviation = RwSignal::new(0usize);
    let activity = RwSignal::new(activities.first().cloned().unwrap_or_default());
    let factor = RwSignal::new(0.5f64);
    let segment = RwSignal::new(0usize);
    let value = RwSignal::new(
        segments
            .first()
            .and_then(|s| s.1.first().cloned())
            .unwrap_or_default(),
    );
    let devs = deviations.clone();
    let segs = segments.clone();
    let add = move |_| {
        let spec = match kind.get_untracked() {
            Kind::Follow => {
                devs.get(deviation.get_untracked())
                    .map(|d| ScenarioSpec::FollowIdealPath {
                        deviation: d.kind,
                        activity: d.activity.clone(),
                    })
            }
            Kind::Wait => {
                let a = activity.get_untracked();
                (!a.is_empty()).then(|| ScenarioSpec::WaitingTime {
                    activity: a,
                    factor: factor.get_untracked().clamp(0.0, 1.0),
                })
            }
            Kind::Segment => segs.get(segment.get_untracked()).map(|(attribute, _)| {
                ScenarioSpec::SegmentLikeRest {
                    attribute: attribute.clone(),
                    value: value.get_untracked(),
                }
            }),
        };
        if let Some(spec) = spec {
            c.add_scenario(spec);
        }
    };
    let kind_button = move |k: Kind, label: String, enabled: bool| {
        view! {
            <button class:active=move || kind.get() == k aria-pressed=move || (kind.get() == k).to_string()
                disabled=!enabled on:click=move |_| kind.set(k)>{label}</button>
        }
    };
    let segs2 = segments.clone();
    let values_of = move |i: usize| segs2.get(i).map(|s| s.1.clone()).unwrap_or_default();
    let values_of2 = values_of.clone();
    view! {
        <div class="cf-add-scenario" id="cf-add-scenario">
            <h4>{t!("cf-add-scenario")}</h4>
            <div class="segmented" role="group" aria-label=t!("cf-add-scenario")>
                {kind_button(Kind::Follow, t!("cf-scenario-follow"), !deviations.is_empty())}
                {kind_button(Kind::Wait, t!("cf-scenario-wait"), !activities.is_empty())}
                {kind_button(Kind::Segment, t!("cf-scenario-segment"), !segments.is_empty())}
            </div>
            {move || match kind.get() {
                Kind::Follow => view! {
                    <label class="field inline"><span>{t!("cf-scenario-deviation")}</span>
                        <select id="cf-scenario-deviation" on:change=move |ev| deviation.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {deviations.iter().enumerate().map(|(i, d)| view! {
                                <option value=i.to_string() selected=i == deviation.get_untracked()>{format!("{} {}", d.activity, kind_words(d.kind))}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }.into_any(),
                Kind::Wait => view! {
                    <label class="field inline"><span>{t!("cf-scenario-activity")}</span>
                        <select id="cf-scenario-activity" on:change=move |ev| activity.set(event_target_value(&ev))>
                            {activities.iter().map(|a| view! { <option value=a.clone() selected=*a == activity.get_untracked()>{a.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field inline"><span>{t!("cf-scenario-factor")}</span>
                        <input type="number" id="cf-scenario-factor" min="0" max="1" step="0.05" prop:value=move || factor.get().to_string()
                            on:input=move |ev| {
                                if let Ok(x) = event_target_value(&ev).replace(',', ".").parse::<f64>() {
                                    factor.set(x);
                                }
                            } />
                    </label>
                }.into_any(),
                Kind::Segment => view! {
                    <label class="field inline"><span>{t!("cf-scenario-attribute")}</span>
                        <select id="cf-scenario-attribute" on:change={
                            let values_of = values_of.clone();
                            move |ev| {
                                let i = event_target_value(&ev).parse().unwrap_or(0);
                                segment.set(i);
                                value.set(values_of(i).first().cloned().unwrap_or_default());
                            }
                        }>
                            {segments.iter().enumerate().map(|(i, s)| view! { <option value=i.to_string() selected=i == segment.get_untracked()>{s.0.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label class="field inline"><span>{t!("cf-scenario-value")}</span>
                        {
                            let values_of2 = values_of2.clone();
                            move || {
                                let vals = values_of2(segment.get());
                                view! {
                                    <select id="cf-scenario-value" on:change=move |ev| value.set(event_target_value(&ev))>
                                        {vals.into_iter().map(|v| view! { <option value=v.clone() selected=v == value.get_untracked()>{v.clone()}</option> }).collect_view()}
                                    </select>
                                }
                            }
                        }
                    </label>
                }.into_any(),
            }}
            <button class="button primary" id="cf-scenario-add" on:click=add>{t!("cf-scenario-add")}</button>
        </div>
    }
}
