//! The report's state: its request and the download of its answer.

use super::protocol::{Answer, ReportRequest, Request};
use crate::core::export::download_text;
use crate::core::latest::Latest;
use crate::core::state::AppState;
use crate::features::collections::CollectionsState;
use crate::features::insights::protocol::CompareSplit;
use crate::features::insights::InsightsState;
use crate::features::map::MapState;
use leptos::prelude::*;
use relance_engine::report::CompareSpec;

/// The report's signals.
#[derive(Clone, Copy)]
pub struct ReportState {
    core: AppState,
    collections: CollectionsState,
    map: MapState,
    insights: InsightsState,
    request: Latest,
    /// The file name of the report being made.
    name: StoredValue<String>,
}

/// Creates the report's state and provides it.
pub fn provide(
    core: AppState,
    collections: CollectionsState,
    map: MapState,
    insights: InsightsState,
) -> ReportState {
    let r = ReportState {
        core,
        collections,
        map,
        insights,
        request: Latest::default(),
        name: StoredValue::new(String::new()),
    };
    provide_context(r);
    r
}

/// The report's state.
pub fn use_report() -> ReportState {
    expect_context::<ReportState>()
}

impl ReportState {
    /// Asks the worker for the report of the current filter, in the interface's language.
    pub fn build(self) {
        let Some(loaded) = self.core.loaded.get_untracked() else {
            return;
        };
        let language = crate::core::i18n::language();
        let map = self.map.settings.get_untracked();
        let compare = self.insights.split.get_untracked().map(|s| match s {
            CompareSplit::Date { at_ms } => CompareSpec::Date { at_ms },
            CompareSplit::Filters { a, b } => CompareSpec::Filters { a, b },
        });
        let stem = loaded
            .name
            .rsplit_once('.')
            .map_or(loaded.name.as_str(), |(s, _)| s)
            .to_string();
        self.name
            .set_value(format!("{} - {stem}.html", t!("report-file-name")));
        self.request.send(&Request::Report(Box::new(ReportRequest {
            language,
            sources: vec![loaded.name.clone()],
            import: Some(loaded.report.clone()),
            mapping: self.collections.mapping_override.get_untracked(),
            settings: self.collections.settings.get_untracked(),
            activity_pct: map.activity_pct,
            paths_pct: map.paths_pct,
            compare,
            generated_ms: js_sys::Date::now() as i64,
        })));
    }

    /// The report's answer: saved as a file.
    pub fn on_answer(self, id: u64, answer: Answer) {
        if self.request.is(id) {
            download_text(
                &self.name.get_value(),
                "text/html;charset=utf-8",
                &answer.html,
            );
        }
    }
}
