//! The core's overlays: the busy message, the last error, and the "working… Cancel" bar with, after a
//! cancel or a crash, what was not computed again.

use crate::core::state::use_app_state;
use leptos::prelude::*;

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
                    <button class="button small" id="cancel-work" on:click=move |_| s.cancel_work()>{t!("cancel")}</button>
                </div>
            }
        })}
        {move || s.stopped.get().map(|what| view! {
            <div class="working-bar stopped" role="status" id="stopped-bar">
                <span class="what">{t!("not-computed-again", what = t!(&what))}</span>
                <button class="button small" id="retry-stopped" on:click=move |_| s.retry_stopped()>{t!("try-again")}</button>
            </div>
        })}
    }
}
