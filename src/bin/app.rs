//! The page: mounts the app.

fn main() {
    relance_app::core::panic_hook::install();
    leptos::mount::mount_to_body(relance_app::App);
}
