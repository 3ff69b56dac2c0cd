//! The filter stack shared by every view: its actions (set, add, remove, the dialog's values), the
//! chips bar, the dialog that builds a filter, and the values it lists (computed in the worker).

pub mod bar;
pub mod dialog;
pub mod values;

use super::state::{AppState, Event};
use super::worker::client;
use super::worker::protocol::CoreRequest;
use leptos::prelude::*;
use relance_engine::filter::{Filter, FilterItem, FilterStack};
use values::ValueSource;

impl AppState {
    /// Replaces the filter stack and refreshes the views.
    pub fn set_filters(self, stack: FilterStack) {
        self.filters.set(stack.clone());
        self.emit(&Event::FiltersSet);
        client::send(&CoreRequest::SetFilters { filters: stack }, None);
        self.refresh();
    }

    /// Adds a filter on top of the stack (`keep`: keep its cases, else remove them).
    pub fn add_filter(self, filter: Filter, keep: bool) {
        let mut stack = self.filters.get_untracked();
        stack.items.push(FilterItem { filter, keep });
        self.set_filters(stack);
    }

    /// Removes the filter at `index`.
    pub fn remove_filter(self, index: usize) {
        let mut stack = self.filters.get_untracked();
        if index < stack.items.len() {
            stack.items.remove(index);
        }
        self.set_filters(stack);
    }

    /// Asks for the values of a column, for the filter dialog.
    pub fn request_values(self, source: ValueSource) {
        self.values.set(None);
        self.values_request.send(&CoreRequest::Values { source });
    }
}
