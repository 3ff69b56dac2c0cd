//! The insights view's state: the findings of the picked outcome, the last comparison, and the filter
//! stacks kept as populations A and B. The outcomes follow the collections roles and settings; the
//! comparison map, the map's paths slider.

use super::protocol::{Answer, ComparePage, CompareSplit, InsightsPage, Request};
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event, Tab};
use crate::features::collections::CollectionsState;
use crate::features::map::MapState;
use leptos::prelude::*;
use relance_engine::filter::FilterStack;

/// The insights view's signals.
#[derive(Clone, Copy)]
pub struct InsightsState {
    /// The core.
    pub core: AppState,
    /// The insights view.
    pub page: RwSignal<Option<InsightsPage>>,
    /// The outcome picked there (`None`: the first the log supports).
    pub outcome: RwSignal<Option<String>>,
    /// The last comparison.
    pub compare: RwSignal<Option<ComparePage>>,
    /// Filter stacks kept as populations A and B for a comparison.
    pub compare_stacks: RwSignal<(Option<FilterStack>, Option<FilterStack>)>,
    /// The populations of the last comparison asked for (the report repeats it).
    pub split: RwSignal<Option<CompareSplit>>,
    collections: CollectionsState,
    map: MapState,
    insights_request: Latest,
    compare_request: Latest,
}

/// Creates the insights view's state, provides it, and follows the core.
pub fn provide(s: AppState, collections: CollectionsState, map: MapState) -> InsightsState {
    let i = InsightsState {
        core: s,
        page: RwSignal::new(None),
        outcome: RwSignal::new(None),
        compare: RwSignal::new(None),
        compare_stacks: RwSignal::new((None, None)),
        split: RwSignal::new(None),
        collections,
        map,
        insights_request: Latest::default(),
        compare_request: Latest::default(),
    };
    provide_context(i);
    s.listen(move |e| match e {
        Event::NewLog(_) => {
            i.page.set(None);
            i.outcome.set(None);
            i.compare.set(None);
            i.compare_stacks.set((None, None));
            i.split.set(None);
        }
        Event::Refresh { stopped } => {
            let wanted = s.keeps_up(Tab::Insights, i.page.with_untracked(Option::is_some));
            i.insights_request
                .resend(&i.insights_now(), wanted, *stopped);
        }
        _ => {}
    });
    i
}

/// The insights view's state.
pub fn use_insights() -> InsightsState {
    expect_context::<InsightsState>()
}

impl InsightsState {
    fn insights_now(self) -> Request {
        Request::Insights {
            outcome: self.outcome.get_untracked(),
            mapping: self.collections.mapping_override.get_untracked(),
            settings: self.collections.settings.get_untracked(),
            language: crate::core::i18n::language(),
        }
    }

    /// Asks for the insights of the current filters and the picked outcome.
    pub fn request(self) {
        self.insights_request.send(&self.insights_now());
    }

    /// Turns a finding's cases into a filter chip.
    pub fn finding_cases(self, index: usize) {
        self.core.drill.send(&Request::InsightCases { index });
    }

    /// Compares two populations.
    pub fn request_compare(self, split: CompareSplit) {
        self.compare.set(None);
        self.split.set(Some(split.clone()));
        self.compare_request.send(&Request::Compare {
            split,
            mapping: self.collections.mapping_override.get_untracked(),
            language: crate::core::i18n::language(),
            paths_pct: self.map.settings.get_untracked().paths_pct,
        });
    }

    /// The insights view's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Insights(p) => self.insights_request.show(id, self.page, *p),
            Answer::Compare(p) => self.compare_request.show(id, self.compare, *p),
        }
    }
}
