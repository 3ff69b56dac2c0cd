//! The page's side of the engine worker: start it from a `blob:` URL (so it inherits the page's
//! Content-Security-Policy), send requests, hand answers to one callback, and start a new worker when
//! the old one dies or a long request is cancelled.
//!
//! Trunk builds the worker as `engine_worker.js` + `engine_worker_bg.wasm` (never hashed); the blob script
//! loads both by absolute URL, which also works when the app is served from a sub-path.
//!
//! A wasm worker that runs out of memory or panics traps, and its state is lost (a trap inside a
//! request also leaves it unusable). The page is told with a [`Response::Stopped`] naming what was
//! running, and a fresh worker takes its place, so another file can be opened without a reload. The
//! same path cancels a request that runs too long: the worker is single-threaded and cannot read a
//! Cancel message while it computes, so the page ends it and starts another.

use super::protocol::{Envelope, Request, Response};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File, MessageEvent, Url, Worker};

/// A request sent and not yet answered.
#[derive(Debug, Clone)]
struct Pending {
    id: u64,
    what: &'static str,
    sent_ms: f64,
}

/// A JavaScript event handler.
type Handler = Closure<dyn FnMut(JsValue)>;

struct Client {
    worker: RefCell<Worker>,
    next_id: Cell<u64>,
    ready: Cell<bool>,
    /// Messages posted before the worker said it was ready (they would be lost).
    queue: RefCell<Vec<JsValue>>,
    /// Requests in the order sent; the worker answers them in that order.
    pending: RefCell<Vec<Pending>>,
    on_response: Rc<dyn Fn(u64, Response)>,
    /// Handlers of the current worker, kept alive while it runs and dropped with it.
    handlers: RefCell<Vec<Handler>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<Client>>> = const { RefCell::new(None) };
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Starts the worker binary `name` (`engine_worker`, `reader_worker`) from a `blob:` URL that loads
/// its script and wasm from the page's base, so the page works from any host and sub-path.
pub(crate) fn spawn_worker(name: &str) -> Result<Worker, JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let base = doc
        .base_uri()?
        .unwrap_or_else(|| doc.url().unwrap_or_default());
    let js = Url::new_with_base(&format!("{name}.js"), &base)?.href();
    let wasm = Url::new_with_base(&format!("{name}_bg.wasm"), &base)?.href();
    let src = format!("importScripts({js:?});wasm_bindgen({{module_or_path:{wasm:?}}});");
    let opts = BlobPropertyBag::new();
    opts.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&src.into()), &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let worker = Worker::new(&url);
    let _ = Url::revoke_object_url(&url);
    worker
}

/// Whether an answer ends its request (progress reports do not).
fn is_final(r: &Response) -> bool {
    !matches!(r, Response::Progress { .. } | Response::Ready)
}

impl Client {
    /// Attaches message and error handlers to the current worker.
    fn attach(self: &Rc<Self>) {
        let me = Rc::downgrade(self);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(c) = me.upgrade() else { return };
            let Ok(e) = e.dyn_into::<MessageEvent>() else {
                return;
            };
            let env: Envelope<Response> = match serde_wasm_bindgen::from_value(e.data()) {
                Ok(env) => env,
                Err(err) => {
                    web_sys::console::error_1(&format!("unreadable worker message: {err}").into());
                    return;
                }
            };
            if let Response::Ready = env.body {
                c.ready.set(true);
                let worker = c.worker.borrow().clone();
                for m in c.queue.borrow_mut().drain(..) {
                    let _ = worker.post_message(&m);
                }
            }
            if is_final(&env.body) {
                c.pending.borrow_mut().retain(|p| p.id != env.id);
            }
            (c.on_response)(env.id, env.body);
        });
        let me = Rc::downgrade(self);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            // Only the location, never the message: a panic message can quote the user's data.
            web_sys::console::error_1(&"the engine worker stopped".into());
            if let Ok(ev) = e.dyn_into::<web_sys::Event>() {
                ev.prevent_default();
            }
            if let Some(c) = me.upgrade() {
                c.replace_worker(false);
            }
        });
        let worker = self.worker.borrow();
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.handlers.borrow_mut() = vec![on_message, on_error];
    }

    /// Ends the current worker and starts a new one; tells the page what was running.
    fn replace_worker(self: &Rc<Self>, cancelled: bool) {
        let running = self.pending.borrow().first().map(|p| p.what);
        self.pending.borrow_mut().clear();
        self.queue.borrow_mut().clear();
        self.ready.set(false);
        {
            let old = self.worker.borrow();
            old.set_onmessage(None);
            old.set_onerror(None);
            old.terminate();
        }
        let restarted = match spawn_worker("engine_worker") {
            Ok(w) => {
                *self.worker.borrow_mut() = w;
                self.attach();
                true
            }
            Err(_) => false,
        };
        (self.on_response)(
            0,
            Response::Stopped {
                during: running.map(str::to_string),
                cancelled,
                restarted,
            },
        );
    }
}

/// Starts the worker; `on_response` receives every answer with its request id.
pub fn start(on_response: impl Fn(u64, Response) + 'static) -> Result<(), String> {
    let worker = spawn_worker("engine_worker")
        .map_err(|e| format!("the engine worker could not start: {e:?}"))?;
    let client = Rc::new(Client {
        worker: RefCell::new(worker),
        next_id: Cell::new(1),
        ready: Cell::new(false),
        queue: RefCell::new(Vec::new()),
        pending: RefCell::new(Vec::new()),
        on_response: Rc::new(on_response),
        handlers: RefCell::new(Vec::new()),
    });
    client.attach();
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
        let what = req.label();
        // Requests the worker does not answer are not waited for.
        let tracked = !matches!(req, Request::Cancel | Request::SetLanguage { .. });
        let Ok(value) = super::protocol::to_js(&Envelope { id, body: req }) else {
            return 0;
        };
        let msg = js_sys::Array::of1(&value);
        if let Some(f) = file {
            msg.push(f);
        }
        let msg: JsValue = msg.into();
        if tracked {
            client.pending.borrow_mut().push(Pending {
                id,
                what,
                sent_ms: now_ms(),
            });
        }
        if client.ready.get() {
            let _ = client.worker.borrow().post_message(&msg);
        } else {
            client.queue.borrow_mut().push(msg);
        }
        id
    })
}

/// What the worker is doing, and for how many milliseconds, when it has been busy for a while.
pub fn working() -> Option<(&'static str, f64)> {
    CLIENT.with(|c| {
        let client = c.borrow().clone()?;
        let p = client.pending.borrow();
        let first = p.first()?;
        Some((first.what, now_ms() - first.sent_ms))
    })
}

/// Stops whatever the worker is doing by replacing it (its log is lost: the page loads it again).
pub fn cancel_running() {
    let client = CLIENT.with(|c| c.borrow().clone());
    if let Some(c) = client {
        c.replace_worker(true);
    }
}
