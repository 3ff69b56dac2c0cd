//! Small bar charts for the report, as inline SVG with `<text>` labels: DSO by month-end and cash by
//! week (with its band). Values are drawn as given; a value that is not finite leaves its slot empty.

use super::html::esc;
use std::fmt::Write;

const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Axis label.
    pub label: String,
    /// Height.
    pub value: f64,
    /// Lower end of its band, if any.
    pub low: Option<f64>,
    /// Upper end.
    pub high: Option<f64>,
    /// Drawn pale (a partial month).
    pub muted: bool,
}

/// A bar chart: one bar per entry, whiskers for bands, the largest value on the axis, a label under
/// every bar (every other one past 16 bars).
pub fn bars(data: &[Bar], fmt: &dyn Fn(f64) -> String, axis: &str) -> String {
    let (w, h) = (900.0, 280.0);
    let (left, right, top, bottom) = (56.0, 12.0, 24.0, 46.0);
    let max = data
        .iter()
        .flat_map(|b| [Some(b.value), b.high])
        .flatten()
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let n = data.len().max(1) as f64;
    let slot = (w - left - right) / n;
    let bw = (slot * 0.7).max(1.0);
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v / max).clamp(0.0, 1.0));
    let mut s = String::with_capacity(1024 + data.len() * 300);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}" font-size="11" role="img" aria-label="{}"><rect width="{w}" height="{h}" fill="#ffffff"/>"##,
        esc(axis)
    );
    // Axis: zero and the maximum.
    let base = y(0.0);
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#8a97a5"/><line x1="{left}" y1="{top}" x2="{:.1}" y2="{top}" stroke="#e3e8ee"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#4a5866">0</text><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#4a5866">{}</text><text x="{left}" y="14" fill="#33414f" font-weight="600">{}</text>"##,
        w - right,
        w - right,
        left - 6.0,
        base + 4.0,
        left - 6.0,
        top + 4.0,
        esc(&fmt(max)),
        esc(axis)
    );
    let every = if data.len() > 16 { 2 } else { 1 };
    for (i, b) in data.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bw) / 2.0;
        let cx = x + bw / 2.0;
        if b.value.is_finite() {
            let top_y = y(b.value.max(0.0));
            let fill = if b.muted { "#c9d6e3" } else { "#1f4e79" };
            let _ = write!(
                s,
                r#"<rect data-bar="{i}" x="{x:.1}" y="{top_y:.1}" width="{bw:.1}" height="{:.1}" fill="{fill}"><title>{}: {}</title></rect>"#,
                (base - top_y).max(0.0),
                esc(&b.label),
                esc(&fmt(b.value))
            );
        }
        if let (Some(lo), Some(hi)) = (b.low, b.high) {
            if lo.is_finite() && hi.is_finite() {
                let (y0, y1) = (y(lo.max(0.0)), y(hi.max(0.0)));
                let _ = write!(
                    s,
                    r##"<path d="M{cx:.1},{y0:.1} V{y1:.1} M{:.1},{y0:.1} H{:.1} M{:.1},{y1:.1} H{:.1}" stroke="#e0a100" stroke-width="1.5" fill="none"/>"##,
                    cx - 3.0,
                    cx + 3.0,
                    cx - 3.0,
                    cx + 3.0
                );
            }
        }
        if i % every == 0 {
            let _ = write!(
                s,
                r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="#33414f">{}</text>"##,
                base + 16.0,
                esc(&b.label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bar_and_label_is_drawn_and_missing_values_leave_a_gap() {
        let data = vec![
            Bar {
                label: "Jan 25".into(),
                value: 40.0,
                low: Some(30.0),
                high: Some(50.0),
                muted: false,
            },
            Bar {
                label: "Feb 25".into(),
                value: f64::NAN,
                low: None,
                high: None,
                muted: true,
            },
        ];
        let svg = bars(&data, &|x| format!("{x:.0}"), "DSO");
        assert_eq!(svg.matches("data-bar=").count(), 1);
        assert!(svg.contains(">Jan 25</text>") && svg.contains(">Feb 25</text>"));
        assert!(
            svg.contains(">50</text>"),
            "the axis reaches the band's top"
        );
        assert!(!svg.contains("NaN"));
    }
}
