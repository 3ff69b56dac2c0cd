//! Drop files anywhere on the page: an overlay appears while a file is dragged over the window.

use super::state::use_data_in;
use leptos::ev;
use leptos::prelude::*;

/// Listens for drags on the whole window and opens the dropped file.
#[component]
pub fn DropZone() -> impl IntoView {
    let d = use_data_in();
    let depth = RwSignal::new(0i32);
    let has_files = |e: &ev::DragEvent| {
        e.data_transfer().is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    };
    let enter = window_event_listener(ev::dragenter, move |e| {
        if has_files(&e) {
            e.prevent_default();
            depth.update(|d| *d += 1);
        }
    });
    let over = window_event_listener(ev::dragover, move |e| {
        // Without this the browser opens the file instead of dropping it here.
        e.prevent_default();
    });
    let leave = window_event_listener(ev::dragleave, move |_| {
        depth.update(|d| *d = (*d - 1).max(0))
    });
    let drop = window_event_listener(ev::drop, move |e| {
        e.prevent_default();
        depth.set(0);
        let files: Vec<web_sys::File> = e
            .data_transfer()
            .and_then(|dt| dt.files())
            .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
            .unwrap_or_default();
        d.open_files(files);
    });
    on_cleanup(move || {
        enter.remove();
        over.remove();
        leave.remove();
        drop.remove();
    });
    view! {
        <Show when=move || { depth.get() > 0 }>
            <div class="drop-overlay" aria-hidden="true">
                <div class="drop-message">
                    {t!("drop-message")}
                    <small>{t!("drop-private")}</small>
                </div>
            </div>
        </Show>
    }
}
