//! The effect chart of the insights and comparison views, drawn in the worker.

use crate::charts::FONT;
use plotters::prelude::*;

/// The effect chart of the insights view: per finding, its difference from the rest of the cases as a
/// dot with its 95 % interval as a bar, around a zero line; percentage points for rates, days for
/// durations. Rows top to bottom in the findings' order.
pub fn effects_svg(
    findings: &[relance_engine::insights::Finding],
    kind: relance_engine::insights::OutcomeKind,
    w: u32,
) -> String {
    use relance_engine::insights::OutcomeKind;
    let mut out = String::new();
    if findings.is_empty() {
        return out;
    }
    let scale = match kind {
        OutcomeKind::Rate => 100.0,
        OutcomeKind::Duration => 1.0,
    };
    let rows: Vec<(String, f64, f64, f64)> = findings
        .iter()
        .map(|f| {
            let label = if f.value.chars().count() + f.attribute.chars().count() > 34 {
                let s: String = format!("{} = {}", f.attribute, f.value)
                    .chars()
                    .take(33)
                    .collect();
                format!("{s}…")
            } else {
                format!("{} = {}", f.attribute, f.value)
            };
            (
                label,
                f.difference * scale,
                f.ci_low * scale,
                f.ci_high * scale,
            )
        })
        .filter(|r| r.1.is_finite())
        .collect();
    if rows.is_empty() {
        return out;
    }
    let lo = rows
        .iter()
        .map(|r| if r.2.is_finite() { r.2 } else { r.1 })
        .fold(0.0f64, f64::min);
    let hi = rows
        .iter()
        .map(|r| if r.3.is_finite() { r.3 } else { r.1 })
        .fold(0.0f64, f64::max);
    let pad = ((hi - lo) * 0.08).max(0.5);
    let ht = 40 + 26 * rows.len() as u32;
    {
        let root = SVGBackend::with_string(&mut out, (w, ht)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let n = rows.len() as f64;
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(30)
            .y_label_area_size(230)
            .build_cartesian_2d((lo - pad)..(hi + pad), -0.5..(n - 0.5));
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
        let count = rows.len();
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(match kind {
                OutcomeKind::Rate => t!("chart-effect-rate"),
                OutcomeKind::Duration => t!("chart-effect-duration"),
            })
            .y_labels(count)
            .y_label_formatter(&|y: &f64| {
                let i = y.round();
                if (y - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                // Row 0 at the top.
                labels
                    .get(count - 1 - i as usize)
                    .cloned()
                    .unwrap_or_default()
            })
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .x_labels(8)
            .draw();
        let _ = chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, -0.5), (0.0, n - 0.5)],
            BLACK.mix(0.6).stroke_width(1),
        )));
        for (i, r) in rows.iter().enumerate() {
            let y = n - 1.0 - i as f64;
            let colour = if r.1 >= 0.0 {
                RGBColor(209, 52, 56)
            } else {
                RGBColor(46, 125, 50)
            };
            if r.2.is_finite() && r.3.is_finite() {
                let _ = chart.draw_series(std::iter::once(PathElement::new(
                    vec![(r.2, y), (r.3, y)],
                    colour.stroke_width(3),
                )));
            }
            let _ = chart.draw_series(std::iter::once(Circle::new((r.1, y), 5, colour.filled())));
        }
    }
    out
}
