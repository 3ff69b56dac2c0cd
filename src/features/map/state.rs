//! The map's state: sliders and colouring, the drawing, the selection and its details, the replay.

use super::protocol::{Answer, Detail, ReplayPage, Request};
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event};
use crate::core::worker::protocol::WorkerRequest;
use leptos::prelude::*;
use relance_engine::analysis::{opening_activity_pct, ReplayOptions, Stat};
use relance_engine::layout::MapDrawing;

/// Frequency or performance colouring of the map (the engine's drawing's modes).
pub use relance_engine::layout::svg::MapMode;

/// Map controls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapSettings {
    /// Activities slider, percent.
    pub activity_pct: f64,
    /// Paths slider, percent.
    pub paths_pct: f64,
    /// Colouring.
    pub mode: MapMode,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            activity_pct: 100.0,
            paths_pct: 30.0,
            mode: MapMode::Frequency { cases: false },
        }
    }
}

/// What is selected on the map: an activity, or a step whose ends are `None` for the artificial start
/// and end (the engine's drawing highlights it).
pub use relance_engine::layout::svg::Highlight as Selected;

/// The map's signals. `Copy`: every field is a handle.
#[derive(Clone, Copy)]
pub struct MapState {
    /// Map controls.
    pub settings: RwSignal<MapSettings>,
    /// The process map from the worker, laid out.
    pub drawing: RwSignal<Option<MapDrawing>>,
    /// Map selection.
    pub selected: RwSignal<Option<Selected>>,
    /// Details of the selection.
    pub detail: RwSignal<Option<Detail>>,
    /// Whether the map replays the cases.
    pub replay_on: RwSignal<bool>,
    /// Replay settings.
    pub replay_options: RwSignal<ReplayOptions>,
    /// The replay's moves and the map they run on.
    pub replay: RwSignal<Option<ReplayPage>>,
    map_request: Latest,
    detail_request: Latest,
    replay_request: Latest,
}

/// Creates the map's state, provides it, and follows the core.
pub fn provide(s: AppState) -> MapState {
    let m = MapState {
        settings: RwSignal::new(MapSettings::default()),
        drawing: RwSignal::new(None),
        selected: RwSignal::new(None),
        detail: RwSignal::new(None),
        replay_on: RwSignal::new(false),
        replay_options: RwSignal::new(ReplayOptions::default()),
        replay: RwSignal::new(None),
        map_request: Latest::default(),
        detail_request: Latest::default(),
        replay_request: Latest::default(),
    };
    provide_context(m);
    s.listen(move |e| match e {
        Event::NewLog(log) => {
            m.selected.set(None);
            m.detail.set(None);
            m.replay.set(None);
            m.replay_options.update(|o| o.colour = None);
            // Many activities: open on the most frequent ones (the slider reaches the rest).
            let pct = opening_activity_pct(log.activities as usize);
            m.settings.update(|st| st.activity_pct = pct);
        }
        Event::LogGone => m.drawing.set(None),
        Event::Refresh { stopped } => {
            if *stopped != Some(m.map_request_now().label()) {
                m.request_map();
            }
            // A summary document: the details of a selection come with the map's answers only.
            if !s.summary_mode_untracked() {
                if let Some(sel) = m.selected.get_untracked() {
                    m.select(Some(sel));
                }
            }
        }
        _ => {}
    });
    m
}

/// The map's state.
pub fn use_map() -> MapState {
    expect_context::<MapState>()
}

impl MapState {
    fn map_request_now(self) -> Request {
        let st = self.settings.get_untracked();
        Request::Map {
            activity_pct: st.activity_pct,
            paths_pct: st.paths_pct,
        }
    }

    /// Asks for the replay of the current filters on the map of the current sliders.
    pub fn request_replay(self) {
        let st = self.settings.get_untracked();
        self.replay_request.send(&Request::Replay {
            activity_pct: st.activity_pct,
            paths_pct: st.paths_pct,
            options: self.replay_options.get_untracked(),
        });
    }

    /// Asks for the map with the current sliders (and the replay when it is on).
    pub fn request_map(self) {
        if self.replay_on.get_untracked() {
            self.request_replay();
        }
        self.map_request.send(&self.map_request_now());
    }

    /// Selects a node or edge and asks for its details.
    pub fn select(self, sel: Option<Selected>) {
        self.selected.set(sel.clone());
        self.detail.set(None);
        let stat = match self.settings.get_untracked().mode {
            MapMode::Performance { stat } => stat,
            MapMode::Frequency { .. } => Stat::Median,
        };
        let req = match sel {
            None => return,
            Some(Selected::Node(name)) => Request::NodeDetail { name },
            Some(Selected::Edge(from, to)) => Request::EdgeDetail { from, to, stat },
        };
        self.detail_request.send(&req);
    }

    /// The map's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Map(d) => self.map_request.show(id, self.drawing, *d),
            Answer::Detail(d) => self.detail_request.show(id, self.detail, d),
            Answer::Replay(p) => self.replay_request.show(id, self.replay, *p),
        }
    }
}
