//! The options of a choice: each a value and the message key of its label, in the interface's
//! language.

use leptos::prelude::*;

/// `<option>`s from `(value, message key)` pairs.
pub fn options(items: &'static [(&'static str, &'static str)]) -> impl IntoView {
    items
        .iter()
        .map(|(value, key)| view! { <option value=*value>{t!(key)}</option> })
        .collect_view()
}
