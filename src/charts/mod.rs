//! Small charts drawn with plotters into SVG text, in the worker; the page inserts them as they are and
//! can export them as files. Shared here: the palette, clickable areas ([`ChartHit`]) and the duration
//! histogram (the overview's and the map details'); each feature draws its own charts with them.

use plotters::prelude::*;
use relance_engine::analysis::Histogram;
use relance_engine::filter::Filter;

/// The bars' and lines' colour.
pub const BAR: RGBColor = RGBColor(47, 111, 171);
/// The charts' font.
pub const FONT: &str = "system-ui, sans-serif";

/// A chart drawn in the worker: its SVG text and its clickable areas.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Chart {
    /// The drawing.
    pub svg: String,
    /// Areas that each add a filter.
    pub hits: Vec<ChartHit>,
}

/// A clickable area of a chart, as fractions of the chart's width and height (so it follows the SVG
/// however the page scales it), and the filter a click adds.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChartHit {
    /// Left edge, 0..1 of the width.
    pub left: f64,
    /// Top edge, 0..1 of the height.
    pub top: f64,
    /// Width, 0..1.
    pub width: f64,
    /// Height, 0..1.
    pub height: f64,
    /// What the area is ("12 cases, 3.0–4.5 days").
    pub label: String,
    /// The filter for its cases.
    pub filter: Filter,
}

/// Bars of a duration histogram, x in days.
pub fn duration_histogram_svg(h: &Histogram, y_label: &str, w: u32, ht: u32) -> String {
    duration_histogram_chart(h, y_label, w, ht).svg
}

/// A duration histogram and, for each bar, the case-duration filter of its cases (a bar holds the
/// durations `d` with `start + i·width ≤ d < start + (i+1)·width`; the last one everything above).
pub fn duration_histogram_chart(h: &Histogram, y_label: &str, w: u32, ht: u32) -> Chart {
    let mut out = String::new();
    let mut hits = Vec::new();
    if h.counts.is_empty() {
        return Chart::default();
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
            return Chart::default();
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(t!("chart-days"))
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
        let last = h.counts.len() - 1;
        for (i, &c) in h.counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            // Whole milliseconds in the bar: the same bounds the histogram used.
            let lo_ms = (h.start_ms as f64 + i as f64 * h.width_ms).ceil();
            let hi_ms = (h.start_ms as f64 + (i + 1) as f64 * h.width_ms).ceil() - 1.0;
            let a = x0 + i as f64 * width;
            let (l, t) = chart.backend_coord(&(a, ymax));
            let (r, b) = chart.backend_coord(&(a + width, 0.0));
            let days = |ms: f64| format!("{:.1}", ms / day);
            hits.push(ChartHit {
                left: l as f64 / w as f64,
                top: t as f64 / ht as f64,
                width: (r - l).max(1) as f64 / w as f64,
                height: (b - t).max(1) as f64 / ht as f64,
                label: if i == last {
                    t!("hit-duration-last", cases = c, from = days(lo_ms))
                } else {
                    t!(
                        "hit-duration",
                        cases = c,
                        from = days(lo_ms),
                        to = days(hi_ms)
                    )
                },
                filter: Filter::CaseDuration {
                    min_s: Some(lo_ms / 1000.0),
                    max_s: (i != last).then_some(hi_ms / 1000.0),
                },
            });
        }
        let _ = root.present();
    }
    Chart { svg: out, hits }
}
