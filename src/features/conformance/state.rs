//! The conformance view's state: the ideal process as set up (how it is made, the user's activity
//! pairs, the user's scenarios: what the view file saves), the last check, a variant's moves, and
//! the model export. The check follows the filters, the collections roles and settings.

use super::protocol::{Answer, ConformancePage, ExportFormat, Request};
use crate::core::export;
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event, Tab};
use crate::features::collections::CollectionsState;
use leptos::prelude::*;
use relance_engine::conformance::{ActivityMapping, Move, ScenarioSpec};
use relance_engine::view::{ConformanceView, ModelView};

/// The conformance view's signals.
#[derive(Clone, Copy)]
pub struct ConformanceState {
    /// The core.
    pub core: AppState,
    /// The ideal process as set up (saved in the view file).
    pub setup: RwSignal<ConformanceView>,
    /// The last check.
    pub page: RwSignal<Option<ConformancePage>>,
    /// Why the last model could not be used (the previous one is checked again).
    pub model_error: RwSignal<Option<String>>,
    /// The moves of one variant (its index in the report's variants).
    pub moves: RwSignal<Option<(usize, Vec<Move>)>>,
    /// What the last export noted.
    pub export_notes: RwSignal<Vec<String>>,
    /// The setup of the last check that worked, to go back to when a new one fails.
    last_good: StoredValue<Option<ConformanceView>>,
    collections: CollectionsState,
    check_request: Latest,
    moves_request: Latest,
    export_request: Latest,
}

/// Creates the conformance view's state, provides it, and follows the core.
pub fn provide(s: AppState, collections: CollectionsState) -> ConformanceState {
    let c = ConformanceState {
        core: s,
        setup: RwSignal::new(ConformanceView::default()),
        page: RwSignal::new(None),
        model_error: RwSignal::new(None),
        moves: RwSignal::new(None),
        export_notes: RwSignal::new(Vec::new()),
        last_good: StoredValue::new(None),
        collections,
        check_request: Latest::default(),
        moves_request: Latest::default(),
        export_request: Latest::default(),
    };
    provide_context(c);
    s.listen(move |e| match e {
        // The setup stays: a model and its scenarios apply to the next export of the same process.
        Event::NewLog(_) => {
            c.page.set(None);
            c.moves.set(None);
            c.model_error.set(None);
        }
        Event::FiltersSet => c.moves.set(None),
        Event::Refresh { stopped } => {
            let wanted = s.keeps_up(Tab::Conformance, c.page.with_untracked(Option::is_some));
            c.check_request.resend(&c.request_now(), wanted, *stopped);
        }
        _ => {}
    });
    c
}

/// The conformance view's state.
pub fn use_conformance() -> ConformanceState {
    expect_context::<ConformanceState>()
}

impl ConformanceState {
    fn request_now(self) -> Request {
        Request::Check {
            setup: self.setup.get_untracked(),
            mapping: self.collections.mapping_override.get_untracked(),
            settings: self.collections.settings.get_untracked(),
            language: crate::core::i18n::language(),
        }
    }

    /// Checks the current filter's cases against the model as set up.
    pub fn request(self) {
        self.moves.set(None);
        self.check_request.send(&self.request_now());
    }

    /// Uses another model (mined or from a file) and checks again.
    pub fn set_model(self, model: ModelView) {
        self.setup.update(|s| s.model = Some(model));
        self.request();
    }

    /// Pairs a model activity with a log activity (`None`: with none) and checks again.
    pub fn map_activity(self, model_activity: &str, log_activity: Option<String>) {
        self.setup.update(|s| {
            let mut m: ActivityMapping = s.mapping.clone().unwrap_or_default();
            // Keep only the user's own pairs: the rest is paired by name on every check.
            m.pairs.retain(|p| {
                p.how == relance_engine::conformance::MatchKind::User && p.model != model_activity
            });
            m.set(model_activity, log_activity);
            s.mapping = Some(m);
        });
        self.request();
    }

    /// Adds a user's scenario and checks again.
    pub fn add_scenario(self, spec: ScenarioSpec) {
        self.setup.update(|s| {
            if !s.scenarios.contains(&spec) {
                s.scenarios.push(spec);
            }
        });
        self.request();
    }

    /// Removes a user's scenario and checks again.
    pub fn remove_scenario(self, spec: &ScenarioSpec) {
        self.setup.update(|s| s.scenarios.retain(|x| x != spec));
        self.request();
    }

    /// Applies a view file's setup (`None`: the default model, no scenario of the user's).
    pub fn apply_view(self, setup: Option<ConformanceView>) {
        self.setup.set(setup.unwrap_or_default());
        self.page.set(None);
        self.model_error.set(None);
    }

    /// The setup as the view file saves it (`None` when nothing was set).
    pub fn saved(self) -> Option<ConformanceView> {
        let s = self.setup.get_untracked();
        (s != ConformanceView::default()).then_some(s)
    }

    /// Turns a deviation's cases into a filter chip.
    pub fn deviation_cases(self, index: usize) {
        self.core.drill.send(&Request::DeviationCases { index });
    }

    /// Asks for a variant's moves.
    pub fn request_moves(self, index: usize) {
        self.moves_request.send(&Request::Moves { index });
    }

    /// Downloads the checked model as BPMN or PNML.
    pub fn export(self, format: ExportFormat) {
        self.export_request.send(&Request::Export { format });
    }

    /// The conformance view's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Report(p) => {
                if self.check_request.is(id) {
                    self.last_good.set_value(Some(self.setup.get_untracked()));
                    self.model_error.set(None);
                    self.page.set(Some(*p));
                }
            }
            Answer::ModelError { message } => {
                if !self.check_request.is(id) {
                    return;
                }
                self.model_error.set(Some(message));
                // Back to the model that worked, so the view and the view file keep a usable one.
                if let Some(good) = self.last_good.get_value() {
                    if good != self.setup.get_untracked() {
                        self.setup.set(good);
                    }
                }
            }
            Answer::Moves { index, moves } => {
                if self.moves_request.is(id) {
                    self.moves.set(Some((index, moves)));
                }
            }
            Answer::Exported { name, text, notes } => {
                if self.export_request.is(id) {
                    let mime = "application/xml";
                    export::download_text(&name, mime, &text);
                    self.export_notes.set(notes);
                }
            }
        }
    }
}
