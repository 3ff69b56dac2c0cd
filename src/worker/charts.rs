//! Small charts drawn with plotters into SVG text, in the worker; the page inserts them as they are and
//! can export them as files.

use super::protocol::ChartHit;
use plotters::prelude::*;
use relance_engine::analysis::Histogram;
use relance_engine::collections::kpi::DsoMonth;
use relance_engine::filter::{Filter, TimeMode};

const BAR: RGBColor = RGBColor(47, 111, 171);
const FONT: &str = "system-ui, sans-serif";

/// Bars of a duration histogram, x in days.
pub fn duration_histogram_svg(h: &Histogram, y_label: &str, w: u32, ht: u32) -> String {
    duration_histogram_chart(h, y_label, w, ht).0
}

/// A duration histogram and, for each bar, the case-duration filter of its cases (a bar holds the
/// durations `d` with `start + i·width ≤ d < start + (i+1)·width`; the last one everything above).
pub fn duration_histogram_chart(
    h: &Histogram,
    y_label: &str,
    w: u32,
    ht: u32,
) -> (String, Vec<ChartHit>) {
    let mut out = String::new();
    let mut hits = Vec::new();
    if h.counts.is_empty() {
        return (out, hits);
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
            return (String::new(), Vec::new());
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
    (out, hits)
}

/// Events per week as a line; each week's column is clickable (the cases active that week).
pub fn weekly_chart(weeks: &[(i64, u64)], w: u32, ht: u32) -> (String, Vec<ChartHit>) {
    let mut out = String::new();
    let mut hits = Vec::new();
    if weeks.is_empty() {
        return (out, hits);
    }
    // A log over decades (or with one stray date in year 1) would give a point and a button per week:
    // beyond MAX_POINTS weeks, consecutive weeks are summed in buckets of `per` weeks.
    const MAX_POINTS: usize = 520;
    let span = ((weeks[weeks.len() - 1].0 - weeks[0].0) / (7 * 86_400_000)) as usize + 1;
    let per = span.div_ceil(MAX_POINTS).max(1) as i64;
    let merged: Vec<(i64, u64)>;
    let weeks = if per > 1 {
        let step = per * 7 * 86_400_000;
        let origin = weeks[0].0;
        let mut m: Vec<(i64, u64)> = Vec::new();
        for &(t, c) in weeks {
            let b = origin + (t - origin).div_euclid(step) * step;
            match m.last_mut() {
                Some((bt, n)) if *bt == b => *n += c,
                _ => m.push((b, c)),
            }
        }
        merged = m;
        &merged[..]
    } else {
        weeks
    };
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
            return (String::new(), Vec::new());
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(if per > 1 {
                t!("chart-events-per-period")
            } else {
                t!("chart-events-per-week")
            })
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 12))
            .x_labels(6)
            .x_label_formatter(&|ms| {
                crate::format::datetime(ms.div_euclid(86_400_000) * 86_400_000)
            })
            .y_labels(5)
            .draw();
        let _ = chart.draw_series(LineSeries::new(
            weeks.iter().map(|&(t, c)| (t, c as f64)),
            BAR.stroke_width(2),
        ));
        const WEEK: i64 = 7 * 86_400_000;
        let bucket = per * WEEK;
        for &(t, c) in weeks {
            // Centred on the week's point, half a week either side (clamped to the plot).
            let (l, top) = chart.backend_coord(&((t - bucket / 2).max(first), ymax));
            let (r, bottom) = chart.backend_coord(&((t + bucket / 2).min(last + 1), 0.0));
            hits.push(ChartHit {
                left: l as f64 / w as f64,
                top: top as f64 / ht as f64,
                width: (r - l).max(1) as f64 / w as f64,
                height: (bottom - top).max(1) as f64 / ht as f64,
                label: if per > 1 {
                    t!(
                        "hit-weeks",
                        weeks = per,
                        from = crate::format::datetime(t),
                        events = c
                    )
                } else {
                    t!("hit-week", from = crate::format::datetime(t), events = c)
                },
                filter: Filter::Timeframe {
                    from_ms: t,
                    to_ms: t + bucket,
                    mode: TimeMode::Intersecting,
                },
            });
        }
        let _ = root.present();
    }
    (out, hits)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_over_centuries_gets_a_bounded_weekly_chart() {
        // Two weeks 190 years apart (a stray date) and a busy recent year: at most 520 buttons, and
        // every event still counted once.
        const WEEK: i64 = 7 * 86_400_000;
        let mut weeks = vec![(-3_000 * WEEK, 1u64)];
        weeks.extend((0..52).map(|k| (6_900 * WEEK + k * WEEK, 10)));
        let (svg, hits) = weekly_chart(&weeks, 640, 260);
        assert!(!svg.is_empty());
        assert!(hits.len() <= 521, "{} buttons", hits.len());
        let total: u64 = hits
            .iter()
            .map(|h| {
                h.label
                    .split(": ")
                    .nth(1)
                    .unwrap()
                    .split(' ')
                    .next()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            })
            .sum();
        assert_eq!(total, 1 + 52 * 10);
        // A short log keeps one button per week.
        let (_, hits) = weekly_chart(&weeks[1..], 640, 260);
        assert_eq!(hits.len(), 52);
        assert!(hits[0].label.starts_with("week of "));
    }
}
