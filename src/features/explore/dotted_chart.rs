//! The dotted chart on a canvas: one row per case, one dot per event coloured by activity, x = absolute
//! time or time since the case started. A canvas keeps 100,000 cases smooth; clicking a row opens that
//! case in the case explorer.

use super::state::{use_explore, ExploreTab};
use crate::core::export;
use crate::core::state::use_app_state;
use leptos::html;
use leptos::prelude::*;
use relance_engine::analysis::timeline::{DottedChart, DottedOrder};
use relance_engine::calendar::format_date;
use wasm_bindgen::JsCast;

const MARGIN_LEFT: f64 = 10.0;
const MARGIN_BOTTOM: f64 = 28.0;

/// `n` distinct colours: hues a golden angle apart (so neighbours differ most) with lightness and
/// saturation alternating, so that two of 30 activities are never closer than about 11 ΔE (CIELAB).
pub fn palette(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let hue = (210.0 + i as f64 * 137.507_764) % 360.0;
            let (sat, light) = if i % 2 == 0 { (60, 45) } else { (85, 55) };
            format!("hsl({hue:.0}, {sat}%, {light}%)")
        })
        .collect()
}

fn x_label(d: &DottedChart, t: f64) -> String {
    if d.relative {
        t!(
            "days-short",
            value = crate::core::format::decimal(t / 86_400.0, 0)
        )
    } else {
        format_date(d.t0_ms + (t * 1000.0) as i64)
    }
}

/// Where the dots and the time axis go on a `w` × `h` drawing.
struct Layout {
    plot_h: f64,
    row_h: f64,
    plot_w: f64,
    span: f64,
    /// A dot's height (its width is at least 2).
    size: f64,
}

impl Layout {
    fn new(d: &DottedChart, w: f64, h: f64) -> Layout {
        let plot_h = h - MARGIN_BOTTOM;
        let row_h = plot_h / d.row_case.len().max(1) as f64;
        Layout {
            plot_h,
            row_h,
            plot_w: w - MARGIN_LEFT - 10.0,
            span: d.t_max.max(1.0),
            size: row_h.clamp(1.0, 4.0),
        }
    }

    /// Every dot: its left, top and colour.
    fn dots<'a>(
        &'a self,
        d: &'a DottedChart,
        colours: &'a [String],
    ) -> impl Iterator<Item = (f64, f64, &'a str)> + 'a {
        d.row_start.windows(2).enumerate().flat_map(move |(r, w)| {
            let y = r as f64 * self.row_h + (self.row_h - self.size) / 2.0;
            (w[0] as usize..w[1] as usize).filter_map(move |k| {
                let x = MARGIN_LEFT + d.dot_time.get(k)? / self.span * self.plot_w;
                let colour = d
                    .dot_activity
                    .get(k)
                    .and_then(|&a| colours.get(a as usize))
                    .map_or("#7f7f7f", |c| c.as_str());
                Some((x - self.size / 2.0, y, colour))
            })
        })
    }

    /// The time axis: six ticks, each with its position and label.
    fn ticks(&self, d: &DottedChart) -> Vec<(f64, String)> {
        (0..=5)
            .map(|i| {
                let t = self.span * i as f64 / 5.0;
                (MARGIN_LEFT + t / self.span * self.plot_w, x_label(d, t))
            })
            .collect()
    }
}

/// Draws the chart; returns the height used per row.
fn draw(canvas: &web_sys::HtmlCanvasElement, d: &DottedChart) -> f64 {
    let Ok(Some(ctx)) = canvas.get_context("2d") else {
        return 0.0;
    };
    let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, w, h);
    let lay = Layout::new(d, w, h);
    let colours = palette(d.activities.len());
    for (x, y, colour) in lay.dots(d, &colours) {
        ctx.set_fill_style_str(colour);
        ctx.fill_rect(x, y, lay.size.max(2.0), lay.size);
    }
    ctx.set_fill_style_str("#33414f");
    ctx.set_font("12px system-ui, sans-serif");
    for (x, label) in lay.ticks(d) {
        let _ = ctx.fill_text(&label, (x - 30.0).clamp(0.0, w - 80.0), h - 8.0);
        ctx.fill_rect(x, lay.plot_h, 1.0, 5.0);
    }
    lay.row_h
}

/// The chart as SVG text (for export).
fn svg(d: &DottedChart, w: f64, h: f64) -> String {
    let lay = Layout::new(d, w, h);
    let colours = palette(d.activities.len());
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#fff"/>"##
    );
    for (x, y, colour) in lay.dots(d, &colours) {
        out.push_str(&format!(
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{colour}"/>"#,
            lay.size.max(2.0),
            lay.size,
        ));
    }
    for (x, label) in lay.ticks(d) {
        out.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" font-size="12" font-family="system-ui, sans-serif" fill="#33414f">{}</text>"##,
            (x - 30.0).clamp(0.0, w - 80.0),
            h - 8.0,
            label
        ));
    }
    out.push_str("</svg>");
    out
}

/// The dotted chart view.
#[component]
pub fn DottedChartView() -> impl IntoView {
    let s = use_app_state();
    let x = use_explore();
    let canvas = NodeRef::<html::Canvas>::new();
    let row_h = StoredValue::new(1.0f64);
    Effect::new(move |_| {
        let data = x.dotted.get();
        let (Some(d), Some(c)) = (data, canvas.get()) else {
            return;
        };
        let width = c
            .parent_element()
            .map(|p| p.client_width())
            .unwrap_or(1000)
            .max(400) as u32;
        c.set_width(width);
        c.set_height(560);
        row_h.set_value(draw(&c, &d));
    });
    let on_click = move |e: leptos::ev::MouseEvent| {
        let Some(d) = x.dotted.get_untracked() else {
            return;
        };
        let r = (e.offset_y() as f64 / row_h.get_value()).floor() as usize;
        if let Some(&case) = d.row_case.get(r) {
            x.request_case(None, Some(case), 0);
            x.tab.set(ExploreTab::Cases);
        }
    };
    let export_png = move |_| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let done =
            wasm_bindgen::closure::Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
                if let Some(b) = blob {
                    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&b) {
                        export::click_download(&url, "dotted-chart.png");
                        let _ = web_sys::Url::revoke_object_url(&url);
                    }
                }
            });
        let _ = c.to_blob(done.unchecked_ref());
    };
    let export_svg = move |_| {
        if let (Some(d), Some(c)) = (x.dotted.get_untracked(), canvas.get_untracked()) {
            export::download_text(
                "dotted-chart.svg",
                "image/svg+xml",
                &svg(&d, c.width() as f64, c.height() as f64),
            );
        }
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("ex-dotted")}</h3>
                <div class="actions">
                    <label class="field inline"><span>{t!("dc-rows-by")}</span>
                        <select id="dotted-order" on:change=move |e| {
                            let v = event_target_value(&e);
                            x.dotted_order.set(match v.as_str() {
                                "start" => DottedOrder::Start,
                                "duration" => DottedOrder::Duration,
                                other => DottedOrder::Attribute { name: other.strip_prefix("attr:").unwrap_or(other).to_string() },
                            });
                            x.request_dotted();
                        }>
                            <option value="start" selected=move || x.dotted_order.get() == DottedOrder::Start>{t!("dc-start")}</option>
                            <option value="duration" selected=move || x.dotted_order.get() == DottedOrder::Duration>{t!("dc-duration")}</option>
                            // The log's attributes, known as soon as it is loaded (not only once another view asked).
                            {move || s.loaded.get().map(|l| l.attributes.iter().map(|a| {
                                let name = a.clone();
                                let is = move || matches!(x.dotted_order.get(), DottedOrder::Attribute { name: ref n } if *n == name);
                                view! { <option value=format!("attr:{a}") selected=is>{a.clone()}</option> }
                            }).collect_view())}
                        </select>
                    </label>
                    <label class="field inline checkbox">
                        <input type="checkbox" id="dotted-relative" prop:checked=move || x.dotted_relative.get()
                            on:change=move |e| { x.dotted_relative.set(event_target_checked(&e)); x.request_dotted(); } />
                        <span>{t!("dc-relative")}</span>
                    </label>
                    <button class="button small" on:click=export_png>"PNG"</button>
                    <button class="button small" on:click=export_svg>"SVG"</button>
                </div>
            </div>
            <div class="dotted-wrap">
                <canvas node_ref=canvas id="dotted-canvas" on:click=on_click aria-label=t!("dc-aria")></canvas>
            </div>
            {move || x.dotted.get().map(|d| {
                let colours = palette(d.activities.len());
                let shown: Vec<usize> = {
                    let mut seen = vec![false; d.activities.len()];
                    for &a in &d.dot_activity { if let Some(x) = seen.get_mut(a as usize) { *x = true; } }
                    (0..d.activities.len()).filter(|&i| seen[i]).collect()
                };
                view! {
                    <p class="muted" id="dotted-count">{t!("dc-count", cases = crate::core::format::count(d.row_case.len() as u64), events = crate::core::format::count(d.dot_time.len() as u64))}
                        {(d.omitted > 0).then(|| format!(" ({})", t!("dc-omitted", omitted = crate::core::format::count(d.omitted))))}</p>
                    <p class="legend" id="dotted-legend">{shown.into_iter().map(|i| view! {
                        <span class="legend-item" data-activity=d.activities[i].clone()>
                            <span class="swatch dot" style=format!("background:{}", colours[i])></span>{d.activities[i].clone()}
                        </span>" "
                    }).collect_view()}</p>
                }
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::palette;

    #[test]
    fn thirty_distinct_colours() {
        let p = palette(30);
        let mut unique = p.clone();
        relance_engine::values::order::sort_by(&mut unique, |a, b| a.cmp(b));
        unique.dedup();
        assert_eq!(unique.len(), 30);
        // Hues of neighbours are far apart.
        let hue = |c: &str| c[4..].split(',').next().unwrap().parse::<f64>().unwrap();
        for w in p.windows(2) {
            let d = (hue(&w[0]) - hue(&w[1])).abs();
            assert!(d.min(360.0 - d) > 90.0, "{w:?}");
        }
    }
}
