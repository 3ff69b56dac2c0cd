//! The full engine worker: every feature, started on the first request the first map's engine (the
//! page's wasm in a worker, see `bin/app.rs`) does not answer.

fn main() {
    relance_app::service::run();
}
