//! The map's controls (frequency or performance, the measure, the replay switch, the activities and
//! paths sliders) and what the drawing shows in numbers.

use super::render::Drawn;
use super::state::{use_map, MapMode, MapSettings};
use crate::core::format;
use crate::core::options::options;
use crate::core::state::use_app_state;
use leptos::prelude::*;
use relance_engine::analysis::Stat;

/// View mode and sliders.
#[component]
pub fn MapControls() -> impl IntoView {
    let s = use_app_state();
    let m = use_map();
    let mode = move || m.settings.get().mode;
    let set_mode = move |mode: MapMode| m.settings.update(|st| st.mode = mode);
    let is_perf = move || matches!(mode(), MapMode::Performance { .. });
    view! {
        <section class="panel controls" aria-label=t!("map-settings")>
            <div class="segmented" role="group" aria-label=t!("map-view")>
                <button
                    class:active=move || !is_perf()
                    aria-pressed=move || (!is_perf()).to_string()
                    id="mode-frequency"
                    on:click=move |_| set_mode(MapMode::Frequency { cases: false })
                >{t!("frequency")}</button>
                <button
                    class:active=is_perf
                    aria-pressed=move || is_perf().to_string()
                    id="mode-performance"
                    on:click=move |_| set_mode(MapMode::Performance { stat: Stat::Median })
                >{t!("performance")}</button>
            </div>
            <label class="field">
                <span>{t!("map-show")}</span>
                <select
                    id="map-measure"
                    on:change=move |e| {
                        let v = event_target_value(&e);
                        let mode = match v.as_str() {
                            "cases" => MapMode::Frequency { cases: true },
                            "events" => MapMode::Frequency { cases: false },
                            "mean" => MapMode::Performance { stat: Stat::Mean },
                            "total" => MapMode::Performance { stat: Stat::Total },
                            "max" => MapMode::Performance { stat: Stat::Max },
                            _ => MapMode::Performance { stat: Stat::Median },
                        };
                        set_mode(mode);
                    }
                    prop:value=move || match mode() {
                        MapMode::Frequency { cases: true } => "cases",
                        MapMode::Frequency { cases: false } => "events",
                        MapMode::Performance { stat: Stat::Mean } => "mean",
                        MapMode::Performance { stat: Stat::Total } => "total",
                        MapMode::Performance { stat: Stat::Max } => "max",
                        MapMode::Performance { .. } => "median",
                    }
                >
                    <Show
                        when=is_perf
                        fallback=|| options(&[("events", "absolute-frequency"), ("cases", "case-frequency")])
                    >
                        {options(&[("median", "median-duration"), ("mean", "mean-duration"), ("total", "total-duration"), ("max", "maximum-duration")])}
                    </Show>
                </select>
            </label>
            <button class="button" id="replay-toggle" aria-pressed=move || m.replay_on.get().to_string()
                disabled=move || s.summary_mode()
                title=move || s.summary_mode().then(|| t!("summary-tab-closed"))
                on:click=move |_| {
                let on = !m.replay_on.get_untracked();
                m.replay_on.set(on);
                if on {
                    m.request_replay();
                } else {
                    m.replay.set(None);
                }
            }>{move || if m.replay_on.get() { t!("replay-stop") } else { t!("replay-start") }}</button>
            {slider("activities", t!("activities-slider"), |st| st.activity_pct, |st, v| st.activity_pct = v)}
            {slider("paths", t!("paths-slider"), |st| st.paths_pct, |st, v| st.paths_pct = v)}
        </section>
    }
}

/// A percent slider of the map's settings (`NAME-slider`, its value in `NAME-value`).
fn slider(
    name: &'static str,
    label: String,
    get: fn(&MapSettings) -> f64,
    set: fn(&mut MapSettings, f64),
) -> impl IntoView {
    let m = use_map();
    view! {
        <label class="field slider">
            <span>{label} " " <output id=format!("{name}-value")>{move || format!("{} %", format::decimal(get(&m.settings.get()), 0))}</output></span>
            <input
                id=format!("{name}-slider")
                type="range" min="0" max="100" step="1"
                prop:value=move || get(&m.settings.get()).to_string()
                on:input=move |e| {
                    let v: f64 = event_target_value(&e).parse().unwrap_or(100.0);
                    m.settings.update(|st| set(st, v));
                }
            />
        </label>
    }
}

/// What the drawing shows, in numbers.
#[component]
pub fn MapStats(drawn: Memo<Option<Drawn>>) -> impl IntoView {
    view! {
        {move || drawn.get().map(|d| {
            let acts = d.map.nodes.len().saturating_sub(2);
            view! {
                <p class="map-stats" id="map-stats">
                    <span class="activities-shown">{t!("map-stats-activities", shown = format::count(acts as u64), total = format::count(d.map.activities_total as u64))}</span>
                    " · "
                    <span class="paths-shown">{t!("map-stats-paths", shown = format::count(d.kept.len() as u64), total = format::count(d.map.edges.len() as u64))}</span>
                    " · "
                    <span>{t!("map-stats-cases", cases = format::count(d.map.cases))}</span>
                </p>
            }
        })}
    }
}
