//! The process map: the drawing with pan and zoom, Disco-style activity and path sliders, frequency and
//! performance views, details of the clicked node or edge, the case replay, and SVG/PNG export. The
//! worker lays the map out ([`handlers`]); the page only draws it ([`render`]).

pub mod controls;
pub mod detail_panel;
pub mod details;
pub mod handlers;
pub mod protocol;
pub mod render;
pub mod replay;
pub mod state;
pub mod view;

pub use state::{provide, use_map, MapState};
pub use view::ProcessMapView;
