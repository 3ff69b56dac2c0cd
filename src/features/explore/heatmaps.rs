//! Heatmaps as coloured tables: steps by impact, the slowest steps by group, weekday × hour, resource ×
//! activity. Every cell shows a duration (or count), says what it is, and clicks (or Enter, Space)
//! through to its cases as a filter. One [`Heatmap`] draws them all, and exports each as CSV.

use super::protocol::HeatCell;
use super::state::use_explore;
use crate::components::data_table::{register_csv, TableHead};
use crate::core::export;
use crate::core::format;
use crate::core::options::options;
use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use relance_engine::analysis::bottleneck::{CalendarMeasure, GroupBy, TransitionStat};
use relance_engine::analysis::Stat;
use relance_engine::filter::{Filter, StepGroup};
use std::sync::Arc;

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

/// Rank-based position of a value among others (robust to outliers).
fn ranker(mut values: Vec<f64>) -> impl Fn(f64) -> f64 {
    values.retain(|v| v.is_finite());
    relance_engine::values::order::sort_by(&mut values, f64::total_cmp);
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

/// One filled cell of a heatmap.
pub struct Cell {
    /// Its place on the colour scale, 0..1.
    rank: f64,
    /// What it shows (a duration, a count).
    shown: String,
    /// How many steps or events are behind it, shown under the value.
    count: Option<u64>,
    /// Its value in the CSV.
    raw: String,
    /// What it is, in words (tooltip).
    title: String,
    /// What a click does, in words (accessible name).
    aria: String,
    /// Data attributes (`data-from`, `data-to`).
    data: Vec<(&'static str, String)>,
    /// What a click does.
    act: Arc<dyn Fn() + Send + Sync>,
}

impl Cell {
    /// A cell saying `title`; `aria` is the message key of what a click does with it.
    fn new(rank: f64, shown: String, raw: String, title: String, aria: &str) -> Cell {
        Cell {
            rank,
            shown,
            count: None,
            raw,
            aria: t!(aria, title = title.clone()),
            title,
            data: Vec::new(),
            act: Arc::new(|| {}),
        }
    }

    /// A duration in seconds and the number of steps or events behind it.
    fn duration(rank: f64, v: f64, count: u64, title: String, aria: &str) -> Cell {
        Cell {
            count: Some(count),
            ..Cell::new(
                rank,
                format::duration(v),
                format::raw::seconds(v),
                title,
                aria,
            )
        }
    }

    /// What a click (or Enter, Space) does.
    fn on(mut self, act: impl Fn() + Send + Sync + 'static) -> Cell {
        self.act = Arc::new(act);
        self
    }
}

/// A heatmap's rows: a label and a cell (or nothing) per column.
type Rows = Vec<(String, Vec<Option<Cell>>)>;

/// A heatmap's rows: for each row key its label, and for each column key its cell (or none).
fn grid<A, B>(
    rows: &[A],
    columns: &[B],
    label: impl Fn(&A) -> String,
    cell: impl Fn(&A, &B) -> Option<Cell>,
) -> Rows {
    rows.iter()
        .map(|a| (label(a), columns.iter().map(|b| cell(a, b)).collect()))
        .collect()
}

/// A heatmap table in its scrolling box: `corner` over the row labels, `columns` across; column heads turned upright when
/// `upright` (long activity names), the values smaller when `small` (24 hours a row).
#[component]
fn Heatmap(
    id: &'static str,
    #[prop(optional)] class: &'static str,
    corner: String,
    columns: Vec<String>,
    rows: Rows,
    #[prop(optional)] upright: bool,
    #[prop(optional)] small: bool,
) -> impl IntoView {
    // The CSV: the labels as shown, each cell's raw value (empty where there is none).
    let mut header: Vec<&str> = vec![&corner];
    header.extend(columns.iter().map(String::as_str));
    let lines = rows.iter().map(|(label, cells)| {
        let raw = cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.raw.clone()).unwrap_or_default());
        std::iter::once(label.clone()).chain(raw).collect()
    });
    let csv = export::csv(&header, lines);
    register_csv(id.to_string(), move || csv.clone());
    let head = columns
        .into_iter()
        .map(|c| {
            if upright {
                view! { <th scope="col" class="col-head"><span>{c}</span></th> }.into_any()
            } else {
                view! { <th scope="col">{c}</th> }.into_any()
            }
        })
        .collect_view();
    let value_class = if small { "v small" } else { "v" };
    let body = rows
        .into_iter()
        .map(|(label, cells)| {
            let cells = cells
                .into_iter()
                .map(|cell| match cell {
                    None => view! { <td class="empty"></td> }.into_any(),
                    Some(c) => {
                        let attrs: Vec<AnyAttribute> = c
                            .data
                            .into_iter()
                            .map(|(k, v)| custom_attribute(k, v).into_any_attr())
                            .collect();
                        let (act, act2) = (c.act.clone(), c.act);
                        view! {
                            <td class="cell" style=heat_style(c.rank) tabindex="0" role="button"
                                title=c.title aria-label=c.aria {..attrs}
                                on:click=move |_| act()
                                on:keydown=move |e| if activates(&e) { act2() }>
                                <div class=value_class>{c.shown}</div>
                                {c.count.map(|n| view! { <div class="n">{format::count(n)}</div> })}
                            </td>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{label}</th>{cells}</tr> }
        })
        .collect_view();
    let class = if class.is_empty() {
        "heatmap".to_string()
    } else {
        format!("heatmap {class}")
    };
    let scroll = if upright {
        "table-scroll heatmap-scroll"
    } else {
        "table-scroll"
    };
    view! {
        <div class=scroll>
            <table class=class id=id>
                <thead><tr><th scope="col">{corner}</th>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
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

/// Labels in order of first appearance, with the sum of a count per label, largest first.
fn ranked<T>(items: &[T], key: impl Fn(&T) -> String, count: impl Fn(&T) -> u64) -> Vec<String> {
    let mut totals: Vec<(String, u64)> = Vec::new();
    for it in items {
        let k = key(it);
        match totals.iter_mut().find(|(x, _)| *x == k) {
            Some(e) => e.1 += count(it),
            None => totals.push((k, count(it))),
        }
    }
    relance_engine::values::order::sort_by(&mut totals, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    totals.into_iter().map(|(k, _)| k).collect()
}

/// The transition heatmap and its breakdown by an attribute.
#[component]
pub fn TransitionHeatmaps() -> impl IntoView {
    let x = use_explore();
    let s = x.core;
    let stat = RwSignal::new(Stat::Median);
    let export_csv = move |_| {
        let Some(b) = x.bottlenecks.get_untracked() else {
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
    let heatmap = move || {
        x.bottlenecks.get().map(|b| {
            let st = stat.get();
            // Activities ordered by the impact of their steps.
            let mut froms: Vec<String> = Vec::new();
            let mut tos: Vec<String> = Vec::new();
            for t in b.transitions.iter().take(120) {
                if !froms.contains(&t.from) {
                    froms.push(t.from.clone());
                }
                if !tos.contains(&t.to) {
                    tos.push(t.to.clone());
                }
            }
            froms.truncate(25);
            tos.truncate(25);
            let rank = ranker(b.transitions.iter().map(|t| stat_of(t, st)).collect());
            let rows = grid(&froms, &tos, String::clone, |f, to| {
                            let c = b.transitions.iter().find(|c| &c.from == f && &c.to == to)?;
                            let v = stat_of(c, st);
                            let title = t!("hm-step-title", from = c.from.clone(), to = c.to.clone(), count = c.count, steps = format::count(c.count),
                                median = format::duration(c.median_s), mean = format::duration(c.mean_s), p90 = format::duration(c.p90_s), total = format::duration(c.total_s));
                            let filter = Filter::Follower {
                                from: c.from.clone(),
                                to: c.to.clone(),
                                directly: true,
                                within_s: None,
                                after_s: None,
                            };
                            let data = vec![("data-from", c.from.clone()), ("data-to", c.to.clone())];
                            let cell = Cell::duration(rank(v), v, c.count, title, "hm-keep-step");
                            Some(Cell { data, ..cell }.on(move || s.add_filter(filter.clone(), true)))
            });
            view! { <Heatmap id="transition-heatmap" corner=t!("hm-from-to") columns=tos rows=rows upright=true /> }
        })
    };
    view! {
        <section class="panel">
            <div class="panel-head">
                <h3>{t!("hm-wait-title")}</h3>
                <div class="actions">
                    <label class="field inline"><span>{t!("hm-colour-by")}</span>
                        <select id="heatmap-stat" on:change=move |e| stat.set(match event_target_value(&e).as_str() {
                            "mean" => Stat::Mean, "p90" => Stat::P90, "total" => Stat::Total, _ => Stat::Median })>
                            {options(&[("median", "hm-median"), ("mean", "hm-mean"), ("p90", "tile-p90"), ("total", "hm-total")])}
                        </select>
                    </label>
                    <button class="button small" id="bottlenecks-export" on:click=export_csv>{t!("export-csv")}</button>
                </div>
            </div>
            <p class="muted">{t!("hm-hint")}</p>
            {heatmap}
        </section>
        <BreakdownHeatmap stat=stat />
    }
}

/// Groups (attribute values or resources) × the slowest steps.
#[component]
fn BreakdownHeatmap(stat: RwSignal<Stat>) -> impl IntoView {
    let x = use_explore();
    let s = x.core;
    let pick = move |e: leptos::ev::Event| {
        let v = event_target_value(&e);
        x.bottleneck_by.set(match v.as_str() {
            "" => None,
            "\u{1}resource" => Some(GroupBy::Resource),
            name => Some(GroupBy::Attribute {
                name: name.to_string(),
            }),
        });
        x.request_bottlenecks();
    };
    let heatmap = move || {
        x.bottlenecks.get().filter(|b| !b.breakdown.is_empty()).map(|b| {
            let st = stat.get();
            let mut steps: Vec<(String, String)> = Vec::new();
            for t in &b.breakdown {
                if !steps.iter().any(|(f, to)| *f == t.from && *to == t.to) {
                    steps.push((t.from.clone(), t.to.clone()));
                }
            }
            let mut groups = ranked(&b.breakdown, |t| t.group.clone().unwrap_or_default(), |t| t.count);
            groups.truncate(30);
            let rank = ranker(b.breakdown.iter().map(|t| stat_of(t, st)).collect());
            let rows = grid(&groups, &steps, String::clone, |g, (f, to)| {
                            let c = b.breakdown.iter().find(|c| &c.from == f && &c.to == to && c.group.as_deref() == Some(g))?;
                            let v = stat_of(c, st);
                            // Exactly the cell's steps: the group is taken on the arriving event (or the
                            // case), amount bands included, as the breakdown computed it.
                            let step = Filter::Step {
                                from: f.clone(),
                                to: to.clone(),
                                group: b.by.clone().map(|by| StepGroup { by, value: g.clone() }),
                            };
                            let title = t!("hm-group-title", group = g.clone(), from = f.clone(), to = to.clone(), count = c.count, steps = format::count(c.count), median = format::duration(c.median_s));
                            let cell = Cell::duration(rank(v), v, c.count, title, "hm-keep-steps");
                            Some(cell.on(move || s.add_filter(step.clone(), true)))
            });
            let columns = steps.iter().map(|(f, t)| format!("{f} → {t}")).collect();
            view! { <Heatmap id="breakdown-heatmap" corner=t!("hm-group-step") columns=columns rows=rows upright=true /> }
        })
    };
    view! {
        <section class="panel">
            <TableHead title=t!("hm-who-slow") table="breakdown-heatmap" file="slow-steps-by-group.csv" label=t!("hm-split")>
                <select id="breakdown-heatmap-by" on:change=pick>
                    <option value="">{t!("fd-choose")}</option>
                    <option value="\u{1}resource">{t!("hm-by-resource")}</option>
                    {move || x.bottlenecks.get().map(|b| b.attributes.iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view())}
                </select>
            </TableHead>
            {heatmap}
        </section>
    }
}

const DAYS: [&str; 7] = [
    "day-mon", "day-tue", "day-wed", "day-thu", "day-fri", "day-sat", "day-sun",
];

/// Weekday × hour of day.
#[component]
pub fn CalendarHeatmapView() -> impl IntoView {
    let x = use_explore();
    let pick = move |e: leptos::ev::Event| {
        x.calendar_measure.set(if event_target_value(&e) == "wait" {
            CalendarMeasure::MedianWait
        } else {
            CalendarMeasure::Events
        });
        x.request_bottlenecks();
    };
    let heatmap = move || {
        x.bottlenecks.get().map(|b| {
            let cal = b.calendar;
            let rank = ranker(cal.values.iter().flatten().copied().filter(|v| *v > 0.0).collect());
            let is_wait = cal.measure == CalendarMeasure::MedianWait;
            let days: Vec<usize> = (0..7).collect();
            let hours: Vec<usize> = (0..24).collect();
            let rows = grid(&days, &hours, |&d| t!(DAYS[d]), |&d, &h| {
                            let (n, v) = (*cal.counts.get(d)?.get(h)?, *cal.values.get(d)?.get(h)?);
                            if n == 0 {
                                return None;
                            }
                            let day = t!(DAYS[d]);
                            let (shown, raw, title) = if is_wait {
                                let title = t!("hm-cal-wait", day = day, hour = h, count = n, events = format::count(n), wait = format::duration(v));
                                (format::duration(v), format::raw::seconds(v), title)
                            } else {
                                let title = t!("hm-cal-events", day = day, hour = h, count = n, events = format::count(n));
                                (format::count(n), n.to_string(), title)
                            };
                            let cell = HeatCell::Calendar { weekday: d as u32, hour: h as u32 };
                            let shown = Cell::new(rank(v), shown, raw, title, "hm-keep-then");
                            Some(shown.on(move || x.cell_cases(cell.clone())))
            });
            let hours = hours.iter().map(usize::to_string).collect();
            view! { <Heatmap id="calendar-heatmap" class="calendar" corner=t!("hm-day-hour") columns=hours rows=rows small=true /> }
        })
    };
    view! {
        <section class="panel">
            <TableHead title=t!("hm-cal-title") table="calendar-heatmap" file="weekday-hour.csv" label=t!("map-show")>
                    <select id="calendar-measure" on:change=pick>
                        <option value="events" selected=move || x.calendar_measure.get() == CalendarMeasure::Events>{t!("hm-events")}</option>
                        <option value="wait" selected=move || x.calendar_measure.get() == CalendarMeasure::MedianWait>{t!("hm-wait-there")}</option>
                    </select>
            </TableHead>
            {heatmap}
        </section>
    }
}

/// Resource × activity: median time until the case's next step.
#[component]
pub fn ResourceHeatmap() -> impl IntoView {
    let x = use_explore();
    let heatmap = move || {
        x.bottlenecks.get().map(|b| {
            let cells = b.resource_activity;
            let mut resources = ranked(&cells, |c| c.resource.clone(), |c| c.count);
            let mut activities = ranked(&cells, |c| c.activity.clone(), |c| c.count);
            resources.truncate(30);
            activities.truncate(20);
            let rank = ranker(cells.iter().map(|c| c.median_s).collect());
            let rows = grid(&resources, &activities, String::clone, |r, a| {
                            let c = cells.iter().find(|c| &c.resource == r && &c.activity == a)?;
                            let title = t!("hm-res-cell", resource = r.clone(), activity = a.clone(), count = c.count, events = format::count(c.count), median = format::duration(c.median_s));
                            let cell = HeatCell::ResourceActivity {
                                resource: c.resource.clone(),
                                activity: c.activity.clone(),
                            };
                            let shown = Cell::duration(rank(c.median_s), c.median_s, c.count, title, "hm-keep-events");
                            Some(shown.on(move || x.cell_cases(cell.clone())))
            });
            view! { <Heatmap id="resource-heatmap" corner=t!("hm-res-act") columns=activities rows=rows upright=true /> }
        })
    };
    view! {
        <section class="panel">
            <TableHead title=t!("hm-res-title") table="resource-heatmap" file="resource-activity.csv" />
            {heatmap}
        </section>
    }
}
