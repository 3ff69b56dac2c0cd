//! A laid-out process map as standalone SVG text: the one drawing of the map, shared by the app's map
//! view, its "Export SVG", the CLI's report and the app's report.
//!
//! Styling is in attributes, not CSS, so the text is the same on screen, in a downloaded file and pasted
//! into a slide. Labels are real `<text>` elements (searchable, selectable, sharp in a PDF). Nodes and
//! edges carry `data-node` / `data-edge` indices so a page can tell what was clicked. The words and the
//! number formats come from the caller ([`MapText`]): the app passes its interface's, the report the
//! report language's.

use super::map::{label, MapDrawing, LABEL_FONT_PX};
use crate::analysis::{MapNode, NodeKind, Stat};
use crate::export::xml::escape as esc;
use std::fmt::Write;

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// Height of the legend band above the map, in drawing units.
pub const LEGEND_H: f64 = 44.0;

/// What the map shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapMode {
    /// Counts: cases (`true`) or events.
    Frequency {
        /// Count cases rather than occurrences.
        cases: bool,
    },
    /// Durations on edges.
    Performance {
        /// Which statistic.
        stat: Stat,
    },
}

/// What is highlighted (what the app's map has selected).
#[derive(Debug, Clone, PartialEq)]
pub enum Highlight {
    /// An activity, by name.
    Node(String),
    /// A step between two activities; `None` for the artificial start (first) or end (second), so an
    /// activity that happens to be named "Start" or "End" is never mistaken for them.
    Edge(Option<String>, Option<String>),
}

/// An activity's name; `None` for the artificial start and end.
fn activity_name(n: &MapNode) -> Option<&str> {
    (n.kind == NodeKind::Activity).then_some(n.name.as_str())
}

/// The words and number formats of a map drawing, in the caller's language.
pub struct MapText<'a> {
    /// The drawing's accessible name ("Process map").
    pub title: &'a str,
    /// The artificial start node.
    pub start: &'a str,
    /// The artificial end node.
    pub end: &'a str,
    /// A count: `1 234`.
    pub count: &'a dyn Fn(u64) -> String,
    /// A duration in seconds: `4.2 d`.
    pub duration: &'a dyn Fn(f64) -> String,
    /// A difference in percentage points, signed: `+1.5 pts`.
    pub points: &'a dyn Fn(f64) -> String,
    /// A count of cases: `12 cases`.
    pub cases: &'a dyn Fn(u64) -> String,
    /// A path's accessible name from its two ends: `A to B`.
    pub edge: &'a dyn Fn(&str, &str) -> String,
    /// Legend: "Activities (events)".
    pub legend_activities: &'a str,
    /// Legend: "Paths: width by cases" (frequency of cases).
    pub legend_width_cases: &'a str,
    /// Legend: "Paths: width by occurrences".
    pub legend_width_occurrences: &'a str,
    /// Legend: "Paths: colour by duration".
    pub legend_duration: &'a str,
}

fn mix(a: (u8, u8, u8), b: (u8, u8, u8), t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
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

type Point = (f64, f64);

/// The cubic Bézier pieces of the Catmull-Rom curve through three or more points: each piece's start,
/// its two control points and its end.
fn pieces(pts: &[Point]) -> Vec<(Point, Point, Point, Point)> {
    pts.windows(2)
        .enumerate()
        .map(|(i, w)| {
            let (p1, p2) = (w[0], w[1]);
            let p0 = pts.get(i.wrapping_sub(1)).copied().unwrap_or(p1);
            let p3 = pts.get(i + 2).copied().unwrap_or(p2);
            let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, p1.1 + (p2.1 - p0.1) / 6.0);
            let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, p2.1 - (p3.1 - p1.1) / 6.0);
            (p1, c1, c2, p2)
        })
        .collect()
}

/// SVG path data through the points: a smooth curve (Catmull-Rom turned into cubic Béziers).
pub fn path_d(pts: &[Point]) -> String {
    let mut d = String::new();
    match pts {
        [] | [_] => {}
        [(x0, y0), (x1, y1)] => {
            let dy = (y1 - y0) / 2.0;
            let _ = write!(
                d,
                "M{x0:.1},{y0:.1} C{x0:.1},{:.1} {x1:.1},{:.1} {x1:.1},{y1:.1}",
                y0 + dy,
                y1 - dy
            );
        }
        [(x0, y0), ..] => {
            let _ = write!(d, "M{x0:.1},{y0:.1}");
            for (_, c1, c2, p2) in pieces(pts) {
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

/// Points along the curve [`path_d`] draws through `pts` (`per` samples per Bézier piece), for tokens
/// that must ride on the drawn line rather than on its control polygon.
pub fn curve_points(pts: &[Point], per: usize) -> Vec<Point> {
    let bezier = |p0: Point, c1: Point, c2: Point, p1: Point, t: f64| {
        let u = 1.0 - t;
        (
            u * u * u * p0.0 + 3.0 * u * u * t * c1.0 + 3.0 * u * t * t * c2.0 + t * t * t * p1.0,
            u * u * u * p0.1 + 3.0 * u * u * t * c1.1 + 3.0 * u * t * t * c2.1 + t * t * t * p1.1,
        )
    };
    let per = per.max(1);
    let mut out = Vec::new();
    match pts {
        [] => {}
        [p] => out.push(*p),
        [a, b] => {
            let dy = (b.1 - a.1) / 2.0;
            for k in 0..=per {
                let t = k as f64 / per as f64;
                out.push(bezier(*a, (a.0, a.1 + dy), (b.0, b.1 - dy), *b, t));
            }
        }
        [first, ..] => {
            out.push(*first);
            for (p1, c1, c2, p2) in pieces(pts) {
                for k in 1..=per {
                    out.push(bezier(p1, c1, c2, p2, k as f64 / per as f64));
                }
            }
        }
    }
    out
}

/// The direction the curve arrives in at its last point (unit vector).
fn arrival(pts: &[Point]) -> Point {
    let (a, b) = match pts {
        // The 2-point curve ends vertically.
        [p0, p1] => ((p1.0, p1.1 - (p1.1 - p0.1).abs().max(1.0)), *p1),
        [.., p1, p2] => {
            let c2 = (p2.0 - (p2.0 - p1.0) / 6.0, p2.1 - (p2.1 - p1.1) / 6.0);
            (c2, *p2)
        }
        _ => return (0.0, 1.0),
    };
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    (dx / len, dy / len)
}

/// Middle of a polyline, for the edge label.
fn midpoint(pts: &[Point]) -> Point {
    let n = pts.len();
    let at = |i: usize| pts.get(i).copied().unwrap_or((0.0, 0.0));
    match n {
        0 => (0.0, 0.0),
        n if n % 2 == 1 => at(n / 2),
        n => {
            let (a, b) = (at(n / 2 - 1), at(n / 2));
            ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
        }
    }
}

/// The value an edge shows in a mode (`None`: nothing to show, e.g. durations on start/end edges).
fn edge_value(d: &MapDrawing, i: usize, mode: MapMode) -> Option<f64> {
    let e = d.map.edges.get(i)?;
    match mode {
        MapMode::Frequency { cases } => Some(if cases { e.cases } else { e.count } as f64),
        MapMode::Performance { stat } => {
            let kind = |n: usize| d.map.nodes.get(n).map(|n| n.kind);
            let endpoint =
                kind(e.from) != Some(NodeKind::Activity) || kind(e.to) != Some(NodeKind::Activity);
            (!endpoint).then(|| e.duration.get(stat))
        }
    }
}

/// Where an edge's label goes: beside the middle of its curve, pushed off the line along the normal by
/// half the stroke and a gap.
fn label_spot(pts: &[Point], stroke: f64) -> (f64, f64) {
    let (mx, my) = midpoint(pts);
    let k = pts.len().saturating_sub(1) / 2;
    let (dx, dy) = match (pts.get(k), pts.get(k + 1)) {
        (Some(a), Some(b)) => (b.0 - a.0, b.1 - a.1),
        _ => (0.0, 1.0),
    };
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    // The normal pointing right of the direction of travel (screen coordinates, y down).
    let (nx, ny) = (-dy / len, dx / len);
    let (nx, ny) = if nx < 0.0 { (-nx, -ny) } else { (nx, ny) };
    let off = stroke / 2.0 + 6.0;
    (mx + nx * off, my + ny * off + 4.0)
}

/// A node's name as shown: the artificial start and end in the caller's words.
fn node_name<'a>(n: &'a MapNode, text: &'a MapText) -> &'a str {
    match n.kind {
        NodeKind::Start => text.start,
        NodeKind::End => text.end,
        NodeKind::Activity => &n.name,
    }
}

/// The map as SVG text: edges, then nodes; with `legend`, a legend band on top (for exports and the
/// report). `compare` colours every path by how much more often B's cases take it than A's, as
/// `(from, to, share difference)` by activity names.
pub fn map_svg(
    d: &MapDrawing,
    mode: MapMode,
    text: &MapText,
    selected: Option<&Highlight>,
    legend: bool,
    compare: Option<&[(String, String, f64)]>,
) -> String {
    let lay = &d.layout;
    let band = if legend { LEGEND_H } else { 0.0 };
    let (w, h) = (lay.width.max(260.0), lay.height.max(120.0) + band);
    let mut s = String::with_capacity(4096 + d.kept.len() * 400);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="{FONT}" role="img" aria-label="{}">"#,
        esc(text.title)
    );
    let _ = write!(
        s,
        r##"<rect width="{w:.0}" height="{h:.0}" fill="#ffffff"/>"##
    );

    // Scales.
    let values: Vec<Option<f64>> = d.kept.iter().map(|&i| edge_value(d, i, mode)).collect();
    let (max_events, sorted) = scales(d, mode);
    let vmax = sorted.iter().copied().fold(0.0f64, f64::max).max(1e-9);
    let rank = |v: f64| {
        if sorted.len() < 2 {
            return 0.5;
        }
        sorted.partition_point(|&x| x < v) as f64 / (sorted.len() - 1) as f64
    };
    if legend {
        legend_band(&mut s, mode, text, max_events, &sorted);
    }

    let _ = write!(s, r#"<g transform="translate(0 {band})">"#);
    // Edges first, so nodes sit on top; labels after all edges, so no line runs over a label.
    let mut labels = String::new();
    let _ = write!(s, r#"<g class="edges" fill="none">"#);
    for (k, &i) in d.kept.iter().enumerate() {
        let Some(e) = d.map.edges.get(i) else {
            continue;
        };
        let (Some(from), Some(to)) = (d.map.nodes.get(e.from), d.map.nodes.get(e.to)) else {
            continue;
        };
        let Some(route) = lay.edges.get(k) else {
            continue;
        };
        let pts = &route.points;
        let Some(&(tx, ty)) = pts.last().filter(|_| pts.len() >= 2) else {
            continue;
        };
        let value = values.get(k).copied().flatten();
        let is_sel = matches!(selected, Some(Highlight::Edge(f, t)) if f.as_deref() == activity_name(from) && t.as_deref() == activity_name(to));
        let (color, width, dashed) = match (mode, value) {
            (MapMode::Frequency { .. }, Some(v)) => {
                ("#5a6b80".to_string(), 1.2 + 7.0 * (v / vmax).sqrt(), false)
            }
            (MapMode::Performance { .. }, Some(v)) => {
                (heat(rank(v)), 1.5 + 6.0 * (v / vmax).sqrt(), false)
            }
            (_, None) => ("#a3adb8".to_string(), 1.4, true),
        };
        let color = if is_sel { "#f28c28".to_string() } else { color };
        // In a comparison, the colour and the label say how the populations differ on this path.
        let both_activities = from.kind == NodeKind::Activity && to.kind == NodeKind::Activity;
        let diff = compare.and_then(|c| {
            c.iter()
                .find(|x| x.0 == from.name && x.1 == to.name)
                .filter(|_| both_activities)
                .map(|x| x.2)
        });
        let color = match (compare, diff) {
            (None, _) => color,
            (Some(_), None) => "#c3cbd3".to_string(),
            (Some(_), Some(x)) => diverging(x / 0.2),
        };
        let dash = if dashed {
            r#" stroke-dasharray="5 4""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r#"<g data-edge="{k}" class="edge" tabindex="0" role="button" aria-label="{}"><path d="{}" stroke="transparent" stroke-width="{:.1}"/><path d="{}" stroke="{color}" stroke-width="{width:.2}" stroke-linecap="round"{dash}/>"#,
            esc(&(text.edge)(node_name(from, text), node_name(to, text))),
            path_d(pts),
            width + 10.0,
            path_d(pts),
        );
        // Arrowhead at the target.
        let (ux, uy) = arrival(pts);
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
        s.push_str("</g>");
        let shown = match (compare, diff) {
            (None, _) => value.map(|v| match mode {
                MapMode::Frequency { .. } => (text.count)(v as u64),
                MapMode::Performance { .. } => (text.duration)(v),
            }),
            (Some(_), Some(x)) => Some((text.points)(x)),
            (Some(_), None) => None,
        };
        if let Some(shown) = shown {
            let (lx, ly) = label_spot(pts, width);
            let _ = write!(
                labels,
                r##"<text data-edge-label="{k}" x="{lx:.1}" y="{ly:.1}" text-anchor="start" font-size="12" fill="#26323f" stroke="#ffffff" stroke-width="4" paint-order="stroke" stroke-linejoin="round" pointer-events="none">{}</text>"##,
                esc(&shown)
            );
        }
    }
    s.push_str("</g>");
    let _ = write!(s, r#"<g class="edge-labels">{labels}</g>"#);

    // Nodes.
    let _ = write!(s, r#"<g class="nodes">"#);
    for (i, n) in d.map.nodes.iter().enumerate() {
        let Some(p) = lay.nodes.get(i) else { continue };
        let is_sel = matches!(selected, Some(Highlight::Node(name)) if *name == n.name);
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
                    r##"<g data-node="{i}" class="node endpoint"><circle cx="{:.1}" cy="{:.1}" r="18" fill="{fill}"/><text x="{:.1}" y="{:.1}" font-size="13" fill="#ffffff" text-anchor="middle">{glyph}</text><title>{} ({})</title></g>"##,
                    p.x,
                    p.y,
                    p.x,
                    p.y + 4.5,
                    esc(node_name(n, text)),
                    esc(&(text.cases)(n.cases))
                );
            }
            NodeKind::Activity => {
                let t = (n.events as f64 / max_events as f64).sqrt();
                let (fill, ink) = node_colours(mode, t);
                let count = match mode {
                    MapMode::Frequency { cases: true } => (text.cases)(n.cases),
                    _ => (text.count)(n.events),
                };
                let _ = write!(
                    s,
                    r#"<g data-node="{i}" class="node" tabindex="0" role="button" aria-label="{}"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="{fill}"{outline}/><text class="label" x="{:.1}" y="{:.1}" font-size="{}" font-weight="600" fill="{ink}" text-anchor="middle">{}</text><text class="count" x="{:.1}" y="{:.1}" font-size="12" fill="{ink}" text-anchor="middle" opacity="0.9">{}</text><title>{}</title></g>"#,
                    esc(&format!("{}: {}", n.name, count)),
                    p.x - p.w / 2.0,
                    p.y - p.h / 2.0,
                    p.w,
                    p.h,
                    p.x,
                    p.y - 3.0,
                    LABEL_FONT_PX,
                    esc(&label(&n.name)),
                    p.x,
                    p.y + 15.0,
                    esc(&count),
                    esc(&n.name),
                );
            }
        }
    }
    s.push_str("</g></g></svg>");
    s
}

/// Blue (t = −1, more in A) through light grey (0) to orange (t = 1, more in B).
fn diverging(t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    if t < 0.0 {
        mix((176, 186, 196), (33, 102, 172), -t)
    } else {
        mix((176, 186, 196), (230, 97, 1), t)
    }
}

/// Fill and text colours of an activity box at position `t` (0..1, square root of its share of the
/// busiest activity's events) on the frequency scale.
fn node_colours(mode: MapMode, t: f64) -> (String, &'static str) {
    match mode {
        MapMode::Frequency { .. } => (
            mix((223, 235, 247), (31, 78, 121), t),
            if t > 0.55 { "#ffffff" } else { "#10243a" },
        ),
        MapMode::Performance { .. } => (mix((236, 240, 244), (120, 135, 150), t * 0.7), "#10243a"),
    }
}

/// The scales a map is drawn with: the busiest activity's events and the shown edges' values, sorted.
fn scales(d: &MapDrawing, mode: MapMode) -> (u64, Vec<f64>) {
    let mut sorted: Vec<f64> = d
        .kept
        .iter()
        .filter_map(|&i| edge_value(d, i, mode))
        .collect();
    crate::values::order::sort_by(&mut sorted, f64::total_cmp);
    let max_events = d
        .map
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Activity)
        .map(|n| n.events)
        .max()
        .unwrap_or(1)
        .max(1);
    (max_events, sorted)
}

/// The legend alone, as a small SVG for the corner of a map panel (wide enough for the French
/// "Chemins : épaisseur selon les occurrences").
pub fn legend_svg(d: &MapDrawing, mode: MapMode, text: &MapText, aria: &str) -> String {
    let (max_events, sorted) = scales(d, mode);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="560" height="{LEGEND_H:.0}" viewBox="0 0 560 {LEGEND_H:.0}" font-family="{FONT}" role="img" aria-label="{}">"#,
        esc(aria)
    );
    legend_band(&mut s, mode, text, max_events, &sorted);
    s.push_str("</svg>");
    s
}

/// The legend band: what box colour and edge width or colour mean, with the scale's ends.
fn legend_band(
    s: &mut String,
    mode: MapMode,
    text: &MapText,
    max_events: u64,
    sorted_values: &[f64],
) {
    let _ = write!(s, r##"<g class="legend" font-size="12" fill="#33414f">"##);
    let _ = write!(
        s,
        r#"<text x="12" y="18" font-weight="600">{}</text>"#,
        esc(text.legend_activities)
    );
    for k in 0..5 {
        let t = k as f64 / 4.0;
        let (fill, _) = node_colours(mode, t);
        let _ = write!(
            s,
            r##"<rect x="{:.0}" y="26" width="22" height="12" rx="2" fill="{fill}" stroke="#c5ced8" stroke-width="0.5"/>"##,
            12.0 + k as f64 * 24.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="136" y="36">0 – {}</text>"#,
        esc(&(text.count)(max_events))
    );
    let (lo, hi) = match (sorted_values.first(), sorted_values.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0.0, 0.0),
    };
    match mode {
        MapMode::Frequency { cases } => {
            let what = if cases {
                text.legend_width_cases
            } else {
                text.legend_width_occurrences
            };
            let _ = write!(
                s,
                r##"<text x="250" y="18" font-weight="600">{}</text><path d="M250,32 H280" stroke="#5a6b80" stroke-width="1.5"/><path d="M290,32 H320" stroke="#5a6b80" stroke-width="8"/><text x="330" y="36">{} – {}</text>"##,
                esc(what),
                esc(&(text.count)(lo as u64)),
                esc(&(text.count)(hi as u64))
            );
        }
        MapMode::Performance { .. } => {
            let _ = write!(
                s,
                r#"<text x="250" y="18" font-weight="600">{}</text>"#,
                esc(text.legend_duration)
            );
            for k in 0..5 {
                let _ = write!(
                    s,
                    r#"<rect x="{:.0}" y="26" width="22" height="12" rx="2" fill="{}"/>"#,
                    250.0 + k as f64 * 24.0,
                    heat(k as f64 / 4.0)
                );
            }
            let _ = write!(
                s,
                r#"<text x="374" y="36">{} – {}</text>"#,
                esc(&(text.duration)(lo)),
                esc(&(text.duration)(hi))
            );
        }
    }
    s.push_str("</g>");
}

/// A light copy of the map for an overview corner: boxes and lines, no text.
pub fn minimap_svg(d: &MapDrawing) -> String {
    let lay = &d.layout;
    let (w, h) = (lay.width.max(260.0), lay.height.max(120.0));
    let mut s = String::with_capacity(256 + d.kept.len() * 60);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" preserveAspectRatio="xMinYMin meet" width="100%" height="100%" aria-hidden="true"><g>"#
    );
    for route in &lay.edges {
        if route.points.len() < 2 {
            continue;
        }
        let _ = write!(
            s,
            r##"<path d="{}" fill="none" stroke="#9aa7b4" stroke-width="6"/>"##,
            path_d(&route.points)
        );
    }
    for p in &lay.nodes {
        let _ = write!(
            s,
            r##"<rect x="{:.0}" y="{:.0}" width="{:.0}" height="{:.0}" fill="#1f4e79"/>"##,
            p.x - p.w / 2.0,
            p.y - p.h / 2.0,
            p.w,
            p.h
        );
    }
    s.push_str("</g></svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::process_map;
    use crate::import::{import_bytes, ImportOptions};
    use crate::layout::draw_map;
    use crate::Selection;

    fn english() -> MapText<'static> {
        MapText {
            title: "Process map",
            start: "Start",
            end: "End",
            count: &|n| n.to_string(),
            duration: &|s| format!("{:.1} d", s / 86_400.0),
            points: &|x| format!("{:+.1} pts", x * 100.0),
            cases: &|n| format!("{n} cases"),
            edge: &|a, b| format!("{a} to {b}"),
            legend_activities: "Activities (events)",
            legend_width_cases: "Paths: width by cases",
            legend_width_occurrences: "Paths: width by occurrences",
            legend_duration: "Paths: colour by duration",
        }
    }

    #[test]
    fn curve_points_start_and_end_on_the_route() {
        for pts in [
            vec![(0.0, 0.0), (10.0, 50.0)],
            vec![(0.0, 0.0), (30.0, 40.0), (10.0, 100.0), (60.0, 120.0)],
        ] {
            let c = curve_points(&pts, 8);
            assert_eq!(c.first(), pts.first());
            let (a, b) = (c[c.len() - 1], pts[pts.len() - 1]);
            assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9);
            assert_eq!(c.len(), 1 + 8 * (pts.len() - 1));
        }
    }

    #[test]
    fn draws_every_kept_edge_and_node_with_text_labels() {
        let csv =
            "case,activity,timestamp\n1,A & B,2024-01-01\n1,<c>,2024-01-03\n2,A & B,2024-01-01\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let d = draw_map(process_map(&log, &Selection::all(&log), 100.0), 100.0);
        let text = english();
        let freq = MapMode::Frequency { cases: false };
        let svg = map_svg(&d, freq, &text, None, false, None);
        assert!(!svg.contains("class=\"legend\""));
        assert!(map_svg(&d, freq, &text, None, true, None).contains("class=\"legend\""));
        let perf = MapMode::Performance { stat: Stat::Median };
        let perf_svg = map_svg(&d, perf, &text, None, true, None);
        assert!(perf_svg.contains("colour by duration"));
        // The one path between activities is labelled with its median wait (2 days).
        assert!(perf_svg.contains(">2.0 d</text>"), "{perf_svg}");
        assert_eq!(svg.matches("data-edge=").count(), d.kept.len());
        assert_eq!(svg.matches("data-node=").count(), d.map.nodes.len());
        assert!(svg.contains(">A &amp; B</text>") && svg.contains(">&lt;c&gt;</text>"));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    }

    #[test]
    fn an_empty_map_is_an_empty_drawing_not_a_panic() {
        let d = MapDrawing::default();
        let svg = map_svg(
            &d,
            MapMode::Frequency { cases: true },
            &english(),
            None,
            true,
            None,
        );
        assert!(svg.ends_with("</svg>"));
        assert!(minimap_svg(&d).ends_with("</svg>"));
    }
}
