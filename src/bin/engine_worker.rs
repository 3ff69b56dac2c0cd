//! The engine worker: every import and analysis runs here, off the page's thread.

fn main() {
    relance_app::service::run();
}
