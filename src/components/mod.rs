//! Widgets shared by several views.

pub mod drop_zone;
pub mod export_buttons;
pub mod file_button;
pub mod modal;
pub mod progress;
