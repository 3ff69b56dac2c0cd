//! A summary document of aggregates opened instead of a log: reading it in the worker ([`document`])
//! and its banner, overview and collections tables ([`view`]). The map and the variants answer from it
//! in their own handlers; whatever needs cases says why not.

pub mod document;
pub mod view;
