//! `relance warehouse`: the analyses run as SQL where the data lives, and only the aggregates come
//! back. An event-log file (CSV, gzip CSV, Parquet) or a DuckDB database runs in embedded DuckDB (no
//! server; DuckDB spills to disk, so inputs may exceed memory); `--postgres URL` runs in PostgreSQL
//! through `psql`. The same SQL as `relance sql` prints; the document is `analyze --json`'s.

use super::bundle::{print, read_csv, DRILL_DOWN_NOTE};
use crate::args::WarehouseArgs;
use anyhow::{bail, Context, Result};
use relance_engine::analysis::document::SummarySource;
use relance_engine::collections::{guess_activity_role, RoleMap};
use relance_engine::import::report::ColumnsUsed;
use relance_engine::import::{Format, ImportReport};
use relance_sql::document::Origin;
use relance_sql::{DialectName, Spec, Table};
use std::collections::BTreeMap;
use std::time::Instant;

/// What runs the SQL.
trait Runner {
    /// The result of one query.
    fn query(&mut self, sql: &str) -> Result<Table>;
}

pub fn run(args: &WarehouseArgs) -> Result<()> {
    if let Some(url) = &args.postgres {
        return run_postgres(args, url);
    }
    run_duckdb(args)
}

/// Runs every analysis and assembles the document.
fn analyse(
    args: &WarehouseArgs,
    runner: &mut dyn Runner,
    dialect: DialectName,
    spec: &Spec,
    mapping: Option<&RoleMap>,
    mut origin: Origin,
    rows: u64,
) -> Result<relance_engine::analysis::SummaryDocument> {
    let settings = super::sql::settings(&args.cols)?;
    let mut results = BTreeMap::new();
    for a in super::sql::chosen(mapping.is_some()) {
        let sql = relance_sql::sql_with(dialect.dialect(), a, spec, mapping, &settings)?;
        let started = Instant::now();
        let t = runner
            .query(&sql)
            .with_context(|| format!("{} query", a.name()))?;
        if args.timings {
            eprintln!(
                "timing {}_s={:.3}",
                a.name(),
                started.elapsed().as_secs_f64()
            );
        }
        if let Some(dir) = &args.save {
            save(dir, a.name(), &t)?;
        }
        results.insert(a, t);
    }
    origin.import.rows = rows;
    let mut doc = relance_sql::assemble(&results, origin)?;
    doc.import.skipped_rows = rows.saturating_sub(doc.summary.log.events);
    if doc.import.skipped_rows > 0 {
        doc.import.note(format!(
            "{} rows had no case id, no activity or no readable timestamp and were left out.",
            doc.import.skipped_rows
        ));
    }
    if let Some(o) = doc.variants_other.filter(|o| o.variants > 0) {
        doc.import.note(format!(
            "Variants are capped at {}: {} more variants ({} cases) are counted but not listed.",
            spec.variants_cap, o.variants, o.cases
        ));
    }
    Ok(doc)
}

/// Writes a result as JSON lines, one object per row.
fn save(dir: &std::path::Path, name: &str, t: &Table) -> Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    let path = dir.join(format!("{name}.json"));
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&path).with_context(|| format!("{}", path.display()))?,
    );
    for row in &t.rows {
        let obj: serde_json::Map<String, serde_json::Value> = t
            .columns
            .iter()
            .zip(row)
            .map(|(c, v)| (c.clone(), v.to_json()))
            .collect();
        serde_json::to_writer(&mut out, &obj)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

/// The columns the flags name for a table (all three core columns are needed).
fn table_spec(args: &WarehouseArgs, table: &str) -> Result<Spec> {
    let c = &args.cols;
    let (Some(case), Some(activity), Some(timestamp)) = (&c.case, &c.activity, &c.timestamp) else {
        bail!("--case, --activity and --timestamp name the table's columns; all three are needed");
    };
    Ok(super::sql::spec(table, case, activity, timestamp, c))
}

/// The role map: activity names guessed, column roles given, the mapping file's entries on top.
fn role_map(
    args: &WarehouseArgs,
    activities: &[String],
    columns: &[(String, relance_engine::import::ColumnRole)],
) -> Result<Option<RoleMap>> {
    let file = super::sql::mapping(&args.cols)?;
    if !args.collections && file.is_none() {
        return Ok(None);
    }
    let mut map = RoleMap {
        activities: activities
            .iter()
            .map(|a| (a.clone(), guess_activity_role(a)))
            .collect(),
        attributes: columns.iter().cloned().collect(),
    };
    if let Some(f) = &file {
        map.merge(f);
    }
    Ok(Some(map))
}

fn columns_used(spec: &Spec) -> ColumnsUsed {
    ColumnsUsed {
        case: spec.case.clone(),
        activity: spec.activity.clone(),
        timestamp: spec.timestamp.clone(),
        start_timestamp: None,
        resource: spec.resource.clone(),
        other_roles: Vec::new(),
    }
}

// ---- PostgreSQL, through psql ----

struct Psql {
    url: String,
}

impl Runner for Psql {
    fn query(&mut self, sql: &str) -> Result<Table> {
        let out = std::process::Command::new("psql")
            .args([
                self.url.as_str(),
                "--csv",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ])
            // Instants are read in UTC (timestamps without time zone are taken as UTC).
            .env("PGTZ", "UTC")
            .output()
            .context("cannot run psql (install PostgreSQL's client)")?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            bail!("psql: {}", err.trim().lines().next().unwrap_or("failed"));
        }
        read_csv(&out.stdout)
    }
}

fn run_postgres(args: &WarehouseArgs, url: &str) -> Result<()> {
    let table = args.table.as_deref().unwrap_or_default();
    let spec = table_spec(args, table)?;
    let mut psql = Psql { url: url.into() };
    let count = psql.query(&format!("SELECT COUNT(*) AS n FROM {table}"))?;
    let rows = count
        .rows
        .first()
        .and_then(|r| r.first())
        .and_then(|c| match c {
            relance_sql::Cell::Text(t) => t.parse().ok(),
            _ => None,
        })
        .unwrap_or(0);
    let mapping = if args.collections || args.cols.mapping.is_some() {
        let q = format!(
            "SELECT DISTINCT CAST({} AS TEXT) AS a FROM {table}",
            DialectName::Postgres.dialect().quote(&spec.activity)
        );
        let acts = names(&psql.query(&q)?);
        role_map(args, &acts, &[])?
    } else {
        None
    };
    let mut import = ImportReport::new(Format::Csv);
    import.columns = columns_used(&spec);
    import.timestamp_format = "PostgreSQL timestamp".into();
    import.note(format!(
        "Aggregates computed in PostgreSQL (table {table}); session time zone UTC."
    ));
    let origin = Origin {
        import,
        source: SummarySource {
            engine: "postgres".into(),
            input: table.into(),
            drill_down: false,
            drill_down_note: DRILL_DOWN_NOTE.into(),
        },
    };
    let doc = analyse(
        args,
        &mut psql,
        DialectName::Postgres,
        &spec,
        mapping.as_ref(),
        origin,
        rows,
    )?;
    print(&doc, args.json)
}

fn names(t: &Table) -> Vec<String> {
    let mut v: Vec<String> = t
        .rows
        .iter()
        .filter_map(|r| match r.first() {
            Some(relance_sql::Cell::Text(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

// ---- DuckDB, embedded ----

#[cfg(not(feature = "warehouse"))]
fn run_duckdb(_args: &WarehouseArgs) -> Result<()> {
    bail!("this relance was built without the `warehouse` feature (embedded DuckDB); use --postgres URL, or `relance sql` and `relance bundle`")
}

/// Reads a Parquet result file (for `relance bundle`).
#[cfg(not(feature = "warehouse"))]
pub fn read_parquet(_p: &std::path::Path) -> Result<Table> {
    bail!("reading Parquet needs the `warehouse` feature (embedded DuckDB); save the result as CSV or JSON")
}

#[cfg(feature = "warehouse")]
pub use embedded::read_parquet;

#[cfg(feature = "warehouse")]
fn run_duckdb(args: &WarehouseArgs) -> Result<()> {
    embedded::run(args)
}

#[cfg(feature = "warehouse")]
mod embedded {
    use super::*;
    use duckdb::types::Value;
    use duckdb::Connection;
    use relance_engine::import::{ColumnRole, ImportOptions};
    use relance_sql::Cell;
    use std::path::{Path, PathBuf};

    /// A scratch folder for DuckDB's database file and spills, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new() -> Result<Scratch> {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let dir = std::env::temp_dir()
                .join(format!("relance-warehouse-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
            Ok(Scratch(dir))
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    struct Duck {
        conn: Connection,
    }

    impl Runner for Duck {
        fn query(&mut self, sql: &str) -> Result<Table> {
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            let columns = rows.as_ref().map(|s| s.column_names()).unwrap_or_default();
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let mut cells = Vec::with_capacity(columns.len());
                for i in 0..columns.len() {
                    cells.push(cell(row.get::<_, Value>(i)?));
                }
                out.push(cells);
            }
            Ok(Table { columns, rows: out })
        }
    }

    fn cell(v: Value) -> Cell {
        match v {
            Value::Null => Cell::Null,
            Value::Boolean(b) => Cell::Int(b as i64),
            Value::TinyInt(x) => Cell::Int(x.into()),
            Value::SmallInt(x) => Cell::Int(x.into()),
            Value::Int(x) => Cell::Int(x.into()),
            Value::BigInt(x) => Cell::Int(x),
            Value::HugeInt(x) => i64::try_from(x)
                .map(Cell::Int)
                .unwrap_or(Cell::Float(x as f64)),
            Value::UTinyInt(x) => Cell::Int(x.into()),
            Value::USmallInt(x) => Cell::Int(x.into()),
            Value::UInt(x) => Cell::Int(x.into()),
            Value::UBigInt(x) => i64::try_from(x)
                .map(Cell::Int)
                .unwrap_or(Cell::Float(x as f64)),
            Value::Float(x) => Cell::Float(x.into()),
            Value::Double(x) => Cell::Float(x),
            Value::Decimal(d) => Cell::Text(d.to_string()),
            Value::Text(s) | Value::Enum(s) => Cell::Text(s),
            Value::List(l) | Value::Array(l) => Cell::List(
                l.into_iter()
                    .map(|x| match x {
                        Value::Text(s) => s,
                        other => format!("{other:?}"),
                    })
                    .collect(),
            ),
            other => Cell::Text(format!("{other:?}")),
        }
    }

    fn sql_string(s: &str) -> String {
        format!("'{}'", s.replace('\'', "''"))
    }

    fn quote(s: &str) -> String {
        DialectName::DuckDb.dialect().quote(s)
    }

    /// Reads a Parquet result file.
    pub fn read_parquet(p: &Path) -> Result<Table> {
        let mut d = Duck {
            conn: Connection::open_in_memory()?,
        };
        d.query(&format!(
            "SELECT * FROM read_parquet({})",
            sql_string(&p.display().to_string())
        ))
    }

    fn settle(conn: &Connection, scratch: &Path, args: &WarehouseArgs) -> Result<()> {
        conn.execute_batch(&format!(
            "SET TimeZone = 'UTC'; SET temp_directory = {}; SET preserve_insertion_order = true;",
            sql_string(&scratch.join("spill").display().to_string())
        ))?;
        if let Some(m) = &args.memory_limit {
            conn.execute_batch(&format!("SET memory_limit = {}", sql_string(m)))
                .with_context(|| format!("--memory-limit {m:?}"))?;
        }
        Ok(())
    }

    /// Once loaded, no query needs insertion order (results are sorted afterwards), and DuckDB
    /// needs less memory without it.
    fn unordered(d: &Duck) -> Result<()> {
        d.conn
            .execute_batch("SET preserve_insertion_order = false;")?;
        Ok(())
    }

    pub fn run(args: &WarehouseArgs) -> Result<()> {
        let scratch = Scratch::new()?;
        let version = "duckdb 1.5.6";
        if let Some(db) = &args.duckdb {
            let table = args.table.as_deref().unwrap_or_default();
            let spec = table_spec(args, table)?;
            let cfg = duckdb::Config::default().access_mode(duckdb::AccessMode::ReadOnly)?;
            let conn = Connection::open_with_flags(db, cfg)
                .with_context(|| format!("{}", db.display()))?;
            settle(&conn, &scratch.0, args)?;
            let mut d = Duck { conn };
            let rows = count(&mut d, table)?;
            let mapping = collections_map(args, &mut d, &spec, &[])?;
            let mut import = ImportReport::new(Format::Csv);
            import.columns = columns_used(&spec);
            import.timestamp_format = "DuckDB timestamp".into();
            import.note(format!(
                "Aggregates computed in embedded DuckDB 1.5.6 from table {table} of {}.",
                db.display()
            ));
            let origin = origin(import, version, &format!("{}:{table}", db.display()));
            let doc = analyse(
                args,
                &mut d,
                DialectName::DuckDb,
                &spec,
                mapping.as_ref(),
                origin,
                rows,
            )?;
            return print(&doc, args.json);
        }
        let Some(file) = &args.file else {
            bail!("give an event-log file, --duckdb DB --table T, or --postgres URL --table T");
        };
        let conn = Connection::open(scratch.0.join("events.duckdb"))?;
        settle(&conn, &scratch.0, args)?;
        let mut d = Duck { conn };
        let started = Instant::now();
        let loaded = if is_parquet(file) {
            load_parquet(&mut d, file, args)?
        } else {
            load_csv(&mut d, file, args)?
        };
        unordered(&d)?;
        if args.timings {
            eprintln!("timing load_s={:.3}", started.elapsed().as_secs_f64());
        }
        let rows = count(&mut d, "relance_events")?;
        let mapping = collections_map(args, &mut d, &loaded.spec, &loaded.roles)?;
        let origin = origin(loaded.import, version, &file.display().to_string());
        let doc = analyse(
            args,
            &mut d,
            DialectName::DuckDb,
            &loaded.spec,
            mapping.as_ref(),
            origin,
            rows,
        )?;
        print(&doc, args.json)
    }

    fn origin(import: ImportReport, engine: &str, input: &str) -> Origin {
        Origin {
            import,
            source: SummarySource {
                engine: engine.into(),
                input: input.into(),
                drill_down: false,
                drill_down_note: DRILL_DOWN_NOTE.into(),
            },
        }
    }

    fn count(d: &mut Duck, table: &str) -> Result<u64> {
        let t = d.query(&format!("SELECT COUNT(*) AS n FROM {table}"))?;
        Ok(match t.rows.first().and_then(|r| r.first()) {
            Some(Cell::Int(n)) => *n as u64,
            _ => 0,
        })
    }

    fn collections_map(
        args: &WarehouseArgs,
        d: &mut Duck,
        spec: &Spec,
        roles: &[(String, ColumnRole)],
    ) -> Result<Option<RoleMap>> {
        if !args.collections && args.cols.mapping.is_none() {
            return Ok(None);
        }
        known_zone(d, args)?;
        let t = d.query(&format!(
            "SELECT DISTINCT CAST({} AS VARCHAR) AS a FROM {} WHERE {} IS NOT NULL",
            quote(&spec.activity),
            spec.table,
            quote(&spec.activity)
        ))?;
        role_map(args, &names(&t), roles)
    }

    /// Refuses a `--time-zone` that DuckDB's time-zone database (ICU, built into libduckdb) lacks,
    /// naming the flag, before any query runs.
    fn known_zone(d: &mut Duck, args: &WarehouseArgs) -> Result<()> {
        let Some(zone) = relance_sql::collections::time_zone(&args.cols.time_zone)? else {
            return Ok(());
        };
        let t = d.query(&format!(
            "SELECT COUNT(*) AS n FROM pg_timezone_names() WHERE name = {}",
            sql_string(&zone)
        ))?;
        if !matches!(t.rows.first().and_then(|r| r.first()), Some(Cell::Int(n)) if *n > 0) {
            bail!("--time-zone {zone:?}: DuckDB knows no such time zone (IANA names such as Europe/Paris or America/New_York)");
        }
        Ok(())
    }

    struct Loaded {
        spec: Spec,
        import: ImportReport,
        /// Column roles other than case, activity, timestamp and resource, by column name.
        roles: Vec<(String, ColumnRole)>,
    }

    fn is_parquet(p: &Path) -> bool {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
    }

    fn is_gzip(p: &Path) -> bool {
        use std::io::Read;
        let mut magic = [0u8; 2];
        std::fs::File::open(p)
            .and_then(|mut f| f.read_exact(&mut magic))
            .is_ok()
            && magic == [0x1f, 0x8b]
    }

    /// The first bytes of a file (inflated), enough for the engine's guess.
    fn head(p: &Path) -> Result<(Vec<u8>, bool)> {
        use std::io::Read;
        let f = std::fs::File::open(p).with_context(|| format!("{}", p.display()))?;
        let limit = relance_engine::import::detect::MAX_SNIFF_BYTES as u64;
        let mut buf = Vec::new();
        if is_gzip(p) {
            flate2::read::MultiGzDecoder::new(f)
                .take(limit)
                .read_to_end(&mut buf)?;
        } else {
            f.take(limit).read_to_end(&mut buf)?;
        }
        let complete = (buf.len() as u64) < limit;
        Ok((buf, complete))
    }

    /// Column types in the loaded table: instants, numbers, text.
    fn typed(role: ColumnRole, src: &str) -> String {
        match role {
            ColumnRole::Timestamp | ColumnRole::DueDate | ColumnRole::PromiseDate => {
                format!("TRY_CAST({src} AS TIMESTAMPTZ)")
            }
            ColumnRole::Amount | ColumnRole::DunningLevel => format!("TRY_CAST({src} AS DOUBLE)"),
            _ => format!("CAST({src} AS VARCHAR)"),
        }
    }

    const LOADED_ROLES: [ColumnRole; 12] = [
        ColumnRole::Case,
        ColumnRole::Activity,
        ColumnRole::Timestamp,
        ColumnRole::Resource,
        ColumnRole::Amount,
        ColumnRole::Customer,
        ColumnRole::Segment,
        ColumnRole::DueDate,
        ColumnRole::Channel,
        ColumnRole::DunningLevel,
        ColumnRole::DisputeReason,
        ColumnRole::PromiseDate,
    ];

    /// The columns worth loading: the core analyses read case, activity and timestamp only; the
    /// collections measures read the rest.
    fn loaded_roles(args: &WarehouseArgs) -> &'static [ColumnRole] {
        if args.collections || args.cols.mapping.is_some() {
            &LOADED_ROLES
        } else {
            &LOADED_ROLES[..3]
        }
    }

    /// The case, activity and timestamp columns, or an error naming the file's columns.
    fn core_columns(
        file: &Path,
        columns: &[String],
        col_of: impl Fn(ColumnRole) -> Option<usize>,
    ) -> Result<[usize; 3]> {
        match [ColumnRole::Case, ColumnRole::Activity, ColumnRole::Timestamp].map(col_of) {
            [Some(c), Some(a), Some(t)] => Ok([c, a, t]),
            _ => bail!(
                "{}: cannot tell the case, activity and timestamp columns apart; name them with --case, --activity, --timestamp (columns: {})",
                file.display(),
                columns.join(", ")
            ),
        }
    }

    /// Whether a role is one of the log's own columns (the rest are reported as other roles).
    fn is_core(role: ColumnRole) -> bool {
        matches!(
            role,
            ColumnRole::Case | ColumnRole::Activity | ColumnRole::Timestamp | ColumnRole::Resource
        )
    }

    /// The analyses' view of the loaded table: its core columns, the resource when it was loaded,
    /// and the row number that breaks ties in time.
    fn spec_of(
        args: &WarehouseArgs,
        columns: &[String],
        col_of: impl Fn(ColumnRole) -> Option<usize>,
        [c, a, t]: [usize; 3],
    ) -> Spec {
        let name = |i: usize| columns[i].clone();
        let resource = col_of(ColumnRole::Resource).filter(|_| loaded_roles(args).len() > 3);
        Spec {
            resource: resource.map(name),
            order: Some("relance_row".into()),
            variants_cap: args.cols.variants_cap,
            ..Spec::new("relance_log", &name(c), &name(a), &name(t))
        }
    }

    /// The flags' column choices as engine role overrides.
    fn overrides(args: &WarehouseArgs) -> Vec<(String, ColumnRole)> {
        let c = &args.cols;
        [
            (&c.case, ColumnRole::Case),
            (&c.activity, ColumnRole::Activity),
            (&c.timestamp, ColumnRole::Timestamp),
            (&c.resource, ColumnRole::Resource),
        ]
        .into_iter()
        .filter_map(|(n, r)| n.clone().map(|n| (n, r)))
        .collect()
    }

    /// Loads a CSV file into a DuckDB table, reading its columns as `relance analyze` would (the
    /// engine guesses delimiter, header and roles from the first bytes; flags override). Only the
    /// columns with a role are kept; a row number in file order breaks ties in time.
    fn load_csv(d: &mut Duck, file: &Path, args: &WarehouseArgs) -> Result<Loaded> {
        let (head, complete) = head(file)?;
        let delimiter = match args.delimiter.as_deref() {
            None => None,
            Some("tab" | "\\t" | "\t") => Some(b'\t'),
            Some(x) if x.len() == 1 && x.is_ascii() => Some(x.as_bytes()[0]),
            Some(x) => bail!("--delimiter must be one ASCII character or `tab`, not {x:?}"),
        };
        let opts = ImportOptions {
            roles: overrides(args),
            delimiter,
            ..Default::default()
        }
        .csv_options(&head, complete)
        .with_context(|| format!("{}", file.display()))?;
        let col_of = |r: ColumnRole| opts.column_with(r);
        let core = core_columns(file, &opts.columns, col_of)?;
        let positional: Vec<String> = (0..opts.columns.len()).map(|i| format!("c{i}")).collect();
        let mut select = Vec::new();
        let mut used: Vec<String> = Vec::new();
        let mut roles = Vec::new();
        for role in loaded_roles(args).iter().copied() {
            let Some(i) = col_of(role) else { continue };
            let name = opts.columns[i].clone();
            if used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
                continue;
            }
            used.push(name.clone());
            // Not a bare column inside TRY_CAST: DuckDB 2.0 pushes such a cast into the CSV reader,
            // which then stops at the first value it cannot read instead of giving NULL (a row that
            // must be counted as unusable, not end the load).
            select.push(format!(
                "{} AS {}",
                typed(role, &format!("NULLIF({}, '')", positional[i])),
                quote(&name)
            ));
            if !is_core(role) {
                roles.push((name, role));
            }
        }
        let encoding = match opts.encoding {
            relance_engine::import::text::Encoding::Utf8 => "utf-8",
            relance_engine::import::text::Encoding::Windows1252 => "latin-1",
            _ => "utf-16",
        };
        let read = format!(
            "read_csv({path}, header = {header}, all_varchar = true, delim = {delim}, quote = {quote}, escape = {quote}, names = [{names}], null_padding = true, encoding = {enc}{gz})",
            path = sql_string(&file.display().to_string()),
            header = opts.has_header,
            delim = sql_string(&(opts.delimiter as char).to_string()),
            quote = sql_string(&(opts.quote as char).to_string()),
            names = positional.iter().map(|n| sql_string(n)).collect::<Vec<_>>().join(", "),
            enc = sql_string(encoding),
            gz = if is_gzip(file) { ", compression = 'gzip'" } else { "" },
        );
        // preserve_insertion_order keeps file order in the table, so rowid numbers rows in file order.
        d.conn.execute_batch(&format!(
            "CREATE TABLE relance_events AS SELECT {} FROM {read};\
             CREATE VIEW relance_log AS SELECT *, rowid AS relance_row FROM relance_events;",
            select.join(", ")
        ))?;
        let spec = spec_of(args, &opts.columns, col_of, core);
        let mut import = ImportReport::new(Format::Csv);
        import.encoding = opts.encoding;
        import.delimiter = Some(opts.delimiter as char);
        import.columns = columns_used(&spec);
        import.columns.other_roles = roles
            .iter()
            .map(|(n, r)| (r.key().to_string(), n.clone()))
            .collect();
        import.timestamp_format = "ISO-8601 (read by DuckDB)".into();
        import.note(format!(
            "Aggregates computed in embedded DuckDB 1.5.6 from {}; columns and delimiter as relance analyze reads them.",
            file.display()
        ));
        import.note(
            "Timestamps are read by DuckDB as ISO-8601; without an offset they are taken as UTC. Other date formats (dd/mm/yyyy, epoch, Excel serials) are not read in warehouse mode.".into(),
        );
        Ok(Loaded {
            spec,
            import,
            roles,
        })
    }

    /// A Parquet file is queried in place (columnar already); its row number breaks ties in time.
    fn load_parquet(d: &mut Duck, file: &Path, args: &WarehouseArgs) -> Result<Loaded> {
        let path = sql_string(&file.display().to_string());
        let cols = d.query(&format!(
            "SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet({path}))"
        ))?;
        let columns = names_in_order(&cols);
        let mut guessed = relance_engine::import::roles::guess_from_headers(&columns);
        for (n, r) in overrides(args) {
            let Some(i) = columns.iter().position(|c| *c == n) else {
                bail!(
                    "{}: no column {n:?} (columns: {})",
                    file.display(),
                    columns.join(", ")
                );
            };
            for g in guessed.iter_mut().filter(|g| **g == r) {
                *g = ColumnRole::Attribute;
            }
            guessed[i] = r;
        }
        let col_of = |r: ColumnRole| guessed.iter().position(|g| *g == r);
        let core = core_columns(file, &columns, col_of)?;
        let mut select = Vec::new();
        let mut roles = Vec::new();
        for role in loaded_roles(args).iter().copied() {
            let Some(i) = col_of(role) else { continue };
            select.push(format!(
                "{} AS {}",
                typed(role, &quote(&columns[i])),
                quote(&columns[i])
            ));
            if !is_core(role) {
                roles.push((columns[i].clone(), role));
            }
        }
        d.conn.execute_batch(&format!(
            "CREATE VIEW relance_events AS SELECT {}, file_row_number AS relance_row FROM read_parquet({path}, file_row_number = true);\
             CREATE VIEW relance_log AS SELECT * FROM relance_events;",
            select.join(", ")
        ))?;
        let spec = spec_of(args, &columns, col_of, core);
        let mut import = ImportReport::new(Format::Csv);
        import.columns = columns_used(&spec);
        import.timestamp_format = "Parquet timestamp (read by DuckDB)".into();
        import.note(format!(
            "Aggregates computed in embedded DuckDB 1.5.6 from the Parquet file {} (format shown as csv: the report has no Parquet format yet).",
            file.display()
        ));
        Ok(Loaded {
            spec,
            import,
            roles,
        })
    }

    fn names_in_order(t: &Table) -> Vec<String> {
        t.rows
            .iter()
            .filter_map(|r| match r.first() {
                Some(Cell::Text(s)) => Some(s.clone()),
                _ => None,
            })
            .collect()
    }
}
