//! Import progress with Cancel, the busy overlay, and the error message.

use crate::format;
use crate::state::{cancel_import, use_app_state};
use leptos::prelude::*;

/// Bytes, rows and rows per second while a file is imported.
#[component]
pub fn ProgressOverlay() -> impl IntoView {
    let s = use_app_state();
    view! {
        {move || s.progress.get().map(|p| {
            let share = if p.total > 0.0 { (p.bytes / p.total).clamp(0.0, 1.0) } else { 0.0 };
            let rate = if p.elapsed_ms > 0.0 { p.rows as f64 / (p.elapsed_ms / 1000.0) } else { 0.0 };
            view! {
                <div class="modal-backdrop">
                    <div class="modal progress-box" role="dialog" aria-label="Import progress">
                        <h2>"Importing…"</h2>
                        <progress max="1" value=share.to_string() aria-label="Bytes read"></progress>
                        <p class="progress-numbers">
                            <span class="bytes">{format!("{} of {}", format::megabytes(p.bytes), format::megabytes(p.total))}</span>
                            " · "
                            <span class="rows">{format!("{} rows", format::count(p.rows))}</span>
                            " · "
                            <span class="rate">{format!("{} rows/s", format::count(rate as u64))}</span>
                        </p>
                        <button class="button" on:click=move |_| cancel_import(s)>"Cancel"</button>
                    </div>
                </div>
            }
        })}
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
                <button class="button small" on:click=move |_| s.error.set(None) aria-label="Dismiss">"×"</button>
            </div>
        })}
    }
}
