//! The small core every feature builds on; it names no feature.
//!
//! - [`i18n`] and [`format`]: the interface's language, and numbers and dates in it.
//! - [`state`]: the tab, the loaded log, busy/error, the filter stack, and the [`state::Event`]s the
//!   features follow; [`filters`]: the stack's actions, chips bar and dialog; [`latest`]: stale
//!   answers dropped.
//! - [`worker`]: the message envelope, the page's link to a worker and the engine client; the
//!   worker's runtime, session and the core's answers.
//! - [`json`]: the JSON files opened on the page, read by the browser's parser.
//! - [`export`] (downloads, CSV through the engine's one writer), [`modal`] (what every dialog does),
//!   [`overlays`] (busy, error, "working…"), [`panic_hook`].

// First, so that every module below can use `t!`.
#[macro_use]
pub mod i18n;
pub mod export;
pub mod files;
pub mod filters;
pub mod format;
pub mod json;
pub mod latest;
pub mod log;
pub mod modal;
pub mod options;
pub mod overlays;
pub mod panic_hook;
pub mod state;
#[cfg(test)]
pub mod testing;
pub mod worker;
