//! Draws a laid-out process map as standalone SVG text, in the interface's words and number formats.
//!
//! The drawing itself is the engine's ([`relance_engine::layout::svg`]), shared with the report the
//! app and the CLI make, so the map in a report is the map on screen. The same text is shown on the
//! page and downloaded by "Export SVG", so what the consultant pastes in a slide is exactly what was on
//! screen.

use super::state::{MapMode, Selected};
use crate::core::format;
use relance_engine::insights::compare::EdgeComparison;
use relance_engine::layout::svg::{self, MapText};
pub use relance_engine::layout::svg::{curve_points, LEGEND_H};
pub use relance_engine::layout::MapDrawing as Drawn;

/// Escapes text for XML content and attributes and drops the characters XML forbids (the engine's one
/// implementation, [`relance_engine::export::xml::escape`]), so an exported SVG is always well-formed.
pub fn esc(s: &str) -> String {
    relance_engine::export::xml::escape(s)
}

/// The map's words in the interface's language, handed to the engine's drawing.
fn with_text<T>(f: impl FnOnce(&MapText) -> T) -> T {
    let title = t!("tab-map");
    let (start, end) = (t!("map-start"), t!("map-end"));
    let count = |n: u64| format::count(n);
    let duration = |s: f64| format::duration(s);
    let points = |x: f64| {
        format!(
            "{}{} pts",
            if x >= 0.0 { "+" } else { "" },
            format::decimal(x * 100.0, 1)
        )
    };
    let cases = |n: u64| t!("map-node-cases", count = format::count(n));
    let edge = |from: &str, to: &str| {
        t!(
            "map-edge-label",
            from = from.to_string(),
            to = to.to_string()
        )
    };
    let (activities, cases_w, occurrences, duration_w) = (
        t!("legend-activities"),
        t!("legend-paths-width", what = t!("legend-cases")),
        t!("legend-paths-width", what = t!("legend-occurrences")),
        t!("legend-paths-duration"),
    );
    f(&MapText {
        title: &title,
        start: &start,
        end: &end,
        count: &count,
        duration: &duration,
        points: &points,
        cases: &cases,
        edge: &edge,
        legend_activities: &activities,
        legend_width_cases: &cases_w,
        legend_width_occurrences: &occurrences,
        legend_duration: &duration_w,
    })
}

/// The map as SVG text: edges, then nodes; with `legend`, a legend band on top (for exports: on screen
/// the legend stays in a corner of the panel, see [`legend_svg`]).
pub fn map_svg(d: &Drawn, mode: MapMode, selected: Option<&Selected>, legend: bool) -> String {
    with_text(|text| svg::map_svg(d, mode, text, selected, legend, None))
}

/// The map of two populations together, each path coloured by how much more often B's cases take it
/// than A's (blue: more in A, orange: more in B) and labelled with the difference in percentage points.
pub fn compare_svg(d: &Drawn, edges: &[EdgeComparison]) -> String {
    let diffs: Vec<(String, String, f64)> = edges
        .iter()
        .map(|e| (e.from.clone(), e.to.clone(), e.share_difference))
        .collect();
    with_text(|text| {
        svg::map_svg(
            d,
            MapMode::Frequency { cases: true },
            text,
            None,
            false,
            Some(&diffs),
        )
    })
}

/// The legend alone, as a small SVG for the corner of the map panel.
pub fn legend_svg(d: &Drawn, mode: MapMode) -> String {
    with_text(|text| svg::legend_svg(d, mode, text, &t!("legend-aria")))
}

/// A light copy of the map for the overview corner: boxes and lines, no text.
pub fn minimap_svg(d: &Drawn) -> String {
    svg::minimap_svg(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testing::log_of;
    use relance_engine::analysis::process_map;
    use relance_engine::layout::draw_map;
    use relance_engine::Selection;

    #[test]
    fn draws_every_kept_edge_and_node() {
        let csv =
            "case,activity,timestamp\n1,A & B,2024-01-01\n1,<c>,2024-01-02\n2,A & B,2024-01-01\n";
        let log = log_of(csv);
        let map = process_map(&log, &Selection::all(&log), 100.0);
        let d = draw_map(map, 100.0);
        let svg = map_svg(&d, MapMode::Frequency { cases: false }, None, false);
        assert!(!svg.contains("class=\"legend\""));
        assert!(map_svg(&d, MapMode::Frequency { cases: false }, None, true)
            .contains("class=\"legend\""));
        assert!(legend_svg(
            &d,
            MapMode::Performance {
                stat: relance_engine::analysis::Stat::Median
            }
        )
        .contains("colour by duration"));
        assert_eq!(svg.matches("data-edge=").count(), d.kept.len());
        assert_eq!(svg.matches("data-node=").count(), d.map.nodes.len());
        assert!(svg.contains("A &amp; B") && svg.contains("&lt;c&gt;"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }
}
