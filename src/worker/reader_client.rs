//! The page's side of the reader worker: started from a `blob:` URL (so it inherits the page's
//! Content-Security-Policy) the first time a workbook, a Parquet file or several files are opened, and
//! ended to cancel (the next file starts another). Trunk builds it as `reader_worker.js` +
//! `reader_worker_bg.wasm`.

use super::protocol::Envelope;
use super::reader_protocol::{ReaderRequest, ReaderResponse};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

type Handler = Closure<dyn FnMut(JsValue)>;

struct Reader {
    worker: Worker,
    ready: Cell<bool>,
    queue: RefCell<Vec<JsValue>>,
    _handlers: Vec<Handler>,
}

/// Receives every answer of the reader: request id, answer, attached file.
type OnResponse = Rc<dyn Fn(u64, ReaderResponse, Option<File>)>;

thread_local! {
    static READER: RefCell<Option<Rc<Reader>>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
    static ON_RESPONSE: RefCell<Option<OnResponse>> = const { RefCell::new(None) };
}

/// Sets the function that receives every answer (with its request id and the attached file, if any).
pub fn set_handler(f: impl Fn(u64, ReaderResponse, Option<File>) + 'static) {
    ON_RESPONSE.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

fn deliver(id: u64, r: ReaderResponse, file: Option<File>) {
    if let Some(h) = ON_RESPONSE.with(|h| h.borrow().clone()) {
        h(id, r, file);
    }
}

fn spawn() -> Result<Rc<Reader>, JsValue> {
    let worker = super::client::spawn_worker("reader_worker")?;
    let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let Ok(e) = e.dyn_into::<MessageEvent>() else {
            return;
        };
        let Ok(parts) = e.data().dyn_into::<js_sys::Array>() else {
            return;
        };
        let env: Envelope<ReaderResponse> = match serde_wasm_bindgen::from_value(parts.get(0)) {
            Ok(env) => env,
            Err(err) => {
                web_sys::console::error_1(&format!("unreadable reader message: {err}").into());
                return;
            }
        };
        let file = parts.get(1).dyn_into::<File>().ok();
        if let ReaderResponse::Ready = env.body {
            READER.with(|r| {
                if let Some(reader) = r.borrow().as_ref() {
                    reader.ready.set(true);
                    for m in reader.queue.borrow_mut().drain(..) {
                        let _ = reader.worker.post_message(&m);
                    }
                }
            });
        }
        deliver(env.id, env.body, file);
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        // Only that it stopped: a panic message can quote the user's data.
        web_sys::console::error_1(&"the reader worker stopped".into());
        if let Ok(ev) = e.dyn_into::<web_sys::Event>() {
            ev.prevent_default();
        }
        stop();
        deliver(
            0,
            ReaderResponse::Error {
                message: crate::t!("reader-stopped"),
            },
            None,
        );
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Rc::new(Reader {
        worker,
        ready: Cell::new(false),
        queue: RefCell::new(Vec::new()),
        _handlers: vec![on_message, on_error],
    }))
}

/// Sends a request with files, starting the worker if needed; returns its id (0 when the worker could
/// not start).
pub fn send(req: ReaderRequest, files: &[File]) -> u64 {
    let reader = match READER.with(|r| r.borrow().clone()) {
        Some(r) => r,
        None => match spawn() {
            Ok(r) => {
                READER.with(|slot| *slot.borrow_mut() = Some(r.clone()));
                r
            }
            Err(_) => return 0,
        },
    };
    let id = NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let Ok(value) = super::protocol::to_js(&Envelope { id, body: req }) else {
        return 0;
    };
    let msg = js_sys::Array::of1(&value);
    for f in files {
        msg.push(f);
    }
    let msg: JsValue = msg.into();
    if reader.ready.get() {
        let _ = reader.worker.post_message(&msg);
    } else {
        reader.queue.borrow_mut().push(msg);
    }
    id
}

/// Ends the worker (what it was doing is dropped); the next request starts a new one.
pub fn stop() {
    if let Some(r) = READER.with(|r| r.borrow_mut().take()) {
        r.worker.set_onmessage(None);
        r.worker.set_onerror(None);
        r.worker.terminate();
    }
}
