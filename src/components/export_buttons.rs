//! "CSV" for a table and "SVG · PNG" for a chart: the same two buttons everywhere.

use crate::export;
use leptos::prelude::*;

/// Exports the table with this element id as CSV.
#[component]
pub fn TableCsv(
    /// The table's element id.
    #[prop(into)]
    table: String,
    /// The file name.
    #[prop(into)]
    file: String,
) -> impl IntoView {
    let label = t!("export-file", file = file.clone());
    view! {
        <button class="button small" aria-label=label on:click=move |_| export::download_table(&table, &file)>"CSV"</button>
    }
}

/// Exports an SVG chart as SVG and as PNG.
#[component]
pub fn ChartExport(
    /// The chart.
    svg: String,
    /// The file name without extension.
    name: &'static str,
) -> impl IntoView {
    let svg_text = StoredValue::new(svg);
    let s = crate::state::use_app_state();
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
