//! Events per week, drawn in the worker; each week (or bucket of weeks) is a clickable area that filters
//! to the cases active then.

use crate::charts::{Chart, ChartHit, BAR, FONT};
use plotters::prelude::*;
use relance_engine::filter::{Filter, TimeMode};

/// Events per week as a line; each week's column is clickable (the cases active that week).
pub fn weekly_chart(weeks: &[(i64, u64)], w: u32, ht: u32) -> Chart {
    let mut out = String::new();
    let mut hits = Vec::new();
    if weeks.is_empty() {
        return Chart::default();
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
            return Chart::default();
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
                crate::core::format::datetime(ms.div_euclid(86_400_000) * 86_400_000)
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
                        from = crate::core::format::datetime(t),
                        events = c
                    )
                } else {
                    t!(
                        "hit-week",
                        from = crate::core::format::datetime(t),
                        events = c
                    )
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
    Chart { svg: out, hits }
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
        let Chart { svg, hits } = weekly_chart(&weeks, 640, 260);
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
        let hits = weekly_chart(&weeks[1..], 640, 260).hits;
        assert_eq!(hits.len(), 52);
        assert!(hits[0].label.starts_with("week of "));
    }
}
