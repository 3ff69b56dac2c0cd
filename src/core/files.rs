//! Reading a small file the user chose in a file input (a view file, a role mapping, a rule pack): the
//! browser hands its text to the page; nothing is uploaded anywhere.

use leptos::prelude::*;

/// The file chosen in the input of `ev`, read as text; `then` gets its name and its text (`None` when
/// the browser cannot read it as text). The input is cleared, so the same file can be chosen again.
pub fn read_chosen(ev: &leptos::ev::Event, then: impl FnOnce(String, Option<String>) + 'static) {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(file) = input.files().and_then(|l| l.get(0)) else {
        return;
    };
    input.set_value("");
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        then(file.name(), text);
    });
}
