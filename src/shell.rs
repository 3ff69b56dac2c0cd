//! The shell: the page's frame (top bar, tabs, the current feature's view, dialogs and overlays), the
//! core and every feature's state provided at start, and the engine worker's answers routed to the
//! feature that asked.

use crate::core::filters::bar::FilterBar;
use crate::core::i18n::{self, Language};
use crate::core::overlays::{BusyOverlay, ErrorToast, WorkingBar};
use crate::core::state::{provide_app_state, use_app_state, AppState, Tab};
use crate::core::worker::protocol::{read, Feature, Header};
use crate::features::data_in::{self, data_model, drop_zone, file_button, header, mapping};
use crate::features::data_in::{import_report, progress, sheet_picker, view_file};
use crate::features::{
    collections, conformance, explore, forecast, insights, map, overview, report, summary, variants,
};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The features' states, for routing the worker's answers.
#[derive(Clone, Copy)]
struct Features {
    core: AppState,
    data_in: data_in::DataInState,
    map: map::MapState,
    variants: variants::VariantsState,
    overview: overview::OverviewState,
    collections: collections::CollectionsState,
    explore: explore::ExploreState,
    insights: insights::InsightsState,
    forecast: forecast::ForecastState,
    conformance: conformance::ConformanceState,
    report: report::ReportState,
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let s = provide_app_state();
    // Listeners run in this order on a refresh: the map first, as the page opens on it.
    let map = map::provide(s);
    let variants = variants::provide(s);
    let overview = overview::provide(s);
    let collections = collections::provide(s);
    let explore = explore::provide(s);
    let data_in = data_in::provide(s);
    let insights = insights::provide(s, collections, map);
    let f = Features {
        core: s,
        data_in,
        map,
        variants,
        overview,
        collections,
        explore,
        insights,
        forecast: forecast::provide(s, collections, explore),
        conformance: conformance::provide(s, collections),
        report: report::provide(s, collections, map, insights),
    };
    s.start_worker(move |header, body| route(f, header, body));
    f.data_in.load_demo();
    // The whole page is drawn again when the language changes: every text and number is formatted
    // when drawn (a rare event, and simpler than a signal read in every text).
    move || {
        let _ = s.lang.get();
        view! { <Page /> }
    }
}

/// Hands an answer to the feature that asked.
fn route(f: Features, header: Header, body: JsValue) {
    let id = header.id;
    let routed = match header.feature {
        Feature::Core => read(body).map(|a| f.core.on_answer(id, a)),
        Feature::DataIn => read(body).map(|a| f.data_in.on_answer(id, a)),
        Feature::Map => read(body).map(|a| f.map.on_answer(id, a)),
        Feature::Variants => read(body).map(|a| f.variants.on_answer(id, a)),
        Feature::Overview => read(body).map(|a| f.overview.on_answer(id, a)),
        Feature::Collections => read(body).map(|a| f.collections.on_answer(id, a)),
        Feature::Insights => read(body).map(|a| f.insights.on_answer(id, a)),
        Feature::Explore => read(body).map(|a| f.explore.on_answer(id, a)),
        Feature::Forecast => read(body).map(|a| f.forecast.on_answer(id, a)),
        Feature::Conformance => read(body).map(|a| f.conformance.on_answer(id, a)),
        Feature::Report => read(body).map(|a| f.report.on_answer(id, a)),
    };
    if let Err(e) = routed {
        web_sys::console::error_1(&format!("unreadable worker message: {e}").into());
    }
}

/// The page, in the current language.
#[component]
fn Page() -> impl IntoView {
    let s = use_app_state();
    let d = data_in::use_data_in();
    // A summary document has no cases: the views that need them are closed, saying why.
    let closed = move |tab: Tab| {
        matches!(
            tab,
            Tab::Insights | Tab::Explore | Tab::Forecast | Tab::Conformance
        ) && s.summary_mode()
    };
    let tab_button = move |tab: Tab, label: String| {
        view! {
            <button
                class="tab"
                class:active=move || s.tab.get() == tab
                aria-selected=move || (s.tab.get() == tab).to_string()
                role="tab"
                disabled=move || closed(tab)
                title=move || closed(tab).then(|| t!("summary-tab-closed"))
                on:click=move |_| s.tab.set(tab)
            >
                {label}
            </button>
        }
    };
    let other = match i18n::language() {
        Language::En => Language::Fr,
        Language::Fr => Language::En,
    };
    view! {
        <drop_zone::DropZone />
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"R"</span>
                <span class="name">{t!("app-name")}</span>
            </div>
            <header::LogTitle />
            <div class="privacy" title=t!("privacy-title")>
                <svg class="padlock" aria-hidden="true" width="14" height="16" viewBox="0 0 14 16"><path d="M3.5 7V4.8a3.5 3.5 0 0 1 7 0V7" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="1" y="7" width="12" height="8.5" rx="1.6" fill="currentColor"/></svg>
                " " {t!("privacy-note")}
            </div>
            <button class="button language" id="language-switch" lang=match other { Language::Fr => "fr", Language::En => "en" }
                aria-label=t!("language-switch-label")
                on:click=move |_| s.set_language(other)>{t!("language-switch")}</button>
            <file_button::FileButton />
        </header>
        <header::DemoBanner />
        <nav class="tabs" role="tablist">
            {tab_button(Tab::Map, t!("tab-map"))}
            {tab_button(Tab::Variants, t!("tab-variants"))}
            {tab_button(Tab::Overview, t!("tab-overview"))}
            {tab_button(Tab::Collections, t!("tab-collections"))}
            {tab_button(Tab::Insights, t!("tab-insights"))}
            {tab_button(Tab::Explore, t!("tab-explore"))}
            {tab_button(Tab::Forecast, t!("tab-forecast"))}
            {tab_button(Tab::Conformance, t!("tab-conformance"))}
            <file_button::SummaryButton />
            <button class="tab link" on:click=move |_| d.report_open.set(true)>{t!("tab-import-report")}</button>
        </nav>
        <summary::view::SummaryBanner />
        // The report goes with the view buttons: it is made of the current filter (and the top bar has
        // no room left in French at 1280 px).
        {move || (!s.summary_mode()).then(|| view! {
            <FilterBar><view_file::ViewFileButtons /><report::ReportButton /></FilterBar>
        })}
        <main class="content">
            {move || match (s.tab.get(), s.summary_mode()) {
                (Tab::Map, _) => view! { <map::ProcessMapView /> }.into_any(),
                (Tab::Variants, _) => view! { <variants::VariantsView /> }.into_any(),
                (Tab::Overview, true) => view! { <summary::view::SummaryOverview /> }.into_any(),
                (Tab::Overview, false) => view! { <overview::OverviewView /> }.into_any(),
                (Tab::Collections, true) => view! { <summary::view::SummaryCollections /> }.into_any(),
                (Tab::Collections, false) => view! { <collections::CollectionsView /> }.into_any(),
                (Tab::Insights, _) => view! { <insights::InsightsView /> }.into_any(),
                (Tab::Explore, _) => view! { <explore::ExploreView /> }.into_any(),
                (Tab::Forecast, _) => view! { <forecast::ForecastView /> }.into_any(),
                (Tab::Conformance, _) => view! { <conformance::ConformanceScreen /> }.into_any(),
            }}
        </main>
        <mapping::MappingScreen />
        <mapping::XesChoice />
        <sheet_picker::SheetPicker />
        <data_model::DataModelScreen />
        <progress::ReadingOverlay />
        <import_report::ImportReportPanel />
        <progress::ProgressOverlay />
        <BusyOverlay />
        <ErrorToast />
        <WorkingBar />
    }
}
