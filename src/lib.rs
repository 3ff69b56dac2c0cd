//! Relance web app: a Leptos single-page app whose engine runs in a Web Worker.
//!
//! - `bin/app.rs` mounts [`App`]; `bin/engine_worker.rs` runs [`worker::service::run`].
//! - [`state`] holds the shared signals and the actions that talk to the worker.
//! - [`views`] are the screens (map, variants, overview, mapping, import report), [`components`] the
//!   shared widgets. Views only format numbers; every number comes from the engine.

// First, so that every module below can use `t!`.
#[macro_use]
pub mod i18n;
pub mod components;
pub mod engine_words;
pub mod export;
pub mod format;
pub mod panic_hook;
pub mod state;
pub mod views;
pub mod worker;

use leptos::prelude::*;
use state::{provide_app_state, Tab};

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let s = provide_app_state();
    // The whole page is drawn again when the language changes: every text and number is formatted
    // when drawn (a rare event, and simpler than a signal read in every text).
    move || {
        let lang = s.lang.get();
        let _ = lang;
        view! { <Page /> }
    }
}

/// The page, in the current language.
#[component]
fn Page() -> impl IntoView {
    let s = state::use_app_state();
    // A summary document has no cases: the views that need them are closed, saying why.
    let closed =
        move |tab: Tab| matches!(tab, Tab::Insights | Tab::Explore) && state::summary_mode(s);
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
        i18n::Language::En => i18n::Language::Fr,
        i18n::Language::Fr => i18n::Language::En,
    };
    view! {
        <components::drop_zone::DropZone />
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"R"</span>
                <span class="name">{t!("app-name")}</span>
            </div>
            <views::header::LogTitle />
            <div class="privacy" title=t!("privacy-title")>
                <svg class="padlock" aria-hidden="true" width="14" height="16" viewBox="0 0 14 16"><path d="M3.5 7V4.8a3.5 3.5 0 0 1 7 0V7" fill="none" stroke="currentColor" stroke-width="1.8"/><rect x="1" y="7" width="12" height="8.5" rx="1.6" fill="currentColor"/></svg>
                " " {t!("privacy-note")}
            </div>
            <button class="button language" id="language-switch" lang=match other { i18n::Language::Fr => "fr", i18n::Language::En => "en" }
                aria-label=t!("language-switch-label")
                on:click=move |_| state::set_language(s, other)>{t!("language-switch")}</button>
            <components::file_button::FileButton />
        </header>
        <views::header::DemoBanner />
        <nav class="tabs" role="tablist">
            {tab_button(Tab::Map, t!("tab-map"))}
            {tab_button(Tab::Variants, t!("tab-variants"))}
            {tab_button(Tab::Overview, t!("tab-overview"))}
            {tab_button(Tab::Collections, t!("tab-collections"))}
            {tab_button(Tab::Insights, t!("tab-insights"))}
            {tab_button(Tab::Explore, t!("tab-explore"))}
            <components::file_button::SummaryButton />
            <button class="tab link" on:click=move |_| s.report_open.set(true)>{t!("tab-import-report")}</button>
        </nav>
        <views::summary::SummaryBanner />
        {move || (!state::summary_mode(s)).then(|| view! { <views::filters::FilterBar /> })}
        <main class="content">
            {move || match (s.tab.get(), state::summary_mode(s)) {
                (Tab::Map, _) => view! { <views::process_map::ProcessMapView /> }.into_any(),
                (Tab::Variants, _) => view! { <views::variants::VariantsView /> }.into_any(),
                (Tab::Overview, true) => view! { <views::summary::SummaryOverview /> }.into_any(),
                (Tab::Overview, false) => view! { <views::overview::OverviewView /> }.into_any(),
                (Tab::Collections, true) => view! { <views::summary::SummaryCollections /> }.into_any(),
                (Tab::Collections, false) => view! { <views::collections::CollectionsView /> }.into_any(),
                (Tab::Insights, _) => view! { <views::insights::InsightsView /> }.into_any(),
                (Tab::Explore, _) => view! { <views::explore::ExploreView /> }.into_any(),
            }}
        </main>
        <views::mapping::MappingScreen />
        <views::mapping::XesChoice />
        <views::sheet_picker::SheetPicker />
        <views::data_model::DataModelScreen />
        <components::progress::ReadingOverlay />
        <views::import_report::ImportReportPanel />
        <components::progress::ProgressOverlay />
        <components::progress::BusyOverlay />
        <components::progress::ErrorToast />
        <components::progress::WorkingBar />
    }
}
