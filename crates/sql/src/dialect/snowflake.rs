//! Snowflake: `PERCENTILE_CONT ... WITHIN GROUP` is exact with linear interpolation, `ARRAY_AGG(x)
//! WITHIN GROUP (ORDER BY o)` keeps order; variants are grouped by the JSON text of their list. Quoted
//! names keep their case (Snowflake folds unquoted names to upper case), so result columns come back
//! in lower case as `analyze --json` names them. String literals treat backslashes as escapes.

use super::{float_literal, Dialect, ListKey, SqlType};

/// Snowflake.
pub struct Snowflake;

impl Dialect for Snowflake {
    fn name(&self) -> &'static str {
        "snowflake"
    }
    fn string(&self, s: &str) -> String {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
    }
    fn type_name(&self, t: SqlType) -> &'static str {
        match t {
            SqlType::Text => "VARCHAR",
            SqlType::Double => "DOUBLE",
            SqlType::BigInt => "BIGINT",
            SqlType::Timestamp => "TIMESTAMP_TZ",
        }
    }
    fn epoch_ms(&self, ts: &str) -> String {
        format!("DATE_PART(EPOCH_MILLISECOND, {ts})")
    }
    fn quantile_agg(&self, x: &str, q: f64) -> Option<String> {
        Some(format!(
            "PERCENTILE_CONT({}) WITHIN GROUP (ORDER BY {x})",
            float_literal(q)
        ))
    }
    fn ordered_list(&self, value: &str, order: &[String]) -> String {
        format!(
            "ARRAY_AGG({value}) WITHIN GROUP (ORDER BY {})",
            order.join(", ")
        )
    }
    fn list_key(&self) -> ListKey {
        ListKey::JsonText
    }
    fn list_json(&self, list: &str) -> String {
        format!("TO_JSON({list})")
    }
    fn zone_instant_ms(&self, wall_ms: &str, zone: &str) -> String {
        // TIMESTAMP_NTZ holds the wall time; CONVERT_TIMEZONE(z, 'UTC', ntz) gives UTC's wall time of
        // that instant, which EPOCH_MILLISECOND reads as UTC.
        format!(
            "DATE_PART(EPOCH_MILLISECOND, CONVERT_TIMEZONE({zone}, 'UTC', TO_TIMESTAMP_NTZ({wall_ms}, 3)))"
        )
    }
    fn integers(&self, n: u64, col: &str) -> String {
        // SEQ4 may leave gaps; ROW_NUMBER does not.
        format!(
            "(SELECT ROW_NUMBER() OVER (ORDER BY SEQ4()) - 1 AS {col} FROM TABLE(GENERATOR(ROWCOUNT => {n}))) AS integers"
        )
    }
}
