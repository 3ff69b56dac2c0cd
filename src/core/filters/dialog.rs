//! The filter builder: every filter kind of the engine, as a small form. The new filter goes on top of
//! the stack shared by every view.

use super::values::ValueSource;
use crate::core::format;
use crate::core::modal::use_modal;
use crate::core::options::options;
use crate::core::state::use_app_state;
use leptos::prelude::*;
use relance_engine::filter::{Filter, TimeMode};
use relance_engine::import::timestamp::parse_timestamp;
use relance_engine::import::DateOrder;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Timeframe,
    Attribute,
    Variants,
    Performance,
    Endpoints,
    Follower,
    Activities,
    Resources,
}

impl Kind {
    const ALL: [(Kind, &'static str); 8] = [
        (Kind::Activities, "fd-kind-activities"),
        (Kind::Attribute, "fd-kind-attribute"),
        (Kind::Timeframe, "fd-kind-timeframe"),
        (Kind::Performance, "fd-kind-performance"),
        (Kind::Variants, "fd-kind-variants"),
        (Kind::Endpoints, "fd-kind-endpoints"),
        (Kind::Follower, "fd-kind-follower"),
        (Kind::Resources, "fd-kind-resources"),
    ];
    fn key(self) -> &'static str {
        match self {
            Kind::Timeframe => "timeframe",
            Kind::Attribute => "attribute",
            Kind::Variants => "variants",
            Kind::Performance => "performance",
            Kind::Endpoints => "endpoints",
            Kind::Follower => "follower",
            Kind::Activities => "activities",
            Kind::Resources => "resources",
        }
    }
    fn source(self, attribute: &str) -> Option<ValueSource> {
        match self {
            Kind::Attribute if !attribute.is_empty() => Some(ValueSource::Attribute {
                name: attribute.to_string(),
            }),
            Kind::Endpoints | Kind::Follower | Kind::Activities => Some(ValueSource::Activity),
            Kind::Resources => Some(ValueSource::Resource),
            _ => None,
        }
    }
}

fn date_ms(s: &str) -> Option<i64> {
    parse_timestamp(s, DateOrder::Auto).map(|p| p.ms)
}

fn num(s: &str) -> Option<f64> {
    s.trim().replace(',', ".").parse().ok()
}

/// Every input of the form. Each kind reads only the inputs it shows, and all of them are reset when
/// the kind changes, so a number typed for one kind never leaks into another.
#[derive(Clone, Copy)]
struct Inputs {
    attribute: RwSignal<String>,
    picked: RwSignal<Vec<String>>,
    picked_end: RwSignal<Vec<String>>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    mode: RwSignal<String>,
    /// Attribute: numeric range.
    range_lo: RwSignal<String>,
    range_hi: RwSignal<String>,
    /// Variants.
    top_k: RwSignal<String>,
    min_cases: RwSignal<String>,
    /// Duration or size.
    dur_lo: RwSignal<String>,
    dur_hi: RwSignal<String>,
    events_lo: RwSignal<String>,
    events_hi: RwSignal<String>,
    /// Follower.
    directly: RwSignal<bool>,
    within: RwSignal<String>,
    after: RwSignal<String>,
}

impl Inputs {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Inputs {
            attribute: text(),
            picked: RwSignal::new(Vec::new()),
            picked_end: RwSignal::new(Vec::new()),
            from: text(),
            to: text(),
            mode: RwSignal::new("intersecting".to_string()),
            range_lo: text(),
            range_hi: text(),
            top_k: text(),
            min_cases: text(),
            dur_lo: text(),
            dur_hi: text(),
            events_lo: text(),
            events_hi: text(),
            directly: RwSignal::new(true),
            within: text(),
            after: text(),
        }
    }

    fn reset(&self) {
        for t in [
            self.attribute,
            self.from,
            self.to,
            self.range_lo,
            self.range_hi,
            self.top_k,
            self.min_cases,
            self.dur_lo,
            self.dur_hi,
            self.events_lo,
            self.events_hi,
            self.within,
            self.after,
        ] {
            t.set(String::new());
        }
        self.picked.set(Vec::new());
        self.picked_end.set(Vec::new());
        self.mode.set("intersecting".to_string());
        self.directly.set(true);
    }

    /// The filter the inputs of `kind` describe, or what is missing. `range_shown`: whether the
    /// attribute's numeric range inputs are on screen.
    fn build(&self, kind: Kind, range_shown: bool) -> Result<Filter, &'static str> {
        let get = |s: RwSignal<String>| s.get_untracked();
        let list = self.picked.get_untracked();
        Ok(match kind {
            Kind::Activities if list.is_empty() => return Err("fd-err-activity"),
            Kind::Activities => Filter::Activities { names: list },
            Kind::Resources if list.is_empty() => return Err("fd-err-resource"),
            Kind::Resources => Filter::Resources { names: list },
            Kind::Attribute => {
                let name = get(self.attribute);
                if name.is_empty() {
                    return Err("fd-err-attribute");
                }
                if !list.is_empty() {
                    Filter::Attribute { name, values: list }
                } else {
                    let (min, max) = if range_shown {
                        (num(&get(self.range_lo)), num(&get(self.range_hi)))
                    } else {
                        (None, None)
                    };
                    if min.is_none() && max.is_none() {
                        return Err("fd-err-values");
                    }
                    Filter::NumericRange { name, min, max }
                }
            }
            Kind::Timeframe => {
                let from_ms = date_ms(&get(self.from)).ok_or("fd-err-first-day")?;
                let to_ms = date_ms(&get(self.to)).ok_or("fd-err-last-day")? + 86_400_000;
                let m = match get(self.mode).as_str() {
                    "contained" => TimeMode::Contained,
                    "started" => TimeMode::Started,
                    "completed" => TimeMode::Completed,
                    "trim" => TimeMode::Trim,
                    _ => TimeMode::Intersecting,
                };
                Filter::Timeframe {
                    from_ms,
                    to_ms,
                    mode: m,
                }
            }
            Kind::Variants => match (num(&get(self.top_k)), num(&get(self.min_cases))) {
                (Some(_), Some(_)) => return Err("fd-err-variants-either"),
                (Some(k), None) => Filter::TopVariants {
                    k: k.max(1.0) as usize,
                },
                (None, Some(n)) => Filter::VariantMinCases {
                    n: n.max(1.0) as u64,
                },
                (None, None) => return Err("fd-err-variants"),
            },
            Kind::Performance => {
                let d = |v: String| num(&v).map(|x| x * 86_400.0);
                let (a, b) = (d(get(self.dur_lo)), d(get(self.dur_hi)));
                let (c, e) = (num(&get(self.events_lo)), num(&get(self.events_hi)));
                let duration = a.is_some() || b.is_some();
                let events = c.is_some() || e.is_some();
                match (duration, events) {
                    (true, true) => return Err("fd-err-perf-either"),
                    (true, false) => Filter::CaseDuration { min_s: a, max_s: b },
                    (false, true) => Filter::EventCount {
                        min: c.map(|x| x.max(0.0) as u64),
                        max: e.map(|x| x.max(0.0) as u64),
                    },
                    (false, false) => return Err("fd-err-perf"),
                }
            }
            Kind::Endpoints => {
                let ends = self.picked_end.get_untracked();
                if list.is_empty() && ends.is_empty() {
                    return Err("fd-err-endpoints");
                }
                Filter::Endpoints { starts: list, ends }
            }
            Kind::Follower => {
                let a = list.first().cloned().ok_or("fd-err-a")?;
                let b = self
                    .picked_end
                    .get_untracked()
                    .first()
                    .cloned()
                    .ok_or("fd-err-b")?;
                Filter::Follower {
                    from: a,
                    to: b,
                    directly: self.directly.get_untracked(),
                    within_s: num(&get(self.within)).map(|x| x * 86_400.0),
                    after_s: num(&get(self.after)).map(|x| x * 86_400.0),
                }
            }
        })
    }
}

/// The filter dialog, when open.
#[component]
pub fn FilterDialog() -> impl IntoView {
    let s = use_app_state();
    let kind = RwSignal::new(Kind::Activities);
    let keep = RwSignal::new(true);
    let inputs = Inputs::new();
    let Inputs {
        attribute,
        picked,
        picked_end,
        from,
        to,
        mode,
        range_lo,
        range_hi,
        top_k,
        min_cases,
        dur_lo,
        dur_hi,
        events_lo,
        events_hi,
        directly,
        within,
        after,
    } = inputs;
    let refresh_values = move || {
        s.values.set(None);
        if let Some(src) = kind.get_untracked().source(&attribute.get_untracked()) {
            s.request_values(src);
        }
    };
    let set_kind = move |k: Kind| {
        kind.set(k);
        inputs.reset();
        refresh_values();
    };
    // Each opening starts from a blank form.
    Effect::new(move |_| {
        if s.filter_dialog.get() {
            keep.set(true);
            set_kind(Kind::Activities);
        }
    });
    let close = Callback::new(move |_: ()| s.filter_dialog.set(false));
    use_modal(move || s.filter_dialog.get(), "filter-dialog", Some(close));
    let add = move |_| {
        let range_shown = s
            .values
            .with_untracked(|v| v.as_ref().is_some_and(|v| v.range.is_some()));
        match inputs.build(kind.get_untracked(), range_shown) {
            // The engine's checks on numbers (a window of `inf` or `1e300` days, a negative duration).
            Ok(f) if f.validate().is_err() => {
                let e = f
                    .validate()
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default();
                s.error.set(Some(t!("fd-check-numbers", what = e)));
            }
            Ok(f) => {
                s.add_filter(f, keep.get_untracked());
                s.filter_dialog.set(false);
                inputs.reset();
            }
            Err(what) => s.error.set(Some(t!("fd-fill-in", what = t!(what)))),
        }
    };
    let toggle = move |list: RwSignal<Vec<String>>, v: String, single: bool| {
        list.update(|l| {
            if let Some(i) = l.iter().position(|x| *x == v) {
                l.remove(i);
            } else {
                if single {
                    l.clear();
                }
                l.push(v);
            }
        })
    };
    let value_list = move |list: RwSignal<Vec<String>>, single: bool, label: &'static str| {
        view! {
            <fieldset class="value-list">
                <legend>{t!(label)}</legend>
                {move || s.values.get().map(|v| v.values.into_iter().map(|(value, cases)| {
                    let v2 = value.clone();
                    view! {
                        <label class="value">
                            <input type="checkbox" prop:checked=move || list.with(|l| l.contains(&v2))
                                on:change={ let value = value.clone(); move |_| toggle(list, value.clone(), single) } />
                            <span>{value.clone()}</span><span class="muted">{format!(" {}", format::count(cases))}</span>
                        </label>
                    }
                }).collect_view())}
            </fieldset>
        }
    };
    let text_input = move |id: &'static str, sig: RwSignal<String>, ty: &'static str| {
        view! {
            <input type=ty id=id prop:value=move || sig.get() on:input=move |e| sig.set(event_target_value(&e)) />
        }
    };
    // A labelled input of the form.
    let field =
        move |label: &'static str, id: &'static str, sig: RwSignal<String>, ty: &'static str| {
            view! { <label class="field"><span>{t!(label)}</span>{text_input(id, sig, ty)}</label> }
        };
    view! {
        <Show when=move || s.filter_dialog.get()>
            <div class="modal-backdrop" on:click=move |_| s.filter_dialog.set(false)>
                <div class="modal filter-dialog" role="dialog" aria-modal="true" aria-labelledby="filter-dialog-title" id="filter-dialog" on:click=|e| e.stop_propagation()>
                    <h2 id="filter-dialog-title">{t!("fd-title")}</h2>
                    <div class="filter-form">
                        <label class="field"><span>{t!("fd-kind")}</span>
                            <select id="filter-kind" prop:value=move || kind.get().key() on:change=move |e| {
                                let v = event_target_value(&e);
                                if let Some((k, _)) = Kind::ALL.iter().find(|(k, _)| k.key() == v) {
                                    set_kind(*k);
                                }
                            }>
                                {Kind::ALL.iter().map(|(k, label)| view! { <option value=k.key()>{t!(label)}</option> }).collect_view()}
                            </select>
                        </label>
                        <div class="segmented" role="group" aria-label=t!("fd-keep-or-remove")>
                            <button class:active=move || keep.get() aria-pressed=move || keep.get().to_string() on:click=move |_| keep.set(true) id="filter-keep">{t!("fd-keep")}</button>
                            <button class:active=move || !keep.get() aria-pressed=move || (!keep.get()).to_string() on:click=move |_| keep.set(false) id="filter-remove">{t!("fd-remove")}</button>
                        </div>
                        {move || match kind.get() {
                            Kind::Activities => value_list(picked, false, "fd-containing").into_any(),
                            Kind::Resources => value_list(picked, false, "fd-event-by").into_any(),
                            Kind::Attribute => view! {
                                <label class="field"><span>{t!("col-attribute")}</span>
                                    <select id="filter-attribute" prop:value=move || attribute.get() on:change=move |e| {
                                        attribute.set(event_target_value(&e));
                                        picked.set(Vec::new());
                                        range_lo.set(String::new());
                                        range_hi.set(String::new());
                                        refresh_values();
                                    }>
                                        <option value="">{t!("fd-choose")}</option>
                                        {move || s.loaded.get().map(|l| l.attributes.iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view())}
                                    </select>
                                </label>
                                {move || s.values.get().and_then(|v| v.range).map(|(a, b)| view! {
                                    <div class="row">
                                        <label class="field"><span>{t!("fd-range-from", min = a.to_string())}</span>{text_input("filter-range-min", range_lo, "text")}</label>
                                        <label class="field"><span>{t!("fd-range-to", max = b.to_string())}</span>{text_input("filter-range-max", range_hi, "text")}</label>
                                        <span class="muted">{t!("fd-or-tick")}</span>
                                    </div>
                                })}
                                {value_list(picked, false, "fd-values")}
                            }.into_any(),
                            Kind::Timeframe => view! {
                                <div class="row">
                                    <label class="field"><span>{t!("fd-from")}</span><input type="date" id="filter-from" prop:value=move || from.get() on:change=move |e| from.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>{t!("fd-to-inclusive")}</span><input type="date" id="filter-to" prop:value=move || to.get() on:change=move |e| to.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>{t!("col-cases")}</span>
                                        <select id="filter-mode" prop:value=move || mode.get() on:change=move |e| mode.set(event_target_value(&e))>
                                            {options(&[("intersecting", "fd-mode-intersecting"), ("contained", "fd-mode-contained"),
                                                ("started", "fd-mode-started"), ("completed", "fd-mode-completed"), ("trim", "fd-mode-trim")])}
                                        </select>
                                    </label>
                                </div>
                            }.into_any(),
                            Kind::Variants => view! {
                                <div class="row">
                                    {field("fd-top-k", "filter-topk", top_k, "number")}
                                    {field("fd-min-cases", "filter-min-cases", min_cases, "number")}
                                </div>
                            }.into_any(),
                            Kind::Performance => view! {
                                <div class="row">
                                    {field("fd-dur-from", "filter-dur-min", dur_lo, "text")}
                                    {field("fd-to-days", "filter-dur-max", dur_hi, "text")}
                                    {field("fd-events-from", "filter-events-min", events_lo, "number")}
                                    {field("fd-to", "filter-events-max", events_hi, "number")}
                                </div>
                            }.into_any(),
                            Kind::Endpoints => view! {
                                <div class="two-col">{value_list(picked, false, "fd-starts")}{value_list(picked_end, false, "fd-ends")}</div>
                            }.into_any(),
                            Kind::Follower => view! {
                                <div class="row">
                                    <label class="field checkbox"><input type="checkbox" id="filter-directly" prop:checked=move || directly.get() on:change=move |e| directly.set(event_target_checked(&e)) /><span>{t!("fd-directly")}</span></label>
                                    <label class="field"><span>{t!("fd-within")}</span>{text_input("filter-within", within, "text")}</label>
                                    <label class="field"><span>{t!("fd-after")}</span>{text_input("filter-after", after, "text")}</label>
                                </div>
                                <div class="two-col">{value_list(picked, true, "fd-a")}{value_list(picked_end, true, "fd-then-b")}</div>
                            }.into_any(),
                        }}
                    </div>
                    <div class="actions right">
                        <button class="button" on:click=move |_| s.filter_dialog.set(false)>{t!("cancel")}</button>
                        <button class="button primary" id="filter-add" on:click=add>{t!("fd-add")}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
