//! BigQuery (GoogleSQL): exact quantiles exist only as the analytic `PERCENTILE_CONT(x, q) OVER (...)`,
//! so the printer computes them in an inner query and picks one per group with `ANY_VALUE`. Arrays
//! cannot be grouped or ordered: variants are grouped by `TO_JSON_STRING` of their list. Names are
//! quoted with backticks; string literals treat backslashes as escapes.

use super::{float_literal, Dialect, ListKey, SqlType};

/// Google BigQuery.
pub struct BigQuery;

impl Dialect for BigQuery {
    fn name(&self) -> &'static str {
        "bigquery"
    }
    fn quote(&self, ident: &str) -> String {
        format!("`{}`", ident.replace('\\', "\\\\").replace('`', "\\`"))
    }
    fn string(&self, s: &str) -> String {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
    fn type_name(&self, t: SqlType) -> &'static str {
        match t {
            SqlType::Text => "STRING",
            SqlType::Double => "FLOAT64",
            SqlType::BigInt => "INT64",
            SqlType::Timestamp => "TIMESTAMP",
        }
    }
    fn epoch_ms(&self, ts: &str) -> String {
        format!("UNIX_MILLIS({ts})")
    }
    fn quantile_agg(&self, _x: &str, _q: f64) -> Option<String> {
        None
    }
    fn quantile_window(&self, x: &str, q: f64, partition: &str) -> String {
        format!(
            "PERCENTILE_CONT({x}, {}) OVER ({partition})",
            float_literal(q)
        )
    }
    fn ordered_list(&self, value: &str, order: &[String]) -> String {
        format!("ARRAY_AGG({value} ORDER BY {})", order.join(", "))
    }
    fn list_key(&self) -> ListKey {
        ListKey::JsonText
    }
    fn list_json(&self, list: &str) -> String {
        format!("TO_JSON_STRING({list})")
    }
    fn zone_instant_ms(&self, wall_ms: &str, zone: &str) -> String {
        // DATETIME(TIMESTAMP) is the UTC wall time; TIMESTAMP(DATETIME, z) reads it as z's.
        format!("UNIX_MILLIS(TIMESTAMP(DATETIME(TIMESTAMP_MILLIS({wall_ms})), {zone}))")
    }
    fn integers(&self, n: u64, col: &str) -> String {
        format!(
            "UNNEST(GENERATE_ARRAY(0, {})) AS {col}",
            n.saturating_sub(1)
        )
    }
}
