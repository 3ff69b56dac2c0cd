use super::*;
use crate::dialect::DialectName;

fn map() -> RoleMap {
    RoleMap::from_json(
        r#"{"activities": {"Relance 1": "reminder_1", "Paiement": "payment_received", "Promesse": "promise_to_pay"},
            "attributes": {"canal": "channel", "date promise": "promise_date"}}"#,
    )
    .unwrap()
}

#[test]
fn roles_and_columns_come_from_the_mapping() {
    let spec = Spec::new("t", "c", "a", "ts");
    let q = plan(Analysis::Dunning, &spec, &map()).unwrap();
    let sql = crate::dialect::print(&q, DialectName::Postgres.dialect());
    assert!(
        sql.contains("WHEN (activity IN ('Paiement')) THEN 'payment_received'"),
        "{sql}"
    );
    assert!(sql.contains("CAST(\"canal\" AS TEXT) AS channel"), "{sql}");
    // No amount column in the mapping: every invoice weighs 1 (NULL amount).
    assert!(
        sql.contains("CAST(NULL AS DOUBLE PRECISION) AS amount"),
        "{sql}"
    );
}

#[test]
fn settings_reach_the_sql() {
    let spec = Spec::new("t", "c", "a", "ts");
    let s = Settings {
        window_days: 21.0,
        promise_grace_days: 0.5,
        as_of_ms: Some(1_700_000_000_000),
        time_zone: None,
        basis: Basis::Ledger,
    };
    let d = DialectName::DuckDb.dialect();
    let dunning =
        crate::dialect::print(&plan_with(Analysis::Dunning, &spec, &map(), &s).unwrap(), d);
    assert!(
        dunning.contains(&format!("(t_ms + {})", 21 * DAY_MS)),
        "{dunning}"
    );
    let promises = crate::dialect::print(
        &plan_with(Analysis::Promises, &spec, &map(), &s).unwrap(),
        d,
    );
    assert!(
        promises.contains(&format!("+ {})", DAY_MS / 2)),
        "{promises}"
    );
    assert!(promises.contains("1700000000000 AS as_of"), "{promises}");
}

#[test]
fn time_zones_are_iana_names_and_utc_is_none() {
    assert_eq!(time_zone(" UTC "), Ok(None));
    assert_eq!(time_zone("etc/utc"), Ok(None));
    for ok in [
        "Europe/Paris",
        "America/Argentina/Buenos_Aires",
        "Etc/GMT+5",
        "America/Port-au-Prince",
    ] {
        assert_eq!(time_zone(ok), Ok(Some(ok.to_string())), "{ok}");
    }
    for bad in [
        "",
        "Paris'; DROP TABLE t; --",
        "/etc/passwd",
        "Europe//Paris",
        "Europe/",
    ] {
        assert!(matches!(time_zone(bad), Err(Error::TimeZone(_))), "{bad:?}");
    }
}

/// Month-ends: UTC in integer arithmetic only; a zone through each engine's own conversion, named
/// above the SQL and on every row.
#[test]
fn month_ends_are_converted_by_each_engine_in_the_zone() {
    let spec = Spec::new("t", "c", "a", "ts");
    let paris = Settings {
        time_zone: Some("Europe/Paris".into()),
        ..Default::default()
    };
    let utc = Settings::default();
    let conversions = [
        (
            DialectName::DuckDb,
            "timezone('Europe/Paris', make_timestamp(",
        ),
        (
            DialectName::Postgres,
            "AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')",
        ),
        (
            DialectName::Spark,
            "to_utc_timestamp(timestamp_millis(wall_ms), 'Europe/Paris')",
        ),
        (
            DialectName::Snowflake,
            "CONVERT_TIMEZONE('Europe/Paris', 'UTC', TO_TIMESTAMP_NTZ(wall_ms, 3))",
        ),
        (
            DialectName::BigQuery,
            "TIMESTAMP(DATETIME(TIMESTAMP_MILLIS(wall_ms)), 'Europe/Paris')",
        ),
    ];
    for (d, conversion) in conversions {
        let d = d.dialect();
        let print = |s: &Settings| {
            crate::dialect::print(
                &plan_with(Analysis::DsoMonthly, &spec, &map(), s).unwrap(),
                d,
            )
        };
        let sql = print(&paris);
        assert!(sql.contains(conversion), "{}: {sql}", d.name());
        assert!(
            sql.contains("-- Month-ends are local midnight on the 1st in Europe/Paris"),
            "{sql}"
        );
        assert!(
            sql.contains(&format!("'Europe/Paris' AS {}", d.quote("time_zone"))),
            "{sql}"
        );
        for c in DSO_COLUMNS {
            assert!(sql.contains(&format!(" AS {}", d.quote(c))), "{c} in {sql}");
        }
        let sql = print(&utc);
        assert!(!sql.contains("Europe/Paris"), "{sql}");
        assert!(sql.contains("wall_ms AS start_ms"), "{sql}");
        assert!(sql.contains("-- Month-ends are midnight UTC"), "{sql}");
    }
}

/// What opens and closes a receivable reaches the SQL: only invoices, the credit note with no
/// payment after it, the 600-month cap; unavailable figures are NULL.
#[test]
fn receivables_follow_the_engine_s_definition() {
    let spec = Spec::new("t", "c", "a", "ts");
    let d = DialectName::Postgres.dialect();
    let sql = crate::dialect::print(&plan(Analysis::DsoMonthly, &spec, &map()).unwrap(), d);
    assert!(
        sql.contains("WHERE ((created IS NOT NULL) OR (sent IS NOT NULL))"),
        "{sql}"
    );
    assert!(
        sql.contains(
            "CASE WHEN ((last_credit_pos IS NOT NULL) AND (NOT (COALESCE(last_payment_pos, 0) > last_credit_pos))) THEN last_credit_t END AS credited"
        ),
        "{sql}"
    );
    assert!(sql.contains("WHERE (from_end <= 600)"), "{sql}");
    assert!(
        sql.contains("role IN ('payment_received', 'invoice_cleared', 'credit_note', 'written_off', 'invoice_cancelled')"),
        "{sql}"
    );
    let dunning = crate::dialect::print(&plan(Analysis::Dunning, &spec, &map()).unwrap(), d);
    // The rate is NULL, not 0, when the table has no payment received at all.
    assert!(
        dunning.contains(
            "MAX(CASE WHEN (role IN ('payment_received')) THEN 1 ELSE 0 END) AS n\n  FROM cev\n) = 1) THEN (CAST(SUM(paid) AS DOUBLE PRECISION) / COUNT(*)) END AS \"rate\""
        ),
        "{dunning}"
    );
}

#[test]
fn core_analyses_are_not_collections_plans() {
    let spec = Spec::new("t", "c", "a", "ts");
    assert!(plan(Analysis::Dfg, &spec, &map()).is_err());
}
