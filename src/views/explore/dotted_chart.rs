//! The dotted chart on a canvas: one row per case, one dot per event coloured by activity, x = absolute
//! time or time since the case started. A canvas keeps 100,000 cases smooth; clicking a row opens that
//! case in the case explorer.

use crate::export;
use crate::state::{request_case, request_dotted, use_app_state, ExploreTab};
use leptos::html;
use leptos::prelude::*;
use relance_engine::analysis::timeline::{DottedChart, DottedOrder};
use relance_engine::calendar::format_date;
use wasm_bindgen::JsCast;

const PALETTE: [&str; 12] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#ad494a",
];
const MARGIN_LEFT: f64 = 10.0;
const MARGIN_BOTTOM: f64 = 28.0;

fn colour(a: usize) -> &'static str {
    PALETTE[a % PALETTE.len()]
}

fn x_label(d: &DottedChart, t: f64) -> String {
    if d.relative {
        format!("{:.0} d", t / 86_400.0)
    } else {
        format_date(d.t0_ms + (t * 1000.0) as i64)
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
    let rows = d.row_case.len().max(1) as f64;
    let plot_h = h - MARGIN_BOTTOM;
    let row_h = plot_h / rows;
    let plot_w = w - MARGIN_LEFT - 10.0;
    let span = d.t_max.max(1.0);
    let size = row_h.clamp(1.0, 4.0);
    for r in 0..d.row_case.len() {
        let y = r as f64 * row_h + (row_h - size) / 2.0;
        let (a, b) = (d.row_start[r] as usize, d.row_start[r + 1] as usize);
        for k in a..b {
            let x = MARGIN_LEFT + d.dot_time[k] / span * plot_w;
            ctx.set_fill_style_str(colour(d.dot_activity[k] as usize));
            ctx.fill_rect(x - size / 2.0, y, size.max(2.0), size);
        }
    }
    ctx.set_fill_style_str("#33414f");
    ctx.set_font("12px system-ui, sans-serif");
    for i in 0..=5 {
        let t = span * i as f64 / 5.0;
        let x = MARGIN_LEFT + t / span * plot_w;
        let label = x_label(d, t);
        let _ = ctx.fill_text(&label, (x - 30.0).clamp(0.0, w - 80.0), h - 8.0);
        ctx.fill_rect(x, plot_h, 1.0, 5.0);
    }
    row_h
}

/// The chart as SVG text (for export).
fn svg(d: &DottedChart, w: f64, h: f64) -> String {
    let rows = d.row_case.len().max(1) as f64;
    let plot_h = h - MARGIN_BOTTOM;
    let row_h = plot_h / rows;
    let plot_w = w - MARGIN_LEFT - 10.0;
    let span = d.t_max.max(1.0);
    let size = row_h.clamp(1.0, 4.0);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#fff"/>"##
    );
    for r in 0..d.row_case.len() {
        let y = r as f64 * row_h + (row_h - size) / 2.0;
        for k in d.row_start[r] as usize..d.row_start[r + 1] as usize {
            let x = MARGIN_LEFT + d.dot_time[k] / span * plot_w;
            out.push_str(&format!(
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                x - size / 2.0,
                y,
                size.max(2.0),
                size,
                colour(d.dot_activity[k] as usize)
            ));
        }
    }
    for i in 0..=5 {
        let t = span * i as f64 / 5.0;
        let x = MARGIN_LEFT + t / span * plot_w;
        out.push_str(&format!(
            r##"<text x="{:.1}" y="{:.1}" font-size="12" font-family="system-ui, sans-serif" fill="#33414f">{}</text>"##,
            (x - 30.0).clamp(0.0, w - 80.0),
            h - 8.0,
            x_label(d, t)
        ));
    }
    out.push_str("</svg>");
    out
}

/// The dotted chart view.
#[component]
pub fn DottedChartView() -> impl IntoView {
    let s = use_app_state();
    let canvas = NodeRef::<html::Canvas>::new();
    let row_h = StoredValue::new(1.0f64);
    Effect::new(move |_| {
        let data = s.dotted.get();
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
        let Some(d) = s.dotted.get_untracked() else {
            return;
        };
        let r = (e.offset_y() as f64 / row_h.get_value()).floor() as usize;
        if let Some(&case) = d.row_case.get(r) {
            request_case(s, None, Some(case), 0);
            s.explore_tab.set(ExploreTab::Cases);
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
        if let (Some(d), Some(c)) = (s.dotted.get_untracked(), canvas.get_untracked()) {
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
                <h3>"Dotted chart"</h3>
                <div class="actions">
                    <label class="field inline"><span>"Rows by"</span>
                        <select id="dotted-order" on:change=move |e| {
                            let v = event_target_value(&e);
                            s.dotted_order.set(match v.as_str() {
                                "start" => DottedOrder::Start,
                                "duration" => DottedOrder::Duration,
                                name => DottedOrder::Attribute { name: name.to_string() },
                            });
                            request_dotted(s);
                        }>
                            <option value="start">"case start"</option>
                            <option value="duration">"duration (longest first)"</option>
                            {move || s.bottlenecks.get().map(|b| b.attributes.iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view())}
                        </select>
                    </label>
                    <label class="field inline checkbox">
                        <input type="checkbox" id="dotted-relative" prop:checked=move || s.dotted_relative.get()
                            on:change=move |e| { s.dotted_relative.set(event_target_checked(&e)); request_dotted(s); } />
                        <span>"time since case start"</span>
                    </label>
                    <button class="button small" on:click=export_png>"PNG"</button>
                    <button class="button small" on:click=export_svg>"SVG"</button>
                </div>
            </div>
            <div class="dotted-wrap">
                <canvas node_ref=canvas id="dotted-canvas" on:click=on_click aria-label="Dotted chart: click a row to open its case"></canvas>
            </div>
            {move || s.dotted.get().map(|d| {
                let shown: Vec<usize> = {
                    let mut seen = vec![false; d.activities.len()];
                    for &a in &d.dot_activity { if let Some(x) = seen.get_mut(a as usize) { *x = true; } }
                    (0..d.activities.len()).filter(|&i| seen[i]).collect()
                };
                view! {
                    <p class="muted" id="dotted-count">{format!("{} cases, {} events{}", d.row_case.len(), d.dot_time.len(),
                        if d.omitted > 0 { format!(" ({} more cases not drawn)", d.omitted) } else { String::new() })}</p>
                    <p class="legend">{shown.into_iter().map(|i| view! {
                        <span class="swatch dot" style=format!("background:{}", colour(i))></span>{d.activities[i].clone()}" "
                    }).collect_view()}</p>
                }
            })}
        </section>
    }
}
