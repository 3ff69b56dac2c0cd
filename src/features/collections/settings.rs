//! The collections settings: the dunning window and the promise grace period, checked as the engine
//! checks them (finite, 0 to 3,650 days).

use super::state::use_collections;
use leptos::prelude::*;
use relance_engine::collections::facts::Basis;
use relance_engine::collections::CollectionsSettings;

/// Window, grace and rule-pack settings.
#[component]
pub fn CollectionsSettingsBar() -> impl IntoView {
    let c = use_collections();
    // The engine's check (finite, 0 to 3650 days): `inf` or `1e300` used to overflow the windows.
    let set_num = move |label: &str, f: fn(&mut CollectionsSettings, f64), v: String| {
        let checked = v
            .trim()
            .parse::<f64>()
            .map_err(|_| t!("not-a-number", label = label.to_string(), value = v.clone()))
            .and_then(|x| {
                relance_engine::validate::days_field(
                    label,
                    x,
                    relance_engine::validate::MAX_SETTING_DAYS,
                )
                .map(|_| x)
                // The engine's check, said in the interface's language.
                .map_err(|_| {
                    t!(
                        "setting-days-range",
                        label = label.to_string(),
                        max = crate::core::format::decimal(
                            relance_engine::validate::MAX_SETTING_DAYS,
                            0
                        ),
                        value = v.trim().to_string()
                    )
                })
            });
        match checked {
            Ok(x) => {
                c.settings.update(|st| f(st, x));
                c.request();
            }
            Err(m) => c.core.error.set(Some(m)),
        }
    };
    type Field = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        fn(&CollectionsSettings) -> f64,
        fn(&mut CollectionsSettings, f64),
    );
    let fields: [Field; 2] = [
        (
            "dunning-window",
            "window-days",
            "1",
            "120",
            |st| st.window_days,
            |st, x| st.window_days = x,
        ),
        (
            "promise-grace",
            "grace-days",
            "0",
            "60",
            |st| st.promise_grace_days,
            |st, x| st.promise_grace_days = x,
        ),
    ];
    view! {
        <div class="panel settings-bar">
            {fields.into_iter().map(|(label, id, min, max, get, set)| view! {
                <label class="field inline">
                    <span>{t!(label)}</span>
                    <input type="number" min=min max=max id=id
                        prop:value=move || get(&c.settings.get()).to_string()
                        on:change=move |e| set_num(&t!(label), set, event_target_value(&e)) />
                </label>
            }).collect_view()}
            <label class="field inline">
                <span>{t!("basis-label")}</span>
                <select id="basis-select" on:change=move |e| {
                    let basis = if event_target_value(&e) == "cash" { Basis::Cash } else { Basis::Ledger };
                    c.settings.update(|st| st.basis = basis);
                    c.request();
                }>
                    {[(Basis::Ledger, "basis-ledger"), (Basis::Cash, "basis-cash")].into_iter().map(|(b, label)| view! {
                        <option value=b.key() selected=move || c.settings.get().basis == b>{t!(label)}</option>
                    }).collect_view()}
                </select>
            </label>
            <span class="muted">{t!("follows-filters")}</span>
        </div>
    }
}
