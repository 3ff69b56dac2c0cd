//! DuckDB: `quantile_cont` is exact with linear interpolation, ordered lists are sorted lists of structs, lists
//! group and compare element by element, `epoch_ms` reads any timestamp as an instant.

use super::{float_literal, Dialect, SqlType};

/// DuckDB (1.3 and later, 2.x).
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
        // `lambda s: ...`, not `s -> ...`: DuckDB 2.0 rejects the arrow ("Deprecated lambda arrow (->)
        // detected"); the keyword form reads on 1.3 and later.
        format!(
            "list_transform(list_sort(list(struct_pack({}))), lambda s: s.v)",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::Settings;
    use crate::{sql_with, Analysis, Spec};
    use relance_engine::collections::RoleMap;
    use relance_engine::demo::{demo_bytes, DemoOptions};
    use relance_engine::import::{import_bytes, ImportOptions};

    /// The lambda arrow `x -> e` stops every query using it on DuckDB 2.0 ("Binder Error: Deprecated
    /// lambda arrow (->) detected"); `lambda x: e` reads on 1.3 and later. No query of any analysis
    /// (core, and collections with every role mapped, in UTC and in a zone) may print the arrow again.
    #[test]
    fn no_query_uses_the_deprecated_lambda_arrow() {
        let log = import_bytes(
            &demo_bytes(DemoOptions {
                invoices: 50,
                ..Default::default()
            }),
            ImportOptions::default(),
        )
        .unwrap()
        .log;
        let map = RoleMap::guess(&log);
        let mut spec = Spec::new("events", "invoice_id", "activity", "ts");
        spec.resource = Some("resource".into());
        let zoned = Settings {
            time_zone: Some("Europe/Paris".into()),
            ..Default::default()
        };
        let mut lambdas = 0;
        for order in [None, Some("rn".to_string())] {
            spec.order = order;
            for settings in [Settings::default(), zoned.clone()] {
                for a in Analysis::CORE.into_iter().chain(Analysis::COLLECTIONS) {
                    let sql = sql_with(&DuckDb, a, &spec, Some(&map), &settings).unwrap();
                    // Comment lines are prose; only the SQL below them counts.
                    let code: String = sql
                        .lines()
                        .filter(|l| !l.trim_start().starts_with("--"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    assert!(!code.contains("->"), "{}: {code}", a.name());
                    lambdas += code.matches("lambda ").count();
                }
            }
        }
        // The variants query (and the log counts, which count variants) do list their activities.
        assert!(
            lambdas > 0,
            "no lambda printed at all: the test saw no list"
        );
    }
}
