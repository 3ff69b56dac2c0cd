//! The first-map worker: import, filters, map, variants and overview, the engine the page starts with
//! (a third of the full engine's wasm). The full engine worker takes over on the first request of
//! another feature (see `relance_app::core::worker::client`).

fn main() {
    relance_app::service::run_first_map();
}
