//! The page's side of the engine worker: send requests, hand every answer to one function, and start a
//! new worker when the old one dies or a long request is cancelled.
//!
//! A wasm worker that runs out of memory or panics traps, and its state is lost (a trap inside a
//! request also leaves it unusable). The page is told with a [`CoreAnswer::Stopped`] naming what was
//! running, and a fresh worker takes its place, so another file can be opened without a reload. The
//! same path cancels a request that runs too long: the worker is single-threaded and cannot read a
//! Cancel message while it computes, so the page ends it and starts another.

use super::link::Link;
use super::protocol::{to_js, CoreAnswer, Feature, Header, WorkerRequest};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::File;

/// A request sent and not yet answered.
#[derive(Debug, Clone)]
struct Pending {
    id: u64,
    what: &'static str,
    sent_ms: f64,
}

/// Receives every answer: its header and its body (the feature reads it).
type OnAnswer = Rc<dyn Fn(Header, JsValue)>;

struct Client {
    /// The running worker (`None` when a new one could not start).
    link: RefCell<Option<Rc<Link>>>,
    next_id: Cell<u64>,
    /// Requests in the order sent; the worker answers them in that order.
    pending: RefCell<Vec<Pending>>,
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

/// Starts an engine worker whose messages go to the client `me`.
fn spawn(me: std::rc::Weak<Client>, on_answer: OnAnswer) -> Result<Rc<Link>, JsValue> {
    let me2 = me.clone();
    Link::spawn(
        "engine_worker",
        move |header, body, _files| {
            if let Some(c) = me.upgrade() {
                if !header.more {
                    c.pending.borrow_mut().retain(|p| p.id != header.id);
                }
            }
            on_answer(header, body);
        },
        move || {
            // Only that it stopped, never the message: a panic message can quote the user's data.
            web_sys::console::error_1(&"the engine worker stopped".into());
            if let Some(c) = me2.upgrade() {
                c.replace_worker(false);
            }
        },
    )
}

impl Client {
    /// Ends the current worker and starts a new one; tells the page what was running.
    fn replace_worker(self: &Rc<Self>, cancelled: bool) {
        let running = self.pending.borrow().first().map(|p| p.what);
        self.pending.borrow_mut().clear();
        if let Some(old) = self.link.borrow_mut().take() {
            old.terminate();
        }
        let restarted = match spawn(Rc::downgrade(self), self.on_answer.clone()) {
            Ok(link) => {
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
}

/// Starts the worker; `on_answer` receives every answer with its header.
pub fn start(on_answer: impl Fn(Header, JsValue) + 'static) -> Result<(), String> {
    let client = Rc::new(Client {
        link: RefCell::new(None),
        next_id: Cell::new(1),
        pending: RefCell::new(Vec::new()),
        on_answer: Rc::new(on_answer),
    });
    let link = spawn(Rc::downgrade(&client), client.on_answer.clone())
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
        let id = client.next_id.get();
        client.next_id.set(id + 1);
        let files: Vec<File> = file.into_iter().cloned().collect();
        let posted = client
            .link
            .borrow()
            .as_ref()
            .is_some_and(|l| l.post(id, req, &files));
        if !posted {
            return 0;
        }
        // Requests the worker does not answer are not waited for.
        if req.answered() {
            client.pending.borrow_mut().push(Pending {
                id,
                what: req.label(),
                sent_ms: now_ms(),
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
