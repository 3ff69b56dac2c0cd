//! The page's side of the engine worker: start it from a `blob:` URL (so it inherits the page's
//! Content-Security-Policy), send requests, and hand answers to one callback.
//!
//! Trunk builds the worker as `engine_worker.js` + `engine_worker_bg.wasm` (never hashed); the blob script
//! loads both by absolute URL, which also works when the app is served from a sub-path.

use super::protocol::{Envelope, Request, Response};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File, MessageEvent, Url, Worker};

struct Client {
    worker: Worker,
    next_id: Cell<u64>,
    ready: Cell<bool>,
    /// Messages posted before the worker said it was ready (they would be lost).
    queue: RefCell<Vec<JsValue>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn spawn_worker() -> Result<Worker, JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let base = doc
        .base_uri()?
        .unwrap_or_else(|| doc.url().unwrap_or_default());
    let js = Url::new_with_base("engine_worker.js", &base)?.href();
    let wasm = Url::new_with_base("engine_worker_bg.wasm", &base)?.href();
    let src = format!("importScripts({js:?});wasm_bindgen({{module_or_path:{wasm:?}}});");
    let opts = BlobPropertyBag::new();
    opts.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&src.into()), &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    Worker::new(&url)
}

/// Starts the worker; `on_response` receives every answer with its request id.
pub fn start(on_response: impl Fn(u64, Response) + 'static) -> Result<(), String> {
    let worker = spawn_worker().map_err(|e| format!("the engine worker could not start: {e:?}"))?;
    let client = Rc::new(Client {
        worker,
        next_id: Cell::new(1),
        ready: Cell::new(false),
        queue: RefCell::new(Vec::new()),
    });
    let c2 = client.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let env: Envelope<Response> = match serde_wasm_bindgen::from_value(e.data()) {
            Ok(env) => env,
            Err(err) => {
                web_sys::console::error_1(&format!("unreadable worker message: {err}").into());
                return;
            }
        };
        if let Response::Ready = env.body {
            c2.ready.set(true);
            for m in c2.queue.borrow_mut().drain(..) {
                let _ = c2.worker.post_message(&m);
            }
        }
        on_response(env.id, env.body);
    });
    client
        .worker
        .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        web_sys::console::error_2(&"engine worker error".into(), &e);
    });
    client
        .worker
        .set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    CLIENT.with(|c| *c.borrow_mut() = Some(client));
    Ok(())
}

/// Sends a request, with a file when given; returns its id (0 when the worker is not running).
pub fn send(req: Request, file: Option<&File>) -> u64 {
    CLIENT.with(|c| {
        let Some(client) = c.borrow().clone() else {
            return 0;
        };
        let id = client.next_id.get();
        client.next_id.set(id + 1);
        let Ok(value) = super::protocol::to_js(&Envelope { id, body: req }) else {
            return 0;
        };
        let msg = js_sys::Array::of1(&value);
        if let Some(f) = file {
            msg.push(f);
        }
        let msg: JsValue = msg.into();
        if client.ready.get() {
            let _ = client.worker.post_message(&msg);
        } else {
            client.queue.borrow_mut().push(msg);
        }
        id
    })
}
