//! The explore screen: bottleneck heatmaps (transitions, breakdown by any attribute, weekday × hour, resource ×
//! activity), the dotted chart and the case explorer. Every cell clicks through to its cases as a filter.

use super::state::{use_explore, ExploreTab};
use super::{case_explorer, dotted_chart, heatmaps};
use leptos::prelude::*;

/// The explore screen with its sub-views.
#[component]
pub fn ExploreView() -> impl IntoView {
    let x = use_explore();
    Effect::new(move |_| {
        let tab = x.tab.get();
        match tab {
            ExploreTab::Bottlenecks | ExploreTab::Calendar | ExploreTab::Resources => {
                if x.bottlenecks.with_untracked(|b| b.is_none()) {
                    x.request_bottlenecks();
                }
            }
            ExploreTab::Dotted => {
                if x.dotted.with_untracked(|d| d.is_none()) {
                    x.request_dotted();
                }
            }
            ExploreTab::Cases => {
                if x.wants_first_case() {
                    x.request_case(None, None, 0);
                }
            }
        }
    });
    let sub = move |tab: ExploreTab, label: &'static str| {
        view! {
            <button class="subtab" class:active=move || x.tab.get() == tab
                aria-pressed=move || (x.tab.get() == tab).to_string()
                on:click=move |_| x.tab.set(tab)>{t!(label)}</button>
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
            {move || match x.tab.get() {
                ExploreTab::Bottlenecks => view! { <heatmaps::TransitionHeatmaps /> }.into_any(),
                ExploreTab::Calendar => view! { <heatmaps::CalendarHeatmapView /> }.into_any(),
                ExploreTab::Resources => view! { <heatmaps::ResourceHeatmap /> }.into_any(),
                ExploreTab::Dotted => view! { <dotted_chart::DottedChartView /> }.into_any(),
                ExploreTab::Cases => view! { <case_explorer::CaseExplorer /> }.into_any(),
            }}
        </div>
    }
}
