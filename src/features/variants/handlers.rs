//! The worker's side of the variants table: the rows (from the log's selection or from a summary
//! document) and the cases of ticked variants.

use super::protocol::{Answer, Request, VariantRow};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::{Input, Session};
use relance_engine::analysis::{variants, Variants};

/// Variants listed on the page.
const MAX_ROWS: usize = 2000;

/// The first [`MAX_ROWS`] rows, each with its rank (0 = most frequent).
fn ranked(rows: impl Iterator<Item = VariantRow>) -> Vec<VariantRow> {
    rows.take(MAX_ROWS)
        .enumerate()
        .map(|(rank, r)| VariantRow {
            rank: rank as u32,
            ..r
        })
        .collect()
}

/// Answers a variants request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    match req {
        Request::Variants => {
            let (rows, total, kept) = match session.input()? {
                Input::Log(log, sel) => {
                    let v = variants(log, sel);
                    let rows = ranked(v.variants.iter().map(|x| {
                        VariantRow {
                            rank: 0,
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
                        }
                    }));
                    (rows, v.variants.len(), Some(v))
                }
                Input::Summary(doc) => {
                    let s = &doc.summary;
                    let rows = ranked(s.variants.iter().map(|v| VariantRow {
                        rank: 0,
                        activities: v.activities.clone(),
                        cases: v.cases,
                        share: v.share,
                        cumulative_share: v.cumulative_share,
                        median_s: v.median_duration_s,
                        // Not in the document: the page shows it as not available.
                        mean_s: f64::NAN,
                    }));
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
