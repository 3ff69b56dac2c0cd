//! The weekly cash chart of the forecast, drawn in the worker: the cash expected each of the next
//! weeks as bars, the band (10th to 90th percentile, widened as the backtest says) as a whisker.

use crate::charts::{BAR, FONT};
use plotters::prelude::*;
use relance_engine::forecast::{CashUnit, Forecast};

/// The cash chart of a forecast; empty when it has no weeks or nothing is expected.
pub fn cash_svg(f: &Forecast, w: u32, ht: u32) -> String {
    let mut out = String::new();
    let weeks = &f.cash_by_week;
    let top = weeks
        .iter()
        .map(|c| c.high.max(c.expected))
        .filter(|x| x.is_finite())
        .fold(0.0f64, f64::max);
    if weeks.is_empty() || top <= 0.0 {
        return out;
    }
    let n = weeks.len();
    {
        let root = SVGBackend::with_string(&mut out, (w, ht)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(34)
            .y_label_area_size(72)
            .build_cartesian_2d(-0.5..(n as f64 - 0.5), 0.0..top * 1.08);
        let Ok(mut chart) = chart else {
            return String::new();
        };
        let y_desc = match (f.cash_unit, &f.currency) {
            (CashUnit::Invoices, _) => t!("chart-cash-invoices"),
            (CashUnit::Amount, Some(c)) => t!("chart-cash-amount", currency = c.clone()),
            (CashUnit::Amount, None) => t!("chart-cash-amount-plain"),
        };
        let labels: Vec<String> = weeks
            .iter()
            .map(|c| crate::core::format::iso(&c.week_start))
            .collect();
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.min(7))
            .x_label_formatter(&|x: &f64| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                labels.get(i as usize).cloned().unwrap_or_default()
            })
            .y_desc(y_desc)
            .y_label_formatter(&|y: &f64| crate::core::format::decimal(*y, 0))
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .draw();
        for (k, c) in weeks.iter().enumerate() {
            let x = k as f64;
            if c.expected.is_finite() {
                let _ = chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.35, 0.0), (x + 0.35, c.expected)],
                    BAR.mix(0.75).filled(),
                )));
            }
            if c.low.is_finite() && c.high.is_finite() {
                let band = RGBColor(209, 52, 56);
                let _ = chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, c.low), (x, c.high)],
                    band.stroke_width(2),
                )));
                for y in [c.low, c.high] {
                    let _ = chart.draw_series(std::iter::once(PathElement::new(
                        vec![(x - 0.15, y), (x + 0.15, y)],
                        band.stroke_width(2),
                    )));
                }
            }
        }
    }
    out
}
