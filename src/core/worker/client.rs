//! The page's side of the engine worker: send requests, hand every answer to one function, and start a
//! new worker when the old one dies or a long request is cancelled.
//!
//! A wasm worker that runs out of memory or panics traps, and its state is lost (a trap inside a
//! request also leaves it unusable). The page is told with a [`CoreAnswer::Stopped`] naming what was
//! running, and a fresh worker takes its place, so another file can be opened without a reload. The
//! same path cancels a request that runs too long: the worker is single-threaded and cannot read a
//! Cancel message while it computes, so the page ends it and starts another.
//!
//! Two engines, one at a time. The page starts with the first-map worker: the page's own wasm module
//! run in a worker (import, filters, map, variants, overview; [`Feature::FIRST_MAP`]), so the first
//! visit downloads one wasm file for the page and the engine of the first map. The first request of
//! another feature (collections, insights, explore) hands over to the full engine worker
//! (`engine_worker`): it is started, sent the latest request of each [`SessionPart`] (language, log,
//! filters) so that it holds the same session, then every request still unanswered and the new one;
//! the first-map worker is ended (its memory freed). A file over 8 MiB hands over too: the full
//! engine is built for speed and reads it faster than the page's wasm, built for size. The replayed
//! requests' answers are the page's already, so they are dropped here; while they run, "working…"
//! names them (with Cancel). The page's features do not see the hand-over: they send and receive as
//! before.

use super::link::Link;
use super::protocol::{encode, to_js, CoreAnswer, Feature, Header, SessionPart, WorkerRequest};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::File;

/// A file larger than this is read by the full engine, built for speed (the first map's engine is the
/// page's wasm, built for size): its download, 0.9 MB, is small next to such a file. Its preview
/// already hands over, so the full engine loads while the mapping screen is open.
const BIG_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// What "working…" says while the full engine loads the session again (a message key).
const HANDING_OVER: &str = "doing-loading-engine";

/// The worker binary running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    /// The page's own wasm in a worker: the features of [`Feature::FIRST_MAP`].
    FirstMap,
    /// `engine_worker`: every feature.
    Full,
}

/// A request sent and not yet answered.
#[derive(Debug, Clone)]
struct Pending {
    id: u64,
    what: &'static str,
    sent_ms: f64,
    /// The message as posted, to post it again to the engine that takes over.
    msg: JsValue,
    /// Sent again to a new engine, whose answer the page already has: dropped.
    replayed: bool,
}

/// The latest request that set a part of the worker's session, as posted.
#[derive(Debug, Clone)]
struct SessionStep {
    part: SessionPart,
    id: u64,
    msg: JsValue,
}

/// Receives every answer: its header and its body (the feature reads it).
type OnAnswer = Rc<dyn Fn(Header, JsValue)>;

struct Client {
    /// The running worker (`None` when a new one could not start).
    link: RefCell<Option<Rc<Link>>>,
    /// Which binary it is.
    engine: Cell<Engine>,
    next_id: Cell<u64>,
    /// Requests in the order sent; the worker answers them in that order.
    pending: RefCell<Vec<Pending>>,
    /// The requests that made the worker's session, one per part, in [`SessionPart`] order.
    session: RefCell<Vec<SessionStep>>,
    /// A log being loaded: it becomes the session's when the worker says it is loaded (a file that
    /// cannot be read, or a cancelled import, leaves the previous log in place).
    loading: RefCell<Option<SessionStep>>,
    /// While the full engine loads the log again (the id of that request): the worker reads a file
    /// asynchronously and would answer the next requests meanwhile, from no log, so they wait here.
    holding_for: Cell<Option<u64>>,
    /// The messages waiting for it, in the order sent.
    held: RefCell<Vec<JsValue>>,
    on_answer: OnAnswer,
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

/// Starts a worker of `engine` whose messages go to the client `me`.
fn spawn(
    engine: Engine,
    me: std::rc::Weak<Client>,
    on_answer: OnAnswer,
) -> Result<Rc<Link>, JsValue> {
    let me2 = me.clone();
    let on_message = move |header: Header, body: JsValue, _files: Vec<File>| {
        let mut replayed = false;
        if let Some(c) = me.upgrade() {
            {
                let mut pending = c.pending.borrow_mut();
                replayed = pending.iter().any(|p| p.id == header.id && p.replayed);
                if !header.more {
                    pending.retain(|p| p.id != header.id);
                }
            }
            if !header.more {
                c.loaded(&header, &body);
            }
            if !header.more && c.holding_for.get() == Some(header.id) {
                c.release();
            }
        }
        if !replayed {
            on_answer(header, body);
        }
    };
    let on_error = move || {
        // Only that it stopped, never the message: a panic message can quote the user's data.
        web_sys::console::error_1(&"the engine worker stopped".into());
        if let Some(c) = me2.upgrade() {
            c.replace_worker(false);
        }
    };
    match engine {
        Engine::FirstMap => Link::spawn_page_module(on_message, on_error),
        Engine::Full => Link::spawn("engine_worker", on_message, on_error),
    }
}

/// `msg` (`[header, body, files...]`) with another id in its header.
fn with_id(msg: &JsValue, header: Header) -> Option<JsValue> {
    let copy = js_sys::Array::from(msg);
    copy.set(0, to_js(&header).ok()?);
    Some(copy.into())
}

impl Client {
    fn new_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }

    /// Ends the current worker and starts a new one of the same engine; tells the page what was
    /// running.
    fn replace_worker(self: &Rc<Self>, cancelled: bool) {
        let running = self.pending.borrow().first().map(|p| p.what);
        self.pending.borrow_mut().clear();
        self.holding_for.set(None);
        self.held.borrow_mut().clear();
        self.loading.borrow_mut().take();
        // The new worker has no log: the page loads it again (or not, when loading it is what
        // stopped), so only the language is worth keeping for a later hand-over.
        self.session
            .borrow_mut()
            .retain(|s| s.part == SessionPart::Language);
        if let Some(old) = self.link.borrow_mut().take() {
            old.terminate();
        }
        let restarted = match spawn(
            self.engine.get(),
            Rc::downgrade(self),
            self.on_answer.clone(),
        ) {
            Ok(link) => {
                if let Some(lang) = self.session.borrow().first() {
                    link.post_encoded(lang.msg.clone());
                }
                *self.link.borrow_mut() = Some(link);
                true
            }
            Err(_) => false,
        };
        let stopped = CoreAnswer::Stopped {
            during: running.map(str::to_string),
            cancelled,
            restarted,
        };
        if let Ok(body) = to_js(&stopped) {
            let header = Header {
                id: 0,
                feature: Feature::Core,
                more: false,
            };
            (self.on_answer)(header, body);
        }
    }

    /// Hands over from the first-map worker to the full engine: the session's requests again, then
    /// what was not answered yet, in the order sent. False when the full engine could not start (the
    /// first-map worker then stays).
    fn hand_over(self: &Rc<Self>) -> bool {
        let Ok(link) = spawn(Engine::Full, Rc::downgrade(self), self.on_answer.clone()) else {
            return false;
        };
        self.engine.set(Engine::Full);
        if let Some(old) = self.link.borrow_mut().replace(link.clone()) {
            old.terminate();
        }
        let before = std::mem::take(&mut *self.pending.borrow_mut());
        let mut after = Vec::with_capacity(before.len() + 3);
        for step in self.session.borrow_mut().iter_mut() {
            // Still running in the first-map worker (an import): the page waits for its answers,
            // which keep their id; it is posted again below with the other unanswered requests.
            if before.iter().any(|p| p.id == step.id) {
                continue;
            }
            let id = self.new_id();
            let header = Header {
                id,
                feature: feature_of(step.part),
                more: false,
            };
            let Some(msg) = with_id(&step.msg, header) else {
                continue;
            };
            self.post(&link, msg.clone());
            if step.part == SessionPart::Log {
                self.holding_for.set(Some(id));
            }
            // Only answered requests are waited for (the language is not answered).
            if step.part != SessionPart::Language {
                after.push(Pending {
                    id,
                    what: HANDING_OVER,
                    sent_ms: now_ms(),
                    msg: msg.clone(),
                    replayed: true,
                });
            }
            step.id = id;
            step.msg = msg;
        }
        let log = self.loading.borrow().as_ref().map(|s| s.id);
        for p in before {
            self.post(&link, p.msg.clone());
            if Some(p.id) == log {
                self.holding_for.set(log);
            }
            after.push(p);
        }
        *self.pending.borrow_mut() = after;
        true
    }

    /// Posts a message, or holds it while the log is being loaded again.
    fn post(&self, link: &Link, msg: JsValue) {
        if self.holding_for.get().is_some() {
            self.held.borrow_mut().push(msg);
        } else {
            link.post_encoded(msg);
        }
    }

    /// The log is loaded again: what waited goes to the worker.
    fn release(&self) {
        self.holding_for.set(None);
        let held = std::mem::take(&mut *self.held.borrow_mut());
        if let Some(link) = self.link.borrow().clone() {
            for msg in held {
                link.post_encoded(msg);
            }
        }
    }

    /// A log request's last answer: a log loaded (the feature's answer, an object: `{"loaded": …}`)
    /// makes it the session's; an error (the core's) or a cancel (`"cancelled"`) drops it.
    fn loaded(&self, header: &Header, body: &JsValue) {
        let done = self
            .loading
            .borrow()
            .as_ref()
            .is_some_and(|s| s.id == header.id);
        if !done {
            return;
        }
        let Some(step) = self.loading.borrow_mut().take() else {
            return;
        };
        if header.feature == Feature::DataIn && body.is_object() {
            self.remember(step.part, step.id, &step.msg);
        }
    }

    /// Keeps the latest request of each session part (loading a log drops the filters with it).
    fn remember(&self, part: SessionPart, id: u64, msg: &JsValue) {
        let mut session = self.session.borrow_mut();
        session.retain(|s| s.part != part && !(part == SessionPart::Log && s.part > part));
        let at = session.partition_point(|s| s.part < part);
        session.insert(
            at,
            SessionStep {
                part,
                id,
                msg: msg.clone(),
            },
        );
    }
}

/// Who answers a session part's request.
fn feature_of(part: SessionPart) -> Feature {
    match part {
        SessionPart::Language | SessionPart::Filters => Feature::Core,
        SessionPart::Log => Feature::DataIn,
    }
}

/// Starts the worker; `on_answer` receives every answer with its header.
pub fn start(on_answer: impl Fn(Header, JsValue) + 'static) -> Result<(), String> {
    let client = Rc::new(Client {
        link: RefCell::new(None),
        engine: Cell::new(Engine::FirstMap),
        next_id: Cell::new(1),
        pending: RefCell::new(Vec::new()),
        session: RefCell::new(Vec::new()),
        loading: RefCell::new(None),
        holding_for: Cell::new(None),
        held: RefCell::new(Vec::new()),
        on_answer: Rc::new(on_answer),
    });
    let link = spawn(
        Engine::FirstMap,
        Rc::downgrade(&client),
        client.on_answer.clone(),
    )
    .map_err(|e| format!("the engine worker could not start: {e:?}"))?;
    *client.link.borrow_mut() = Some(link);
    CLIENT.with(|c| *c.borrow_mut() = Some(client));
    Ok(())
}

/// Sends a request, with a file when given; returns its id (0 when the worker is not running).
pub fn send<R: WorkerRequest>(req: &R, file: Option<&File>) -> u64 {
    CLIENT.with(|c| {
        let Some(client) = c.borrow().clone() else {
            return 0;
        };
        let needs_full =
            !R::FEATURE.in_first_map() || file.is_some_and(|f| f.size() > BIG_FILE_BYTES);
        if client.engine.get() == Engine::FirstMap && needs_full && !client.hand_over() {
            return 0;
        }
        let id = client.new_id();
        let files: Vec<File> = file.into_iter().cloned().collect();
        let header = Header {
            id,
            feature: R::FEATURE,
            more: false,
        };
        let Ok(msg) = encode(header, req, &files) else {
            return 0;
        };
        let Some(link) = client.link.borrow().clone() else {
            return 0;
        };
        client.post(&link, msg.clone());
        match req.sets() {
            Some(SessionPart::Log) => {
                *client.loading.borrow_mut() = Some(SessionStep {
                    part: SessionPart::Log,
                    id,
                    msg: msg.clone(),
                })
            }
            Some(part) => client.remember(part, id, &msg),
            None => {}
        }
        // Requests the worker does not answer are not waited for.
        if req.answered() {
            client.pending.borrow_mut().push(Pending {
                id,
                what: req.label(),
                sent_ms: now_ms(),
                msg,
                replayed: false,
            });
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
