//! Import progress with Cancel, the busy overlay, and the error message.

use crate::components::modal::use_modal;
use crate::format;
use crate::state::{cancel_import, cancel_reading, cancel_work, retry_stopped, use_app_state};
use leptos::prelude::*;

/// Bytes, rows and rows per second while a file is imported.
#[component]
pub fn ProgressOverlay() -> impl IntoView {
    let s = use_app_state();
    let open = move || s.progress.with(|p| p.is_some());
    use_modal(
        open,
        "import-progress",
        Some(Callback::new(move |_: ()| cancel_import(s))),
    );
    // The box stays in place while the numbers change, so the Cancel button keeps the focus.
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
        <Show when=open>
            <div class="modal-backdrop">
                <div class="modal progress-box" role="dialog" aria-modal="true" aria-labelledby="import-progress-title" id="import-progress">
                    <h2 id="import-progress-title">{t!("importing")}</h2>
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
                    <button class="button" on:click=move |_| cancel_import(s)>{t!("cancel")}</button>
                </div>
            </div>
        </Show>
    }
}

/// Rows converted while the reader worker turns a sheet, a Parquet file or several tables into a log,
/// with Cancel (which ends the reader).
#[component]
pub fn ReadingOverlay() -> impl IntoView {
    let s = use_app_state();
    let open = move || s.reading.with(|p| p.is_some());
    use_modal(
        open,
        "reading-progress",
        Some(Callback::new(move |_: ()| cancel_reading(s))),
    );
    view! {
        <Show when=open>
            <div class="modal-backdrop">
                <div class="modal progress-box" role="dialog" aria-modal="true" aria-labelledby="reading-title" id="reading-progress">
                    <h2 id="reading-title">{t!("reading-table")}</h2>
                    <progress aria-label=t!("rows-read-label")></progress>
                    {move || s.reading.get().map(|p| view! {
                        <p class="progress-numbers">
                            <span class="rows">{format!("{} rows", format::count(p.rows))}</span>
                            " · "
                            <span class="bytes">{format!("{} converted", format::megabytes(p.bytes))}</span>
                        </p>
                    })}
                    <button class="button" id="cancel-reading" on:click=move |_| cancel_reading(s)>{t!("cancel")}</button>
                </div>
            </div>
        </Show>
    }
}

/// A blocking message while the worker prepares something.
#[component]
pub fn BusyOverlay() -> impl IntoView {
    let s = use_app_state();
    view! {
        {move || s.busy.get().map(|msg| view! {
            <div class="modal-backdrop light">
                <div class="modal busy" role="status"><span class="spinner" aria-hidden="true"></span>{msg}</div>
            </div>
        })}
    }
}

/// The last error, until dismissed.
#[component]
pub fn ErrorToast() -> impl IntoView {
    let s = use_app_state();
    view! {
        {move || s.error.get().map(|msg| view! {
            <div class="toast error" role="alert">
                <span class="message">{msg}</span>
                <button class="button small" on:click=move |_| s.error.set(None) aria-label=t!("dismiss")>"×"</button>
            </div>
        })}
    }
}

/// A bar while the engine has been busy for a moment, with Cancel; and, after a cancel or a crash, what
/// was not computed again, with Try again.
#[component]
pub fn WorkingBar() -> impl IntoView {
    let s = use_app_state();
    let shown = move || {
        s.working
            .get()
            .filter(|_| s.progress.with(|p| p.is_none()) && s.busy.with(|b| b.is_none()))
    };
    view! {
        {move || shown().map(|(what, ms)| {
            let mut what = t!(what);
            if let Some(first) = what.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            view! {
                <div class="working-bar" role="status" id="working-bar">
                    <span class="spinner" aria-hidden="true"></span>
                    <span class="what">{t!("working", what = what, seconds = format!("{:.0}", ms / 1000.0))}</span>
                    <button class="button small" id="cancel-work" on:click=move |_| cancel_work(s)>{t!("cancel")}</button>
                </div>
            }
        })}
        {move || s.stopped.get().map(|what| view! {
            <div class="working-bar stopped" role="status" id="stopped-bar">
                <span class="what">{t!("not-computed-again", what = t!(&what))}</span>
                <button class="button small" id="retry-stopped" on:click=move |_| retry_stopped(s)>{t!("try-again")}</button>
            </div>
        })}
    }
}
