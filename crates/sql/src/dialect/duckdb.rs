//! DuckDB: `quantile_cont` is exact with linear interpolation, `list(x ORDER BY o)` keeps order, lists
//! group and compare element by element, `epoch_ms` reads any timestamp as an instant.

use super::{float_literal, Dialect, SqlType};

/// DuckDB (1.x).
pub struct DuckDb;

impl Dialect for DuckDb {
    fn name(&self) -> &'static str {
        "duckdb"
    }
    fn type_name(&self, t: SqlType) -> &'static str {
        match t {
            SqlType::Text => "VARCHAR",
            SqlType::Double => "DOUBLE",
            SqlType::BigInt => "BIGINT",
            SqlType::Timestamp => "TIMESTAMPTZ",
        }
    }
    fn epoch_ms(&self, ts: &str) -> String {
        format!("epoch_ms({ts})")
    }
    fn quantile_agg(&self, x: &str, q: f64) -> Option<String> {
        Some(format!("quantile_cont({x}, {})", float_literal(q)))
    }
    fn ordered_list(&self, value: &str, order: &[String]) -> String {
        format!("list({value} ORDER BY {})", order.join(", "))
    }
    fn integers(&self, n: u64, col: &str) -> String {
        format!("range(0, {n}) AS integers({col})")
    }
}
