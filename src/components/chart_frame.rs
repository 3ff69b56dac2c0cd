//! One chart frame for every chart drawn in the worker: its caption, the SVG as it came, "SVG · PNG"
//! export, optionally areas that filter to their cases (a histogram's bars, a chart's weeks), and
//! whatever goes below (a legend, a table).

use crate::charts::ChartHit;
use crate::core::export;
use crate::core::state::use_app_state;
use leptos::prelude::*;

/// Exports an SVG chart as SVG and as PNG.
#[component]
pub fn ChartExport(
    /// The chart.
    svg: String,
    /// The file name without extension.
    name: &'static str,
) -> impl IntoView {
    let svg_text = StoredValue::new(svg);
    let s = use_app_state();
    view! {
        <span class="chart-export">
            <button class="button small" on:click=move |_| svg_text.with_value(|s| export::download_text(&format!("{name}.svg"), "image/svg+xml", s))>"SVG"</button>
            <button class="button small" on:click=move |_| svg_text.with_value(|text| {
                let (w, h) = export::svg_size(text);
                export::download_png(&format!("{name}.png"), text, w, h, 2.0, move |m| s.error.set(Some(m)))
            })>"PNG"</button>
        </span>
    }
}

/// A chart in its frame.
#[component]
pub fn ChartFrame(
    /// The caption (the export buttons follow it).
    #[prop(optional, into)]
    title: String,
    /// The chart, SVG text from the worker.
    svg: String,
    /// The exported files' name, without extension.
    name: &'static str,
    /// The chart's element id.
    #[prop(optional)]
    id: Option<&'static str>,
    /// The frame's class (`panel` when not given).
    #[prop(optional)]
    class: Option<&'static str>,
    /// The chart's class (`chart` when not given).
    #[prop(optional)]
    chart_class: Option<&'static str>,
    /// Areas of the chart that each add a filter to its cases (click, Enter or Space).
    #[prop(optional)]
    hits: Vec<ChartHit>,
    /// What goes below the chart.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let s = use_app_state();
    let chart = if hits.is_empty() {
        view! { <div class=chart_class.unwrap_or("chart") id=id inner_html=svg.clone()></div> }
            .into_any()
    } else {
        let buttons = hits
            .into_iter()
            .map(|h| {
                let style = format!(
                    "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%",
                    h.left * 100.0,
                    h.top * 100.0,
                    h.width * 100.0,
                    h.height * 100.0
                );
                let filter = h.filter.clone();
                view! {
                    <button class="chart-hit" style=style title=h.label.clone() aria-label=t!("filter-hit", what = h.label.clone())
                        on:click=move |_| s.add_filter(filter.clone(), true)></button>
                }
            })
            .collect_view();
        view! {
            <div class="chart-hits" id=id>
                <div inner_html=svg.clone()></div>
                {buttons}
            </div>
        }
        .into_any()
    };
    view! {
        <figure class=class.unwrap_or("panel")>
            <figcaption>{title} " " <ChartExport svg=svg name=name /></figcaption>
            {chart}
            {children.map(|c| c())}
        </figure>
    }
}
