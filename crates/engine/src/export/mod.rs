//! Text written for other programs to open: CSV for spreadsheets ([`csv`]) and XML text for SVG files
//! ([`xml`]). One implementation of each, shared by the app's downloads and the CLI, so every export
//! gets the same protection against formula injection and ill-formed XML.

pub mod csv;
pub mod xml;
