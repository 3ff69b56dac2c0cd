//! The explore view's state: its sub-view, the heatmaps and their grouping, the dotted chart and its
//! order, the case shown in the case explorer.

use super::protocol::{Answer, Bottlenecks, HeatCell, Request};
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event, Tab};
use leptos::prelude::*;
use relance_engine::analysis::bottleneck::{CalendarMeasure, GroupBy};
use relance_engine::analysis::timeline::{CaseTimeline, DottedChart, DottedOrder};

/// The explore view's sub-views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExploreTab {
    /// Transition and breakdown heatmaps.
    Bottlenecks,
    /// Weekday × hour.
    Calendar,
    /// Resource × activity.
    Resources,
    /// One row per case.
    Dotted,
    /// One case in detail.
    Cases,
}

/// The explore view's signals.
#[derive(Clone, Copy)]
pub struct ExploreState {
    /// The core.
    pub core: AppState,
    /// Explore sub-view.
    pub tab: RwSignal<ExploreTab>,
    /// Heatmaps.
    pub bottlenecks: RwSignal<Option<Bottlenecks>>,
    /// Breakdown grouping.
    pub bottleneck_by: RwSignal<Option<GroupBy>>,
    /// Calendar heatmap measure.
    pub calendar_measure: RwSignal<CalendarMeasure>,
    /// Dotted chart.
    pub dotted: RwSignal<Option<DottedChart>>,
    /// Dotted chart order.
    pub dotted_order: RwSignal<DottedOrder>,
    /// Dotted chart relative times.
    pub dotted_relative: RwSignal<bool>,
    /// The case shown in the case explorer.
    pub case: RwSignal<Option<CaseTimeline>>,
    /// Whether the last case lookup found nothing.
    pub case_missing: RwSignal<bool>,
    bottlenecks_request: Latest,
    dotted_request: Latest,
    case_request: Latest,
    /// Whether a case was asked for since the log was loaded: opening the case explorer then shows
    /// that case, not the first one (a case opened from another view is asked before the view mounts).
    case_asked: StoredValue<bool>,
}

/// Creates the explore view's state, provides it, and follows the core.
pub fn provide(s: AppState) -> ExploreState {
    let x = ExploreState {
        core: s,
        tab: RwSignal::new(ExploreTab::Bottlenecks),
        bottlenecks: RwSignal::new(None),
        bottleneck_by: RwSignal::new(None),
        calendar_measure: RwSignal::new(CalendarMeasure::Events),
        dotted: RwSignal::new(None),
        dotted_order: RwSignal::new(DottedOrder::Start),
        dotted_relative: RwSignal::new(false),
        case: RwSignal::new(None),
        case_missing: RwSignal::new(false),
        bottlenecks_request: Latest::default(),
        dotted_request: Latest::default(),
        case_request: Latest::default(),
        case_asked: StoredValue::new(false),
    };
    provide_context(x);
    s.listen(move |e| match e {
        Event::NewLog(_) => {
            x.bottlenecks.set(None);
            x.bottleneck_by.set(None);
            x.dotted.set(None);
            x.case.set(None);
            x.case_asked.set_value(false);
        }
        Event::Refresh { stopped } if !s.summary_mode_untracked() => {
            // What is shown or was computed is kept up to date; what stopped waits for "Try again".
            let heatmaps = s.tab.get_untracked() == Tab::Explore
                || x.bottlenecks.with_untracked(|b| b.is_some());
            x.bottlenecks_request
                .resend(&x.bottlenecks_now(), heatmaps, *stopped);
            let dotted = x.dotted.with_untracked(|d| d.is_some());
            x.dotted_request.resend(&x.dotted_now(), dotted, *stopped);
            if let Some(c) = x.case.get_untracked() {
                x.request_case(None, Some(c.index), 0);
            }
        }
        _ => {}
    });
    x
}

/// The explore view's state.
pub fn use_explore() -> ExploreState {
    expect_context::<ExploreState>()
}

impl ExploreState {
    fn bottlenecks_now(self) -> Request {
        Request::Bottlenecks {
            by: self.bottleneck_by.get_untracked(),
            calendar: self.calendar_measure.get_untracked(),
        }
    }

    fn dotted_now(self) -> Request {
        Request::Dotted {
            order: self.dotted_order.get_untracked(),
            relative: self.dotted_relative.get_untracked(),
        }
    }

    /// Asks for the heatmaps.
    pub fn request_bottlenecks(self) {
        self.bottlenecks_request.send(&self.bottlenecks_now());
    }

    /// Asks for the dotted chart.
    pub fn request_dotted(self) {
        self.dotted_request.send(&self.dotted_now());
    }

    /// Asks for a case's timeline (by id, or the selected case `step` away from `index`).
    pub fn request_case(self, id: Option<String>, index: Option<u32>, step: i32) {
        self.case_asked.set_value(true);
        self.case_request.send(&Request::Case { id, index, step });
    }

    /// Whether the case explorer, opening with no case shown, should ask for the first one.
    pub fn wants_first_case(self) -> bool {
        self.case.with_untracked(|c| c.is_none()) && !self.case_asked.get_value()
    }

    /// Shows a case in the case explorer.
    pub fn open_case(self, id: String) {
        self.core.tab.set(Tab::Explore);
        self.tab.set(ExploreTab::Cases);
        self.request_case(Some(id), None, 0);
    }

    /// Turns the cases behind a heatmap cell into a filter.
    pub fn cell_cases(self, cell: HeatCell) {
        self.core.drill.send(&Request::CellCases { cell });
    }

    /// The explore view's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Bottlenecks(b) => self.bottlenecks_request.show(id, self.bottlenecks, *b),
            Answer::Dotted(d) => self.dotted_request.show(id, self.dotted, *d),
            Answer::Case(found) => {
                if self.case_request.is(id) {
                    self.case_missing.set(found.is_none());
                    if let Some(c) = found {
                        self.case.set(Some(*c));
                    }
                }
            }
        }
    }
}
