//! The variants table's state: the rows, the ticked variants and their cases.

use super::protocol::{Answer, Request, VariantRow};
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event};
use leptos::prelude::*;

/// The variants table's signals.
#[derive(Clone, Copy)]
pub struct VariantsState {
    /// Variant rows and the total number of variants.
    pub rows: RwSignal<Option<(Vec<VariantRow>, usize)>>,
    /// Ranks of the variants ticked in the table.
    pub picked: RwSignal<Vec<u32>>,
    /// Cases of the ticked variants (ids, total).
    pub cases: RwSignal<Option<(Vec<String>, usize)>>,
    rows_request: Latest,
    cases_request: Latest,
}

/// Creates the variants table's state, provides it, and follows the core.
pub fn provide(s: AppState) -> VariantsState {
    let v = VariantsState {
        rows: RwSignal::new(None),
        picked: RwSignal::new(Vec::new()),
        cases: RwSignal::new(None),
        rows_request: Latest::default(),
        cases_request: Latest::default(),
    };
    provide_context(v);
    s.listen(move |e| match e {
        Event::NewLog(_) | Event::FiltersSet => {
            v.picked.set(Vec::new());
            v.cases.set(None);
        }
        Event::Refresh { .. } => {
            v.rows_request.send(&Request::Variants);
        }
        _ => {}
    });
    v
}

/// The variants table's state.
pub fn use_variants() -> VariantsState {
    expect_context::<VariantsState>()
}

impl VariantsState {
    /// Ticks or unticks a variant and asks for the cases of the ticked ones.
    pub fn toggle(self, rank: u32) {
        self.picked.update(|p| {
            if let Some(i) = p.iter().position(|&r| r == rank) {
                p.remove(i);
            } else {
                p.push(rank);
            }
        });
        let ranks = self.picked.get_untracked();
        if ranks.is_empty() {
            self.cases.set(None);
            return;
        }
        self.cases_request
            .send(&Request::VariantCases { ranks, limit: 500 });
    }

    /// The variants table's answers.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Variants { rows, total } => {
                self.rows_request.show(id, self.rows, (rows, total))
            }
            Answer::Cases { ids, total } => self.cases_request.show(id, self.cases, (ids, total)),
        }
    }
}
