//! What every modal dialog does: when it opens, focus moves to its first control (the opener is
//! remembered) and comes back to the opener when it closes; Escape closes it (when it can be closed) and
//! Tab cycles inside it.

use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

const FOCUSABLE: &str =
    "button:not([disabled]), [href], input:not([disabled]):not([type=hidden]), \
     select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The visible focusable elements inside `container`, in document order.
fn focusables(container: &web_sys::Element) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.offset_width() > 0 || e.offset_height() > 0)
        .collect()
}

fn container(id: &str) -> Option<web_sys::Element> {
    document().get_element_by_id(id)
}

fn active() -> Option<HtmlElement> {
    document()
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Focuses the first control of the dialog `id` (or the dialog itself), once it is in the page.
fn focus_into(id: &'static str, tries: u32) {
    request_animation_frame(move || {
        let Some(c) = container(id) else {
            if tries > 0 {
                focus_into(id, tries - 1);
            }
            return;
        };
        // Already inside (e.g. the dialog focused something itself): leave it.
        if active().is_some_and(|a| c.contains(Some(&a))) {
            return;
        }
        match focusables(&c).into_iter().next() {
            Some(first) => {
                let _ = first.focus();
            }
            None => {
                if let Ok(el) = c.dyn_into::<HtmlElement>() {
                    let _ = el.set_attribute("tabindex", "-1");
                    let _ = el.focus();
                }
            }
        }
    });
}

/// Wires the modal behaviour for the dialog element with id `id`, shown while `open()` is true.
/// `close`, when given, is what Escape does.
pub fn use_modal(open: impl Fn() -> bool + 'static, id: &'static str, close: Option<Callback<()>>) {
    let opener: Rc<RefCell<Option<HtmlElement>>> = Rc::default();
    let was_open = Rc::new(std::cell::Cell::new(false));
    {
        let opener = opener.clone();
        let was_open = was_open.clone();
        Effect::new(move |_| {
            let now = open();
            if now && !was_open.get() {
                *opener.borrow_mut() = active();
                focus_into(id, 10);
            } else if !now && was_open.get() {
                if let Some(el) = opener.borrow_mut().take() {
                    // The opener may have been re-rendered away; then focus stays where it is.
                    if el.is_connected() {
                        request_animation_frame(move || {
                            let _ = el.focus();
                        });
                    }
                }
            }
            was_open.set(now);
        });
    }
    let handle = window_event_listener(leptos::ev::keydown, move |e: web_sys::KeyboardEvent| {
        if !was_open.get() {
            return;
        }
        let Some(c) = container(id) else {
            return;
        };
        match e.key().as_str() {
            "Escape" => {
                if let Some(close) = close {
                    e.prevent_default();
                    close.run(());
                }
            }
            "Tab" => {
                let items = focusables(&c);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    return;
                };
                let current = active();
                let inside = current.as_ref().is_some_and(|a| c.contains(Some(a)));
                let at = |x: &HtmlElement| current.as_ref().is_some_and(|a| a == x);
                if e.shift_key() && (!inside || at(first)) {
                    e.prevent_default();
                    let _ = last.focus();
                } else if !e.shift_key() && (!inside || at(last)) {
                    e.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}

/// [`use_modal`] for a dialog shown while `content` holds something; Escape runs `close`.
pub fn use_modal_for<T: Send + Sync + 'static>(
    content: RwSignal<Option<T>>,
    id: &'static str,
    close: impl Fn() + Send + Sync + 'static,
) {
    use_modal(
        move || content.with(|c| c.is_some()),
        id,
        Some(Callback::new(move |_: ()| close())),
    );
}

/// Edits what the dialog `id` shows (`content`) in place: the dialog is drawn again from the new
/// state, and the keyboard focus stays on the same control.
pub fn editor<T: Send + Sync + 'static>(
    content: RwSignal<Option<T>>,
    id: &'static str,
) -> impl Fn(&dyn Fn(&mut T)) + Copy {
    move |f| {
        let refocus = keep_focus(id);
        content.update(|c| {
            if let Some(c) = c.as_mut() {
                f(c)
            }
        });
        refocus();
    }
}

/// For a dialog drawn again from scratch by a change: call before the change, and call the returned
/// function after it to put the focus back on the control with the same id (or `data-column`).
pub fn keep_focus(container_id: &'static str) -> impl FnOnce() {
    let key = active().and_then(|a| {
        let c = container(container_id)?;
        if !c.contains(Some(&a)) {
            return None;
        }
        if let Some(col) = a.get_attribute("data-column") {
            Some(format!(
                "[data-column=\"{}\"]",
                col.replace(['"', '\\'], "")
            ))
        } else {
            let id = a.id();
            (!id.is_empty()).then(|| format!("#{id}"))
        }
    });
    move || {
        if let Some(sel) = key {
            request_animation_frame(move || {
                let found = container(container_id)
                    .and_then(|c| c.query_selector(&sel).ok().flatten())
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok());
                if let Some(el) = found {
                    let _ = el.focus();
                }
            });
        }
    }
}

/// Focuses the first element matching a CSS selector, if any.
pub fn focus_selector(selector: &str) {
    let found = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(el) = found {
        let _ = el.focus();
    }
}
