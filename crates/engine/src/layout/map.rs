//! A process map laid out for drawing: the paths slider applied, boxes sized to their labels, positions
//! computed. This runs in the app's worker (never on the page's thread) and in the CLI.

use super::{layout, Layout, LayoutEdge, LayoutOptions, NodeSize};
use crate::analysis::{simplify_paths, NodeKind, ProcessMap};
use serde::{Deserialize, Serialize};

/// Longest activity label drawn in full; longer names are cut with an ellipsis (the full name stays in
/// the node's tooltip and accessible name).
pub const MAX_LABEL: usize = 34;

/// Font size of activity labels in drawing units. The app picks its opening zoom so that labels are at
/// least 11 px tall on screen.
pub const LABEL_FONT_PX: f64 = 14.0;

/// A map with the edges the paths slider keeps, laid out.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MapDrawing {
    /// The map.
    pub map: ProcessMap,
    /// Indices (into `map.edges`) of the edges drawn.
    pub kept: Vec<usize>,
    /// Positions: one node per map node, one edge per kept edge.
    pub layout: Layout,
}

/// The label drawn for an activity name.
pub fn label(name: &str) -> String {
    if name.chars().count() > MAX_LABEL {
        let cut: String = name.chars().take(MAX_LABEL - 1).collect();
        format!("{cut}…")
    } else {
        name.to_string()
    }
}

/// Box size for a node: wide enough for its label at [`LABEL_FONT_PX`] in a bold sans-serif (about
/// 0.54 em per character on average, measured on system-ui), with room for the count line below.
pub fn node_size(kind: NodeKind, name: &str) -> NodeSize {
    match kind {
        NodeKind::Start | NodeKind::End => NodeSize { w: 36.0, h: 36.0 },
        NodeKind::Activity => {
            let chars = label(name).chars().count() as f64;
            NodeSize {
                w: (chars * LABEL_FONT_PX * 0.56 + 30.0).clamp(120.0, 300.0),
                h: 50.0,
            }
        }
    }
}

/// Applies the paths slider (`paths_pct`, 0..=100) to a map and lays it out.
pub fn draw_map(map: ProcessMap, paths_pct: f64) -> MapDrawing {
    let kept = simplify_paths(&map, paths_pct);
    let sizes: Vec<NodeSize> = map
        .nodes
        .iter()
        .map(|n| node_size(n.kind, &n.name))
        .collect();
    let edges: Vec<LayoutEdge> = kept
        .iter()
        .map(|&i| {
            let e = &map.edges[i];
            LayoutEdge {
                from: e.from,
                to: e.to,
                weight: e.count as f64,
            }
        })
        .collect();
    let layout = layout(&sizes, &edges, 0, Some(1), LayoutOptions::default());
    MapDrawing { map, kept, layout }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::process_map;
    use crate::import::{import_bytes, ImportOptions};
    use crate::Selection;

    #[test]
    fn thousands_of_activities_lay_out_within_budget() {
        // The audit's shape, scaled down: one case through every activity plus many short cases of ten
        // increasing activities with long forward jumps.
        let n_act = 1500;
        let mut csv = String::from("case,activity,timestamp\n");
        for a in 0..n_act {
            csv.push_str(&format!("spine,a{a:04},2024-01-01T00:00:{:02}Z\n", a % 60));
        }
        let mut x = 7u64;
        for c in 0..3000 {
            let mut acts: Vec<u64> = (0..10)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (x >> 33) % n_act as u64
                })
                .collect();
            acts.sort_unstable();
            for (k, a) in acts.iter().enumerate() {
                csv.push_str(&format!("c{c},a{a:04},2024-01-02T00:00:{k:02}Z\n"));
            }
        }
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let map = process_map(&log, &Selection::all(&log), 100.0);
        assert_eq!(map.activities_total, n_act);
        let d = draw_map(map, 30.0);
        assert_eq!(d.layout.nodes.len(), d.map.nodes.len());
        assert_eq!(d.layout.edges.len(), d.kept.len());
        let points: usize = d.layout.edges.iter().map(|e| e.points.len()).sum();
        // Bend points are bounded by the budget (plus a few per edge), whatever the map.
        assert!(
            points <= LayoutOptions::default().max_dummies + 4 * d.kept.len(),
            "{points} points"
        );
    }

    #[test]
    fn same_map_same_drawing() {
        let csv = "case,activity,timestamp\n1,a,2024-01-01\n1,b,2024-01-02\n2,a,2024-01-01\n2,c,2024-01-03\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let m = process_map(&log, &Selection::all(&log), 100.0);
        assert_eq!(draw_map(m.clone(), 50.0), draw_map(m, 50.0));
        assert_eq!(label(&"x".repeat(40)).chars().count(), MAX_LABEL);
    }
}
