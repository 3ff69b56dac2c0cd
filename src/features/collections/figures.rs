//! How the collections view words its figures: days, amounts (or invoice counts when the log has no
//! amounts), CEI points, and why a figure is not available, in the interface's language.

use crate::core::format;
use relance_engine::collections::availability::Unavailable;
use relance_engine::collections::{ActivityRole, CollectionsReport};

/// Days with one decimal: `3.2 d` (`3,2 j`).
pub fn days(x: f64) -> String {
    if x.is_finite() {
        t!("days-short", value = format::decimal(x, 1))
    } else {
        "–".into()
    }
}

/// A setting in days as the user typed it: `14`, `10.5` (`10,5` in French).
pub fn setting_days(x: f64) -> String {
    format::decimal(x, if x.fract() == 0.0 { 0 } else { 1 })
}

/// A figure already in percent (CEI): `87.5 %`.
pub fn percent_points(x: f64) -> String {
    if x.is_finite() {
        format!("{}\u{a0}%", format::decimal(x, 1))
    } else {
        "–".into()
    }
}

/// An amount in whole units, or a count of invoices when the log has no amounts.
pub fn money(x: f64, has_amounts: bool) -> String {
    if !has_amounts {
        return t!("invoices-short", count = format::count(x as u64));
    }
    if !x.is_finite() {
        return "–".into();
    }
    let whole = format::count(x.abs().round() as u64);
    if x < 0.0 {
        format!("−{whole}")
    } else {
        whole
    }
}

/// The raw value behind [`money`], for CSV exports.
pub fn money_raw(x: f64, has_amounts: bool) -> String {
    if has_amounts {
        format::raw::num(x, 2)
    } else {
        (x as u64).to_string()
    }
}

/// A count the engine may not have (its roles are not recognised: see the report's `unavailable`).
pub fn count_or_na(x: Option<u64>) -> String {
    x.map_or_else(|| t!("n-a"), format::count)
}

/// Why a figure is not available, from the report's list: the entry for the figure itself or for a
/// figure it belongs to (`kpis.credit` covers `kpis.credit.approved`).
pub fn na(r: &CollectionsReport, figure: &str) -> Option<String> {
    r.unavailable
        .iter()
        .find(|u| {
            u.figure == figure
                || figure
                    .strip_prefix(u.figure.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
        })
        .map(|u| t!("na-reason", why = reason(u)))
}

/// Why a figure is not available, in the interface's language: from the reason's code and roles
/// when the engine gives them, else the engine's English words.
fn reason(u: &Unavailable) -> String {
    use relance_engine::collections::availability::code;
    let roles = || {
        let names: Vec<String> = u
            .roles
            .iter()
            .map(|&r| match r {
                ActivityRole::Reminder { .. } => t!("role-reminder-any"),
                r => role_label(r).to_lowercase(),
            })
            .collect();
        names
            .into_iter()
            .reduce(|first, second| t!("roles-or", first = first, second = second))
            .unwrap_or_default()
    };
    let key = match u.code.as_str() {
        "" => return u.reason.clone(),
        code::NOT_RECOGNISED => return t!("na-not-recognised", roles = roles()),
        code::NO_DUE_DATE => return t!("na-no-due-date", roles = roles()),
        code::NEVER_CLOSES => return t!("na-never-closes", roles = roles()),
        other => format!("na-{}", other.replace('_', "-")),
    };
    match t!(&key) {
        // A code this version of the app does not know: the engine's words.
        text if text == key => u.reason.clone(),
        text => text,
    }
}

/// An activity role in words, in the interface's language.
pub fn role_label(r: ActivityRole) -> String {
    match r {
        ActivityRole::Reminder { level } => t!("role-reminder", level = level.to_string()),
        r => t!(&format!("role-{}", r.key())),
    }
}
