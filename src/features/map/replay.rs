//! Case replay on the map: tokens drawn on a canvas over the SVG, moved by the page's frame clock.
//!
//! The worker computes the moves (`relance_engine::analysis::replay`: which case goes along which path
//! when); this module only places them. Each frame scans the moves that have started (they are sorted
//! by start time), puts each token at its share of its path, merges tokens that overlap into one disc
//! with a count, and warms each activity by the tokens on their way to it (the queue). Recording draws
//! the same frames, over a picture of the map, into a second canvas whose stream a `MediaRecorder`
//! turns into a WebM video.

use super::protocol::ReplayPage;
use super::render::{curve_points, map_svg, Drawn};
use super::state::{use_map, MapMode};
use super::view::View;
use crate::core::export;
use crate::core::format;
use crate::core::state::use_app_state;
use leptos::html;
use leptos::prelude::*;
use relance_engine::analysis::replay::NO_PATH;
use relance_engine::analysis::{NodeKind, Replay, ReplayColour};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// Seconds of screen time the whole replay takes at 1x.
const BASE_SECONDS: f64 = 60.0;
/// Tokens closer than this (drawing units) are drawn as one disc with their count.
const MERGE: f64 = 9.0;
/// Colours of the classes (the last one for "other").
const CLASS_COLOURS: [&str; 8] = [
    "#1f77b4", "#e6550d", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2", "#7f7f7f",
];

/// Points along a path, and the length of the path up to each of them.
type Sampled = (Vec<(f64, f64)>, Vec<f64>);

/// The frame callback, which schedules itself again.
type FrameLoop = Rc<RefCell<Option<Closure<dyn FnMut(f64)>>>>;

/// A disc of merged tokens: x and y sums, count, count per colour class.
type Cell = (f64, f64, u32, [u32; 8]);

/// Points along each drawn path, with their cumulative lengths.
struct Geometry {
    paths: Vec<Sampled>,
    nodes: Vec<(f64, f64)>,
}

impl Geometry {
    fn new(d: &Drawn) -> Geometry {
        let paths = d
            .layout
            .edges
            .iter()
            .map(|e| {
                let pts = if e.self_loop {
                    e.points.clone()
                } else {
                    curve_points(&e.points, 10)
                };
                let mut acc = vec![0.0];
                for w in pts.windows(2) {
                    let l = ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
                    acc.push(acc[acc.len() - 1] + l);
                }
                (pts, acc)
            })
            .collect();
        let nodes = d.layout.nodes.iter().map(|n| (n.x, n.y)).collect();
        Geometry { paths, nodes }
    }

    /// Where a token is at share `f` (0..1) of its move.
    fn at(&self, path: u32, from: u32, to: u32, f: f64) -> Option<(f64, f64)> {
        if path != NO_PATH {
            let (pts, acc) = self.paths.get(path as usize)?;
            let total = *acc.last()?;
            if pts.len() < 2 || total <= 0.0 {
                return pts.first().copied();
            }
            let want = f * total;
            let i = acc.partition_point(|&a| a < want).clamp(1, pts.len() - 1);
            let (a, b) = (pts[i - 1], pts[i]);
            let seg = (acc[i] - acc[i - 1]).max(1e-9);
            let t = ((want - acc[i - 1]) / seg).clamp(0.0, 1.0);
            return Some((a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t));
        }
        let (a, b) = (self.nodes.get(from as usize)?, self.nodes.get(to as usize)?);
        Some((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f))
    }
}

/// Everything a frame needs, kept out of the reactive graph (it changes 60 times a second).
struct Player {
    replay: Replay,
    drawing: Drawn,
    geometry: Geometry,
    clock: f64,
    t_first: f64,
    playing: bool,
    last_ms: Option<f64>,
    recorder: Option<Recording>,
}

struct Recording {
    canvas: HtmlCanvasElement,
    map: HtmlImageElement,
    recorder: web_sys::MediaRecorder,
    _chunks: Rc<RefCell<Vec<web_sys::Blob>>>,
    _on_data: Closure<dyn FnMut(web_sys::BlobEvent)>,
    _on_stop: Closure<dyn FnMut()>,
}

impl Recording {
    /// Stops the recorder; the video is saved when its last data arrives (`onstop`), so the
    /// handlers must outlive this value: they are handed to JavaScript (a few bytes per recording).
    fn finish(self) {
        let _ = self.recorder.stop();
        self._on_data.forget();
        self._on_stop.forget();
    }
}

/// Draws one frame of tokens at time `t` on `ctx`, already transformed to drawing units.
fn draw_tokens(ctx: &CanvasRenderingContext2d, p: &Player, t: f64) {
    let r = &p.replay;
    let started = r.start_s.partition_point(|&s| s <= t);
    // Cells of merged tokens: (x sum, y sum, count, count per class).
    let mut cells: HashMap<(i64, i64), Cell> = HashMap::new();
    let mut queue = vec![0u32; p.geometry.nodes.len()];
    for i in 0..started {
        let (s, e) = (r.start_s[i], r.end_s[i]);
        if e <= t {
            continue;
        }
        let f = if e > s { (t - s) / (e - s) } else { 1.0 };
        let Some((x, y)) = p.geometry.at(r.path[i], r.from[i], r.to[i], f) else {
            continue;
        };
        if let Some(q) = queue.get_mut(r.to[i] as usize) {
            *q += 1;
        }
        let key = ((x / MERGE).floor() as i64, (y / MERGE).floor() as i64);
        let cell = cells.entry(key).or_insert((0.0, 0.0, 0, [0; 8]));
        cell.0 += x;
        cell.1 += y;
        cell.2 += 1;
        cell.3[(r.class[i] as usize).min(7)] += 1;
    }
    // Queue heat: a warm halo behind each activity, by the tokens on their way to it.
    let busiest = queue.iter().copied().max().unwrap_or(0).max(1) as f64;
    for (n, &q) in queue.iter().enumerate() {
        let kind = p.drawing.map.nodes.get(n).map(|n| n.kind);
        if q == 0 || kind != Some(NodeKind::Activity) {
            continue;
        }
        let Some(node) = p.drawing.layout.nodes.get(n) else {
            continue;
        };
        let heat = (q as f64 / busiest).sqrt();
        ctx.set_stroke_style_str(&format!("rgba(230, 97, 1, {:.2})", 0.25 + 0.6 * heat));
        ctx.set_line_width(2.0 + 8.0 * heat);
        ctx.stroke_rect(
            node.x - node.w / 2.0 - 5.0,
            node.y - node.h / 2.0 - 5.0,
            node.w + 10.0,
            node.h + 10.0,
        );
    }
    let mut cells: Vec<_> = cells.into_values().collect();
    // Big crowds last, so they stay readable.
    relance_engine::values::order::sort_by_key(&mut cells, |c| c.2);
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    ctx.set_font("600 10px system-ui, sans-serif");
    for (sx, sy, n, by_class) in cells {
        let (x, y) = (sx / n as f64, sy / n as f64);
        let class = by_class
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| **c)
            .map(|(k, _)| k)
            .unwrap_or(0);
        let radius = 4.5 + 2.2 * (n as f64).log2();
        ctx.begin_path();
        let _ = ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(CLASS_COLOURS[class]);
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(1.2);
        ctx.stroke();
        if n > 1 {
            ctx.set_fill_style_str("#ffffff");
            let _ = ctx.fill_text(&n.to_string(), x, y + 0.5);
        }
    }
}

/// The time shown under the scrubber.
fn clock_label(r: &Replay, t: f64) -> String {
    if r.relative {
        t!("replay-day", day = format::decimal(t / 86_400.0, 1))
    } else {
        format::datetime(r.t0_ms + (t * 1000.0) as i64)
    }
}

/// The replay's shared state: the player (outside the reactive graph) and what the controls show.
#[derive(Clone, Copy)]
pub struct ReplayUi {
    player: StoredValue<Rc<RefCell<Option<Player>>>, LocalStorage>,
    playing: RwSignal<bool>,
    recording: RwSignal<bool>,
    /// 0..1000 on the scrubber.
    position: RwSignal<f64>,
    label: RwSignal<String>,
    /// log10 of the speed: -1..2 (0.1x to 100x).
    speed_log: RwSignal<f64>,
}

impl ReplayUi {
    /// A stopped player; it takes every replay the worker sends.
    // Not `Default`: it reads the map's state from the component's context.
    #[allow(clippy::new_without_default)]
    pub fn new() -> ReplayUi {
        let m = use_map();
        let ui = ReplayUi {
            player: StoredValue::new_local(Rc::new(RefCell::new(None))),
            playing: RwSignal::new(false),
            recording: RwSignal::new(false),
            position: RwSignal::new(0.0),
            label: RwSignal::new(String::new()),
            speed_log: RwSignal::new(0.0),
        };
        // New moves from the worker: keep the clock's share of the span, reset the geometry.
        Effect::new(move |_| {
            let Some(ReplayPage { drawing, replay }) = m.replay.get() else {
                return;
            };
            let p = ui.player.get_value();
            let mut slot = p.borrow_mut();
            let share = slot
                .as_ref()
                .map(|old| (old.clock - old.t_first) / (old.replay.span_s - old.t_first).max(1e-9))
                .unwrap_or(0.0)
                .clamp(0.0, 1.0);
            let t_first = replay.start_s.first().copied().unwrap_or(0.0).min(0.0);
            let clock = t_first + share * (replay.span_s - t_first);
            ui.label.set(clock_label(&replay, clock));
            let recorder = slot.as_mut().and_then(|old| old.recorder.take());
            *slot = Some(Player {
                geometry: Geometry::new(&drawing),
                replay,
                drawing,
                clock,
                t_first,
                playing: ui.playing.get_untracked(),
                last_ms: None,
                recorder,
            });
        });
        ui
    }

    fn with<R>(&self, f: impl FnOnce(&mut Player) -> R) -> Option<R> {
        let p = self.player.get_value();
        let mut slot = p.borrow_mut();
        slot.as_mut().map(f)
    }
}

/// The canvas over the map's viewport, and the frame loop that paints it.
#[component]
pub fn ReplayCanvas(
    /// The player.
    ui: ReplayUi,
    /// The map's pan and zoom.
    view_state: RwSignal<View>,
) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let frame: FrameLoop = Rc::new(RefCell::new(None));
    let alive = Rc::new(std::cell::Cell::new(true));
    {
        let frame2 = frame.clone();
        let alive2 = alive.clone();
        *frame.borrow_mut() = Some(Closure::new(move |now_ms: f64| {
            if !alive2.get() {
                return;
            }
            if let Some(c) = canvas.get_untracked() {
                ui.with(|p| {
                    let span = (p.replay.span_s - p.t_first).max(1e-9);
                    if p.playing {
                        if let Some(last) = p.last_ms {
                            let dt = (now_ms - last).clamp(0.0, 250.0) / 1000.0;
                            let speed = 10f64.powf(ui.speed_log.get_untracked());
                            p.clock += dt * speed * span / BASE_SECONDS;
                            if p.clock >= p.replay.span_s {
                                p.clock = p.replay.span_s;
                                p.playing = false;
                                ui.playing.set(false);
                            }
                        }
                        p.last_ms = Some(now_ms);
                        ui.position
                            .set(((p.clock - p.t_first) / span * 1000.0).round());
                        ui.label.set(clock_label(&p.replay, p.clock));
                    } else {
                        p.last_ms = None;
                    }
                    paint(&c, p, view_state.get_untracked());
                });
            }
            if let Some(cb) = frame2.borrow().as_ref() {
                let _ = web_sys::window()
                    .map(|w| w.request_animation_frame(cb.as_ref().unchecked_ref()));
            }
        }));
        if let Some(cb) = frame.borrow().as_ref() {
            let _ =
                web_sys::window().map(|w| w.request_animation_frame(cb.as_ref().unchecked_ref()));
        }
    }
    // The handles are not Send: keep them in the owner's local storage for the cleanup.
    let held = StoredValue::new_local((alive, frame));
    on_cleanup(move || {
        held.try_with_value(|(alive, _)| alive.set(false));
        ui.with(|p| {
            if let Some(r) = p.recorder.take() {
                r.finish();
            }
            p.playing = false;
        });
        ui.playing.set(false);
        ui.recording.set(false);
    });
    view! {
        <canvas class="replay-canvas" node_ref=canvas aria-hidden="true"></canvas>
        <output class="replay-stamp" id="replay-stamp">{move || ui.label.get()}</output>
    }
}

/// The replay's controls, in the map's side panel.
#[component]
pub fn ReplayControls(
    /// The player.
    ui: ReplayUi,
) -> impl IntoView {
    let s = use_app_state();
    let m = use_map();
    let toggle = move |_| {
        ui.with(|p| {
            if p.clock >= p.replay.span_s {
                p.clock = p.t_first;
            }
            p.playing = !p.playing;
            ui.playing.set(p.playing);
        });
    };
    let scrub = move |e: leptos::ev::Event| {
        let v: f64 = event_target_value(&e).parse().unwrap_or(0.0);
        ui.position.set(v);
        ui.with(|p| {
            p.clock = p.t_first + v / 1000.0 * (p.replay.span_s - p.t_first);
            ui.label.set(clock_label(&p.replay, p.clock));
        });
    };
    let record = move |_| {
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".replay-canvas").ok().flatten())
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok());
        let outcome = ui.with(|p| {
            if let Some(r) = p.recorder.take() {
                r.finish();
                ui.recording.set(false);
                return Ok(());
            }
            let c = canvas.ok_or("the replay cannot be recorded: no canvas")?;
            let r = start_recording(&c, &p.drawing, m.settings.get_untracked().mode)?;
            p.recorder = Some(r);
            ui.recording.set(true);
            if !p.playing {
                p.playing = true;
                ui.playing.set(true);
            }
            Ok::<(), String>(())
        });
        if let Some(Err(m)) = outcome {
            s.error.set(Some(m));
        }
    };
    let attributes = move || {
        s.loaded
            .with(|l| l.as_ref().map(|l| l.attributes.clone()).unwrap_or_default())
    };
    let colour_value = move || match m.replay_options.get().colour {
        None => String::new(),
        Some(ReplayColour::Attribute { name }) => format!("a:{name}"),
        Some(ReplayColour::PassesThrough { activity }) => format!("p:{activity}"),
    };
    let activities = move || {
        m.replay.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.drawing
                        .map
                        .nodes
                        .iter()
                        .filter(|n| n.kind == NodeKind::Activity)
                        .map(|n| n.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="panel replay-bar" id="replay-bar" aria-label=t!("replay-aria")>
            <div class="replay-row">
                <button class="button small" id="replay-play" on:click=toggle aria-pressed=move || ui.playing.get().to_string()>
                    {move || if ui.playing.get() { t!("replay-pause") } else { t!("replay-play") }}
                </button>
                <output id="replay-clock" class="clock">{move || ui.label.get()}</output>
            </div>
            <input type="range" id="replay-time" min="0" max="1000" step="1" aria-label=t!("replay-time")
                prop:value=move || ui.position.get().to_string() on:input=scrub />
            <label class="field slider">
                <span>{move || t!("replay-speed", speed = speed_text(ui.speed_log.get()))}</span>
                <input type="range" id="replay-speed" min="-1" max="2" step="0.05" aria-label=t!("replay-speed-label")
                    prop:value=move || ui.speed_log.get().to_string()
                    on:input=move |e| ui.speed_log.set(event_target_value(&e).parse().unwrap_or(0.0)) />
            </label>
            <label class="field">
                <span>{t!("replay-time-mode")}</span>
                <select id="replay-mode" on:change=move |e| {
                    let relative = event_target_value(&e) == "relative";
                    m.replay_options.update(|o| o.relative = relative);
                    m.request_replay();
                }>
                    <option value="absolute" selected=move || !m.replay_options.get().relative>{t!("replay-real-time")}</option>
                    <option value="relative" selected=move || m.replay_options.get().relative>{t!("replay-relative")}</option>
                </select>
            </label>
            <label class="field">
                <span>{t!("replay-colour-by")}</span>
                <select id="replay-colour" prop:value=colour_value on:change=move |e| {
                    let v = event_target_value(&e);
                    let colour = if let Some(name) = v.strip_prefix("a:") {
                        Some(ReplayColour::Attribute { name: name.to_string() })
                    } else {
                        v.strip_prefix("p:").map(|a| ReplayColour::PassesThrough { activity: a.to_string() })
                    };
                    m.replay_options.update(|o| o.colour = colour);
                    m.request_replay();
                }>
                    <option value="">{t!("replay-one-colour")}</option>
                    <optgroup label=t!("replay-by-attribute")>
                        {move || attributes().into_iter().map(|a| view! { <option value=format!("a:{a}")>{a.clone()}</option> }).collect_view()}
                    </optgroup>
                    <optgroup label=t!("replay-passes-through")>
                        {move || activities().into_iter().map(|a| view! { <option value=format!("p:{a}")>{a.clone()}</option> }).collect_view()}
                    </optgroup>
                </select>
            </label>
            <span class="replay-legend" id="replay-legend">{move || m.replay.with(|r| r.as_ref().map(|r| {
                let colour = m.replay_options.get_untracked().colour;
                r.replay.classes.iter().enumerate().map(|(k, c)| {
                    // The engine names the classes in English; say them in the interface's language.
                    let name = match (&colour, k, c.as_str()) {
                        (Some(ReplayColour::PassesThrough { activity }), 0, _) => t!("replay-class-passes", activity = activity.clone()),
                        (Some(ReplayColour::PassesThrough { activity }), _, _) => t!("replay-class-not", activity = activity.clone()),
                        (_, _, "other") => t!("replay-other"),
                        (_, _, "(none)") => t!("replay-none"),
                        _ => c.clone(),
                    };
                    view! {
                        <span class="legend-item"><span class="swatch" style=format!("background:{}", CLASS_COLOURS[k.min(7)])></span>{name}</span>
                    }
                }).collect_view()
            }))}</span>
            <p class="muted small" id="replay-cases">{move || m.replay.with(|r| r.as_ref().map(|r| {
                let r = &r.replay;
                let shown = if r.cases < r.cases_selected {
                    t!("replay-sample", shown = format::count(r.cases), total = format::count(r.cases_selected))
                } else {
                    t!("replay-cases", shown = format::count(r.cases))
                };
                format!("{shown}; {}", t!("replay-explain"))
            }))}</p>
            <button class="button small" id="replay-record" on:click=record aria-pressed=move || ui.recording.get().to_string()>
                {move || if ui.recording.get() { t!("replay-record-stop") } else { t!("replay-record") }}
            </button>
        </section>
    }
}

fn speed_text(log: f64) -> String {
    let v = 10f64.powf(log);
    if v < 1.0 {
        format!("{v:.1}x")
    } else {
        format!("{v:.0}x")
    }
}

/// Draws the frame on the page's canvas (and the recording's, when recording).
fn paint(c: &HtmlCanvasElement, p: &Player, v: View) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0);
    let (cw, ch) = (c.client_width() as f64, c.client_height() as f64);
    let (w, h) = ((cw * dpr).round() as u32, (ch * dpr).round() as u32);
    if c.width() != w || c.height() != h {
        c.set_width(w);
        c.set_height(h);
    }
    let Ok(Some(ctx)) = c.get_context("2d") else {
        return;
    };
    let Ok(ctx) = ctx.dyn_into::<CanvasRenderingContext2d>() else {
        return;
    };
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
    let _ = ctx.set_transform(v.k * dpr, 0.0, 0.0, v.k * dpr, v.x * dpr, v.y * dpr);
    draw_tokens(&ctx, p, p.clock);
    if let Some(r) = &p.recorder {
        let (rw, rh) = (r.canvas.width() as f64, r.canvas.height() as f64);
        let Ok(Some(rctx)) = r.canvas.get_context("2d") else {
            return;
        };
        let Ok(rctx) = rctx.dyn_into::<CanvasRenderingContext2d>() else {
            return;
        };
        let _ = rctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        rctx.set_fill_style_str("#ffffff");
        rctx.fill_rect(0.0, 0.0, rw, rh);
        let sx = rw / cw.max(1.0);
        let _ = rctx.set_transform(v.k * sx, 0.0, 0.0, v.k * sx, v.x * sx, v.y * sx);
        let _ = rctx.draw_image_with_html_image_element(&r.map, 0.0, 0.0);
        draw_tokens(&rctx, p, p.clock);
        let _ = rctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        rctx.set_fill_style_str("#10243a");
        rctx.set_font("600 16px system-ui, sans-serif");
        rctx.set_text_align("left");
        let _ = rctx.fill_text(&clock_label(&p.replay, p.clock), 12.0, rh - 14.0);
    }
}

/// A second canvas (the viewport's size) with the map drawn under the tokens, recorded as WebM.
fn start_recording(
    on_page: &HtmlCanvasElement,
    d: &Drawn,
    mode: MapMode,
) -> Result<Recording, String> {
    let fail = |what: &str| t!("replay-cannot-record", why = what.to_string());
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let canvas: HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(|_| fail("no canvas"))?
        .unchecked_into();
    let (w, h) = (
        (on_page.client_width().max(320) as u32) & !1,
        (on_page.client_height().max(240) as u32) & !1,
    );
    canvas.set_width(w);
    canvas.set_height(h);
    // The map as a picture, drawn under every frame.
    let svg = map_svg(d, mode, None, false);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(&svg)),
        &opts,
    )
    .map_err(|_| fail("no picture of the map"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no URL"))?;
    let img = HtmlImageElement::new().map_err(|_| fail("no image"))?;
    img.set_src(&url);
    let stream = canvas
        .capture_stream_with_frame_request_rate(30.0)
        .map_err(|_| fail("no canvas stream"))?;
    let ro = web_sys::MediaRecorderOptions::new();
    ro.set_mime_type("video/webm");
    let recorder =
        web_sys::MediaRecorder::new_with_media_stream_and_media_recorder_options(&stream, &ro)
            .map_err(|_| fail("no WebM recorder"))?;
    let chunks: Rc<RefCell<Vec<web_sys::Blob>>> = Rc::new(RefCell::new(Vec::new()));
    let c2 = chunks.clone();
    let on_data = Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |e: web_sys::BlobEvent| {
        if let Some(b) = e.data() {
            if b.size() > 0.0 {
                c2.borrow_mut().push(b);
            }
        }
    });
    recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
    let c3 = chunks.clone();
    let on_stop = Closure::<dyn FnMut()>::new(move || {
        let parts = js_sys::Array::new();
        for b in c3.borrow().iter() {
            parts.push(b);
        }
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type("video/webm");
        if let Ok(video) = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &opts) {
            export::download_blob("replay.webm", &video);
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    recorder.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
    recorder
        .start_with_time_slice(500)
        .map_err(|_| fail("the recorder did not start"))?;
    Ok(Recording {
        canvas,
        map: img,
        recorder,
        _chunks: chunks,
        _on_data: on_data,
        _on_stop: on_stop,
    })
}
