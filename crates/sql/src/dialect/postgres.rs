//! PostgreSQL: `percentile_cont ... WITHIN GROUP` is exact with linear interpolation (on double
//! precision), `array_agg(x ORDER BY o)` keeps order, arrays group and compare element by element.
//! `EXTRACT(EPOCH FROM t)` is exact (numeric) since PostgreSQL 14 and reads a `timestamp` without time
//! zone as UTC.

use super::{float_literal, Dialect, SqlType};

/// PostgreSQL (14 or later).
pub struct Postgres;

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "postgres"
    }
    fn type_name(&self, t: SqlType) -> &'static str {
        match t {
            SqlType::Text => "TEXT",
            SqlType::Double => "DOUBLE PRECISION",
            SqlType::BigInt => "BIGINT",
            SqlType::Timestamp => "TIMESTAMPTZ",
        }
    }
    fn epoch_ms(&self, ts: &str) -> String {
        format!("CAST(FLOOR(EXTRACT(EPOCH FROM {ts}) * 1000) AS BIGINT)")
    }
    fn quantile_agg(&self, x: &str, q: f64) -> Option<String> {
        Some(format!(
            "percentile_cont({}) WITHIN GROUP (ORDER BY CAST({x} AS DOUBLE PRECISION))",
            float_literal(q)
        ))
    }
    fn any_value(&self, x: &str) -> String {
        // ANY_VALUE arrived in PostgreSQL 16; MIN gives the same when every value is equal.
        format!("MIN({x})")
    }
    fn ordered_list(&self, value: &str, order: &[String]) -> String {
        format!("array_agg({value} ORDER BY {})", order.join(", "))
    }
    fn integers(&self, n: u64, col: &str) -> String {
        format!(
            "generate_series(0, {}) AS integers({col})",
            n.saturating_sub(1)
        )
    }
}
