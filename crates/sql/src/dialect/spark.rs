//! Apache Spark SQL (and Databricks): `percentile(x, q)` is exact with linear interpolation
//! (`percentile_approx` is not, and is never used). `collect_list` keeps no order, so the ordered list
//! sorts (keys, value) structs and keeps the values. Names are quoted with backticks; string literals
//! treat backslashes as escapes.

use super::{float_literal, Dialect, SqlType};

/// Spark SQL (3.4 or later).
pub struct Spark;

impl Dialect for Spark {
    fn name(&self) -> &'static str {
        "spark"
    }
    fn quote(&self, ident: &str) -> String {
        format!("`{}`", ident.replace('`', "``"))
    }
    fn string(&self, s: &str) -> String {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
    fn type_name(&self, t: SqlType) -> &'static str {
        match t {
            SqlType::Text => "STRING",
            SqlType::Double => "DOUBLE",
            SqlType::BigInt => "BIGINT",
            SqlType::Timestamp => "TIMESTAMP",
        }
    }
    fn epoch_ms(&self, ts: &str) -> String {
        format!("unix_millis({ts})")
    }
    fn quantile_agg(&self, x: &str, q: f64) -> Option<String> {
        Some(format!("percentile({x}, {})", float_literal(q)))
    }
    fn ordered_list(&self, value: &str, order: &[String]) -> String {
        // Structs compare field by field, so sorting (k0, k1, ..., v) follows the keys.
        let mut fields: Vec<String> = order
            .iter()
            .enumerate()
            .map(|(i, k)| format!("'k{i}', {k}"))
            .collect();
        fields.push(format!("'v', {value}"));
        format!(
            "transform(array_sort(collect_list(named_struct({}))), s -> s.v)",
            fields.join(", ")
        )
    }
    fn zone_instant_ms(&self, wall_ms: &str, zone: &str) -> String {
        // to_utc_timestamp reads its argument's UTC rendering as z's wall clock, whatever the session
        // time zone.
        format!("unix_millis(to_utc_timestamp(timestamp_millis({wall_ms}), {zone}))")
    }
    fn integers(&self, n: u64, col: &str) -> String {
        format!("(SELECT id AS {col} FROM range({n})) AS integers")
    }
}
