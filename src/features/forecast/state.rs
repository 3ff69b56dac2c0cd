//! The forecast view's state: the page of the last forecast, the as-of day picked, the worklist's
//! chips. It follows the collections roles (the mapping screen's overrides) and the filter stack.

use super::protocol::{Answer, ForecastPage, Request};
use crate::core::export;
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event, Tab};
use crate::features::collections::CollectionsState;
use crate::features::explore::ExploreState;
use leptos::prelude::*;
use relance_engine::forecast::worklist::Focus;

/// The forecast view's signals.
#[derive(Clone, Copy)]
pub struct ForecastState {
    /// The core.
    pub core: AppState,
    /// The forecast view.
    pub page: RwSignal<Option<ForecastPage>>,
    /// The as-of day picked, any instant of it (UTC ms; `None`: the last event's day).
    pub as_of_ms: RwSignal<Option<i64>>,
    /// The worklist's chips.
    pub focus: RwSignal<Vec<Focus>>,
    collections: CollectionsState,
    explore: ExploreState,
    request: Latest,
    csv_request: Latest,
}

/// Creates the forecast view's state, provides it, and follows the core.
pub fn provide(s: AppState, collections: CollectionsState, explore: ExploreState) -> ForecastState {
    let f = ForecastState {
        core: s,
        page: RwSignal::new(None),
        as_of_ms: RwSignal::new(None),
        focus: RwSignal::new(Vec::new()),
        collections,
        explore,
        request: Latest::default(),
        csv_request: Latest::default(),
    };
    provide_context(f);
    s.listen(move |e| match e {
        Event::NewLog(_) => {
            f.page.set(None);
            f.as_of_ms.set(None);
            f.focus.set(Vec::new());
        }
        Event::Refresh { stopped } => {
            // A forecast with its backtest takes seconds on a large log: asked again only while it
            // is shown; otherwise dropped, and asked for when the view opens again.
            if s.tab.get_untracked() == Tab::Forecast && !s.summary_mode_untracked() {
                f.request.resend(&f.now(), true, *stopped);
            } else {
                f.page.set(None);
            }
        }
        _ => {}
    });
    f
}

/// The forecast view's state.
pub fn use_forecast() -> ForecastState {
    expect_context::<ForecastState>()
}

impl ForecastState {
    fn now(self) -> Request {
        Request::Forecast {
            as_of_ms: self.as_of_ms.get_untracked(),
            mapping: self.collections.mapping_override.get_untracked(),
            focus: self.focus.get_untracked(),
            language: crate::core::i18n::language(),
        }
    }

    /// Asks for the forecast of the current filter, day and chips.
    pub fn request(self) {
        self.request.send(&self.now());
    }

    /// Forecasts as of another day (`None`: the last event's).
    pub fn set_as_of(self, ms: Option<i64>) {
        self.as_of_ms.set(ms);
        self.request();
    }

    /// Adds or removes a chip of the worklist.
    pub fn toggle(self, chip: Focus) {
        self.focus.update(|v| {
            if let Some(k) = v.iter().position(|&c| c == chip) {
                v.remove(k);
            } else {
                v.push(chip);
            }
        });
        self.request();
    }

    /// Downloads every row of the worklist the chips keep.
    pub fn download_worklist(self) {
        self.csv_request.send(&Request::WorklistCsv {
            focus: self.focus.get_untracked(),
            language: crate::core::i18n::language(),
        });
    }

    /// Shows an invoice in the case explorer.
    pub fn open_case(self, case: String) {
        self.explore.open_case(case);
    }

    /// The forecast view's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Forecast(p) => self.request.show(id, self.page, *p),
            Answer::WorklistCsv { name, text } => {
                if self.csv_request.is(id) {
                    export::download_text(&name, "text/csv", &text);
                }
            }
        }
    }
}
