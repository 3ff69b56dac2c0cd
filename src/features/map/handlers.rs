//! The worker's side of the map: the map laid out for the sliders (from the log's selection or from a
//! summary document), the details of an edge or an activity, and the replay.

use super::details;
use super::protocol::{Answer, ReplayPage, Request};
use crate::core::worker::protocol::Reply;
use crate::core::worker::session::{needs_cases, Input, Session};
use relance_engine::analysis::{self, process_map, summary_map};
use relance_engine::layout::draw_map;

/// Answers a map request.
pub fn answer(session: &mut Session, req: Request) -> Result<Reply<Answer>, String> {
    let answer = match (req, session.input()?) {
        // Laid out here, in the worker, within the layout's work budget: the page only draws.
        (
            Request::Map {
                activity_pct,
                paths_pct,
            },
            input,
        ) => {
            let map = match input {
                Input::Log(log, sel) => process_map(log, sel, activity_pct),
                Input::Summary(doc) => summary_map(doc, activity_pct).map,
            };
            Answer::Map(Box::new(draw_map(map, paths_pct)))
        }
        (Request::EdgeDetail { from, to, stat }, Input::Log(log, sel)) => Answer::Detail(
            details::edge_detail(log, sel, from.as_deref(), to.as_deref(), stat),
        ),
        (Request::EdgeDetail { from, to, .. }, Input::Summary(doc)) => {
            Answer::Detail(details::summary_edge_detail(doc, from, to))
        }
        (Request::NodeDetail { name }, Input::Log(log, sel)) => {
            Answer::Detail(details::node_detail(log, sel, &name))
        }
        (Request::NodeDetail { name }, Input::Summary(doc)) => {
            Answer::Detail(details::summary_node_detail(doc, name))
        }
        (
            Request::Replay {
                activity_pct,
                paths_pct,
                options,
            },
            Input::Log(log, sel),
        ) => {
            let drawing = draw_map(process_map(log, sel, activity_pct), paths_pct);
            let replay = analysis::replay(log, sel, &drawing.map, &drawing.kept, &options);
            Answer::Replay(Box::new(ReplayPage { drawing, replay }))
        }
        (Request::Replay { .. }, Input::Summary(doc)) => return Err(needs_cases(doc)),
    };
    Ok(Reply::Feature(answer))
}
