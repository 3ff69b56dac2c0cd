//! Counts, durations and a histogram for the selected node or edge, and the filter to its cases.

use super::state::{use_map, Selected};
use crate::components::chart_frame::ChartFrame;
use crate::core::state::use_app_state;
use leptos::prelude::*;

/// Counts, durations and a histogram for the selected node or edge.
#[component]
pub fn DetailPanel() -> impl IntoView {
    let s = use_app_state();
    let m = use_map();
    view! {
        <section class="panel detail" aria-live="polite" id="detail-panel">
            {move || match (m.selected.get(), m.detail.get()) {
                (None, _) => view! { <p class="hint">{t!("detail-hint")}</p> }.into_any(),
                (Some(_), None) => view! { <p class="hint">{t!("loading")}</p> }.into_any(),
                (Some(sel), Some(d)) => {
                    let filter = match sel {
                        Selected::Edge(Some(from), Some(to)) => Some(relance_engine::filter::Filter::Follower {
                            from, to, directly: true, within_s: None, after_s: None,
                        }),
                        Selected::Node(name) => Some(relance_engine::filter::Filter::Activities { names: vec![name] }),
                        _ => None,
                    };
                    view! {
                        <h3>{d.title.clone()}</h3>
                        <dl class="stats">
                            {d.lines.iter().map(|(k, v)| view! { <dt>{k.clone()}</dt><dd>{v.clone()}</dd> }).collect_view()}
                        </dl>
                        {d.histogram_svg.clone().map(|svg| view! {
                            <ChartFrame svg=svg name="histogram" class="histogram-frame" chart_class="histogram" />
                        })}
                        {filter.map(|f| view! {
                            <button class="button small" id="filter-from-map" on:click=move |_| s.add_filter(f.clone(), true)>
                                {t!("keep-cases-passing")}
                            </button>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
