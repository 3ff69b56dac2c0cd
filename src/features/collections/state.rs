//! The collections view's state: the measures, their settings, the rule packs, the role overrides, the
//! breakdown attribute and the aging date.

use super::protocol::{Answer, CollectionsPage, Drill, Request};
use crate::core::latest::Latest;
use crate::core::state::{AppState, Event, Tab};
use leptos::prelude::*;
use relance_engine::collections::compliance::{RulePack, BUILTIN_PACKS_JSON};
use relance_engine::collections::{CollectionsSettings, RoleMap};

/// The collections view's signals.
#[derive(Clone, Copy)]
pub struct CollectionsState {
    /// The core.
    pub core: AppState,
    /// The collections measures.
    pub page: RwSignal<Option<CollectionsPage>>,
    /// Their settings.
    pub settings: RwSignal<CollectionsSettings>,
    /// Rule packs and whether each is on.
    pub packs: RwSignal<Vec<(RulePack, bool)>>,
    /// Role overrides made in the app (or loaded from a mapping file).
    pub mapping_override: RwSignal<Option<RoleMap>>,
    /// Attribute the breakdown is by.
    pub breakdown_by: RwSignal<Option<String>>,
    /// Aging date.
    pub aging_at: RwSignal<Option<i64>>,
    request: Latest,
}

/// Creates the collections view's state, provides it, and follows the core.
pub fn provide(s: AppState) -> CollectionsState {
    let c = CollectionsState {
        core: s,
        page: RwSignal::new(None),
        settings: RwSignal::new(CollectionsSettings::default()),
        packs: RwSignal::new(
            BUILTIN_PACKS_JSON
                .iter()
                .filter_map(|t| super::compliance::read_pack(t).ok())
                .map(|p| (p, true))
                .collect(),
        ),
        mapping_override: RwSignal::new(None),
        breakdown_by: RwSignal::new(None),
        aging_at: RwSignal::new(None),
        request: Latest::default(),
    };
    provide_context(c);
    s.listen(move |e| match e {
        Event::NewLog(_) => {
            c.page.set(None);
            c.mapping_override.set(None);
            c.breakdown_by.set(None);
            c.aging_at.set(None);
        }
        Event::Refresh { stopped } => {
            let wanted = s.keeps_up(Tab::Collections, c.page.with_untracked(Option::is_some));
            c.request.resend(&c.request_now(), wanted, *stopped);
        }
        _ => {}
    });
    c
}

/// The collections view's state.
pub fn use_collections() -> CollectionsState {
    expect_context::<CollectionsState>()
}

impl CollectionsState {
    /// Asks the worker for every violation as CSV (downloaded when it comes).
    pub fn violations_csv(self) {
        let Request::Collections {
            mapping,
            settings,
            packs,
            ..
        } = self.request_now()
        else {
            return;
        };
        self.core.drill.send(&Request::ViolationsCsv {
            mapping,
            settings,
            packs,
        });
    }

    fn request_now(self) -> Request {
        Request::Collections {
            mapping: self.mapping_override.get_untracked(),
            settings: self.settings.get_untracked(),
            packs: self
                .packs
                .get_untracked()
                .into_iter()
                .filter(|(_, on)| *on)
                .map(|(p, _)| p)
                .collect(),
            breakdown: self.breakdown_by.get_untracked(),
            aging_at_ms: self.aging_at.get_untracked(),
        }
    }

    /// Asks for the collections measures with the current settings, packs and mapping.
    pub fn request(self) {
        self.request.send(&self.request_now());
    }

    /// Turns the cases behind a collections figure into a filter.
    pub fn drill(self, drill: Drill) {
        self.core.drill.send(&Request::Drill { drill });
    }

    /// The collections view's answer.
    pub fn on_answer(self, id: u64, answer: Answer) {
        match answer {
            Answer::Page(page) => self.request.show(id, self.page, *page),
            Answer::ViolationsCsv(csv) => {
                crate::core::export::download_text("violations.csv", "text/csv", &csv)
            }
        }
    }
}
