//! DSO by month-end, drawn in the worker; the page draws the legend (same colours).

use crate::charts::{BAR, FONT};
use plotters::prelude::*;
use relance_engine::collections::kpi::DsoMonth;

type DsoSeries = (&'static str, RGBColor, fn(&DsoMonth) -> f64);

/// The DSO chart's lines: name (a message key), colour (the page's legend uses the same) and value.
pub const DSO_SERIES: [DsoSeries; 4] = [
    ("dso-simple", BAR, |m| m.dso_simple),
    ("dso-countback", RGBColor(224, 161, 0), |m| m.dso_countback),
    ("dso-best-possible", RGBColor(46, 158, 91), |m| m.bpdso),
    ("dso-add", RGBColor(142, 68, 173), |m| m.add),
];

/// DSO (simple and countback), best possible DSO and average days delinquent by month-end. The colours
/// are the page's legend (`DSO_SERIES`).
pub fn dso_svg(months: &[DsoMonth], w: u32, ht: u32) -> String {
    let mut out = String::new();
    let pts: Vec<(usize, &DsoMonth)> = months
        .iter()
        .enumerate()
        .filter(|(_, m)| m.dso_simple.is_finite())
        .collect();
    if pts.is_empty() {
        return out;
    }
    {
        let root = SVGBackend::with_string(&mut out, (w, ht)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let values = || {
            pts.iter()
                .flat_map(|(_, m)| DSO_SERIES.map(|(_, _, f)| f(m)))
                .filter(|v| v.is_finite())
        };
        let ymax = values().fold(1.0f64, f64::max) * 1.15;
        // ADD is below zero when receivables are paid earlier than the best possible DSO implies.
        let ymin = values().fold(0.0f64, f64::min) * 1.15;
        let n = months.len();
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(32)
            .y_label_area_size(44)
            .build_cartesian_2d(0..n.max(1), ymin..ymax);
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let labels: Vec<String> = months.iter().map(|m| m.month.clone()).collect();
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(t!("chart-days"))
            .label_style((FONT, 11))
            .axis_desc_style((FONT, 12))
            .x_labels(8)
            .x_label_formatter(&|i| labels.get(*i).cloned().unwrap_or_default())
            .draw();
        for (name, color, f) in DSO_SERIES {
            let line: Vec<(usize, f64)> = pts
                .iter()
                .map(|(i, m)| (*i, f(m)))
                .filter(|(_, v)| v.is_finite())
                .collect();
            // No plotters legend: it measures text through `window`, which a worker does not have (it
            // panics); the page draws the legend in HTML.
            let _ = name;
            let _ = chart.draw_series(LineSeries::new(line, color.stroke_width(2)));
        }
        let _ = root.present();
    }
    out
}
