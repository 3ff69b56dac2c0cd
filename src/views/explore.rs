//! Explore: bottleneck heatmaps (transitions, breakdown by any attribute, weekday × hour, resource ×
//! activity), the dotted chart and the case explorer. Every cell clicks through to its cases as a filter.

mod case_explorer;
mod dotted_chart;
mod heatmaps;

use crate::state::{request_bottlenecks, request_case, request_dotted, use_app_state, ExploreTab};
use leptos::prelude::*;

/// The explore screen with its sub-views.
#[component]
pub fn ExploreView() -> impl IntoView {
    let s = use_app_state();
    Effect::new(move |_| {
        let tab = s.explore_tab.get();
        match tab {
            ExploreTab::Bottlenecks | ExploreTab::Calendar | ExploreTab::Resources => {
                if s.bottlenecks.with_untracked(|b| b.is_none()) {
                    request_bottlenecks(s);
                }
            }
            ExploreTab::Dotted => {
                if s.dotted.with_untracked(|d| d.is_none()) {
                    request_dotted(s);
                }
            }
            ExploreTab::Cases => {
                if s.case.with_untracked(|c| c.is_none()) {
                    request_case(s, None, None, 0);
                }
            }
        }
    });
    let sub = move |tab: ExploreTab, label: &'static str| {
        view! {
            <button class="subtab" class:active=move || s.explore_tab.get() == tab
                aria-pressed=move || (s.explore_tab.get() == tab).to_string()
                on:click=move |_| s.explore_tab.set(tab)>{t!(label)}</button>
        }
    };
    view! {
        <div class="explore">
            <div class="segmented subtabs" role="group" aria-label=t!("ex-views")>
                {sub(ExploreTab::Bottlenecks, "ex-bottlenecks")}
                {sub(ExploreTab::Calendar, "ex-calendar")}
                {sub(ExploreTab::Resources, "ex-resources")}
                {sub(ExploreTab::Dotted, "ex-dotted")}
                {sub(ExploreTab::Cases, "ex-cases")}
            </div>
            {move || match s.explore_tab.get() {
                ExploreTab::Bottlenecks => view! { <heatmaps::TransitionHeatmaps /> }.into_any(),
                ExploreTab::Calendar => view! { <heatmaps::CalendarHeatmapView /> }.into_any(),
                ExploreTab::Resources => view! { <heatmaps::ResourceHeatmap /> }.into_any(),
                ExploreTab::Dotted => view! { <dotted_chart::DottedChartView /> }.into_any(),
                ExploreTab::Cases => view! { <case_explorer::CaseExplorer /> }.into_any(),
            }}
        </div>
    }
}
