//! One component per pattern, used by every feature: the data table, the KPI tile, the chart frame.

pub mod chart_frame;
pub mod data_table;
pub mod kpi_tile;
