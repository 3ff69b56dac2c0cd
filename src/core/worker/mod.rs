//! The workers: the message envelope, the page's link to a worker and its engine client, and the
//! worker's side (runtime, session, the core's answers).

pub mod answers;
pub mod client;
pub mod link;
pub mod protocol;
pub mod runtime;
pub mod session;
