//! Heatmaps as coloured tables: cells show a duration (or count) and click through to their cases.

use crate::components::export_buttons::TableCsv;
use crate::export;
use crate::format;
use crate::state::{add_filter, cell_cases, request_bottlenecks, use_app_state};
use crate::worker::protocol::HeatCell;
use leptos::prelude::*;
use relance_engine::analysis::bottleneck::{CalendarMeasure, GroupBy, TransitionStat};
use relance_engine::analysis::Stat;
use relance_engine::filter::{Filter, StepGroup};

/// Background for a position 0..1 on a scale: green (fast) → amber → red (slow).
pub fn heat_style(t: f64) -> String {
    if !t.is_finite() {
        return String::new();
    }
    let t = t.clamp(0.0, 1.0);
    let (r, g, b) = if t < 0.5 {
        let u = t * 2.0;
        (
            46.0 + (224.0 - 46.0) * u,
            158.0 + (161.0 - 158.0) * u,
            91.0 * (1.0 - u),
        )
    } else {
        let u = (t - 0.5) * 2.0;
        (
            224.0 + (209.0 - 224.0) * u,
            161.0 + (52.0 - 161.0) * u,
            56.0 * u,
        )
    };
    let ink = if t > 0.65 { "#fff" } else { "#10243a" };
    format!(
        "background: rgba({r:.0},{g:.0},{b:.0},{:.2}); color: {ink}",
        0.25 + 0.75 * t
    )
}

/// Whether a key press activates a focused cell (Enter or Space, as for a button).
fn activates(e: &web_sys::KeyboardEvent) -> bool {
    let hit = matches!(e.key().as_str(), "Enter" | " " | "Spacebar");
    if hit {
        // Space would scroll the page.
        e.prevent_default();
    }
    hit
}

/// Rank-based position of a value among others (robust to outliers).
fn ranker(mut values: Vec<f64>) -> impl Fn(f64) -> f64 {
    values.retain(|v| v.is_finite());
    values.sort_by(f64::total_cmp);
    move |v: f64| {
        if values.len() < 2 || !v.is_finite() {
            return 0.5;
        }
        values.partition_point(|&x| x < v) as f64 / (values.len() - 1) as f64
    }
}

fn stat_of(t: &TransitionStat, stat: Stat) -> f64 {
    match stat {
        Stat::Mean => t.mean_s,
        Stat::P90 => t.p90_s,
        Stat::Total => t.total_s,
        _ => t.median_s,
    }
}

fn follower(from: &str, to: &str) -> Filter {
    Filter::Follower {
        from: from.into(),
        to: to.into(),
        directly: true,
        within_s: None,
        after_s: None,
    }
}

/// The transition heatmap and its breakdown by an attribute.
#[component]
pub fn TransitionHeatmaps() -> impl IntoView {
    let s = use_app_state();
    let stat = RwSignal::new(Stat::Median);
    let export_csv = move |_| {
        let Some(b) = s.bottlenecks.get_untracked() else {
            return;
        };
        let rows = b.transitions.iter().chain(b.breakdown.iter()).map(|t| {
            vec![
                t.from.clone(),
                t.to.clone(),
                t.group.clone().unwrap_or_default(),
                t.count.to_string(),
                format!("{:.3}", t.median_s),
                format!("{:.3}", t.mean_s),
                format!("{:.3}", t.p90_s),
                format!("{:.3}", t.total_s),
            ]
        });
        let text = export::csv(
            &[
                "from", "to", "group", "count", "median_s", "mean_s", "p90_s", "total_s",
            ],
            rows,
        );
        export::download_text("bottlenecks.csv", "text/csv", &text);
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("hm-wait-title")}</h3>
                <div class="actions">
                    <label class="field inline"><span>{t!("hm-colour-by")}</span>
                        <select id="heatmap-stat" on:change=move |e| stat.set(match event_target_value(&e).as_str() {
                            "mean" => Stat::Mean, "p90" => Stat::P90, "total" => Stat::Total, _ => Stat::Median })>
                            <option value="median">{t!("hm-median")}</option>
                            <option value="mean">{t!("hm-mean")}</option>
                            <option value="p90">{t!("tile-p90")}</option>
                            <option value="total">{t!("hm-total")}</option>
                        </select>
                    </label>
                    <button class="button small" id="bottlenecks-export" on:click=export_csv>{t!("export-csv")}</button>
                </div>
            </div>
            <p class="muted">{t!("hm-hint")}</p>
            {move || s.bottlenecks.get().map(|b| {
                let st = stat.get();
                // Activities ordered by the impact of their steps.
                let mut froms: Vec<String> = Vec::new();
                let mut tos: Vec<String> = Vec::new();
                for t in b.transitions.iter().take(120) {
                    if !froms.contains(&t.from) { froms.push(t.from.clone()); }
                    if !tos.contains(&t.to) { tos.push(t.to.clone()); }
                }
                froms.truncate(25);
                tos.truncate(25);
                let rank = ranker(b.transitions.iter().map(|t| stat_of(t, st)).collect());
                let cells = b.transitions.clone();
                view! {
                    <div class="table-scroll heatmap-scroll">
                        <table class="heatmap" id="transition-heatmap">
                            <thead><tr><th scope="col">{t!("hm-from-to")}</th>
                                {tos.iter().map(|t| view! { <th scope="col" class="col-head"><span>{t.clone()}</span></th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {froms.iter().map(|f| {
                                    view! {
                                        <tr><th scope="row">{f.clone()}</th>
                                            {tos.iter().map(|t| {
                                                match cells.iter().find(|c| &c.from == f && &c.to == t) {
                                                    None => view! { <td class="empty"></td> }.into_any(),
                                                    Some(c) => {
                                                        let v = stat_of(c, st);
                                                        let (from, to) = (c.from.clone(), c.to.clone());
                                                        let act = move || add_filter(s, follower(&from, &to), true);
                                                        let act2 = act.clone();
                                                        let title = t!("hm-step-title", from = c.from.clone(), to = c.to.clone(), count = c.count, steps = format::count(c.count),
                                                            median = format::duration(c.median_s), mean = format::duration(c.mean_s), p90 = format::duration(c.p90_s), total = format::duration(c.total_s));
                                                        view! {
                                                            <td class="cell" style=heat_style(rank(v)) tabindex="0" role="button"
                                                                title=title.clone() aria-label=t!("hm-keep-step", title = title.clone())
                                                                data-from=c.from.clone() data-to=c.to.clone() data-csv=format::raw::seconds(v)
                                                                on:click=move |_| act()
                                                                on:keydown=move |e| if activates(&e) { act2() }>
                                                                <div class="v">{format::duration(v)}</div>
                                                                <div class="n">{format::count(c.count)}</div>
                                                            </td>
                                                        }.into_any()
                                                    }
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
        <BreakdownHeatmap stat=stat />
    }
}

/// Groups (attribute values or resources) × the slowest steps.
#[component]
fn BreakdownHeatmap(stat: RwSignal<Stat>) -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("hm-who-slow")} " " <TableCsv table="breakdown-heatmap" file="slow-steps-by-group.csv" /></h3>
                <label class="field inline"><span>{t!("hm-split")}</span>
                    <select id="breakdown-heatmap-by" on:change=move |e| {
                        let v = event_target_value(&e);
                        s.bottleneck_by.set(match v.as_str() {
                            "" => None,
                            "\u{1}resource" => Some(GroupBy::Resource),
                            name => Some(GroupBy::Attribute { name: name.to_string() }),
                        });
                        request_bottlenecks(s);
                    }>
                        <option value="">{t!("fd-choose")}</option>
                        <option value="\u{1}resource">{t!("hm-by-resource")}</option>
                        {move || s.bottlenecks.get().map(|b| b.attributes.iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view())}
                    </select>
                </label>
            </div>
            {move || s.bottlenecks.get().filter(|b| !b.breakdown.is_empty()).map(|b| {
                let st = stat.get();
                let mut steps: Vec<(String, String)> = Vec::new();
                let mut groups: Vec<(String, u64)> = Vec::new();
                for t in &b.breakdown {
                    if !steps.iter().any(|(f, to)| *f == t.from && *to == t.to) { steps.push((t.from.clone(), t.to.clone())); }
                    let g = t.group.clone().unwrap_or_default();
                    match groups.iter_mut().find(|(x, _)| *x == g) {
                        Some(e) => e.1 += t.count,
                        None => groups.push((g, t.count)),
                    }
                }
                groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                groups.truncate(30);
                let rank = ranker(b.breakdown.iter().map(|t| stat_of(t, st)).collect());
                let by = b.by.clone();
                let cells = b.breakdown.clone();
                view! {
                    <div class="table-scroll heatmap-scroll">
                        <table class="heatmap" id="breakdown-heatmap">
                            <thead><tr><th scope="col">{t!("hm-group-step")}</th>
                                {steps.iter().map(|(f, t)| view! { <th scope="col" class="col-head"><span>{format!("{f} → {t}")}</span></th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {groups.iter().map(|(g, _)| view! {
                                    <tr><th scope="row">{g.clone()}</th>
                                        {steps.iter().map(|(f, t)| match cells.iter().find(|c| &c.from == f && &c.to == t && c.group.as_deref() == Some(g)) {
                                            None => view! { <td class="empty"></td> }.into_any(),
                                            Some(c) => {
                                                let v = stat_of(c, st);
                                                // Exactly the cell's steps: the group is taken on the arriving event
                                                // (or the case), amount bands included, as the breakdown computed it.
                                                let step = Filter::Step {
                                                    from: f.clone(),
                                                    to: t.clone(),
                                                    group: by.clone().map(|by| StepGroup { by, value: g.clone() }),
                                                };
                                                let step2 = step.clone();
                                                let title = t!("hm-group-title", group = g.clone(), from = f.clone(), to = t.clone(), count = c.count, steps = format::count(c.count), median = format::duration(c.median_s));
                                                view! {
                                                    <td class="cell" style=heat_style(rank(v)) tabindex="0" role="button"
                                                        title=title.clone() aria-label=t!("hm-keep-steps", title = title.clone())
                                                        data-csv=format::raw::seconds(v)
                                                        on:click=move |_| add_filter(s, step.clone(), true)
                                                        on:keydown=move |e| if activates(&e) { add_filter(s, step2.clone(), true) }>
                                                        <div class="v">{format::duration(v)}</div>
                                                        <div class="n">{format::count(c.count)}</div>
                                                    </td>
                                                }.into_any()
                                            }
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}

const DAYS: [&str; 7] = [
    "day-mon", "day-tue", "day-wed", "day-thu", "day-fri", "day-sat", "day-sun",
];

/// Weekday × hour of day.
#[component]
pub fn CalendarHeatmapView() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("hm-cal-title")} " " <TableCsv table="calendar-heatmap" file="weekday-hour.csv" /></h3>
                <label class="field inline"><span>{t!("map-show")}</span>
                    <select id="calendar-measure" on:change=move |e| {
                        s.calendar_measure.set(if event_target_value(&e) == "wait" { CalendarMeasure::MedianWait } else { CalendarMeasure::Events });
                        request_bottlenecks(s);
                    }>
                        <option value="events" selected=move || s.calendar_measure.get() == CalendarMeasure::Events>{t!("hm-events")}</option>
                        <option value="wait" selected=move || s.calendar_measure.get() == CalendarMeasure::MedianWait>{t!("hm-wait-there")}</option>
                    </select>
                </label>
            </div>
            {move || s.bottlenecks.get().map(|b| {
                let cal = b.calendar.clone();
                let rank = ranker(cal.values.iter().flatten().copied().filter(|v| *v > 0.0).collect());
                let is_wait = cal.measure == CalendarMeasure::MedianWait;
                view! {
                    <div class="table-scroll">
                        <table class="heatmap calendar" id="calendar-heatmap">
                            <thead><tr><th scope="col">{t!("hm-day-hour")}</th>{(0..24).map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {(0..7usize).map(|d| view! {
                                    <tr><th scope="row">{t!(DAYS[d])}</th>
                                        {(0..24usize).map(|h| {
                                            let (n, v) = (cal.counts[d][h], cal.values[d][h]);
                                            if n == 0 {
                                                return view! { <td class="empty"></td> }.into_any();
                                            }
                                            let label = if is_wait { format::duration(v) } else { format::count(n) };
                                            let raw = if is_wait { format::raw::seconds(v) } else { n.to_string() };
                                            let title = if is_wait {
                                                t!("hm-cal-wait", day = t!(DAYS[d]), hour = h, count = n, events = format::count(n), wait = format::duration(v))
                                            } else {
                                                t!("hm-cal-events", day = t!(DAYS[d]), hour = h, count = n, events = format::count(n))
                                            };
                                            let act = move || cell_cases(s, HeatCell::Calendar { weekday: d as u32, hour: h as u32 });
                                            view! {
                                                <td class="cell" style=heat_style(rank(v)) tabindex="0" role="button" title=title.clone()
                                                    aria-label=t!("hm-keep-then", title = title.clone()) data-csv=raw
                                                    on:click=move |_| act()
                                                    on:keydown=move |e| if activates(&e) { act() }>
                                                    <div class="v small">{label}</div>
                                                </td>
                                            }.into_any()
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}

/// Resource × activity: median time until the case's next step.
#[component]
pub fn ResourceHeatmap() -> impl IntoView {
    let s = use_app_state();
    view! {
        <section class="panel">
            <div class="panel-head"><h3>{t!("hm-res-title")}</h3><TableCsv table="resource-heatmap" file="resource-activity.csv" /></div>
            {move || s.bottlenecks.get().map(|b| {
                let cells = b.resource_activity.clone();
                let mut resources: Vec<(String, u64)> = Vec::new();
                let mut activities: Vec<(String, u64)> = Vec::new();
                for c in &cells {
                    match resources.iter_mut().find(|(r, _)| *r == c.resource) { Some(e) => e.1 += c.count, None => resources.push((c.resource.clone(), c.count)) }
                    match activities.iter_mut().find(|(a, _)| *a == c.activity) { Some(e) => e.1 += c.count, None => activities.push((c.activity.clone(), c.count)) }
                }
                resources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                activities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                resources.truncate(30);
                activities.truncate(20);
                let rank = ranker(cells.iter().map(|c| c.median_s).collect());
                view! {
                    <div class="table-scroll heatmap-scroll">
                        <table class="heatmap" id="resource-heatmap">
                            <thead><tr><th scope="col">{t!("hm-res-act")}</th>
                                {activities.iter().map(|(a, _)| view! { <th scope="col" class="col-head"><span>{a.clone()}</span></th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {resources.iter().map(|(r, _)| view! {
                                    <tr><th scope="row">{r.clone()}</th>
                                        {activities.iter().map(|(a, _)| match cells.iter().find(|c| &c.resource == r && &c.activity == a) {
                                            None => view! { <td class="empty"></td> }.into_any(),
                                            Some(c) => {
                                                let (res, act) = (c.resource.clone(), c.activity.clone());
                                                let go = move || cell_cases(s, HeatCell::ResourceActivity { resource: res.clone(), activity: act.clone() });
                                                let go2 = go.clone();
                                                let title = t!("hm-res-cell", resource = r.clone(), activity = a.clone(), count = c.count, events = format::count(c.count), median = format::duration(c.median_s));
                                                view! {
                                                    <td class="cell" style=heat_style(rank(c.median_s)) tabindex="0" role="button"
                                                        title=title.clone() aria-label=t!("hm-keep-events", title = title.clone())
                                                        data-csv=format::raw::seconds(c.median_s)
                                                        on:click=move |_| go()
                                                        on:keydown=move |e| if activates(&e) { go2() }>
                                                        <div class="v">{format::duration(c.median_s)}</div>
                                                        <div class="n">{format::count(c.count)}</div>
                                                    </td>
                                                }.into_any()
                                            }
                                        }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}
