//! The worker's side of the variants table: the rows (from the log's selection or from a summary
//! document) and the cases of ticked variants.

use super::protocol::{Answer, Request, VariantRow};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::{Input, Session};
use relance_engine::analysis::{variants, Variants};

/// Variants listed on the page.
const MAX_ROWS: usize = 2000;

/// Answers a variants request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    match req {
        Request::Variants => {
            let (rows, total, kept) = match session.input()? {
                Input::Log(log, sel) => {
                    let v = variants(log, sel);
                    let rows = v
                        .variants
                        .iter()
                        .take(MAX_ROWS)
                        .enumerate()
                        .map(|(rank, x)| VariantRow {
                            rank: rank as u32,
                            activities: x
                                .activities
                                .iter()
                                .map(|&a| log.activity_name(a).to_string())
                                .collect(),
                            cases: x.cases,
                            share: x.share,
                            cumulative_share: x.cumulative_share,
                            median_s: x.duration.median_s,
                            mean_s: x.duration.mean_s,
                        })
                        .collect();
                    (rows, v.variants.len(), Some(v))
                }
                Input::Summary(doc) => {
                    let s = &doc.summary;
                    let rows = s
                        .variants
                        .iter()
                        .take(MAX_ROWS)
                        .enumerate()
                        .map(|(rank, v)| VariantRow {
                            rank: rank as u32,
                            activities: v.activities.clone(),
                            cases: v.cases,
                            share: v.share,
                            cumulative_share: v.cumulative_share,
                            median_s: v.median_duration_s,
                            // Not in the document: the page shows it as not available.
                            mean_s: f64::NAN,
                        })
                        .collect();
                    (rows, s.variants.len(), None)
                }
            };
            if let Some(v) = kept {
                session.keep(v);
            }
            Ok(Reply::Feature(Answer::Variants { rows, total }))
        }
        Request::VariantCases { ranks, limit } => {
            if session.cases_with::<Variants>()?.2.is_none() {
                let (log, sel) = session.cases()?;
                let v = variants(log, sel);
                session.keep(v);
            }
            let (log, _, v) = session.cases_with::<Variants>()?;
            let v = v.ok_or_else(|| t!("err-no-log"))?;
            let cases: Vec<usize> = v
                .case_variant
                .iter()
                .enumerate()
                .filter(|(_, &r)| ranks.contains(&r))
                .map(|(c, _)| c)
                .collect();
            Ok(Reply::Feature(Answer::Cases {
                total: cases.len(),
                ids: cases
                    .iter()
                    .take(limit)
                    .map(|&c| log.case_id(c).to_string())
                    .collect(),
            }))
        }
    }
}
