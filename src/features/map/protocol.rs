//! What the map asks the worker, and its answers.

use relance_engine::analysis::{Histogram, Replay, ReplayOptions, Stat};
use relance_engine::layout::MapDrawing;
use serde::{Deserialize, Serialize};

/// The map's requests.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// The process map for the current filters, laid out.
    Map {
        /// Activities slider, percent.
        activity_pct: f64,
        /// Paths slider, percent.
        paths_pct: f64,
    },
    /// Details of one map edge.
    EdgeDetail {
        /// Source activity; `None` for the map's start.
        from: Option<String>,
        /// Target activity; `None` for the map's end.
        to: Option<String>,
        /// The statistic the map colours by.
        stat: Stat,
    },
    /// Details of one activity.
    NodeDetail {
        /// Activity name.
        name: String,
    },
    /// Tokens replaying the cases on the map.
    Replay {
        /// Activities slider, percent (the map the tokens run on).
        activity_pct: f64,
        /// Paths slider, percent.
        paths_pct: f64,
        /// Relative or real time, colours, case limit.
        options: ReplayOptions,
    },
}

crate::worker_request!(Request for Map:
    Request::Map { .. } => "doing-drawing-process-map",
    Request::EdgeDetail { .. } | Request::NodeDetail { .. } => "doing-computing-details",
    Request::Replay { .. } => "doing-preparing-replay",
);

/// The map's answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A process map, laid out.
    Map(Box<MapDrawing>),
    /// Edge or node details.
    Detail(Detail),
    /// A replay and the map it runs on.
    Replay(Box<ReplayPage>),
}

/// Details of an edge or node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detail {
    /// Title ("A → B" or the activity).
    pub title: String,
    /// (label, value) lines.
    pub lines: Vec<(String, String)>,
    /// Duration histogram, if any.
    pub histogram: Option<Histogram>,
    /// The same histogram drawn as SVG.
    pub histogram_svg: Option<String>,
}

/// A replay with the map drawing its moves refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplayPage {
    /// The map, laid out (the same as the map view's for the same sliders).
    pub drawing: MapDrawing,
    /// The tokens' moves.
    pub replay: Replay,
}
