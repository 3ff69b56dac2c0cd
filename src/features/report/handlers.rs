//! The worker's side of the report: the engine's report of the session's log and filter.

use super::protocol::{Answer, Request};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::Session;
use relance_engine::collections::RoleMap;
use relance_engine::report::{report_html, MadeIn, ReportInput, ReportOptions};

/// Answers a report request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    let Request::Report(r) = req;
    let filters = session.filters().clone();
    let (log, sel) = session.cases()?;
    let mut roles = RoleMap::guess(log);
    if let Some(m) = &r.mapping {
        roles.merge(m);
    }
    let input = ReportInput {
        import: r.import.as_ref(),
        filters: &filters,
        roles: &roles,
    };
    let opts = ReportOptions {
        language: r.language,
        sources: r.sources,
        generated_ms: r.generated_ms,
        made_in: MadeIn::Browser,
        collections: r.settings,
        activity_pct: Some(r.activity_pct),
        paths_pct: r.paths_pct,
        compare: r.compare,
        ..ReportOptions::default()
    };
    let html = report_html(log, sel, &input, &opts);
    Ok(Reply::Feature(Answer { html }))
}
