//! `relance sql`: the analyses as SQL for a warehouse, one statement per analysis.

use crate::args::{SqlArgs, TableFlags};
use anyhow::{bail, Context, Result};
use relance_engine::collections::RoleMap;
use relance_engine::validate::{days_field, MAX_SETTING_DAYS};
use relance_sql::collections::Settings;
use relance_sql::{Analysis, DialectName, Spec};
use std::io::Write;

pub fn run(args: &SqlArgs) -> Result<()> {
    let Some(dialect) = DialectName::parse(&args.dialect) else {
        bail!(
            "--dialect {:?}: not one of duckdb, postgres, spark, snowflake, bigquery",
            args.dialect
        );
    };
    let c = &args.cols;
    let (Some(case), Some(activity), Some(timestamp)) = (&c.case, &c.activity, &c.timestamp) else {
        bail!("--case, --activity and --timestamp name the table's columns; all three are needed");
    };
    let spec = spec(&args.table, case, activity, timestamp, c);
    let mapping = mapping(c)?;
    let settings = settings(c)?;
    let analyses: Vec<Analysis> = match &args.analysis {
        Some(name) => vec![Analysis::parse(name).with_context(|| {
            format!("--analysis {name:?}: not one of {}", all_names().join(", "))
        })?],
        None => chosen(mapping.is_some()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, a) in analyses.iter().enumerate() {
        let text =
            relance_sql::sql_with(dialect.dialect(), *a, &spec, mapping.as_ref(), &settings)?;
        if analyses.len() > 1 {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(
                out,
                "-- ==== {name}: save the result as {name}.csv, {name}.json or {name}.parquet for `relance bundle`",
                name = a.name()
            )?;
        }
        writeln!(out, "{text};")?;
    }
    out.flush()?;
    Ok(())
}

fn all_names() -> Vec<&'static str> {
    Analysis::CORE
        .iter()
        .chain(Analysis::COLLECTIONS.iter())
        .map(|a| a.name())
        .collect()
}

/// The analyses of `--all`: the core ones, and the collections ones with a mapping.
pub fn chosen(collections: bool) -> Vec<Analysis> {
    let mut v = Analysis::CORE.to_vec();
    if collections {
        v.extend(Analysis::COLLECTIONS);
    }
    v
}

/// The spec for a table and the flags.
pub fn spec(table: &str, case: &str, activity: &str, timestamp: &str, c: &TableFlags) -> Spec {
    Spec {
        resource: c.resource.clone(),
        order: c.order.clone(),
        variants_cap: c.variants_cap,
        ..Spec::new(table, case, activity, timestamp)
    }
}

/// The collections settings of the flags (the windows checked as `relance collections` checks them,
/// the time zone's form checked).
pub fn settings(c: &TableFlags) -> Result<Settings> {
    for (flag, v) in [
        ("--window-days", c.window_days),
        ("--promise-grace-days", c.promise_grace_days),
    ] {
        days_field(flag, v, MAX_SETTING_DAYS)?;
    }
    Ok(Settings {
        window_days: c.window_days,
        promise_grace_days: c.promise_grace_days,
        as_of_ms: None,
        time_zone: relance_sql::collections::time_zone(&c.time_zone)?,
        basis: if c.basis == "cash" {
            relance_engine::collections::facts::Basis::Cash
        } else {
            relance_engine::collections::facts::Basis::Ledger
        },
    })
}

/// The mapping file named by the flags.
pub fn mapping(c: &TableFlags) -> Result<Option<RoleMap>> {
    let Some(path) = &c.mapping else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    Ok(Some(
        RoleMap::from_json(&text).with_context(|| format!("{}", path.display()))?,
    ))
}
