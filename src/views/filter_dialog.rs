//! The filter builder: every filter kind of the engine, as a small form. The new filter goes on top of
//! the stack shared by every view.

use crate::format;
use crate::state::{add_filter, request_values, use_app_state};
use crate::worker::protocol::ValueSource;
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
        (Kind::Activities, "Activity present"),
        (Kind::Attribute, "Attribute values"),
        (Kind::Timeframe, "Timeframe"),
        (Kind::Performance, "Duration or size"),
        (Kind::Variants, "Variants"),
        (Kind::Endpoints, "Start and end"),
        (Kind::Follower, "Follower (A then B)"),
        (Kind::Resources, "Resource"),
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

/// The filter dialog, when open.
#[component]
pub fn FilterDialog() -> impl IntoView {
    let s = use_app_state();
    let kind = RwSignal::new(Kind::Activities);
    let keep = RwSignal::new(true);
    let attribute = RwSignal::new(String::new());
    let picked = RwSignal::new(Vec::<String>::new());
    let picked_end = RwSignal::new(Vec::<String>::new());
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let mode = RwSignal::new("intersecting".to_string());
    let (lo, hi) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (lo2, hi2) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let directly = RwSignal::new(true);
    let refresh_values = move || {
        if let Some(src) = kind.get_untracked().source(&attribute.get_untracked()) {
            request_values(s, src);
        }
    };
    Effect::new(move |_| {
        if s.filter_dialog.get() {
            refresh_values();
        }
    });
    let build = move || -> Option<Filter> {
        let list = picked.get_untracked();
        Some(match kind.get_untracked() {
            Kind::Activities => Filter::Activities { names: list },
            Kind::Resources => Filter::Resources { names: list },
            Kind::Attribute => {
                let name = attribute.get_untracked();
                if name.is_empty() {
                    return None;
                }
                if !list.is_empty() {
                    Filter::Attribute { name, values: list }
                } else {
                    Filter::NumericRange {
                        name,
                        min: num(&lo.get_untracked()),
                        max: num(&hi.get_untracked()),
                    }
                }
            }
            Kind::Timeframe => {
                let from_ms = date_ms(&from.get_untracked())?;
                let to_ms = date_ms(&to.get_untracked())? + 86_400_000;
                let m = match mode.get_untracked().as_str() {
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
            Kind::Variants => match (num(&lo.get_untracked()), num(&hi.get_untracked())) {
                (Some(k), _) => Filter::TopVariants {
                    k: k.max(1.0) as usize,
                },
                (None, Some(n)) => Filter::VariantMinCases {
                    n: n.max(1.0) as u64,
                },
                _ => return None,
            },
            Kind::Performance => {
                let d = |v: String| num(&v).map(|x| x * 86_400.0);
                let (a, b) = (d(lo.get_untracked()), d(hi.get_untracked()));
                let (c, e) = (num(&lo2.get_untracked()), num(&hi2.get_untracked()));
                if a.is_some() || b.is_some() {
                    Filter::CaseDuration { min_s: a, max_s: b }
                } else {
                    Filter::EventCount {
                        min: c.map(|x| x as u64),
                        max: e.map(|x| x as u64),
                    }
                }
            }
            Kind::Endpoints => Filter::Endpoints {
                starts: list,
                ends: picked_end.get_untracked(),
            },
            Kind::Follower => {
                let (a, b) = (
                    list.first()?.clone(),
                    picked_end.get_untracked().first()?.clone(),
                );
                Filter::Follower {
                    from: a,
                    to: b,
                    directly: directly.get_untracked(),
                    within_s: num(&lo.get_untracked()).map(|x| x * 86_400.0),
                    after_s: num(&hi.get_untracked()).map(|x| x * 86_400.0),
                }
            }
        })
    };
    let add = move |_| match build() {
        Some(f) => {
            add_filter(s, f, keep.get_untracked());
            s.filter_dialog.set(false);
            picked.set(Vec::new());
            picked_end.set(Vec::new());
        }
        None => s.error.set(Some("fill in the filter first".into())),
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
                <legend>{label}</legend>
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
    view! {
        <Show when=move || s.filter_dialog.get()>
            <div class="modal-backdrop" on:click=move |_| s.filter_dialog.set(false)>
                <div class="modal filter-dialog" role="dialog" aria-label="Add a filter" id="filter-dialog" on:click=|e| e.stop_propagation()>
                    <h2>"Add a filter"</h2>
                    <div class="filter-form">
                        <label class="field"><span>"Kind"</span>
                            <select id="filter-kind" on:change=move |e| {
                                let v = event_target_value(&e);
                                if let Some((k, _)) = Kind::ALL.iter().find(|(k, _)| k.key() == v) {
                                    kind.set(*k);
                                    picked.set(Vec::new());
                                    picked_end.set(Vec::new());
                                    refresh_values();
                                }
                            }>
                                {Kind::ALL.iter().map(|(k, label)| view! { <option value=k.key()>{*label}</option> }).collect_view()}
                            </select>
                        </label>
                        <div class="segmented" role="group" aria-label="Keep or remove">
                            <button class:active=move || keep.get() on:click=move |_| keep.set(true) id="filter-keep">"Keep matching cases"</button>
                            <button class:active=move || !keep.get() on:click=move |_| keep.set(false) id="filter-remove">"Remove them"</button>
                        </div>
                        {move || match kind.get() {
                            Kind::Activities => value_list(picked, false, "Cases containing any of").into_any(),
                            Kind::Resources => value_list(picked, false, "Cases with an event by").into_any(),
                            Kind::Attribute => view! {
                                <label class="field"><span>"Attribute"</span>
                                    <select id="filter-attribute" on:change=move |e| { attribute.set(event_target_value(&e)); picked.set(Vec::new()); refresh_values(); }>
                                        <option value="">"(choose)"</option>
                                        {move || s.loaded.get().map(|l| l.attributes.iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view())}
                                    </select>
                                </label>
                                {move || s.values.get().and_then(|v| v.range).map(|(a, b)| view! {
                                    <div class="row">
                                        <label class="field"><span>{format!("From (min {a})")}</span><input type="text" prop:value=move || lo.get() on:input=move |e| lo.set(event_target_value(&e)) /></label>
                                        <label class="field"><span>{format!("To (max {b})")}</span><input type="text" prop:value=move || hi.get() on:input=move |e| hi.set(event_target_value(&e)) /></label>
                                        <span class="muted">"…or tick values below"</span>
                                    </div>
                                })}
                                {value_list(picked, false, "Values")}
                            }.into_any(),
                            Kind::Timeframe => view! {
                                <div class="row">
                                    <label class="field"><span>"From"</span><input type="date" id="filter-from" on:change=move |e| from.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"To (inclusive)"</span><input type="date" id="filter-to" on:change=move |e| to.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"Cases"</span>
                                        <select id="filter-mode" on:change=move |e| mode.set(event_target_value(&e))>
                                            <option value="intersecting">"intersecting the period"</option>
                                            <option value="contained">"contained in it"</option>
                                            <option value="started">"started in it"</option>
                                            <option value="completed">"completed in it"</option>
                                            <option value="trim">"trim events to it"</option>
                                        </select>
                                    </label>
                                </div>
                            }.into_any(),
                            Kind::Variants => view! {
                                <div class="row">
                                    <label class="field"><span>"Top k variants"</span><input type="number" min="1" id="filter-topk" on:input=move |e| lo.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"or variants with at least N cases"</span><input type="number" min="1" on:input=move |e| hi.set(event_target_value(&e)) /></label>
                                </div>
                            }.into_any(),
                            Kind::Performance => view! {
                                <div class="row">
                                    <label class="field"><span>"Duration from (days)"</span><input type="text" id="filter-dur-min" on:input=move |e| lo.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"to (days)"</span><input type="text" id="filter-dur-max" on:input=move |e| hi.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"or events from"</span><input type="number" on:input=move |e| lo2.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"to"</span><input type="number" on:input=move |e| hi2.set(event_target_value(&e)) /></label>
                                </div>
                            }.into_any(),
                            Kind::Endpoints => view! {
                                <div class="two-col">{value_list(picked, false, "Starts with")}{value_list(picked_end, false, "Ends with")}</div>
                            }.into_any(),
                            Kind::Follower => view! {
                                <div class="row">
                                    <label class="field checkbox"><input type="checkbox" prop:checked=move || directly.get() on:change=move |e| directly.set(event_target_checked(&e)) /><span>"directly (next event)"</span></label>
                                    <label class="field"><span>"within (days)"</span><input type="text" on:input=move |e| lo.set(event_target_value(&e)) /></label>
                                    <label class="field"><span>"after at least (days)"</span><input type="text" on:input=move |e| hi.set(event_target_value(&e)) /></label>
                                </div>
                                <div class="two-col">{value_list(picked, true, "A")}{value_list(picked_end, true, "then B")}</div>
                            }.into_any(),
                        }}
                    </div>
                    <div class="actions right">
                        <button class="button" on:click=move |_| s.filter_dialog.set(false)>"Cancel"</button>
                        <button class="button primary" id="filter-add" on:click=add>"Add filter"</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
