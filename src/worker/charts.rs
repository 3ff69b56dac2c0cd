//! Small charts drawn with plotters into SVG text, in the worker; the page inserts them as they are and
//! can export them as files.

use plotters::prelude::*;
use relance_engine::analysis::Histogram;
use relance_engine::calendar::format_date;
use relance_engine::collections::kpi::DsoMonth;

const BAR: RGBColor = RGBColor(47, 111, 171);
const FONT: &str = "system-ui, sans-serif";

/// Bars of a duration histogram, x in days.
pub fn duration_histogram_svg(h: &Histogram, y_label: &str, w: u32, ht: u32) -> String {
    let mut out = String::new();
    if h.counts.is_empty() {
        return out;
    }
    {
        let root = SVGBackend::with_string(&mut out, (w, ht)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let day = 86_400_000.0;
        let x0 = h.start_ms as f64 / day;
        let x1 = x0 + h.width_ms * h.counts.len() as f64 / day;
        let ymax = h.counts.iter().copied().max().unwrap_or(1).max(1) as f64 * 1.1;
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(32)
            .y_label_area_size(48)
            .build_cartesian_2d(x0..x1.max(x0 + 1e-9), 0.0..ymax);
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc("days")
            .y_desc(y_label)
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .x_labels(8)
            .y_labels(5)
            .draw();
        let width = h.width_ms / day;
        let _ = chart.draw_series(h.counts.iter().enumerate().map(|(i, &c)| {
            let a = x0 + i as f64 * width;
            Rectangle::new([(a, 0.0), (a + width * 0.92, c as f64)], BAR.filled())
        }));
        let _ = root.present();
    }
    out
}

/// Events per week as a line.
pub fn weekly_svg(weeks: &[(i64, u64)], w: u32, ht: u32) -> String {
    let mut out = String::new();
    if weeks.is_empty() {
        return out;
    }
    {
        let root = SVGBackend::with_string(&mut out, (w, ht)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let (first, last) = (weeks[0].0, weeks[weeks.len() - 1].0);
        let ymax = weeks.iter().map(|w| w.1).max().unwrap_or(1).max(1) as f64 * 1.1;
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(32)
            .y_label_area_size(52)
            .build_cartesian_2d(first..(last + 1).max(first + 1), 0.0..ymax);
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc("events per week")
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .x_labels(6)
            .x_label_formatter(&|ms| format_date(*ms))
            .y_labels(5)
            .draw();
        let _ = chart.draw_series(LineSeries::new(
            weeks.iter().map(|&(t, c)| (t, c as f64)),
            BAR.stroke_width(2),
        ));
        let _ = root.present();
    }
    out
}

type DsoSeries = (&'static str, RGBColor, fn(&DsoMonth) -> f64);

/// The DSO chart's lines: name, colour (the page's legend uses the same) and value.
pub const DSO_SERIES: [DsoSeries; 4] = [
    ("DSO (simple)", BAR, |m| m.dso_simple),
    ("Countback DSO", RGBColor(224, 161, 0), |m| m.dso_countback),
    ("Best possible DSO", RGBColor(46, 158, 91), |m| m.bpdso),
    ("Average days delinquent", RGBColor(142, 68, 173), |m| m.add),
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
            .y_desc("days")
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
