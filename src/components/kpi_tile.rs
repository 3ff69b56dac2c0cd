//! One KPI tile for every headline figure: the value and its label; with a definition, shown as a
//! tooltip and when the tile has the focus; when the figure cannot be computed, "not available", why,
//! and a way to fix it.

use leptos::prelude::*;

/// A figure with its label.
#[component]
pub fn KpiTile(
    /// What the figure is.
    label: String,
    /// The figure, formatted.
    value: String,
    /// The value's element id (none when empty).
    #[prop(optional)]
    id: &'static str,
    /// How the figure is computed (tooltip, and visible on focus).
    #[prop(optional)]
    definition: Option<String>,
    /// Why the figure cannot be computed (a role or a column is missing): shown instead of a number.
    #[prop(optional_no_strip)]
    unavailable: Option<String>,
    /// A button that leads to the fix (its label and what it does), beside the reason.
    #[prop(optional)]
    fix: Option<(String, Callback<()>)>,
) -> impl IntoView {
    let id = (!id.is_empty()).then_some(id);
    let Some(definition) = definition else {
        return view! {
            <div class="tile"><div class="tile-value" id=id>{value}</div><div class="tile-label">{label}</div></div>
        }
        .into_any();
    };
    let title = definition.clone();
    match unavailable {
        None => view! {
            <div class="tile kpi" title=title tabindex="0">
                <div class="tile-value" id=id>{value}</div>
                <div class="tile-label">{label}</div>
                <div class="definition">{definition}</div>
            </div>
        }
        .into_any(),
        Some(reason) => view! {
            <div class="tile kpi unavailable" title=title tabindex="0">
                <div class="tile-value na" id=id>{t!("not-available")}</div>
                <div class="tile-label">{label}</div>
                <div class="na-reason">{reason}</div>
                {fix.map(|(label, run)| view! {
                    <button class="button small link" on:click=move |_| run.run(())>{label}</button>
                })}
            </div>
        }
        .into_any(),
    }
}
