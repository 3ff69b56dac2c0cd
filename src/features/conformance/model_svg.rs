//! Draws the ideal model as standalone SVG text, in the worker: the positions are the engine's (the
//! file's own BPMN diagram, or the engine's layered layout), and each activity where cases deviate is
//! marked with its deviations (kind and share of cases), so the model shows where the real process
//! leaves it. The same text is shown and exported (SVG, PNG).

use crate::core::format;
use crate::features::map::render::esc;
use relance_engine::conformance::{
    ActivityMapping, Deviation, DeviationKind, GraphNode, GraphNodeKind, ModelGraph,
};
use std::fmt::Write;

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const INK: &str = "#33404d";
const DEVIATING: &str = "#d13438";

/// The words of a deviation kind on the model.
pub fn kind_words(kind: DeviationKind) -> String {
    t!(match kind {
        DeviationKind::Skipped => "cf-kind-skipped",
        DeviationKind::Inserted => "cf-kind-inserted",
        DeviationKind::OutOfOrder => "cf-kind-out-of-order",
        DeviationKind::Repeated => "cf-kind-repeated",
    })
}

/// Up to three lines of at most 18 characters, cut at spaces.
fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= 18 => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > 3 {
        lines.truncate(3);
        if let Some(l) = lines.last_mut() {
            l.push('…');
        }
    }
    lines
}

/// The model as SVG; activities with deviations in red, with their kinds and shares underneath.
pub fn model_svg(g: &ModelGraph, mapping: &ActivityMapping, deviations: &[Deviation]) -> String {
    const PAD: f64 = 20.0;
    const BADGE: f64 = 30.0;
    let (w, h) = (
        g.width.max(200.0) + 2.0 * PAD,
        g.height.max(80.0) + 2.0 * PAD + BADGE,
    );
    let mut s = String::with_capacity(4096 + g.nodes.len() * 300);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="{FONT}" role="img" aria-label="{}"><rect width="{w:.0}" height="{h:.0}" fill="#ffffff"/><defs><marker id="cf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="{INK}"/></marker></defs><g transform="translate({PAD} {PAD})">"##,
        esc(&t!("cf-model-title"))
    );
    s.push_str(r#"<g class="edges" fill="none">"#);
    for e in &g.edges {
        if e.points.len() < 2 {
            continue;
        }
        let d: Vec<String> = e
            .points
            .iter()
            .enumerate()
            .map(|(i, (x, y))| format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }))
            .collect();
        let _ = write!(
            s,
            r#"<path d="{}" stroke="{INK}" stroke-width="1.3" marker-end="url(#cf-arrow)"/>"#,
            d.join(" ")
        );
    }
    s.push_str("</g>");
    for (i, n) in g.nodes.iter().enumerate() {
        node(&mut s, i, n, mapping, deviations);
    }
    s.push_str("</g></svg>");
    s
}

fn node(
    s: &mut String,
    i: usize,
    n: &GraphNode,
    mapping: &ActivityMapping,
    deviations: &[Deviation],
) {
    let (x, y, w, h) = (n.x, n.y, n.w, n.h);
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let r = w.min(h) / 2.0;
    match n.kind {
        GraphNodeKind::Task => {
            let model_name = n.label.clone().unwrap_or_default();
            let log_name = mapping.log_name(&model_name).to_string();
            let marks: Vec<&Deviation> = deviations
                .iter()
                .filter(|d| d.activity == log_name && d.kind != DeviationKind::Inserted)
                .collect();
            let (stroke, fill, width) = if marks.is_empty() {
                (INK, "#f4f7fa", 1.4)
            } else {
                (DEVIATING, "#fdecec", 2.4)
            };
            let title = if marks.is_empty() {
                esc(&model_name)
            } else {
                esc(&marks
                    .iter()
                    .map(|d| d.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"))
            };
            let _ = write!(
                s,
                r#"<g class="task{}" data-node="{i}" data-activity="{}"><title>{title}</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="8" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>"#,
                if marks.is_empty() { "" } else { " deviating" },
                esc(&log_name)
            );
            let lines = wrap(&model_name);
            let top = cy - (lines.len() as f64 - 1.0) * 7.0;
            for (k, l) in lines.iter().enumerate() {
                let _ = write!(
                    s,
                    r#"<text x="{cx:.1}" y="{:.1}" font-size="12" text-anchor="middle" dominant-baseline="middle" fill="{INK}">{}</text>"#,
                    top + k as f64 * 14.0,
                    esc(l)
                );
            }
            // Under the box: each deviation of the activity with its share of cases.
            for (k, d) in marks.iter().take(2).enumerate() {
                let _ = write!(
                    s,
                    r#"<text x="{cx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="{DEVIATING}">{} {}</text>"#,
                    y + h + 13.0 + k as f64 * 13.0,
                    esc(&kind_words(d.kind)),
                    esc(&format::percent(d.share))
                );
            }
            s.push_str("</g>");
        }
        GraphNodeKind::Start | GraphNodeKind::End | GraphNodeKind::Event => {
            let width = match n.kind {
                GraphNodeKind::End => 3.5,
                _ => 1.5,
            };
            let _ = write!(
                s,
                r##"<circle data-node="{i}" cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="#ffffff" stroke="{INK}" stroke-width="{width}"/>"##
            );
        }
        GraphNodeKind::ExclusiveGateway | GraphNodeKind::ParallelGateway => {
            let _ = write!(
                s,
                r##"<path data-node="{i}" d="M{cx:.1} {y:.1}L{:.1} {cy:.1}L{cx:.1} {:.1}L{x:.1} {cy:.1}z" fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>"##,
                x + w,
                y + h
            );
            let k = r * 0.45;
            let mark = if n.kind == GraphNodeKind::ParallelGateway {
                format!(
                    "M{cx:.1} {:.1}L{cx:.1} {:.1}M{:.1} {cy:.1}L{:.1} {cy:.1}",
                    cy - k,
                    cy + k,
                    cx - k,
                    cx + k
                )
            } else {
                format!(
                    "M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}",
                    cx - k * 0.8,
                    cy - k * 0.8,
                    cx + k * 0.8,
                    cy + k * 0.8,
                    cx + k * 0.8,
                    cy - k * 0.8,
                    cx - k * 0.8,
                    cy + k * 0.8
                )
            };
            let _ = write!(s, r#"<path d="{mark}" stroke="{INK}" stroke-width="2.5"/>"#);
        }
        GraphNodeKind::Place => {
            let tokens = if n.initial_tokens > 0 {
                format!(
                    r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="{:.1}" fill="{INK}"/>"#,
                    r * 0.3
                )
            } else {
                String::new()
            };
            let width = if n.final_tokens > 0 { 3.0 } else { 1.4 };
            let _ = write!(
                s,
                r##"<circle data-node="{i}" cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="#ffffff" stroke="{INK}" stroke-width="{width}"/>{tokens}"##
            );
        }
        GraphNodeKind::Silent => {
            let _ = write!(
                s,
                r#"<rect data-node="{i}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{INK}"/>"#
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn labels_wrap_at_spaces_in_three_lines_at_most() {
        assert_eq!(wrap("Send reminder"), vec!["Send reminder"]);
        assert_eq!(
            wrap("Payment received by bank transfer today"),
            vec!["Payment received", "by bank transfer", "today"]
        );
        assert_eq!(
            wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n")
                .len(),
            3
        );
    }
}
