//! A worker's side of the link: listen for requests, post answers, read a file slice by slice, let the
//! event loop run between slices (so a Cancel gets in), and the Cancel flag itself. Shared by the
//! engine worker and the reader worker.

use super::protocol::{encode, CoreAnswer, Feature, Header, Reply};
use serde::Serialize;
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, File, MessageEvent};

thread_local! {
    static CANCEL: Cell<bool> = const { Cell::new(false) };
}

/// The worker's global scope.
pub fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Milliseconds since the worker started.
pub fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Installs the panic hook, hands every request to `on_request` (its header, body and files), and
/// tells the page the worker is ready.
pub fn listen(on_request: impl Fn(Header, JsValue, Vec<File>) + 'static) {
    crate::core::panic_hook::install();
    let on_message =
        Closure::<dyn FnMut(MessageEvent)>::new(
            move |e: MessageEvent| match super::protocol::decode(&e.data()) {
                Ok((header, body, files)) => on_request(header, body, files),
                Err(why) => fail(0, format!("internal: bad request ({why})")),
            },
        );
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(0, Feature::Core, &CoreAnswer::Ready, None);
}

/// Posts an answer (with a file when given). An answer that cannot be encoded is said as an error
/// rather than leaving the page waiting.
pub fn post(id: u64, feature: Feature, body: &impl Serialize, file: Option<&File>) {
    post_header(
        Header {
            id,
            feature,
            more: false,
        },
        body,
        file,
    );
}

/// Posts a progress report of the request `id`: more answers follow.
pub fn progress(id: u64, feature: Feature, body: &impl Serialize) {
    post_header(
        Header {
            id,
            feature,
            more: true,
        },
        body,
        None,
    );
}

fn post_header(header: Header, body: &impl Serialize, file: Option<&File>) {
    let files: Vec<File> = file.into_iter().cloned().collect();
    let msg = match encode(header, body, &files) {
        Ok(m) => m,
        Err(e) => {
            let error = CoreAnswer::Error {
                message: format!("internal: an answer could not be encoded ({e})"),
            };
            let core = Header {
                feature: Feature::Core,
                more: false,
                ..header
            };
            match encode(core, &error, &[]) {
                Ok(m) => m,
                Err(_) => return,
            }
        }
    };
    if let Err(e) = scope().post_message(&msg) {
        web_sys::console::error_2(&"the worker could not send an answer".into(), &e);
    }
}

/// Says that request `id` failed; the message is for the user.
pub fn fail(id: u64, message: String) {
    post(id, Feature::Core, &CoreAnswer::Error { message }, None);
}

/// Posts a handler's reply to request `id` of `feature`.
pub fn reply<A: Serialize>(id: u64, feature: Feature, reply: Result<Reply<A>, String>) {
    match reply {
        Ok(Reply::Feature(a)) => post(id, feature, &a, None),
        Ok(Reply::Core(c)) => post(id, Feature::Core, &c, None),
        Err(message) => fail(id, message),
    }
}

/// Reads bytes `start..end` of a file.
pub async fn read_slice(file: &Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let part = file
        .slice_with_f64_and_f64(start, end)
        .map_err(|_| t!("err-slice"))?;
    let buf = JsFuture::from(part.array_buffer())
        .await
        .map_err(|_| t!("err-read-file"))?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Lets the worker's event loop run (a Cancel message gets in), through a zero-delay timer.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = JsFuture::from(promise).await;
}

/// Asks the running import to stop (it looks between slices).
pub fn cancel() {
    CANCEL.with(|c| c.set(true));
}

/// Forgets an earlier Cancel: a new import starts.
pub fn clear_cancel() {
    CANCEL.with(|c| c.set(false));
}

/// Whether the running import was asked to stop.
pub fn cancelled() -> bool {
    CANCEL.with(|c| c.get())
}
