//! The id of the latest request of one kind. Answers come back in the order asked, but the page may
//! have asked again meanwhile (a slider moved again before the map came back): only the answer to the
//! latest request is shown.

use super::worker::client;
use super::worker::protocol::WorkerRequest;
use leptos::prelude::*;
use web_sys::File;

/// The last id sent for one kind of request.
#[derive(Debug, Clone, Copy)]
pub struct Latest(StoredValue<u64>);

impl Default for Latest {
    fn default() -> Self {
        Latest(StoredValue::new(0))
    }
}

impl Latest {
    /// Sends the request and remembers its id.
    pub fn send<R: WorkerRequest>(self, req: &R) -> u64 {
        self.send_file(req, None)
    }

    /// Sends the request with a file and remembers its id.
    pub fn send_file<R: WorkerRequest>(self, req: &R, file: Option<&File>) -> u64 {
        let id = client::send(req, file);
        self.0.set_value(id);
        id
    }

    /// On a refresh: asks again when `wanted`, unless this kind of request is what stopped the worker
    /// (`stopped`: it waits for "Try again").
    pub fn resend<R: WorkerRequest>(self, req: &R, wanted: bool, stopped: Option<&str>) {
        if wanted && stopped != Some(req.label()) {
            self.send(req);
        }
    }

    /// Whether `id` answers the latest request.
    pub fn is(self, id: u64) -> bool {
        id == self.0.get_value()
    }

    /// Shows `value` in `signal` when it answers the latest request (an older answer is dropped).
    pub fn show<T: Send + Sync + 'static>(self, id: u64, signal: RwSignal<Option<T>>, value: T) {
        if self.is(id) {
            signal.set(Some(value));
        }
    }
}
