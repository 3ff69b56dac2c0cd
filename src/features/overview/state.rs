//! The overview's state: its numbers and charts.

use super::protocol::{Overview, Request};
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event};
use leptos::prelude::*;

/// The overview's signals.
#[derive(Clone, Copy)]
pub struct OverviewState {
    /// Overview numbers.
    pub overview: RwSignal<Option<Overview>>,
    request: Latest,
}

/// Creates the overview's state, provides it, and follows the core.
pub fn provide(s: AppState) -> OverviewState {
    let o = OverviewState {
        overview: RwSignal::new(None),
        request: Latest::default(),
    };
    provide_context(o);
    s.listen(move |e| {
        // A summary document: its overview comes with it.
        if let Event::Refresh { .. } = e {
            if !s.summary_mode_untracked() {
                o.request.send(&Request);
            }
        }
    });
    o
}

/// The overview's state.
pub fn use_overview() -> OverviewState {
    expect_context::<OverviewState>()
}

impl OverviewState {
    /// The overview's answer.
    pub fn on_answer(self, id: u64, answer: Overview) {
        self.request.show(id, self.overview, answer);
    }
}
