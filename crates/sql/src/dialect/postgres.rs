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
    fn zone_instant_ms(&self, wall_ms: &str, zone: &str) -> String {
        // to_timestamp(s) AT TIME ZONE 'UTC' is the wall time as a timestamp without time zone;
        // `timestamp AT TIME ZONE z` reads it as z's wall clock.
        self.epoch_ms(&format!(
            "((to_timestamp(CAST({wall_ms} AS DOUBLE PRECISION) / 1000) AT TIME ZONE 'UTC') AT TIME ZONE {zone})"
        ))
    }
    fn integers(&self, n: u64, col: &str) -> String {
        format!(
            "generate_series(0, {}) AS integers({col})",
            n.saturating_sub(1)
        )
    }
}
