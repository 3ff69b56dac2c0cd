//! The bottom layer's values: what a column means ([`ColumnRole`]), numbers and timestamps read the
//! way spreadsheets and ERP exports write them ([`number`], [`timestamp`]), and the numpy-style
//! statistics and amount bands every analysis builds on ([`stats`], [`bands`]), the stable sorts of
//! on-screen lists that share one compiled sort ([`order`]), and names compared without accents
//! ([`text`]).
//!
//! Nothing here knows about logs, imports or analyses: every other module may use these, and these use
//! only [`crate::calendar`].

pub mod bands;
mod column_role;
pub mod number;
pub mod order;
pub mod stats;
pub mod text;
pub mod timestamp;

pub use column_role::ColumnRole;
