//! The screens.

pub mod collections;
pub mod data_model;
pub mod explore;
pub mod filter_dialog;
pub mod filters;
pub mod header;
pub mod import_report;
pub mod insights;
pub mod mapping;
pub mod overview;
pub mod process_map;
pub mod sheet_picker;
pub mod summary;
pub mod variants;
