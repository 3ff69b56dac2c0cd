//! SQL dialects: everything that differs between engines, in one trait, one small module per engine.
//!
//! The plans (the analyses and collections modules, built on the plan's tree) never spell
//! engine-specific SQL; the printer ([`print()`]) asks the dialect for each construct that differs:
//!
//! | construct | DuckDB | PostgreSQL | Spark SQL | Snowflake | BigQuery |
//! |---|---|---|---|---|---|
//! | quoted name | `"x"` | `"x"` | `` `x` `` | `"x"` | `` `x` `` |
//! | exact quantile (linear, numpy's default) | `quantile_cont(x, q)` | `percentile_cont(q) WITHIN GROUP (ORDER BY x)` | `percentile(x, q)` | `PERCENTILE_CONT(q) WITHIN GROUP (ORDER BY x)` | `PERCENTILE_CONT(x, q) OVER (...)`, analytic only |
//! | ordered list of a group | `list_transform(list_sort(list(struct_pack(...))), lambda s: s.v)` | `array_agg(x ORDER BY o)` | `transform(array_sort(collect_list(named_struct(...))), ...)` | `ARRAY_AGG(x) WITHIN GROUP (ORDER BY o)` | `ARRAY_AGG(x ORDER BY o)` |
//! | group by a list | the list | the list | the list | `TO_JSON` of it | `TO_JSON_STRING` of it |
//! | epoch milliseconds | `epoch_ms(t)` | `EXTRACT(EPOCH FROM t) * 1000` | `unix_millis(t)` | `DATE_PART(EPOCH_MILLISECOND, t)` | `UNIX_MILLIS(t)` |
//! | integers 0..n | `range(n)` | `generate_series` | `range(n)` | `GENERATOR` | `UNNEST(GENERATE_ARRAY)` |
//! | a wall-clock time in a zone, as an instant | `timezone(z, t)` (ICU, built into the npm libduckdb) | `t AT TIME ZONE z` | `to_utc_timestamp(t, z)` | `CONVERT_TIMEZONE(z, 'UTC', t)` | `TIMESTAMP(DATETIME(t), z)` |
//!
//! Variants beyond the cap are cut after ordering by cases, then by the list itself where it can be
//! ordered (element by element, as the engine does), else by its JSON text (Snowflake, BigQuery): there,
//! variants tied in cases exactly at the cap may be picked differently from the engine. Text compares
//! by the engine's collation (byte order in DuckDB, Spark, Snowflake and BigQuery by default; the
//! database's collation in PostgreSQL).
//!
//! Adding an engine is one module implementing [`Dialect`] and one line in [`DialectName`].

mod bigquery;
mod duckdb;
mod postgres;
mod print;
mod snowflake;
mod spark;

pub use crate::plan::SqlType;
pub use bigquery::BigQuery;
pub use duckdb::DuckDb;
pub use postgres::Postgres;
pub use print::print;
pub use snowflake::Snowflake;
pub use spark::Spark;

/// How an engine groups and orders rows by a list value (a variant's activities).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    /// The list itself can be grouped and ordered (element by element).
    List,
    /// Only a text rendering of the list can (exact: JSON text of the list).
    JsonText,
}

/// What differs between SQL engines.
pub trait Dialect {
    /// The `--dialect` name.
    fn name(&self) -> &'static str;

    /// A quoted identifier (quoted as given: case is kept where the engine folds unquoted names).
    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }

    /// A string literal.
    fn string(&self, s: &str) -> String {
        format!("'{}'", s.replace('\'', "''"))
    }

    /// The name of a type.
    fn type_name(&self, t: SqlType) -> &'static str;

    /// Milliseconds since 1970-01-01 UTC of an instant, as a 64-bit integer.
    fn epoch_ms(&self, ts: &str) -> String;

    /// An exact quantile aggregate with linear interpolation (numpy's default), or `None` when the
    /// engine has it only as a window function (see [`Dialect::quantile_window`]).
    fn quantile_agg(&self, x: &str, q: f64) -> Option<String>;

    /// The same quantile as a window function over `partition` (used when there is no aggregate).
    fn quantile_window(&self, x: &str, q: f64, partition: &str) -> String {
        let _ = (x, q, partition);
        String::new()
    }

    /// The aggregate that picks any value of a group (all values being equal).
    fn any_value(&self, x: &str) -> String {
        format!("ANY_VALUE({x})")
    }

    /// The list of `value` over a group, ordered by `order` (comma-separated ascending keys).
    fn ordered_list(&self, value: &str, order: &[String]) -> String;

    /// How lists are grouped and ordered.
    fn list_key(&self) -> ListKey {
        ListKey::List
    }

    /// The text key of a list when [`Dialect::list_key`] is [`ListKey::JsonText`].
    fn list_json(&self, list: &str) -> String {
        list.to_string()
    }

    /// Integer division rounding toward minus infinity.
    fn floor_div(&self, a: &str, b: &str) -> String {
        format!(
            "CAST(FLOOR(CAST({a} AS {d}) / {b}) AS {i})",
            d = self.type_name(SqlType::Double),
            i = self.type_name(SqlType::BigInt)
        )
    }

    /// A `FROM` item yielding one column `col` with the integers `0..n`.
    fn integers(&self, n: u64, col: &str) -> String;

    /// The instant (epoch milliseconds, 64-bit integer) at which the wall-clock time `wall_ms` occurs in
    /// the IANA time zone `zone` (a string literal already printed by [`Dialect::string`]).
    /// `wall_ms` is the wall-clock time written as the epoch milliseconds it would be in UTC, so local
    /// midnight on 1 April 2024 in `Europe/Paris` is `wall_ms` = 2024-04-01T00:00Z, giving
    /// 2024-03-31T22:00Z. The session's time zone plays no part.
    fn zone_instant_ms(&self, wall_ms: &str, zone: &str) -> String;

    /// A note printed at the top of every query (engine settings the SQL relies on).
    fn preamble(&self) -> Option<&'static str> {
        None
    }
}

/// The dialects `relance sql --dialect` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialectName {
    /// DuckDB.
    DuckDb,
    /// PostgreSQL.
    Postgres,
    /// Apache Spark SQL (also Databricks).
    Spark,
    /// Snowflake.
    Snowflake,
    /// Google BigQuery (GoogleSQL).
    BigQuery,
}

impl DialectName {
    /// Every dialect, in `--help` order.
    pub const ALL: [DialectName; 5] = [
        DialectName::DuckDb,
        DialectName::Postgres,
        DialectName::Spark,
        DialectName::Snowflake,
        DialectName::BigQuery,
    ];

    /// Parses a `--dialect` value.
    pub fn parse(s: &str) -> Option<DialectName> {
        Self::ALL
            .into_iter()
            .find(|d| d.dialect().name().eq_ignore_ascii_case(s.trim()))
    }

    /// The dialect.
    pub fn dialect(self) -> &'static dyn Dialect {
        match self {
            DialectName::DuckDb => &DuckDb,
            DialectName::Postgres => &Postgres,
            DialectName::Spark => &Spark,
            DialectName::Snowflake => &Snowflake,
            DialectName::BigQuery => &BigQuery,
        }
    }
}

/// A float literal that reads back exactly (`0.5`, `0.9`).
pub(crate) fn float_literal(q: f64) -> String {
    let s = format!("{q:?}");
    if s.contains('.') || s.contains('e') {
        s
    } else {
        format!("{s}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<&'static dyn Dialect> {
        DialectName::ALL.iter().map(|d| d.dialect()).collect()
    }

    #[test]
    fn names_parse_back() {
        for d in DialectName::ALL {
            assert_eq!(DialectName::parse(d.dialect().name()), Some(d));
        }
        assert_eq!(
            DialectName::parse("SnowFlake"),
            Some(DialectName::Snowflake)
        );
        assert_eq!(DialectName::parse("mysql"), None);
    }

    #[test]
    fn reserved_names_are_quoted_in_each_engine_s_style() {
        let got: Vec<String> = all().iter().map(|d| d.quote("from")).collect();
        assert_eq!(
            got,
            ["\"from\"", "\"from\"", "`from`", "\"from\"", "`from`"]
        );
        // A quote inside a name is doubled (or escaped, in BigQuery).
        assert_eq!(DuckDb.quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(Spark.quote("a`b"), "`a``b`");
        assert_eq!(BigQuery.quote("a`b"), "`a\\`b`");
    }

    #[test]
    fn string_literals_escape_what_each_engine_escapes() {
        // DuckDB and PostgreSQL read backslashes literally; Spark, Snowflake and BigQuery treat them as
        // escapes, so a backslash in an activity name must be doubled there.
        let s = "it's a\\b";
        assert_eq!(DuckDb.string(s), "'it''s a\\b'");
        assert_eq!(Postgres.string(s), "'it''s a\\b'");
        assert_eq!(Spark.string(s), "'it\\'s a\\\\b'");
        assert_eq!(Snowflake.string(s), "'it''s a\\\\b'");
        assert_eq!(BigQuery.string(s), "'it\\'s a\\\\b'");
    }

    #[test]
    fn exact_medians_never_approximate() {
        assert_eq!(
            DuckDb.quantile_agg("x", 0.5).unwrap(),
            "quantile_cont(x, 0.5)"
        );
        assert_eq!(
            Postgres.quantile_agg("x", 0.9).unwrap(),
            "percentile_cont(0.9) WITHIN GROUP (ORDER BY CAST(x AS DOUBLE PRECISION))"
        );
        // Spark's `percentile` is exact with linear interpolation; `percentile_approx` is not.
        assert_eq!(Spark.quantile_agg("x", 0.5).unwrap(), "percentile(x, 0.5)");
        assert_eq!(
            Snowflake.quantile_agg("x", 0.5).unwrap(),
            "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x)"
        );
        // BigQuery has PERCENTILE_CONT only as an analytic function.
        assert!(BigQuery.quantile_agg("x", 0.5).is_none());
        assert_eq!(
            BigQuery.quantile_window("x", 0.5, "PARTITION BY g"),
            "PERCENTILE_CONT(x, 0.5) OVER (PARTITION BY g)"
        );
        for d in all() {
            let q = d
                .quantile_agg("x", 0.5)
                .unwrap_or_else(|| d.quantile_window("x", 0.5, ""));
            assert!(!q.to_lowercase().contains("approx"), "{}: {q}", d.name());
        }
    }

    #[test]
    fn ordered_lists_and_their_group_keys() {
        let o = ["t_ms".to_string(), "ord".to_string()];
        assert_eq!(
            DuckDb.ordered_list("a", &o),
            "list_transform(list_sort(list(struct_pack(k0 := t_ms, k1 := ord, v := a))), lambda s: s.v)"
        );
        assert_eq!(
            Postgres.ordered_list("a", &o),
            "array_agg(a ORDER BY t_ms, ord)"
        );
        // collect_list keeps no order: sort (key, value) structs, then keep the values.
        assert_eq!(
            Spark.ordered_list("a", &o),
            "transform(array_sort(collect_list(named_struct('k0', t_ms, 'k1', ord, 'v', a))), s -> s.v)"
        );
        assert_eq!(
            Snowflake.ordered_list("a", &o),
            "ARRAY_AGG(a) WITHIN GROUP (ORDER BY t_ms, ord)"
        );
        assert_eq!(
            BigQuery.ordered_list("a", &o),
            "ARRAY_AGG(a ORDER BY t_ms, ord)"
        );
        assert_eq!(BigQuery.list_key(), ListKey::JsonText);
        assert_eq!(BigQuery.list_json("l"), "TO_JSON_STRING(l)");
        assert_eq!(Snowflake.list_json("l"), "TO_JSON(l)");
        assert_eq!(DuckDb.list_key(), ListKey::List);
    }

    #[test]
    fn epoch_milliseconds() {
        assert_eq!(DuckDb.epoch_ms("t"), "epoch_ms(t)");
        assert_eq!(
            Postgres.epoch_ms("t"),
            "CAST(FLOOR(EXTRACT(EPOCH FROM t) * 1000) AS BIGINT)"
        );
        assert_eq!(Spark.epoch_ms("t"), "unix_millis(t)");
        assert_eq!(Snowflake.epoch_ms("t"), "DATE_PART(EPOCH_MILLISECOND, t)");
        assert_eq!(BigQuery.epoch_ms("t"), "UNIX_MILLIS(t)");
    }

    #[test]
    fn wall_clock_times_in_a_zone() {
        let z = "'Europe/Paris'";
        assert_eq!(
            DuckDb.zone_instant_ms("w", z),
            "epoch_ms(timezone('Europe/Paris', make_timestamp(CAST(w AS BIGINT) * 1000)))"
        );
        assert_eq!(
            Postgres.zone_instant_ms("w", z),
            "CAST(FLOOR(EXTRACT(EPOCH FROM ((to_timestamp(CAST(w AS DOUBLE PRECISION) / 1000) AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')) * 1000) AS BIGINT)"
        );
        assert_eq!(
            Spark.zone_instant_ms("w", z),
            "unix_millis(to_utc_timestamp(timestamp_millis(w), 'Europe/Paris'))"
        );
        assert_eq!(
            Snowflake.zone_instant_ms("w", z),
            "DATE_PART(EPOCH_MILLISECOND, CONVERT_TIMEZONE('Europe/Paris', 'UTC', TO_TIMESTAMP_NTZ(w, 3)))"
        );
        assert_eq!(
            BigQuery.zone_instant_ms("w", z),
            "UNIX_MILLIS(TIMESTAMP(DATETIME(TIMESTAMP_MILLIS(w)), 'Europe/Paris'))"
        );
    }

    #[test]
    fn float_literals_read_back() {
        assert_eq!(float_literal(0.5), "0.5");
        assert_eq!(float_literal(1000.0), "1000.0");
        assert_eq!(float_literal(0.9), "0.9");
    }
}
