//! Import progress with Cancel, and the reader worker's progress with Cancel.

use super::state::use_data_in;
use crate::core::format;
use crate::core::modal::use_modal;
use crate::core::state::use_app_state;
use leptos::prelude::*;

/// A box that shows progress while `open`, with Cancel (Escape cancels too). The box stays in place
/// while the numbers change, so the Cancel button keeps the focus.
#[component]
fn ProgressBox(
    id: &'static str,
    title: String,
    open: Signal<bool>,
    cancel: Callback<()>,
    #[prop(optional)] cancel_id: Option<&'static str>,
    children: ChildrenFn,
) -> impl IntoView {
    use_modal(move || open.get(), id, Some(cancel));
    let title_id = format!("{id}-title");
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <div class="modal progress-box" role="dialog" aria-modal="true" aria-labelledby=title_id.clone() id=id>
                    <h2 id=title_id.clone()>{title.clone()}</h2>
                    {children()}
                    <button class="button" id=cancel_id on:click=move |_| cancel.run(())>{t!("cancel")}</button>
                </div>
            </div>
        </Show>
    }
}

/// Bytes, rows and rows per second while a file is imported.
#[component]
pub fn ProgressOverlay() -> impl IntoView {
    let s = use_app_state();
    let open = Signal::derive(move || s.progress.with(|p| p.is_some()));
    let numbers = move || {
        s.progress.get().map(|p| {
            let share = if p.total > 0.0 {
                (p.bytes / p.total).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let rate = if p.elapsed_ms > 0.0 {
                p.rows as f64 / (p.elapsed_ms / 1000.0)
            } else {
                0.0
            };
            (p, share, rate)
        })
    };
    view! {
        <ProgressBox id="import-progress" title=t!("importing") open=open cancel=Callback::new(move |_: ()| s.cancel_import())>
            <progress max="1" value=move || numbers().map(|n| n.1).unwrap_or(0.0).to_string() aria-label=t!("bytes-read")></progress>
            {move || numbers().map(|(p, _, rate)| view! {
                <p class="progress-numbers">
                    <span class="bytes">{t!("progress-bytes", read = format::megabytes(p.bytes), total = format::megabytes(p.total))}</span>
                    " · "
                    <span class="rows">{t!("progress-rows", rows = format::count(p.rows))}</span>
                    " · "
                    <span class="rate">{t!("progress-rate", rate = format::count(rate as u64))}</span>
                </p>
            })}
        </ProgressBox>
    }
}

/// Rows converted while the reader worker turns a sheet, a Parquet file or several tables into a log,
/// with Cancel (which ends the reader).
#[component]
pub fn ReadingOverlay() -> impl IntoView {
    let d = use_data_in();
    let open = Signal::derive(move || d.reading.with(|p| p.is_some()));
    view! {
        <ProgressBox id="reading-progress" title=t!("reading-table") open=open
            cancel=Callback::new(move |_: ()| d.cancel_reading()) cancel_id="cancel-reading">
            <progress aria-label=t!("rows-read-label")></progress>
            {move || d.reading.get().map(|p| view! {
                <p class="progress-numbers">
                    <span class="rows">{format!("{} rows", format::count(p.rows))}</span>
                    " · "
                    <span class="bytes">{format!("{} converted", format::megabytes(p.bytes))}</span>
                </p>
            })}
        </ProgressBox>
    }
}
