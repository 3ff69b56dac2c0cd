//! The page, and the first map's engine: the same wasm runs the page (mounts the app) and, started by
//! the page in a worker, the engine that imports the log and draws the first map, the variants and the
//! overview (`service::run_first_map`). One download for both; the full engine worker
//! (`engine_worker`) loads on the first use of another feature (see `core::worker::client`).

fn main() {
    if relance_app::core::worker::link::in_worker() {
        relance_app::service::run_first_map();
    } else {
        relance_app::core::panic_hook::install();
        leptos::mount::mount_to_body(relance_app::App);
    }
}
