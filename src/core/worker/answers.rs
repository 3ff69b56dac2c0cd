//! The worker's side of the core's requests: the language, the filter stack, the filter dialog's values
//! and Cancel.

use super::protocol::{CoreAnswer, CoreRequest, Feature, Reply};
use super::runtime;
use super::session::{needs_cases, with_session, Session};
use crate::core::filters::values::values;

/// Answers a core request (Cancel and the language have no answer).
pub fn handle(id: u64, req: CoreRequest) {
    match req {
        CoreRequest::Cancel => runtime::cancel(),
        CoreRequest::SetLanguage { language } => crate::core::i18n::set_language(language),
        other => {
            let reply = with_session(|s| answer(s, other));
            runtime::reply::<()>(id, Feature::Core, reply);
        }
    }
}

fn answer(session: &mut Session, req: CoreRequest) -> Result<Reply<()>, String> {
    match req {
        CoreRequest::SetFilters { filters } => {
            // No filter can be applied to aggregates; an empty stack is the whole document.
            if let Some(doc) = session.summary() {
                if !filters.items.is_empty() {
                    return Err(needs_cases(doc));
                }
                let cases = doc.summary.log.cases;
                return Ok(Reply::Core(CoreAnswer::Filtered {
                    cases,
                    total: cases,
                }));
            }
            session.set_filters(filters);
            let (log, sel) = session.cases()?;
            Ok(Reply::Core(CoreAnswer::Filtered {
                cases: sel.len() as u64,
                total: log.case_count() as u64,
            }))
        }
        CoreRequest::Values { source } => {
            let (log, sel) = session.cases()?;
            Ok(Reply::Core(CoreAnswer::Values(Box::new(values(
                log, sel, source,
            )))))
        }
        CoreRequest::Cancel | CoreRequest::SetLanguage { .. } => {
            Err("internal: request handled elsewhere".into())
        }
    }
}
