//! The process map: the SVG drawing with pan and zoom, an overview map, the controls and details beside
//! it, and SVG/PNG export.

use super::controls::{MapControls, MapStats};
use super::detail_panel::DetailPanel;
use super::render::{legend_svg, map_svg, minimap_svg, Drawn, LEGEND_H};
use super::replay;
use super::state::{use_map, Selected};
use crate::core::export;
use crate::core::state::use_app_state;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use relance_engine::layout::LABEL_FONT_PX;
use wasm_bindgen::JsCast;

/// Smallest on-screen height of an activity label the map opens with (a room must read it).
const MIN_LABEL_PX: f64 = 11.5;
/// Largest size of the overview map, in pixels.
const MINIMAP_W: f64 = 200.0;
const MINIMAP_H: f64 = 140.0;

/// Pan and zoom of the drawing inside its viewport.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Horizontal shift, pixels.
    pub x: f64,
    /// Vertical shift, pixels.
    pub y: f64,
    /// Zoom factor.
    pub k: f64,
}

/// The activity a node stands for (`None` for the artificial start and end).
pub fn activity_name(n: &relance_engine::analysis::MapNode) -> Option<String> {
    (n.kind == relance_engine::analysis::NodeKind::Activity).then(|| n.name.clone())
}

/// The map screen.
#[component]
pub fn ProcessMapView() -> impl IntoView {
    let s = use_app_state();
    let m = use_map();
    let activity_pct = Memo::new(move |_| m.settings.get().activity_pct);
    let paths_pct = Memo::new(move |_| m.settings.get().paths_pct);
    let mode = Memo::new(move |_| m.settings.get().mode);
    // Both sliders go to the worker, which lays the map out (never on this thread).
    Effect::new(move |prev: Option<(f64, f64)>| {
        let now = (activity_pct.get(), paths_pct.get());
        if prev.is_some_and(|p| p != now) {
            m.request_map();
        }
        now
    });
    let drawn = Memo::new(move |_| m.drawing.get());
    let svg = Memo::new(move |_| {
        let d = drawn.get()?;
        Some(map_svg(&d, mode.get(), m.selected.get().as_ref(), false))
    });
    let legend = Memo::new(move |_| drawn.get().map(|d| legend_svg(&d, mode.get())));
    let minimap = Memo::new(move |_| drawn.get().map(|d| minimap_svg(&d)));

    let viewport = NodeRef::<html::Div>::new();
    let replay_ui = replay::ReplayUi::new();
    let view_state = RwSignal::new(View {
        x: 0.0,
        y: 0.0,
        k: 1.0,
    });
    // Viewport size, kept for the overview map.
    let viewport_size = RwSignal::new((0.0f64, 0.0f64));
    let drawing_size = move |d: &Drawn| (d.layout.width.max(260.0), d.layout.height.max(120.0));
    // The drawing and the viewport's size (kept for the overview map), once both are on the page.
    let measured = move || {
        let (Some(d), Some(el)) = (drawn.get_untracked(), viewport.get_untracked()) else {
            return None;
        };
        let (cw, ch) = (el.client_width() as f64, el.client_height() as f64);
        viewport_size.set((cw, ch));
        Some((drawing_size(&d), cw, ch, d))
    };
    let fit = move || {
        let Some(((w, h), cw, ch, _)) = measured() else {
            return;
        };
        let k = ((cw - 20.0) / w).min((ch - 20.0) / h).clamp(0.05, 1.6);
        view_state.set(View {
            x: (cw - w * k) / 2.0,
            y: 10.0f64.max((ch - h * k) / 2.0),
            k,
        });
    };
    // How the map opens: fitted when its labels stay readable that way (at least 11 px on screen);
    // otherwise across the panel's whole width if that is readable, else at the smallest readable
    // zoom, showing the start of the process; the overview map and panning reach the rest.
    let open_readable = move || {
        let Some(((w, h), cw, ch, d)) = measured() else {
            return;
        };
        let readable = MIN_LABEL_PX / LABEL_FONT_PX;
        let k_fit = ((cw - 20.0) / w).min((ch - 20.0) / h);
        if k_fit >= readable {
            fit();
            return;
        }
        let k_width = (cw - 20.0) / w;
        let k = if k_width >= readable {
            k_width.min(1.6)
        } else {
            readable
        };
        let x = if w * k <= cw {
            (cw - w * k) / 2.0
        } else {
            // Centre the start node.
            let sx = d.layout.nodes.first().map(|p| p.x).unwrap_or(0.0);
            (cw / 2.0 - sx * k).clamp(cw - w * k - 10.0, 10.0)
        };
        // Below the legend in the panel's corner.
        view_state.set(View { x, y: 48.0, k });
    };
    // A new drawing of another size opens readable.
    Effect::new(move |prev: Option<(i64, i64)>| {
        let size = drawn
            .get()
            .map(|d| {
                let (w, h) = drawing_size(&d);
                (w as i64, h as i64)
            })
            .unwrap_or((0, 0));
        if prev != Some(size) {
            // After the DOM update.
            request_animation_frame(open_readable);
        }
        size
    });
    // The overview map: shown while the drawing overflows the panel; a click there centres the view.
    let overflowing = move || {
        let v = view_state.get();
        let (cw, ch) = viewport_size.get();
        drawn.with(|d| {
            d.as_ref().is_some_and(|d| {
                let (w, h) = drawing_size(d);
                w * v.k > cw + 1.0 || h * v.k > ch + 1.0
            })
        })
    };
    let minimap_box = move || {
        drawn.with(|d| {
            let (w, h) = d.as_ref().map(drawing_size).unwrap_or((1.0, 1.0));
            let scale = (MINIMAP_W / w).min(MINIMAP_H / h);
            (w * scale, h * scale, scale)
        })
    };
    let minimap_view = move || {
        let v = view_state.get();
        let (cw, ch) = viewport_size.get();
        let (_, _, scale) = minimap_box();
        (
            (-v.x / v.k) * scale,
            (-v.y / v.k) * scale,
            cw / v.k * scale,
            ch / v.k * scale,
        )
    };
    let on_minimap = move |e: ev::MouseEvent| {
        e.stop_propagation();
        let Some(t) = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let r = t.get_bounding_client_rect();
        let (_, _, scale) = minimap_box();
        let (mx, my) = (
            (e.client_x() as f64 - r.left()) / scale,
            (e.client_y() as f64 - r.top()) / scale,
        );
        let (cw, ch) = viewport_size.get_untracked();
        view_state.update(|v| {
            v.x = cw / 2.0 - mx * v.k;
            v.y = ch / 2.0 - my * v.k;
        });
    };

    let drag = StoredValue::new(None::<(f64, f64, f64, f64)>);
    let moved = StoredValue::new(false);
    let on_pointer_down = move |e: ev::PointerEvent| {
        if e.button() != 0 {
            return;
        }
        let v = view_state.get_untracked();
        drag.set_value(Some((e.client_x() as f64, e.client_y() as f64, v.x, v.y)));
        moved.set_value(false);
    };
    let on_pointer_move = move |e: ev::PointerEvent| {
        if let Some((sx, sy, vx, vy)) = drag.get_value() {
            let (dx, dy) = (e.client_x() as f64 - sx, e.client_y() as f64 - sy);
            if dx.abs() + dy.abs() > 3.0 {
                moved.set_value(true);
            }
            if moved.get_value() {
                view_state.update(|v| {
                    v.x = vx + dx;
                    v.y = vy + dy;
                });
            }
        }
    };
    let on_pointer_up = move |_| drag.set_value(None);
    let on_wheel = move |e: ev::WheelEvent| {
        e.prevent_default();
        let Some(el) = viewport.get_untracked() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let (px, py) = (
            e.client_x() as f64 - rect.left(),
            e.client_y() as f64 - rect.top(),
        );
        view_state.update(|v| {
            let k2 = (v.k * (-e.delta_y() * 0.0015).exp()).clamp(0.05, 4.0);
            v.x = px - (px - v.x) * (k2 / v.k);
            v.y = py - (py - v.y) * (k2 / v.k);
            v.k = k2;
        });
    };
    let zoom = move |factor: f64| {
        let Some(el) = viewport.get_untracked() else {
            return;
        };
        let (px, py) = (
            el.client_width() as f64 / 2.0,
            el.client_height() as f64 / 2.0,
        );
        view_state.update(|v| {
            let k2 = (v.k * factor).clamp(0.05, 4.0);
            v.x = px - (px - v.x) * (k2 / v.k);
            v.y = py - (py - v.y) * (k2 / v.k);
            v.k = k2;
        });
    };
    let pick = move |target: Option<web_sys::EventTarget>| {
        let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
            return;
        };
        let Some(d) = drawn.get_untracked() else {
            return;
        };
        if let Ok(Some(g)) = el.closest("[data-node]") {
            let i: usize = g
                .get_attribute("data-node")
                .and_then(|v| v.parse().ok())
                .unwrap_or(usize::MAX);
            if let Some(n) = d.map.nodes.get(i) {
                if n.kind == relance_engine::analysis::NodeKind::Activity {
                    m.select(Some(Selected::Node(n.name.clone())));
                }
            }
        } else if let Ok(Some(g)) = el.closest("[data-edge]") {
            let k: usize = g
                .get_attribute("data-edge")
                .and_then(|v| v.parse().ok())
                .unwrap_or(usize::MAX);
            if let Some(e) = d.kept.get(k).and_then(|&i| d.map.edges.get(i)) {
                m.select(Some(Selected::Edge(
                    activity_name(&d.map.nodes[e.from]),
                    activity_name(&d.map.nodes[e.to]),
                )));
            }
        } else {
            m.select(None);
        }
    };
    let on_click = move |e: ev::MouseEvent| {
        if !moved.get_value() {
            pick(e.target());
        }
    };
    let on_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "Enter" | " " => {
            e.prevent_default();
            pick(e.target());
        }
        "+" | "=" => zoom(1.2),
        "-" | "_" | "\u{2212}" => zoom(1.0 / 1.2),
        "0" => fit(),
        key @ ("ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown") => {
            // Arrows move the view over the map (the drawing slides the other way); Shift for bigger steps.
            e.prevent_default();
            let step = if e.shift_key() { 200.0 } else { 50.0 };
            let (dx, dy) = match key {
                "ArrowLeft" => (step, 0.0),
                "ArrowRight" => (-step, 0.0),
                "ArrowUp" => (0.0, step),
                _ => (0.0, -step),
            };
            view_state.update(|v| {
                v.x += dx;
                v.y += dy;
            });
        }
        _ => {}
    };

    // Exports are the drawing on screen with its legend on top.
    let export_svg_text = move || {
        drawn.get_untracked().map(|d| {
            map_svg(
                &d,
                mode.get_untracked(),
                m.selected.get_untracked().as_ref(),
                true,
            )
        })
    };
    let export_svg = move |_| {
        if let Some(svg) = export_svg_text() {
            export::download_text("process-map.svg", "image/svg+xml", &svg);
        }
    };
    let export_png = move |_| {
        if let (Some(svg), Some(d)) = (export_svg_text(), drawn.get_untracked()) {
            export::download_png(
                "process-map.png",
                &svg,
                d.layout.width.max(260.0),
                d.layout.height.max(120.0) + LEGEND_H,
                2.0,
                move |m| s.error.set(Some(m)),
            );
        }
    };

    view! {
        <div class="map-layout">
            <div
                class="map-viewport"
                node_ref=viewport
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointerleave=on_pointer_up
                on:wheel=on_wheel
                on:click=on_click
                on:keydown=on_key
                tabindex="0"
                role="region"
                id="map-viewport"
                aria-label=t!("map-aria")
            >
                <div
                    class="map-drawing"
                    style:transform=move || {
                        let v = view_state.get();
                        format!("translate({:.1}px, {:.1}px) scale({:.4})", v.x, v.y, v.k)
                    }
                    inner_html=move || svg.get().unwrap_or_default()
                ></div>
                <Show when=move || m.replay_on.get()>
                    <replay::ReplayCanvas ui=replay_ui view_state=view_state />
                </Show>
                <Show when=move || m.drawing.with(|m| m.is_none())>
                    <p class="placeholder">{t!("map-placeholder")}</p>
                </Show>
                <div class="map-legend" id="map-legend" inner_html=move || legend.get().unwrap_or_default()></div>
                <Show when=overflowing>
                    <div
                        class="minimap"
                        id="map-overview"
                        title=t!("map-overview-title")
                        style:width=move || format!("{:.0}px", minimap_box().0)
                        style:height=move || format!("{:.0}px", minimap_box().1)
                        on:click=on_minimap
                        on:pointerdown=|e: ev::PointerEvent| e.stop_propagation()
                    >
                        <div class="minimap-drawing" inner_html=move || minimap.get().unwrap_or_default()></div>
                        <div
                            class="minimap-view"
                            style:left=move || format!("{:.1}px", minimap_view().0)
                            style:top=move || format!("{:.1}px", minimap_view().1)
                            style:width=move || format!("{:.1}px", minimap_view().2)
                            style:height=move || format!("{:.1}px", minimap_view().3)
                        ></div>
                    </div>
                </Show>
                <div class="zoom-buttons">
                    <button class="button small" on:click=move |e| { e.stop_propagation(); zoom(1.25) } aria-label=t!("zoom-in")>"+"</button>
                    <button class="button small" on:click=move |e| { e.stop_propagation(); zoom(0.8) } aria-label=t!("zoom-out")>"−"</button>
                    <button class="button small" on:click=move |e| { e.stop_propagation(); fit() } aria-label=t!("fit-label")>{t!("fit")}</button>
                </div>
            </div>
            <aside class="map-side">
                <MapControls />
                <div class="export-buttons">
                    <button class="button" id="export-svg" on:click=export_svg>{t!("export-svg")}</button>
                    <button class="button" id="export-png" on:click=export_png>{t!("export-png")}</button>
                </div>
                <Show when=move || m.replay_on.get()>
                    <replay::ReplayControls ui=replay_ui />
                </Show>
                <MapStats drawn=drawn />
                <DetailPanel />
            </aside>
        </div>
    }
}
