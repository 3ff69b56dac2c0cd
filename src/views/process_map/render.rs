//! Draws a laid-out process map as standalone SVG text.
//!
//! The same text is shown on the page and downloaded by "Export SVG", so what the consultant pastes in a
//! slide is exactly what was on screen. Styling is in attributes, not CSS, for the same reason. Nodes and
//! edges carry `data-node` / `data-edge` indices so the page can tell what was clicked.

use crate::format;
use crate::state::{MapMode, Selected};
use relance_engine::analysis::{NodeKind, ProcessMap};
use relance_engine::layout::{layout, Layout, LayoutEdge, LayoutOptions, NodeSize};
use std::fmt::Write;

/// A map with the edges the paths slider keeps, laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// The worker's map.
    pub map: ProcessMap,
    /// Indices of the shown edges.
    pub kept: Vec<usize>,
    /// Positions, one per node and one per kept edge.
    pub layout: Layout,
}

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const MAX_LABEL: usize = 34;

fn label(name: &str) -> String {
    if name.chars().count() > MAX_LABEL {
        let cut: String = name.chars().take(MAX_LABEL - 1).collect();
        format!("{cut}…")
    } else {
        name.to_string()
    }
}

/// Box size for a node: wide enough for its label at 14 px.
pub fn node_size(kind: NodeKind, name: &str) -> NodeSize {
    match kind {
        NodeKind::Start | NodeKind::End => NodeSize { w: 36.0, h: 36.0 },
        NodeKind::Activity => {
            let chars = label(name).chars().count() as f64;
            NodeSize {
                w: (chars * 7.6 + 30.0).clamp(120.0, 300.0),
                h: 50.0,
            }
        }
    }
}

/// Lays out the kept edges of a map.
pub fn draw(map: ProcessMap, kept: Vec<usize>) -> Drawn {
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
    Drawn { map, kept, layout }
}

/// Escapes text for XML content and attributes and drops the characters XML forbids (the engine's one
/// implementation, [`relance_engine::export::xml::escape`]), so an exported SVG is always well-formed.
pub fn esc(s: &str) -> String {
    relance_engine::export::xml::escape(s)
}

fn mix(a: (u8, u8, u8), b: (u8, u8, u8), t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let c = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
}

/// Green → amber → red for a position 0..1 on the duration scale.
fn heat(t: f64) -> String {
    if t < 0.5 {
        mix((46, 158, 91), (224, 161, 0), t * 2.0)
    } else {
        mix((224, 161, 0), (209, 52, 56), (t - 0.5) * 2.0)
    }
}

/// SVG path data through the points: a smooth curve (Catmull-Rom turned into cubic Béziers).
fn path_d(pts: &[(f64, f64)]) -> String {
    let mut d = String::new();
    match pts.len() {
        0 | 1 => {}
        2 => {
            let ((x0, y0), (x1, y1)) = (pts[0], pts[1]);
            let dy = (y1 - y0) / 2.0;
            let _ = write!(
                d,
                "M{x0:.1},{y0:.1} C{x0:.1},{:.1} {x1:.1},{:.1} {x1:.1},{y1:.1}",
                y0 + dy,
                y1 - dy
            );
        }
        n => {
            let _ = write!(d, "M{:.1},{:.1}", pts[0].0, pts[0].1);
            for i in 0..n - 1 {
                let p0 = if i == 0 { pts[0] } else { pts[i - 1] };
                let (p1, p2) = (pts[i], pts[i + 1]);
                let p3 = if i + 2 < n { pts[i + 2] } else { p2 };
                let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, p1.1 + (p2.1 - p0.1) / 6.0);
                let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, p2.1 - (p3.1 - p1.1) / 6.0);
                let _ = write!(
                    d,
                    " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                    c1.0, c1.1, c2.0, c2.1, p2.0, p2.1
                );
            }
        }
    }
    d
}

/// The direction the curve arrives in at its last point (unit vector).
fn arrival(pts: &[(f64, f64)]) -> (f64, f64) {
    let n = pts.len();
    if n < 2 {
        return (0.0, 1.0);
    }
    let (a, b) = if n == 2 {
        // The 2-point curve ends vertically.
        (
            (pts[1].0, pts[1].1 - (pts[1].1 - pts[0].1).abs().max(1.0)),
            pts[1],
        )
    } else {
        let p1 = pts[n - 2];
        let p2 = pts[n - 1];
        let c2 = (p2.0 - (p2.0 - p1.0) / 6.0, p2.1 - (p2.1 - p1.1) / 6.0);
        (c2, p2)
    };
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    (dx / len, dy / len)
}

/// Middle of a polyline, for the edge label.
fn midpoint(pts: &[(f64, f64)]) -> (f64, f64) {
    match pts.len() {
        0 => (0.0, 0.0),
        1 => pts[0],
        2 => ((pts[0].0 + pts[1].0) / 2.0, (pts[0].1 + pts[1].1) / 2.0),
        n if n % 2 == 1 => pts[n / 2],
        n => (
            (pts[n / 2 - 1].0 + pts[n / 2].0) / 2.0,
            (pts[n / 2 - 1].1 + pts[n / 2].1) / 2.0,
        ),
    }
}

/// The value an edge shows in a mode (`None`: nothing to show, e.g. durations on start/end edges).
fn edge_value(d: &Drawn, i: usize, mode: MapMode) -> Option<f64> {
    let e = &d.map.edges[i];
    match mode {
        MapMode::Frequency { cases } => Some(if cases { e.cases } else { e.count } as f64),
        MapMode::Performance { stat } => {
            let endpoint = d.map.nodes[e.from].kind != NodeKind::Activity
                || d.map.nodes[e.to].kind != NodeKind::Activity;
            (!endpoint).then(|| e.duration.get(stat))
        }
    }
}

/// The map as SVG text.
pub fn map_svg(d: &Drawn, mode: MapMode, selected: Option<&Selected>) -> String {
    let lay = &d.layout;
    let (w, h) = (lay.width.max(200.0), lay.height.max(120.0));
    let mut s = String::with_capacity(4096 + d.kept.len() * 400);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="{FONT}" role="img" aria-label="Process map">"#
    );
    let _ = write!(
        s,
        r##"<rect width="{w:.0}" height="{h:.0}" fill="#ffffff"/>"##
    );

    // Scales.
    let values: Vec<Option<f64>> = d.kept.iter().map(|&i| edge_value(d, i, mode)).collect();
    let vmax = values
        .iter()
        .flatten()
        .copied()
        .fold(0.0f64, f64::max)
        .max(1e-9);
    let mut sorted: Vec<f64> = values.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    let rank = |v: f64| {
        if sorted.len() < 2 {
            return 0.5;
        }
        sorted.partition_point(|&x| x < v) as f64 / (sorted.len() - 1) as f64
    };
    let max_events = d
        .map
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
        .map(|n| n.events)
        .max()
        .unwrap_or(1)
        .max(1);

    // Edges first, so nodes sit on top.
    let _ = write!(s, r#"<g class="edges" fill="none">"#);
    for (k, &i) in d.kept.iter().enumerate() {
        let e = &d.map.edges[i];
        let Some(route) = lay.edges.get(k) else {
            continue;
        };
        if route.points.len() < 2 {
            continue;
        }
        let is_sel = matches!(selected, Some(Selected::Edge(f, t)) if *f == d.map.nodes[e.from].name && *t == d.map.nodes[e.to].name);
        let (color, width, dashed) = match (mode, values[k]) {
            (MapMode::Frequency { .. }, Some(v)) => {
                ("#5a6b80".to_string(), 1.2 + 7.0 * (v / vmax).sqrt(), false)
            }
            (MapMode::Performance { .. }, Some(v)) => {
                (heat(rank(v)), 1.5 + 6.0 * (v / vmax).sqrt(), false)
            }
            (_, None) => ("#a3adb8".to_string(), 1.4, true),
        };
        let color = if is_sel { "#f28c28".to_string() } else { color };
        let pts = &route.points;
        let dash = if dashed {
            r#" stroke-dasharray="5 4""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r#"<g data-edge="{k}" class="edge" tabindex="0" role="button" aria-label="{}"><path d="{}" stroke="transparent" stroke-width="{:.1}"/><path d="{}" stroke="{color}" stroke-width="{width:.2}" stroke-linecap="round"{dash}/>"#,
            esc(&format!(
                "{} to {}",
                d.map.nodes[e.from].name, d.map.nodes[e.to].name
            )),
            path_d(pts),
            width + 10.0,
            path_d(pts),
        );
        // Arrowhead at the target.
        let (ux, uy) = arrival(pts);
        let (tx, ty) = pts[pts.len() - 1];
        let size = 7.0 + width * 0.8;
        let (bx, by) = (tx - ux * size, ty - uy * size);
        let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
        let _ = write!(
            s,
            r#"<polygon points="{tx:.1},{ty:.1} {:.1},{:.1} {:.1},{:.1}" fill="{color}"/>"#,
            bx + px,
            by + py,
            bx - px,
            by - py
        );
        if let Some(v) = values[k] {
            let text = match mode {
                MapMode::Frequency { .. } => format::count(v as u64),
                MapMode::Performance { .. } => format::duration(v),
            };
            let (mx, my) = midpoint(pts);
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#33414f" stroke="#ffffff" stroke-width="4" paint-order="stroke" stroke-linejoin="round">{}</text>"##,
                mx + 6.0,
                my + 4.0,
                esc(&text)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</g>");

    // Nodes.
    let _ = write!(s, r#"<g class="nodes">"#);
    for (i, n) in d.map.nodes.iter().enumerate() {
        let Some(p) = lay.nodes.get(i) else { continue };
        let is_sel = matches!(selected, Some(Selected::Node(name)) if *name == n.name);
        let outline = if is_sel {
            r##" stroke="#f28c28" stroke-width="3""##
        } else {
            r##" stroke="#ffffff" stroke-width="1""##
        };
        match n.kind {
            NodeKind::Start | NodeKind::End => {
                let (fill, glyph) = if n.kind == NodeKind::Start {
                    ("#2e7d32", "▶")
                } else {
                    ("#37424d", "■")
                };
                let _ = write!(
                    s,
                    r##"<g data-node="{i}" class="node endpoint"><circle cx="{:.1}" cy="{:.1}" r="18" fill="{fill}"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#ffffff" text-anchor="middle">{glyph}</text><title>{} ({} cases)</title></g>"##,
                    p.x,
                    p.y,
                    p.x,
                    p.y + 4.5,
                    n.name,
                    n.cases
                );
            }
            NodeKind::Activity => {
                let t = (n.events as f64 / max_events as f64).sqrt();
                let (fill, ink) = match mode {
                    MapMode::Frequency { .. } => (
                        mix((223, 235, 247), (31, 78, 121), t),
                        if t > 0.55 { "#ffffff" } else { "#10243a" },
                    ),
                    MapMode::Performance { .. } => {
                        (mix((236, 240, 244), (120, 135, 150), t * 0.7), "#10243a")
                    }
                };
                let count = match mode {
                    MapMode::Frequency { cases: true } => {
                        format!("{} cases", format::count(n.cases))
                    }
                    _ => format::count(n.events),
                };
                let _ = write!(
                    s,
                    r#"<g data-node="{i}" class="node" tabindex="0" role="button" aria-label="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="{fill}"{outline}/><text x="{:.1}" y="{:.1}" font-size="14" font-weight="600" fill="{ink}" text-anchor="middle">{}</text><text x="{:.1}" y="{:.1}" font-size="12" fill="{ink}" text-anchor="middle" opacity="0.85">{}</text><title>{}</title></g>"#,
                    esc(&n.name),
                    p.x - p.w / 2.0,
                    p.y - p.h / 2.0,
                    p.w,
                    p.h,
                    p.x,
                    p.y - 3.0,
                    esc(&label(&n.name)),
                    p.x,
                    p.y + 15.0,
                    esc(&count),
                    esc(&n.name),
                );
            }
        }
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use relance_engine::analysis::{process_map, simplify_paths};
    use relance_engine::import::{import_bytes, ImportOptions};
    use relance_engine::Selection;

    #[test]
    fn draws_every_kept_edge_and_node() {
        let csv =
            "case,activity,timestamp\n1,A & B,2024-01-01\n1,<c>,2024-01-02\n2,A & B,2024-01-01\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let map = process_map(&log, &Selection::all(&log), 100.0);
        let kept = simplify_paths(&map, 100.0);
        let d = draw(map, kept);
        let svg = map_svg(&d, MapMode::Frequency { cases: false }, None);
        assert_eq!(svg.matches("data-edge=").count(), d.kept.len());
        assert_eq!(svg.matches("data-node=").count(), d.map.nodes.len());
        assert!(svg.contains("A &amp; B") && svg.contains("&lt;c&gt;"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }
}
