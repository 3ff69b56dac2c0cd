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

/// Background of a partial month (a cut extract's edges, a month not over): light, hatched by the
/// lighter lines drawn over it. The page's legend uses the same colour.
pub const PARTIAL_FILL: RGBColor = RGBColor(236, 236, 236);

/// DSO (simple and countback), best possible DSO and average days delinquent by month-end. The colours
/// are the page's legend (`DSO_SERIES`). Partial months (`DsoMonth::partial`) are shaded and their
/// lines drawn faint, so the eye reads the complete months.
pub fn dso_svg(months: &[DsoMonth], w: u32, ht: u32) -> String {
    let mut out = String::new();
    if !months.iter().any(|m| m.dso_simple.is_finite()) {
        return out;
    }
    {
        let root = SVGBackend::with_string(&mut out, (w, ht)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let values = || {
            months
                .iter()
                .flat_map(|m| DSO_SERIES.map(|(_, _, f)| f(m)))
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
            .build_cartesian_2d((0..n.max(1)).into_segmented(), ymin..ymax);
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let label = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                months.get(*i).map(|m| m.month.clone()).unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(t!("chart-days"))
            .label_style((FONT, 11))
            .axis_desc_style((FONT, 12))
            .x_labels(8)
            .x_label_formatter(&label)
            .draw();
        let _ = chart.draw_series(months.iter().enumerate().filter(|(_, m)| m.partial).map(
            |(i, _)| {
                Rectangle::new(
                    [
                        (SegmentValue::Exact(i), ymin),
                        (SegmentValue::Exact(i + 1), ymax),
                    ],
                    PARTIAL_FILL.filled(),
                )
            },
        ));
        for (_, color, f) in DSO_SERIES {
            // No plotters legend: it measures text through `window`, which a worker does not have (it
            // panics); the page draws the legend in HTML.
            for (a, b) in months
                .iter()
                .enumerate()
                .zip(months.iter().enumerate().skip(1))
            {
                let ((i, m), (j, next)) = (a, b);
                let (y0, y1) = (f(m), f(next));
                if !(y0.is_finite() && y1.is_finite()) {
                    continue;
                }
                let style = if m.partial || next.partial {
                    color.mix(0.35).stroke_width(1)
                } else {
                    color.stroke_width(2)
                };
                let _ = chart.draw_series(LineSeries::new(
                    [
                        (SegmentValue::CenterOf(i), y0),
                        (SegmentValue::CenterOf(j), y1),
                    ],
                    style,
                ));
            }
            // A month alone between gaps still shows.
            let _ = chart.draw_series(
                months
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| f(m).is_finite())
                    .map(|(i, m)| {
                        let style = if m.partial {
                            color.mix(0.35).stroke_width(1)
                        } else {
                            color.filled()
                        };
                        Circle::new((SegmentValue::CenterOf(i), f(m)), 2, style)
                    }),
            );
        }
        let _ = root.present();
    }
    out
}
