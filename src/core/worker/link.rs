//! The page's link to one worker: started from a `blob:` URL (so it inherits the page's
//! Content-Security-Policy), messages queued until the worker says it is ready, answers handed to one
//! function, and an error handler for a worker that dies.
//!
//! The build (scripts/build_web.py) writes each worker binary as `NAME.js` + `NAME_bg.wasm` (never
//! hashed); the blob script loads both by absolute URL, which also works when the app is served from a
//! sub-path. The first map's engine is no binary of its own: it is the page's wasm module, compiled
//! once by the page and handed to a module worker that imports the page's script ([`Link::spawn_page_module`]),
//! so the first visit downloads one wasm file for the page and the engine that draws the first map.

use super::protocol::{decode, encode, read, CoreAnswer, Feature, Header, WorkerRequest};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, File, MessageEvent, Url, Worker};

/// A JavaScript event handler.
type Handler = Closure<dyn FnMut(JsValue)>;

/// A running worker.
pub struct Link {
    worker: Worker,
    ready: Cell<bool>,
    /// Messages posted before the worker said it was ready (they would be lost).
    queue: RefCell<Vec<JsValue>>,
    /// Handlers of the worker, kept alive while it runs and dropped with it.
    handlers: RefCell<Vec<Handler>>,
}

/// The page's document and the base its relative addresses resolve against.
fn page_base() -> Result<(web_sys::Document, String), JsValue> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let base = doc
        .base_uri()?
        .unwrap_or_else(|| doc.url().unwrap_or_default());
    Ok((doc, base))
}

/// Starts the worker binary `name` (`engine_worker`, `reader_worker`) from a `blob:` URL that loads
/// its script and wasm from the page's base, so the page works from any host and sub-path.
fn spawn_worker(name: &str) -> Result<Worker, JsValue> {
    let (_, base) = page_base()?;
    let js = Url::new_with_base(&format!("{name}.js"), &base)?.href();
    let wasm = Url::new_with_base(&format!("{name}_bg.wasm"), &base)?.href();
    let src = format!("importScripts({js:?});wasm_bindgen({{module_or_path:{wasm:?}}});");
    blob_worker(&src, false)
}

/// A worker running `src` from a `blob:` URL (a module worker when `module`).
fn blob_worker(src: &str, module: bool) -> Result<Worker, JsValue> {
    let opts = BlobPropertyBag::new();
    opts.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&src.into()), &opts)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let worker = if module {
        let options = web_sys::WorkerOptions::new();
        js_sys::Reflect::set(&options, &"type".into(), &"module".into())?;
        Worker::new_with_options(&url, &options)
    } else {
        Worker::new(&url)
    };
    let _ = Url::revoke_object_url(&url);
    worker
}

/// Starts a module worker that runs the page's own wasm module: it imports the page's script (the
/// `modulepreload` link the build writes for it) and instantiates the module the page compiled,
/// posted as its first message (nothing is downloaded again). The wasm's `main` sees no window and
/// runs the worker (src/bin/app.rs).
fn spawn_page_module() -> Result<Worker, JsValue> {
    let (doc, base) = page_base()?;
    let href = doc
        .query_selector(r#"link[rel="modulepreload"][href$=".js"]"#)?
        .and_then(|l| l.get_attribute("href"))
        .ok_or("the page's script is not linked (link rel=modulepreload)")?;
    let js = Url::new_with_base(&href, &base)?.href();
    // The listener is in place before any message can arrive; `once`: the worker's own listener takes
    // the next messages.
    let src = format!(
        "addEventListener('message',async e=>{{const m=await import({js:?});await m.default({{module_or_path:e.data}});}},{{once:true}});"
    );
    let worker = blob_worker(&src, true)?;
    worker.post_message(&wasm_bindgen::module())?;
    Ok(worker)
}

/// Whether this code runs in a worker (no window): the page's wasm then runs the first map's engine.
pub fn in_worker() -> bool {
    web_sys::window().is_none()
}

impl Link {
    /// Starts the worker `name`; `on_message` gets every message it posts (its `Ready` too), `on_error`
    /// is called when it dies (a trap: out of memory, a panic).
    pub fn spawn(
        name: &str,
        on_message: impl Fn(Header, JsValue, Vec<File>) + 'static,
        on_error: impl Fn() + 'static,
    ) -> Result<Rc<Link>, JsValue> {
        Self::start(spawn_worker(name)?, name.to_string(), on_message, on_error)
    }

    /// Starts a worker running the page's own wasm module (see [`spawn_page_module`]); as
    /// [`Link::spawn`] otherwise.
    pub fn spawn_page_module(
        on_message: impl Fn(Header, JsValue, Vec<File>) + 'static,
        on_error: impl Fn() + 'static,
    ) -> Result<Rc<Link>, JsValue> {
        Self::start(
            spawn_page_module()?,
            "first map worker".to_string(),
            on_message,
            on_error,
        )
    }

    fn start(
        worker: Worker,
        what: String,
        on_message: impl Fn(Header, JsValue, Vec<File>) + 'static,
        on_error: impl Fn() + 'static,
    ) -> Result<Rc<Link>, JsValue> {
        let link = Rc::new(Link {
            worker,
            ready: Cell::new(false),
            queue: RefCell::new(Vec::new()),
            handlers: RefCell::new(Vec::new()),
        });
        let me = Rc::downgrade(&link);
        let message = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(link) = me.upgrade() else { return };
            let Ok(e) = e.dyn_into::<MessageEvent>() else {
                return;
            };
            let (header, body, files) = match decode(&e.data()) {
                Ok(m) => m,
                Err(err) => {
                    web_sys::console::error_1(&format!("unreadable {what} message: {err}").into());
                    return;
                }
            };
            if header.feature == Feature::Core && header.id == 0 && !link.ready.get() {
                if let Ok(CoreAnswer::Ready) = read(body.clone()) {
                    link.ready.set(true);
                    for m in link.queue.borrow_mut().drain(..) {
                        let _ = link.worker.post_message(&m);
                    }
                }
            }
            on_message(header, body, files);
        });
        let error = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            // The page handles it: no "uncaught error" in the console (its message can quote data).
            if let Ok(ev) = e.dyn_into::<web_sys::Event>() {
                ev.prevent_default();
            }
            on_error();
        });
        link.worker
            .set_onmessage(Some(message.as_ref().unchecked_ref()));
        link.worker
            .set_onerror(Some(error.as_ref().unchecked_ref()));
        *link.handlers.borrow_mut() = vec![message, error];
        Ok(link)
    }

    /// Posts a request with its files (queued until the worker is ready); false when it cannot be
    /// encoded.
    pub fn post<R: WorkerRequest>(&self, id: u64, req: &R, files: &[File]) -> bool {
        let header = Header {
            id,
            feature: R::FEATURE,
            more: false,
        };
        let Ok(msg) = encode(header, req, files) else {
            return false;
        };
        self.post_encoded(msg);
        true
    }

    /// Posts a message already encoded (`[header, body, files...]`), queued until the worker is ready.
    pub fn post_encoded(&self, msg: JsValue) {
        if self.ready.get() {
            let _ = self.worker.post_message(&msg);
        } else {
            self.queue.borrow_mut().push(msg);
        }
    }

    /// Ends the worker: what it was doing is dropped, and nothing it posted later arrives.
    pub fn terminate(&self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
        self.queue.borrow_mut().clear();
        self.handlers.borrow_mut().clear();
    }
}
