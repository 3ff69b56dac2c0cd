//! What the engine worker keeps between requests: the log (or a summary document opened instead), the
//! filter stack and its selection, and what a feature kept from its last answer for a follow-up
//! question (the variants behind "cases of these variants", a collections report behind its
//! drill-downs, the findings behind their chips), dropped whenever the log or the filters change.

use relance_engine::analysis::SummaryDocument;
use relance_engine::filter::FilterStack;
use relance_engine::{EventLog, Selection};
use std::any::Any;
use std::cell::RefCell;

/// The worker's session.
#[derive(Default)]
pub struct Session {
    log: Option<EventLog>,
    filters: FilterStack,
    selection: Option<Selection>,
    /// A summary document opened instead of a log (then `log` is `None`).
    summary: Option<SummaryDocument>,
    /// One value per type, kept by the features.
    kept: Vec<Box<dyn Any>>,
}

/// What the session holds to answer from.
pub enum Input<'a> {
    /// A log and the current filter's selection.
    Log(&'a EventLog, &'a Selection),
    /// A document of aggregates: no cases.
    Summary(&'a SummaryDocument),
}

thread_local! {
    static SESSION: RefCell<Session> = RefCell::new(Session::default());
}

/// Runs `f` on the worker's session.
pub fn with_session<R>(f: impl FnOnce(&mut Session) -> R) -> R {
    SESSION.with(|s| f(&mut s.borrow_mut()))
}

impl Session {
    /// Replaces whatever was loaded by a log, with no filter.
    pub fn set_log(&mut self, log: EventLog) {
        *self = Session {
            log: Some(log),
            ..Session::default()
        };
    }

    /// Replaces whatever was loaded by a summary document.
    pub fn set_summary(&mut self, doc: SummaryDocument) {
        *self = Session {
            summary: Some(doc),
            ..Session::default()
        };
    }

    /// Sets the filter stack; what the features kept no longer holds.
    pub fn set_filters(&mut self, filters: FilterStack) {
        self.filters = filters;
        self.selection = None;
        self.kept.clear();
    }

    /// The filter stack.
    pub fn filters(&self) -> &FilterStack {
        &self.filters
    }

    /// The loaded log, if any.
    pub fn log(&self) -> Option<&EventLog> {
        self.log.as_ref()
    }

    /// The summary document, if one is open.
    pub fn summary(&self) -> Option<&SummaryDocument> {
        self.summary.as_ref()
    }

    /// The log and the filter's selection; for a summary document, why cases cannot be listed.
    pub fn cases(&mut self) -> Result<(&EventLog, &Selection), String> {
        if let Some(doc) = &self.summary {
            return Err(needs_cases(doc));
        }
        let log = self.log.as_ref().ok_or_else(|| t!("err-no-log"))?;
        let sel = self
            .selection
            .get_or_insert_with(|| self.filters.apply(log));
        Ok((log, sel))
    }

    /// [`Self::cases`] and the value of type `T` kept earlier, if any.
    pub fn cases_with<T: Any>(&mut self) -> Result<(&EventLog, &Selection, Option<&T>), String> {
        self.cases()?;
        let log = self.log.as_ref().ok_or_else(|| t!("err-no-log"))?;
        let sel = self.selection.as_ref().ok_or_else(|| t!("err-no-log"))?;
        let kept = self.kept.iter().find_map(|k| k.downcast_ref::<T>());
        Ok((log, sel, kept))
    }

    /// The log with its selection, or the summary document.
    pub fn input(&mut self) -> Result<Input<'_>, String> {
        if self.summary.is_none() {
            return self.cases().map(|(log, sel)| Input::Log(log, sel));
        }
        self.summary
            .as_ref()
            .map(Input::Summary)
            .ok_or_else(|| t!("err-no-log"))
    }

    /// Keeps a value for a follow-up question (one per type; dropped when the log or filters change).
    pub fn keep<T: Any>(&mut self, value: T) {
        self.kept.retain(|k| !k.is::<T>());
        self.kept.push(Box::new(value));
    }

    /// The value of this type kept earlier.
    pub fn kept<T: Any>(&self) -> Option<&T> {
        self.kept.iter().find_map(|k| k.downcast_ref::<T>())
    }
}

/// The answer to a request that needs cases, on a summary document.
pub fn needs_cases(doc: &SummaryDocument) -> String {
    t!("summary-needs-cases", note = summary_note(doc))
}

/// Why a summary document cannot list cases: its own note, or the general one.
pub fn summary_note(doc: &SummaryDocument) -> String {
    doc.source
        .as_ref()
        .map(|s| s.drill_down_note.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| t!("summary-no-cases"))
}
