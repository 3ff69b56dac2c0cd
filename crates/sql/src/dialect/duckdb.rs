//! DuckDB: `quantile_cont` is exact with linear interpolation, ordered lists are sorted lists of structs, lists
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
        // Not `list(v ORDER BY k)`: DuckDB's ordered aggregates sort each group in memory and ran out
        // of memory on 100 million events (12 million cases). An unordered list of (keys, value)
        // structs, sorted per case by `list_sort` (structs compare field by field), spills like any
        // hash aggregate.
        let mut fields: Vec<String> = order
            .iter()
            .enumerate()
            .map(|(i, k)| format!("k{i} := {k}"))
            .collect();
        fields.push(format!("v := {value}"));
        format!(
            "list_transform(list_sort(list(struct_pack({}))), s -> s.v)",
            fields.join(", ")
        )
    }
    fn zone_instant_ms(&self, wall_ms: &str, zone: &str) -> String {
        // make_timestamp(µs) is a TIMESTAMP (no zone); timezone(z, TIMESTAMP) reads it as z's wall
        // clock (ICU, which the npm libduckdb has built in).
        format!("epoch_ms(timezone({zone}, make_timestamp(CAST({wall_ms} AS BIGINT) * 1000)))")
    }
    fn integers(&self, n: u64, col: &str) -> String {
        format!("range(0, {n}) AS integers({col})")
    }
}
